/**
 * Flax NNX on NumPy. A Module is a plain class keeping `__call__`; layers
 * are small helper classes holding NumPy arrays under Flax's names and
 * layouts (`kernel` (in, out), `bias`, `scale`, `embedding`), so
 * `load_flax_state` copies arrays as they are. BatchNorm switches to its
 * running averages with its `use_running_average` attribute or call argument
 * (Flax's `model.eval()` sets the attribute on every layer). Variables are `Variable`
 * objects (`Param`, `BatchStat` and user subclasses extend it) read and
 * written through `.value`, as in Flax. `Rngs` streams are
 * `np.random.Generator`s, which the helpers also use for initialization.
 *
 * @module
 */
import { listEmit, rngsEmit, type StatefulTarget } from "../target.ts";
import { FLAX_ARRAYS } from "../flax_arrays.ts";
import { CONV_PADDING, rngsSource } from "./shared.ts";

const VARIABLE = `
class Variable:
    """nnx.Variable: holds an array, read and written as .value."""

    def __init__(self, value):
        self.value = np.asarray(value)
`;

const PARAM = `
class Param(Variable):
    """nnx.Param: a Variable holding a trainable weight."""
`;

const BATCH_STAT = `
class BatchStat(Variable):
    """nnx.BatchStat: a Variable holding a batch statistic."""
`;

const LINEAR = `
class Linear:
    """nnx.Linear: x @ kernel + bias, with kernel (in, out) as in Flax."""

    def __init__(self, in_features, out_features, use_bias=True, rngs=None):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        kernel = rng.standard_normal((in_features, out_features), dtype=np.float32)
        self.kernel = kernel / np.sqrt(in_features)
        self.bias = np.zeros(out_features, dtype=np.float32) if use_bias else None

    def __call__(self, x):
        y = np.matmul(x, self.kernel)
        return y if self.bias is None else y + self.bias
`;

const CONV = `
class Conv:
    """nnx.Conv on channels-last inputs, with Flax's kernel (*kernel_size, in, out).

    'SAME' pads each spatial axis by (total // 2, total - total // 2), as XLA does."""

    def __init__(self, in_features, out_features, kernel_size, strides=1, padding="SAME", use_bias=True, rngs=None):
        if isinstance(kernel_size, int):
            kernel_size = (kernel_size,)
        self.kernel_size = tuple(kernel_size)
        if isinstance(strides, int):
            strides = (strides,) * len(self.kernel_size)
        self.strides = tuple(strides)
        self.padding = padding
        rng = np.random.default_rng() if rngs is None else rngs.params()
        shape = (*self.kernel_size, in_features, out_features)
        fan_in = in_features * math.prod(self.kernel_size)
        self.kernel = rng.standard_normal(shape, dtype=np.float32) / np.sqrt(fan_in)
        self.bias = np.zeros(out_features, dtype=np.float32) if use_bias else None

    def __call__(self, x):
        spatial = len(self.kernel_size)
        x = np.pad(x, [(0, 0), *conv_padding(self.padding, x.shape[1:-1], self.kernel_size, self.strides), (0, 0)])
        windows = np.lib.stride_tricks.sliding_window_view(x, self.kernel_size, axis=tuple(range(1, spatial + 1)))
        windows = windows[(slice(None), *(slice(None, None, s) for s in self.strides))]
        # windows: (batch, *out_spatial, in, *kernel_size)
        window_axes = list(range(spatial + 1, 2 * spatial + 2))
        y = np.tensordot(windows, self.kernel, axes=(window_axes, [spatial, *range(spatial)]))
        return y if self.bias is None else y + self.bias
`;

const LAYER_NORM = `
class LayerNorm:
    """nnx.LayerNorm over the last axis: variance E[x^2] - E[x]^2 (clipped at 0), as in Flax."""

    def __init__(self, num_features, epsilon=1e-6, use_bias=True, use_scale=True, rngs=None):
        self.epsilon = epsilon
        self.scale = np.ones(num_features, dtype=np.float32) if use_scale else None
        self.bias = np.zeros(num_features, dtype=np.float32) if use_bias else None

    def __call__(self, x):
        mean = np.mean(x, axis=-1, keepdims=True)
        variance = np.maximum(np.mean(np.square(x), axis=-1, keepdims=True) - np.square(mean), 0.0)
        y = (x - mean) / np.sqrt(variance + np.float32(self.epsilon))
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y
`;

const BATCH_NORM = `
class BatchNorm:
    """nnx.BatchNorm as in Flax, over every axis but axis (the features, last by default).

    Unless use_running_average (set here or on the layer, or given per call), x is
    normalized with the batch's mean and biased variance (E[x^2] - E[x]^2, clipped
    at 0) over every other axis, and the running averages mean and var are updated
    as momentum * running + (1 - momentum) * batch; else the running averages
    normalize x and stay as they are."""

    def __init__(
        self,
        num_features,
        use_running_average=False,
        axis=-1,
        momentum=0.99,
        epsilon=1e-5,
        use_bias=True,
        use_scale=True,
    ):
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.mean = np.zeros(num_features, dtype=np.float32)
        self.var = np.ones(num_features, dtype=np.float32)
        self.scale = np.ones(num_features, dtype=np.float32) if use_scale else None
        self.bias = np.zeros(num_features, dtype=np.float32) if use_bias else None

    def __call__(self, x, use_running_average=None):
        if use_running_average is None:
            use_running_average = self.use_running_average
        axis = self.axis % np.ndim(x)
        x = np.moveaxis(x, axis, -1)
        if use_running_average:
            mean, var = self.mean, self.var
        else:
            axes = tuple(range(x.ndim - 1))
            mean = np.mean(x, axis=axes)
            var = np.maximum(np.mean(np.square(x), axis=axes) - np.square(mean), 0.0)
            self.mean = self.momentum * self.mean + (1 - self.momentum) * mean
            self.var = self.momentum * self.var + (1 - self.momentum) * var
        multiplier = 1 / np.sqrt(var + np.float32(self.epsilon))
        if self.scale is not None:
            multiplier = multiplier * self.scale
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return np.moveaxis(y, -1, axis)
`;

