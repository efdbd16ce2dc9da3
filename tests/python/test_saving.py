"""What users of the targets do with a trained model, for every module fixture
(the cases of test_models.py):

- Keras: the transpiled model inside a functional `keras.Model` compiles, fits
  one step, saves as `.keras` and loads (`keras.saving.load_model`) with the
  same predictions;
- torch: `state_dict` saved with `torch.save` loads into a model built with
  another seed and gives the Flax model's outputs; `torch.export.export` of the
  model runs and gives the same outputs.
"""

from __future__ import annotations

import numpy as np
import pytest
from jaxlate_testing import to_framework, to_numpy
from test_models import (
    CASES,
    assert_close,
    case_rtol,
    flax_model,
    leaves,
    output,
    target_model,
)


def batches(*trees):
    """One batch of the trees, of a static size: the generated layers read shapes
    in Python, as JAX code does, and Keras' batch axis is otherwise None."""
    import tensorflow as tf

    return tf.data.Dataset.from_tensor_slices(trees).batch(
        len(leaves(trees)[0]), drop_remainder=True
    )


def with_gaps(gaps: dict[str, str]) -> list:
    """Every fixture, those with a known gap expected to fail for its reason."""
    return [
        pytest.param(f, marks=pytest.mark.xfail(reason=gaps[f], strict=True))
        if f in gaps
        else f
        for f in sorted(CASES)
    ]


# fixture -> why its Keras model cannot fit, save and load (the model runs eagerly; fit and predict trace it)
KERAS_GRAPH_GAPS = {
    "norms_pooling": "one input is a batch-less sequence: the inputs share no batch axis to batch",
}
# fixtures with grouped convolutions: TensorFlow has no CPU kernel for their gradients
# outside XLA, so their training step is compiled with XLA
XLA = {"conv_options", "convnext"}


@pytest.mark.parametrize("fixture", with_gaps(KERAS_GRAPH_GAPS))
def test_keras_model_fits_saves_and_loads(fixture: str, tmp_path) -> None:
    import keras

    case = CASES[fixture]
    mod = output(fixture, "tensorflow")
    args = tuple(case["inputs"][0])
    inputs = [
        keras.Input(shape=a.shape[1:], batch_size=a.shape[0], dtype=str(a.dtype))
        for a in args
    ]
    layer = case["build"](mod, mod.Rngs(0))
    model = keras.Model(inputs, layer(*inputs))
    model.compile(optimizer="sgd", loss="mse", jit_compile=fixture in XLA)
    expected = model.predict(batches(args), verbose=0)
    zeros = tree_map(np.zeros_like, expected)
    history = model.fit(batches(args, zeros), epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"][0])
    trained = model.predict(batches(args), verbose=0)
    assert any(
        not np.array_equal(a, b) for a, b in zip(leaves(trained), leaves(expected))
    ), "fit did not change the model"
    path = tmp_path / f"{fixture}.keras"
    model.save(path)
    loaded = keras.saving.load_model(path)
    actual = loaded.predict(batches(args), verbose=0)
    # the saved model's next prediction: a call may change state (WeightNorm and SpectralNorm
    # write the normalized kernels into their layers, as Flax does)
    following = model.predict(batches(args), verbose=0)
    # Keras gives a functional model's several outputs as a list
    assert len(leaves(actual)) == len(leaves(following))
    for j, (a, e) in enumerate(zip(leaves(actual), leaves(following))):
        np.testing.assert_array_equal(a, e, err_msg=f"output {j} after loading")


def tree_map(fn, tree):
    if isinstance(tree, dict):
        return {k: tree_map(fn, v) for k, v in tree.items()}
    if isinstance(tree, (list, tuple)):
        mapped = [tree_map(fn, v) for v in tree]
        # a NamedTuple takes its fields as arguments
        return type(tree)(*mapped) if hasattr(tree, "_fields") else type(tree)(mapped)
    return fn(tree)


def torch_outputs(model, args) -> list:
    return [to_numpy(leaf) for leaf in leaves(model(*args))]


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_torch_state_dict_round_trips(fixture: str, tmp_path) -> None:
    import torch

    case = CASES[fixture]
    reference = flax_model(fixture)
    model = target_model(fixture, "torch", reference)
    path = tmp_path / f"{fixture}.pt"
    torch.save(model.state_dict(), path)
    mod = output(fixture, "torch")
    twin = case["build"](mod, mod.Rngs(1))
    twin.load_state_dict(torch.load(path, weights_only=True))
    args = case["inputs"][0]
    expected = [np.asarray(leaf) for leaf in leaves(reference(*args))]
    actual = torch_outputs(twin, [to_framework("torch", a) for a in args])
    assert len(actual) == len(expected)
    for j, (a, e) in enumerate(zip(actual, expected)):
        assert_close(a, e, f"output {j} after load_state_dict", case_rtol(fixture))


# fixture -> why torch.export cannot trace it
EXPORT_GAPS: dict[str, str] = {}


@pytest.mark.parametrize("fixture", with_gaps(EXPORT_GAPS))
def test_torch_export_runs(fixture: str) -> None:
    import torch

    case = CASES[fixture]
    reference = flax_model(fixture)
    args = tuple(to_framework("torch", a) for a in case["inputs"][0])
    # two models from the same weights: a call changes the state of one that counts its calls
    exported = torch.export.export(target_model(fixture, "torch", reference), args)
    expected = torch_outputs(target_model(fixture, "torch", reference), args)
    actual = torch_outputs(exported.module(), args)
    assert len(actual) == len(expected)
    for j, (a, e) in enumerate(zip(actual, expected)):
        assert_close(a, e, f"output {j} of the exported program")
