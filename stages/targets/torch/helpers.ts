/**
 * Python helpers a torch output may need, each added only when used.
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

/** How torch writes the optax helpers' array functions. */
const TORCH_OPTAX: OptaxVocabulary = {
  float32: (x) => `torch.as_tensor(${x}, dtype=torch.float32)`,
  castLike: (x, like) => `${x}.to(${like}.dtype)`,
  sum: (x, axis, keepdims) =>
    axis === undefined ? `torch.sum(${x})` : `torch.sum(${x}, dim=${axis}${keepdims ? ", keepdim=True" : ""})`,
  logSoftmax: (x, axis) => `torch.log_softmax(${x}, dim=${axis})`,
  logsumexp: (x, axis) => `torch.logsumexp(${x}, dim=${axis})`,
  logSigmoid: (x) => `torch.nn.functional.logsigmoid(${x})`,
  takeAlongAxis: (x, indices, axis) => `torch.take_along_dim(${x}, ${indices}.long(), dim=${axis})`,
  expandDims: (x, axis) => `torch.unsqueeze(${x}, ${axis})`,
  squeeze: (x, axis) => `torch.squeeze(${x}, ${axis})`,
  where: (c, x, y) => `torch.where(${c}, ${x}, ${y})`,
  zerosLike: (x) => `torch.zeros_like(${x})`,
  minimum: (x, bound) => `torch.clamp(${x}, max=${bound})`,
  maximum: (x, bound) => `torch.clamp(${x}, min=${bound})`,
  sqrt: (x) => `torch.sqrt(${x})`,
  cos: (x) => `torch.cos(${x})`,
  floor: (x) => `torch.floor(${x})`,
  sign: (x) => `torch.sign(${x})`,
};

