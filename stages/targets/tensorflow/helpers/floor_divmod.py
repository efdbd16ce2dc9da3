def floor_divmod(x, y):
    """jnp.divmod: (floor_divide(x, y), remainder(x, y))."""
    return floor_divide(x, y), tf.math.floormod(x, y)
