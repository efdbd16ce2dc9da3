"""Numerical checks of the function fixtures against their golden snapshots.

Every top-level function of every `fixtures/functions/*.py` runs with JAX and
with each target's snapshot (`snapshots/functions/<name>/<target>.py`,
imported by path) on the inputs declared in `FUNCTION_CASES` below, and must
give:

- the same pytree structure (tuples stay tuples, lists lists, dict keys),
- leaves of the target's array type with JAX's shape and dtype,
- the same values: integers and bools exactly; floats within a relative error
  of 1e-5, measured as ``max|target - jax| / max(max|jax|, 1e-6)``.

A meta test checks that every fixture under `fixtures/` has numerical cases,
here or in `MODEL_CASES` of `tests/python/test_models.py`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest
from jaxlate_testing import (
    ROOT,
    TARGETS,
    assert_ruff_clean,
    assert_trees_match,
    load_module,
    to_framework,
)

FIXTURES = ROOT / "fixtures"
SNAPSHOTS = ROOT / "snapshots"
RTOL = 1e-5


class Inputs:
    """Deterministic example inputs: one generator per case."""

    def __init__(self, seed: int = 0):
        self.rng = np.random.default_rng(seed)

    def f32(self, *shape: int) -> np.ndarray:
        return self.rng.standard_normal(shape).astype(np.float32)

    def i32(self, high: int, *shape: int) -> np.ndarray:
        return self.rng.integers(0, high, shape).astype(np.int32)


class Key:
    """A PRNG key: `jax.random.key(seed)` for JAX, the target's generator otherwise."""

    def __init__(self, seed: int):
        self.seed = seed


class Call:
    """The arguments of one call: arrays (NumPy, converted per framework) and Python values."""

    def __init__(self, *args, **kwargs):
        self.args = args
        self.kwargs = kwargs


def mlp_params(r) -> list:
    """Parameters of a 4 -> 6 -> 3 MLP as `pytree_mlp.init_params` builds them."""
    return [{"w": r.f32(4, 6), "b": r.f32(6)}, {"w": r.f32(6, 3), "b": r.f32(3)}]


