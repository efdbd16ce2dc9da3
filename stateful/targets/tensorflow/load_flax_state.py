import tensorflow as tf

from ..shared.flax_targets import flax_targets


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
        else:  # an array attribute that is not a Variable (Flax keeps it as data too)
            setattr(owner, name, tf.constant(value))
    return model
