from .dynamic_start import dynamic_start


def dynamic_slice(x, start_indices, slice_sizes):
    """jax.lax.dynamic_slice: starts adjusted as JAX does (dynamic_start)."""
    shape = tuple(x.shape)
    starts = [dynamic_start(*a) for a in zip(start_indices, shape, slice_sizes)]
    return x[tuple(slice(s, s + n) for s, n in zip(starts, slice_sizes))]
