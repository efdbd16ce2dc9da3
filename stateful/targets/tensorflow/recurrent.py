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
