def convolve(x, y, mode="full", correlate=False):
    """jnp.convolve (jnp.correlate with correlate=True) of two 1-D arrays, as JAX: the shorter
    one slides over the longer (reversed for a convolution), padded for mode 'full', 'same' or
    'valid'."""
    reverse = False
    if len(x) < len(y):
        x, y = y, x
        reverse = correlate
    if not correlate:
        y = torch.flip(y, (0,))
    m = len(y)
    pad = {"valid": (0, 0), "same": (m // 2, m - m // 2 - 1), "full": (m - 1, m - 1)}[
        mode
    ]
    out = torch.nn.functional.conv1d(
        torch.nn.functional.pad(x, pad)[None, None], y[None, None]
    )[0, 0]
    return torch.flip(out, (0,)) if reverse else out