const EMBED = `
class Embed:
    """nnx.Embed: rows of embedding (num_embeddings, features); attend scores against all rows."""

    def __init__(self, num_embeddings, features, rngs=None):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        embedding = rng.standard_normal((num_embeddings, features), dtype=np.float32)
        self.embedding = embedding / np.sqrt(features)

    def __call__(self, inputs):
        return np.take(self.embedding, inputs, axis=0)

    def attend(self, query):
        return np.matmul(query, self.embedding.T)
`;

const DROPOUT = `
class Dropout:
    """nnx.Dropout: zeroes each input with probability rate and scales the rest by
    1 / (1 - rate), unless deterministic (here or per call)."""

    def __init__(self, rate, deterministic=False, rngs=None):
        self.rate = rate
        self.deterministic = deterministic
        self.rng = np.random.default_rng() if rngs is None else rngs.dropout()

    def __call__(self, x, deterministic=None, rngs=None):
        if deterministic is None:
            deterministic = self.deterministic
        if deterministic or self.rate == 0.0:
            return x
        if self.rate == 1.0:
            return np.zeros_like(x)
        rng = self.rng if rngs is None else rngs.dropout()
        keep = rng.random(np.shape(x)) >= self.rate
        return np.where(keep, x / np.float32(1.0 - self.rate), np.zeros_like(x))
`;

const SEQUENTIAL = `
class Sequential:
    """nnx.Sequential: applies its layers (or plain functions) in order."""

    def __init__(self, *layers):
        self.layers = list(layers)

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
`;

const LOAD_FLAX_STATE = `
def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    Names and layouts are Flax's on this target: each array is copied as it is,
    into a layer's attribute or a Variable's value."""
    for path, value in flax_arrays(src):
        *parents, name = path
        owner = model
        for key in parents:
            owner = owner[int(key)] if key.isdigit() else getattr(owner, key)
        target = getattr(owner, name)
        current = target.value if hasattr(target, "value") else target
        if np.shape(current) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        if hasattr(target, "value"):
            target.value = value.copy()
        else:
            setattr(owner, name, value.copy())
    return model
`;

/** The NumPy stateful tables. */
export const numpyStateful: StatefulTarget = {
  callMethod: "__call__",
  callsSuperInit: false,
  variableBases: { Variable: "Variable", Param: "Param", BatchStat: "BatchStat" },
  valueAccess: "attribute",
  ops: {
    Variable: { emit: "Variable(value)", helpers: ["Variable"] },
    Param: { emit: "Param(value)", helpers: ["Param"] },
    BatchStat: { emit: "BatchStat(value)", helpers: ["BatchStat"] },
    Linear: { emit: "Linear(in_features, out_features, use_bias=use_bias, rngs=rngs)", helpers: ["Linear"] },
    Conv: {
      emit:
        "Conv(in_features, out_features, kernel_size, strides=strides, padding=padding, use_bias=use_bias, rngs=rngs)",
      helpers: ["Conv"],
    },
    LayerNorm: {
      emit: "LayerNorm(num_features, epsilon=epsilon, use_bias=use_bias, use_scale=use_scale)",
      helpers: ["LayerNorm"],
    },
    BatchNorm: {
      emit: "BatchNorm(num_features, use_running_average=use_running_average, axis=axis, momentum=momentum, " +
        "epsilon=epsilon, use_bias=use_bias, use_scale=use_scale)",
      helpers: ["BatchNorm"],
    },
    Embed: { emit: "Embed(num_embeddings, features, rngs=rngs)", helpers: ["Embed"] },
    Dropout: { emit: "Dropout(rate, deterministic=deterministic, rngs=rngs)", helpers: ["Dropout"] },
    Sequential: { emit: "Sequential(*layers)", helpers: ["Sequential"] },
    List: { emit: listEmit },
    Rngs: { emit: rngsEmit, helpers: ["Rngs"] },
    random_key: { emit: "np.random.default_rng(seed)" },
    random_split: { emit: "key.spawn(num)", keepDefaults: ["num"] },
    random_normal: { emit: "key.standard_normal(shape, dtype=dtype)" },
    random_uniform: { emit: "key.uniform(minval, maxval, shape).astype(dtype)" },
  },
  helpers: {
    Variable: { source: VARIABLE },
    Param: { source: PARAM, needs: ["Variable"] },
    BatchStat: { source: BATCH_STAT, needs: ["Variable"] },
    Linear: { source: LINEAR },
    Conv: { source: CONV, needs: ["conv_padding"] },
    conv_padding: { source: CONV_PADDING },
    LayerNorm: { source: LAYER_NORM },
    BatchNorm: { source: BATCH_NORM },
    Embed: { source: EMBED },
    Dropout: { source: DROPOUT },
    Sequential: { source: SEQUENTIAL },
    Rngs: rngsSource("np.random.Generator", "np.random.default_rng(seed)"),
    flax_arrays: FLAX_ARRAYS,
    load_flax_state: { source: LOAD_FLAX_STATE, needs: ["flax_arrays"] },
  },
  moduleHelpers: ["load_flax_state"],
};
