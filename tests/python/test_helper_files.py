"""The Python helper files (`stateful/targets/<t>/*.py`, `stages/targets/<t>/helpers/*.py`
and the `shared/` ones) are real Python: each imports on its own, and all pass
`ruff format --check` and `ruff check`.

A helper file with an import header (`import torch`, `from .asarray import
asarray`) is imported as a module of the repo (`stateful.targets.torch.conv`),
so its header must name everything it uses. A file without one holds only
definitions whose imports are declared in TypeScript: it is run with its
target's modules bound, and `ruff check` takes the module aliases and every
helper's name as builtins for it.
"""

from __future__ import annotations

import ast
import importlib
import math
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TARGETS = ("torch", "tensorflow", "numpy")
HELPER_DIRS = [
    *(ROOT / "stateful" / "targets" / t for t in (*TARGETS, "shared")),
    *(ROOT / "stages" / "targets" / t / "helpers" for t in TARGETS),
    ROOT / "stages" / "targets" / "shared",
]
HELPER_FILES = sorted(p for d in HELPER_DIRS for p in d.glob("*.py"))


def has_header(path: Path) -> bool:
    """True when the file starts with its imports."""
    first = next(line for line in path.read_text().splitlines() if line.strip())
    return first.startswith(("import ", "from "))


# Helpers written in TypeScript over a target's vocabulary (stages/targets/optax.ts, activations.ts), which
# helper files may call.
GENERATED_HELPERS = ("global_norm", "sigmoid")


def target_modules(path: Path) -> dict[str, object]:
    """The modules a target's output imports, by alias, for a file without a header."""
    import numpy as np

    names: dict[str, object] = {"math": math, "np": np}
    # helpers written in TypeScript over a target's vocabulary, named at import time (a default argument)
    names.update(dict.fromkeys(GENERATED_HELPERS, lambda *args, **kwargs: None))
    parts = path.relative_to(ROOT).parts
    if "torch" in parts:
        import torch

        names["torch"] = torch
    if "tensorflow" in parts:
        import keras
        import tensorflow as tf
        import tensorflow.experimental.numpy as tnp

        names.update(tf=tf, keras=keras, tnp=tnp)
    return names


def test_there_are_helper_files() -> None:
    assert len(HELPER_FILES) > 100


@pytest.mark.parametrize("path", HELPER_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_helper_file_imports_on_its_own(path: Path) -> None:
    if not has_header(path):
        runpy.run_path(str(path), init_globals=target_modules(path))
        return
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    importlib.import_module(module)


def ruff(*args: str, files: list[Path]) -> None:
    if not files:
        return
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", *args, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, f"ruff {args[0]}:\n{proc.stdout}{proc.stderr}"


def test_helper_files_are_ruff_formatted() -> None:
    ruff("format", "--check", "--diff", files=HELPER_FILES)


def test_helper_files_pass_ruff_check() -> None:
    ruff("check", "--no-cache", files=[p for p in HELPER_FILES if has_header(p)])
    helpers = {
        node.name
        for path in HELPER_FILES
        for node in ast.parse(path.read_text()).body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef))
    }
    modules = {"math", "np", "torch", "tf", "keras", "tnp", "dataclasses", "functools"}
    builtins = sorted({*modules, *GENERATED_HELPERS, *helpers})
    config = f"builtins = {builtins!r}"
    ruff(
        "check",
        "--no-cache",
        "--config",
        config,
        files=[p for p in HELPER_FILES if not has_header(p)],
    )
