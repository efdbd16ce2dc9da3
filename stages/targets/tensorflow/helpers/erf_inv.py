import math

import tensorflow as tf


def erf_inv(x):
    """lax.erf_inv. TF's erfinv reads ndtri at (1 + x) / 2, rounded to x's dtype: that loses small |x| (and the
    sign of -0.0) and moves x next to +-1 onto +-1. Here |x|'s is ndtri at (1 - |x|) / 2, exact from |x| = 0.5
    on, with x's sign; below 0.05, where the rounding would show, the series (to float32's precision)."""
    z = x * (math.sqrt(math.pi) / 2)
    series = z + z * z * z * (1 / 3 + z * z * (7 / 30))
    magnitude = tf.math.ndtri((1 - tf.abs(x)) * 0.5) * -math.sqrt(0.5)
    return tf.where(tf.abs(x) < 0.05, series, tf.where(x < 0, -magnitude, magnitude))
