"""Convolution options: kernel and input dilation, feature groups (depthwise), 1-D and 3-D kernels, and
transposed convolutions with every padding mode, strides, kernel dilation and transpose_kernel."""

import ivy


class ConvOptions(ivy.Module):
    def __init__(self, channels: int, rngs):
        self.dilated = ivy.Conv(channels, 4, (3, 3), kernel_dilation=2, rngs=rngs)
        self.dilated_strided = ivy.Conv(
            4, 4, (3, 2), strides=2, kernel_dilation=(2, 1), rngs=rngs
        )
        self.depthwise = ivy.Conv(
            4, 8, (3, 3), padding="VALID", feature_group_count=4, rngs=rngs
        )
        self.grouped = ivy.Conv(
            8, 4, (1, 1), feature_group_count=2, use_bias=False, rngs=rngs
        )
        self.spread = ivy.Conv(
            4, 4, (2, 2), padding=((1, 1), (0, 1)), input_dilation=2, rngs=rngs
        )
        self.up_same = ivy.ConvTranspose(4, 4, (3, 3), strides=2, rngs=rngs)
        self.up_valid = ivy.ConvTranspose(
            4, 3, (2, 3), strides=(2, 1), padding="VALID", rngs=rngs
        )
        self.up_explicit = ivy.ConvTranspose(
            3,
            4,
            (3, 3),
            strides=2,
            padding=((1, 2), (2, 1)),
            kernel_dilation=2,
            rngs=rngs,
        )
        self.up_flipped = ivy.ConvTranspose(
            4, 2, (4, 4), strides=2, transpose_kernel=True, rngs=rngs
        )
        self.up_plain = ivy.ConvTranspose(2, 2, 3, padding=1, use_bias=False, rngs=rngs)

    def __call__(self, x):
        x = ivy.relu(self.dilated(x))
        x = self.dilated_strided(x)
        x = self.grouped(ivy.relu(self.depthwise(x)))
        x = self.spread(x)
        x = self.up_valid(self.up_same(x))
        x = self.up_flipped(self.up_explicit(x))
        return self.up_plain(x)


class Sequences(ivy.Module):
    """1-D convolutions over (batch, length, features), and a 3-D one over volumes."""

    def __init__(self, rngs):
        self.conv = ivy.Conv(
            3, 6, 3, kernel_dilation=2, feature_group_count=3, rngs=rngs
        )
        self.up = ivy.ConvTranspose(6, 4, 4, strides=3, kernel_dilation=2, rngs=rngs)
        self.volume = ivy.Conv(
            2, 4, (2, 2, 2), strides=(1, 2, 1), feature_group_count=2, rngs=rngs
        )
        self.volume_up = ivy.ConvTranspose(
            4, 2, (2, 3, 2), strides=2, padding="VALID", rngs=rngs
        )

    def __call__(self, x, v):
        y = self.up(ivy.silu(self.conv(x)))
        w = self.volume_up(self.volume(v))
        return y, w


class Model(ivy.Module):
    def __init__(self, channels: int, rngs):
        self.images = ConvOptions(channels, rngs)
        self.sequences = Sequences(rngs)

    def __call__(self, x, s, v):
        y, w = self.sequences(s, v)
        return self.images(x), y, w
