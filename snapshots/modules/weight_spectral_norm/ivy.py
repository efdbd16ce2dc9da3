"""WeightNorm and SpectralNorm wrapping Linear and Conv layers, with their options:
feature axes (one, several, none), no scale, an epsilon, several power-iteration steps,
statistics updated or frozen by the constructor or the call."""

import ivy


class Model(ivy.Module):
    def __init__(self, features: int, rngs):
        self.weighted = ivy.WeightNorm(ivy.Linear(features, 5, rngs=rngs), rngs=rngs)
        self.unscaled = ivy.WeightNorm(
            ivy.Linear(5, 4, rngs=rngs),
            feature_axes=0,
            use_scale=False,
            epsilon=1e-6,
            rngs=rngs,
        )
        self.whole = ivy.WeightNorm(
            ivy.Conv(features, 3, (3, 3), rngs=rngs), feature_axes=None, rngs=rngs
        )
        self.windows = ivy.WeightNorm(
            ivy.Conv(features, 2, (2, 2), rngs=rngs), feature_axes=(0, 3), rngs=rngs
        )
        self.spectral = ivy.SpectralNorm(ivy.Linear(4, 6, rngs=rngs), rngs=rngs)
        self.frozen = ivy.SpectralNorm(
            ivy.Linear(6, 3, rngs=rngs), update_stats=False, rngs=rngs
        )
        self.forced = ivy.SpectralNorm(
            ivy.Linear(3, 3, rngs=rngs), update_stats=False, rngs=rngs
        )
        self.spectral_conv = ivy.SpectralNorm(
            ivy.Conv(features, 2, (2, 2), rngs=rngs), n_steps=3, rngs=rngs
        )

    def __call__(self, x, images):
        y = self.unscaled(ivy.relu(self.weighted(x)))
        y = self.forced(self.frozen(ivy.tanh(self.spectral(y))), update_stats=True)
        maps = (
            ivy.mean(self.whole(images), axis=(1, 2))
            + ivy.sum(self.windows(images), axis=(1, 2, 3))[:, None]
        )
        return y + maps, self.spectral_conv(images, update_stats=False)