# fixture path (relative to fixtures/) -> function name -> its example call
FUNCTION_CASES: dict[str, dict[str, object]] = {
    "functions/activations.py": {
        "leaky_relu": lambda r: Call(r.f32(4, 5)),
        "activations": lambda r: Call(r.f32(4, 5)),
        "swiglu": lambda r: Call(r.f32(2, 3), r.f32(3, 4), r.f32(3, 4)),
    },
    "functions/at_updates.py": {
        # a repeated index: `.at[idx].add` must accumulate
        "scatter_updates": lambda r: Call(r.f32(4, 5), np.array([3, 0, 3], np.int32)),
        "clamp_last_column": lambda r: Call(r.f32(3, 4, 5)),
        "gather_rows": lambda r: Call(r.f32(4, 5), np.array([2, 0, 2], np.int32)),
        # NaN among the values: JAX's min gives NaN where it lands
        "running_extremes": lambda r: Call(
            r.f32(4, 5),
            np.array([1, 3, 1], np.int32),
            np.array([np.nan, -0.5, 2.0, np.inf], np.float32),
        ),
    },
    "functions/attention.py": {
        "causal_mask": lambda r: Call(5),
        "dot_product_attention": lambda r: Call(
            r.f32(2, 5, 8),
            r.f32(2, 5, 8),
            r.f32(2, 5, 8),
            np.tril(np.ones((5, 5), bool)),
        ),
        "self_attention": lambda r: Call(
            r.f32(2, 5, 8), r.f32(8, 8), r.f32(8, 8), r.f32(8, 8)
        ),
    },
    # nnx.metrics: NaN before an update, masks, a reset, Welford's statistics
    "functions/nnx_metrics.py": {
        "average": lambda r: Call(r.f32(3, 4), r.f32(5)),
        "accuracy": lambda r: Call(r.f32(6, 4), r.i32(4, 6)),
        "binary_accuracy": lambda r: Call(r.f32(8), r.i32(2, 8)),
        "welford": lambda r: Call(r.f32(3, 4), r.f32(6)),
        "multi_metric": lambda r: Call(r.f32(6, 4), r.i32(4, 6), r.f32()),
    },
    "functions/einsum_ops.py": {
        "batched_matmul": lambda r: Call(r.f32(2, 3, 4), r.f32(2, 4, 5)),
        "bilinear": lambda r: Call(r.f32(3, 4), r.f32(4, 5), r.f32(3, 5)),
        "outer_and_trace": lambda r: Call(r.f32(4), r.f32(4)),
        "projections": lambda r: Call(r.f32(3, 4), r.f32(4, 2)),
    },
    # random draws: the streams differ from JAX's; shapes, dtypes and distributions must not
    "functions/init.py": {
        "lecun_normal": lambda r: Call(Key(0), 256, 512),
        "uniform_bias": lambda r: Call(Key(1), 20000, bound=0.25),
        "init_dense": lambda r: Call(0, 256, 4096),
        "dense_relu": lambda r: Call(r.f32(3, 4), r.f32(4, 5), r.f32(5)),
    },
    "functions/sampling.py": {
        "dropout_mask": lambda r: Call(Key(0), (200, 100), keep=0.7),
        "coin_flips": lambda r: Call(Key(1), np.abs(np.tanh(r.f32(20000)))),
        "sample_tokens": lambda r: Call(Key(2), 2.0 * r.f32(20000, 5), temperature=0.5),
        "crop_offsets": lambda r: Call(Key(3), 10000, 7),
        "shuffle_rows": lambda r: Call(Key(4), r.f32(5000, 3)),
        "shuffled_indices": lambda r: Call(Key(5), 5000),
        "truncated_init": lambda r: Call(Key(6), 200, 100),
        "one_sided": lambda r: Call(Key(7), 20000),
    },
    "functions/pytree_mlp.py": {
        "init_params": lambda r: Call(Key(0), [256, 512, 64]),
        "forward": lambda r: Call(mlp_params(r), r.f32(5, 4)),
        "loss": lambda r: Call(mlp_params(r), r.f32(5, 4), r.i32(3, 5)),
        "sgd": lambda r: Call(mlp_params(r), mlp_params(r), lr=0.05),
        "l2": lambda r: Call(mlp_params(r)),
    },
    "functions/nnx_transforms.py": {
        "running_sums": lambda r: Call(r.f32(5, 3)),
        "decayed_trace": lambda r: Call(r.f32(4, 3), r.f32(4, 1), decay=0.5),
        "reversed_prefix_max": lambda r: Call(r.f32(6, 2)),
        "scaled_rows": lambda r: Call(r.f32(4, 3), r.f32(3)),
        "row_outer_products": lambda r: Call(r.f32(4, 3), r.f32(2, 4)),
    },
    "functions/control_flow.py": {
        "cumulative_sum": lambda r: Call(r.f32(5, 3)),
        "discounted_returns": lambda r: Call(r.f32(6, 2), gamma=0.5),
        "power_iteration": lambda r: Call(r.f32(4, 4), r.f32(4, 1)),
        "rnn": lambda r: Call(r.f32(3, 3), r.f32(2, 3), r.f32(6, 5, 2), r.f32(5, 3)),
        "count_halvings": lambda r: Call(r.f32(3, 4)),
        "clipped_update": lambda r: Call(
            {"w": r.f32(4, 3), "b": r.f32(3)}, {"w": r.f32(4, 3), "b": r.f32(3)}
        ),
        "activation": lambda r: Call(r.f32(3, 4), 2),
    },
    "functions/jit_static.py": {
        "normalize": lambda r: Call(r.f32(3, 4), axis=0),
        "one_hot_counts": lambda r: Call(r.i32(5, 7), num_classes=5),
        "cosine_similarity": lambda r: Call(r.f32(3, 4), r.f32(3, 4)),
    },
    "functions/losses.py": {
        "cross_entropy": lambda r: Call(r.f32(6, 4), r.i32(4, 6)),
        "mean_squared_error": lambda r: Call(r.f32(6, 4), r.f32(6, 4)),
        "huber": lambda r: Call(2.0 * r.f32(6, 4), r.f32(6, 4)),
        "accuracy": lambda r: Call(r.f32(6, 4), r.i32(4, 6)),
    },
    "functions/reductions.py": {
        "summary_stats": lambda r: Call(r.f32(3, 4, 5)),
        "method_reductions": lambda r: Call(r.f32(3, 4)),
        "argmax_and_cumsum": lambda r: Call(r.f32(3, 4)),
        "standardize": lambda r: Call(r.f32(3, 8)),
    },
    "functions/seed_example.py": {
        "layer_norm": lambda r: Call(r.f32(4, 6), r.f32(6), r.f32(6)),
        "mlp_forward": lambda r: Call(
            r.f32(4, 3),
            r.f32(3, 6),
            r.f32(6),
            r.f32(6, 2),
            r.f32(2),
            r.f32(6),
            r.f32(6),
        ),
    },
    "functions/shapes.py": {
        "reshape_and_transpose": lambda r: Call(r.f32(2, 3, 4)),
        "expand_and_squeeze": lambda r: Call(r.f32(3)),
        "join_and_split": lambda r: Call(r.f32(2, 4), r.f32(2, 4)),
        "ellipsis_indexing": lambda r: Call(r.f32(3, 4, 5)),
        "pad_and_flatten": lambda r: Call(r.f32(2, 3)),
    },
}

