/**
 * `lax.conv_general_dilated` and `lax.conv` lowered to the core op
 * `conv_general_dilated`, whose layout is Flax's: lhs (batch, *spatial, in),
 * rhs (*spatial, in // feature_group_count, out), result (batch, *spatial, out).
 * Any `dimension_numbers` (None, or three layout strings such as
 * `("NHWC", "HWIO", "NHWC")`) become transposes around it; the spatial axes
 * are matched by letter and ordered as in the rhs layout, as lax does
 * (`conv_general_permutations` in jax/_src/lax/convolution.py).
 *
 * @module
 */
import type { Expr } from "../../ast.ts";
import type { Lowering } from "../api.ts";
import { isNone } from "../../literals.ts";
import { preferredElementType } from "./precision.ts";

/** The layout strings of `dimension_numbers`, or a reason they cannot be read. */
function layouts(dn: Expr | undefined, spatial: number | undefined): [string, string, string] | string {
  if (isNone(dn)) {
    if (spatial === undefined) return "`window_strides` must be a literal tuple when `dimension_numbers` is None";
    const letters = [...Array(spatial).keys()].join("");
    return ["NC" + letters, "OI" + letters, "NC" + letters];
  }
  if ((dn!.kind !== "Tuple" && dn!.kind !== "List") || dn!.elts.length !== 3) {
    return "`dimension_numbers` must be None or a literal tuple of three layout strings";
  }
  const specs = dn!.elts.map((e) => (e.kind === "Constant" && typeof e.value === "string" ? e.value : undefined));
  if (specs.some((s) => s === undefined)) return "`dimension_numbers` must hold three literal layout strings";
  return specs as [string, string, string];
}

/** The axes of `spec` in the order (first, *spatial in `rhs`'s order, second), for the pair of letters. */
function canonicalAxes(spec: string, pair: string, rhs: string): number[] {
  const spatial = [...spec].map((_, k) => k).filter((k) => !pair.includes(spec[k]));
  spatial.sort((i, j) => rhs.indexOf(spec[i]) - rhs.indexOf(spec[j]));
  return [spec.indexOf(pair[0]), ...spatial, spec.indexOf(pair[1])];
}

/** `x` transposed by `axes`, or `x` when `axes` is the identity. */
function transposed(x: string, axes: readonly number[]): string {
  return axes.every((a, k) => a === k) ? x : `ivy.transpose(${x}, (${axes.join(", ")}))`;
}

/** The number of items of a literal tuple or list, or undefined. */
function literalLength(e: Expr | undefined): number | undefined {
  return e?.kind === "Tuple" || e?.kind === "List" ? e.elts.length : undefined;
}

/**
 * The lowering of a convolution with lax's arguments; `fixed` are the
 * arguments the API itself fixes (`lax.conv` has no dilations nor layouts).
 */
export function convolution(fixed: Readonly<Record<string, string>> = {}): Lowering {
  return (a) => {
    const strides = a.get("window_strides");
    const specs = layouts(a.get("dimension_numbers"), literalLength(strides));
    if (typeof specs === "string") return `error: ${specs}`;
    const [lhs, rhs, out] = specs;
    const spatialOf = (spec: string, pair: string) => [...spec].filter((c) => !pair.includes(c)).sort().join("");
    const named = (spec: string, pair: string) =>
      new Set(spec).size === spec.length && spec.includes(pair[0]) &&
      spec.includes(pair[1]);
    const valid = named(lhs, "NC") && named(rhs, "OI") && named(out, "NC") &&
      spatialOf(lhs, "NC") === spatialOf(rhs, "OI") && spatialOf(out, "NC") === spatialOf(rhs, "OI");
    if (!valid || lhs.length < 3) return "error: `dimension_numbers` must name N, C / O, I and the same spatial axes";
    const spatial = lhs.length - 2;
    const ones = `(${Array(spatial).fill("1").join(", ")},)`;
    const lhsAxes = canonicalAxes(lhs, "NC", rhs);
    const rhsAxes = canonicalAxes(rhs, "OI", rhs);
    // the core op's (*spatial, in, out) kernel: the rhs's spatial axes, then I, then O
    const kernelAxes = [...rhsAxes.slice(1, -1), rhsAxes.at(-1)!, rhsAxes[0]];
    const result = canonicalAxes(out, "NC", rhs);
    // the result's axis k is the core result's axis that holds out's letter k
    const outAxes = [...out].map((_, k) => result.indexOf(k));
    const dilation = (name: string) => fixed[name] ?? (isNone(a.get(name)) ? ones : name);
    return preferredElementType((t) =>
      transposed(
        `ivy.conv_general_dilated(${transposed(t("lhs"), lhsAxes)}, ${transposed(t("rhs"), kernelAxes)}, ` +
          `window_strides, padding, ${dilation("lhs_dilation")}, ${dilation("rhs_dilation")}, ` +
          `${fixed.feature_group_count ?? "feature_group_count"})`,
        outAxes,
      )
    )(a);
  };
}
