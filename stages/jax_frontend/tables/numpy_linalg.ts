/**
 * `jax.numpy.linalg` (jax/_src/numpy/linalg.py in JAX 0.10.2).
 *
 * @module
 */
import type { ApiTable } from "../api.ts";
import { isFalse } from "../../literals.ts";

/** A symmetric positive definite 3x3 matrix made of the check input `x`. */
const SPD = "(x @ x.T + 3.0 * jnp.eye(3))";
/** A general, well conditioned 3x3 matrix. */
const SQUARE = "(x[:, :3] + 3.0 * jnp.eye(3))";
const FLOAT32 = { rtol: 1e-4, why: "float32 LAPACK routines differ in rounding across libraries" };

/** The `jax.numpy.linalg` table. */
export const numpyLinalgTable: ApiTable = {
  // NumPy's semantics: without ord, the 2-norm of a vector, the Frobenius norm
  // of a matrix, of the flattened array when there is no axis either.
  norm: {
    sig: "x, ord=None, axis=None, keepdims=False",
    ivy: "ivy.norm(x, ord=ord, axis=axis, keepdims=keepdims)",
    checks: [
      "jnp.linalg.norm(v)",
      "jnp.linalg.norm(x)",
      "jnp.linalg.norm(v, 2)",
      "jnp.linalg.norm(v, ord=1)",
      "jnp.linalg.norm(v, ord=jnp.inf)",
      "jnp.linalg.norm(x, axis=1)",
      "jnp.linalg.norm(x, axis=0, keepdims=True)",
      "jnp.linalg.norm(x, ord=1, axis=-1)",
      "jnp.linalg.norm(x, keepdims=True)",
      "jnp.linalg.norm(x, 'fro')",
      "jnp.linalg.norm(x, ord=2)",
      "jnp.linalg.norm(x, ord=1)",
      "jnp.linalg.norm(x, ord=jnp.inf)",
      "jnp.linalg.norm(x[None], axis=(1, 2))",
      "jnp.linalg.norm(x, 'fro', axis=(0, 1), keepdims=True)",
      "jnp.linalg.norm(v, 3)",
    ],
  },
  // The decompositions return tuples (JAX's named tuples unpack the same way). Singular vectors and eigenvectors
  // are unique up to sign: the checks compare their absolute values, and the reconstructions.
  inv: {
    sig: "a",
    ivy: "ivy.inv(a)",
    checks: [`jnp.linalg.inv(${SPD})`, `jnp.linalg.inv(${SQUARE})`, `jnp.linalg.inv(jnp.stack([${SPD}, ${SQUARE}]))`],
    tolerance: FLOAT32,
  },
  det: {
    sig: "a",
    ivy: "ivy.det(a)",
    checks: [
      `jnp.linalg.det(${SQUARE})`,
      "jnp.linalg.det(jnp.stack([x[:, :3], y[:, :3]]))",
      "jnp.linalg.det(jnp.ones((2, 2)))",
    ],
    tolerance: FLOAT32,
  },
  slogdet: {
    sig: "a, *, method=None",
    ivy: "ivy.slogdet(a)",
    checks: [`tuple(jnp.linalg.slogdet(${SQUARE}))`, "tuple(jnp.linalg.slogdet(x[:, :3]))"],
    tolerance: FLOAT32,
  },
  // tf.linalg.solve takes a matrix `b` only
  solve: {
    sig: "a, b",
    ivy: "ivy.solve(a, b)",
    checks: [`jnp.linalg.solve(${SQUARE}, y[:, :2])`, `jnp.linalg.solve(${SPD}, x)`],
    tolerance: FLOAT32,
  },
  // the lower factor; `symmetrize_input` (JAX's default) averages the input with its transpose first: the targets
  // read the lower triangle, the same for a symmetric input
  cholesky: {
    sig: "a, *, upper=False, symmetrize_input=True",
    ivy: "ivy.cholesky(a)",
    ignored: ["symmetrize_input"],
    checks: [`jnp.linalg.cholesky(${SPD})`, `jnp.linalg.cholesky(jnp.stack([${SPD}, jnp.eye(3)]))`],
    tolerance: FLOAT32,
  },
  qr: {
    sig: "a, mode='reduced'",
    ivy: "ivy.qr(a, mode=mode)",
    checks: [
      "jnp.abs(jnp.linalg.qr(x)[0])",
      "jnp.abs(jnp.linalg.qr(x)[1])",
      "jnp.abs(jnp.linalg.qr(x.T)[1])",
      "jnp.abs(jnp.linalg.qr(x.T, mode='complete')[0])",
      "jnp.abs(jnp.linalg.qr(x, mode='r'))",
    ],
    tolerance: FLOAT32,
  },
  svd: {
    sig: "a, full_matrices=True, compute_uv=True, hermitian=False, subset_by_index=None",
    ivy: (a) => (isFalse(a.get("compute_uv")) ? "ivy.svdvals(a)" : "ivy.svd(a, full_matrices=full_matrices)"),
    // read by the lowering
    ignored: ["compute_uv"],
    checks: [
      "jnp.linalg.svd(x, compute_uv=False)",
      "jnp.linalg.svd(x)[1]",
      "jnp.abs(jnp.linalg.svd(x, full_matrices=False)[0])",
      "jnp.abs(jnp.linalg.svd(x, full_matrices=False)[2])",
      "jnp.abs(jnp.linalg.svd(x)[2])[:3]",
      "jnp.linalg.svd(x, full_matrices=False)[0] * jnp.linalg.svd(x)[1] @ jnp.linalg.svd(x, full_matrices=False)[2]",
    ],
    tolerance: FLOAT32,
  },
  svdvals: {
    sig: "x, /",
    ivy: "ivy.svdvals(x)",
    checks: ["jnp.linalg.svdvals(x)", "jnp.linalg.svdvals(jnp.stack([x, y]))"],
  },
  // eigenvalues ascending; as for cholesky, the targets read the lower triangle of the (symmetric) input
  eigh: {
    sig: "a, UPLO=None, symmetrize_input=True",
    ivy: "ivy.eigh(a)",
    ignored: ["symmetrize_input"],
    checks: [
      `jnp.linalg.eigh(${SPD})[0]`,
      `jnp.abs(jnp.linalg.eigh(${SPD})[1])`,
      `jnp.linalg.eigh(${SPD})[1] * jnp.linalg.eigh(${SPD})[0] @ jnp.linalg.eigh(${SPD})[1].T`,
    ],
    tolerance: FLOAT32,
  },
  eigvalsh: {
    sig: "a, UPLO='L', *, symmetrize_input=True",
    ivy: "ivy.eigvalsh(a)",
    ignored: ["symmetrize_input"],
    checks: [`jnp.linalg.eigvalsh(${SPD})`, `jnp.linalg.eigvalsh(jnp.stack([${SPD}, jnp.eye(3)]))`],
    tolerance: FLOAT32,
  },
  pinv: {
    sig: "a, rtol=None, hermitian=False, *, rcond=None",
    ivy: "ivy.pinv(a)",
    checks: ["jnp.linalg.pinv(x)", `jnp.linalg.pinv(${SQUARE})`],
    tolerance: FLOAT32,
  },
  matrix_power: {
    sig: "a, n",
    ivy: "ivy.matrix_power(a, n)",
    checks: [
      `jnp.linalg.matrix_power(${SQUARE}, 3)`,
      `jnp.linalg.matrix_power(${SQUARE}, 0)`,
      `jnp.linalg.matrix_power(${SQUARE}, -2)`,
    ],
    tolerance: FLOAT32,
  },
  matrix_rank: {
    sig: "M, rtol=None, *, hermitian=False, tol=None",
    ivy: "ivy.matrix_rank(M)",
    checks: [
      "jnp.linalg.matrix_rank(x)",
      "jnp.linalg.matrix_rank(jnp.ones((3, 3)))",
      "jnp.linalg.matrix_rank(jnp.zeros((2, 2)))",
    ],
  },
};
