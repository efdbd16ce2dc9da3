/**
 * `flax.linen`: the functions NNX model files import from it (`from flax import
 * linen as nn` for `nn.max_pool`, `nn.relu`), each an alias of the `flax.nnx`
 * row that is the same function (flax/nnx/__init__.py re-exports linen's
 * pooling; both re-export `jax.nn`'s activations). Linen Modules are not
 * supported.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";
import { ACTIVATIONS } from "./nnx.ts";

/** The `flax.linen` table. */
export const linenTable: ApiTable = {
  avg_pool: { alias: "flax.nnx.avg_pool" },
  max_pool: { alias: "flax.nnx.max_pool" },
  min_pool: { alias: "flax.nnx.min_pool" },
  ...ACTIVATIONS,
};
