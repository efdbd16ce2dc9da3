import numpy as np

from ..shared.conv_padding import conv_padding


def pool(x, window_shape, strides, padding, value, reduce):
    """flax.linen.pooling.pool over the window axes of x (batch..., *window, features): x
    padded with value as lax.reduce_window pads it ('SAME': the smaller half before),
    then reduce over each window."""
    spatial = len(window_shape)
    strides = (1,) * spatial if strides is None else tuple(strides)
    axes = tuple(range(x.ndim - spatial - 1, x.ndim - 1))
    pads = conv_padding(padding, [x.shape[a] for a in axes], window_shape, strides)
    x = np.pad(x, [(0, 0)] * axes[0] + pads + [(0, 0)], constant_values=value)
    windows = np.lib.stride_tricks.sliding_window_view(x, window_shape, axis=axes)
    windows = windows[
        (slice(None),) * axes[0] + tuple(slice(None, None, s) for s in strides)
    ]
    return reduce(windows, axis=tuple(range(-spatial, 0)))
