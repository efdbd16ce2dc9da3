"""Numerical checks of the package fixtures (`fixtures/packages/<name>/`), on every target.

A package's modules import each other (absolute `from tinynet.layers import MLP`,
relative `from .layers import Count`, `__init__.py` re-exports). Its golden
snapshots (`snapshots/packages/<name>/<module>/<target>.py`, which
tests/snapshot_test.ts keeps equal to the transpiler's output) are laid out
as the package again in a temporary folder and imported under the package's
own name, as its user would; the Flax original is imported the same way from
`fixtures/packages/`. For each target:

- every module is importable and keeps every top-level function and class;
  every stage's snapshots pass `ruff format --check` and `ruff check` laid out
  as the package (ruff sorts a package's own imports into a section of their own);
- the model is built with the Flax model's constructor arguments, its weights
  copied by `load_flax_state` (of the module that defines the model, from the
  module and from `nnx.state`), and its outputs, the package's functions and
  its custom Variable after each call equal Flax's;
- on torch and tensorflow, the gradients of the squared outputs with respect
  to the input equal `nnx.grad`'s.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import importlib
import re
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from jaxlate_testing import (
    ROOT,
    TARGETS,
    assert_ruff_clean,
    assert_values_close,
    to_framework,
    to_numpy,
)

PACKAGES = ROOT / "fixtures" / "packages"
SNAPSHOTS = ROOT / "snapshots" / "packages"
RTOL = 1e-5


def normal(*shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


# package -> the module defining the model, how to build it, the inputs of each
# call, the package's functions to check (module.name -> arguments after the
# model), and its custom Variables (attribute -> value after n calls).
# tests/python/test_fixtures.py checks that every package module is covered here.
PACKAGE_CASES = {
    "tinynet": {
        "model_module": "model",
        "build": lambda pkg, rngs: pkg.TinyNet(4, 2, 3, rngs=rngs),
        "inputs": [(normal(5, 4),), (normal(2, 4, seed=1),)],
        "functions": {
            "predict": (normal(5, 4),),
            "model.confident": (normal(5, 4, seed=2), 0.4),
            "utils.rms_normalize": (normal(3, 4, seed=3),),
        },
        "variables": {"calls": lambda n: n},
    },
}


@contextlib.contextmanager
def importable(folder: Path, package: str):
    """`package` importable from `folder`, and forgotten afterwards (module objects stay usable)."""
    saved = {
        k: v
        for k, v in sys.modules.items()
        if k == package or k.startswith(package + ".")
    }
    for k in saved:
        del sys.modules[k]
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for k in [
            k for k in sys.modules if k == package or k.startswith(package + ".")
        ]:
            del sys.modules[k]
        sys.modules.update(saved)


def modules_of(package: str) -> list[str]:
    return sorted(p.stem for p in (PACKAGES / package).glob("*.py"))


def import_package(folder: Path, package: str) -> dict:
    """The package and each of its modules, imported from `folder`, by module name ("" for the package)."""
    with importable(folder, package):
        pkg = importlib.import_module(package)
        found = {"": pkg}
        for name in modules_of(package):
            if name != "__init__":
                found[name] = importlib.import_module(f"{package}.{name}")
        return found


@functools.cache
def transpiled_folder(package: str, target: str) -> Path:
    """The snapshots of one stage (a target) laid out as the package, in a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix=f"jaxlate_{package}_{target}_"))
    (folder / package).mkdir()
    for name in modules_of(package):
        shutil.copy(
            SNAPSHOTS / package / name / f"{target}.py", folder / package / f"{name}.py"
        )
    return folder


@functools.cache
def original(package: str) -> dict:
    return import_package(PACKAGES, package)


@functools.cache
def output(package: str, target: str) -> dict:
    return import_package(transpiled_folder(package, target), package)


def function_at(modules: dict, path: str):
    module, _, name = path.rpartition(".")
    return getattr(modules[module], name)


def flax_model(package: str):
    from flax import nnx

    return PACKAGE_CASES[package]["build"](original(package)[""], nnx.Rngs(0))


def target_model(package: str, target: str, src):
    case = PACKAGE_CASES[package]
    mods = output(package, target)
    defining = mods[case["model_module"]]
    model = case["build"](mods[""], defining.Rngs(0))
    return defining.load_flax_state(model, src)


