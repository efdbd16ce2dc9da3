import tensorflow as tf


def pad(x, pad_width, constant_value=0):
    """jnp.pad in constant mode."""
    if isinstance(pad_width, int):
        pad_width = [(pad_width, pad_width)] * len(x.shape)
    widths = [w if isinstance(w, (tuple, list)) else (w, w) for w in pad_width]
    if len(widths) == 1:
        widths = widths * len(x.shape)
    return tf.pad(x, widths, constant_values=constant_value)
