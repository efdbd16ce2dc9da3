def convolve(x, y, mode="full", correlate=False):
    """jnp.convolve (jnp.correlate with correlate=True) of two 1-D arrays, as JAX: the shorter
    one slides over the longer (reversed for a convolution), padded for mode 'full', 'same' or
    'valid'."""
    reverse = False
    if x.shape[0] < y.shape[0]:
        x, y = y, x
        reverse = correlate
    if not correlate:
        y = tf.reverse(y, [0])
    m = y.shape[0]
    pad = {"valid": (0, 0), "same": (m // 2, m - m // 2 - 1), "full": (m - 1, m - 1)}[
        mode
    ]
    out = tf.nn.conv1d(
        tf.pad(x, [pad])[None, :, None], y[:, None, None], stride=1, padding="VALID"
    )[0, :, 0]
    return tf.reverse(out, [0]) if reverse else out
