"""Numerical checks of training code: optax optimizers, nnx.Optimizer and
nnx.value_and_grad train steps, on torch and TensorFlow.

- The training fixtures (`fixtures/training/`, `TRAINING_CASES`): the Flax
  model and the transpiled one (its snapshot, weights copied with
  `load_flax_state`) take the same train steps on the same batches; each
  step's outputs (loss, accuracy) and, after the last step, the parameters (all
  together, relative to the largest) and the model's outputs must equal Flax's
  within 1e-5. Parameters are compared by loading the trained Flax state into a fresh
  transpiled model, so that the documented layout conversion maps them.
  NumPy has no autodiff: its snapshot is the diagnostics naming each API.
- Every optimizer's hyperparameters (`OPTIMIZERS`): a Param under
  `sum(c * sin(w))` with gradients from 1e-5 to 1 takes 6 steps under optax
  and on each target; the parameters after each step must agree within the
  case's tolerance, ``max|target - jax| / max|jax|``. Chains of
  `clip_by_global_norm` / `add_decayed_weights` before an optimizer included.
- `nnx.grad` / `nnx.value_and_grad` (`GRAD_CASES`) against Flax's, a module's
  gradients as the target gives them (torch: a dict by name; Keras: a list).
- Functional training loops (`FUNCTIONAL_CASES`: `tx.init(params)`,
  `tx.update(grads, state, params)`, `optax.apply_updates` over parameter
  pytrees, with `jax.value_and_grad`): the fixture's snapshot takes the same
  steps as JAX from the same parameters; each step's loss and parameters must
  equal JAX's within 1e-5. NumPy's snapshot is the diagnostic for the gradient.
- Every functional transform (`FUNCTIONAL`), on every target, NumPy included:
  6 updates of a parameter dict by given gradients from 1e-5 to 1 must equal
  optax's within 1e-6.
- What the targets cannot express is a diagnostic naming it (`UNSUPPORTED`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
from jaxlate_testing import ROOT, assert_trees_match, deno_run, load_module, to_numpy

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

FIXTURES = ROOT / "fixtures"
SNAPSHOTS = ROOT / "snapshots"
AUTODIFF_TARGETS = ("torch", "tensorflow")
STEPS = 4


def normal(*shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def labels(n, classes, seed=0):
    return np.random.default_rng(seed).integers(0, classes, n).astype(np.int32)


# fixture -> build(module, rngs), the batches of each step, and the step's outputs to compare
TRAINING_CASES = {
    "training/nnx_adamw.py": {
        "build": lambda m, rngs: m.MLP(3, 8, 2, rngs=rngs),
        "batch": lambda step: (normal(6, 3, seed=step), normal(6, 2, seed=10 + step)),
        "eval": "eval_step",
    },
    "training/cnn_classifier.py": {
        "build": lambda m, rngs: m.CNN(rngs=rngs),
        "batch": lambda step: (normal(5, 8, 8, 1, seed=step), labels(5, 10, seed=step)),
    },
    # nnx.Optimizer over optax's own update (TransformOptimizer)
    "training/nnx_lion.py": {
        "build": lambda m, rngs: m.MLP(3, 8, 2, rngs=rngs),
        "batch": lambda step: (
            normal(6, 3, seed=step) * 4.0,
            normal(6, 2, seed=10 + step),
        ),
    },
    # adafactor: fc1's kernel (3, 8) and fc2's (8, 3) factored
    "training/nnx_adafactor.py": {
        "build": lambda m, rngs: m.MLP(3, 8, 3, rngs=rngs),
        "batch": lambda step: (normal(6, 3, seed=step), normal(6, 3, seed=10 + step)),
    },
    # MultiSteps(every_k_schedule=2): 3 updates of adamw in 6 steps
    "training/nnx_multi_steps.py": {
        "build": lambda m, rngs: m.MLP(3, 8, 2, rngs=rngs),
        "batch": lambda step: (normal(6, 3, seed=step), normal(6, 2, seed=10 + step)),
        "steps": 6,
    },
}


def relative_error(got, want) -> float:
    got, want = to_numpy(got).astype(np.float64), to_numpy(want).astype(np.float64)
    assert got.shape == want.shape, f"shapes {got.shape} != {want.shape}"
    return float(np.max(np.abs(got - want)) / max(np.max(np.abs(want)), 1e-6))


def framework_array(target: str, a: np.ndarray):
    if target == "jax":
        import jax.numpy as jnp

        return jnp.asarray(a)
    if target == "numpy":
        return a
    if target == "torch":
        import torch

        return torch.tensor(a)
    import tensorflow as tf

    return tf.constant(a)


def target_parameters(model, target: str) -> list[np.ndarray]:
    if target == "torch":
        return [to_numpy(p) for _, p in sorted(model.named_parameters())]
    return [to_numpy(v) for v in model.trainable_variables]


@pytest.mark.parametrize("target", [*AUTODIFF_TARGETS, "tensorflow under tf.function"])
@pytest.mark.parametrize("fixture", sorted(TRAINING_CASES))
def test_training_fixture(fixture: str, target: str) -> None:
    """Train steps from Flax's weights give Flax's losses, parameters and outputs; on
    TensorFlow also as a `tf.function` (a Keras user's compiled train step; a
    TransformOptimizer's update is then a tf.py_function, run at each call)."""
    from flax import nnx

    compiled = target.endswith("tf.function")
    target = target.split()[0]

    case = TRAINING_CASES[fixture]
    name = fixture.removesuffix(".py")
    jax_mod = load_module(f"jax_{name.replace('/', '_')}", FIXTURES / fixture)
    mod = load_module(
        f"{target}_{name.replace('/', '_')}", SNAPSHOTS / name / f"{target}.py"
    )
    flax_model = case["build"](jax_mod, nnx.Rngs(0))
    model = mod.load_flax_state(case["build"](mod, mod.Rngs(0)), flax_model)
    flax_optimizer = jax_mod.make_optimizer(flax_model)
    optimizer = mod.make_optimizer(model)
    train_step = mod.train_step
    if compiled:
        import tensorflow as tf

        train_step = tf.function(train_step)
    steps = case.get("steps", STEPS)
    for step in range(steps):
        batch = case["batch"](step)
        want = jax_mod.train_step(
            flax_model, flax_optimizer, *[framework_array("jax", a) for a in batch]
        )
        got = train_step(model, optimizer, *[framework_array(target, a) for a in batch])
        for w, g in zip(
            np.atleast_1d(want) if not isinstance(want, tuple) else want,
            np.atleast_1d(got) if not isinstance(got, tuple) else got,
            strict=True,
        ):
            assert relative_error(g, w) <= 1e-5, f"step {step}: {g} != {w}"
    # every parameter together, relative to the largest (as one output is): a bias of
    # 1e-3 is not judged on its own rounding
    trained = mod.load_flax_state(case["build"](mod, mod.Rngs(1)), flax_model)
    got = np.concatenate([p.ravel() for p in target_parameters(model, target)])
    want = np.concatenate([p.ravel() for p in target_parameters(trained, target)])
    assert relative_error(got, want) <= 1e-5, "parameters differ after training"
    batch = case["batch"](steps)
    out = model(framework_array(target, batch[0]))
    want = flax_model(framework_array("jax", batch[0]))
    assert relative_error(out, want) <= 1e-5, "outputs of the trained models differ"
    if "eval" in case:
        got = getattr(mod, case["eval"])(
            model, *[framework_array(target, a) for a in batch]
        )
        want = getattr(jax_mod, case["eval"])(
            flax_model, *[framework_array("jax", a) for a in batch]
        )
        assert relative_error(got, want) <= 1e-5


# fixtures/training/metrics_loop.py: epochs of the tutorial's loop (batches per phase)
LOOP_CASES = {
    "training/metrics_loop.py": {
        "build": lambda m, rngs: m.MLP(4, 8, 3, rngs=rngs),
        "train": lambda epoch: [
            (normal(6, 4, seed=10 * epoch + k), labels(6, 3, seed=10 * epoch + k))
            for k in range(3)
        ],
        "test": lambda epoch: [
            (normal(5, 4, seed=100 + epoch + k), labels(5, 3, seed=100 + k))
            for k in range(2)
        ],
        "epochs": 2,
    }
}


# fixtures/training/nnx_grads.py: function -> its inputs (a module argument is built in both frameworks)
GRAD_CASES = {
    "training/nnx_grads.py": {
        "value_and_grad_of_array": lambda: (normal(3, 4),),
        "value_and_grad_of_two": lambda: (normal(3, 4), normal(3, 4, seed=1)),
        "grad_with_aux": lambda: (normal(3, 4), normal(3, 4, seed=1)),
        "module_value_and_grad": lambda: ("Scale", normal(2, 5)),
        "module_grad": lambda: ("Scale", normal(2, 5)),
    }
}


def as_target_gradients(tree, names):
    """Flax gradients (an nnx.State of a flat module) as the target gives them: a
    dict by name (torch, `names` None) or a list in the Keras layer's variable order."""
    if hasattr(tree, "to_pure_dict"):
        pure = tree.to_pure_dict()
        return pure if names is None else [pure[n] for n in names]
    if isinstance(tree, tuple):
        return tuple(as_target_gradients(t, names) for t in tree)
    return tree


@pytest.mark.parametrize("target", AUTODIFF_TARGETS)
@pytest.mark.parametrize(
    ("fixture", "function"),
    [(f, fn) for f, cases in sorted(GRAD_CASES.items()) for fn in cases],
)
def test_gradients(fixture: str, function: str, target: str) -> None:
    from flax import nnx

    name = fixture.removesuffix(".py")
    jax_mod = load_module(f"jax_{name.replace('/', '_')}", FIXTURES / fixture)
    mod = load_module(
        f"{target}_{name.replace('/', '_')}", SNAPSHOTS / name / f"{target}.py"
    )
    inputs = GRAD_CASES[fixture][function]()
    jax_args = [
        getattr(jax_mod, a)(5) if isinstance(a, str) else framework_array("jax", a)
        for a in inputs
    ]
    args = [
        getattr(mod, a)(5) if isinstance(a, str) else framework_array(target, a)
        for a in inputs
    ]
    # Keras tracks a layer's variables in the order its attributes were set
    modules = [a for a in jax_args if isinstance(a, nnx.Module)]
    names = None
    if target == "tensorflow" and modules:
        names = [k for k, v in vars(modules[0]).items() if isinstance(v, nnx.Param)]
    want = as_target_gradients(getattr(jax_mod, function)(*jax_args), names)
    got = getattr(mod, function)(*args)
    assert_trees_match(got, want, target, function, 1e-5)


@pytest.mark.parametrize(
    "fixture", sorted({**TRAINING_CASES, **GRAD_CASES, **LOOP_CASES})
)
def test_numpy_names_the_training_apis(fixture: str) -> None:
    text = (
        SNAPSHOTS / fixture.removesuffix(".py") / "numpy.diagnostics.txt"
    ).read_text()
    assert "NumPy has no automatic differentiation" in text
    assert "`nnx.value_and_grad`" in text


# functional fixtures -> the batches of each step (parameters from the fixture's init_params)
FUNCTIONAL_CASES = {
    "training/functional_adam.py": lambda step: (
        normal(6, 3, seed=step),
        normal(6, 2, seed=10 + step),
    ),
    "training/clipped_sgd.py": lambda step: (
        normal(5, 3, seed=step) * 3.0,
        normal(5, 2, seed=10 + step),
    ),
}


@pytest.mark.parametrize("target", AUTODIFF_TARGETS)
@pytest.mark.parametrize("fixture", sorted(FUNCTIONAL_CASES))
def test_functional_training(fixture: str, target: str) -> None:
    name = fixture.removesuffix(".py")
    jax_mod = load_module(f"jax_{name.replace('/', '_')}", FIXTURES / fixture)
    mod = load_module(
        f"{target}_{name.replace('/', '_')}", SNAPSHOTS / name / f"{target}.py"
    )
    want_params = jax_mod.init_params()
    params = mod.init_params()
    want_state, state = jax_mod.init_state(want_params), mod.init_state(params)
    for step in range(STEPS):
        batch = FUNCTIONAL_CASES[fixture](step)
        want_params, want_state, want_loss = jax_mod.train_step(
            want_params, want_state, *[framework_array("jax", a) for a in batch]
        )
        params, state, loss = mod.train_step(
            params, state, *[framework_array(target, a) for a in batch]
        )
        assert relative_error(loss, want_loss) <= 1e-5, f"step {step}: loss"
        assert_trees_match(params, want_params, target, f"step {step}", 1e-5)


def test_numpy_names_the_gradient_of_a_functional_loop() -> None:
    for fixture in FUNCTIONAL_CASES:
        text = (
            SNAPSHOTS / fixture.removesuffix(".py") / "numpy.diagnostics.txt"
        ).read_text()
        assert "NumPy has no automatic differentiation" in text
        assert "`value_and_grad`" in text


# functional optax transform expressions, updated by given gradients on every target
FUNCTIONAL = [
    "optax.sgd(0.1)",
    "optax.sgd(0.1, momentum=0.9, nesterov=True)",
    "optax.sgd(optax.exponential_decay(0.1, 2, 0.5), momentum=0.9)",
    "optax.adam(0.01)",
    "optax.adam(optax.cosine_decay_schedule(0.01, 4), b1=0.8, b2=0.99, eps=1e-06, eps_root=1e-08)",
    "optax.adamw(0.01, weight_decay=0.1)",
    "optax.adam(0.01, b1=0.8, nesterov=True)",
    "optax.adamw(optax.exponential_decay(0.01, 2, 0.5), weight_decay=0.1, nesterov=True)",
    "optax.adamw(0.01, weight_decay=0.1, mask={'w': True, 'b': [False, True]})",
    "optax.adamw(0.01, weight_decay=0.1, mask=lambda p: jax.tree_util.tree_map(lambda x: x.ndim > 1, p))",
    "optax.chain(optax.clip_by_global_norm(0.5), optax.sgd(0.1, momentum=0.9))",
    "optax.chain(optax.clip(0.01), optax.scale(-0.5))",
    "optax.chain(optax.add_decayed_weights(0.1), optax.scale_by_schedule(optax.linear_schedule(-0.1, -0.01, 4)))",
    "optax.adabelief(0.01)",
    "optax.adabelief(0.01, nesterov=True)",
    "optax.adabelief(optax.linear_schedule(0.01, 0.001, 4), b1=0.8, eps=1e-08)",
    "optax.lion(0.01)",
    "optax.lion(0.01, b1=0.8, b2=0.9, weight_decay=0.1, mask={'w': False, 'b': [True, True]})",
    "optax.lamb(0.01)",
    "optax.lamb(0.01, weight_decay=0.1, eps=1e-08)",
    "optax.inject_hyperparams(optax.adam)(learning_rate=optax.linear_schedule(0.1, 0.01, 4), b1=0.8)",
    "optax.inject_hyperparams(optax.sgd)(0.1, momentum=0.9)",
    "optax.chain(optax.clip(0.5), optax.inject_hyperparams(optax.lion)(0.01, weight_decay=0.0))",
    "optax.MultiSteps(optax.adam(0.01), every_k_schedule=3)",
    "optax.MultiSteps(optax.sgd(0.1, momentum=0.9), every_k_schedule=2, use_grad_mean=False)",
    # the first moment kept in float16, as optax keeps it (b1 * m rounded to float16 too; NumPy has no bfloat16,
    # which TRANSFORM_OPTIMIZERS checks on torch and TensorFlow)
    "optax.adam(0.01, mu_dtype=jnp.float16)",
    "optax.adamw(0.01, b1=0.8, mu_dtype=jnp.float16, weight_decay=0.1, nesterov=True)",
    "optax.lion(0.01, mu_dtype=jnp.float16)",
    # optax's defaults: w (4, 5) is not factored (min_dim_size_to_factor=128), clipping 1.0, parameter scale
    "optax.adafactor(0.1)",
    "optax.adafactor()",
    # factored second moments of w (4, 5) (the b leaves have one axis: unfactored)
    "optax.adafactor(0.1, min_dim_size_to_factor=4, decay_rate=0.5, decay_offset=-3, clipping_threshold=None)",
    (
        "optax.adafactor(optax.linear_schedule(0.1, 0.01, 4), min_dim_size_to_factor=2, momentum=0.9, "
        "weight_decay_rate=0.1, weight_decay_mask={'w': True, 'b': [False, True]}, "
        "multiply_by_parameter_scale=False, eps=1e-20)"
    ),
    "optax.adafactor(0.05, min_dim_size_to_factor=2, factored=False, clipping_threshold=0.5)",
    "optax.inject_hyperparams(optax.adafactor)(learning_rate=0.1, min_dim_size_to_factor=2)",
]

FUNCTIONAL_SOURCE = """
import jax
import jax.numpy as jnp
import optax
"""

# the n-th case: its transform updates params by each of grads in turn
FUNCTIONAL_RUN = """

def run_{n}(params, grads):
    tx = {expression}
    state = tx.init(params)
    out = []
    for g in grads:
        updates, state = tx.update(g, state, params)
        params = optax.apply_updates(params, updates)
        out.append(params)
    return out
"""


@pytest.fixture(scope="module")
def functional_modules() -> dict:
    """The FUNCTIONAL cases as one JAX module (`make_<n>` for the n-th) and its translations."""
    out = Path(tempfile.mkdtemp(prefix="jaxlate_functional_"))
    source = out / "functional.py"
    source.write_text(
        FUNCTIONAL_SOURCE
        + "".join(
            FUNCTIONAL_RUN.format(n=n, expression=e) for n, e in enumerate(FUNCTIONAL)
        )
    )
    proc = deno_run("tests/transpile_files.ts", str(source), str(out))
    modules = {"jax": load_module("jax_functional", source)}
    for target in ("torch", "tensorflow", "numpy"):
        path = out / f"{target}.py"
        assert path.exists(), proc.stderr
        modules[target] = load_module(f"{target}_functional", path)
    return modules


def functional_tree(framework: str, seed: int, scale: float = 1.0):
    """A parameter dict {'w': (4, 5), 'b': [(5,), (3,)]}; as gradients, magnitudes from 1e-5 to 1."""
    rng = np.random.default_rng(seed)

    def leaf(*shape):
        a = rng.standard_normal(shape).astype(np.float32)
        if scale != 1.0:
            a = (np.sign(a) * np.logspace(-5, 0, a.size).reshape(shape)).astype(
                np.float32
            )
        return framework_array(framework, a)

    return {"w": leaf(4, 5), "b": [leaf(5), leaf(3)]}


@pytest.mark.parametrize("target", ("torch", "tensorflow", "numpy"))
@pytest.mark.parametrize("expression", FUNCTIONAL)
def test_functional_transforms(
    functional_modules, expression: str, target: str
) -> None:
    import jax

    n = FUNCTIONAL.index(expression)
    jax_mod, mod = functional_modules["jax"], functional_modules[target]

    def run(framework, module):
        grads = [functional_tree(framework, 10 + k, scale=0.5) for k in range(6)]
        return getattr(module, f"run_{n}")(functional_tree(framework, 1), grads)

    want, got = run("jax", jax_mod), run(target, mod)
    for step, (g, w) in enumerate(zip(got, want, strict=True)):
        g_leaves, w_leaves = jax.tree_util.tree_leaves(g), jax.tree_util.tree_leaves(w)
        error = relative_error(
            np.concatenate([to_numpy(x).ravel() for x in g_leaves]),
            np.concatenate([np.asarray(x).ravel() for x in w_leaves]),
        )
        assert error <= 1e-6, f"step {step}: parameters differ by {error:.2e}"


INJECTED_SOURCE = """
import optax


def run(params, grads):
    tx = optax.inject_hyperparams(optax.adamw)(learning_rate=0.1, b1=0.8, weight_decay=0.1)
    state = tx.init(params)
    out = []
    for k, g in enumerate(grads):
        if k == 2:
            state.hyperparams["learning_rate"] = 0.01
            state.hyperparams["b1"] = 0.5
        updates, state = tx.update(g, state, params)
        params = optax.apply_updates(params, updates)
        out.append(params)
    return out, state.hyperparams["learning_rate"]
"""


def test_injected_hyperparams_are_set_in_the_state(tmp_path: Path) -> None:
    """A hyperparameter set in the state of an inject_hyperparams transform applies from the next update."""
    import jax

    source = tmp_path / "injected.py"
    source.write_text(INJECTED_SOURCE)
    proc = deno_run("tests/transpile_files.ts", str(source), str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    grads = lambda framework: [
        functional_tree(framework, 10 + k, 0.5) for k in range(5)
    ]
    want, want_lr = load_module("jax_injected", source).run(
        functional_tree("jax", 1), grads("jax")
    )
    for target in ("torch", "tensorflow", "numpy"):
        mod = load_module(f"{target}_injected", tmp_path / f"{target}.py")
        got, lr = mod.run(functional_tree(target, 1), grads(target))
        assert relative_error(lr, want_lr) == 0.0
        for step, (g, w) in enumerate(zip(got, want, strict=True)):
            error = relative_error(
                np.concatenate(
                    [to_numpy(x).ravel() for x in jax.tree_util.tree_leaves(g)]
                ),
                np.concatenate(
                    [np.asarray(x).ravel() for x in jax.tree_util.tree_leaves(w)]
                ),
            )
            assert error <= 1e-6, f"{target} step {step}: {error:.2e}"


# optax optimizer expression -> {target: rtol of the parameters after each step}
OPTIMIZERS = {
    "optax.sgd(0.1)": {"torch": 1e-6, "tensorflow": 1e-6},
    "optax.sgd(0.1, momentum=0.9)": {"torch": 1e-6, "tensorflow": 1e-6},
    "optax.sgd(0.1, momentum=0.8, nesterov=True)": {"torch": 1e-6, "tensorflow": 1e-6},
    "optax.sgd(optax.exponential_decay(0.1, 2, 0.5), momentum=0.9)": {
        "torch": 1e-6,
        "tensorflow": 1e-6,
    },
    "optax.adam(0.01)": {"torch": 1e-6, "tensorflow": 1e-6},
    "optax.adam(0.01, b1=0.8, b2=0.99, eps=1e-06)": {
        "torch": 1e-6,
        "tensorflow": 1e-6,
    },
    "optax.adamw(0.01)": {"torch": 1e-6, "tensorflow": 1e-6},
    "optax.adamw(0.01, weight_decay=0.1)": {"torch": 1e-6, "tensorflow": 1e-6},
    "optax.adamw(optax.cosine_decay_schedule(0.01, 4), weight_decay=0.1)": {
        "torch": 1e-6,
        "tensorflow": 1e-6,
    },
    "optax.chain(optax.clip_by_global_norm(0.5), optax.adam(0.01))": {
        "torch": 1e-6,
        "tensorflow": 1e-6,
    },
    "optax.chain(optax.add_decayed_weights(0.1), optax.sgd(0.1, momentum=0.9))": {
        "torch": 1e-6,
        "tensorflow": 1e-6,
    },
    "optax.chain(optax.clip_by_global_norm(1e-3), optax.add_decayed_weights(0.01), "
    "optax.adamw(optax.exponential_decay(0.01, 2, 0.5)))": {
        "torch": 1e-6,
        "tensorflow": 1e-6,
    },
    "optax.adagrad(0.1)": {"torch": 1e-6, "tensorflow": 1e-6},
    "optax.adagrad(optax.linear_schedule(0.1, 0.01, 4), initial_accumulator_value=0.5, eps=1e-6)": {
        "torch": 1e-6,
        "tensorflow": 1e-6,
    },
    # torch.optim.RMSprop adds eps after the square root, Keras inside it (optax's default)
    "optax.rmsprop(0.01, decay=0.8, eps_in_sqrt=False)": {"torch": 1e-6},
    "optax.rmsprop(0.01)": {"tensorflow": 1e-6},
    "optax.rmsprop(optax.linear_schedule(0.01, 0.001, 5), decay=0.95, eps=1e-06)": {
        "tensorflow": 1e-6
    },
}

OPTIMIZER_SOURCE = """
import jax
import jax.numpy as jnp
import optax
from flax import nnx


class Weights(nnx.Module):
    def __init__(self, w):
        self.w = nnx.Param(w)


def loss_fn(model: Weights, c):
    return jnp.sum(c * jnp.sin(model.w))


def train_step(model, optimizer, c):
    loss, grads = nnx.value_and_grad(loss_fn)(model, c)
    optimizer.update(model, grads)
    return loss
"""


def target_expressions(target: str) -> list[str]:
    return [e for e, rtols in OPTIMIZERS.items() if target in rtols]


def optimizer_module(out: Path, target: str, expressions: list[str], name: str):
    """The optimizer expressions as one JAX module (`make_<n>` for the n-th), and its translation to target."""
    makers = "".join(
        f"\n\ndef make_{n}(model):\n    return nnx.Optimizer(model, {e}, wrt=nnx.Param)\n"
        for n, e in enumerate(expressions)
    )
    source = out / target / f"{name}.py"
    source.parent.mkdir(parents=True)
    source.write_text(OPTIMIZER_SOURCE + makers)
    proc = deno_run("tests/transpile_files.ts", str(source), str(source.parent))
    path = source.parent / f"{target}.py"
    assert path.exists(), proc.stderr
    return (
        load_module(f"jax_{name}_{target}", source),
        load_module(f"{target}_{name}", path),
    )


@pytest.fixture(scope="module")
def optimizer_modules() -> dict:
    """Per target, its optimizer cases as one JAX module and its translation."""
    out = Path(tempfile.mkdtemp(prefix="jaxlate_optimizers_"))
    return {
        target: optimizer_module(out, target, target_expressions(target), "optimizers")
        for target in AUTODIFF_TARGETS
    }


def optimizer_params():
    for expression, rtols in OPTIMIZERS.items():
        for target, rtol in rtols.items():
            yield pytest.param(expression, target, rtol, id=f"{target}-{expression}")


@pytest.mark.parametrize(("expression", "target", "rtol"), list(optimizer_params()))
def test_optimizer_hyperparameters(
    optimizer_modules, expression: str, target: str, rtol: float
) -> None:
    n = target_expressions(target).index(expression)
    check_optimizer(*optimizer_modules[target], n, target, rtol)


# nnx.Optimizer over transforms no target optimizer class computes as optax does: TransformOptimizer, optax's
# own update (the functional transforms), on torch and TensorFlow, 6 steps within 1e-6 of optax's parameters
TRANSFORM_OPTIMIZERS = [
    "optax.chain(optax.clip_by_global_norm(1.0), optax.lion(1e-3))",
    "optax.lion(0.01, b1=0.8, weight_decay=0.1)",
    "optax.lamb(0.01, weight_decay=0.1)",
    "optax.adabelief(optax.linear_schedule(0.01, 0.001, 4))",
    "optax.adamw(0.01, weight_decay=0.1, mask=lambda p: jax.tree.map(lambda x: x.ndim > 1, p))",
    "optax.adam(0.01, eps_root=1e-08)",
    "optax.adam(0.01, b1=0.8, nesterov=True)",
    "optax.chain(optax.clip(0.01), optax.scale(-0.5))",
    # a mask that is False everywhere (Weights has one 2-d parameter)
    (
        "optax.chain(optax.add_decayed_weights(0.1, mask=lambda p: jax.tree.map(lambda x: x.ndim > 2, p)), "
        "optax.scale_by_schedule(optax.linear_schedule(-0.1, -0.01, 4)))"
    ),
    "optax.MultiSteps(optax.adamw(0.01, weight_decay=0.1), every_k_schedule=2)",
    "optax.MultiSteps(optax.sgd(0.1, momentum=0.9), every_k_schedule=3, use_grad_mean=False)",
    "optax.inject_hyperparams(optax.adam)(learning_rate=optax.linear_schedule(0.1, 0.01, 4), b1=0.8)",
    "optax.chain(optax.clip_by_global_norm(0.5), optax.inject_hyperparams(optax.lion)(0.01))",
    "optax.adam(0.01, mu_dtype=jnp.bfloat16)",
    # a transform after the optimizer (a target-class Optimizer applies them before it)
    "optax.chain(optax.adam(0.01), optax.clip_by_global_norm(1e-3))",
    "optax.adafactor(0.1)",
    # w (4, 5) factored; on torch a transposed Linear weight would give the same updates, transposed
    "optax.adafactor(0.1, min_dim_size_to_factor=4, momentum=0.8, weight_decay_rate=0.01)",
]


@pytest.fixture(scope="module")
def transform_optimizer_modules() -> dict:
    """Per target, the TRANSFORM_OPTIMIZERS cases as one JAX module and its translation."""
    out = Path(tempfile.mkdtemp(prefix="jaxlate_transform_optimizers_"))
    return {
        target: optimizer_module(
            out, target, TRANSFORM_OPTIMIZERS, "transform_optimizers"
        )
        for target in AUTODIFF_TARGETS
    }


@pytest.mark.parametrize("target", AUTODIFF_TARGETS)
@pytest.mark.parametrize("expression", TRANSFORM_OPTIMIZERS)
def test_transform_optimizers(
    transform_optimizer_modules, expression: str, target: str
) -> None:
    n = TRANSFORM_OPTIMIZERS.index(expression)
    check_optimizer(*transform_optimizer_modules[target], n, target, 1e-6)


def check_optimizer(jax_mod, mod, n: int, target: str, rtol: float) -> None:
    """make_<n>'s optimizer takes 6 steps of train_step in both modules: the same losses, and parameters within rtol."""
    w = normal(4, 5, seed=1)
    # gradients from 1e-5 to 1 in magnitude, both signs
    c = (np.sign(normal(4, 5, seed=2)) * np.logspace(-5, 0, 20).reshape(4, 5)).astype(
        np.float32
    )
    flax_model = jax_mod.Weights(framework_array("jax", w))
    model = mod.Weights(framework_array(target, w))
    flax_optimizer = getattr(jax_mod, f"make_{n}")(flax_model)
    optimizer = getattr(mod, f"make_{n}")(model)
    for step in range(6):
        want = jax_mod.train_step(flax_model, flax_optimizer, framework_array("jax", c))
        got = mod.train_step(model, optimizer, framework_array(target, c))
        assert relative_error(got, want) <= 1e-5, f"step {step}: loss"
        error = relative_error(
            target_parameters(model, target)[0], flax_model.w.get_value()
        )
        assert error <= rtol, f"step {step}: parameters differ by {error:.2e}"


# what the targets cannot express as optax does: an optax expression -> a fragment of its diagnostic
UNSUPPORTED = {
    "optax.rmsprop(0.1, momentum=0.9)": "`momentum` is not supported",
}
# torch only
UNSUPPORTED_TORCH = {
    "optax.adagrad(0.1, initial_accumulator_value=0.0)": "adds `eps` after the square root",
}


def test_unsupported_optimizers_are_diagnostics(tmp_path: Path) -> None:
    source = tmp_path / "unsupported.py"
    source.write_text(
        OPTIMIZER_SOURCE
        + "".join(
            f"\n\ndef make_{n}(model):\n    return nnx.Optimizer(model, {e}, wrt=nnx.Param)\n"
            for n, e in enumerate({**UNSUPPORTED, **UNSUPPORTED_TORCH})
        )
    )
    proc = deno_run("tests/transpile_files.ts", str(source), str(tmp_path))
    assert proc.returncode == 1
    for target in AUTODIFF_TARGETS:
        lines = [
            line for line in proc.stderr.splitlines() if line.startswith(f"{target}: ")
        ]
        for expression, why in UNSUPPORTED.items():
            assert any(why in line for line in lines), (
                f"{target}: {expression}: no {why!r} in {lines}"
            )


def test_optimizers_without_functional_transforms_are_diagnostics_beside_lion(
    tmp_path: Path,
) -> None:
    """A module whose nnx.Optimizer takes lion uses the functional transforms for all
    its optax transforms: rmsprop, which has none, is a diagnostic saying why."""
    source = tmp_path / "lion_and_rmsprop.py"
    source.write_text(
        OPTIMIZER_SOURCE
        + "\n\ndef make(model):\n    return nnx.Optimizer(model, optax.lion(0.1), wrt=nnx.Param)\n"
        + "\n\ndef make_rms(model):\n    return nnx.Optimizer(model, optax.rmsprop(0.1), wrt=nnx.Param)\n"
    )
    proc = deno_run("tests/transpile_files.ts", str(source), str(tmp_path))
    assert proc.returncode == 1
    for target in AUTODIFF_TARGETS:
        lines = [
            line for line in proc.stderr.splitlines() if line.startswith(f"{target}: ")
        ]
        assert len(lines) == 1, lines
        assert (
            "`optax.rmsprop` is not translated for functional training loops"
            in lines[0]
        )
        assert "such as `optax.lion`" in lines[0]


# functional loops: a source -> a fragment of its diagnostic on every target
UNSUPPORTED_FUNCTIONAL = {
    "optax.rmsprop(0.1)": "`optax.rmsprop` is not translated for functional training loops",
    "optax.adafactor(0.1, dtype_momentum=jnp.bfloat16)": "`dtype_momentum` is not supported",
    "optax.MultiSteps(optax.sgd(0.1), 2, should_skip_update_fn=lambda u, s, p: False)": (
        "`should_skip_update_fn` is not supported"
    ),
}


def test_unsupported_functional_transforms_are_diagnostics(tmp_path: Path) -> None:
    source = tmp_path / "unsupported.py"
    source.write_text(
        OPTIMIZER_SOURCE
        + "".join(
            f"\n\ndef init_{n}(params):\n    return {e}.init(params)\n"
            for n, e in enumerate(UNSUPPORTED_FUNCTIONAL)
        )
    )
    proc = deno_run("tests/transpile_files.ts", str(source), str(tmp_path))
    assert proc.returncode == 1
    for target in ("torch", "tensorflow", "numpy"):
        lines = [
            line for line in proc.stderr.splitlines() if line.startswith(f"{target}: ")
        ]
        for why in UNSUPPORTED_FUNCTIONAL.values():
            assert any(why in line for line in lines), (
                f"{target}: no {why!r} in {lines}"
            )


@pytest.mark.parametrize("target", AUTODIFF_TARGETS)
@pytest.mark.parametrize("fixture", sorted(LOOP_CASES))
def test_metrics_loop(fixture: str, target: str) -> None:
    """The history of losses and accuracies (MultiMetric, computed and reset after
    each phase, model.train() / model.eval() switching BatchNorm) equals Flax's."""
    from flax import nnx

    case = LOOP_CASES[fixture]
    name = fixture.removesuffix(".py")
    jax_mod = load_module(f"jax_{name.replace('/', '_')}", FIXTURES / fixture)
    mod = load_module(
        f"{target}_{name.replace('/', '_')}", SNAPSHOTS / name / f"{target}.py"
    )
    flax_model = case["build"](jax_mod, nnx.Rngs(0))
    model = mod.load_flax_state(case["build"](mod, mod.Rngs(0)), flax_model)
    runs = {
        "jax": (jax_mod, flax_model, jax_mod.make_optimizer(flax_model)),
        target: (mod, model, mod.make_optimizer(model)),
    }
    histories = {}
    for framework, (m, net, optimizer) in runs.items():
        metrics = m.make_metrics()
        history = {
            f"{p}_{k}": [] for p in ("train", "test") for k in ("loss", "accuracy")
        }
        for epoch in range(case["epochs"]):
            batches = {
                phase: [
                    tuple(framework_array(framework, a) for a in batch)
                    for batch in case[phase](epoch)
                ]
                for phase in ("train", "test")
            }
            m.train_and_evaluate(
                net, optimizer, metrics, batches["train"], batches["test"], history
            )
        histories[framework] = history
    want, got = histories["jax"], histories[target]
    assert got.keys() == want.keys()
    for key in want:
        assert len(got[key]) == len(want[key]) == case["epochs"]
        for epoch, (g, w) in enumerate(zip(got[key], want[key], strict=True)):
            assert to_numpy(g).dtype == np.float32, f"{key} {epoch}"
            assert relative_error(g, w) <= 1e-5, f"{key}, epoch {epoch}: {g} != {w}"
    # nnx.state(model, nnx.Param) / nnx.state(model) leaves: the same sizes and values
    assert (
        mod.count_params(model)
        == jax_mod.count_params(flax_model)
        == 4 * 8 + 8 + 8 + 8 * 3 + 3
    )
    assert mod.count_state(model) == jax_mod.count_state(flax_model) == 75 + 16
    got, want = mod.squared_norm(model), jax_mod.squared_norm(flax_model)
    assert relative_error(got, want) <= 1e-5, "squared parameter norms differ"
    # the last phase was evaluation: both models use their running averages
    x = framework_array(target, normal(3, 4, seed=7))
    assert (
        relative_error(
            model(x), flax_model(framework_array("jax", normal(3, 4, seed=7)))
        )
        <= 1e-5
    )
