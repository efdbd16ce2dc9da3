import numpy as np

from ..shared.conv_padding import conv_padding


def conv_general_dilated(
    x, kernel, strides, padding, input_dilation, kernel_dilation, feature_group_count
):
    """lax.conv_general_dilated as nnx.Conv calls it: x (batch..., *spatial, in), any number of
    leading batch axes, kernel (*window, in // feature_group_count, out). 'SAME' pads each
    spatial axis by (total // 2, total - total // 2) for the dilated kernel, as XLA does."""
    spatial = kernel.ndim - 2
    batch = x.shape[: x.ndim - spatial - 1]
    x = x.reshape(-1, *x.shape[len(batch) :])
    dilated = (
        x.shape[0],
        *((n - 1) * f + 1 for n, f in zip(x.shape[1:-1], input_dilation)),
        x.shape[-1],
    )
    if dilated != x.shape:  # input_dilation - 1 zeros between neighbouring inputs
        spread = np.zeros(dilated, x.dtype)
        spread[(slice(None), *(slice(None, None, f) for f in input_dilation))] = x
        x = spread
    window = [(k - 1) * d + 1 for k, d in zip(kernel.shape[:spatial], kernel_dilation)]
    x = np.pad(
        x, [(0, 0), *conv_padding(padding, x.shape[1:-1], window, strides), (0, 0)]
    )
    windows = np.lib.stride_tricks.sliding_window_view(
        x, window, axis=tuple(range(1, spatial + 1))
    )
    strided = tuple(slice(None, None, s) for s in strides)
    dilated_window = tuple(slice(None, None, d) for d in kernel_dilation)
    windows = windows[(slice(None), *strided, slice(None), *dilated_window)]
    # windows: (batch, *out_spatial, groups, in // groups, *kernel_size) against
    # kernel (*kernel_size, in // groups, groups, out // groups)
    windows = windows.reshape(
        *windows.shape[: spatial + 1],
        feature_group_count,
        -1,
        *windows.shape[spatial + 2 :],
    )
    kernel = kernel.reshape(*kernel.shape[:-1], feature_group_count, -1)
    axes = "".join(chr(ord("a") + k) for k in range(spatial))
    y = np.einsum(
        "...gi" + axes + "," + axes + "igo->...go", windows, kernel, optimize=True
    )
    y = y.reshape(*batch, *y.shape[1:-2], -1)
    return y
