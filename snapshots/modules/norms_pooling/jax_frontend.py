"""RMSNorm, GroupNorm and InstanceNorm with their options, LinearGeneral over one and two axes, and pooling (imported from flax.linen, as real NNX files do) with
'SAME', 'VALID' and explicit padding, strides, count_include_pad, 1-D windows and extra batch axes."""

import jax_frontend


class Norms(jax_frontend.nnx.Module):
    def __init__(self, features: int, rngs):
        self.rms = jax_frontend.nnx.RMSNorm(features, rngs=rngs)
        self.rms_plain = jax_frontend.nnx.RMSNorm(
            features, epsilon=1e-3, use_scale=False, rngs=rngs
        )
        self.groups = jax_frontend.nnx.GroupNorm(features, num_groups=2, rngs=rngs)
        self.sized = jax_frontend.nnx.GroupNorm(
            features, num_groups=None, group_size=2, epsilon=1e-5, rngs=rngs
        )
        self.unscaled = jax_frontend.nnx.GroupNorm(
            features, num_groups=3, use_scale=False, rngs=rngs
        )
        self.unshifted = jax_frontend.nnx.GroupNorm(
            features, 1, use_bias=False, rngs=rngs
        )
        self.instance = jax_frontend.nnx.InstanceNorm(features, epsilon=1e-5, rngs=rngs)

    def __call__(self, x):
        y = self.groups(x) + self.sized(x * 3.0 + 1.0)
        y = self.unscaled(jax_frontend.nn.silu(y)) * self.unshifted(y)
        return self.rms(y) + self.rms_plain(x) + self.instance(y * x)


def pools(x):
    """Every pooling option over (batch, h, w, features) maps."""
    a = jax_frontend.nnx.avg_pool(x, (2, 2))
    b = jax_frontend.nnx.avg_pool(x, (3, 3), strides=(2, 2), padding="SAME")
    c = jax_frontend.nnx.avg_pool(
        x, (3, 3), strides=(2, 2), padding="SAME", count_include_pad=False
    )
    d = jax_frontend.nnx.max_pool(x, (2, 3), strides=(1, 2), padding=((1, 0), (1, 1)))
    e = jax_frontend.nnx.min_pool(x, (3, 3), strides=(2, 2), padding="SAME")
    f = jax_frontend.nnx.avg_pool(
        x, (2, 2), padding=((0, 1), (1, 1)), count_include_pad=False
    )
    return a, b, c, d, e, f


def sequence_pools(s):
    """1-D windows over (length, features) and (batch, batch, length, features) inputs."""
    return (
        jax_frontend.nnx.max_pool(s, (3,), strides=(2,)),
        jax_frontend.nnx.avg_pool(s, (2,), padding="SAME"),
        jax_frontend.nnx.max_pool(s, (2,)),
    )


class Model(jax_frontend.nnx.Module):
    def __init__(self, features: int, rngs):
        self.norms = Norms(features, rngs)
        self.split = jax_frontend.nnx.LinearGeneral(features, (2, 3), rngs=rngs)
        self.merge = jax_frontend.nnx.LinearGeneral(
            (2, 3), 2, axis=(-2, -1), use_bias=False, rngs=rngs
        )

    def __call__(self, x, s):
        y = self.norms(x)
        pooled = [
            jax_frontend.numpy.mean(p, axis=(1, 2))
            for p in pools(jax_frontend.nn.relu(y))
        ]
        return (
            self.merge(jax_frontend.nn.gelu(self.split(sum(pooled)))),
            sequence_pools(s),
        )
