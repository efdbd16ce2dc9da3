"""Speed of generated code against hand-written native ports of the same Flax models.

Usage: .venv/bin/python bench/generated_speed.py [--quick]

For fixtures/modules/mlp.py, attention.py (nnx.MultiHeadAttention) and
transformer.py, at a small and a large size: the Flax model's weights are loaded
into the transpiler's output (`load_flax_state`) and into the hand-written ports
under bench/hand/ (torch, TensorFlow/Keras, NumPy); both must agree with JAX
before anything is timed. Then each pair is timed in one run, interleaved (best
of the repeats, 2 threads, CPU): torch eager (no_grad), TensorFlow eager and
under tf.function, NumPy. Prints the times and generated/hand ratios.
"""

from __future__ import annotations

import os

# two threads everywhere, set before the frameworks load
os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
os.environ.setdefault("MKL_NUM_THREADS", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault(
    "XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=2"
)

import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "hand"))
FIXTURES = ROOT / "fixtures" / "modules"
DENO = ["npx", "-y", "deno@2.9.6"]


def normal(*shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def tokens(*shape, vocab, seed=0):
    return np.random.default_rng(seed).integers(0, vocab, shape).astype(np.int32)


def positive_rows(x):
    """Context rows whose sums are positive except the last row of each sequence
    (masked out of the cross-attention), so that no attention row is fully masked."""
    x = np.abs(x)
    x[:, -1] = -x[:, -1]
    return x


# fixture -> size -> (constructor args, inputs, hand-port extra args)
MODELS = {
    "mlp": {
        "build": lambda mod, a, rngs: mod.MLP(*a, rngs=rngs),
        "hand": lambda hand, p, a: hand.MLP(p),
        "small": ((16, 32, 4), (normal(8, 16),)),
        "large": ((256, 1024, 128), (normal(256, 256),)),
    },
    "attention": {
        "build": lambda mod, a, rngs: mod.Model(*a, rngs=rngs),
        "hand": lambda hand, p, a: hand.AttentionModel(p),
        "small": (
            (32, 4, 16),
            (normal(2, 16, 32), positive_rows(normal(2, 8, 16, seed=1))),
        ),
        "large": (
            (256, 8, 128),
            (normal(8, 128, 256), positive_rows(normal(8, 64, 128, seed=1))),
        ),
    },
    "transformer": {
        "build": lambda mod, a, rngs: mod.Transformer(*a, rngs=rngs),
        "hand": lambda hand, p, a: hand.Transformer(p, a[2]),
        "small": ((64, 32, 4, 2, 16), (tokens(2, 16, vocab=64),)),
        "large": ((1000, 256, 8, 4, 128), (tokens(8, 128, vocab=1000),)),
    },
}


def load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def transpile(fixture: str, out: Path) -> None:
    subprocess.run(
        [
            *DENO,
            "run",
            "-A",
            "tests/transpile_files.ts",
            str(FIXTURES / f"{fixture}.py"),
            str(out),
        ],
        cwd=ROOT,
        check=True,
    )


def leaves(tree):
    return (
        [x for t in tree for x in leaves(t)]
        if isinstance(tree, (tuple, list))
        else [tree]
    )


def assert_agrees(got, want, what: str) -> None:
    got, want = leaves(got), leaves(want)
    assert len(got) == len(want), what
    for g, w in zip(got, want):
        g, w = np.asarray(g), np.asarray(w)
        err = np.max(np.abs(g - w)) / max(np.max(np.abs(w)), 1e-6)
        assert g.shape == w.shape and err < 1e-4, f"{what}: relative error {err:.2e}"


def interleaved(fns, args, repeat: int, budget: float) -> list[float]:
    """Best time per call of each function on args, timed in turns."""
    for fn in fns:
        fn(*args)
    start = time.perf_counter()
    fns[0](*args)
    number = max(1, int(budget / max(time.perf_counter() - start, 1e-7)))
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            for _ in range(number):
                fn(*args)
            best[i] = min(best[i], (time.perf_counter() - start) / number)
    return best


def main() -> None:
    quick = "--quick" in sys.argv
    import jax
    import tensorflow as tf
    import torch
    from flax import nnx

    torch.set_num_threads(2)
    tf.config.threading.set_intra_op_parallelism_threads(2)
    tf.config.threading.set_inter_op_parallelism_threads(2)
    import hand_numpy
    import hand_tensorflow
    import hand_torch

    hands = {"torch": hand_torch, "tensorflow": hand_tensorflow, "numpy": hand_numpy}
    convert = {
        "torch": torch.from_numpy,
        "tensorflow": tf.constant,
        "numpy": lambda a: a,
    }
    out = Path(tempfile.mkdtemp(prefix="jaxlate_bench_"))
    rows = []
    for fixture, spec in MODELS.items():
        transpile(fixture, out / fixture)
        flax_mod = load(f"bench_flax_{fixture}", FIXTURES / f"{fixture}.py")
        for size in ("small", "large"):
            args, inputs = spec[size]
            reference = spec["build"](flax_mod, args, nnx.Rngs(0))
            want = jax.tree.map(np.asarray, reference(*inputs))
            params = jax.tree.map(
                np.asarray, nnx.state(reference, nnx.Param).to_pure_dict()
            )
            for target in ("torch", "tensorflow", "numpy"):
                gen_mod = load(
                    f"bench_{fixture}_{target}", out / fixture / f"{target}.py"
                )
                generated = gen_mod.load_flax_state(
                    spec["build"](gen_mod, args, gen_mod.Rngs(0)), reference
                )
                hand = spec["hand"](hands[target], params, args)
                x = [convert[target](a) for a in inputs]
                modes = {
                    "torch": ["eager"],
                    "tensorflow": ["eager", "tf.function"],
                    "numpy": ["-"],
                }[target]
                for mode in modes:
                    gen_fn, hand_fn = generated, hand
                    if mode == "tf.function":
                        gen_fn, hand_fn = tf.function(generated), tf.function(hand)
                    if target == "torch":
                        torch.set_grad_enabled(False)
                    for name, fn in (("generated", gen_fn), ("hand", hand_fn)):
                        assert_agrees(
                            jax.tree.map(np.asarray, fn(*x)),
                            want,
                            f"{fixture} {size} {target} {name}",
                        )
                    t_gen, t_hand = interleaved(
                        [gen_fn, hand_fn],
                        x,
                        repeat=3 if quick else 7,
                        budget=0.05 if quick else 0.2,
                    )
                    rows.append((fixture, size, target, mode, t_gen, t_hand))
                    print(
                        f"{fixture:<12}{size:<7}{target:<11}{mode:<12}{t_gen * 1e6:>10.1f}us{t_hand * 1e6:>10.1f}us{t_gen / t_hand:>7.2f}",
                        flush=True,
                    )
    print()
    print(
        f"torch {torch.__version__}, tensorflow {tf.__version__}, numpy {np.__version__}; 2 threads, CPU; load {os.getloadavg()[0]:.2f}"
    )
    print(
        f"{'model':<12}{'size':<7}{'target':<11}{'mode':<12}{'generated':>12}{'hand':>12}{'ratio':>7}"
    )
    for fixture, size, target, mode, t_gen, t_hand in rows:
        print(
            f"{fixture:<12}{size:<7}{target:<11}{mode:<12}{t_gen * 1e6:>10.1f}us{t_hand * 1e6:>10.1f}us{t_gen / t_hand:>7.2f}"
        )
    ratios = [t_gen / t_hand for *_, t_gen, t_hand in rows]
    print(
        f"worst generated/hand ratio {max(ratios):.2f}, geometric mean {np.exp(np.mean(np.log(ratios))):.2f}"
    )


if __name__ == "__main__":
    main()
