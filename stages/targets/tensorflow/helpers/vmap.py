import tensorflow as tf
import tensorflow.experimental.numpy as tnp

from ...shared.tree_map import tree_map


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

        out = tf.vectorized_map(
            one, [tnp.moveaxis(args[n], axes[n], 0) for n in mapped]
        )
        return tree_map(lambda leaf: tnp.moveaxis(leaf, 0, out_axes), out)

    return vmapped