def assert_close(actual, expected, what: str) -> None:
    actual, expected = to_numpy(actual), to_numpy(expected)
    assert actual.shape == expected.shape, (
        f"{what}: shape {actual.shape}, Flax {expected.shape}"
    )
    assert_values_close(actual, expected, what, RTOL, equal_nan=False)


PARAMS = [pytest.param(p, t, id=f"{p}-{t}") for p in PACKAGE_CASES for t in TARGETS]


def test_every_package_has_a_case() -> None:
    assert sorted(p.name for p in PACKAGES.iterdir() if p.is_dir()) == sorted(
        PACKAGE_CASES
    )


@pytest.mark.parametrize(("package", "target"), PARAMS)
def test_modules_keep_their_names(package: str, target: str) -> None:
    mods = output(package, target)
    for name in modules_of(package):
        source = (PACKAGES / package / f"{name}.py").read_text()
        top = ast.parse(source).body
        names = [s.name for s in top if isinstance(s, (ast.FunctionDef, ast.ClassDef))]
        module = mods["" if name == "__init__" else name]
        missing = [n for n in names if not hasattr(module, n)]
        assert not missing, f"{name}: top-level names missing: {missing}"
        text = (transpiled_folder(package, target) / package / f"{name}.py").read_text()
        assert not re.search(
            r"^\s*(import|from)\s+(jax|flax|jaxlate)\b", text, re.MULTILINE
        )


@pytest.mark.parametrize("stage", ("jax_frontend", "ivy", *TARGETS))
@pytest.mark.parametrize("package", PACKAGE_CASES)
def test_snapshots_are_ruff_clean_as_a_package(package: str, stage: str) -> None:
    assert_ruff_clean(transpiled_folder(package, stage) / package)


@pytest.mark.parametrize("from_state", [False, True], ids=["from-module", "from-state"])
@pytest.mark.parametrize(("package", "target"), PARAMS)
def test_outputs_match_flax(package: str, target: str, from_state: bool) -> None:
    from flax import nnx

    case = PACKAGE_CASES[package]
    reference = flax_model(package)
    model = target_model(
        package, target, nnx.state(reference) if from_state else reference
    )
    for call, args in enumerate(case["inputs"], start=1):
        expected = reference(*args)
        actual = model(*(to_framework(target, a) for a in args))
        assert_close(actual, expected, f"call {call}")
        for name, value in case["variables"].items():
            want = np.asarray(getattr(reference, name).value)
            variable = getattr(model, name)
            got = to_numpy(variable if target == "torch" else variable.value)
            assert_close(got, want, f"{name} after {call} call(s)")
            assert int(got) == value(call)
    for path, args in case["functions"].items():
        fn_args = [
            to_framework(target, a) if isinstance(a, np.ndarray) else a for a in args
        ]
        takes_model = path.rpartition(".")[0] in ("", case["model_module"])
        expected = function_at(original(package), path)(
            *([reference] if takes_model else []), *args
        )
        actual = function_at(output(package, target), path)(
            *([model] if takes_model else []), *fn_args
        )
        assert_close(actual, expected, path)


@pytest.mark.parametrize(
    ("package", "target"), [p for p in PARAMS if p.values[1] != "numpy"]
)
def test_input_gradients_match_flax(package: str, target: str) -> None:
    import jax.numpy as jnp
    from flax import nnx

    reference = flax_model(package)
    model = target_model(package, target, reference)
    (x,) = PACKAGE_CASES[package]["inputs"][0]
    want = nnx.grad(lambda m, v: jnp.sum(m(v) ** 2), argnums=1)(
        reference, jnp.asarray(x)
    )
    if target == "torch":
        xt = to_framework(target, x, requires_grad=True)
        (model(xt) ** 2).sum().backward()
        got = xt.grad
    else:
        import tensorflow as tf

        xt = tf.constant(x)
        with tf.GradientTape() as tape:
            tape.watch(xt)
            loss = tf.reduce_sum(model(xt) ** 2)
        got = tape.gradient(loss, xt)
    assert_close(got, want, "d loss / d x")
