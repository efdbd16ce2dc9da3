def histogram(x, bins, bin_range=None, density=False):
    """jnp.histogram: np.histogram's counts and edges as float32, JAX's dtype."""
    counts, edges = np.histogram(x, bins=bins, range=bin_range, density=density)
    return counts.astype(np.float32), edges.astype(np.float32)
