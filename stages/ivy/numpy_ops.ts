/**
 * The core ops of the wider `jax.numpy` surface (inverse trigonometric and
 * hyperbolic functions, integer and bitwise arithmetic, NaN-skipping
 * reductions, stacking, `jnp.linalg`, `jnp.fft`), as data: each op's
 * signature, its JAX result dtype rule and, for ops of two operands JAX
 * promotes together, how the promotion pass treats them. Part of the closed
 * core op set ({@linkcode CORE_OPS} spreads it); each target writes them in
 * `stages/targets/numpy_family.ts`.
 *
 * @module
 */
import type { ResultRule } from "./result_rule.ts";

/**
 * How an op of two operands uses them: as `+` (`arith`), as `/` (`divide`: float even for ints), as an integer op
 * (`numeric`: two bools are int32), promoted before anything else (`promoted`: each cast to the result dtype), or
 * compares.
 */
export type BinaryMode = "arith" | "divide" | "numeric" | "promoted" | "compare" | "matmul";

interface NumpyOp {
  readonly sig: string;
  /** The result dtype; absent where it is none of the rules (complex FFT results, tuples). */
  readonly result?: ResultRule;
  /** For two operands `x`, `y` JAX promotes together. */
  readonly binary?: BinaryMode;
}

const floatUnary: NumpyOp = { sig: "x", result: "float" };
const sameUnary: NumpyOp = { sig: "x", result: "same" };
const boolUnary: NumpyOp = { sig: "x", result: "bool" };
const promoting: NumpyOp = { sig: "x, y", result: "promote", binary: "arith" };
/** Two operands promoted together that torch's function does not promote itself (as `matmul`). */
const contracting: NumpyOp = { sig: "x, y", result: "promote", binary: "matmul" };
/**
 * Integer arithmetic on JAX's numeric dtypes (bools are int32); `integers`, set by the promotion pass where both
 * operands are known integers, lets a target keep its own call where no integer edge (a zero divisor) can occur.
 */
const numeric: NumpyOp = { sig: "x, y, *, integers=False", result: "promote", binary: "numeric" };
/** Ops of integers only, bools as int32 (torch takes no bool operand of them). */
const integral: NumpyOp = { sig: "x, y", result: "promote", binary: "numeric" };
const inexact: NumpyOp = { sig: "x, y", result: "divide", binary: "divide" };

