class Optimizer:
    """nnx.Optimizer(model, tx, wrt=nnx.Param): the Keras optimizer tx builds (tx is
    an optax optimizer's translation: its keras.optimizers class with every
    hyperparameter). A learning rate that is a schedule (a function of the update
    count, 0 first) becomes a keras LearningRateSchedule.

    tx may also be an optax.chain's translation: a tuple of gradient transforms
    (functions of the gradients and the variables), then the optimizer.

    update(model, grads) takes one step with grads, a list in the model's
    trainable_variables order (as nnx_value_and_grad gives them)."""

    def __init__(self, model, tx):
        *transforms, tx = tx if isinstance(tx, tuple) else (tx,)
        self.transforms = transforms
        learning_rate = tx.keywords["learning_rate"]
        if callable(learning_rate):
            self.optimizer = tx(learning_rate=LearningRateSchedule(learning_rate))
        else:
            self.optimizer = tx()

    def update(self, model, grads):
        params = model.trainable_variables
        for transform in self.transforms:
            grads = transform(grads, params)
        self.optimizer.apply(grads, params)


class LearningRateSchedule(keras.optimizers.schedules.LearningRateSchedule):
    """An optax schedule (a function of the update count) as a Keras one."""

    def __init__(self, schedule):
        self.schedule = schedule

    def __call__(self, step):
        return self.schedule(step)
