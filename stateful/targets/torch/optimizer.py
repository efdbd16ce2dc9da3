class Optimizer:
    """nnx.Optimizer(model, tx, wrt=nnx.Param): the torch.optim optimizer tx builds
    over the model's parameters (tx is an optax optimizer's translation: its
    torch.optim class with every hyperparameter). A learning rate that is a schedule
    (a function of the update count, 0 first) is applied with LambdaLR.

    update(model, grads) takes one step with grads, a dict parameter name ->
    gradient (as nnx_value_and_grad gives them)."""

    def __init__(self, model, tx):
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
        for name, parameter in model.named_parameters():
            parameter.grad = grads[name]
        self.optimizer.step()
        self.optimizer.zero_grad()
        if self.scheduler is not None:
            self.scheduler.step()
