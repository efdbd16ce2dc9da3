def switch(index, branches, *operands):
    """jax.lax.switch: the branch at index, clamped into range, applied to the operands."""
    return branches[min(max(int(index), 0), len(branches) - 1)](*operands)
