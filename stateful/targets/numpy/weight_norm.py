import numpy as np

from .flax_params import flax_params


class WeightNorm:
    """nnx.WeightNorm: before each call, every kernel of layer_instance becomes its value
    l2-normalized over the axes but feature_axes times its scale, written into the layer
    as Flax does. The scales, ones unless scale_init(key, shape) is given, are arrays in
    the dict scales named by the kernel's Flax path, as Flax keeps them outside its Params."""

    def __init__(
        self,
        layer_instance,
        feature_axes=-1,
        use_scale=True,
        scale_init=None,
        epsilon=1e-12,
        rngs=None,
    ):
        self.layer_instance = layer_instance
        self.feature_axes = () if feature_axes is None else feature_axes
        self.epsilon = epsilon
        self.scales = None
        if use_scale:
            self.scales = {}
            for path, owner, attribute in self.kernels():
                kernel = getattr(owner, attribute)
                shape = tuple(kernel.shape[a] for a in self.axes(kernel.ndim))
                if scale_init is None:
                    scale = np.ones(shape, dtype=np.float32)
                else:
                    scale = scale_init(None if rngs is None else rngs.params(), shape)
                self.scales["_".join(path)] = scale

    def kernels(self):
        return [p for p in flax_params(self.layer_instance) if "kernel" in p[0]]

    def axes(self, ndim):
        axes = self.feature_axes
        return sorted({a % ndim for a in ((axes,) if isinstance(axes, int) else axes)})

    def __call__(self, x, *args, **kwargs):
        for path, owner, attribute in self.kernels():
            kernel = getattr(owner, attribute)
            features = self.axes(kernel.ndim)
            reduced = tuple(a for a in range(kernel.ndim) if a not in features)
            squares = np.sum(kernel * kernel, axis=reduced, keepdims=True)
            kernel = kernel / np.sqrt(squares + np.float32(self.epsilon))
            if self.scales is not None:
                shape = [
                    kernel.shape[a] if a in features else 1 for a in range(kernel.ndim)
                ]
                kernel = kernel * np.reshape(self.scales["_".join(path)], shape)
            setattr(owner, attribute, kernel)
        return self.layer_instance(x, *args, **kwargs)
