def gradient(f, axis):
    """jnp.gradient along one axis at unit spacing: central differences inside, one-sided ones
    at the two ends."""
    f = tnp.moveaxis(f, axis, -1)
    inner = (f[..., 2:] - f[..., :-2]) / 2
    ends = (f[..., 1:2] - f[..., :1], f[..., -1:] - f[..., -2:-1])
    return tnp.moveaxis(tf.concat([ends[0], inner, ends[1]], -1), -1, axis)
