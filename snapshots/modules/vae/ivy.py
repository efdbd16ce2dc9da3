"""A VAE written as a stranger would: a NamedTuple of outputs from `__call__`, a jitted loss with a static
argument, an nnx.Sequential with a bare activation, noise drawn from a named Rngs stream when sampling."""

from typing import Any, NamedTuple

import ivy


class VAEOutput(NamedTuple):
    recon: Any
    mean: Any
    logvar: Any


class Encoder(ivy.Module):
    def __init__(self, din: int, dlat: int, rngs):
        self.fc1 = ivy.Linear(din, 64, rngs=rngs)
        self.fc_mean = ivy.Linear(64, dlat, rngs=rngs)
        self.fc_logvar = ivy.Linear(64, dlat, rngs=rngs)

    def __call__(self, x):
        h = ivy.relu(self.fc1(x))
        return self.fc_mean(h), self.fc_logvar(h)


class VAE(ivy.Module):
    def __init__(self, din=16, dlat=4, *, rngs):
        self.encoder = Encoder(din, dlat, rngs)
        self.decoder = ivy.Sequential(
            ivy.Linear(dlat, 64, rngs=rngs),
            lambda x: ivy.gelu(x),
            ivy.Linear(64, din, rngs=rngs),
        )
        self.rngs = rngs

    def __call__(self, x, *, sample: bool = False) -> VAEOutput:
        mean, logvar = self.encoder(x)
        if sample:
            eps = ivy.random_normal(
                self.rngs.noise(), ivy.shape(mean), dtype=ivy.float32
            )
            z = mean + ivy.exp(0.5 * logvar) * eps
        else:
            z = mean
        return VAEOutput(ivy.sigmoid(self.decoder(z)), mean, logvar)


def kl_divergence(mean, logvar):
    return -0.5 * ivy.sum(1 + logvar - ivy.square(mean) - ivy.exp(logvar), axis=-1)


def bce(probs, labels, eps=1e-6):
    probs = ivy.clip(probs, min=eps, max=1 - eps)
    return -ivy.sum(labels * ivy.log(probs) + (1 - labels) * ivy.log1p(-probs), axis=-1)


def elbo(out: VAEOutput, x, beta=1.0):
    return ivy.mean(bce(out.recon, x) + beta * kl_divergence(out.mean, out.logvar))


def evaluate(model: VAE, x):
    out = model(x)
    return elbo(out, x), out.recon
