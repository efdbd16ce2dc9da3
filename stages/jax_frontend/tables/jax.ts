/**
 * Top-level `jax` APIs.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** The top-level `jax` table. */
export const jaxTable: ApiTable = {
  jit: {
    sig:
      "fun, /, in_shardings=None, out_shardings=None, static_argnums=None, static_argnames=None, donate_argnums=None, donate_argnames=None, keep_unused=False, device=None, backend=None, inline=False",
    ivy: "fun",
    ignored: ["static_argnums", "static_argnames", "donate_argnums", "donate_argnames", "keep_unused", "inline"],
    returns: "callable",
  },
};
