import keras


class UnlockedState:
    """with UnlockedState(layer): lets a method other than __init__ create Keras
    variables, as an nnx.Module's may (a cache's init), where Keras locks a built
    layer's state. A variable the block replaces leaves the layer's tracking."""

    def __init__(self, layer):
        self.layer = layer

    def __enter__(self):
        tracker = self.layer._tracker
        self.locked, self.before = tracker.locked, dict(vars(self.layer))
        tracker.unlock()

    def __exit__(self, *exc_info):
        tracker = self.layer._tracker
        for name, old in self.before.items():
            if isinstance(old, keras.Variable) and getattr(self.layer, name) is not old:
                tracker.untrack(old)
        if self.locked:
            tracker.lock()
