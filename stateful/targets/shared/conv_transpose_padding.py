from .conv_padding import conv_padding


def conv_transpose_padding(padding, kernel_size, strides, kernel_dilation):
    """(low, high) padding of the stride-dilated input per spatial axis, as lax.conv_transpose
    computes it for 'SAME' and 'VALID' (for the dilated kernel); explicit padding is as given."""
    if padding not in ("SAME", "VALID"):
        return conv_padding(padding, kernel_size, kernel_size, strides)
    pads = []
    for size, stride, dilation in zip(kernel_size, strides, kernel_dilation):
        window = (size - 1) * dilation + 1
        if padding == "SAME":
            total = window + stride - 2
            low = window - 1 if stride > window - 1 else -(total // -2)
        else:
            total = window + stride - 2 + max(window - stride, 0)
            low = window - 1
        pads.append((low, total - low))
    return pads