# functions whose results are random: compared by shape, dtype, range, mean and standard deviation
RANDOM_FUNCTIONS = {
    ("functions/init.py", "lecun_normal"),
    ("functions/init.py", "uniform_bias"),
    ("functions/init.py", "init_dense"),
    ("functions/pytree_mlp.py", "init_params"),
    *(
        ("functions/sampling.py", name)
        for name in (
            "dropout_mask",
            "coin_flips",
            "sample_tokens",
            "crop_offsets",
            "shuffle_rows",
            "shuffled_indices",
            "truncated_init",
            "one_sided",
        )
    ),
}


_loaded: dict[Path, object] = {}


def module_at(path: Path):
    if path not in _loaded:
        name = "jaxlate_fixture_" + "_".join(
            path.relative_to(ROOT).with_suffix("").parts
        )
        _loaded[path] = load_module(name, path)
    return _loaded[path]


def convert(framework: str, value):
    """NumPy arrays as the framework's arrays, keys as its generators, inside
    lists, tuples and dicts too (pytrees); Python values unchanged."""
    if isinstance(value, Key):
        return make_key(framework, value.seed)
    if isinstance(value, (list, tuple)):
        return type(value)(convert(framework, item) for item in value)
    if isinstance(value, dict):
        return {k: convert(framework, item) for k, item in value.items()}
    if not isinstance(value, np.ndarray):
        return value
    return to_framework(framework, value)


def make_key(framework: str, seed: int):
    if framework == "jax":
        import jax

        return jax.random.key(seed)
    if framework == "torch":
        import torch

        return torch.Generator().manual_seed(seed)
    if framework == "tensorflow":
        import keras

        return keras.random.SeedGenerator(seed)
    return np.random.default_rng(seed)


def run(framework: str, module, function: str, case) -> object:
    call = case(Inputs())
    args = [convert(framework, a) for a in call.args]
    kwargs = {k: convert(framework, v) for k, v in call.kwargs.items()}
    return getattr(module, function)(*args, **kwargs)


def snapshot_of(fixture: str, target: str) -> Path:
    return SNAPSHOTS / Path(fixture).with_suffix("") / f"{target}.py"


def case_params():
    return [
        pytest.param(fixture, function, target, id=f"{fixture}::{function}-{target}")
        for fixture, functions in FUNCTION_CASES.items()
        for function in functions
        for target in TARGETS
    ]


@pytest.mark.parametrize(("fixture", "function", "target"), case_params())
def test_fixture_function(fixture: str, function: str, target: str) -> None:
    case = FUNCTION_CASES[fixture][function]
    snapshot = snapshot_of(fixture, target)
    assert snapshot.exists(), f"{snapshot} is missing: run `deno task update`"
    want = run("jax", module_at(FIXTURES / fixture), function, case)
    got = run(target, module_at(snapshot), function, case)
    random = (fixture, function) in RANDOM_FUNCTIONS
    compare = check_same_distribution if random else None
    assert_trees_match(got, want, target, f"{fixture}::{function}", RTOL, compare)


