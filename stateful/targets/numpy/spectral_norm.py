import numpy as np

from .flax_params import flax_params


class SpectralNorm:
    """nnx.SpectralNorm: before each call, every parameter of layer_instance with two axes
    or more (the leading ones flattened) is divided by its largest singular value sigma,
    estimated with n_steps of power iteration from the vector u, and written into the
    layer as Flax does. u and sigma, arrays in the dict batch_stats named by the
    parameter's Flax path, keep the new estimates when update_stats (the call's, else the
    use_running_average attribute's opposite, which Flax's model.eval() sets) is true."""

    def __init__(
        self, layer_instance, n_steps=1, epsilon=1e-12, update_stats=True, rngs=None
    ):
        self.layer_instance = layer_instance
        self.n_steps = n_steps
        self.epsilon = epsilon
        self.use_running_average = not update_stats
        self.batch_stats = {}
        rng = np.random.default_rng() if rngs is None else rngs.params()
        for path, owner, attribute in self.matrices():
            name = "_".join(path)
            features = getattr(owner, attribute).shape[-1]
            u = 0.01 * rng.standard_normal((1, features), dtype=np.float32)
            self.batch_stats[name + "_u"] = u
            self.batch_stats[name + "_sigma"] = np.ones((), dtype=np.float32)

    @staticmethod
    def l2_normalize(x, epsilon):
        return x / np.sqrt(np.sum(x * x) + np.float32(epsilon))

    def matrices(self):
        """(Flax path, owner, attribute) of the parameters normalized."""
        params = flax_params(self.layer_instance)
        return [
            p for p in params if np.ndim(getattr(p[1], p[2])) > 1 and self.n_steps >= 1
        ]

    def __call__(self, x, update_stats=None):
        if update_stats is None:
            update_stats = not self.use_running_average
        for path, owner, attribute in self.matrices():
            param = getattr(owner, attribute)
            matrix = np.reshape(param, (-1, param.shape[-1]))
            stats = "_".join(path)
            u = self.batch_stats[stats + "_u"]
            for _ in range(self.n_steps):
                v = self.l2_normalize(np.matmul(u, matrix.T), self.epsilon)
                u = self.l2_normalize(np.matmul(v, matrix), self.epsilon)
            sigma = np.matmul(np.matmul(v, matrix), u.T)[0, 0]
            matrix = matrix / np.where(sigma != 0, sigma, np.float32(1))
            if update_stats:
                self.batch_stats[stats + "_u"] = u
                self.batch_stats[stats + "_sigma"] = np.asarray(sigma)
            setattr(owner, attribute, np.reshape(matrix, param.shape))
        return self.layer_instance(x)
