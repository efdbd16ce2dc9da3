def sow(module, name, value, reduce_fn=None, init_fn=None):
    """Module.sow outside nnx.capture: module.<name> becomes reduce_fn(its value, value), the
    first time reduce_fn(init_fn(), value); by default a tuple of every value sown. A graph
    tensor (a TensorFlow trace's, Keras's first symbolic call) is not kept: it would
    outlive its graph."""
    if hasattr(value, "graph"):
        return False
    if hasattr(module, name):
        previous = getattr(module, name)
    else:
        previous = () if init_fn is None else init_fn()
    setattr(
        module,
        name,
        (*previous, value) if reduce_fn is None else reduce_fn(previous, value),
    )
    return True
