"""A small diffusion-style UNet in Flax NNX.

The shape of the network is that of DDPM's denoiser (Ho et al., 2020), made small:

- a sinusoidal embedding of the diffusion time, passed through an MLP and added inside every residual block,
- residual blocks of GroupNorm -> SiLU -> 3x3 conv, twice, with a 1x1 projection when the channels change,
- an encoder that halves the resolution with stride-2 convolutions, keeping each level's output for the decoder,
- a bottleneck that mixes channels with an RMSNorm-ed MLP,
- a decoder that doubles the resolution with a stride-2 transposed convolution at the first level and with
  nearest-neighbour upsampling (``jnp.repeat``) plus a convolution at the others, concatenating the skip
  connections along the channels.

Inputs are channels-last images (batch, height, width, channels) with height and width divisible by
``2 ** (len(channel_mults) - 1)``, and one time per example.
"""

import dataclasses
import math

import ivy


def timestep_embedding(t, dim: int, max_period: float = 10000.0):
    """Sinusoidal features of the times t (batch,), shape (batch, dim)."""
    half = dim // 2
    freqs = ivy.exp(-math.log(max_period) * ivy.arange(half, dtype=ivy.float32) / half)
    args = t[:, None] * freqs[None, :]
    return ivy.concatenate([ivy.cos(args), ivy.sin(args)], axis=-1)


def upsample_nearest(x, factor: int = 2):
    """Repeats every pixel factor times along height and width."""
    x = ivy.repeat(x, factor, axis=1)
    return ivy.repeat(x, factor, axis=2)


class ResBlock(ivy.Module):
    """GroupNorm -> SiLU -> conv, plus the time embedding, then GroupNorm -> SiLU -> conv; residual."""

    def __init__(
        self, in_channels: int, out_channels: int, time_dim: int, *, groups: int, rngs
    ):
        self.norm1 = ivy.GroupNorm(in_channels, num_groups=groups, rngs=rngs)
        self.conv1 = ivy.Conv(in_channels, out_channels, (3, 3), rngs=rngs)
        self.time_proj = ivy.Linear(time_dim, out_channels, rngs=rngs)
        self.norm2 = ivy.GroupNorm(out_channels, num_groups=groups, rngs=rngs)
        self.conv2 = ivy.Conv(out_channels, out_channels, (3, 3), rngs=rngs)
        if in_channels != out_channels:
            self.skip = ivy.Conv(in_channels, out_channels, (1, 1), rngs=rngs)
        else:
            self.skip = None

    def __call__(self, x, temb):
        h = self.conv1(ivy.silu(self.norm1(x)))
        h = h + self.time_proj(ivy.silu(temb))[:, None, None, :]
        h = self.conv2(ivy.silu(self.norm2(h)))
        if self.skip is not None:
            x = self.skip(x)
        return x + h


class Bottleneck(ivy.Module):
    """A channel-mixing MLP on RMS-normalized features, added back to its input."""

    def __init__(self, channels: int, *, hidden: int, rngs):
        self.norm = ivy.RMSNorm(channels, rngs=rngs)
        self.fc1 = ivy.Linear(channels, hidden, rngs=rngs)
        self.fc2 = ivy.Linear(hidden, channels, rngs=rngs)

    def __call__(self, x):
        return x + self.fc2(ivy.silu(self.fc1(self.norm(x))))


@dataclasses.dataclass(frozen=True)
class UNetConfig:
    """Hyperparameters of :class:`UNet`.

    Attributes:
      in_channels: channels of the images.
      base_channels: channels of the first level; level i has ``base_channels * channel_mults[i]``.
      channel_mults: one multiplier per resolution level.
      groups: GroupNorm groups (must divide every level's channels).
      time_dim: width of the time embedding.
    """

    in_channels: int = 3
    base_channels: int = 8
    channel_mults: tuple[int, ...] = 1, 2, 2
    groups: int = 4
    time_dim: int = 16


class UNet(ivy.Module):
    """UNet denoiser, configured by a :class:`UNetConfig`."""

    def __init__(self, config: UNetConfig, *, rngs):
        in_channels, base_channels, groups = (
            config.in_channels,
            config.base_channels,
            config.groups,
        )
        time_dim = config.time_dim
        self.time_dim = time_dim
        self.time_fc1 = ivy.Linear(time_dim, time_dim, rngs=rngs)
        self.time_fc2 = ivy.Linear(time_dim, time_dim, rngs=rngs)
        self.stem = ivy.Conv(in_channels, base_channels, (3, 3), rngs=rngs)
        channels = [base_channels * m for m in config.channel_mults]
        down_blocks = []
        down_samples = []
        prev = base_channels
        for i, ch in enumerate(channels):
            down_blocks.append(ResBlock(prev, ch, time_dim, groups=groups, rngs=rngs))
            if i < len(channels) - 1:
                down_samples.append(ivy.Conv(ch, ch, (3, 3), strides=(2, 2), rngs=rngs))
            prev = ch
        self.down_blocks = ivy.List(down_blocks)
        self.down_samples = ivy.List(down_samples)
        self.mid = Bottleneck(prev, hidden=2 * prev, rngs=rngs)
        up_samples = []
        up_blocks = []
        for i in reversed(range(len(channels) - 1)):
            if i == len(channels) - 2:
                # a learned 2x upsampling at the coarsest level
                up_samples.append(
                    ivy.ConvTranspose(prev, prev, (2, 2), strides=(2, 2), rngs=rngs)
                )
            else:
                up_samples.append(ivy.Conv(prev, prev, (3, 3), rngs=rngs))
            up_blocks.append(
                ResBlock(
                    prev + channels[i], channels[i], time_dim, groups=groups, rngs=rngs
                ),
            )
            prev = channels[i]
        self.up_samples = ivy.List(up_samples)
        self.up_blocks = ivy.List(up_blocks)
        self.out_norm = ivy.GroupNorm(prev, num_groups=groups, rngs=rngs)
        self.out_conv = ivy.Conv(prev, in_channels, (3, 3), rngs=rngs)

    def __call__(self, x, t):
        temb = timestep_embedding(t, self.time_dim)
        temb = self.time_fc2(ivy.silu(self.time_fc1(temb)))
        h = self.stem(x)
        skips = []
        for i, block in enumerate(self.down_blocks):
            h = block(h, temb)
            if i < len(self.down_samples):
                skips.append(h)
                h = self.down_samples[i](h)
        h = self.mid(h)
        for i, (upsample, block) in enumerate(zip(self.up_samples, self.up_blocks)):
            if i == 0:
                h = upsample(h)
            else:
                h = upsample(upsample_nearest(h))
            h = ivy.concatenate([h, skips.pop()], axis=-1)
            h = block(h, temb)
        return self.out_conv(ivy.silu(self.out_norm(h)))


def denoising_loss(model: UNet, noisy, t, noise):
    """Mean squared error between the predicted and the true noise."""
    return ivy.mean(ivy.square(model(noisy, t) - noise))
