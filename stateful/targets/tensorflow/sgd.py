class SGD(keras.optimizers.Optimizer):
    """optax.sgd with momentum as a Keras optimizer: the trace sums the raw
    gradients (trace = g + momentum * trace) and the learning rate scales the
    update at each step, so a schedule scales the whole update as in optax;
    keras.optimizers.SGD's velocity keeps each step's lr-scaled gradient instead."""

    def __init__(self, learning_rate, momentum, nesterov, name="SGD", **kwargs):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.traces = [self.add_variable_from_reference(v, "trace") for v in variables]

    def update_step(self, gradient, variable, learning_rate):
        learning_rate = keras.ops.cast(learning_rate, variable.dtype)
        trace = self.traces[self._get_variable_index(variable)]
        self.assign(trace, gradient + self.momentum * trace)
        update = gradient + self.momentum * trace if self.nesterov else trace
        self.assign_sub(variable, learning_rate * update)
