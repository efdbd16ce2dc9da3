import torch

from .flax_params import flax_params


class WeightNorm(torch.nn.Module):
    """nnx.WeightNorm: before each call, every kernel of layer_instance becomes its value
    l2-normalized over the axes but feature_axes (of Flax's layout) times its scale, and
    Flax writes it into the layer: so does this (gradients reach the kernel the call
    started from). The scales, ones unless scale_init(key, shape) is given, are buffers
    of scales named by the kernel's Flax path, as Flax keeps them outside its Params;
    scale_init draws from rngs."""

    def __init__(
        self,
        layer_instance,
        feature_axes=-1,
        use_scale=True,
        scale_init=None,
        epsilon=1e-12,
        rngs=None,
    ):
        super().__init__()
        key = None if rngs is None else rngs.params()
        self.layer_instance = layer_instance
        self.feature_axes = () if feature_axes is None else feature_axes
        self.epsilon = epsilon
        self.scales = None
        if use_scale:
            self.scales = torch.nn.Module()
            for path, name, order in self.kernels():
                shape = layer_instance.get_parameter(name).permute(order).shape
                shape = tuple(shape[axis] for axis in self.axes(len(shape)))
                scale = (
                    torch.ones(shape) if scale_init is None else scale_init(key, shape)
                )
                self.scales.register_buffer("_".join(path), torch.as_tensor(scale))

    def kernels(self):
        return [p for p in flax_params(self.layer_instance) if "kernel" in p[0]]

    def axes(self, ndim):
        axes = self.feature_axes
        return sorted({a % ndim for a in ((axes,) if isinstance(axes, int) else axes)})

    def forward(self, x, *args, **kwargs):
        values = {}
        for path, name, order in self.kernels():
            param = self.layer_instance.get_parameter(name)
            kernel = param.clone().permute(order)
            features = self.axes(kernel.ndim)
            reduced = [a for a in range(kernel.ndim) if a not in features]
            squares = torch.sum(kernel * kernel, dim=reduced, keepdim=True)
            kernel = kernel * torch.rsqrt(squares + self.epsilon)
            if self.scales is not None:
                shape = [
                    kernel.shape[a] if a in features else 1 for a in range(kernel.ndim)
                ]
                kernel = kernel * getattr(self.scales, "_".join(path)).reshape(shape)
            values[name] = kernel.permute(
                sorted(range(kernel.ndim), key=order.__getitem__)
            )
            with torch.no_grad():
                param.copy_(values[name])
        return torch.func.functional_call(
            self.layer_instance, values, (x, *args), kwargs
        )
