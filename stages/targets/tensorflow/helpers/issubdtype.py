import tensorflow as tf


def issubdtype(dtype, category):
    """jnp.issubdtype of a tf.DType and a dtype or a category ("floating", "integer", ...)."""
    dtype = tf.as_dtype(dtype)
    if not isinstance(category, str):
        return dtype == tf.as_dtype(category)
    inexact = dtype.is_floating or dtype.is_complex
    kinds = {
        "floating": dtype.is_floating,
        "integer": dtype.is_integer,
        "inexact": inexact,
        "number": inexact or dtype.is_integer,
        "bool_": dtype.is_bool,
    }
    return kinds[category]
