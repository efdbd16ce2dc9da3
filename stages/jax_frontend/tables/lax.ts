/**
 * `jax.lax`: the primitives users call directly.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** The `jax.lax` table. */
export const laxTable: ApiTable = {
  rsqrt: { sig: "x", ivy: "ivy.rsqrt(x)", checks: ["lax.rsqrt(jnp.abs(x) + 0.5)"] },
};
