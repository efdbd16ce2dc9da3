def interp(x, xp, fp, left=None, right=None):
    """jnp.interp: piecewise-linear through the points (xp, fp) (xp increasing) at x, as JAX
    computes it; left and right (fp's ends by default) outside xp."""
    i = tf.clip_by_value(searchsorted(xp, x, side="right"), 1, xp.shape[0] - 1)
    x0, x1, f0, f1 = (
        tf.gather(xp, i - 1),
        tf.gather(xp, i),
        tf.gather(fp, i - 1),
        tf.gather(fp, i),
    )
    dx = x1 - x0
    f = tf.where(
        dx == 0, f0, f0 + (x - x0) / tf.where(dx == 0, tf.ones_like(dx), dx) * (f1 - f0)
    )
    f = tf.where(x < xp[0], fp[0] if left is None else tf.cast(left, f.dtype), f)
    return tf.where(x > xp[-1], fp[-1] if right is None else tf.cast(right, f.dtype), f)
