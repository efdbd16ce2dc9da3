"""An MLP regressor trained with nnx.Optimizer(adamw) and an nnx.jit train step."""

import functools

import keras
import numpy as np
import tensorflow as tf


def from_keras_config(cls, config):
    """cls built from its get_config() (as keras.saving.load_model does): each value
    deserialized (an Rngs, a config dataclass, a tuple, a layer); the "*name" entry of a
    *name parameter passed positionally."""
    values = {
        key: keras.saving.deserialize_keras_object(value)
        for key, value in config.items()
    }
    starred = [values.pop(key) for key in list(values) if key.startswith("*")]
    return cls(*starred[0] if starred else (), **values)


class Adam(keras.optimizers.Optimizer):
    """optax.adam and optax.adamw as a Keras optimizer: epsilon is added to the
    square root of the bias-corrected second moment, as optax does
    (keras.optimizers.Adam adds it before the correction, which moves small
    gradients' steps), and the decoupled weight decay is weight_decay times the
    variable, scaled by the learning rate with the rest of the update."""

    def __init__(
        self,
        learning_rate,
        beta_1,
        beta_2,
        epsilon,
        weight_decay=0.0,
        name="Adam",
        **kwargs,
    ):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.decoupled_weight_decay = weight_decay

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.moments = [
            self.add_variable_from_reference(v, "moment") for v in variables
        ]
        self.velocities = [
            self.add_variable_from_reference(v, "velocity") for v in variables
        ]

    def update_step(self, gradient, variable, learning_rate):
        learning_rate = keras.ops.cast(learning_rate, variable.dtype)
        count = keras.ops.cast(self.iterations + 1, variable.dtype)
        index = self._get_variable_index(variable)
        moment, velocity = self.moments[index], self.velocities[index]
        self.assign(moment, (1 - self.beta_1) * gradient + self.beta_1 * moment)
        self.assign(
            velocity,
            (1 - self.beta_2) * keras.ops.square(gradient) + self.beta_2 * velocity,
        )
        moment_hat = moment / (1 - keras.ops.power(self.beta_1, count))
        velocity_hat = velocity / (1 - keras.ops.power(self.beta_2, count))
        update = moment_hat / (keras.ops.sqrt(velocity_hat) + self.epsilon)
        update = update + self.decoupled_weight_decay * variable
        self.assign_sub(variable, learning_rate * update)


def keras_initializer(init, default, rngs=None):
    """The initializer (shape, dtype) of a weight: init(key, shape), JAX-style, where given,
    else the one Keras names default. Both draw from the rngs' params stream (a
    keras.random.SeedGenerator) when rngs is given, so that a model built from
    Rngs(seed) starts from the same weights each time."""
    key = None if rngs is None else rngs.params()
    if init is not None:
        return lambda shape, dtype=None: init(key, tuple(shape))
    initializer = keras.initializers.get(default)
    if key is not None and hasattr(initializer, "seed"):
        initializer.seed = key
    return initializer


