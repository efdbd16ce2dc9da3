/**
 * `jnp.einsum` of two operands that is one (batched) matrix product, written
 * as the target's matmul: on small arrays `torch.einsum` and NumPy's
 * `einsum(..., optimize=True)` cost several times a matmul per call, in
 * parsing the subscripts and choosing a contraction path.
 *
 * @module
 */
import type { EmitFn } from "./emitter.ts";

/** Which operands the matmul takes with their last two axes swapped. */
export interface MatmulForm {
  readonly transposeLhs: boolean;
  readonly transposeRhs: boolean;
}

const SPEC = /^(\.\.\.)?([a-zA-Z]*),(\.\.\.)?([a-zA-Z]*)->(\.\.\.)?([a-zA-Z]*)$/;

/**
 * The matmul an einsum is, if it is one: both operands and the result share
 * their leading (batch) letters in the same order, and their last two are
 * `mc`/`cm`, `cn`/`nc` and `mn` (`c` contracted). An ellipsis must lead all
 * three or none.
 *
 * @param subscripts The einsum's subscripts, e.g. `"bhqd,bhkd->bhqk"`.
 * @returns The transposes the matmul needs, or `undefined` when it is no matmul.
 * @example A batched q . k
 * ```ts
 * einsumMatmulForm("bhqd,bhkd->bhqk"); // { transposeLhs: false, transposeRhs: true }
 * ```
 */
export function einsumMatmulForm(subscripts: string): MatmulForm | undefined {
  const match = SPEC.exec(subscripts.replaceAll(" ", ""));
  if (!match) return undefined;
  const [, e1, lhs, e2, rhs, e3, out] = match;
  if (e1 !== e2 || e2 !== e3 || out.length < 2) return undefined;
  const batch = out.slice(0, -2);
  const unique = (s: string) => new Set(s).size === s.length;
  if (!unique(lhs) || !unique(rhs) || !unique(out)) return undefined;
  if (lhs.length !== out.length || rhs.length !== out.length) return undefined;
  if (!lhs.startsWith(batch) || !rhs.startsWith(batch)) return undefined;
  const [m, n] = out.slice(-2);
  const l = lhs.slice(-2), r = rhs.slice(-2);
  const c = l.replace(m, "");
  if (c.length !== 1 || c === n || !l.includes(m) || r.replace(c, "") !== n) return undefined;
  return { transposeLhs: l === c + m, transposeRhs: r === n + c };
}

/**
 * The einsum core op's row: a matmul where the subscripts are a literal
 * matrix product of two written operands, else the target's einsum.
 *
 * @param einsum The target's einsum template over `subscripts` and `operands`.
 * @param matmul The target's matmul of two operand expressions.
 * @param transpose The target's swap of an operand's last two axes.
 * @returns The emitter row.
 */
export function einsumEmit(
  einsum: string,
  matmul: (a: string, b: string) => string,
  transpose: (x: string) => string,
): EmitFn {
  return (args) => {
    const subscripts = args.get("subscripts"), operands = args.get("operands");
    if (subscripts?.kind !== "Constant" || typeof subscripts.value !== "string") return einsum;
    if (operands?.kind !== "Tuple" || operands.elts.length !== 2) return einsum;
    const form = einsumMatmulForm(subscripts.value);
    if (!form) return einsum;
    const call = matmul(form.transposeLhs ? transpose("a") : "a", form.transposeRhs ? transpose("b") : "b");
    // the operands go in through a called lambda, which the target stage inlines
    return `(lambda a, b: ${call})(*operands)`;
  };
}