def check_same_distribution(got: np.ndarray, want: np.ndarray, where: str) -> None:
    """Two large samples of one distribution: same range, and means and spreads
    within 5 standard errors of their difference."""
    assert np.all(np.isfinite(got)), f"{where}: non-finite draws"
    std = float(want.std())
    low, high = want.min() - 6 * std, want.max() + 6 * std
    assert low <= got.min() and got.max() <= high, f"{where}: range"
    tolerance = 5 * np.sqrt(2) * std / np.sqrt(want.size)
    mean_gap = abs(float(got.mean()) - float(want.mean()))
    assert mean_gap <= tolerance, f"{where}: means differ by {mean_gap:.3g}"
    std_gap = abs(float(got.std()) - std)
    assert std_gap <= tolerance, f"{where}: standard deviations differ by {std_gap:.3g}"


def model_cases() -> dict:
    """`MODEL_CASES` of tests/python/test_models.py, or {} while that file does not exist."""
    path = Path(__file__).with_name("test_models.py")
    if not path.exists():
        return {}
    return getattr(module_at(path), "MODEL_CASES", {})


def package_modules() -> set[str]:
    """The modules of the packages `PACKAGE_CASES` of tests/python/test_packages.py checks."""
    path = Path(__file__).with_name("test_packages.py")
    cases = getattr(module_at(path), "PACKAGE_CASES", {}) if path.exists() else {}
    return {
        p.relative_to(FIXTURES).as_posix()
        for name in cases
        for p in (FIXTURES / "packages" / name).glob("*.py")
    }


def training_cases() -> dict:
    """`TRAINING_CASES`, `GRAD_CASES`, `FUNCTIONAL_CASES` and `LOOP_CASES` of tests/python/test_training.py."""
    mod = module_at(Path(__file__).with_name("test_training.py"))
    return {
        **mod.TRAINING_CASES,
        **mod.GRAD_CASES,
        **mod.FUNCTIONAL_CASES,
        **mod.LOOP_CASES,
    }


def test_every_fixture_has_numerical_cases() -> None:
    covered = (
        set(FUNCTION_CASES)
        | set(model_cases())
        | package_modules()
        | set(training_cases())
    )
    fixtures = sorted(
        p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*.py")
    )
    uncovered = [f for f in fixtures if f not in covered]
    assert not uncovered, (
        "fixtures without numerical cases (add them to FUNCTION_CASES in tests/python/test_fixtures.py, "
        "MODEL_CASES in tests/python/test_models.py, PACKAGE_CASES in tests/python/test_packages.py, "
        "or TRAINING_CASES in tests/python/test_training.py): "
        f"{uncovered}"
    )
    stale = sorted(set(FUNCTION_CASES) - set(fixtures))
    assert not stale, f"FUNCTION_CASES names fixtures that do not exist: {stale}"


@pytest.mark.parametrize("fixture", sorted(FUNCTION_CASES))
def test_every_function_has_a_case(fixture: str) -> None:
    tree = ast.parse((FIXTURES / fixture).read_text())
    functions = {
        s.name
        for s in tree.body
        if isinstance(s, ast.FunctionDef) and not s.name.startswith("_")
    }
    missing = sorted(functions - set(FUNCTION_CASES[fixture]))
    assert not missing, (
        f"{fixture}: functions without a case in FUNCTION_CASES: {missing}"
    )


def ruff_params():
    # a package's snapshots are linted laid out as the package, by tests/python/test_packages.py:
    # ruff sorts a package's own imports into a section of their own
    return [
        path.relative_to(SNAPSHOTS).as_posix()
        for path in sorted(SNAPSHOTS.rglob("*.py"))
        if not path.relative_to(SNAPSHOTS).as_posix().startswith("packages/")
    ]


@pytest.mark.parametrize("snapshot", ruff_params())
def test_snapshot_is_ruff_clean(snapshot: str) -> None:
    assert_ruff_clean(SNAPSHOTS / snapshot)
