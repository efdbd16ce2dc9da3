from .dynamic_slice import dynamic_slice


def dynamic_slice_in_dim(x, start_index, slice_size, axis=0):
    """jax.lax.dynamic_slice_in_dim: dynamic_slice along one axis, all of the others."""
    shape = tuple(x.shape)
    axis = axis % len(shape)
    starts = [start_index if k == axis else 0 for k in range(len(shape))]
    sizes = [slice_size if k == axis else d for k, d in enumerate(shape)]
    return dynamic_slice(x, starts, sizes)
