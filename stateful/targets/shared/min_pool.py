from .per_target import max_pool


def min_pool(inputs, window_shape, strides=None, padding="VALID"):
    """nnx.min_pool: the minimum of each window (padding never wins)."""
    return -max_pool(-inputs, window_shape, strides, padding)