/** The torch helper table. */
export const torchHelpers: Record<string, Helper> = {
  ...optaxHelpers(TORCH_OPTAX),
  ...activationHelpers("torch"),
  dot_general: dotGeneralHelper("torch.einsum"),
  ...resizeHelpers({
    inexact: "x = x if x.is_floating_point() else x.to(torch.float32)",
    weights: "torch.tensor(resize_weights(m, n, method, antialias), dtype=x.dtype)",
    contract: "torch.movedim(torch.tensordot(x, w, dims=([axis], [0])), -1, axis)",
    gather: "torch.index_select(x, axis, torch.tensor(indices))",
  }),
  gelu: {
    source: `
def gelu(x, approximate=True):
    """jax.nn.gelu: the tanh approximation, or exactly x * Phi(x) (torch's exact gelu is NaN at +inf)."""
    if approximate:
        return torch.nn.functional.gelu(x, approximate="tanh")
    return x * torch.special.ndtr(x)
`,
  },
  top_k: {
    source: `
def top_k(x, k):
    """jax.lax.top_k: the k largest along the last axis, largest first, and their int32 indices."""
    values, indices = torch.topk(x, k)
    return [values, indices.int()]
`,
  },
  issubdtype: {
    source: `
def issubdtype(dtype, category):
    """jnp.issubdtype of a torch dtype and a dtype or a category ("floating", "integer", ...)."""
    if not isinstance(category, str):
        return dtype == category
    boolean = dtype == torch.bool
    inexact = dtype.is_floating_point or dtype.is_complex
    kinds = {
        "floating": dtype.is_floating_point,
        "integer": not inexact and not boolean,
        "inexact": inexact,
        "number": not boolean,
        "bool_": boolean,
    }
    return kinds[category]
`,
  },
  asarray: {
    source: `
def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = torch.as_tensor(obj)
    if dtype is not None:
        return x.to(dtype)
    if x.dtype == torch.float64:
        return x.to(torch.float32)
    if x.dtype == torch.int64:
        return x.to(torch.int32)
    return x
`,
  },
  full: {
    source: `
def full(shape, fill_value):
    """jnp.full without a dtype: the fill value's, with Python numbers as 32-bit."""
    shape = (shape,) if isinstance(shape, int) else shape
    return torch.full(shape, fill_value, dtype=asarray(fill_value).dtype)
`,
    needs: ["asarray"],
  },
  eye: {
    source: `
def eye(n, m=None, k=0, dtype=None):
    """jnp.eye with its ones on the k-th diagonal."""
    rows = torch.arange(n)[:, None]
    cols = torch.arange(n if m is None else m)[None, :]
    return (cols - rows == k).to(dtype)
`,
  },
  transpose: {
    source: `
def transpose(x):
    """jnp.transpose without axes: all axes reversed."""
    return x.permute(*reversed(range(x.ndim)))
`,
  },
  split: {
    source: `
def split(x, indices_or_sections, axis=0):
    """jnp.split: a number of equal sections, or the indices to split at."""
    if isinstance(indices_or_sections, int):
        return list(torch.chunk(x, indices_or_sections, dim=axis))
    bounds = [0, *indices_or_sections, x.shape[axis]]
    sizes = [bounds[k + 1] - bounds[k] for k in range(len(bounds) - 1)]
    return list(torch.split(x, sizes, dim=axis))
`,
  },
  pad: {
    source: `
def pad(x, pad_width, constant_value=0):
    """jnp.pad in constant mode: NumPy-style widths to torch's last-axis-first list."""
    if isinstance(pad_width, int):
        pad_width = [(pad_width, pad_width)] * x.ndim
    widths = [w if isinstance(w, (tuple, list)) else (w, w) for w in pad_width]
    if len(widths) == 1:
        widths = widths * x.ndim
    sides = []
    for low, high in reversed(widths):
        sides += [low, high]
    return torch.nn.functional.pad(x, sides, value=constant_value)
`,
  },
  at_set: {
    source: `
def at_set(x, index, values):
    """x.at[index].set(values), without changing x."""
    out = x.clone()
    out[index] = torch.as_tensor(values, dtype=x.dtype)
    return out
`,
  },

  at_update: {
    source: `
def at_update(x, index, values, reduce):
    """x.at[index].add / .multiply: values combined into x[index] by reduce
    ("sum" or "prod"), repeated indices accumulating, as in JAX."""
    positions = torch.arange(x.numel(), device=x.device).reshape(x.shape)[index]
    values = torch.as_tensor(values, dtype=x.dtype).broadcast_to(positions.shape)
    flat = x.reshape(-1).scatter_reduce(0, positions.reshape(-1), values.reshape(-1), reduce)
    return flat.reshape(x.shape)
`,
  },
  take: {
    source: `
def take(x, indices, axis):
    """jnp.take along an axis: x[..., indices, ...], negative indices wrapping."""
    return x[(slice(None),) * (axis % x.ndim) + (torch.as_tensor(indices),)]
`,
  },
  flip: {
    source: `
def flip(x, axis=None):
    """jnp.flip: all axes reversed when axis is None."""
    if axis is None:
        axis = tuple(range(x.ndim))
    return torch.flip(x, (axis,) if isinstance(axis, int) else tuple(axis))
`,
  },
  tile: {
    source: `
def tile(x, reps):
    """jnp.tile with an int or a sequence of repetitions."""
    return torch.tile(x, (reps,) if isinstance(reps, int) else tuple(reps))
`,
  },
  standardize: {
    source: `
def standardize(x, axis=-1, epsilon=1e-5):
    """jax.nn.standardize: (x - mean) / sqrt(var + epsilon), var as mean(x**2) - mean**2."""
    mean = torch.mean(x, dim=axis, keepdim=True)
    var = torch.clamp(torch.mean(torch.square(x), dim=axis, keepdim=True) - torch.square(mean), min=0)
    return (x - mean) * torch.rsqrt(var + epsilon)
`,
  },
  tree_map: TREE_MAP,
  tree_leaves: TREE_LEAVES,
  fori_loop: FORI_LOOP,
  while_loop: WHILE_LOOP,
  switch: SWITCH,
  scan: scanHelper("torch.stack", "torch.zeros(a.shape[1:], dtype=a.dtype)"),
  value_and_grad: {
    source: `
def value_and_grad(fun, argnums=0, has_aux=False):
    """jax.value_and_grad: (value, grad), where torch.func.grad_and_value gives (grad, value)."""
    grad_and_value = torch.func.grad_and_value(fun, argnums=argnums, has_aux=has_aux)

    def value_and_grad_fun(*args, **kwargs):
        grads, value = grad_and_value(*args, **kwargs)
        return value, grads

    return value_and_grad_fun
`,
  },
  ...slicingHelpers(itemAssignUpdate("clone")),
};
