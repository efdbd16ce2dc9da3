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
  softplus: { sig: "x", ivy: "ivy.softplus(x)", checks: ["jax.nn.softplus(x)", "jax.nn.softplus(x * 30.0)"] },
  log_sigmoid: {
    sig: "x",
    ivy: "ivy.log_sigmoid(x)",
    checks: ["jax.nn.log_sigmoid(x)", "jax.nn.log_sigmoid(x * 30.0)"],
  },
  // JAX's slope is 0.01 (Keras's and TensorFlow's 0.2); x == 0 gives 0 either way.
  leaky_relu: {
    sig: "x, negative_slope=1e-2",
    ivy: "ivy.leaky_relu(x, negative_slope=negative_slope)",
    checks: ["jax.nn.leaky_relu(x)", "jax.nn.leaky_relu(x, 0.3)", "jax.nn.leaky_relu(x, negative_slope=1.5)"],
  },
  elu: {
    sig: "x, alpha=1.0",
    ivy: "ivy.elu(x, alpha=alpha)",
    checks: ["jax.nn.elu(x)", "jax.nn.elu(x, alpha=0.5)", "jax.nn.elu(x, 2.0)"],
  },
  relu6: { sig: "x", ivy: "ivy.relu6(x)", checks: ["jax.nn.relu6(x * 8.0)"] },
  // algorithm="stable" and "fast" compute the same variance, to rounding.
  standardize: {
    sig: "x, axis=-1, mean=None, variance=None, epsilon=1e-5, where=None, *, algorithm='fast'",
    ivy: "ivy.standardize(x, axis=axis, epsilon=epsilon)",
    ignored: ["algorithm"],
    checks: [
      "jax.nn.standardize(x)",
      "jax.nn.standardize(x, axis=0)",
      "jax.nn.standardize(x, axis=(0, 1), epsilon=0.1)",
      "jax.nn.standardize(x * 0.001, epsilon=1e-3)",
    ],
  },
  logsumexp: { alias: "jax.scipy.special.logsumexp" },
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
    checks: ["jax.nn.log_softmax(x)", "jax.nn.log_softmax(x, axis=0)", "jax.nn.log_softmax(x * 1e30)"],
  },
  one_hot: {
    sig: "x, num_classes, *, dtype=None, axis=-1",
    ivy: (a) => `ivy.one_hot(x, num_classes, dtype=${a.get("dtype")?.kind === "Constant" ? "ivy.float32" : "dtype"})`,
    checks: ["jax.nn.one_hot(i, 5)", "jax.nn.one_hot(i, 4, dtype=jnp.int32)"],
  },
  dot_product_attention: {
    sig: "query, key, value, bias=None, mask=None, *, scale=None, is_causal=False, query_seq_lengths=None, " +
      "key_value_seq_lengths=None, local_window_size=None, implementation=None, return_residual=False",
    ivy: "ivy.dot_product_attention(query, key, value, bias=bias, mask=mask, scale=scale, is_causal=is_causal)",
    ignored: ["implementation"],
    checks: [
      "jax.nn.dot_product_attention(x.reshape(1, 3, 2, 2), y.reshape(1, 3, 2, 2), (x * y).reshape(1, 3, 2, 2))",
      "jax.nn.dot_product_attention(x.reshape(3, 2, 2), y.reshape(3, 2, 2), x.reshape(3, 2, 2), is_causal=True)",
      "jax.nn.dot_product_attention(x.reshape(1, 3, 2, 2), y.reshape(1, 3, 2, 2), x.reshape(1, 3, 2, 2), " +
      "mask=(x[:, :3] > 0).reshape(1, 1, 3, 3), bias=y[:, 1:].reshape(1, 1, 3, 3), scale=0.5)",
      // grouped-query attention: 2 query heads share each key/value head
      "jax.nn.dot_product_attention(x.reshape(1, 3, 2, 2), y[:, :2].reshape(1, 3, 1, 2), " +
      "x[:, 2:].reshape(1, 3, 1, 2), is_causal=True)",
    ],
  },
};
