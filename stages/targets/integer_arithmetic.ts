/**
 * How each target writes JAX's integer division, remainder, power and shifts
 * where the framework's own call computes something else at an edge: an
 * integer divided by zero (XLA gives -1 or -2 for `//` and 0 for `%`, torch
 * and TensorFlow raise), a zero float quotient's sign, negative integer
 * exponents (JAX squares over the exponent's low 6 bits), shifts by 32 bits
 * or more (TensorFlow wraps the amount). The promotion pass marks an op
 * `integers=True` where it knows both operands are integers: then the direct
 * call is kept where no edge can occur (a nonzero int literal divisor, an int
 * literal exponent) and a small helper is written otherwise.
 *
 * @module
 */
import type { Expr } from "../ast.ts";
import { isIntNumber, isNumber, isTrue, isZero } from "../literals.ts";
import type { EmitFn, EmitRow, Helper } from "./emitter.ts";
import { pyHelper } from "./python_helper.ts";
import TORCH_FLOOR_DIVIDE from "./torch/helpers/floor_divide.py" with { type: "text" };
import TORCH_INT_POWER from "./torch/helpers/int_power.py" with { type: "text" };
import TF_FLOOR_DIVIDE from "./tensorflow/helpers/floor_divide.py" with { type: "text" };
import TF_INT_POWER from "./tensorflow/helpers/int_power.py" with { type: "text" };
import TF_LEFT_SHIFT from "./tensorflow/helpers/left_shift.py" with { type: "text" };
import TF_RIGHT_SHIFT from "./tensorflow/helpers/right_shift.py" with { type: "text" };
import NUMPY_FLOOR_DIVIDE from "./numpy/helpers/floor_divide.py" with { type: "text" };
import NUMPY_INT_POWER from "./numpy/helpers/int_power.py" with { type: "text" };
import NUMPY_REMAINDER from "./numpy/helpers/remainder.py" with { type: "text" };

type Row = string | EmitFn | EmitRow;
type Args = ReadonlyMap<string, Expr>;

/** Integer operands (marked by the promotion pass) whose divisor is a nonzero int literal: no edge to meet. */
const safeIntegerDivision = (a: Args) => isTrue(a.get("integers")) && isIntNumber(a.get("y")) && !isZero(a.get("y"));

/** The row of a division-like op: `plain` where no edge can occur, `fixed` otherwise. */
const divisionRow = (plain: string, fixed: Row, integersOnly = true): EmitFn => (a) => {
  if (safeIntegerDivision(a)) return plain;
  if (integersOnly && !isTrue(a.get("integers"))) return plain;
  return typeof fixed === "function" ? fixed(a) : fixed;
};

/** torch's fmod takes no Python number first: it becomes a 0-d tensor (of torch's default float32). */
const torchFmod = (a: Args) => (isNumber(a.get("x")) ? "torch.fmod(torch.tensor(x), y)" : "torch.fmod(x, y)");

/** The three targets' rows of one op. */
interface Rows {
  readonly torch: Row;
  readonly tensorflow: Row;
  readonly numpy: Row;
}

/** The division, remainder and shift rows of `stages/targets/numpy_family.ts`. */
export const INTEGER_FAMILY: Readonly<
  Record<"floor_divide" | "remainder" | "fmod" | "left_shift" | "right_shift", Rows>
> = {
  floor_divide: {
    torch: divisionRow("torch.floor_divide(x, y)", { emit: "floor_divide(x, y)", helpers: ["floor_divide"] }, false),
    // tf.math.floordiv gives inf for inf // y, where JAX (and torch, NumPy) give NaN
    tensorflow: divisionRow("tf.math.floordiv(x, y)", { emit: "floor_divide(x, y)", helpers: ["floor_divide"] }, false),
    numpy: divisionRow("np.floor_divide(x, y)", { emit: "floor_divide(x, y)", helpers: ["floor_divide"] }, false),
  },
  // JAX divides integers by 1 where the divisor is 0 (x % 0 is 0)
  remainder: {
    torch: divisionRow("torch.remainder(x, y)", "torch.remainder(x, torch.where(y == 0, 1, y))"),
    tensorflow: divisionRow("tf.math.floormod(x, y)", "tf.math.floormod(x, tf.where(y == 0, tf.ones_like(y), y))"),
    // NumPy's integer x % 0 is 0 already; its zero float remainder has the sign of y (JAX's, of x)
    numpy: (
      a,
    ) => (isTrue(a.get("integers")) ? "np.remainder(x, y)" : { emit: "remainder(x, y)", helpers: ["remainder"] }),
  },
  fmod: {
    torch: (a) => divisionRow(torchFmod(a), "torch.fmod(x, torch.where(y == 0, 1, y))")(a),
    tensorflow: divisionRow("tf.truncatemod(x, y)", "tf.truncatemod(x, tf.where(y == 0, tf.ones_like(y), y))"),
    numpy: "np.fmod(x, y)",
  },
  left_shift: {
    torch: "torch.bitwise_left_shift(x, y)",
    tensorflow: { emit: "left_shift(x, y)", helpers: ["left_shift"] },
    numpy: "np.left_shift(x, y)",
  },
  right_shift: {
    torch: "torch.bitwise_right_shift(x, y)",
    tensorflow: { emit: "right_shift(x, y)", helpers: ["right_shift"] },
    numpy: "np.right_shift(x, y)",
  },
};

/**
 * `power`'s row: an integer base to an integer array exponent as JAX computes it (the `int_power` helper); a
 * literal exponent, and anything with a float, is the target's own power.
 */
export const powerRow = (plain: string): EmitFn => (a) =>
  isTrue(a.get("integers")) && !isIntNumber(a.get("y")) ? { emit: "int_power(x, y)", helpers: ["int_power"] } : plain;

/** The torch helpers these rows call. */
export const TORCH_INTEGER_HELPERS: Readonly<Record<string, Helper>> = {
  floor_divide: pyHelper(TORCH_FLOOR_DIVIDE),
  int_power: pyHelper(TORCH_INT_POWER),
};

/** The TensorFlow helpers these rows call. */
export const TF_INTEGER_HELPERS: Readonly<Record<string, Helper>> = {
  floor_divide: pyHelper(TF_FLOOR_DIVIDE),
  int_power: pyHelper(TF_INT_POWER),
  left_shift: pyHelper(TF_LEFT_SHIFT),
  right_shift: pyHelper(TF_RIGHT_SHIFT),
};

/** The NumPy helpers these rows call. */
export const NUMPY_INTEGER_HELPERS: Readonly<Record<string, Helper>> = {
  floor_divide: pyHelper(NUMPY_FLOOR_DIVIDE),
  int_power: pyHelper(NUMPY_INT_POWER),
  remainder: pyHelper(NUMPY_REMAINDER),
};
