/**
 * `jax.lax`: the primitives users call directly.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** The `jax.lax` table. */
export const laxTable: ApiTable = {
  rsqrt: { sig: "x", ivy: "ivy.rsqrt(x)", checks: ["lax.rsqrt(jnp.abs(x) + 0.5)"] },
  // The value is x; only its gradient is zero.
  stop_gradient: {
    sig: "x",
    ivy: "ivy.stop_gradient(x)",
    checks: ["lax.stop_gradient(x)", "lax.stop_gradient(x) * y"],
  },
  square: { sig: "x", ivy: "ivy.square(x)", checks: ["lax.square(x)"] },
  exp: { sig: "x, *, accuracy=None", ivy: "ivy.exp(x)", checks: ["lax.exp(x)"] },
  tanh: { sig: "x, *, accuracy=None", ivy: "ivy.tanh(x)", checks: ["lax.tanh(x)"] },
  // Elementwise, as jnp.maximum/minimum (lax.max/min of arrays of one dtype).
  max: { sig: "x, y", ivy: "ivy.maximum(x, y)", checks: ["lax.max(x, y)"] },
  min: { sig: "x, y", ivy: "ivy.minimum(x, y)", checks: ["lax.min(x, y)"] },
};
