/**
 * Python helpers a TensorFlow output may need, each added only when used.
 *
 * @module
 */
import type { Helper } from "../emitter.ts";
import { TREE_LEAVES, TREE_MAP } from "../pytree.ts";
import { FORI_LOOP, scanHelper, SWITCH, WHILE_LOOP } from "../control_flow.ts";
import { resizeHelpers } from "../image.ts";
import { dotGeneralHelper } from "../dot_general.ts";
import { activationHelpers } from "../activations.ts";
import { slicingHelpers } from "../slicing.ts";
import { optaxHelpers, type OptaxVocabulary } from "../optax.ts";

/** How TensorFlow writes the optax helpers' array functions. */
const TENSORFLOW_OPTAX: OptaxVocabulary = {
  float32: (x) => `tf.cast(${x}, tf.float32)`,
  castLike: (x, like) => `tf.cast(${x}, ${like}.dtype)`,
  sum: (x, axis, keepdims) =>
    axis === undefined
      ? `tf.reduce_sum(${x})`
      : `tf.reduce_sum(${x}, axis=${axis}${keepdims ? ", keepdims=True" : ""})`,
  logSoftmax: (x, axis) => `tf.nn.log_softmax(${x}, axis=${axis})`,
  logsumexp: (x, axis) => `tf.reduce_logsumexp(${x}, axis=${axis})`,
  logSigmoid: (x) => `tf.math.log_sigmoid(${x})`,
  takeAlongAxis: (x, indices, axis) => `tnp.take_along_axis(${x}, ${indices}, ${axis})`,
  expandDims: (x, axis) => `tf.expand_dims(${x}, ${axis})`,
  squeeze: (x, axis) => `tf.squeeze(${x}, ${axis})`,
  where: (c, x, y) => `tf.where(${c}, ${x}, ${y})`,
  zerosLike: (x) => `tf.zeros_like(${x})`,
  minimum: (x, bound) => `tf.minimum(${x}, ${bound})`,
  maximum: (x, bound) => `tf.maximum(${x}, ${bound})`,
  sqrt: (x) => `tf.sqrt(${x})`,
  cos: (x) => `tf.cos(${x})`,
  floor: (x) => `tf.floor(${x})`,
  sign: (x) => `tf.sign(${x})`,
};

