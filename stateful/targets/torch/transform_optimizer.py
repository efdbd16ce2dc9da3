class TransformOptimizer:
    """nnx.Optimizer(model, tx, wrt=nnx.Param) over an optax transform that no
    torch.optim class computes as optax does (optax.lion, MultiSteps, ...): tx is
    its translation, a transform with optax's init(params) and update(updates,
    state, params). The state is tx.init of the model's parameters (a dict
    name -> parameter, as named_parameters() names them); update(model, grads)
    adds tx's updates to the parameters, as optax.apply_updates does, and
    returns them."""

    def __init__(self, model, tx):
        self.tx = tx
        self.step = 0
        with torch.no_grad():
            self.opt_state = tx.init(dict(model.named_parameters()))

    def update(self, model, grads):
        params = dict(model.named_parameters())
        with torch.no_grad():
            updates, self.opt_state = self.tx.update(grads, self.opt_state, params)
            for name, parameter in params.items():
                parameter.add_(updates[name].to(parameter.dtype))
        self.step += 1
        return updates
