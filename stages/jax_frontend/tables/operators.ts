/**
 * Python operators and indexing on JAX arrays. They stay operators in every
 * IR (`x @ w`, `x[None, ..., 1:]`), so they have no lowering row; this table
 * only holds their numerical checks, including JAX's dtype promotion where
 * the targets' own rules differ (see `stages/targets/promotion.ts`).
 *
 * Checks whose operands' dtypes the transpiler cannot know (function
 * parameters such as `i`) only use operands of one dtype category; the
 * promotion checks build mixed dtypes inside the expression.
 *
 * @module
 */

/** Integer operands of mixed signs and zero divisors. */
const INT_PAIR = ["jnp.array([7, -7, 0, 5])", "jnp.array([2, 0, 0, -3])"];

/** The checks of one operator, or of one promotion rule. */
export interface OperatorRow {
  /** The syntax checked, for reports. */
  readonly syntax: string;
  /** Python expressions over `x`, `y`, `v` (float32) and `i` (int32), as for API rows. */
  readonly checks: readonly string[];
  readonly tolerance?: { readonly rtol: number; readonly why: string };
}

/** Operator, indexing and promotion checks, by name. */
export const operatorTable: Readonly<Record<string, OperatorRow>> = {
  // arithmetic
  add: { syntax: "a + b", checks: ["x + y", "x + v", "x + 1", "i + i", "1.5 + x"] },
  subtract: { syntax: "a - b", checks: ["x - y", "2.0 - x", "i - 1"] },
  multiply: { syntax: "a * b", checks: ["x * y", "x * 2.0", "i * 3"] },
  true_divide: { syntax: "a / b", checks: ["x / (jnp.abs(y) + 1.0)", "x / 4", "1.0 / (jnp.abs(x) + 1.0)"] },
  // integers whose dtypes are known meet JAX's edges: x // 0 is -1 or -2, x % 0 is 0, exponents by their low 6 bits
  floor_divide: {
    syntax: "a // b",
    checks: ["x // 0.5", "i // 2", `${INT_PAIR[0]} // ${INT_PAIR[1]}`, "jnp.arange(4) // 0", "(x > 0) // (y > 0)"],
  },
  mod: { syntax: "a % b", checks: ["x % 0.5", "i % 2", "(i - 1) % 2", `${INT_PAIR[0]} % ${INT_PAIR[1]}`] },
  power: {
    syntax: "a ** b",
    checks: ["x**2", "jnp.abs(x) ** 0.5", "i**2", "2.0**x", "jnp.array([2, 0, -3, 3]) ** jnp.array([3, -1, 2, 33])"],
  },
  negative: { syntax: "-a", checks: ["-x", "-i"] },
  matmul: { syntax: "a @ b", checks: ["x @ y.T", "x[None] @ y.T", "y.T @ x", "x @ v", "v @ y.T", "v @ v"] },
  // comparisons and logic
  compare: {
    syntax: "a < b, <=, >, >=, ==, !=",
    checks: ["x < y", "x <= 0.0", "x > v", "x >= 0", "i == 2", "i != 0"],
  },
  logical: { syntax: "a & b, a | b, ~a", checks: ["(x > 0) & (y > 0)", "(x > 0) | (y > 0)", "~(x > 0)"] },
  // indexing
  getitem: {
    syntax: "a[index]",
    checks: [
      "x[0]",
      "x[-1, -2]",
      "x[1:, ::2]",
      "x[None, ..., 1:]",
      "x[..., None]",
      "x[:, None, 1]",
      "x[i]",
      "x[:, i]",
      "x[i, 1:]",
      "x[i, i]",
      "x[None, i]",
      "x[i, ..., 0]",
      "x[i[:, None], i[None, :2]]",
      "x[:, 0][i]",
    ],
  },
  // JAX's promotion where the targets' differ: weak Python scalars take the
  // array's dtype unless of a higher category (then float32 / int32), mixed
  // arrays go up the lattice bool < int32 < float32, and / of integers is float32.
  promote_weak_float: {
    syntax: "int32 array with a Python float",
    checks: [
      "jnp.arange(3) + 1.5",
      "jnp.argmax(x, axis=1) * 0.5",
      "i.astype(jnp.int32) - 0.25",
      "jnp.arange(5) // 2.0",
      "jnp.arange(4) ** 0.5",
      "jnp.add(jnp.arange(3), 1.5)",
    ],
  },
  promote_weak_int: {
    syntax: "bool array with a Python int",
    checks: ["(x > 0) + 1", "(x > 0) * 2.5", "x * 2", "jnp.arange(3) * 2"],
  },
  promote_true_divide: {
    syntax: "int32 / int32",
    checks: [
      "jnp.arange(1, 4) / 2",
      "jnp.arange(6) / jnp.arange(1, 7)",
      "jnp.argmax(x, axis=1) / jnp.arange(1, 4)",
      "jnp.divide(jnp.arange(3), 2)",
    ],
  },
  promote_mixed_arrays: {
    syntax: "float32 array with an int32 or bool array",
    checks: [
      "jnp.ones((3, 4)) + jnp.arange(4)",
      "jnp.eye(3, 4) - i.astype(jnp.int32)[:, None]",
      "jnp.arange(3)[:, None] * y.astype(jnp.float32)",
      "(x > 0) * y",
      "y * (x > 0)",
      "jnp.multiply(jax.nn.one_hot(i, 4), jnp.arange(4))",
      "jnp.maximum(jnp.arange(4), jnp.full((4,), 1.5))",
      "jnp.where(x > 0, jnp.arange(4), 0.5)",
      "jnp.arange(8).reshape(2, 4) @ jnp.ones((4, 3))",
    ],
  },
  promote_compare: {
    syntax: "comparison across dtypes",
    checks: [
      "jnp.arange(4) > 1.5",
      "jnp.arange(3)[:, None] < jnp.linspace(0.0, 2.0, 4)",
      "jnp.arange(4) == jnp.ones(4)",
      "jnp.equal(jnp.arange(4), 2.0)",
    ],
  },
};
