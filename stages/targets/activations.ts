/**
 * Activation helpers written the same in every target but for the module
 * that holds the elementwise functions (`np`, `torch`, `tf`).
 *
 * @module
 */
import type { Helper } from "./emitter.ts";

/**
 * `squareplus` and `sparse_plus`, as JAX defines them.
 *
 * @param ns The module with `sqrt`, `square` and `where`, e.g. `torch`.
 * @returns Helper name to helper.
 */
export function activationHelpers(ns: string): Record<string, Helper> {
  return {
    squareplus: {
      source: `
def squareplus(x, b=4):
    """jax.nn.squareplus: (x + sqrt(x**2 + b)) / 2."""
    return (x + ${ns}.sqrt(${ns}.square(x) + b)) / 2
`,
    },
    sparse_plus: {
      source: `
def sparse_plus(x):
    """jax.nn.sparse_plus: 0 up to -1, x from 1, (x + 1)**2 / 4 between."""
    return ${ns}.where(x <= -1.0, 0.0, ${ns}.where(x >= 1.0, x, (x + 1.0) ** 2 / 4))
`,
    },
  };
}
