def einsum_bias_shape(einsum_str, kernel_shape, ndim):
    """The shape nnx.Einsum reshapes its bias to: each output axis the kernel names has that
    kernel axis' size, every other one (an ellipsis' too) is 1."""
    inputs, output = einsum_str.split("->")
    sizes = dict(zip(inputs.split(",")[1], kernel_shape))
    before, _, after = output.partition("...")
    middle = [1] * (ndim - len(before) - len(after))
    return [sizes.get(c, 1) for c in before] + middle + [sizes.get(c, 1) for c in after]