@keras.saving.register_keras_serializable(package=__name__)
class Linear(keras.layers.Dense):
    """nnx.Linear: a Dense layer (kernel (in, out), as in Flax) built at construction,
    its kernel LeCun-normal and bias zero unless kernel_init / bias_init (init(key, shape))
    are given, drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(
            out_features,
            use_bias=use_bias,
            kernel_initializer=keras_initializer(kernel_init, "lecun_normal", rngs),
            bias_initializer=keras_initializer(bias_init, "zeros", rngs),
            **kwargs,
        )
        self.init_arguments = {
            "in_features": in_features,
            "out_features": out_features,
            "use_bias": use_bias,
            "kernel_init": kernel_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        self.build((None, in_features))

    def get_config(self):
        return dict(keras.Layer.get_config(self), **self.init_arguments)

    from_config = classmethod(from_keras_config)


class Optimizer:
    """nnx.Optimizer(model, tx, wrt=nnx.Param): the Keras optimizer tx builds (tx is
    an optax optimizer's translation: its keras.optimizers class with every
    hyperparameter). A learning rate that is a schedule (a function of the update
    count, 0 first) becomes a keras LearningRateSchedule.

    tx may also be an optax.chain's translation: a tuple of gradient transforms
    (functions of the gradients and the variables), then the optimizer.

    update(model, grads) takes one step with grads, a list in the model's
    trainable_variables order (as nnx_value_and_grad gives them)."""

    def __init__(self, model, tx):
        *transforms, tx = tx if isinstance(tx, tuple) else (tx,)
        self.transforms = transforms
        learning_rate = tx.keywords["learning_rate"]
        if callable(learning_rate):
            self.optimizer = tx(learning_rate=LearningRateSchedule(learning_rate))
        else:
            self.optimizer = tx()

    def update(self, model, grads):
        params = model.trainable_variables
        for transform in self.transforms:
            grads = transform(grads, params)
        self.optimizer.apply(grads, params)


class LearningRateSchedule(keras.optimizers.schedules.LearningRateSchedule):
    """An optax schedule (a function of the update count) as a Keras one."""

    def __init__(self, schedule):
        self.schedule = schedule

    def __call__(self, step):
        return self.schedule(step)


@keras.saving.register_keras_serializable(package=__name__)
class Rngs:
    """nnx.Rngs: named random streams, each a keras.random.SeedGenerator.

    rngs.params(), rngs.dropout() and rngs() give a stream's generator; a stream the
    constructor did not name draws from the default one. An Rngs built while a call is
    traced makes a stream's generator when the stream is first used, so that one that
    draws nothing (passed to initialize_carry) makes none. The numbers differ from JAX's."""

    def __init__(self, default=None, **streams):
        if default is not None:
            streams["default"] = default
        self.seeds = dict(streams)
        self.generators = {}
        # made now, outside any trace (else when first used)
        if tf.executing_eagerly():
            for stream in self.seeds:
                getattr(self, stream)

    def __getattr__(self, name):
        if name.startswith(("_", "is_", "get_")):  # not streams: protocols, type probes
            raise AttributeError(name)
        seeds, generators = self.__dict__["seeds"], self.__dict__["generators"]
        stream = name if name in seeds else "default"
        if stream not in seeds:
            raise AttributeError(
                "no random stream " + repr(name) + " and no default stream"
            )
        if stream not in generators:
            seed = seeds[stream]
            generators[stream] = keras.random.SeedGenerator(seed)
        return lambda: generators[stream]

    def __call__(self):
        return self.default()

    def get_config(self):
        """The seeds, so that Keras saves an Rngs passed to a layer it saves."""
        return self.seeds

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def flax_arrays(src, path=()):
    """(path, array) for each Variable of a Flax nnx.Module or nnx.State, found by
    duck typing; random-stream state (Rngs keys and counts) and classes held as
    attributes (LoRA's lora_param_type) are left out. A tuple key (the Flax paths that
    name WeightNorm's scales and SpectralNorm's statistics) is its items joined by "_"."""
    if isinstance(src, type):
        return []
    if hasattr(src, "to_pure_dict"):
        src = src.to_pure_dict()
    if hasattr(src, "get_value"):
        if type(src).__name__.startswith("Rng"):
            return []
        return [(path, np.asarray(src.get_value()))]
    if hasattr(src, "shape") and hasattr(src, "dtype"):
        if str(src.dtype).startswith("key<"):
            return []
        return [(path, np.asarray(src))]
    if isinstance(src, dict):
        items = list(src.items())
    elif hasattr(src, "_pytree__nodes"):
        items = [(k, v) for k, v in vars(src).items() if not k.startswith("_")]
    else:
        return []
    arrays = []
    for key, value in items:
        if key != "rngs":
            name = "_".join(map(str, key)) if isinstance(key, tuple) else str(key)
            arrays.extend(flax_arrays(value, (*path, name)))
    return arrays


