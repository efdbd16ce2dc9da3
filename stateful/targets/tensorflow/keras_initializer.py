def keras_initializer(init, default):
    """The Keras initializer named default when init is None, else one (shape, dtype) that
    draws from the JAX-style init(key, shape)."""
    if init is None:
        return default
    return lambda shape, dtype=None: init(None, tuple(shape))