/** The ops, by name. */
export const NUMPY_OPS = {
  // `x` as JAX's inexact dtype: float32 for bool and int arrays (the cast comes from the promotion pass)
  inexact: floatUnary,
  arccos: floatUnary,
  arccosh: floatUnary,
  arcsin: floatUnary,
  arcsinh: floatUnary,
  arctan: floatUnary,
  arctanh: floatUnary,
  sinh: floatUnary,
  cosh: floatUnary,
  expm1: floatUnary,
  log10: floatUnary,
  sinc: floatUnary,
  cbrt: floatUnary,
  deg2rad: floatUnary,
  rad2deg: floatUnary,
  i0: floatUnary,
  trunc: sameUnary,
  positive: sameUnary,
  invert: sameUnary,
  isinf: boolUnary,
  isposinf: boolUnary,
  isneginf: boolUnary,
  signbit: boolUnary,
  hypot: inexact,
  logaddexp: inexact,
  logaddexp2: inexact,
  nextafter: inexact,
  copysign: inexact,
  fmax: promoting,
  fmin: promoting,
  fmod: numeric,
  remainder: numeric,
  floor_divide: numeric,
  gcd: promoting,
  lcm: integral,
  bitwise_and: promoting,
  bitwise_or: promoting,
  bitwise_xor: promoting,
  left_shift: integral,
  right_shift: integral,
  kron: promoting,
  inner: contracting,
  logical_xor: { sig: "x, y", result: "bool" },
  isclose: { sig: "x, y, rtol=1e-05, atol=1e-08, equal_nan=False", result: "bool" },
  // NaN-skipping reductions: NaNs are left out; an all-NaN slice gives NaN (0 for nansum)
  nansum: { sig: "x, axis=None, keepdims=False", result: "sum" },
  nanprod: { sig: "x, axis=None, keepdims=False", result: "sum" },
  nanmean: { sig: "x, axis=None, keepdims=False", result: "float" },
  nanmax: { sig: "x, axis=None, keepdims=False", result: "same" },
  nanmin: { sig: "x, axis=None, keepdims=False", result: "same" },
  ptp: { sig: "x, axis=None, keepdims=False", result: "same" },
  // `q` in [0, 1]; `method` one of JAX's (linear, lower, higher, midpoint, nearest)
  quantile: { sig: "x, q, axis=None, method='linear', keepdims=False", result: "float" },
  nanquantile: { sig: "x, q, axis=None, method='linear', keepdims=False", result: "float" },
  // the mean of the two middle entries (JAX's quantile 0.5 by `midpoint`); NaN where a slice holds one
  median: { sig: "x, axis=None, keepdims=False", result: "float" },
  // the same of the entries that are not NaN; NaN where there are none
  nanmedian: { sig: "x, axis=None, keepdims=False", result: "float" },
  diff: { sig: "x, n=1, axis=-1", result: "same" },
  // the insertion indices of `v` into the sorted 1-D `a`, int32
  searchsorted: { sig: "a, v, side='left'", result: "int32" },
  diagonal: { sig: "x, offset=0, axis1=0, axis2=1", result: "same" },
  // a 1-D `x` as the diagonal of a matrix, or a 2-D `x`'s diagonal
  diag: { sig: "x, k=0", result: "same" },
  diagflat: { sig: "x, k=0", result: "same" },
  rot90: { sig: "x, k=1, axes=(0, 1)", result: "same" },
  tensordot: { sig: "x, y, axes=2", result: "promote" },
  // a list of arrays, one per input; `indexing` is spelled out ('xy' or 'ij': torch's default is not JAX's)
  meshgrid: { sig: "*arrays, indexing" },
  vstack: { sig: "arrays", result: "same" },
  hstack: { sig: "arrays", result: "same" },
  dstack: { sig: "arrays", result: "same" },
  column_stack: { sig: "arrays", result: "same" },
  atleast_1d: sameUnary,
  atleast_2d: sameUnary,
  atleast_3d: sameUnary,
  // a tuple of the slices along `axis`
  unstack: { sig: "x, axis=0" },
  // a list of arrays: `sections` equal parts (the first ones one larger where they do not divide), or split at indices
  array_split: { sig: "x, sections, axis=0" },
  nan_to_num: { sig: "x, nan=0.0, posinf=None, neginf=None", result: "same" },
  isin: { sig: "x, test_elements, invert=False", result: "bool" },
  trapezoid: { sig: "y, x=None, dx=1.0, axis=-1", result: "float" },
  // (mantissa, int32 exponent)
  frexp: { sig: "x" },
  ldexp: { sig: "x, y", result: "float" },
  // a list of the arrays broadcast against each other
  broadcast_arrays: { sig: "*arrays" },
  // a tuple of Python ints
  broadcast_shapes: { sig: "*shapes" },
  // split along axis 1 (axis 0 of a 1-D array): a list
  hsplit: { sig: "x, indices_or_sections" },
  // the int32 (row, column) indices of the lower (upper) triangle of an n x m matrix, as a tuple
  tril_indices: { sig: "n, k=0, m=None" },
  triu_indices: { sig: "n, k=0, m=None" },
  // a tuple of int32 index arrays, one per axis of `shape`
  unravel_index: { sig: "indices, shape" },
  // the cross product of 3-vectors along the last axis
  cross: contracting,
  // the count of each value 0..max(x) of the non-negative ints x (at least `minlength` of them), int32
  bincount: { sig: "x, minlength=0", result: "int32" },
  // p[0] * x**(n-1) + ... + p[n-1]
  polyval: { sig: "p, x", result: "promote" },
  // the number of entries that are not zero, int32
  count_nonzero: { sig: "x, axis=None, keepdims=False", result: "int32" },
  // data-dependent shapes, computed eagerly (JAX itself allows them outside jit; under jit it needs `size=`):
  // a tuple of int32 index arrays, one per axis
  nonzero: { sig: "x" },
  // the int32 indices of the nonzero entries, one row each
  argwhere: { sig: "x", result: "int32" },
  // the entries of `x` where the bool `mask` (of x's shape) is True, flattened
  boolean_mask: { sig: "x, mask", result: "same" },
  // the sorted distinct entries of the flattened `x`
  unique: { sig: "x, equal_nan=True", result: "same" },
  // NaN at NaN, else 0 below 0, 1 above, y at 0
  heaviside: inexact,
  // (x - trunc(x), trunc(x))
  modf: { sig: "x" },
  // (floor_divide(x, y), remainder(x, y))
  floor_divmod: { sig: "x, y" },
  nanvar: { sig: "x, axis=None, ddof=0, keepdims=False", result: "float" },
  // the bin index of each entry for increasing or decreasing `bins`, int32
  digitize: { sig: "x, bins, right=False", result: "int32" },
  // the covariance of the rows of `x` (a 1-D `x`: one variable)
  cov: { sig: "x, ddof=1", result: "float" },
  corrcoef: floatUnary,
  // sorted distinct entries: of x not in y, in both, in exactly one
  setdiff1d: { sig: "x, y", result: "same" },
  intersect1d: { sig: "x, y", result: "same" },
  setxor1d: { sig: "x, y", result: "same" },
  // the index of the max (min) leaving NaNs out, int32; -1 where a slice is all NaN
  nanargmax: { sig: "x, axis=None, keepdims=False", result: "int32" },
  nanargmin: { sig: "x, axis=None, keepdims=False", result: "int32" },
  // the complex argument (of a real number: 0, or pi below 0 and at -0.0)
  angle: floatUnary,
  // Python bools: whether the array's dtype is complex
  iscomplexobj: { sig: "x" },
  isrealobj: { sig: "x" },
  // bools: whether the imaginary part is nonzero (zero); all False (True) for a real array
  iscomplex: boolUnary,
  isreal: boolUnary,
  // the distance to the next float away from zero (signed as x)
  spacing: sameUnary,
  // the number of 1 bits of |x|, uint8
  bitwise_count: { sig: "x" },
  // of two 1-D float arrays; `mode` 'full', 'same' or 'valid'
  convolve: { sig: "x, y, mode='full'", result: "promote" },
  correlate: { sig: "x, y, mode='valid'", result: "promote" },
  // int32 indices sorting by the last of `keys` (a sequence of arrays or a 2-D array), ties by the ones before
  lexsort: { sig: "keys, axis=-1", result: "int32" },
  // polynomial coefficients, highest power first: the sum (difference) aligned at the end, the m-th derivative,
  // the m-th antiderivative with zero constants
  polyadd: promoting,
  // JAX promotes before it negates `y` (torch would negate an int32 or bool operand)
  polysub: { sig: "x, y", result: "promote", binary: "promoted" },
  polyder: { sig: "p, m=1", result: "same" },
  polyint: { sig: "p, m=1", result: "same" },
  // a real x sorted, as complex64
  sort_complex: { sig: "x" },
  // the 1-D x without its leading ('f' in trim) and trailing ('b') zeros (a data-dependent length)
  trim_zeros: { sig: "x, trim='fb'", result: "same" },
  // the derivative along one axis at unit spacing: central differences, one-sided at the ends
  gradient: { sig: "x, axis", result: "same" },
  // piecewise-linear through (xp, fp), xp increasing; left and right (fp's ends for None) outside xp
  interp: { sig: "x, xp, fp, left=None, right=None", result: "float" },
  // period 2 pi: steps larger than pi changed by multiples of 2 pi
  unwrap: { sig: "x, axis=-1", result: "same" },
  // `bins` an int (even edges over `bin_range`, x's min and max by default) or the edges; float counts
  histogram_bin_edges: { sig: "x, bins, bin_range=None", result: "same" },
  histogram: { sig: "x, bins, bin_range=None, density=False" },
  // jnp.resize: the flattened x repeated to fill `shape` (a literal tuple of positive ints)
  repeat_to_shape: { sig: "x, shape", result: "same" },
  // a 2-D x with its main diagonal set to the Python number `val` (in x's dtype)
  fill_diagonal: { sig: "x, val", result: "same" },
  // along the last axis, a literal `kth`: the kth+1 smallest ascending, then the others descending (JAX's order);
  // argpartition: their int32 indices (ties by index), then the others' in index order
  partition: { sig: "x, kth", result: "same" },
  argpartition: { sig: "x, kth", result: "int32" },
  // entries of the flattened x set at `ind` (mode None drops out-of-range ones, 'clip' clips, 'wrap' wraps), x's shape
  put: { sig: "x, ind, v, mode=None", result: "same" },
  // x without the entries at the literal int indices `obj` (a tuple) along the literal `axis`
  delete: { sig: "x, obj, axis", result: "same" },
  // x with the Python number `value` (in x's dtype) before the literal non-negative `index` along the literal `axis`
  insert: { sig: "x, index, value, axis", result: "same" },
  // int32 index arrays of a square array's diagonal, of a 2-D array's lower (upper) triangle
  diag_indices_from: { sig: "x" },
  tril_indices_from: { sig: "x, k=0" },
  triu_indices_from: { sig: "x, k=0" },
  // jnp.linalg (results as JAX's: tuples where JAX returns a named tuple)
  inv: floatUnary,
  det: floatUnary,
  slogdet: { sig: "x" },
  solve: { sig: "a, b", result: "float" },
  cholesky: floatUnary,
  qr: { sig: "x, mode='reduced'" },
  // (u, s, vh) with x = u @ diag(s) @ vh
  svd: { sig: "x, full_matrices=True" },
  svdvals: floatUnary,
  eigh: { sig: "x" },
  eigvalsh: floatUnary,
  pinv: floatUnary,
  matrix_power: { sig: "x, n", result: "same" },
  matrix_rank: { sig: "x", result: "int32" },
  // jnp.fft: complex64 results (`norm_mode` is jnp.fft's `norm`, a name the targets' `norm` helper has); (float32 for irfft); `n`/`s` None keeps the input's length, `norm` None is "backward"
  fft: { sig: "x, n=None, axis=-1, norm_mode=None" },
  ifft: { sig: "x, n=None, axis=-1, norm_mode=None" },
  rfft: { sig: "x, n=None, axis=-1, norm_mode=None" },
  irfft: { sig: "x, n=None, axis=-1, norm_mode=None", result: "float" },
  fft2: { sig: "x, s=None, axes=(-2, -1), norm_mode=None" },
  ifft2: { sig: "x, s=None, axes=(-2, -1), norm_mode=None" },
  rfft2: { sig: "x, s=None, axes=(-2, -1), norm_mode=None" },
  fftn: { sig: "x, s=None, axes=None, norm_mode=None" },
  ifftn: { sig: "x, s=None, axes=None, norm_mode=None" },
  fftfreq: { sig: "n, d=1.0", result: "float" },
  rfftfreq: { sig: "n, d=1.0", result: "float" },
  fftshift: { sig: "x, axes=None", result: "same" },
  ifftshift: { sig: "x, axes=None", result: "same" },
  real: { sig: "x" },
  imag: { sig: "x" },
  conj: { sig: "x" },
} as const satisfies Record<string, NumpyOp>;

/** One op of this family. */
export type NumpyCoreOp = keyof typeof NUMPY_OPS;

/** Op name to signature, for {@linkcode CORE_OPS}. */
export const NUMPY_OP_SIGS = Object.fromEntries(
  Object.entries(NUMPY_OPS).map(([name, op]) => [name, op.sig]),
) as { readonly [K in NumpyCoreOp]: string };

/** Op name to result rule, for `CORE_RESULTS`. */
export const NUMPY_OP_RESULTS: Readonly<Partial<Record<NumpyCoreOp, ResultRule>>> = Object.fromEntries(
  Object.entries(NUMPY_OPS).flatMap(([name, op]) => ("result" in op ? [[name, op.result]] : [])),
);

/** Op name to how the promotion pass treats its two operands. */
export const NUMPY_BINARY_MODES: Readonly<Partial<Record<NumpyCoreOp, BinaryMode>>> = Object.fromEntries(
  Object.entries(NUMPY_OPS).flatMap(([name, op]) => ("binary" in op ? [[name, op.binary]] : [])),
);
