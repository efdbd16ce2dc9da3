/**
 * `jax.nn`: activations and friends (jax/_src/nn/functions.py).
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** The `jax.nn` table. */
export const nnTable: ApiTable = {
  relu: { sig: "x", ivy: "ivy.relu(x)", checks: ["jax.nn.relu(x)"] },
  gelu: {
    sig: "x, approximate=True",
    ivy: "ivy.gelu(x, approximate=approximate)",
    // The trap: JAX's default is the tanh approximation, torch's and Keras's the exact form.
    checks: [
      "jax.nn.gelu(x)",
      "jax.nn.gelu(x, approximate=False)",
      "jax.nn.gelu(x, approximate=x.ndim < 2)",
      "jax.nn.gelu(x, approximate=True)",
    ],
  },
  silu: { sig: "x", ivy: "ivy.silu(x)", checks: ["jax.nn.silu(x)"] },
  swish: { alias: "jax.nn.silu" },
  sigmoid: { sig: "x", ivy: "ivy.sigmoid(x)", checks: ["jax.nn.sigmoid(x)"] },
  tanh: { alias: "jax.numpy.tanh" },
  softmax: {
    sig: "x, axis=-1, where=None, initial=None",
    ivy: "ivy.softmax(x, axis=axis)",
    checks: ["jax.nn.softmax(x)", "jax.nn.softmax(x, axis=0)"],
  },
  log_softmax: {
    sig: "x, axis=-1, where=None, initial=None",
    ivy: "ivy.log_softmax(x, axis=axis)",
    checks: ["jax.nn.log_softmax(x)", "jax.nn.log_softmax(x, axis=0)"],
  },
  one_hot: {
    sig: "x, num_classes, *, dtype=None, axis=-1",
    ivy: (a) => `ivy.one_hot(x, num_classes, dtype=${a.get("dtype")?.kind === "Constant" ? "ivy.float32" : "dtype"})`,
    checks: ["jax.nn.one_hot(i, 5)", "jax.nn.one_hot(i, 4, dtype=jnp.int32)"],
  },
};
