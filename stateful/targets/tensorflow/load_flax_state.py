import tensorflow as tf

from ..shared.flax_arrays import flax_arrays


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
            if isinstance(owner, dict) or key.isdigit():
                owner = owner[key if isinstance(owner, dict) else int(key)]
            else:
                owner = getattr(owner, key)
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
