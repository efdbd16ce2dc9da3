"""WeightNorm and SpectralNorm wrapping Linear and Conv layers, with their options:
feature axes (one, several, none), no scale, an epsilon, several power-iteration steps,
statistics updated or frozen by the constructor or the call."""

import jax_frontend


class Model(jax_frontend.nnx.Module):
    def __init__(self, features: int, rngs):
        self.weighted = jax_frontend.nnx.WeightNorm(
            jax_frontend.nnx.Linear(features, 5, rngs=rngs), rngs=rngs
        )
        self.unscaled = jax_frontend.nnx.WeightNorm(
            jax_frontend.nnx.Linear(5, 4, rngs=rngs),
            use_scale=False,
            feature_axes=0,
            epsilon=1e-6,
            rngs=rngs,
        )
        self.whole = jax_frontend.nnx.WeightNorm(
            jax_frontend.nnx.Conv(features, 3, (3, 3), rngs=rngs),
            feature_axes=None,
            rngs=rngs,
        )
        self.windows = jax_frontend.nnx.WeightNorm(
            jax_frontend.nnx.Conv(features, 2, (2, 2), rngs=rngs),
            feature_axes=(0, 3),
            rngs=rngs,
        )
        self.spectral = jax_frontend.nnx.SpectralNorm(
            jax_frontend.nnx.Linear(4, 6, rngs=rngs), rngs=rngs
        )
        self.frozen = jax_frontend.nnx.SpectralNorm(
            jax_frontend.nnx.Linear(6, 3, rngs=rngs), update_stats=False, rngs=rngs
        )
        self.forced = jax_frontend.nnx.SpectralNorm(
            jax_frontend.nnx.Linear(3, 3, rngs=rngs), update_stats=False, rngs=rngs
        )
        self.spectral_conv = jax_frontend.nnx.SpectralNorm(
            jax_frontend.nnx.Conv(features, 2, (2, 2), rngs=rngs), n_steps=3, rngs=rngs
        )

    def __call__(self, x, images):
        y = self.unscaled(jax_frontend.nn.relu(self.weighted(x)))
        y = self.forced(
            self.frozen(jax_frontend.numpy.tanh(self.spectral(y))), update_stats=True
        )
        maps = (
            jax_frontend.numpy.mean(self.whole(images), axis=(1, 2))
            + jax_frontend.numpy.sum(self.windows(images), axis=(1, 2, 3))[:, None]
        )
        return y + maps, self.spectral_conv(images, update_stats=False)
