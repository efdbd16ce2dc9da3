"""Every module fixture's transpiled model under the targets' compilers equals it eager.

torch: `torch.compile(model, fullgraph=True, backend="aot_eager")`: one graph, no
Python fallback, traced through AOTAutograd as inductor would be (inductor's C++
code generation itself is left out: on 2 cores it would take the CI budget alone);
TensorFlow: `tf.function(model, jit_compile=True)` (XLA, as Keras' `fit` and
`predict` run a model's calls in a graph). Weights come from the Flax model, the
inputs are the first of the fixture's case in test_models.py; a compiler that
cannot take a fixture for a reason of its own is an xfail naming it.
"""

from __future__ import annotations

import numpy as np
import pytest
from jaxlate_testing import to_framework, to_numpy
from test_models import CASES, assert_close, case_rtol, flax_model, leaves, target_model

# fixture -> why the compiler fails on it (the compiler at fault, unless the reason says otherwise)
TORCH_XFAIL: dict[str, str] = {}
XLA_XFAIL: dict[str, str] = {}


def compiled_matches_eager(
    fixture: str, target: str, compile_fn, xfail: dict[str, str]
) -> None:
    if fixture in xfail:
        pytest.xfail(xfail[fixture])
    # two models, so that a model whose call updates its state (a counter, batch
    # statistics) is called once by each
    reference = flax_model(fixture)
    eager, model = (target_model(fixture, target, reference) for _ in range(2))
    args = [to_framework(target, a) for a in CASES[fixture]["inputs"][0]]
    expected = [to_numpy(leaf) for leaf in leaves(eager(*args))]
    actual = [to_numpy(leaf) for leaf in leaves(compile_fn(model)(*args))]
    assert len(actual) == len(expected)
    for i, (a, e) in enumerate(zip(actual, expected)):
        assert_close(
            np.asarray(a), np.asarray(e), f"{fixture} output {i}", case_rtol(fixture)
        )


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_torch_compile_fullgraph(fixture: str) -> None:
    import torch

    torch._dynamo.reset()
    compiled_matches_eager(
        fixture,
        "torch",
        lambda m: torch.compile(m, fullgraph=True, backend="aot_eager"),
        TORCH_XFAIL,
    )


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_tf_function_jit_compile(fixture: str) -> None:
    import tensorflow as tf

    compiled_matches_eager(
        fixture, "tensorflow", lambda m: tf.function(m, jit_compile=True), XLA_XFAIL
    )


# inductor (torch.compile's default backend) generates and builds C++: minutes per model
# on 2 cores, so one small model shows that the generated code takes it
INDUCTOR_FIXTURES = ["mlp"]


@pytest.mark.parametrize("fixture", INDUCTOR_FIXTURES)
def test_torch_compile_inductor(fixture: str) -> None:
    import torch

    torch._dynamo.reset()
    compiled_matches_eager(
        fixture, "torch", lambda m: torch.compile(m, fullgraph=True), {}
    )
