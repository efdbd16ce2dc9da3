"""Helpers shared by the numerical tests in this folder.

- `ROOT`, `TARGETS`, `DENO` and `deno_run`: where the repository is, which
  targets jaxlate writes, and how the tests run its Deno scripts;
- `load_module`: imports a Python file by path;
- `to_framework`, `to_numpy` and `leaf_to_numpy`: NumPy arrays to and from
  each framework's arrays (`"jax"`, `"torch"`, `"tensorflow"`, `"numpy"`);
- `tree_flatten` and `flatten`: the structure and the leaves of a pytree of
  lists, tuples and dicts;
- `relative_error`, `assert_same_shape`, `assert_values_close` and
  `assert_trees_match`: the comparison of a target's results with JAX's;
- `assert_ruff_clean`: `ruff format --check --diff` and `ruff check` on a file.

`conftest.py` puts this folder on `sys.path`, so the tests `import jaxlate_testing`.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ("torch", "tensorflow", "numpy")
DENO = shlex.split(os.environ.get("DENO", "npx -y deno@2.9.6"))


def deno_run(*args: str) -> subprocess.CompletedProcess:
    """Runs `deno run -A <args>` from the repository root; the caller checks the status."""
    return subprocess.run(
        [*DENO, "run", "-A", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def load_module(name: str, path: Path):
    """Imports the Python file at `path` as module `name` (registered in `sys.modules`)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# ---- arrays --------------------------------------------------------------


def to_framework(framework: str, array: np.ndarray, requires_grad: bool = False):
    """A NumPy array as the framework's array.

    torch and numpy get a copy, so that a function that writes to its input
    cannot change the array for the next caller. With `requires_grad`, a
    floating-point torch tensor requires grad (other frameworks ignore it).
    A Python value (a step count, a token id) is passed as it is.
    """
    if not isinstance(array, np.ndarray):
        return array
    if framework == "jax":
        import jax.numpy as jnp

        return jnp.asarray(array)
    if framework == "torch":
        import torch

        tensor = torch.from_numpy(array.copy())
        if requires_grad and tensor.is_floating_point():
            tensor.requires_grad_(True)
        return tensor
    if framework == "tensorflow":
        import tensorflow as tf

        return tf.constant(array)
    return array.copy()


def to_numpy(x) -> np.ndarray:
    """Any framework's array (torch ones detached) as NumPy, without checking its type."""
    if hasattr(x, "detach"):
        x = x.detach()
    return np.asarray(x)


def leaf_to_numpy(framework: str, leaf) -> np.ndarray:
    """A framework's array leaf as NumPy; fails on a leaf of the wrong type."""
    if framework == "jax":
        import jax

        assert isinstance(leaf, jax.Array), f"JAX gave {type(leaf).__name__}"
        return np.asarray(leaf)
    if framework == "torch":
        import torch

        assert isinstance(leaf, torch.Tensor), f"torch gave {type(leaf).__name__}"
        return leaf.detach().numpy()
    if framework == "tensorflow":
        import tensorflow as tf

        assert tf.is_tensor(leaf), f"tensorflow gave {type(leaf).__name__}"
        return leaf.numpy()
    assert isinstance(leaf, (np.ndarray, np.generic)), (
        f"numpy gave {type(leaf).__name__}"
    )
    return np.asarray(leaf)


# ---- pytrees -------------------------------------------------------------


def tree_flatten(tree, path: str = "out") -> tuple[list, list]:
    """The structure and the `(path, leaf)` pairs of a pytree, leaves as they are.

    The structure holds each container's type name and length (lists stay
    lists, tuples tuples) and each dict's sorted keys; dict leaves come in
    sorted key order. `None` is an empty subtree, as in JAX. Anything else is
    a leaf.
    """
    if tree is None:
        return ["None"], []
    if isinstance(tree, (list, tuple)):
        structure, leaves = [type(tree).__name__, len(tree)], []
        for k, item in enumerate(tree):
            s, ls = tree_flatten(item, f"{path}[{k}]")
            structure.append(s)
            leaves.extend(ls)
        return structure, leaves
    if isinstance(tree, dict):
        structure, leaves = ["dict", sorted(tree)], []
        for key in sorted(tree):
            s, ls = tree_flatten(tree[key], f"{path}[{key!r}]")
            structure.append(s)
            leaves.extend(ls)
        return structure, leaves
    return ["leaf"], [(path, tree)]


