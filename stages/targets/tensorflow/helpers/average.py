import tensorflow as tf


class Average:
    """nnx.metrics.Average: the mean of every value given as update(<argname>=values)
    (a number counts once, an array once per element, a mask keeps those it marks);
    NaN before any. The total is float32 and the count int32, as in Flax."""

    def __init__(self, argname="values"):
        self.argname = argname
        self.reset()

    def reset(self):
        self.total = tf.constant(0.0)
        self.count = tf.constant(0, dtype=tf.int32)

    def update(self, mask=None, **kwargs):
        if self.argname not in kwargs:
            raise TypeError(f"Expected keyword argument '{self.argname}'")
        values = kwargs[self.argname]
        if isinstance(values, (int, float)):
            if mask is not None:
                raise ValueError(
                    f"If mask is provided, {self.argname} should be a tensor"
                )
            self.total = self.total + values
            self.count = self.count + 1
            return
        values = tf.convert_to_tensor(values)
        if mask is not None:
            # as Flax's values * mask.astype(values.dtype), then mask.sum() as int32
            values = values * tf.cast(mask, values.dtype)
            count = tf.cast(tf.reduce_sum(tf.cast(mask, tf.float32)), tf.int32)
        else:
            count = tf.size(values, out_type=tf.int32)
        if values.dtype == tf.bool:
            values = tf.cast(values, tf.int32)
        self.total = self.total + tf.cast(tf.reduce_sum(values), tf.float32)
        self.count = self.count + count

    def compute(self):
        return self.total / tf.cast(self.count, tf.float32)
