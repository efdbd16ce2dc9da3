/**
 * Flax NNX on TensorFlow/Keras. A Module is a `keras.Layer` (`__call__`
 * becomes `call`) whose weights exist from construction, as in Flax, so
 * they are tracked Keras variables as soon as the model is built.
 * `nnx.Param` is a trainable `keras.Variable`; other Variables (and user
 * Variable subclasses, which extend `keras.Variable`) are non-trainable,
 * mutated with `.assign`/`.assign_add`. Layers are small helper classes over
 * Keras layers, keeping Flax's layouts and names (`kernel`, `bias`,
 * `scale`, BatchNorm's `mean` and `var`), so `load_flax_state` only renames
 * `embedding` to `embeddings`. BatchNorm's mode is its `use_running_average`
 * call argument, else Keras' `training` (`model(x, training=False)`,
 * `predict`, `fit`), else its constructor's flag: a call with neither trains,
 * as in Flax.
 *
 * @module
 */
import { listEmit, rngsEmit, type StatefulTarget } from "../target.ts";
import { FLAX_ARRAYS } from "../flax_arrays.ts";
import { rngsSource } from "./shared.ts";

const LINEAR = `
class Linear(keras.layers.Dense):
    """nnx.Linear: a Dense layer (kernel (in, out), as in Flax) built at construction."""

    def __init__(self, in_features, out_features, use_bias=True):
        super().__init__(out_features, use_bias=use_bias, kernel_initializer="lecun_normal")
        self.build((None, in_features))
`;

const CONV = `
class Conv(keras.Layer):
    """nnx.Conv: channels-last convolution with Flax's kernel (*kernel_size, in, out).

    TensorFlow's 'SAME' pads as XLA does (the smaller half before), like Flax."""

    def __init__(self, in_features, out_features, kernel_size, strides=1, padding="SAME", use_bias=True):
        super().__init__()
        if isinstance(kernel_size, int):
            kernel_size = (kernel_size,)
        kernel_size = tuple(kernel_size)
        self.strides = strides
        self.padding = padding
        self.kernel = self.add_weight(
            shape=(*kernel_size, in_features, out_features), initializer="lecun_normal", name="kernel"
        )
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(shape=(out_features,), initializer="zeros", name="bias")

    def call(self, x):
        padding = self.padding
        if not isinstance(padding, str):
            spatial = len(self.kernel.shape) - 2
            if isinstance(padding, int):
                padding = [(padding, padding)] * spatial
            pads = [(p, p) if isinstance(p, int) else tuple(p) for p in padding]
            x = tf.pad(x, [(0, 0), *pads, (0, 0)])
            padding = "VALID"
        y = tf.nn.convolution(x, self.kernel, strides=self.strides, padding=padding)
        return y if self.bias is None else y + self.bias
`;

const LAYER_NORM = `
class LayerNorm(keras.Layer):
    """nnx.LayerNorm over the last axis, as Flax computes it: variance E[x^2] - E[x]^2
    (clipped at 0), epsilon 1e-6 by default (Keras' LayerNormalization uses 1e-3)."""

    def __init__(self, num_features, epsilon=1e-6, use_bias=True, use_scale=True):
        super().__init__()
        self.epsilon = epsilon
        self.scale = None
        if use_scale:
            self.scale = self.add_weight(shape=(num_features,), initializer="ones", name="scale")
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(shape=(num_features,), initializer="zeros", name="bias")

    def call(self, x):
        mean = tf.reduce_mean(x, axis=-1, keepdims=True)
        variance = tf.maximum(tf.reduce_mean(tf.square(x), axis=-1, keepdims=True) - tf.square(mean), 0.0)
        y = (x - mean) * tf.math.rsqrt(variance + self.epsilon)
        if self.scale is not None:
            y = y * self.scale
        if self.bias is not None:
            y = y + self.bias
        return y
`;

const BATCH_NORM = `
class BatchNorm(keras.Layer):
    """nnx.BatchNorm as in Flax, over every axis but axis (the features, last by default).

    In training mode x is normalized with the batch's mean and biased variance
    (E[x^2] - E[x]^2, clipped at 0) over every other axis, and the running averages
    mean and var are updated as momentum * running + (1 - momentum) * batch. With
    use_running_average the running averages normalize x and stay as they are.

    The mode is use_running_average given per call, else Keras' training argument
    (model(x, training=False), model.predict and model.evaluate use the running
    averages; training=True and model.fit the batch), else the constructor's
    use_running_average: with neither given a call trains, as in Flax (Keras'
    BatchNormalization would use the running averages)."""

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
        super().__init__()
        # use_running_average may be passed positionally, as in Flax
        self._allow_non_tensor_positional_args = True
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        shape = (num_features,)
        self.mean = self.add_weight(shape=shape, initializer="zeros", trainable=False, name="mean")
        self.var = self.add_weight(shape=shape, initializer="ones", trainable=False, name="var")
        self.scale = None
        if use_scale:
            self.scale = self.add_weight(shape=shape, initializer="ones", name="scale")
        self.bias = None
        if use_bias:
            self.bias = self.add_weight(shape=shape, initializer="zeros", name="bias")

    def call(self, x, use_running_average=None, training=None):
        if use_running_average is None and training is not None:
            use_running_average = not training
        if use_running_average is None:
            use_running_average = self.use_running_average
        axis = self.axis % len(x.shape)
        x = tf.experimental.numpy.moveaxis(x, axis, -1)
        if use_running_average:
            mean, var = self.mean, self.var
        else:
            axes = list(range(len(x.shape) - 1))
            mean = tf.reduce_mean(x, axis=axes)
            var = tf.maximum(tf.reduce_mean(tf.square(x), axis=axes) - tf.square(mean), 0.0)
            self.mean.assign(self.momentum * self.mean + (1 - self.momentum) * mean)
            self.var.assign(self.momentum * self.var + (1 - self.momentum) * var)
        multiplier = tf.math.rsqrt(var + self.epsilon)
        if self.scale is not None:
            multiplier = multiplier * self.scale
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return tf.experimental.numpy.moveaxis(y, -1, axis)
`;

