class TransformOptimizer:
    """nnx.Optimizer(model, tx, wrt=nnx.Param) over an optax transform that no
    keras.optimizers class computes as optax does (optax.lion, MultiSteps, ...): tx
    is its translation, a transform with optax's init(params) and update(updates,
    state, params). The state is tx.init of the model's trainable_variables (a
    list); update(model, grads) adds tx's updates to the variables, as
    optax.apply_updates does, and returns them. The state is Python values: inside
    a tf.function the update is a tf.py_function, run eagerly at each call of the
    graph (not traced once), and returns None."""

    def __init__(self, model, tx):
        self.tx = tx
        self.step = 0
        self.opt_state = tx.init(list(model.trainable_variables))

    def update(self, model, grads):
        params = list(model.trainable_variables)
        if not tf.executing_eagerly():
            tf.py_function(lambda *g: self.apply(params, list(g)), list(grads), Tout=[])
            return None
        return self.apply(params, list(grads))

    def apply(self, params, grads):
        updates, self.opt_state = self.tx.update(grads, self.opt_state, params)
        for variable, update in zip(params, updates, strict=True):
            variable.assign_add(tf.cast(update, variable.dtype))
        self.step += 1
        return updates
