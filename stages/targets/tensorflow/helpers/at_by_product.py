import tensorflow as tf

from .at_multiply import at_multiply


def at_by_product(x, index, values, combine):
    """x.at[index].divide / .power as JAX computes them: x combined (divide or tf.pow) with
    the product of the values scattered into ones, repeated indices multiplying."""
    return combine(x, at_multiply(tf.ones_like(x), index, values))
