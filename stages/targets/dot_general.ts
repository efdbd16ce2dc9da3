/**
 * `jax.lax.dot_general` as an einsum, on every target: the subscripts follow
 * from the operands' ranks at run time, so a helper writes them and calls the
 * target's einsum.
 *
 * @module
 */
import type { Helper } from "./emitter.ts";

/**
 * The target's `dot_general` helper.
 *
 * @param einsum The target's einsum function, e.g. `torch.einsum`.
 * @returns The helper.
 */
export function dotGeneralHelper(einsum: string): Helper {
  return {
    source: `
def dot_general(lhs, rhs, dimension_numbers):
    """jax.lax.dot_general as an einsum: the batch axes, then lhs's free axes, then rhs's."""
    (lhs_contract, rhs_contract), (lhs_batch, rhs_batch) = dimension_numbers
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    lhs_axes = list(letters[: lhs.ndim])
    rhs_axes = list(letters[lhs.ndim : lhs.ndim + rhs.ndim])
    for i, j in zip([*lhs_contract, *lhs_batch], [*rhs_contract, *rhs_batch]):
        rhs_axes[j] = lhs_axes[i]
    lhs_paired = [*lhs_contract, *lhs_batch]
    rhs_paired = [*rhs_contract, *rhs_batch]
    out = [lhs_axes[i] for i in lhs_batch]
    out += [a for k, a in enumerate(lhs_axes) if k not in lhs_paired]
    out += [a for k, a in enumerate(rhs_axes) if k not in rhs_paired]
    subscripts = "".join(lhs_axes) + "," + "".join(rhs_axes) + "->" + "".join(out)
    return ${einsum}(subscripts, lhs, rhs)
`,
  };
}
