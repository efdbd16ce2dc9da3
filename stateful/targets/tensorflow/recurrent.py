class RNNCellBase(keras.Layer):
    """What the recurrent cells share. A cell's step splits in two: project(inputs), the
    input's part, which nnx.RNN computes for a whole sequence at once, and
    step(carry, projected), the recurrent part; cell(carry, inputs) is both. The kernels
    start as Flax's: kernel_init's on the input side (LeCun normal by default),
    recurrent_kernel_init's on the hidden side (orthogonal), bias_init's bias (zeros)."""

    carry_parts = 1

    def call(self, carry, inputs):
        return self.step(carry, self.project(inputs))

    def initialize_carry(self, input_shape, rngs=None, carry_init=None):
        """Zeros of (*input_shape[:-1], hidden_features), as Flax's default carry_init;
        rngs draws nothing for zeros."""
        if carry_init is not None:
            raise NotImplementedError(
                "initialize_carry: only the zero carry is translated"
            )
        zeros = tf.zeros([*input_shape[:-1], self.hidden_features])
        return zeros if self.carry_parts == 1 else (zeros,) * self.carry_parts


def flip_sequences(inputs, seq_lengths, time_axis):
    """Flax's flip_sequences: each sequence's first seq_lengths steps reversed, and its
    padding after them reversed too; the whole time axis without seq_lengths."""
    steps = inputs.shape[time_axis]
    if seq_lengths is None or not steps:
        return tf.reverse(inputs, [time_axis])
    lengths = tf.expand_dims(tf.cast(seq_lengths, tf.int32), time_axis)
    shape = [1] * len(lengths.shape)
    shape[time_axis] = steps
    index = (tf.reshape(tf.range(steps - 1, -1, -1), shape) + lengths) % steps
    index = tf.reshape(
        index, [*index.shape, *[1] * (len(inputs.shape) - len(index.shape))]
    )
    return tf.experimental.numpy.take_along_axis(inputs, index, axis=time_axis)


def select_carry(keep, new, old):
    """new where keep (one flag per sequence), else old, in each part of a carry."""
    if isinstance(new, tuple):
        return tuple(select_carry(keep, n, o) for n, o in zip(new, old))
    return tf.where(keep[..., None], new, old)
