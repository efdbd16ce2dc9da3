/**
 * Elementwise `maximum`, `minimum`, `fmax` and `fmin` with JAX's signed zeros. XLA's max of -0.0 and 0.0 is 0.0 and
 * its min -0.0, in either order (`fmax`/`fmin` give y where x == y); torch's, TensorFlow's and NumPy's give either
 * operand, by which of their loops (scalar or vectorized) ran. Against a number literal that is no zero the plain
 * call is exact; against a zero literal the row writes JAX's result directly (cheap, one or two passes; TensorFlow's
 * max with 0 excepted, see its row); against another array, whose zeros the transpiler cannot see, a helper fixes
 * the pairs of zeros by the operands' sign bits (three to five more passes, no masks).
 *
 * @module
 */
import type { Expr } from "../ast.ts";
import type { EmitFn, Helper } from "./emitter.ts";
import { isIntNumber, isNumber, zeroLiteralSign } from "../literals.ts";
import { pyHelper } from "./python_helper.ts";
import TORCH_MAXIMUM from "./torch/helpers/maximum.py" with { type: "text" };
import TORCH_MINIMUM from "./torch/helpers/minimum.py" with { type: "text" };
import TF_MAXIMUM from "./tensorflow/helpers/maximum.py" with { type: "text" };
import TF_MINIMUM from "./tensorflow/helpers/minimum.py" with { type: "text" };
import NUMPY_MAXIMUM from "./numpy/helpers/maximum.py" with { type: "text" };
import NUMPY_MINIMUM from "./numpy/helpers/minimum.py" with { type: "text" };
import TORCH_FMAX from "./torch/helpers/fmax.py" with { type: "text" };
import TORCH_FMIN from "./torch/helpers/fmin.py" with { type: "text" };
import TF_FMAX from "./tensorflow/helpers/fmax.py" with { type: "text" };
import TF_FMIN from "./tensorflow/helpers/fmin.py" with { type: "text" };
import NUMPY_FMAX from "./numpy/helpers/fmax.py" with { type: "text" };
import NUMPY_FMIN from "./numpy/helpers/fmin.py" with { type: "text" };

/** The two elementwise extrema. */
export type Extremum = "maximum" | "minimum";

/**
 * Where both operands are zeros, whether JAX's result is the zero literal `c` (true: `0.0` for a max, `-0.0` for a
 * min) or the array's zero (false); undefined when `c` is no zero literal (the operands are never both zeros).
 */
export function literalWinsTie(op: Extremum, c: Expr | undefined): boolean | undefined {
  const sign = zeroLiteralSign(c);
  return sign === undefined ? undefined : (sign === "+") === (op === "maximum");
}

/** The array operand's and the number literal's parameter names, or undefined when neither is a literal. */
function literalSide(a: ReadonlyMap<string, Expr>): { arr: string; num: string } | undefined {
  if (isNumber(a.get("x"))) return { arr: "y", num: "x" };
  return isNumber(a.get("y")) ? { arr: "x", num: "y" } : undefined;
}

/** The helper call for two arrays (or an array and a value the transpiler cannot see). */
const helperCall = (op: Extremum) => ({ emit: `${op}(x, y)`, helpers: [op] });

/**
 * `arr` against the zero literal `num`, as a `where`: JAX gives the literal where it wins (where `arr` is below it
 * for a max, above for a min, and at a tie of zeros if the literal is the winning zero) and `arr` elsewhere (NaN too).
 */
function zeroWhere(op: Extremum, wins: boolean, arr: string, num: string, where: string): string {
  const cmp = op === "maximum" ? (wins ? "<=" : "<") : (wins ? ">=" : ">");
  return `${where}(${arr} ${cmp} 0, ${num}, ${arr})`;
}

/** One target's way to write a max or min: its call and how it takes a Python number. */
interface ExtremumStyle {
  /** The plain call, given the array's and the number's parameter names. */
  readonly call: (op: Extremum, arr: string, num: string) => string;
  /** The max with the winning zero 0 (0.0), the relu form; `int` when the literal is an int (`0`). */
  readonly maxZero: (arr: string, num: string, int: boolean) => string;
  /** The target's elementwise select, `where(condition, x, y)`. */
  readonly where: string;
}

/** The row of one target. */
const extremumRow = (style: ExtremumStyle) => (op: Extremum): EmitFn => (a) => {
  const side = literalSide(a);
  if (!side) return helperCall(op);
  const { arr, num } = side;
  const wins = literalWinsTie(op, a.get(num));
  if (wins === undefined) return style.call(op, arr, num);
  if (op === "maximum" && wins) return style.maxZero(arr, num, isIntNumber(a.get(num)));
  return zeroWhere(op, wins, arr, num, style.where);
};

/**
 * torch's row: `clamp` takes a Python number as its bound; a max with 0 is `threshold` (0 where x <= 0, NaN kept,
 * relu's speed), which keeps an int array's dtype: a max with 0.0, where JAX's result is float, is `clamp` (which
 * promotes) `+ 0.0` (-0.0 to 0.0). The promotion pass writes 0.0 as 0 where it knows the array's dtype.
 */
export const torchExtremum: (op: Extremum) => EmitFn = extremumRow({
  call: (op, arr, num) => `torch.clamp(${arr}, ${op === "maximum" ? "min" : "max"}=${num})`,
  maxZero: (arr, num, int) =>
    int ? `torch.nn.functional.threshold(${arr}, ${num}, ${num})` : `torch.clamp(${arr}, min=${num}) + 0.0`,
  where: "torch.where",
});

/**
 * TensorFlow's row. A max with 0 stays tf.maximum, as relu stays tf.nn.relu: both give -0.0 for -0.0 in some of
 * their loops (README "Known differences"), and the fix-up (`+ 0`) would double relu's time.
 */
export const tensorflowExtremum: (op: Extremum) => EmitFn = extremumRow({
  call: (op) => `tf.${op}(x, y)`,
  maxZero: () => "tf.maximum(x, y)",
  where: "tf.where",
});

/** NumPy's row: np.maximum of an array and a number gives the number where they tie, so a max with 0 is exact. */
export const numpyExtremum: (op: Extremum) => EmitFn = extremumRow({
  call: (op) => `np.${op}(x, y)`,
  maxZero: (arr, num) => `np.maximum(${arr}, ${num})`,
  where: "np.where",
});

/** torch's extremum helpers. */
export const TORCH_EXTREMUM_HELPERS: Readonly<Record<string, Helper>> = {
  maximum: pyHelper(TORCH_MAXIMUM),
  minimum: pyHelper(TORCH_MINIMUM),
  fmax: pyHelper(TORCH_FMAX),
  fmin: pyHelper(TORCH_FMIN),
};

/** TensorFlow's extremum helpers. */
export const TF_EXTREMUM_HELPERS: Readonly<Record<string, Helper>> = {
  maximum: pyHelper(TF_MAXIMUM),
  minimum: pyHelper(TF_MINIMUM),
  fmax: pyHelper(TF_FMAX),
  fmin: pyHelper(TF_FMIN),
};

/** NumPy's extremum helpers. */
export const NUMPY_EXTREMUM_HELPERS: Readonly<Record<string, Helper>> = {
  maximum: pyHelper(NUMPY_MAXIMUM),
  minimum: pyHelper(NUMPY_MINIMUM),
  fmax: pyHelper(NUMPY_FMAX),
  fmin: pyHelper(NUMPY_FMIN),
};
