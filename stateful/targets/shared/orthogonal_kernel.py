from .per_target import orthogonal


def orthogonal_kernel(key, shape):
    """JAX's orthogonal() initializer of a (rows, columns) kernel: orthonormal columns
    (rows, when wider than tall), the recurrent cells' default recurrent_kernel_init."""
    return orthogonal(key, *shape)