def flatten(framework: str, tree) -> tuple[list, list]:
    """`tree_flatten`, with each leaf checked to be the framework's array and made NumPy."""
    structure, leaves = tree_flatten(tree)
    return structure, [(path, leaf_to_numpy(framework, leaf)) for path, leaf in leaves]


# ---- comparisons ---------------------------------------------------------


def relative_error(got: np.ndarray, want: np.ndarray) -> float:
    """``max|got - want| / max(max|want|, 1e-6)`` in float64: the error in the max
    norm relative to the largest wanted value (0 for empty arrays)."""
    scale = max(float(np.max(np.abs(want), initial=0.0)), 1e-6)
    wide = (
        np.complex128 if np.iscomplexobj(got) or np.iscomplexobj(want) else np.float64
    )
    diff = got.astype(wide) - want.astype(wide)
    return float(np.max(np.abs(diff), initial=0.0)) / scale


def assert_same_shape(
    got: np.ndarray, want: np.ndarray, where: str, check_dtype: bool = True
) -> None:
    """The same shape and, with `check_dtype`, the same dtype."""
    assert got.shape == want.shape, f"{where}: shape {got.shape}, want {want.shape}"
    if check_dtype:
        assert got.dtype == want.dtype, f"{where}: dtype {got.dtype}, want {want.dtype}"


def assert_values_close(
    got: np.ndarray, want: np.ndarray, where: str, rtol: float, equal_nan: bool
) -> None:
    """Integers and bools exactly; floats within `rtol` of `relative_error`.

    With `equal_nan`, float NaNs must be at the same places and are left out of
    the error; without it, a NaN on either side fails.
    """
    if not np.issubdtype(want.dtype, np.inexact):
        np.testing.assert_array_equal(got, want, err_msg=where)
        return
    if equal_nan:
        assert np.array_equal(np.isnan(got), np.isnan(want)), f"{where}: NaNs differ"
        finite = ~np.isnan(want)
        got, want = got[finite], want[finite]
    # infinities where JAX has them, with their signs; the error is over the finite rest
    infinite = np.isinf(want)
    assert np.array_equal(got[infinite], want[infinite]), f"{where}: infinities differ"
    got, want = got[~infinite], want[~infinite]
    error = relative_error(got, want)
    assert error <= rtol, f"{where}: relative error {error:.3g} > {rtol:g}"


def assert_trees_match(
    got,
    want,
    framework: str,
    where: str,
    rtol: float,
    compare: Callable[[np.ndarray, np.ndarray, str], None] | None = None,
) -> None:
    """A framework's result `got` against JAX's `want`.

    The same pytree structure; leaves of each side's array type, with the same
    shapes and dtypes; and values as `assert_values_close` with NaNs at the same
    places, or as `compare(got_leaf, want_leaf, where)` when given.
    """
    want_structure, want_leaves = flatten("jax", want)
    got_structure, got_leaves = flatten(framework, got)
    assert got_structure == want_structure, (
        f"{where}: pytree structure {got_structure}, JAX {want_structure}"
    )
    for (path, w), (_, g) in zip(want_leaves, got_leaves):
        at = f"{where}: {path}"
        assert_same_shape(g, w, at)
        if compare is None:
            assert_values_close(g, w, at, rtol, equal_nan=True)
        else:
            compare(g, w, at)


# ---- ruff ----------------------------------------------------------------

RUFF_FORMAT = ("format", "--check", "--diff")
RUFF_CHECK = ("check", "--no-cache")


def assert_ruff_clean(path: Path, commands=(RUFF_FORMAT, RUFF_CHECK)) -> None:
    """Runs each ruff command (by default format --check --diff, then check) on `path`."""
    for command in commands:
        proc = subprocess.run(
            [sys.executable, "-m", "ruff", *command, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, f"ruff {command[0]}:\n{proc.stdout}{proc.stderr}"
