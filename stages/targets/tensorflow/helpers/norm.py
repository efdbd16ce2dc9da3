import tensorflow as tf


def norm(x, ord, keepdims=False):
    """jnp.linalg.norm with ord and no axis: a vector norm of a 1-D array, a matrix norm of a 2-D one."""
    if len(x.shape) not in (1, 2):
        raise ValueError(
            "jnp.linalg.norm with ord and no axis takes a 1-D or 2-D array"
        )
    axis = 0 if len(x.shape) == 1 else (0, 1)
    return tf.norm(x, ord=ord, axis=axis, keepdims=keepdims)
