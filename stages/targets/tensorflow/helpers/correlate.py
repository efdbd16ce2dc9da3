def correlate(x, y, mode="valid"):
    """jnp.correlate of two 1-D arrays: the convolve helper without reversing y."""
    return convolve(x, y, mode=mode, correlate=True)
