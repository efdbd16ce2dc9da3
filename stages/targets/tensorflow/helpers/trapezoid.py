def trapezoid(y, x=None, dx=1.0, axis=-1):
    """jnp.trapezoid: the trapezoidal rule along the axis, over the sample points x (1-D, or
    of y's shape) or the spacing dx."""
    y = tnp.moveaxis(y, axis, -1)
    if not y.dtype.is_floating:
        y = tf.cast(y, tf.float32)
    if x is not None:
        x = tf.cast(x, y.dtype)
        dx = tnp.diff(x if x.ndim == 1 else tnp.moveaxis(x, axis, -1), axis=-1)
    return 0.5 * tf.reduce_sum(dx * (y[..., 1:] + y[..., :-1]), axis=-1)
