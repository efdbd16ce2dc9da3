/**
 * `flax.nnx`: Modules, Variables, layers and the activations it re-exports.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** The `flax.nnx` table. */
export const nnxTable: ApiTable = {
  Module: { sig: "", ivy: "ivy.Module", returns: "callable" },
  relu: { alias: "jax.nn.relu" },
  gelu: { alias: "jax.nn.gelu" },
  silu: { alias: "jax.nn.silu" },
  sigmoid: { alias: "jax.nn.sigmoid" },
  tanh: { alias: "jax.numpy.tanh" },
  softmax: { alias: "jax.nn.softmax" },
  log_softmax: { alias: "jax.nn.log_softmax" },
  one_hot: { alias: "jax.nn.one_hot" },
};
