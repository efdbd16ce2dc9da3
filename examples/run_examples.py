"""Runs the transpiled examples and compares them with JAX.

Usage: python examples/run_examples.py OUT  (OUT as written by
`deno run -A cli.ts examples/ --target all --out OUT`)

For each target (torch, tensorflow, numpy) it imports OUT/<target>/model.py,
runs `attention_scores` on the same inputs as JAX, builds `MLP` with the
same sizes, copies the Flax weights in with the output's `load_flax_state`,
and prints the largest absolute and relative differences from JAX. Exits
with 1 when a relative difference exceeds 1e-5.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's start-up logging

HERE = Path(__file__).resolve().parent
TARGETS = ("torch", "tensorflow", "numpy")
RTOL = 1e-5


def load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def to_target(target: str, array: np.ndarray):
    if target == "torch":
        import torch

        return torch.from_numpy(array.copy())
    if target == "tensorflow":
        import tensorflow as tf

        return tf.constant(array)
    return array.copy()


def to_numpy(value) -> np.ndarray:
    if hasattr(value, "detach"):
        value = value.detach()
    return np.asarray(value.numpy() if hasattr(value, "numpy") else value)


def errors(got, want: np.ndarray) -> tuple[float, float]:
    got = to_numpy(got).astype(np.float64)
    assert got.shape == want.shape, f"shape {got.shape}, JAX {want.shape}"
    absolute = float(np.max(np.abs(got - want)))
    return absolute, absolute / max(float(np.max(np.abs(want))), 1e-6)


def main(out: Path) -> int:
    from flax import nnx

    reference = load("example_jax", HERE / "model.py")
    rng = np.random.default_rng(0)
    q = rng.standard_normal((5, 8)).astype(np.float32)
    k = rng.standard_normal((7, 8)).astype(np.float32)
    x = rng.standard_normal((4, 6)).astype(np.float32)
    jax_model = reference.MLP(6, 16, 3, rngs=nnx.Rngs(0))
    want_scores = np.asarray(reference.attention_scores(q, k), np.float64)
    want_mlp = np.asarray(jax_model(x), np.float64)

    worst = 0.0
    print(f"{'target':<12}{'example':<20}{'max abs error':>16}{'max rel error':>16}")
    for target in TARGETS:
        module = load(f"example_{target}", out / target / "model.py")
        model = module.MLP(6, 16, 3, rngs=module.Rngs(0))
        module.load_flax_state(model, jax_model)
        results = {
            "attention_scores": errors(
                module.attention_scores(to_target(target, q), to_target(target, k)),
                want_scores,
            ),
            "MLP": errors(model(to_target(target, x)), want_mlp),
        }
        for name, (absolute, relative) in results.items():
            print(f"{target:<12}{name:<20}{absolute:>16.3g}{relative:>16.3g}")
            worst = max(worst, relative)
    ok = worst <= RTOL
    print(
        f"largest relative error {worst:.3g} ({'ok' if ok else 'FAIL'}: tolerance {RTOL})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1])))
