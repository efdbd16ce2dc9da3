def lexsort(keys, axis=-1):
    """jnp.lexsort: the int32 indices that sort by the last key, ties by the key before it, and
    so on (stable sorts from the first key on)."""
    order = torch.argsort(keys[0], dim=axis, stable=True)
    for key in keys[1:]:
        ranks = torch.argsort(
            torch.take_along_dim(key, order, dim=axis), dim=axis, stable=True
        )
        order = torch.take_along_dim(order, ranks, dim=axis)
    return order.int()
