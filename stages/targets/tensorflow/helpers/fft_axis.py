def fft_axis(kind, x, n=None, axis=-1, norm=None):
    """jnp.fft's one-axis transforms ("fft", "ifft", "rfft", "irfft") with tf.signal,
    which transforms the last axis: `axis` moved last and back, the input cut or zero-
    padded to `n`, and the `norm` scaling ("backward", "ortho", "forward") applied."""
    x = tnp.moveaxis(x, axis, -1)
    size = x.shape[-1]
    if kind == "irfft":
        n = 2 * (size - 1) if n is None else n
        out = tf.signal.irfft(tf.cast(x, tf.complex64), fft_length=[n])
    elif kind == "rfft":
        n = size if n is None else n
        out = tf.signal.rfft(tf.cast(x, tf.float32), fft_length=[n])
    else:
        n = size if n is None else n
        x = tf.cast(x[..., :n], tf.complex64)
        if n > size:
            x = tf.concat(
                [x, tf.zeros([*x.shape[:-1], n - size], tf.complex64)], axis=-1
            )
        out = tf.signal.fft(x) if kind == "fft" else tf.signal.ifft(x)
    inverse = kind in ("ifft", "irfft")
    if norm == "ortho":
        out = out * tf.cast(math.sqrt(n) if inverse else 1 / math.sqrt(n), out.dtype)
    elif norm == "forward":
        out = out * tf.cast(n if inverse else 1 / n, out.dtype)
    return tnp.moveaxis(out, -1, axis)
