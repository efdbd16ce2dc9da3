def array_split(x, sections, axis=0):
    """jnp.array_split: `sections` parts along axis (the first ones one larger where
    they do not divide), or the parts between the given indices."""
    n = x.shape[axis]
    if isinstance(sections, int):
        size, extra = divmod(n, sections)
        sizes = [size + 1] * extra + [size] * (sections - extra)
    else:
        bounds = [0] + [min(max(k if k >= 0 else k + n, 0), n) for k in sections] + [n]
        sizes = [max(bounds[k + 1] - bounds[k], 0) for k in range(len(bounds) - 1)]
    return tf.split(x, sizes, axis=axis)
