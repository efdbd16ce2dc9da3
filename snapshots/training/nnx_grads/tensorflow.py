"""nnx.grad and nnx.value_and_grad: of arrays, with argnums, has_aux and
nnx.DiffState, and of a module's parameters."""

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


def nnx_grad(fun, argnums=0, has_aux=False):
    """nnx.grad: the gradients nnx_value_and_grad gives (and aux)."""
    value_and_grad_fun = nnx_value_and_grad(fun, argnums=argnums, has_aux=has_aux)

    def grad_fun(*args):
        out, grads = value_and_grad_fun(*args)
        return (grads, out[1]) if has_aux else grads

    return grad_fun


@keras.saving.register_keras_serializable(package=__name__)
class Scale(keras.Layer):
    def __init__(self, n: int, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"n": n}
        self.w = keras.Variable(
            tf.cast(
                tf.linspace(tf.cast(-1.0, tf.float32), tf.cast(1.0, tf.float32), n),
                tf.float32,
            ),
        )
        self.b = keras.Variable(tf.zeros((n,), dtype=tf.float32))

    def call(self, x):
        return x * self.w + self.b

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


def value_and_grad_of_array(x):
    return nnx_value_and_grad(lambda a: tf.reduce_sum(tf.sin(a)))(x)


def value_and_grad_of_two(x, y):
    return nnx_value_and_grad(
        lambda a, b: tf.reduce_mean((a - b) ** 2), argnums=(0, 1)
    )(x, y)


def grad_with_aux(x, y):
    def f(a, b):
        return tf.reduce_sum(tf.tanh(a) * b), a * 2.0

    return nnx_grad(f, argnums=1, has_aux=True)(x, y)


def loss_fn(model: Scale, x):
    return tf.reduce_sum(model(x) ** 2), tf.reduce_max(x)


def module_value_and_grad(model: Scale, x):
    (loss, top), grads = nnx_value_and_grad(loss_fn, has_aux=True)(model, x)
    return loss, top, grads


def module_grad(model: Scale, x):
    grads, _ = nnx_grad(loss_fn, has_aux=True)(model, x)
    return grads
