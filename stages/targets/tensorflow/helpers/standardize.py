import tensorflow as tf


def standardize(x, axis=-1, epsilon=1e-5):
    """jax.nn.standardize: (x - mean) / sqrt(var + epsilon), var as mean(x**2) - mean**2."""
    mean = tf.reduce_mean(x, axis=axis, keepdims=True)
    var = tf.reduce_mean(tf.square(x), axis=axis, keepdims=True) - tf.square(mean)
    return (x - mean) * tf.math.rsqrt(tf.maximum(var, 0) + epsilon)
