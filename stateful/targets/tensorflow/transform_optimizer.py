class TransformOptimizer:
    """nnx.Optimizer(model, tx, wrt=nnx.Param) over an optax transform that no
    keras.optimizers class computes as optax does (optax.lion, MultiSteps, ...): tx
    is its translation, a transform with optax's init(params) and update(updates,
    state, params). The state is tx.init of the model's trainable_variables (a
    list); update(model, grads) adds tx's updates to the variables, as
    optax.apply_updates does. The state is Python values, so the update runs
    eagerly (not inside a tf.function, which would trace it once)."""

    def __init__(self, model, tx):
        self.tx = tx
        self.step = 0
        self.opt_state = tx.init(list(model.trainable_variables))

    def update(self, model, grads):
        if not tf.executing_eagerly():
            raise RuntimeError(
                "TransformOptimizer.update runs eagerly: its optax state is Python "
                "values, which a tf.function would trace once"
            )
        params = list(model.trainable_variables)
        updates, self.opt_state = self.tx.update(list(grads), self.opt_state, params)
        for variable, update in zip(params, updates, strict=True):
            variable.assign_add(tf.cast(update, variable.dtype))
        self.step += 1
        return updates
