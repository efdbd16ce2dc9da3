def dynamic_start(index, dim, size):
    """A lax.dynamic_slice start: negative counts from the end, then clamped so that
    the slice of that size stays in bounds."""
    index = int(index)
    if index < 0:
        index += dim
    return min(max(index, 0), dim - size)
