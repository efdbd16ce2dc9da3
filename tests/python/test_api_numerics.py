"""Numerical checks of every API table row, on every target.

`tests/api_checks.ts` writes one JAX module with a function per check (each
row's `checks` in `stages/jax_frontend/tables/`) and transpiles it to torch,
tensorflow and numpy. Each check runs with JAX and with each target on the
same inputs, and must give:

- the same pytree structure (lists stay lists, tuples tuples),
- leaves of the target's array type, with the same shape and the same dtype
  as JAX's default (64-bit mode off: float32, int32, bool),
- the same values: integers and bools exactly; floats within the row's
  relative tolerance (default 1e-5), measured as
  ``max|target - jax| / max(max|jax|, 1e-6)``, the error in the max norm
  relative to the largest JAX value, so that entries near zero of a well
  scaled result are not judged on their own rounding.

A check the transpiler reported a diagnostic for fails with that diagnostic.
The generated target files must also pass `ruff format --check` and
`ruff check`.
"""

from __future__ import annotations

import atexit
import functools
import importlib.util
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ("torch", "tensorflow", "numpy")
DENO = shlex.split(os.environ.get("DENO", "npx -y deno@2.9.6"))


@functools.cache
def generated() -> Path:
    """Runs tests/api_checks.ts once per session; returns its output folder."""
    out = Path(tempfile.mkdtemp(prefix="jaxlate_api_checks_"))
    # Set JAXLATE_KEEP_CHECKS=1 to keep the generated files for a look.
    if not os.environ.get("JAXLATE_KEEP_CHECKS"):
        atexit.register(shutil.rmtree, out, ignore_errors=True)
    proc = subprocess.run(
        [*DENO, "run", "-A", "tests/api_checks.ts", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    # Status 1 means some checks failed to transpile: they are in the
    # manifest and fail one by one below. Anything else is a broken run.
    if proc.returncode not in (0, 1) or not (out / "manifest.json").exists():
        raise RuntimeError(f"tests/api_checks.ts failed:\n{proc.stdout}\n{proc.stderr}")
    return out


@functools.cache
def manifest() -> dict:
    return json.loads((generated() / "manifest.json").read_text())


def load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def modules() -> dict:
    """The JAX checks module and each target's transpilation of it."""
    out = generated()
    loaded = {"jax": load_module("jaxlate_checks_jax", out / "jax_checks.py")}
    for target in TARGETS:
        loaded[target] = load_module(f"jaxlate_checks_{target}", out / f"{target}.py")
    return loaded


def numpy_inputs() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {
        "x": rng.standard_normal((3, 4)).astype(np.float32),
        "y": rng.standard_normal((3, 4)).astype(np.float32),
        "v": rng.standard_normal(4).astype(np.float32),
        # Fixed, with a repeated index, so that `.at[i].add` must accumulate.
        "i": np.array([2, 0, 2], dtype=np.int32),
    }


def target_inputs(target: str) -> dict:
    inputs = numpy_inputs()
    if target == "jax":
        import jax.numpy as jnp

        return {k: jnp.asarray(a) for k, a in inputs.items()}
    if target == "torch":
        import torch

        return {k: torch.from_numpy(a) for k, a in inputs.items()}
    if target == "tensorflow":
        import tensorflow as tf

        return {k: tf.constant(a) for k, a in inputs.items()}
    return inputs


def leaf_to_numpy(target: str, leaf) -> np.ndarray:
    """A target's array leaf as NumPy; fails on a leaf of the wrong type."""
    if target == "jax":
        import jax

        assert isinstance(leaf, jax.Array), f"JAX gave {type(leaf).__name__}"
        return np.asarray(leaf)
    if target == "torch":
        import torch

        assert isinstance(leaf, torch.Tensor), f"torch gave {type(leaf).__name__}"
        return leaf.detach().numpy()
    if target == "tensorflow":
        import tensorflow as tf

        assert tf.is_tensor(leaf), f"tensorflow gave {type(leaf).__name__}"
        return leaf.numpy()
    assert isinstance(leaf, (np.ndarray, np.generic)), (
        f"numpy gave {type(leaf).__name__}"
    )
    return np.asarray(leaf)


def flatten(target: str, tree, path="out") -> tuple[list, list]:
    """The structure (container types and lengths) and the leaves of a pytree."""
    if isinstance(tree, (list, tuple)):
        structure, leaves = [type(tree).__name__, len(tree)], []
        for k, item in enumerate(tree):
            s, ls = flatten(target, item, f"{path}[{k}]")
            structure.append(s)
            leaves.extend(ls)
        return structure, leaves
    return ["leaf"], [(path, leaf_to_numpy(target, tree))]


def relative_error(got: np.ndarray, want: np.ndarray) -> float:
    scale = max(float(np.max(np.abs(want), initial=0.0)), 1e-6)
    return float(np.max(np.abs(got.astype(np.float64) - want), initial=0.0)) / scale


def check_params():
    params = []
    for check in manifest()["checks"]:
        for target in TARGETS:
            params.append(pytest.param(check, target, id=f"{check['name']}-{target}"))
    return params


@pytest.mark.parametrize(("check", "target"), check_params())
def test_api_check(check: dict, target: str, modules: dict) -> None:
    failure = manifest()["failures"][target].get(check["name"])
    assert failure is None, f"{check['expr']} did not transpile: {failure}"
    want = getattr(modules["jax"], check["name"])(**target_inputs("jax"))
    got = getattr(modules[target], check["name"])(**target_inputs(target))
    want_structure, want_leaves = flatten("jax", want)
    got_structure, got_leaves = flatten(target, got)
    assert got_structure == want_structure, f"{check['expr']}: pytree structure"
    for (path, w), (_, g) in zip(want_leaves, got_leaves):
        where = f"{check['expr']}: {path}"
        assert g.shape == w.shape, f"{where}: shape {g.shape}, JAX {w.shape}"
        assert g.dtype == w.dtype, f"{where}: dtype {g.dtype}, JAX {w.dtype}"
        if np.issubdtype(w.dtype, np.floating):
            assert np.array_equal(np.isnan(g), np.isnan(w)), f"{where}: NaNs differ"
            finite = ~np.isnan(w)
            error = relative_error(g[finite], w[finite].astype(np.float64))
            assert error <= check["rtol"], (
                f"{where}: relative error {error:.3g} > {check['rtol']}"
            )
        else:
            np.testing.assert_array_equal(g, w, err_msg=where)


@pytest.mark.parametrize("target", TARGETS)
def test_generated_code_is_ruff_formatted(target: str) -> None:
    path = generated() / f"{target}.py"
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--diff", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("target", TARGETS)
def test_generated_code_is_ruff_clean(target: str) -> None:
    path = generated() / f"{target}.py"
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
