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

/** `dtype=None` means float32, as in JAX's default mode. */
const floatDtype = (a: ReadonlyMap<string, Expr>) => (isNone(a.get("dtype")) ? "ivy.float32" : "dtype");

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
};
