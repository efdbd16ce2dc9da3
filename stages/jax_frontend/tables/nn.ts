/**
 * `jax.nn`: activations and friends (jax/_src/nn/functions.py).
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** Inputs an activation must treat as JAX does: NaN, signed zeros, small and moderate values. */
const SPECIAL = "jnp.array([jnp.nan, -30.0, -3.0, -1.0, -0.5, -0.0, 0.0, 1e-7, 0.5, 1.0, 3.0, 30.0])";
/** Infinities and large magnitudes, the results clipped so that an infinity compares as a number. */
const EXTREME = "jnp.array([-jnp.inf, -1e30, 1e30, jnp.inf])";

/** An elementwise activation's checks: random inputs, the special values, and the extremes. */
function activationChecks(f: string, ...more: string[]): string[] {
  return [`${f}(x)`, `${f}(x * 4.0)`, `${f}(${SPECIAL})`, `jnp.clip(${f}(${EXTREME}), -1e35, 1e35)`, ...more];
}

/** A one-argument activation lowered to the core op of its name. */
const activation = (name: string) => ({
  sig: "x",
  ivy: `ivy.${name}(x)`,
  checks: activationChecks(`jax.nn.${name}`),
});

/** The `jax.nn` table. */
export const nnTable: ApiTable = {
  relu: activation("relu"),
  gelu: {
    sig: "x, approximate=True",
    ivy: "ivy.gelu(x, approximate=approximate)",
    // The trap: JAX's default is the tanh approximation, torch's and Keras's the exact form.
    checks: [
      "jax.nn.gelu(x)",
      "jax.nn.gelu(x, approximate=False)",
      "jax.nn.gelu(x, approximate=x.ndim < 2)",
      "jax.nn.gelu(x, approximate=True)",
      `jax.nn.gelu(${SPECIAL})`,
      `jnp.clip(jax.nn.gelu(${EXTREME}), -1e35, 1e35)`,
      `jax.nn.gelu(${SPECIAL}, approximate=False)`,
      `jnp.clip(jax.nn.gelu(${EXTREME}, approximate=False), -1e35, 1e35)`,
    ],
  },
  silu: activation("silu"),
  softplus: {
    sig: "x",
    ivy: "ivy.softplus(x)",
    checks: activationChecks("jax.nn.softplus", "jax.nn.softplus(x * 30.0)"),
  },
  log_sigmoid: {
    sig: "x",
    ivy: "ivy.log_sigmoid(x)",
    checks: activationChecks("jax.nn.log_sigmoid", "jax.nn.log_sigmoid(x * 30.0)"),
  },
  // JAX's slope is 0.01 (Keras's and TensorFlow's 0.2); x == 0 gives 0 either way.
  leaky_relu: {
    sig: "x, negative_slope=1e-2",
    ivy: "ivy.leaky_relu(x, negative_slope=negative_slope)",
    checks: activationChecks(
      "jax.nn.leaky_relu",
      "jax.nn.leaky_relu(x, 0.3)",
      "jax.nn.leaky_relu(x, negative_slope=1.5)",
    ),
  },
  elu: {
    sig: "x, alpha=1.0",
    ivy: "ivy.elu(x, alpha=alpha)",
    checks: activationChecks("jax.nn.elu", "jax.nn.elu(x, alpha=0.5)", "jax.nn.elu(x, 2.0)"),
  },
  relu6: activation("relu6"),
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
  celu: {
    sig: "x, alpha=1.0",
    ivy: "ivy.celu(x, alpha=alpha)",
    checks: activationChecks("jax.nn.celu", "jax.nn.celu(x, alpha=0.5)", "jax.nn.celu(x * 4.0, 2.0)"),
  },
  selu: activation("selu"),
  glu: {
    sig: "x, axis=-1",
    ivy: "ivy.glu(x, axis=axis)",
    checks: [
      "jax.nn.glu(x)",
      "jax.nn.glu(jnp.concatenate([x, y]), axis=0)",
      "jax.nn.glu(x * 20.0)",
      `jax.nn.glu(${SPECIAL})`,
    ],
  },
  mish: activation("mish"),
  squareplus: {
    sig: "x, b=4",
    ivy: "ivy.squareplus(x, b=b)",
    checks: activationChecks("jax.nn.squareplus", "jax.nn.squareplus(x, b=0.5)", "jax.nn.squareplus(x, 1)"),
  },
  hard_sigmoid: activation("hard_sigmoid"),
  hard_silu: activation("hard_silu"),
  hard_swish: { alias: "jax.nn.hard_silu" },
  hard_tanh: activation("hard_tanh"),
  soft_sign: activation("soft_sign"),
  sparse_plus: activation("sparse_plus"),
  sparse_sigmoid: activation("sparse_sigmoid"),
  identity: { sig: "x", ivy: "ivy.asarray(x)", checks: ["jax.nn.identity(x)", "jax.nn.identity(i)"] },
  logsumexp: { alias: "jax.scipy.special.logsumexp" },
  swish: { alias: "jax.nn.silu" },
  sigmoid: activation("sigmoid"),
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
