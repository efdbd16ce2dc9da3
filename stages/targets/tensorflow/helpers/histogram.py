def histogram(x, bins, bin_range=None, density=False):
    """jnp.histogram: (the float count of x in each bin, the last bin holding its right edge;
    the edges); with density, counts over bin width and total."""
    edges = histogram_bin_edges(x, bins, bin_range)
    n = edges.shape[0]
    flat = tf.reshape(x, [-1])
    index = tf.where(flat == edges[-1], n - 1, searchsorted(edges, flat, side="right"))
    counts = tf.math.bincount(index, minlength=n + 1, dtype=x.dtype)[1:n]
    if density:
        counts = counts / (edges[1:] - edges[:-1]) / tf.reduce_sum(counts)
    return counts, edges
