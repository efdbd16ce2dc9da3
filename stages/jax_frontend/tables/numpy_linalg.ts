/**
 * `jax.numpy.linalg` (jax/_src/numpy/linalg.py in JAX 0.10.2).
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** The `jax.numpy.linalg` table. */
export const numpyLinalgTable: ApiTable = {
  // NumPy's semantics: without ord, the 2-norm of a vector, the Frobenius norm
  // of a matrix, of the flattened array when there is no axis either.
  norm: {
    sig: "x, ord=None, axis=None, keepdims=False",
    ivy: "ivy.norm(x, ord=ord, axis=axis, keepdims=keepdims)",
    checks: [
      "jnp.linalg.norm(v)",
      "jnp.linalg.norm(x)",
      "jnp.linalg.norm(v, 2)",
      "jnp.linalg.norm(v, ord=1)",
      "jnp.linalg.norm(v, ord=jnp.inf)",
      "jnp.linalg.norm(x, axis=1)",
      "jnp.linalg.norm(x, axis=0, keepdims=True)",
      "jnp.linalg.norm(x, ord=1, axis=-1)",
      "jnp.linalg.norm(x, keepdims=True)",
      "jnp.linalg.norm(x, 'fro')",
      "jnp.linalg.norm(x, ord=2)",
      "jnp.linalg.norm(x, ord=1)",
      "jnp.linalg.norm(x, ord=jnp.inf)",
      "jnp.linalg.norm(x[None], axis=(1, 2))",
      "jnp.linalg.norm(x, 'fro', axis=(0, 1), keepdims=True)",
      "jnp.linalg.norm(v, 3)",
    ],
  },
};
