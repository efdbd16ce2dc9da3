class Optimizer:
    """nnx.Optimizer(model, tx, wrt=nnx.Param): the torch.optim optimizer tx builds
    over the model's parameters (tx is an optax optimizer's translation: its
    torch.optim class with every hyperparameter). A learning rate that is a schedule
    (a function of the update count, 0 first) is applied with LambdaLR.

    tx may also be an optax.chain's translation: a tuple of gradient transforms
    (functions of the gradients and the parameters), then the optimizer.

    update(model, grads) takes one step with grads, a dict parameter name ->
    gradient (as nnx_value_and_grad gives them)."""

    def __init__(self, model, tx):
        *transforms, tx = tx if isinstance(tx, tuple) else (tx,)
        self.transforms = transforms
        learning_rate = tx.keywords["lr"]
        self.scheduler = None
        if callable(learning_rate):
            self.optimizer = tx(model.parameters(), lr=1.0)
            self.scheduler = torch.optim.lr_scheduler.LambdaLR(
                self.optimizer, lambda count: float(learning_rate(count))
            )
        else:
            self.optimizer = tx(model.parameters())

    def update(self, model, grads):
        params = dict(model.named_parameters())
        with torch.no_grad():
            for transform in self.transforms:
                grads = transform(grads, params)
        for name, parameter in params.items():
            parameter.grad = grads[name]
        self.optimizer.step()
        self.optimizer.zero_grad()
        if self.scheduler is not None:
            self.scheduler.step()
