/**
 * `jax.scipy.special`.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** The `jax.scipy.special` table. */
export const scipySpecialTable: ApiTable = {
  logsumexp: {
    sig: "a, axis=None, b=None, keepdims=False, return_sign=False, where=None",
    ivy: "ivy.logsumexp(a, axis=axis, keepdims=keepdims)",
    checks: [
      "jax.scipy.special.logsumexp(x)",
      "jax.scipy.special.logsumexp(x, axis=1, keepdims=True)",
      "jax.nn.logsumexp(x, axis=0)",
    ],
  },
};
