import tensorflow as tf

from ...shared.statistics import Statistics


class Welford:
    """nnx.metrics.Welford: the running mean and (population) variance of every value
    given as update(<argname>=values), by Welford's algorithm, as Flax's."""

    def __init__(self, argname="values"):
        self.argname = argname
        self.reset()

    def reset(self):
        self.count = tf.constant(0, dtype=tf.int32)
        self.mean = tf.constant(0.0)
        self.m2 = tf.constant(0.0)

    def update(self, **kwargs):
        if self.argname not in kwargs:
            raise TypeError(f"Expected keyword argument '{self.argname}'")
        values = kwargs[self.argname]
        number = isinstance(values, (int, float))
        if not number:
            values = tf.cast(values, tf.float32)
        count = 1 if number else int(tf.size(values))
        original_count = tf.cast(self.count, tf.float32)
        self.count = self.count + count
        total = tf.cast(self.count, tf.float32)
        delta = (values if number else tf.reduce_mean(values)) - self.mean
        self.mean = self.mean + delta * count / total
        m2 = 0.0 if number else tf.math.reduce_variance(values) * count
        self.m2 = self.m2 + m2 + delta * delta * count * original_count / total

    def compute(self):
        count = tf.cast(self.count, tf.float32)
        standard_deviation = (self.m2 / count) ** 0.5
        return Statistics(
            mean=self.mean,
            standard_error_of_mean=standard_deviation / count**0.5,
            standard_deviation=standard_deviation,
        )
