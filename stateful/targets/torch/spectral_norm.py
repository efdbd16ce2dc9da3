import torch

from .flax_params import flax_params


class SpectralNorm(torch.nn.Module):
    """nnx.SpectralNorm: before each call, every parameter of layer_instance with two
    axes or more (in Flax's layout, the leading ones flattened) is divided by its largest
    singular value sigma, estimated with n_steps of power iteration from the vector u,
    and Flax writes it into the layer: so does this (gradients reach the parameter the
    call started from, through sigma). In training mode (update_stats, or model.train())
    u and sigma, buffers of batch_stats named by the parameter's Flax path, keep the new
    estimates; model.eval() keeps them as they are. u starts random, drawn from rngs."""

    def __init__(
        self, layer_instance, n_steps=1, epsilon=1e-12, update_stats=True, rngs=None
    ):
        super().__init__()
        key = None if rngs is None else rngs.params()
        self.layer_instance = layer_instance
        self.n_steps = n_steps
        self.epsilon = epsilon
        self.use_running_average = not update_stats
        self.batch_stats = torch.nn.Module()
        for path, _, order, shape in self.matrices():
            name = "_".join(path)
            self.batch_stats.register_buffer(
                name + "_u", 0.01 * torch.randn((1, shape[-1]), generator=key)
            )
            self.batch_stats.register_buffer(name + "_sigma", torch.ones(()))

    @staticmethod
    def l2_normalize(x, epsilon):
        return x * torch.rsqrt(torch.sum(x * x) + epsilon)

    def matrices(self):
        """(Flax path, torch name, permutation, Flax shape) of the parameters normalized."""
        matrices = []
        for path, name, order in flax_params(self.layer_instance):
            shape = self.layer_instance.get_parameter(name).permute(order).shape
            if len(shape) > 1 and self.n_steps >= 1:
                matrices.append((path, name, order, shape))
        return matrices

    def train(self, mode=True):
        self.use_running_average = not mode
        return super().train(mode)

    def forward(self, x, update_stats=None):
        if update_stats is None:
            update_stats = not self.use_running_average
        values = {}
        for path, name, order, shape in self.matrices():
            param = self.layer_instance.get_parameter(name)
            matrix = param.clone().permute(order).reshape(-1, shape[-1])
            stats = "_".join(path)
            u = getattr(self.batch_stats, stats + "_u")
            for _ in range(self.n_steps):
                v = self.l2_normalize(torch.matmul(u, matrix.T), self.epsilon)
                u = self.l2_normalize(torch.matmul(v, matrix), self.epsilon)
            u, v = u.detach(), v.detach()
            sigma = torch.matmul(torch.matmul(v, matrix), u.T)[0, 0]
            matrix = matrix / torch.where(sigma != 0, sigma, 1)
            inverse = sorted(range(len(shape)), key=order.__getitem__)
            values[name] = matrix.reshape(shape).permute(inverse)
            with torch.no_grad():
                if update_stats:
                    getattr(self.batch_stats, stats + "_u").copy_(u)
                    getattr(self.batch_stats, stats + "_sigma").copy_(sigma)
                param.copy_(values[name])
        return torch.func.functional_call(self.layer_instance, values, (x,))
