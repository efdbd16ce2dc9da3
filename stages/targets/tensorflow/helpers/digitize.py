def digitize(x, bins, right=False):
    """jnp.digitize: the bin of each entry of x, for increasing or decreasing bins,
    int32."""
    side = "left" if right else "right"
    if bins[-1] >= bins[0]:
        return searchsorted(bins, x, side)
    return len(bins) - searchsorted(tf.reverse(bins, [0]), x, side)
