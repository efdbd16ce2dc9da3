def fft_axes(kind, x, s=None, axes=None, norm=None):
    """jnp.fft's transforms over several axes ("fft", "ifft", "rfft"): one-axis
    transforms in turn, the real one (for "rfft") over the last of `axes` first. `axes`
    None is every axis, or the last len(s) ones."""
    if axes is None:
        axes = range(-len(s), 0) if s is not None else range(len(x.shape))
    axes = list(axes)
    s = [None] * len(axes) if s is None else list(s)
    first = "rfft" if kind == "rfft" else kind
    x = fft_axis(first, x, s[-1], axes[-1], norm)
    for n, axis in zip(s[-2::-1], axes[-2::-1], strict=True):
        x = fft_axis("ifft" if kind == "ifft" else "fft", x, n, axis, norm)
    return x