/** The tensorflow helper table. */
export const tensorflowHelpers: Record<string, Helper> = {
  ...optaxHelpers(TENSORFLOW_OPTAX),
  ...activationHelpers("tf"),
  dot_general: dotGeneralHelper("tf.einsum"),
  ...resizeHelpers({
    inexact: "x = x if x.dtype.is_floating else tf.cast(x, tf.float32)",
    weights: "tf.constant(resize_weights(m, n, method, antialias), dtype=x.dtype)",
    contract: "tnp.moveaxis(tf.tensordot(x, w, axes=[[axis], [0]]), -1, axis)",
    gather: "tf.gather(x, indices, axis=axis)",
  }),
  celu: {
    source: `
def celu(x, alpha=1.0):
    """jax.nn.celu: max(x, 0) + alpha * expm1(min(x, 0) / alpha)."""
    return tf.maximum(x, 0.0) + alpha * tf.math.expm1(tf.minimum(x, 0.0) / alpha)
`,
  },
  glu: {
    source: `
def glu(x, axis=-1):
    """jax.nn.glu: the first half along axis times the sigmoid of the second."""
    a, b = tf.split(x, 2, axis=axis)
    return a * tf.sigmoid(b)
`,
  },
  mish: {
    source: `
def mish(x):
    """jax.nn.mish: x * tanh(softplus(x))."""
    return x * tf.tanh(tf.math.softplus(x))
`,
  },
  hard_silu: {
    source: `
def hard_silu(x):
    """jax.nn.hard_silu: x * relu6(x + 3) / 6."""
    return x * (tf.nn.relu6(x + 3.0) / 6.0)
`,
  },
  top_k: {
    source: `
def top_k(x, k):
    """jax.lax.top_k: the k largest along the last axis, largest first, and their int32 indices."""
    values, indices = tf.math.top_k(x, k)
    return [values, indices]
`,
  },
  issubdtype: {
    source: `
def issubdtype(dtype, category):
    """jnp.issubdtype of a tf.DType and a dtype or a category ("floating", "integer", ...)."""
    dtype = tf.as_dtype(dtype)
    if not isinstance(category, str):
        return dtype == tf.as_dtype(category)
    inexact = dtype.is_floating or dtype.is_complex
    kinds = {
        "floating": dtype.is_floating,
        "integer": dtype.is_integer,
        "inexact": inexact,
        "number": inexact or dtype.is_integer,
        "bool_": dtype.is_bool,
    }
    return kinds[category]
`,
  },
  asarray: {
    source: `
def asarray(obj, dtype=None):
    """jnp.asarray: 64-bit inputs become 32-bit, as in JAX's default mode."""
    x = tf.convert_to_tensor(obj)
    if dtype is not None:
        return tf.cast(x, dtype)
    if x.dtype == tf.float64:
        return tf.cast(x, tf.float32)
    if x.dtype == tf.int64:
        return tf.cast(x, tf.int32)
    return x
`,
  },
  full_like: {
    source: `
def full_like(x, fill_value):
    """jnp.full_like: the shape and dtype of x."""
    return tf.fill(tf.shape(x), tf.cast(fill_value, x.dtype))
`,
  },
  divide: {
    source: `
def divide(x, y):
    """jnp.divide: integers divide to float32, as in JAX."""
    x = tf.convert_to_tensor(x)
    y = tf.convert_to_tensor(y, dtype_hint=x.dtype)
    if x.dtype.is_integer:
        x = tf.cast(x, tf.float32)
    if y.dtype.is_integer:
        y = tf.cast(y, tf.float32)
    return x / y
`,
  },
  var: {
    source: `
def var(x, axis=None, keepdims=False, ddof=0):
    """jnp.var: the mean squared deviation, divided by n - ddof."""
    mean = tf.reduce_mean(x, axis=axis, keepdims=True)
    total = tf.reduce_sum(tf.square(x - mean), axis=axis, keepdims=keepdims)
    count = tf.cast(tf.size(x) // tf.size(mean), x.dtype)
    return total / (count - ddof)
`,
  },
  argmax: {
    source: `
def argmax(x, axis=None, keepdims=False):
    """jnp.argmax: int32 indices, over the flattened array when axis is None."""
    if axis is None:
        out = tf.argmax(tf.reshape(x, [-1]), output_type=tf.int32)
        return tf.reshape(out, [1] * len(x.shape)) if keepdims else out
    out = tf.argmax(x, axis=axis, output_type=tf.int32)
    return tf.expand_dims(out, axis) if keepdims else out
`,
  },
  swapaxes: {
    source: `
def swapaxes(x, axis1, axis2):
    """jnp.swapaxes."""
    perm = list(range(len(x.shape)))
    perm[axis1], perm[axis2] = perm[axis2], perm[axis1]
    return tf.transpose(x, perm)
`,
  },
  split: {
    source: `
def split(x, indices_or_sections, axis=0):
    """jnp.split: a number of equal sections, or the indices to split at."""
    if isinstance(indices_or_sections, int):
        return tf.split(x, indices_or_sections, axis=axis)
    bounds = [0, *indices_or_sections, x.shape[axis]]
    sizes = [bounds[k + 1] - bounds[k] for k in range(len(bounds) - 1)]
    return tf.split(x, sizes, axis=axis)
`,
  },
  pad: {
    source: `
def pad(x, pad_width, constant_value=0):
    """jnp.pad in constant mode."""
    if isinstance(pad_width, int):
        pad_width = [(pad_width, pad_width)] * len(x.shape)
    widths = [w if isinstance(w, (tuple, list)) else (w, w) for w in pad_width]
    if len(widths) == 1:
        widths = widths * len(x.shape)
    return tf.pad(x, widths, constant_values=constant_value)
`,
  },
  dot: {
    source: `
def dot(x, y):
    """jnp.dot for vectors and matrices."""
    if len(x.shape) == 1 and len(y.shape) == 1:
        return tf.reduce_sum(x * y)
    return tf.tensordot(x, y, axes=1)
`,
  },
  eye: {
    source: `
def eye(n, m=None, k=0, dtype=tf.float32):
    """jnp.eye with its ones on the k-th diagonal."""
    rows = tf.range(n)[:, None]
    cols = tf.range(n if m is None else m)[None, :]
    return tf.cast(cols - rows == k, dtype)
`,
  },
  getitem: {
    source: `
def getitem(x, index):
    """x[index] with NumPy indexing, integer-array indices included (as in JAX)."""
    items = list(index) if isinstance(index, tuple) else [index]
    simple = (int, slice, type(None), type(Ellipsis))
    if all(isinstance(item, simple) for item in items):
        return x[index]
    ellipsis = [n for n, item in enumerate(items) if item is Ellipsis]
    if ellipsis:
        used = sum(item is not None for item in items) - 1
        at = ellipsis[0]
        items[at : at + 1] = [slice(None)] * (len(x.shape) - used)
    # Slice first, with a full slice where an array or integer indexes an axis.
    basic, axes, arrays = [], [], []
    for item in items:
        if item is None or isinstance(item, slice):
            basic.append(item)
        else:
            basic.append(slice(None))
            axes.append(len(basic) - 1)
            arrays.append(tf.cast(item, tf.int32))
    sliced = x[tuple(basic)]
    size = tf.shape(sliced)
    arrays = [tf.where(a < 0, a + size[axis], a) for a, axis in zip(arrays, axes)]
    shape = tf.shape(arrays[0])
    for a in arrays[1:]:
        shape = tf.broadcast_dynamic_shape(shape, tf.shape(a))
    indices = tf.stack([tf.broadcast_to(a, shape) for a in arrays], axis=-1)
    # Gather the indexed axes, moved to the front; the broadcast index shape leads.
    rest = [axis for axis in range(len(sliced.shape)) if axis not in axes]
    out = tf.gather_nd(tf.transpose(sliced, axes + rest), indices)
    if axes != list(range(axes[0], axes[0] + len(axes))) or axes[0] == 0:
        return out
    # Adjacent indexed axes: their result axes stay where they were.
    lead = len(out.shape) - len(rest)
    order = list(range(lead, len(out.shape)))
    return tf.transpose(out, order[: axes[0]] + list(range(lead)) + order[axes[0] :])
`,
  },
  positions: {
    source: `
def positions(x, index):
    """The flat positions x[index] reads, for functional updates."""
    return getitem(tf.reshape(tf.range(tf.size(x)), tf.shape(x)), index)
`,
    needs: ["getitem"],
  },

  at_update: {
    source: `
def at_update(x, index, values, scatter):
    """x.at[index].set / .add: values scattered into x[index] by scatter
    (tf.tensor_scatter_nd_update or _add; an add accumulates repeated indices, as in JAX)."""
    where = positions(x, index)
    values = tf.broadcast_to(tf.cast(values, x.dtype), tf.shape(where))
    flat = scatter(tf.reshape(x, [-1]), tf.reshape(where, [-1, 1]), tf.reshape(values, [-1]))
    return tf.reshape(flat, tf.shape(x))
`,
    needs: ["positions"],
  },
  at_multiply: {
    source: `
def at_multiply(x, index, values):
    """x.at[index].multiply(values): repeated indices multiply, as in JAX."""
    where = positions(x, index)
    values = tf.broadcast_to(tf.cast(values, x.dtype), tf.shape(where))
    factors = tf.math.unsorted_segment_prod(
        tf.reshape(values, [-1]), tf.reshape(where, [-1]), tf.size(x)
    )
    return x * tf.reshape(factors, tf.shape(x))
`,
    needs: ["positions"],
  },
  norm: {
    source: `
def norm(x, ord, keepdims=False):
    """jnp.linalg.norm with ord and no axis: a vector norm of a 1-D array, a matrix norm of a 2-D one."""
    if len(x.shape) not in (1, 2):
        raise ValueError("jnp.linalg.norm with ord and no axis takes a 1-D or 2-D array")
    axis = 0 if len(x.shape) == 1 else (0, 1)
    return tf.norm(x, ord=ord, axis=axis, keepdims=keepdims)
`,
  },
  elu: {
    source: `
def elu(x, alpha=1.0):
    """jax.nn.elu: x where positive, else alpha * (exp(x) - 1)."""
    return tf.where(x > 0, x, alpha * tf.math.expm1(tf.minimum(x, 0)))
`,
  },
  standardize: {
    source: `
def standardize(x, axis=-1, epsilon=1e-5):
    """jax.nn.standardize: (x - mean) / sqrt(var + epsilon), var as mean(x**2) - mean**2."""
    mean = tf.reduce_mean(x, axis=axis, keepdims=True)
    var = tf.reduce_mean(tf.square(x), axis=axis, keepdims=True) - tf.square(mean)
    return (x - mean) * tf.math.rsqrt(tf.maximum(var, 0) + epsilon)
`,
  },
  tree_map: TREE_MAP,
  tree_leaves: TREE_LEAVES,
  fori_loop: FORI_LOOP,
  while_loop: WHILE_LOOP,
  switch: SWITCH,
  scan: scanHelper("tf.stack", "tf.zeros(a.shape[1:], dtype=a.dtype)"),
  value_and_grad: {
    source: `
def value_and_grad(fun, argnums=0, has_aux=False):
    """jax.value_and_grad with tf.GradientTape: fun's scalar value (and aux) and its
    gradients with respect to the arguments argnums; unconnected ones are zeros."""

    def value_and_grad_fun(*args):
        args = list(args)
        nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
        with tf.GradientTape() as tape:
            for n in nums:
                args[n] = tf.nest.map_structure(tf.convert_to_tensor, args[n])
                tape.watch(args[n])
            out = fun(*args)
        value = out[0] if has_aux else out
        grads = tape.gradient(
            value, [args[n] for n in nums], unconnected_gradients=tf.UnconnectedGradients.ZERO
        )
        grads = grads[0] if isinstance(argnums, int) else tuple(grads)
        return out, grads

    return value_and_grad_fun
`,
  },
  grad: {
    source: `
def grad(fun, argnums=0, has_aux=False):
    """jax.grad with tf.GradientTape: the gradients of fun's scalar value."""
    value_and_grad_fun = value_and_grad(fun, argnums=argnums, has_aux=has_aux)

    def grad_fun(*args):
        out, grads = value_and_grad_fun(*args)
        return (grads, out[1]) if has_aux else grads

    return grad_fun
`,
    needs: ["value_and_grad"],
  },
  vmap: {
    source: `
def vmap(fun, in_axes=0, out_axes=0):
    """jax.vmap with tf.vectorized_map: fun on slices along in_axes (None: not mapped)."""

    def vmapped(*args):
        axes = in_axes if isinstance(in_axes, (list, tuple)) else [in_axes] * len(args)
        mapped = [n for n, axis in enumerate(axes) if axis is not None]

        def one(slices):
            call = list(args)
            for n, piece in zip(mapped, slices, strict=True):
                call[n] = piece
            return fun(*call)

        out = tf.vectorized_map(one, [tnp.moveaxis(args[n], axes[n], 0) for n in mapped])
        return tree_map(lambda leaf: tnp.moveaxis(leaf, 0, out_axes), out)

    return vmapped
`,
    needs: ["tree_map"],
  },
  // No item assignment on tf.Tensor: the update padded to the operand's shape, where it lies.
  ...slicingHelpers(`    paddings = [[s, d - n - s] for s, d, n in zip(starts, shape, sizes)]
    inside = tf.pad(tf.ones_like(update, dtype=tf.bool), paddings)
    return tf.where(inside, tf.pad(update, paddings), operand)
`),
};
