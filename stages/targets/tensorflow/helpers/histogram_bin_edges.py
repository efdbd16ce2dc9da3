def histogram_bin_edges(x, bins, bin_range=None):
    """jnp.histogram_bin_edges: bins + 1 even edges over bin_range (x's min and max by default,
    widened by 0.5 each way where they are equal), or the given edges."""
    if not isinstance(bins, int):
        return tf.cast(bins, x.dtype)
    if bin_range is None:
        low, high = tf.reduce_min(x), tf.reduce_max(x)
    else:
        low, high = tf.cast(bin_range[0], x.dtype), tf.cast(bin_range[1], x.dtype)
    same = low == high
    return tf.linspace(
        tf.where(same, low - 0.5, low), tf.where(same, high + 0.5, high), bins + 1
    )
