import torch

from .pool import pool


def avg_pool(
    inputs, window_shape, strides=None, padding="VALID", count_include_pad=True
):
    """nnx.avg_pool: the mean of each window, padded entries counted as zeros; with
    count_include_pad=False, the sum over the entries of inputs the window covers."""
    functions = (
        torch.nn.functional.avg_pool1d,
        torch.nn.functional.avg_pool2d,
        torch.nn.functional.avg_pool3d,
    )
    y = pool(inputs, window_shape, strides, padding, 0.0, functions)
    if not count_include_pad:
        ones = torch.ones((*inputs.shape[:-1], 1), dtype=inputs.dtype)
        y = y / pool(ones, window_shape, strides, padding, 0.0, functions)
    return y
