import keras
import tensorflow as tf


def categorical(key, logits, axis=-1):
    """jax.random.categorical: an int32 index along axis drawn with probabilities softmax(logits)."""
    u = keras.random.uniform(tf.shape(logits), minval=1.1754944e-38, seed=key)
    return tf.argmax(
        logits - tf.math.log(-tf.math.log(u)), axis=axis, output_type=tf.int32
    )
