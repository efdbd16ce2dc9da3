"""Numerical checks of every API table row, on every target.

`tests/api_checks.ts` writes one JAX module with a function per check (each
row's `checks` in `stages/jax_frontend/tables/`) and transpiles it to torch,
tensorflow and numpy. Each check runs with JAX and with each target on the
same inputs, and must give:

- the same pytree structure (lists stay lists, tuples tuples, dict keys),
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
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import jax
import numpy as np
import pytest
from jaxlate_testing import (
    RUFF_CHECK,
    RUFF_FORMAT,
    TARGETS,
    assert_ruff_clean,
    assert_trees_match,
    deno_run,
    load_module,
    to_framework,
)


@functools.cache
def generated() -> Path:
    """Runs tests/api_checks.ts once per session; returns its output folder."""
    out = Path(tempfile.mkdtemp(prefix="jaxlate_api_checks_"))
    # Set JAXLATE_KEEP_CHECKS=1 to keep the generated files for a look.
    if not os.environ.get("JAXLATE_KEEP_CHECKS"):
        atexit.register(shutil.rmtree, out, ignore_errors=True)
    proc = deno_run("tests/api_checks.ts", str(out))
    # Status 1 means some checks failed to transpile: they are in the
    # manifest and fail one by one below. Anything else is a broken run.
    if proc.returncode not in (0, 1) or not (out / "manifest.json").exists():
        raise RuntimeError(f"tests/api_checks.ts failed:\n{proc.stdout}\n{proc.stderr}")
    return out


@functools.cache
def manifest() -> dict:
    return json.loads((generated() / "manifest.json").read_text())


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
    return {k: to_framework(target, a) for k, a in numpy_inputs().items()}


ONE_DEVICE_MESH = jax.make_mesh(
    (1, 1), ("data", "model"), axis_types=(jax.sharding.AxisType.Auto,) * 2
)


def check_params():
    params = []
    for check in manifest()["checks"]:
        for target in TARGETS:
            params.append(pytest.param(check, target, id=f"{check['name']}-{target}"))
    return params


# A target that cannot express an API says so, naming the core op and the reason
# (its table row is `unsupported`, and docs/coverage.md says `no`): that error is the
# expected result, as the README promises, not a failure.
def cannot_express(target: str, failure: str | None) -> bool:
    return (
        failure is not None
        and re.search(rf"{target} cannot express `\w+`: \S", failure) is not None
    )


@pytest.mark.parametrize(("check", "target"), check_params())
def test_api_check(check: dict, target: str, modules: dict) -> None:
    failure = manifest()["failures"][target].get(check["name"])
    if cannot_express(target, failure):
        return
    assert failure is None, f"{check['expr']} did not transpile: {failure}"
    # Sharding APIs need a mesh: one device, two axes named as models name them.
    with jax.set_mesh(ONE_DEVICE_MESH):
        want = getattr(modules["jax"], check["name"])(**target_inputs("jax"))
    got = getattr(modules[target], check["name"])(**target_inputs(target))
    assert_trees_match(got, want, target, check["expr"], check["rtol"])


@pytest.mark.parametrize("target", TARGETS)
def test_generated_code_is_ruff_formatted(target: str) -> None:
    assert_ruff_clean(generated() / f"{target}.py", [RUFF_FORMAT])


@pytest.mark.parametrize("target", TARGETS)
def test_generated_code_is_ruff_clean(target: str) -> None:
    assert_ruff_clean(generated() / f"{target}.py", [RUFF_CHECK])
