def searchsorted(a, v, side="left"):
    """jnp.searchsorted: where each entry of v goes in the sorted 1-D a, as int32."""
    v = tf.convert_to_tensor(v, dtype=a.dtype)
    flat = tf.searchsorted(a, tf.reshape(v, [-1]), side=side, out_type=tf.int32)
    return tf.reshape(flat, tf.shape(v))
