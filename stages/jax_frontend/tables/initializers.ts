/**
 * `jax.nn.initializers` and `flax.nnx.initializers` called directly
 * (jax/_src/nn/initializers.py, flax/nnx/nn/initializers.py): a factory such
 * as `normal(0.02)` is an initializer, a function of `(key, shape, dtype)`,
 * written as a lambda over the core ops (the jax_frontend stage inlines it
 * where it is called at once). Random ones draw from the target's generator:
 * the same distribution, other numbers. As layer arguments (`kernel_init=`)
 * they are not supported: the targets' layers initialize themselves, and
 * `load_flax_state` copies Flax's weights.
 *
 * @module
 */
import type { ApiTable, Lowering } from "../api.ts";
import { floatDtype } from "./random.ts";

/** An initializer with a default dtype: `lambda key, shape, dtype=...: body`, float32 unless the factory says. */
function initializer(body: string): Lowering {
  return (a) => `lambda key, shape, dtype=${floatDtype(a)}: ${body}`;
}

const ZEROS = "lambda key, shape, dtype=ivy.float32: ivy.zeros(shape, dtype=dtype)";
const ONES = "lambda key, shape, dtype=ivy.float32: ivy.ones(shape, dtype=dtype)";
/** `zeros(key, shape, dtype)` itself: the initializer, called or passed as a value. */
const DIRECT = "key, shape, dtype=None, out_sharding=None";

/** The `jax.nn.initializers` table. */
export const initializersTable: ApiTable = {
  zeros: {
    sig: DIRECT,
    ivy: (a) => `ivy.zeros(shape, dtype=${floatDtype(a)})`,
    asValue: ZEROS,
    ignored: ["out_sharding"],
    checks: ["jax.nn.initializers.zeros(jax.random.key(0), (2, 3))"],
  },
  ones: {
    sig: DIRECT,
    ivy: (a) => `ivy.ones(shape, dtype=${floatDtype(a)})`,
    asValue: ONES,
    ignored: ["out_sharding"],
    checks: ["jax.nn.initializers.ones(jax.random.key(0), (3,), jnp.int32)"],
  },
  constant: {
    sig: "value, dtype=None",
    ivy: initializer("ivy.full(shape, value, dtype=dtype)"),
    returns: "callable",
    checks: [
      "jax.nn.initializers.constant(-7.0)(jax.random.key(0), (2, 3))",
      "jax.nn.initializers.constant(2, jnp.int32)(jax.random.key(0), (4,))",
    ],
  },
  normal: {
    sig: "stddev=1e-2, dtype=None",
    ivy: initializer("ivy.random_normal(key, shape, dtype=dtype) * stddev"),
    returns: "callable",
    checks: [
      "jnp.abs(jnp.std(jax.nn.initializers.normal(0.5)(jax.random.key(0), (20000,))) - 0.5) < 0.02",
      "jnp.asarray(jax.nn.initializers.normal()(jax.random.key(1), (2, 3)).shape)",
    ],
  },
  uniform: {
    sig: "scale=1e-2, dtype=None",
    ivy: initializer("ivy.random_uniform(key, shape, dtype=dtype) * scale"),
    returns: "callable",
    checks: [
      "jnp.max(jax.nn.initializers.uniform(2.0)(jax.random.key(0), (5000,))) <= 2.0",
      "jnp.min(jax.nn.initializers.uniform(2.0)(jax.random.key(0), (5000,))) >= 0.0",
      "jnp.abs(jnp.mean(jax.nn.initializers.uniform(2.0)(jax.random.key(0), (20000,))) - 1.0) < 0.05",
    ],
  },
};

/** `flax.nnx.initializers`: jax's, and the factories `zeros_init()` / `ones_init()`. */
export const nnxInitializersTable: ApiTable = {
  zeros: { alias: "jax.nn.initializers.zeros" },
  ones: { alias: "jax.nn.initializers.ones" },
  constant: { alias: "jax.nn.initializers.constant" },
  normal: { alias: "jax.nn.initializers.normal" },
  uniform: { alias: "jax.nn.initializers.uniform" },
  zeros_init: {
    sig: "",
    ivy: ZEROS,
    returns: "callable",
    checks: ["nnx.initializers.zeros_init()(jax.random.key(0), (2,))"],
  },
  ones_init: {
    sig: "",
    ivy: ONES,
    returns: "callable",
    checks: ["nnx.initializers.ones_init()(jax.random.key(0), (2,))"],
  },
};
