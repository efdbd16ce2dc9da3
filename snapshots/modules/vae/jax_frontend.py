"""A VAE written as a stranger would: a NamedTuple of outputs from `__call__`, a jitted loss with a static
argument, an nnx.Sequential with a bare activation, noise drawn from a named Rngs stream when sampling."""

from functools import partial
from typing import Any, NamedTuple

import jax_frontend


class VAEOutput(NamedTuple):
    recon: Any
    mean: Any
    logvar: Any


class Encoder(jax_frontend.nnx.Module):
    def __init__(self, din: int, dlat: int, rngs):
        self.fc1 = jax_frontend.nnx.Linear(din, 64, rngs=rngs)
        self.fc_mean = jax_frontend.nnx.Linear(64, dlat, rngs=rngs)
        self.fc_logvar = jax_frontend.nnx.Linear(64, dlat, rngs=rngs)

    def __call__(self, x):
        h = jax_frontend.nn.relu(self.fc1(x))
        return self.fc_mean(h), self.fc_logvar(h)


class VAE(jax_frontend.nnx.Module):
    def __init__(self, din=16, dlat=4, *, rngs):
        self.encoder = Encoder(din, dlat, rngs)
        self.decoder = jax_frontend.nnx.Sequential(
            jax_frontend.nnx.Linear(dlat, 64, rngs=rngs),
            jax_frontend.nn.gelu,
            jax_frontend.nnx.Linear(64, din, rngs=rngs),
        )
        self.rngs = rngs

    def __call__(self, x, *, sample: bool = False) -> VAEOutput:
        mean, logvar = self.encoder(x)
        if sample:
            eps = jax_frontend.random.normal(
                self.rngs.noise(), jax_frontend.Array.shape(mean)
            )
            z = mean + jax_frontend.numpy.exp(0.5 * logvar) * eps
        else:
            z = mean
        return VAEOutput(jax_frontend.nn.sigmoid(self.decoder(z)), mean, logvar)


def kl_divergence(mean, logvar):
    return -0.5 * jax_frontend.numpy.sum(
        1 + logvar - jax_frontend.numpy.square(mean) - jax_frontend.numpy.exp(logvar),
        axis=-1,
    )


def bce(probs, labels, eps=1e-6):
    probs = jax_frontend.numpy.clip(probs, eps, 1 - eps)
    return -jax_frontend.numpy.sum(
        labels * jax_frontend.numpy.log(probs)
        + (1 - labels) * jax_frontend.numpy.log1p(-probs),
        axis=-1,
    )


@partial(jax_frontend.jit, static_argnames=("beta",))
def elbo(out: VAEOutput, x, beta=1.0):
    return jax_frontend.numpy.mean(
        bce(out.recon, x) + beta * kl_divergence(out.mean, out.logvar)
    )


def evaluate(model: VAE, x):
    out = model(x)
    return elbo(out, x), out.recon
