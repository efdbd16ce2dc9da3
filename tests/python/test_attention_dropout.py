"""nnx.MultiHeadAttention's dropout in training mode (fixtures/modules/attention_options.py).

The random numbers differ from JAX's, so each target is checked as Flax is:
two training calls differ, some attention weights are dropped, and the mean
of many training calls approaches the deterministic output (dropout scales the
kept weights by 1 / (1 - rate), so that it is unbiased). Evaluation mode is
checked against Flax numerically in test_models.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from jaxlate_testing import TARGETS, to_framework, to_numpy
from test_models import flax_model, normal, target_model

CALLS = 300


def dropout_statistics(model, x, convert) -> tuple[float, float]:
    """(relative distance of two training calls, of their mean of CALLS from eval)."""
    x = convert(x)
    eval_out = to_numpy(model.attn(x, deterministic=True))
    draws = np.stack([to_numpy(model.train_step(x)) for _ in range(CALLS)])
    scale = np.max(np.abs(eval_out))
    return (
        float(np.max(np.abs(draws[0] - draws[1])) / scale),
        float(np.max(np.abs(draws.mean(axis=0) - eval_out)) / scale),
    )


@pytest.mark.parametrize("target", ["jax", *TARGETS])
def test_attention_dropout_is_random_and_unbiased(target: str) -> None:
    reference = flax_model("attention_options")
    model = (
        reference
        if target == "jax"
        else target_model("attention_options", target, reference)
    )
    apart, bias = dropout_statistics(
        model, normal(2, 6, 8, seed=4), lambda a: to_framework(target, a)
    )
    assert apart > 1e-3, "two training calls gave the same output"
    # the mean of 300 draws: about 3 standard errors of one draw's spread
    assert bias < 0.1, f"the mean of {CALLS} training calls is {bias:.3f} from eval"
