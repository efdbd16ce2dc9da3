/**
 * `jax.random`. Keys are target random generators (`jax.random.key(seed)`,
 * `split`, or an `Rngs` stream such as `rngs.params()` gives one): the
 * streams differ from JAX's threefry, the distributions, shapes and dtypes do
 * not. Unlike a JAX key, a generator advances when drawn from, so drawing
 * twice from one key gives different numbers: split keys before each use, as
 * JAX code does.
 *
 * @module
 */
import type { Expr } from "../../ast.ts";
import type { ApiTable } from "../api.ts";
import { isNone } from "../../literals.ts";
import { printExpr } from "../../print.ts";

/** The `dtype` of a random draw or initializer: `dtype=None` means float32, as in JAX's default mode. */
export const floatDtype = (a: ReadonlyMap<string, Expr>) => (isNone(a.get("dtype")) ? "ivy.float32" : "dtype");

/** The `jax.random` table. */
export const randomTable: ApiTable = {
  key: { sig: "seed, *, impl=None", ivy: "ivy.random_key(seed)", returns: "key" },
  PRNGKey: { sig: "seed, *, impl=None", ivy: "ivy.random_key(seed)", returns: "key" },
  split: { sig: "key, num=2", ivy: "ivy.random_split(key, num=num)", returns: "key" },
  normal: {
    sig: "key, shape=(), dtype=None, *, out_sharding=None",
    ivy: (a) => `ivy.random_normal(key, shape, dtype=${floatDtype(a)})`,
    ignored: ["out_sharding"],
  },
  uniform: {
    sig: "key, shape=(), dtype=None, minval=0.0, maxval=1.0, *, out_sharding=None",
    ivy: (a) => `ivy.random_uniform(key, shape, dtype=${floatDtype(a)}, minval=minval, maxval=maxval)`,
    ignored: ["out_sharding"],
  },
  // `mode` picks how many random bits JAX spends, not the distribution.
  bernoulli: {
    sig: "key, p=0.5, shape=None, mode='low', *, out_sharding=None",
    ivy: "ivy.random_bernoulli(key, p=p, shape=shape)",
    ignored: ["mode", "out_sharding"],
  },
  // `replace` matters only with a `shape`, which is not supported.
  categorical: {
    sig: "key, logits, axis=-1, shape=None, replace=True, mode=None, *, out_sharding=None",
    ivy: "ivy.random_categorical(key, logits, axis=axis)",
    ignored: ["replace", "mode", "out_sharding"],
  },
  randint: {
    sig: "key, shape, minval, maxval, dtype=None, *, out_sharding=None",
    ivy: (a) =>
      `ivy.random_randint(key, shape, minval, maxval, dtype=${isNone(a.get("dtype")) ? "ivy.int32" : "dtype"})`,
    ignored: ["out_sharding"],
  },
  permutation: {
    sig: "key, x, axis=0, independent=False, *, out_sharding=None",
    ivy: "ivy.random_permutation(key, x, axis=axis)",
    ignored: ["out_sharding"],
  },
  truncated_normal: {
    sig: "key, lower, upper, shape=None, dtype=None, *, out_sharding=None",
    ivy: (a) => `ivy.random_truncated_normal(key, lower, upper, shape=shape, dtype=${floatDtype(a)})`,
    ignored: ["out_sharding"],
  },
  // one matrix: a batch `shape` is not supported
  orthogonal: {
    sig: "key, n, shape=(), dtype=None, m=None, *, out_sharding=None",
    ivy: (a) =>
      a.get("shape") === undefined || printExpr(a.get("shape")!) === "()"
        ? `ivy.random_orthogonal(key, n, m=m, dtype=${floatDtype(a)})`
        : "error: only `shape=()` (one matrix) is supported",
    ignored: ["out_sharding"],
    checks: [
      "jnp.linalg.svd(jax.random.orthogonal(jax.random.key(0), 5), compute_uv=False)",
      "jnp.linalg.svd(jax.random.orthogonal(jax.random.key(1), 2, m=4), compute_uv=False)",
      "jnp.asarray(jax.random.orthogonal(jax.random.key(2), 4, m=3).shape)",
    ],
  },
};
