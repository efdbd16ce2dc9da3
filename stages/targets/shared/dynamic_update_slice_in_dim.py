from .per_target import dynamic_update_slice


def dynamic_update_slice_in_dim(operand, update, start_index, axis):
    """jax.lax.dynamic_update_slice_in_dim: dynamic_update_slice along one axis."""
    rank = len(tuple(operand.shape))
    starts = [start_index if k == axis % rank else 0 for k in range(rank)]
    return dynamic_update_slice(operand, update, starts)
