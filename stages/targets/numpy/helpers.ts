/**
 * Python helpers a NumPy output may need, each added only when used.
 *
 * @module
 */
import type { Helper } from "../emitter.ts";
import { TREE_LEAVES, TREE_MAP } from "../pytree.ts";
import { FORI_LOOP, scanHelper, SWITCH, WHILE_LOOP } from "../control_flow.ts";
import { resizeHelpers } from "../image.ts";
import { dotGeneralHelper } from "../dot_general.ts";
import { activationHelpers } from "../activations.ts";
import { itemAssignUpdate, slicingHelpers } from "../slicing.ts";
import { optaxHelpers, type OptaxVocabulary } from "../optax.ts";

/** How NumPy writes the optax helpers' array functions. */
const NUMPY_OPTAX: OptaxVocabulary = {
  float32: (x) => `np.asarray(${x}, dtype=np.float32)`,
  castLike: (x, like) => `np.asarray(${x}).astype(${like}.dtype)`,
  sum: (x, axis, keepdims) =>
    axis === undefined ? `np.sum(${x})` : `np.sum(${x}, axis=${axis}${keepdims ? ", keepdims=True" : ""})`,
  logSoftmax: (x, axis) => `log_softmax(${x}, axis=${axis})`,
  logsumexp: (x, axis) => `logsumexp(${x}, axis=${axis})`,
  // log(sigmoid(x)) = -log(1 + exp(-x)); `-(-a)` written `a`
  logSigmoid: (x) => `-np.logaddexp(0, ${x.startsWith("-") ? x.slice(1) : `-${x}`})`,
  takeAlongAxis: (x, indices, axis) => `np.take_along_axis(${x}, ${indices}, ${axis})`,
  expandDims: (x, axis) => `np.expand_dims(${x}, ${axis})`,
  squeeze: (x, axis) => `np.squeeze(${x}, ${axis})`,
  where: (c, x, y) => `np.where(${c}, ${x}, ${y})`,
  zerosLike: (x) => `np.zeros_like(${x})`,
  minimum: (x, bound) => `np.minimum(${x}, ${bound})`,
  maximum: (x, bound) => `np.maximum(${x}, ${bound})`,
  sqrt: (x) => `np.sqrt(${x})`,
  cos: (x) => `np.cos(${x})`,
  floor: (x) => `np.floor(${x})`,
  sign: (x) => `np.sign(${x})`,
  needs: ["logsumexp", "log_softmax"],
};