def flax_targets(model, src):
    """(owner, name, array, path) for each Variable of a Flax nnx.Module or nnx.State:
    the object of model that holds the last name of the Flax path, found by attribute,
    key (dicts) or index (lists). A list of layers met where the Flax path goes on
    with a name holds the layers of a Module built under nnx.vmap (scan over layers):
    each layer gets its slice of the array's leading (layer) axis."""

    def stacked(owner, key):
        # a list of layers where the Flax path names an attribute of one layer
        return (
            not isinstance(owner, dict)
            and not key.isdigit()
            and not hasattr(owner, key)
            and hasattr(owner, "__len__")
        )

    def layers(owner, keys, value, path):
        if len(owner) != value.shape[0]:
            raise ValueError("layer count mismatch at " + ".".join(path))
        return [t for layer, v in zip(owner, value) for t in at(layer, keys, v, path)]

    def at(owner, keys, value, path):
        *parents, name = keys
        for i, key in enumerate(parents):
            if stacked(owner, key):
                return layers(owner, keys[i:], value, path)
            if isinstance(owner, dict) or key.isdigit():
                owner = owner[key if isinstance(owner, dict) else int(key)]
            else:
                owner = getattr(owner, key)
        if stacked(owner, name):
            return layers(owner, [name], value, path)
        return [(owner, name, value, path)]

    return [t for path, value in flax_arrays(src) for t in at(model, path, value, path)]


def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    The one place where Flax's weights meet Keras': layouts are Flax's already
    (kernels (in, out) and (*window, in, out)); only Embed's embedding is named
    embeddings, as in keras.layers.Embedding."""
    renamed = {"embedding": "embeddings"}
    for owner, name, value, path in flax_targets(model, src):
        if not hasattr(owner, name) and name in renamed:
            name = renamed[name]
        target = owner[name] if isinstance(owner, dict) else getattr(owner, name)
        if tuple(target.shape) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        if hasattr(target, "assign"):
            target.assign(value)
        else:
            setattr(owner, name, tf.constant(value))
    return model


def nnx_value_and_grad(fun, argnums=0, has_aux=False):
    """nnx.value_and_grad with tf.GradientTape: fun's scalar value (and aux) and its
    gradients with respect to the arguments argnums. A layer's gradients are a list
    in its trainable_variables order (Optimizer.update takes them); a tensor's is a
    tensor. Unconnected ones are zeros."""

    def value_and_grad_fun(*args):
        args = list(args)
        nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
        with tf.GradientTape() as tape:
            wrt = []
            for n in nums:
                if isinstance(args[n], keras.Layer):
                    wrt.append(list(args[n].trainable_variables))
                else:
                    args[n] = tf.convert_to_tensor(args[n])
                    tape.watch(args[n])
                    wrt.append(args[n])
            out = fun(*args)
        value = out[0] if has_aux else out
        grads = tape.gradient(
            value, wrt, unconnected_gradients=tf.UnconnectedGradients.ZERO
        )
        return out, grads[0] if isinstance(argnums, int) else tuple(grads)

    return value_and_grad_fun


@keras.saving.register_keras_serializable(package=__name__)
class MLP(keras.Layer):
    def __init__(self, din: int, dhidden: int, dout: int, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {
            "din": din,
            "dhidden": dhidden,
            "dout": dout,
            "rngs": rngs,
        }
        self.fc1 = Linear(din, dhidden, rngs=rngs)
        self.fc2 = Linear(dhidden, dout, rngs=rngs)

    def call(self, x):
        return self.fc2(tf.nn.relu(self.fc1(x)))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


def make_optimizer(model):
    tx = functools.partial(
        Adam,
        learning_rate=1e-2,
        beta_1=0.8,
        beta_2=0.999,
        epsilon=1e-08,
        weight_decay=0.05,
    )
    return Optimizer(model, tx)


def loss_fn(model, x, y):
    return tf.reduce_mean((model(x) - y) ** 2)


def train_step(model, optimizer, x, y):
    loss, grads = nnx_value_and_grad(loss_fn)(model, x, y)
    optimizer.update(model, grads)
    return loss


def eval_step(model, x, y):
    return loss_fn(model, x, y)
