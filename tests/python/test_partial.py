"""`--partial`: what transpiles is written and runs as JAX does; the rest are stubs that raise.

A module with a function and a Flax Module that transpile, a method of that
Module and a function that do not (an unknown JAX API, a JAX transformation
no target has), is run through the CLI with `--partial` for each target:

- the exit code is 1, every diagnostic is printed, and the summary says
  `ported 4 of 6 definitions; 2 stubs`;
- the output passes `ruff format --check` and `ruff check`;
- the function and the Module's `__call__` (with the Flax weights copied by
  `load_flax_state`) give JAX's and Flax's values;
- each stub raises `NotImplementedError` naming `file:line:col: reason`, and
  quotes its JAX source in a comment above it.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import numpy as np
import pytest
from jaxlate_testing import (
    TARGETS,
    assert_ruff_clean,
    assert_values_close,
    deno_run,
    load_module,
    to_framework,
    to_numpy,
)

SOURCE = '''\
"""One good Module with one bad method, one good function, one bad function."""

import jax
import jax.numpy as jnp
from flax import nnx


class Scorer(nnx.Module):
    def __init__(self, din: int, dout: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(din, dout, rngs=rngs)

    def __call__(self, x):
        return jax.nn.tanh(self.fc(x))

    @jax.jit
    def curvature(self, x):
        return jax.hessian(lambda v: jnp.sum(self(v)))(x)

    def width(self) -> int:
        return 3


def normalize(x, axis: int = -1):
    return x / jnp.linalg.norm(x, axis=axis, keepdims=True)


def unknown(x):
    """Uses an API jaxlate does not know."""
    return jnp.frobnicate(x, 2)
'''


def normal(*shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


@functools.cache
def run(target: str):
    folder = Path(tempfile.mkdtemp(prefix=f"jaxlate_partial_{target}_"))
    (folder / "src").mkdir()
    (folder / "src" / "partial_model.py").write_text(SOURCE)
    proc = deno_run(
        "cli.ts",
        str(folder / "src"),
        "--target",
        target,
        "--out",
        str(folder / "out"),
        "--partial",
    )
    return proc, folder / "out" / "partial_model.py"


@functools.cache
def original():
    path = Path(tempfile.mkdtemp(prefix="jaxlate_partial_jax_")) / "partial_model.py"
    path.write_text(SOURCE)
    return load_module("jaxlate_partial_jax", path)


@functools.cache
def output(target: str):
    return load_module(f"jaxlate_partial_{target}", run(target)[1])


@pytest.mark.parametrize("target", TARGETS)
def test_exit_code_diagnostics_and_summary(target: str) -> None:
    proc, path = run(target)
    assert proc.returncode == 1, proc.stderr
    assert (
        "partial_model.py:17:16: error: unknown or unsupported JAX API `jax.hessian`"
        in proc.stderr
    )
    assert (
        "partial_model.py:29:12: error: unknown or unsupported JAX API `jax.numpy.frobnicate`"
        in proc.stderr
    )
    assert "jaxlate: ported 4 of 6 definitions; 2 stubs" in proc.stderr
    assert path.exists()
    assert_ruff_clean(path)


@pytest.mark.parametrize("target", TARGETS)
def test_what_transpiles_runs_as_jax(target: str) -> None:
    from flax import nnx

    x = normal(5, 4)
    mod = output(target)
    want = original().normalize(x)
    assert_values_close(
        to_numpy(mod.normalize(to_framework(target, x))),
        np.asarray(want),
        "normalize",
        1e-5,
        equal_nan=False,
    )
    reference = original().Scorer(4, 3, rngs=nnx.Rngs(0))
    model = mod.load_flax_state(mod.Scorer(4, 3, rngs=mod.Rngs(0)), reference)
    got = to_numpy(model(to_framework(target, x)))
    assert_values_close(
        got, np.asarray(reference(x)), "Scorer()", 1e-5, equal_nan=False
    )
    assert model.width() == 3


@pytest.mark.parametrize("target", TARGETS)
def test_stubs_raise_naming_the_problem(target: str) -> None:
    mod = output(target)
    x = to_framework(target, normal(5, 4))
    model = mod.Scorer(4, 3, rngs=mod.Rngs(0))
    with pytest.raises(
        NotImplementedError,
        match=r"partial_model\.py:17:16: unknown or unsupported JAX API `jax\.hessian`",
    ):
        model.curvature(x)
    with pytest.raises(
        NotImplementedError,
        match=r"partial_model\.py:29:12: .*`jax\.numpy\.frobnicate`",
    ):
        mod.unknown(x)
    assert mod.unknown.__doc__ == "Uses an API jaxlate does not know."
    text = run(target)[1].read_text()
    assert "    # def curvature(self, x):\n    #     return jax.hessian(" in text
    assert "# def unknown(x):\n" in text
    assert "@jax.jit" not in text.split("# def curvature")[1].split("def curvature")[1]