/** The numpy helper table. */
export const numpyHelpers: Record<string, Helper> = {
  ...optaxHelpers(NUMPY_OPTAX),
  ...activationHelpers("np"),
  dot_general: dotGeneralHelper("np.einsum"),
  ...resizeHelpers({
    inexact: "x = x if np.issubdtype(x.dtype, np.inexact) else x.astype(np.float32)",
    weights: "np.asarray(resize_weights(m, n, method, antialias), dtype=x.dtype)",
    contract: "np.moveaxis(np.tensordot(x, w, axes=([axis], [0])), -1, axis)",
    gather: "np.take(x, indices, axis=axis)",
  }),
  celu: {
    source: `
def celu(x, alpha=1.0):
    """jax.nn.celu: max(x, 0) + alpha * expm1(min(x, 0) / alpha)."""
    return np.maximum(x, 0.0) + alpha * np.expm1(np.minimum(x, 0.0) / alpha)
`,
  },
  glu: {
    source: `
def glu(x, axis=-1):
    """jax.nn.glu: the first half along axis times the sigmoid of the second."""
    a, b = np.split(x, 2, axis=axis)
    return a * sigmoid(b)
`,
  },
  mish: {
    source: `
def mish(x):
    """jax.nn.mish: x * tanh(softplus(x))."""
    return x * np.tanh(np.logaddexp(x, 0))
`,
  },
  hard_silu: {
    source: `
def hard_silu(x):
    """jax.nn.hard_silu: x * relu6(x + 3) / 6."""
    return x * (np.clip(x + 3.0, 0, 6) / 6.0)
`,
  },
  soft_sign: {
    source: `
def soft_sign(x):
    """jax.nn.soft_sign: x / (|x| + 1)."""
    return x / (np.abs(x) + 1)
`,
  },
  top_k: {
    source: `
def top_k(x, k):
    """jax.lax.top_k: the k largest along the last axis, largest first (ties by index), int32 indices."""
    indices = np.argsort(-x, axis=-1, kind="stable")[..., :k]
    return [np.take_along_axis(x, indices, axis=-1), indices.astype(np.int32)]
`,
  },
  erf: {
    source: `
def erf(x):
    """The error function, elementwise (math.erf in double precision, rounded to x's dtype)."""
    return np.vectorize(math.erf, otypes=[x.dtype])(x)
`,
  },
  asarray: {
    source: `
def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = np.asarray(obj, dtype=dtype)
    if dtype is None and x.dtype == np.float64:
        return x.astype(np.float32)
    if dtype is None and x.dtype == np.int64:
        return x.astype(np.int32)
    return x
`,
  },
  full: {
    source: `
def full(shape, fill_value):
    """jnp.full without a dtype: the fill value's, with Python numbers as 32-bit."""
    return np.full(shape, fill_value, dtype=asarray(fill_value).dtype)
`,
    needs: ["asarray"],
  },
  divide: {
    source: `
def divide(x, y):
    """jnp.divide: integer inputs give float32, not NumPy's float64."""
    out = np.true_divide(x, y)
    return out.astype(np.float32) if out.dtype == np.float64 else out
`,
  },
  logsumexp: {
    source: `
def logsumexp(x, axis=None, keepdims=False):
    """log(sum(exp(x))) computed stably."""
    peak = np.max(x, axis=axis, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0)
    out = np.log(np.sum(np.exp(x - peak), axis=axis, keepdims=True)) + peak
    return out if keepdims else np.squeeze(out, axis=axis)
`,
  },
  sigmoid: {
    source: `
def sigmoid(x):
    """The logistic function."""
    return 1 / (1 + np.exp(-x))
`,
  },
  silu: {
    source: `
def silu(x):
    """x * sigmoid(x)."""
    return x * sigmoid(x)
`,
  },
  gelu: {
    source: `
def gelu(x, approximate=True):
    """GELU; the tanh approximation is jax.nn.gelu's default."""
    if approximate:
        inner = np.sqrt(2 / np.pi).astype(x.dtype) * (x + 0.044715 * x**3)
        return 0.5 * x * (1 + np.tanh(inner))
    erf = np.vectorize(math.erf, otypes=[x.dtype])
    return 0.5 * x * (1 + erf(x / np.sqrt(2).astype(x.dtype)))
`,
  },
  softmax: {
    source: `
def softmax(x, axis=-1):
    """exp(x) normalized along axis, computed stably."""
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)
`,
  },
  log_softmax: {
    source: `
def log_softmax(x, axis=-1):
    """x minus its logsumexp along axis, with the max taken out first (as JAX does)."""
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
`,
  },
  at_set: {
    source: `
def at_set(x, index, values):
    """x.at[index].set(values), without changing x."""
    out = x.copy()
    out[index] = values
    return out
`,
  },

  at_update: {
    source: `
def at_update(x, index, values, ufunc):
    """x.at[index].add / .multiply: values combined into x[index] by ufunc
    (np.add or np.multiply), repeated indices accumulating, as in JAX."""
    out = x.copy()
    ufunc.at(out, index, values)
    return out
`,
  },
  leaky_relu: {
    source: `
def leaky_relu(x, negative_slope=0.01):
    """jax.nn.leaky_relu: x where x >= 0, else negative_slope * x."""
    return np.where(x >= 0, x, negative_slope * x)
`,
  },
  elu: {
    source: `
def elu(x, alpha=1.0):
    """jax.nn.elu: x where positive, else alpha * (exp(x) - 1)."""
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))
`,
  },
  standardize: {
    source: `
def standardize(x, axis=-1, epsilon=1e-5):
    """jax.nn.standardize: (x - mean) / sqrt(var + epsilon), var as mean(x**2) - mean**2."""
    mean = np.mean(x, axis=axis, keepdims=True)
    var = np.mean(np.square(x), axis=axis, keepdims=True) - np.square(mean)
    return (x - mean) / np.sqrt(np.maximum(var, 0) + epsilon)
`,
  },
  tree_map: TREE_MAP,
  tree_leaves: TREE_LEAVES,
  fori_loop: FORI_LOOP,
  while_loop: WHILE_LOOP,
  switch: SWITCH,
  scan: scanHelper("np.stack", "np.zeros(a.shape[1:], dtype=a.dtype)"),
  vmap: {
    source: `
def vmap(fun, in_axes=0, out_axes=0):
    """jax.vmap as a loop: fun on each slice along in_axes (None: not mapped),
    the results stacked along out_axes."""

    def vmapped(*args):
        axes = in_axes if isinstance(in_axes, (list, tuple)) else [in_axes] * len(args)
        pairs = list(zip(args, axes, strict=True))
        size = next(np.shape(a)[axis] for a, axis in pairs if axis is not None)
        outs = []
        for k in range(size):
            sliced = [a if axis is None else np.take(a, k, axis=axis) for a, axis in pairs]
            outs.append(fun(*sliced))
        return tree_map(lambda *leaves: np.stack(leaves, axis=out_axes), *outs)

    return vmapped
`,
    needs: ["tree_map"],
  },
  ...slicingHelpers(itemAssignUpdate("copy")),
};
