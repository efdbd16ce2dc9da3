"""RMSNorm, GroupNorm and InstanceNorm with their options, LinearGeneral over one and two axes, and pooling (imported from flax.linen, as real NNX files do) with
'SAME', 'VALID' and explicit padding, strides, count_include_pad, 1-D windows and extra batch axes."""

import ivy


class Norms(ivy.Module):
    def __init__(self, features: int, rngs):
        self.rms = ivy.RMSNorm(features, rngs=rngs)
        self.rms_plain = ivy.RMSNorm(features, epsilon=1e-3, use_scale=False, rngs=rngs)
        self.groups = ivy.GroupNorm(features, num_groups=2, rngs=rngs)
        self.sized = ivy.GroupNorm(
            features, num_groups=None, group_size=2, epsilon=1e-5, rngs=rngs
        )
        self.unscaled = ivy.GroupNorm(
            features, num_groups=3, use_scale=False, rngs=rngs
        )
        self.unshifted = ivy.GroupNorm(
            features, num_groups=1, use_bias=False, rngs=rngs
        )
        self.instance = ivy.GroupNorm(
            features, num_groups=None, group_size=1, epsilon=1e-5, rngs=rngs
        )

    def __call__(self, x):
        y = self.groups(x) + self.sized(x * 3.0 + 1.0)
        y = self.unscaled(ivy.silu(y)) * self.unshifted(y)
        return self.rms(y) + self.rms_plain(x) + self.instance(y * x)


def pools(x):
    """Every pooling option over (batch, h, w, features) maps."""
    a = ivy.avg_pool(x, (2, 2))
    b = ivy.avg_pool(x, (3, 3), strides=(2, 2), padding="SAME")
    c = ivy.avg_pool(x, (3, 3), strides=(2, 2), padding="SAME", count_include_pad=False)
    d = ivy.max_pool(x, (2, 3), strides=(1, 2), padding=((1, 0), (1, 1)))
    e = ivy.min_pool(x, (3, 3), strides=(2, 2), padding="SAME")
    f = ivy.avg_pool(x, (2, 2), padding=((0, 1), (1, 1)), count_include_pad=False)
    return a, b, c, d, e, f


def sequence_pools(s):
    """1-D windows over (length, features) and (batch, batch, length, features) inputs."""
    return (
        ivy.max_pool(s, (3,), strides=(2,)),
        ivy.avg_pool(s, (2,), padding="SAME"),
        ivy.max_pool(s, (2,)),
    )


class Model(ivy.Module):
    def __init__(self, features: int, rngs):
        self.norms = Norms(features, rngs)
        self.split = ivy.LinearGeneral(features, (2, 3), rngs=rngs)
        self.merge = ivy.LinearGeneral((2, 3), 2, use_bias=False, rngs=rngs)

    def __call__(self, x, s):
        y = self.norms(x)
        pooled = [ivy.mean(p, axis=(1, 2)) for p in pools(ivy.relu(y))]
        return self.merge(ivy.gelu(self.split(sum(pooled)))), sequence_pools(s)