const EMBED = `
class Embed(keras.layers.Embedding):
    """nnx.Embed: a Keras Embedding built at construction, with Flax's attend."""

    def __init__(self, num_embeddings, features):
        super().__init__(num_embeddings, features)
        self.build()

    def attend(self, query):
        """query @ embedding.T: scores against every embedding."""
        return keras.ops.matmul(query, keras.ops.transpose(self.embeddings))
`;

const DROPOUT = `
class Dropout(keras.Layer):
    """nnx.Dropout: zeroes each input with probability rate and scales the rest by
    1 / (1 - rate), unless deterministic: the call's argument, else Keras' training
    flag (fit trains, predict and evaluate do not), else the constructor's."""

    def __init__(self, rate, deterministic=False, rngs=None):
        super().__init__()
        self.rate = rate
        self.deterministic = deterministic
        if rngs is None:
            self.seed_generator = keras.random.SeedGenerator()
        else:
            self.seed_generator = rngs.dropout()

    def call(self, x, deterministic=None, rngs=None, training=None):
        if deterministic is None:
            deterministic = self.deterministic if training is None else not training
        if deterministic or self.rate == 0.0:
            return x
        if self.rate == 1.0:
            return tf.zeros_like(x)
        seed = self.seed_generator if rngs is None else rngs.dropout()
        return keras.random.dropout(x, self.rate, seed=seed)
`;

const SEQUENTIAL = `
class Sequential(keras.Layer):
    """nnx.Sequential: applies its layers (or plain functions) in order."""

    def __init__(self, *layers):
        super().__init__()
        self.layers = list(layers)

    def call(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
`;

const SPLIT_KEY = `
def split_key(key, num=2):
    """jax.random.split: num new seed generators, seeded from key's stream."""
    seeds = keras.random.randint((num,), 0, 2**31 - 1, seed=key)
    return [keras.random.SeedGenerator(int(seed)) for seed in seeds]
`;

const LOAD_FLAX_STATE = `
def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    The one place where Flax's weights meet Keras': layouts are Flax's already
    (kernels (in, out) and (*window, in, out)); only Embed's embedding is named
    embeddings, as in keras.layers.Embedding."""
    renamed = {"embedding": "embeddings"}
    for path, value in flax_arrays(src):
        *parents, name = path
        owner = model
        for key in parents:
            owner = owner[int(key)] if key.isdigit() else getattr(owner, key)
        if not hasattr(owner, name) and name in renamed:
            name = renamed[name]
        target = getattr(owner, name)
        if tuple(target.shape) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        target.assign(value)
    return model
`;

/** The TensorFlow/Keras stateful tables. */
export const tensorflowStateful: StatefulTarget = {
  moduleBase: "keras.Layer",
  callMethod: "call",
  callNeedsArgument: true,
  reservedCallArgs: {
    mask: "Keras fills a `mask=None` argument from the input's `_keras_mask` and propagates masks",
    training: "Keras fills a `training=None` argument from the outer call or `model.fit`",
  },
  callsSuperInit: true,
  variableBases: { Variable: "keras.Variable", Param: "keras.Variable", BatchStat: "keras.Variable" },
  variableInit: {
    Variable: "def __init__(self, value):\n    super().__init__(value, trainable=False)\n",
    BatchStat: "def __init__(self, value):\n    super().__init__(value, trainable=False)\n",
  },
  valueAccess: "assign",
  ops: {
    Variable: { emit: "keras.Variable(value, trainable=False)" },
    Param: { emit: "keras.Variable(value)" },
    BatchStat: { emit: "keras.Variable(value, trainable=False)" },
    Linear: { emit: "Linear(in_features, out_features, use_bias=use_bias)", helpers: ["Linear"] },
    Conv: {
      emit: "Conv(in_features, out_features, kernel_size, strides=strides, padding=padding, use_bias=use_bias)",
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
    Embed: { emit: "Embed(num_embeddings, features)", helpers: ["Embed"] },
    Dropout: { emit: "Dropout(rate, deterministic=deterministic, rngs=rngs)", helpers: ["Dropout"] },
    Sequential: { emit: "Sequential(*layers)", helpers: ["Sequential"] },
    List: { emit: listEmit },
    Rngs: { emit: rngsEmit, helpers: ["Rngs"] },
    random_key: { emit: "keras.random.SeedGenerator(seed)" },
    random_split: { emit: "split_key(key, num)", helpers: ["split_key"] },
    random_normal: { emit: "keras.random.normal(shape, dtype=dtype, seed=key)" },
    random_uniform: { emit: "keras.random.uniform(shape, minval=minval, maxval=maxval, dtype=dtype, seed=key)" },
  },
  helpers: {
    Linear: { source: LINEAR },
    Conv: { source: CONV },
    LayerNorm: { source: LAYER_NORM },
    BatchNorm: { source: BATCH_NORM },
    Embed: { source: EMBED },
    Dropout: { source: DROPOUT },
    Sequential: { source: SEQUENTIAL },
    Rngs: rngsSource("keras.random.SeedGenerator", "keras.random.SeedGenerator(seed)"),
    split_key: { source: SPLIT_KEY },
    flax_arrays: FLAX_ARRAYS,
    load_flax_state: { source: LOAD_FLAX_STATE, needs: ["flax_arrays"] },
  },
  moduleHelpers: ["load_flax_state"],
};
