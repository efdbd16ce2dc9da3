"""A small ConvNeXt-style image classifier in Flax NNX.

The network follows "A ConvNet for the 2020s" (Liu et al., 2022), shrunk so that it runs in tests:

- a strided convolutional stem, normalized with GroupNorm and followed by a max pool,
- stages of inverted-bottleneck blocks, each a depthwise 7x7 convolution, a LayerNorm, a pointwise MLP
  (expansion 4, GELU) and a learnable per-channel layer scale, added back to the block input,
- downsampling between stages with a LayerNorm and a 2x2 stride-2 convolution, plus an average-pooled
  shortcut projected by a 1x1 convolution,
- global average pooling and a LayerNorm before the linear classifier.

Feature maps are channels-last, (batch, height, width, channels), as everywhere in Flax.
"""

import dataclasses

import jax_frontend

LAYER_SCALE_INIT = 1e-6


@dataclasses.dataclass(frozen=True)
class ConvNeXtConfig:
    """Hyperparameters of :class:`ConvNeXt`.

    Attributes:
      in_channels: channels of the input images.
      num_classes: size of the classifier output.
      depths: number of blocks in each stage.
      dims: channels of each stage; the same length as ``depths``.
      stem_groups: GroupNorm groups in the stem.
      layer_scale: initial value of every block's layer scale.
    """

    in_channels: int = 3
    num_classes: int = 10
    depths: tuple[int, ...] = 2, 2
    dims: tuple[int, ...] = 8, 16
    stem_groups: int = 4
    layer_scale: float = LAYER_SCALE_INIT


class ConvNeXtBlock(jax_frontend.nnx.Module):
    """Depthwise conv -> LayerNorm -> Linear(4x) -> GELU -> Linear -> layer scale, plus the residual."""

    def __init__(
        self,
        dim: int,
        *,
        expansion: int = 4,
        layer_scale: float = LAYER_SCALE_INIT,
        rngs,
    ):
        # feature_group_count=dim makes the 7x7 convolution depthwise: one filter per channel
        self.dwconv = jax_frontend.nnx.Conv(
            dim,
            dim,
            kernel_size=(7, 7),
            padding="SAME",
            feature_group_count=dim,
            rngs=rngs,
        )
        self.norm = jax_frontend.nnx.LayerNorm(dim, epsilon=1e-6, rngs=rngs)
        self.pwconv1 = jax_frontend.nnx.Linear(dim, expansion * dim, rngs=rngs)
        self.pwconv2 = jax_frontend.nnx.Linear(expansion * dim, dim, rngs=rngs)
        self.gamma = jax_frontend.nnx.Param(
            layer_scale * jax_frontend.numpy.ones((dim,))
        )

    def __call__(self, x):
        shortcut = x
        x = self.dwconv(x)
        x = self.norm(x)
        x = self.pwconv1(x)
        x = jax_frontend.nn.gelu(x)
        x = self.pwconv2(x)
        x = self.gamma[...] * x
        return shortcut + x


class Downsample(jax_frontend.nnx.Module):
    """Halves the resolution: LayerNorm then a 2x2 stride-2 conv, with an average-pooled 1x1 shortcut."""

    def __init__(self, in_dim: int, out_dim: int, *, rngs):
        self.norm = jax_frontend.nnx.LayerNorm(in_dim, rngs=rngs)
        self.conv = jax_frontend.nnx.Conv(
            in_dim,
            out_dim,
            kernel_size=(2, 2),
            strides=(2, 2),
            padding="VALID",
            rngs=rngs,
        )
        self.shortcut = jax_frontend.nnx.Conv(
            in_dim, out_dim, kernel_size=(1, 1), use_bias=False, rngs=rngs
        )

    def __call__(self, x):
        pooled = jax_frontend.nnx.avg_pool(
            x, window_shape=(2, 2), strides=(2, 2), padding="VALID"
        )
        return self.conv(self.norm(x)) + self.shortcut(pooled)


class Stem(jax_frontend.nnx.Module):
    """3x3 stride-2 convolution, GroupNorm, GELU, then a 3x3 stride-2 max pool (ResNet-style)."""

    def __init__(self, in_channels: int, dim: int, *, groups: int, rngs):
        self.conv = jax_frontend.nnx.Conv(
            in_channels, dim, kernel_size=(3, 3), strides=(2, 2), rngs=rngs
        )
        self.norm = jax_frontend.nnx.GroupNorm(dim, num_groups=groups, rngs=rngs)

    def __call__(self, x):
        x = jax_frontend.nn.gelu(self.norm(self.conv(x)))
        return jax_frontend.nnx.max_pool(
            x, window_shape=(3, 3), strides=(2, 2), padding="SAME"
        )


class ConvNeXt(jax_frontend.nnx.Module):
    """ConvNeXt classifier, configured by a :class:`ConvNeXtConfig`."""

    def __init__(self, config: ConvNeXtConfig, *, rngs):
        depths, dims = config.depths, config.dims
        if len(depths) != len(dims):
            raise ValueError("depths and dims must have the same length")
        self.config = config
        self.stem = Stem(
            config.in_channels, dims[0], groups=config.stem_groups, rngs=rngs
        )
        self.downsamples = jax_frontend.nnx.List(
            [Downsample(dims[i], dims[i + 1], rngs=rngs) for i in range(len(dims) - 1)]
        )
        stages = []
        for depth, dim in zip(depths, dims):
            blocks = [
                ConvNeXtBlock(dim, layer_scale=config.layer_scale, rngs=rngs)
                for _ in range(depth)
            ]
            stages.append(jax_frontend.nnx.List(blocks))
        self.stages = jax_frontend.nnx.List(stages)
        self.norm = jax_frontend.nnx.LayerNorm(dims[-1], rngs=rngs)
        self.head = jax_frontend.nnx.Linear(dims[-1], config.num_classes, rngs=rngs)

    def features(self, x):
        """The last stage's feature map, (batch, h / 16, w / 16, dims[-1]) for the default two stages."""
        x = self.stem(x)
        for i, stage in enumerate(self.stages):
            if i > 0:
                x = self.downsamples[i - 1](x)
            for block in stage:
                x = block(x)
        return x

    def __call__(self, x):
        x = self.features(x)
        x = jax_frontend.numpy.mean(x, axis=(1, 2))  # global average pool
        return self.head(self.norm(x))


def predict(model: ConvNeXt, images):
    """Class probabilities for a batch of images."""
    return jax_frontend.nn.softmax(model(images), axis=-1)
