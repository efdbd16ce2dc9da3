def unwrap(p, axis=-1):
    """jnp.unwrap with period 2 pi: each step larger than pi changed by a multiple of 2 pi, as
    JAX computes it."""
    p = tnp.moveaxis(p, axis, -1)
    step = p[..., 1:] - p[..., :-1]
    wrapped = tf.math.floormod(step + math.pi, 2 * math.pi) - math.pi
    wrapped = tf.where(
        (wrapped == -math.pi) & (step > 0), tf.constant(math.pi, p.dtype), wrapped
    )
    correction = tf.where(tf.abs(step) < math.pi, tf.zeros_like(step), wrapped - step)
    out = tf.concat([p[..., :1], p[..., 1:] + tf.cumsum(correction, axis=-1)], -1)
    return tnp.moveaxis(out, -1, axis)
