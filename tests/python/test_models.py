"""Numerical checks of the Flax NNX module fixtures (`fixtures/modules/`), on every target.

Each fixture is transpiled to torch, tensorflow and numpy by
`tests/transpile_files.ts`. For each fixture and target:

- every top-level function and class of the input exists under the same name,
  `Rngs` exists where the input uses `nnx.Rngs`, and the output imports
  neither jax, flax nor jaxlate; it passes `ruff format --check` and `ruff check`;
- the Flax model and the transpiled model are built with the same constructor
  arguments, the Flax weights are copied with `load_flax_state` (from the
  module, and from `nnx.state(model)`), and both run on the same inputs: the
  outputs have the same pytree structure and values;
- on torch and tensorflow, the gradients of `sum(leaf ** 2)` over the outputs
  with respect to the float inputs and to every parameter equal `nnx.grad`'s.
  The Flax gradient state is loaded into a second transpiled model with
  `load_flax_state`, so that the one documented layout conversion also maps
  gradients (it is linear), and parameters are compared by name (torch) or
  in tracking order (Keras);
  A parameter whose gradient is zero in exact arithmetic (the case's
  ``"zero_gradients"``, with the reason) is instead checked to be at most
  1e-5 of the largest parameter gradient, on Flax and on the target;
- a custom Variable mutated in `__call__` has Flax's value after one and two calls;
- BatchNorm's running averages (every `nnx.BatchStat`) have Flax's values after
  each training-mode call, and Flax's `model.eval()` / `model.train()` are
  matched by each target's own switch (torch `model.eval()` / `model.train()`,
  Keras `training=False` / `True`, NumPy each layer's `use_running_average`).

Floats are compared as in test_api_numerics.py: ``max|target - flax| /
max(max|flax|, 1e-6)`` must be at most the case's tolerance, 1e-5 unless the
case gives one with its reason (``"tolerance": (rtol, reason)``).
"""

from __future__ import annotations

import ast
import functools
import os
import re
import tempfile
from pathlib import Path

import numpy as np
import pytest
from jaxlate_testing import (
    ROOT,
    TARGETS,
    assert_ruff_clean,
    assert_same_shape,
    assert_values_close,
    deno_run,
    load_module,
    to_framework,
    to_numpy,
    tree_flatten,
)

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

FIXTURES = ROOT / "fixtures" / "modules"
RTOL = 1e-5


def normal(*shape, seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def zero_rows(images, rows):
    """Images whose last `rows` rows are zero padding."""
    images = images.copy()
    images[:, images.shape[1] - rows :] = 0.0
    return images


def uniform(*shape, seed=0):
    """Values in [0, 1): a VAE's pixels."""
    return np.random.default_rng(seed).random(shape).astype(np.float32)


def times(*shape, seed=0):
    """Diffusion times in [0, 10)."""
    return (10 * np.random.default_rng(seed).random(shape)).astype(np.float32)


def padding_mask(*shape, masked):
    """True everywhere but at the given positions."""
    keep = np.ones(shape, dtype=bool)
    for position in masked:
        keep[position] = False
    return keep


def tokens(*shape, vocab, seed=0):
    return np.random.default_rng(seed).integers(0, vocab, shape).astype(np.int32)


# fixture (relative to fixtures/) -> how to build its model, the inputs of each
# call, the functions to check (name -> arguments after the model), and the
# custom Variables to follow. tests/python/test_fixtures.py checks that every
# fixture has a case here or in its FUNCTION_CASES.
MODEL_CASES = {
    "modules/mlp.py": {
        "build": lambda mod, rngs: mod.MLP(4, 16, 3, rngs=rngs),
        "inputs": [(normal(5, 4),), (normal(2, 4, seed=1),)],
        "functions": {"predict": (normal(5, 4),)},
    },
    "modules/cnn.py": {
        "build": lambda mod, rngs: mod.ConvNet(3, 5, rngs=rngs),
        # 8x8: stride-2 'SAME' pads (0, 1), asymmetric; 7x7: (1, 1).
        "inputs": [(normal(2, 8, 8, 3),), (normal(1, 7, 7, 3, seed=1),)],
    },
    "modules/embedding.py": {
        "build": lambda mod, rngs: mod.TiedLM(11, 8, rngs=rngs),
        "inputs": [(tokens(2, 5, vocab=11),)],
        "functions": {"next_token_logits": (tokens(3, 4, vocab=11, seed=1),)},
    },
    "modules/composite.py": {
        "build": lambda mod, rngs: mod.Tower(4, 6, 2, rngs=rngs),
        "inputs": [(normal(3, 4),)],
    },
    # the Flax model's parameters have a leading layer axis; the targets' are one layer each
    "modules/scan_layers.py": {
        "build": lambda mod, rngs: mod.ScannedStack(mod.StackConfig(), rngs=rngs),
        "inputs": [(normal(2, 5, 4),), (normal(1, 3, 4, seed=1),)],
        "zero_gradients": {
            f"blocks.{layer}.attention.key.bias": (
                "softmax ignores a constant added to a row of logits, and the key bias"
                " adds query . bias to every logit of a row"
            )
            for layer in range(3)
        },
    },
    "modules/transformer.py": {
        "build": lambda mod, rngs: mod.Transformer(13, 16, 4, 2, 8, rngs=rngs),
        "inputs": [(tokens(2, 6, vocab=13),), (tokens(1, 8, vocab=13, seed=1),)],
        "functions": {"next_token_loss": (tokens(2, 7, vocab=13, seed=2),)},
    },
    # 8x8 is the training size (grid 2x2); 12x8 resizes the position embeddings up to 3x2 with
    # zero-padded rows (masked out of the pooling), 4x4 down to 1x1 (antialiased).
    "modules/vit.py": {
        "build": lambda mod, rngs: mod.VisionTransformer(mod.ViTConfig(), rngs=rngs),
        "inputs": [
            (normal(2, 8, 8, 3),),
            (zero_rows(normal(2, 12, 8, 3, seed=1), 4),),
            (normal(1, 4, 4, 3, seed=2),),
        ],
        "functions": {"predict": (normal(3, 12, 12, 3, seed=3),)},
        "zero_gradients": {
            name: (
                "softmax ignores a constant added to a row of logits, and the key bias"
                " adds the same (query or probe) . bias to every logit of a row"
            )
            for name in (
                "blocks.0.attn.key.bias",
                "blocks.1.attn.key.bias",
                "pool.key.bias",
            )
        },
    },
    "modules/attention.py": {
        "build": lambda mod, rngs: mod.Model(8, 2, 5, rngs=rngs),
        # context rows summing to <= 0 are masked out of the cross-attention
        "inputs": [
            (normal(2, 6, 8), normal(2, 4, 5, seed=1)),
            (normal(1, 3, 8, seed=2), normal(1, 7, 5, seed=3)),
        ],
        # Flax path -> why its gradient is zero: checked against the model's largest
        # gradient instead of compared with Flax's, which is float32 noise too
        "zero_gradients": {
            "block.attn.key.bias": (
                "softmax ignores a constant added to a row of logits, and the key bias"
                " adds query . bias to every logit of a row"
            ),
        },
    },
    "modules/attention_options.py": {
        "build": lambda mod, rngs: mod.Model(8, 2, rngs=rngs),
        # padding masks one key of the second sequence
        "inputs": [(normal(2, 5, 8), padding_mask(2, 5, masked=[(1, 3)]))],
        # one position at a time through the cache; the caches follow Flax's
        "functions": {"decode_steps": (normal(2, 4, 8, seed=1),)},
        "caches_after": "decode_steps",
        "zero_gradients": {
            "decoder.key.bias": (
                "softmax ignores a constant added to a row of logits, and the key bias"
                " adds query . bias to every logit of a row"
            ),
        },
    },
    "modules/initialized_layers.py": {
        "build": lambda mod, rngs: mod.TokenConv(11, 8, rngs=rngs),
        "inputs": [(tokens(2, 6, vocab=11),)],
    },
    # `evaluate` reads fields of the NamedTuple the model returns
    "modules/vae.py": {
        "build": lambda mod, rngs: mod.VAE(16, 4, rngs=rngs),
        "inputs": [(uniform(3, 16),)],
        "functions": {"evaluate": (uniform(2, 16, seed=1),)},
    },
    "modules/vit_bare_params.py": {
        "build": lambda mod, rngs: mod.ViT(rngs=rngs),
        "inputs": [(normal(2, 16, 16, 3),)],
        "functions": {"predict": (normal(2, 16, 16, 3, seed=1),)},
        "zero_gradients": {
            f"blocks.{i}.attn.key.bias": "softmax ignores the key bias, the same for every logit of a row"
            for i in range(2)
        },
    },
    "modules/counter.py": {
        "build": lambda mod, rngs: mod.ScaledLinear(4, 3, rngs=rngs),
        "inputs": [(normal(2, 4),)],
        # name -> value after n calls (the input's batch is 2)
        "variables": {
            "count": lambda n: n,
            "seen": lambda n: 2 * n,
            "last_batch": lambda n: 2,
        },
    },
    "modules/batchnorm.py": {
        "build": lambda mod, rngs: mod.BatchNormNet(3, 6, 4, rngs=rngs),
        # Training mode (batch statistics; `frozen` uses its running averages),
        # then `evaluate` with the running averages the two calls left.
        "inputs": [(normal(4, 5, 5, 3),), (normal(6, 6, 6, 3, seed=1),)],
        "functions": {"evaluate": (normal(2, 5, 5, 3, seed=2),)},
        # every nnx.BatchStat is compared with Flax's after each call
        "batch_stats": True,
        "tolerance": (
            4e-5,
            (
                "the input gradient through training-mode batch statistics cancels:"
                " torch's float32 one is 7e-6 from float64's, Flax's 3e-6; TensorFlow's"
                " is 2.7e-5 from Flax's"
            ),
        ),
    },
    "modules/train_eval.py": {
        "build": lambda mod, rngs: mod.Classifier(4, 6, 3, rngs=rngs),
        # the Dropout built deterministic, `frozen` on its running averages
        "inputs": [(normal(5, 4),)],
        # model.eval() / model.train() in the source, in this order on one model
        "functions": {
            "predict": (normal(3, 4, seed=1),),
            "train_forward": (normal(5, 4, seed=2),),
            "dropout_range": (normal(50, 4, seed=3),),
            "predict_after_training": (normal(4, 4, seed=4),),
        },
    },
    "modules/llama.py": {
        "build": lambda mod, rngs: mod.Llama(mod.LlamaConfig(), rngs=rngs),
        "inputs": [(tokens(2, 7, vocab=50),), (tokens(1, 3, vocab=50, seed=1),)],
    },
    "modules/qwen_decoder.py": {
        # 2 layers, 4 query heads of 8 sharing 2 KV heads, 16 positions
        "build": lambda mod, rngs: mod.QwenDecoder(
            mod.QwenConfig(
                vocab_size=17,
                dim=32,
                num_layers=2,
                num_heads=4,
                num_kv_heads=2,
                hidden_dim=24,
                max_len=16,
            ),
            rngs=rngs,
        ),
        # decode passed positionally too: a Python bool, which Keras takes positionally
        # only from a layer that allows it (_allow_non_tensor_positional_args)
        "inputs": [
            (tokens(2, 7, vocab=17),),
            (tokens(1, 16, vocab=17, seed=1),),
            (tokens(2, 3, vocab=17, seed=3), False),
        ],
        # a prefill of 5 tokens, then 4 greedy steps from the KV cache: tokens and last logits
        "functions": {"generate": (tokens(2, 5, vocab=17, seed=2), 4)},
        # every nnx.Cache is compared with Flax's (values and dtype) after this function
        "caches_after": "generate",
    },
    "modules/rope_attention.py": {
        # int32 positions passed through two calls into the rotary embedding and the causal mask
        "build": lambda mod, rngs: mod.RopeDecoder(mod.RopeConfig(), rngs=rngs),
        "inputs": [(tokens(2, 7, vocab=19),), (tokens(1, 4, vocab=19, seed=1),)],
    },
    "modules/whisper.py": {
        "build": lambda mod, rngs: mod.Whisper(mod.WhisperConfig(), rngs=rngs),
        # mel frames (batch, 2 * n_audio_ctx, n_mels); a shorter clip too
        "inputs": [
            (normal(2, 24, 8), tokens(2, 6, vocab=32)),
            (normal(1, 16, 8, seed=1), tokens(1, 3, vocab=32, seed=1)),
        ],
        # four greedy steps: the tokens must be JAX's exactly
        "functions": {"greedy_decode": (normal(2, 24, 8, seed=2), 1, 4)},
        "zero_gradients": {
            f"{stack}.blocks.{k}.{attn}.key.bias": (
                "softmax ignores a constant added to a row of logits, and the key bias"
                " adds query . bias to every logit of a row"
            )
            for stack, attn in [
                ("encoder", "attn"),
                ("decoder", "attn"),
                ("decoder", "cross_attn"),
            ]
            for k in range(2)
        },
    },
    "modules/conv_options.py": {
        "build": lambda mod, rngs: mod.Model(3, rngs=rngs),
        # 9x9 and 8x7 maps (odd and even, so 'SAME' pads evenly and unevenly); a
        # batch-less sequence and a volume with two leading batch axes
        "inputs": [
            (
                normal(2, 9, 9, 3),
                normal(2, 11, 3, seed=1),
                normal(2, 1, 5, 6, 4, 2, seed=2),
            ),
            (
                normal(1, 8, 7, 3, seed=3),
                normal(7, 3, seed=4),
                normal(1, 3, 4, 5, 2, seed=5),
            ),
        ],
    },
    "modules/norms_pooling.py": {
        "build": lambda mod, rngs: mod.Model(6, rngs=rngs),
        # 7x7 maps: strided 'SAME' windows pad (1, 1); 8x6: (0, 1) and (1, 1). Sequences
        # without and with two batch axes.
        "inputs": [
            (normal(2, 7, 7, 6), normal(9, 4, seed=1)),
            (normal(3, 8, 6, 6, seed=2), normal(2, 3, 8, 4, seed=3)),
        ],
    },
    "modules/weight_spectral_norm.py": {
        "build": lambda mod, rngs: mod.Model(4, rngs=rngs),
        # 6x6 and 5x7 maps; each call writes normalized kernels into the layers and moves u and sigma
        "inputs": [
            (normal(3, 4), normal(3, 6, 6, 4, seed=1)),
            (normal(2, 4, seed=2), normal(2, 5, 7, 4, seed=3)),
        ],
    },
    "modules/convnext.py": {
        # a layer scale of 0.5, not 1e-6, so that the blocks show in the output
        "build": lambda mod, rngs: mod.ConvNeXt(
            mod.ConvNeXtConfig(num_classes=5, layer_scale=0.5), rngs=rngs
        ),
        # 32x32 -> 16 -> 8 -> 4; 30x30 -> 15 -> 8 (the max pool's 'SAME' pads (1, 1)) -> 4
        "inputs": [(normal(2, 32, 32, 3),), (normal(1, 30, 30, 3, seed=1),)],
        "functions": {"predict": (normal(2, 16, 16, 3, seed=2),)},
    },
    "modules/rnn.py": {
        "build": lambda mod, rngs: mod.SeqTagger(5, 6, 4, 3, rngs=rngs),
        # lengths of the whole row, part of it and 0 (Flax then returns the last step's carry)
        "inputs": [
            (normal(3, 7, 5), np.array([7, 3, 0], dtype=np.int32)),
            (normal(2, 4, 5, seed=1), np.array([1, 4], dtype=np.int32)),
        ],
        "functions": {
            "empty_prefix": (normal(2, 3, 5, seed=2),),
            "merged_sum": (
                normal(3, 5, 5, seed=3),
                np.array([5, 2, 0], dtype=np.int32),
            ),
            "option_sweep": (
                normal(3, 6, 5, seed=4),
                np.array([6, 1, 0], dtype=np.int32),
            ),
        },
    },
    "modules/unet.py": {
        "build": lambda mod, rngs: mod.UNet(mod.UNetConfig(), rngs=rngs),
        # images of 8x8 and 4x12 (three levels: divisible by 4), one diffusion time each
        "inputs": [
            (normal(2, 8, 8, 3), times(2)),
            (normal(1, 4, 12, 3, seed=1), times(1, seed=1)),
        ],
        "functions": {
            "denoising_loss": (
                normal(2, 8, 8, 3, seed=2),
                times(2, seed=2),
                normal(2, 8, 8, 3, seed=3),
            )
        },
    },
    "modules/lora_einsum.py": {
        "build": lambda mod, rngs: mod.LoraHead(6, 2, 3, 2, 4, rngs=rngs),
        "inputs": [(normal(2, 5, 6),), (normal(1, 3, 6, seed=1),)],
        "functions": {"adapter_delta": (normal(4, 6, seed=2),)},
        # attributes `self.sow` writes: Flax's value (a tuple, one entry per call)
        "sown": ["hidden_rms"],
    },
}


CASES = {Path(name).stem: case for name, case in MODEL_CASES.items()}


def case_rtol(fixture: str) -> float:
    rtol, _reason = CASES[fixture].get("tolerance", (RTOL, "float32 rounding"))
    return rtol


@functools.cache
def transpiled(fixture: str) -> Path:
    """Transpiles one fixture to every target, once per session."""
    out = Path(tempfile.mkdtemp(prefix=f"jaxlate_models_{fixture}_"))
    proc = deno_run(
        "tests/transpile_files.ts", str(FIXTURES / f"{fixture}.py"), str(out)
    )
    if proc.returncode != 0:
        raise RuntimeError(
            f"transpiling {fixture} failed:\n{proc.stdout}\n{proc.stderr}"
        )
    return out


@functools.cache
def original(fixture: str):
    return load_module(f"flax_fixture_{fixture}", FIXTURES / f"{fixture}.py")


@functools.cache
def output(fixture: str, target: str):
    return load_module(
        f"jaxlate_{fixture}_{target}", transpiled(fixture) / f"{target}.py"
    )


# ---- frameworks ----------------------------------------------------------


def leaves(tree) -> list:
    """Leaves of a pytree of dicts, lists and tuples, dict keys sorted."""
    return [leaf for _, leaf in tree_flatten(tree)[1]]


def structure(tree) -> list:
    """Container types and lengths, and dict keys, of a pytree."""
    return tree_flatten(tree)[0]


def assert_close(actual, expected, what: str, rtol: float = RTOL) -> None:
    """Same shape (dtypes may differ) and values, a NaN anywhere failing."""
    actual, expected = to_numpy(actual), to_numpy(expected)
    assert_same_shape(actual, expected, what, check_dtype=False)
    assert_values_close(actual, expected, what, rtol, equal_nan=False)


def flax_model(fixture: str):
    from flax import nnx

    return CASES[fixture]["build"](original(fixture), nnx.Rngs(0))


def target_model(fixture: str, target: str, src):
    mod = output(fixture, target)
    model = CASES[fixture]["build"](mod, mod.Rngs(0))
    return mod.load_flax_state(model, src)


def variable_value(model, name: str, target: str) -> np.ndarray:
    """A Variable's value: a torch buffer is the tensor; Keras and NumPy Variables have .value."""
    variable = getattr(model, name)
    return to_numpy(variable if target == "torch" else variable.value)


def square_loss(out, sum_fn):
    return sum(sum_fn(leaf * leaf) for leaf in leaves(out))


PARAMS = [pytest.param(f, t, id=f"{f}-{t}") for f in CASES for t in TARGETS]


def params_with(key: str) -> list:
    """(fixture, target) for every target of each case that has `key`."""
    return [
        pytest.param(f, t, id=f"{f}-{t}")
        for f in CASES
        if CASES[f].get(key)
        for t in TARGETS
    ]


def call_output_function(fixture: str, target: str, name: str, model, args):
    """A function of the transpiled fixture on the target's model: arrays become
    the target's, Python values (a step count) stay."""
    return getattr(output(fixture, target), name)(
        model,
        *(to_framework(target, a) if isinstance(a, np.ndarray) else a for a in args),
    )


GRAD_PARAMS = [
    pytest.param(f, t, id=f"{f}-{t}") for f in CASES for t in ("torch", "tensorflow")
]


# ---- the checks ----------------------------------------------------------


def test_every_module_fixture_has_a_case() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.py")) == sorted(CASES)


@pytest.mark.parametrize(("fixture", "target"), PARAMS)
def test_user_contract(fixture: str, target: str) -> None:
    source = (FIXTURES / f"{fixture}.py").read_text()
    text = (transpiled(fixture) / f"{target}.py").read_text()
    mod = output(fixture, target)
    top = ast.parse(source).body
    names = [s.name for s in top if isinstance(s, (ast.FunctionDef, ast.ClassDef))]
    missing = [name for name in names if not hasattr(mod, name)]
    assert not missing, f"top-level names missing: {missing}"
    if "nnx.Rngs" in source:
        assert hasattr(mod, "Rngs")
    assert hasattr(mod, "load_flax_state")
    assert not re.search(
        r"^\s*(import|from)\s+(jax|flax|jaxlate)\b", text, re.MULTILINE
    )


@pytest.mark.parametrize(("fixture", "target"), PARAMS)
def test_output_is_ruff_clean(fixture: str, target: str) -> None:
    assert_ruff_clean(transpiled(fixture) / f"{target}.py")


@pytest.mark.parametrize("from_state", [False, True], ids=["from-module", "from-state"])
@pytest.mark.parametrize(("fixture", "target"), PARAMS)
def test_outputs_match_flax(fixture: str, target: str, from_state: bool) -> None:
    from flax import nnx

    case = CASES[fixture]
    reference = flax_model(fixture)
    model = target_model(
        fixture, target, nnx.state(reference) if from_state else reference
    )
    for i, args in enumerate(case["inputs"]):
        expected = reference(*args)
        actual = model(*(to_framework(target, a) for a in args))
        assert structure(actual) == structure(expected)
        for j, (a, e) in enumerate(zip(leaves(actual), leaves(expected))):
            assert_close(a, e, f"call {i}, output {j}", case_rtol(fixture))
    for name, args in case.get("functions", {}).items():
        expected = getattr(original(fixture), name)(reference, *args)
        actual = call_output_function(fixture, target, name, model, args)
        assert structure(actual) == structure(expected)
        for j, (a, e) in enumerate(zip(leaves(actual), leaves(expected))):
            if np.issubdtype(np.asarray(e).dtype, np.integer):
                # token ids: the same, exactly, and int32 as in JAX
                assert to_numpy(a).dtype == np.int32, f"{name}, output {j}"
                assert np.array_equal(to_numpy(a), np.asarray(e)), f"{name}, output {j}"
            else:
                assert_close(a, e, f"{name}, output {j}", case_rtol(fixture))


@pytest.mark.parametrize(("fixture", "target"), GRAD_PARAMS)
def test_gradients_match_flax(fixture: str, target: str) -> None:
    import jax.numpy as jnp
    from flax import nnx

    reference = flax_model(fixture)
    model = target_model(fixture, target, reference)
    args = CASES[fixture]["inputs"][0]
    float_inputs = [
        i for i, a in enumerate(args) if np.issubdtype(a.dtype, np.floating)
    ]

    def loss(m, *xs):
        return square_loss(m(*xs), jnp.sum)

    argnums = (0, *(1 + i for i in float_inputs))
    flax_grads = nnx.grad(loss, argnums=argnums)(
        reference, *(jnp.asarray(a) for a in args)
    )
    param_grads, input_grads = flax_grads[0], flax_grads[1:]
    rtol = case_rtol(fixture)
    # The parameter gradients, in the target's layout, as the weights of a twin model.
    twin = target_model(fixture, target, param_grads)
    scale = max(
        float(np.max(np.abs(to_numpy(g))))
        for g in leaves(nnx.to_pure_dict(param_grads))
    )
    zero = CASES[fixture].get("zero_gradients", {})
    zero_ids = {id(attribute_at(model, path)) for path in zero}
    for path in zero:
        assert np.max(np.abs(to_numpy(attribute_at(twin, path)))) <= 1e-5 * scale

    def assert_zero(grad, what: str) -> None:
        assert np.max(np.abs(to_numpy(grad))) <= 1e-5 * scale, f"{what} is not ~0"

    if target == "torch":
        xs = [to_framework(target, a, requires_grad=True) for a in args]
        square_loss(model(*xs), lambda t: t.sum()).backward()
        for i, expected in zip(float_inputs, input_grads):
            assert_close(xs[i].grad, expected, f"d loss / d input {i}", rtol)
        twins = dict(twin.named_parameters())
        params = dict(model.named_parameters())
        assert params.keys() == twins.keys()
        for name, param in params.items():
            if id(param) in zero_ids:
                assert_zero(param.grad, f"d loss / d {name}")
                continue
            assert_close(param.grad, twins[name], f"d loss / d {name}", rtol)
    else:
        import tensorflow as tf

        xs = [to_framework(target, a) for a in args]
        with tf.GradientTape() as tape:
            for i in float_inputs:
                tape.watch(xs[i])
            value = square_loss(model(*xs), tf.reduce_sum)
        sources = [xs[i] for i in float_inputs] + list(model.trainable_variables)
        grads = tape.gradient(value, sources)
        for i, expected in zip(float_inputs, input_grads):
            assert_close(
                grads[float_inputs.index(i)], expected, f"d loss / d input {i}", rtol
            )
        weights = model.trainable_variables
        assert len(weights) == len(twin.trainable_variables) > 0
        for k, (grad, expected) in enumerate(
            zip(grads[len(float_inputs) :], twin.trainable_variables)
        ):
            if id(weights[k]) in zero_ids:
                assert_zero(tf.convert_to_tensor(grad), f"d loss / d {weights[k].path}")
                continue
            assert_close(
                tf.convert_to_tensor(grad),
                expected,
                f"d loss / d {weights[k].path}",
                rtol,
            )


def attribute_at(model, path: str):
    """The attribute of a target model at a dotted Flax path."""
    owner = model
    for key in path.split("."):
        owner = owner[int(key)] if key.isdigit() else getattr(owner, key)
    return owner


CACHE_PARAMS = params_with("caches_after")


@pytest.mark.parametrize(("fixture", "target"), CACHE_PARAMS)
def test_caches_follow_flax(fixture: str, target: str) -> None:
    """The KV caches and cache indices a method created after construction (an
    init_cache) and the calls wrote: Flax's values and dtypes (an int32 index stays
    int32) on the target, twice over (a second run replaces the caches)."""
    from flax import nnx

    case = CASES[fixture]
    name = case["caches_after"]
    reference = flax_model(fixture)
    model = target_model(fixture, target, reference)
    args = case["functions"][name]
    for run in (1, 2):
        getattr(original(fixture), name)(reference, *args)
        call_output_function(fixture, target, name, model, args)
        caches = nnx.to_flat_state(nnx.state(reference, nnx.Cache))
        assert len(caches) > 0
        for path, value in caches:
            expected = np.asarray(value)
            variable = attribute_at(model, ".".join(str(k) for k in path))
            actual = to_numpy(variable if target == "torch" else variable.value)
            what = f"{'.'.join(map(str, path))} after run {run}"
            assert actual.dtype == expected.dtype, what
            assert_close(actual, expected, what)
    if target == "tensorflow":
        # a replaced cache leaves Keras' tracking: one variable per Flax Cache
        variables = model.non_trainable_variables
        seeds = [v for v in variables if "seed_generator" in v.path]
        assert len(variables) - len(seeds) == len(caches)


VARIABLE_PARAMS = params_with("variables")


@pytest.mark.parametrize(("fixture", "target"), VARIABLE_PARAMS)
def test_custom_variables_follow_flax(fixture: str, target: str) -> None:
    case = CASES[fixture]
    reference = flax_model(fixture)
    model = target_model(fixture, target, reference)
    args = case["inputs"][0]
    for call in (1, 2):
        reference(*args)
        model(*(to_framework(target, a) for a in args))
        for name in case["variables"]:
            expected = np.asarray(getattr(reference, name).value)
            actual = variable_value(model, name, target)
            assert_close(actual, expected, f"{name} after {call} call(s)")
            assert int(np.asarray(actual)) == case["variables"][name](call)


@pytest.mark.parametrize(("fixture", "target"), params_with("sown"))
def test_sown_values_follow_flax(fixture: str, target: str) -> None:
    """`self.sow(nnx.Intermediate, name, value)`: the target model's attribute `name` is
    the tuple of the values sown, as Flax's `model.name.value`, after one and two calls."""
    case = CASES[fixture]
    reference = flax_model(fixture)
    model = target_model(fixture, target, reference)
    args = case["inputs"][0]
    for call in (1, 2):
        reference(*args)
        model(*(to_framework(target, a) for a in args))
        for name in case["sown"]:
            expected = getattr(reference, name).value
            actual = getattr(model, name)
            assert isinstance(actual, tuple) and len(actual) == len(expected) == call
            for got, want in zip(actual, expected):
                assert_close(
                    to_numpy(got), np.asarray(want), f"{name} after {call} call(s)"
                )


def check_distribution(values, std, bound, what):
    """Mean 0, standard deviation `std` (3%), every |value| <= `bound`."""
    values = np.asarray(values, np.float64)
    assert abs(values.mean()) < 0.03 * std, what
    assert abs(values.std() / std - 1) < 0.03, what
    assert np.abs(values).max() <= bound * (1 + 1e-6), what


@pytest.mark.parametrize("target", TARGETS)
def test_layers_draw_flax_initial_distributions(target: str) -> None:
    """Layers start from Flax's distributions: Linear's LeCun-normal kernel (truncated at
    two standard deviations) and zero bias by default, LoRA's He-uniform lora_a and zero
    lora_b, and the initializers the lora_einsum fixture passes (he_normal,
    variance_scaling(1, 'fan_avg', 'uniform'), normal(0.05), truncated_normal(0.05)), over
    (400, 300) kernels in Flax's (in, out) layout."""
    mod = output("lora_einsum", target)
    rngs = {"rngs": mod.Rngs(0)} if target == "numpy" else {}

    def kernel(layer, name="kernel"):
        if target == "torch" and name == "kernel" and hasattr(layer, "weight"):
            return to_numpy(layer.weight.detach()).T
        value = getattr(layer, name)
        return to_numpy(value.detach() if target == "torch" else value)

    truncated = 0.87962566103423978
    lecun = np.sqrt(1 / 400)
    linear = mod.Linear(400, 300, **rngs)
    check_distribution(kernel(linear), lecun, 2 * lecun / truncated, "lecun_normal")
    assert not np.any(kernel(linear, "bias")), "Linear's bias starts at zero"
    he = mod.Linear(
        400,
        300,
        kernel_init=mod.base_kernel_init,
        bias_init=mod.small_truncated,
        **rngs,
    )
    he_std = np.sqrt(2 / 400)
    check_distribution(kernel(he), he_std, 2 * he_std / truncated, "he_normal")
    bias = kernel(he, "bias")
    assert np.all(np.abs(bias) <= 0.1) and np.all(bias != 0), "truncated_normal(0.05)"
    head = mod.Einsum("ab,bc->ac", (400, 300), kernel_init=mod.head_kernel_init, **rngs)
    avg_std = np.sqrt(1 / 350)
    check_distribution(
        kernel(head), avg_std, np.sqrt(3) * avg_std, "variance_scaling fan_avg uniform"
    )
    lora = mod.LoRA(400, 300, 200, b_initializer=mod.small_normal, **rngs)
    he_bound = np.sqrt(6 / 400)
    check_distribution(
        kernel(lora, "lora_a"), he_bound / np.sqrt(3), he_bound, "he_uniform"
    )
    check_distribution(kernel(lora, "lora_b"), 0.05, 0.05 * 6, "normal(0.05)")
    assert not np.any(kernel(mod.LoRA(4, 2, 3, **rngs), "lora_b")), (
        "lora_b starts at zero"
    )


@pytest.mark.parametrize("target", TARGETS)
def test_layers_take_their_initializers(target: str) -> None:
    """The initializers the initialized_layers fixture passes are applied, in Flax's
    kernel layout (*window, in, out) even where the target's weight is another: Conv's
    he_normal and constant(0.1) (and, given none, Conv's and ConvTranspose's LeCun normal), Embed's normal(0.02), ConvTranspose's orthogonal(0.5,
    column_axis=-2) (orthonormal columns along the in axis), and the norms' constants,
    exactly, with their distributions where random."""
    mod = output("initialized_layers", target)
    rngs = mod.Rngs(0)

    def value(v):
        v = getattr(v, "value", v)
        return to_numpy(v.detach() if target == "torch" else v)

    def flax_kernel(layer):  # torch's (out, in, *window) as Flax's (*window, in, out)
        if target != "torch":
            return value(layer.kernel)
        weight = value(layer.weight)
        return np.transpose(weight, (*range(2, weight.ndim), 1, 0))

    conv = mod.Conv(
        200,
        300,
        (3,),
        kernel_init=mod.conv_init,
        bias_init=mod.conv_bias_init,
        rngs=rngs,
    )
    kernel = flax_kernel(conv)
    assert kernel.shape == (3, 200, 300)
    he_std = np.sqrt(2 / 600)
    check_distribution(kernel, he_std, 2 * he_std / 0.87962566103423978, "he_normal")
    assert np.all(value(conv.bias) == np.float32(0.1)), "constant(0.1)"
    lecun = np.sqrt(1 / 600)  # Flax's default: fan-in window * in
    for default in (
        mod.Conv(200, 300, (3,), rngs=rngs),
        mod.ConvTranspose(200, 300, (3,), rngs=rngs),
    ):
        kernel = flax_kernel(default)
        assert kernel.shape == (3, 200, 300)
        check_distribution(
            kernel, lecun, 2 * lecun / 0.87962566103423978, "default lecun_normal"
        )
    embed = mod.Embed(500, 300, embedding_init=mod.embed_init, rngs=rngs)
    table = value(
        embed.weight
        if target == "torch"
        else embed.embeddings
        if target == "tensorflow"
        else embed.embedding
    )
    check_distribution(table, 0.02, 0.02 * 6, "normal(0.02)")
    up = mod.ConvTranspose(40, 30, (3,), kernel_init=mod.up_init, rngs=rngs)
    kernel = flax_kernel(up)
    assert kernel.shape == (3, 40, 30)
    columns = np.moveaxis(kernel, 1, -1).reshape(90, 40)  # column_axis -2: the in axis
    np.testing.assert_allclose(
        columns.T @ columns, 0.25 * np.eye(40), atol=1e-5, err_msg="orthogonal(0.5)"
    )
    norm = mod.LayerNorm(20000, scale_init=mod.embed_init, rngs=rngs)
    scale = value(norm.weight if target == "torch" else norm.scale)
    check_distribution(scale, 0.02, 0.02 * 6, "LayerNorm scale normal(0.02)")

    model = CASES["initialized_layers"]["build"](mod, rngs)
    exact = {
        ("group", "scale"): 1.5,
        ("group", "bias"): -0.5,
        ("instance", "bias"): 0.0,
        ("batch", "scale"): 1.0,
        ("batch", "bias"): 0.25,
        ("norm", "bias"): 0.0,
        ("rms", "scale"): 2.0,
    }
    for path, want in exact.items():
        got = target_array(model, path, target)
        assert got.shape == ((8,) if path[0] in ("norm", "rms") else (16,)), path
        assert np.all(got == np.float32(want)), path
    instance_scale = target_array(model, ("instance", "scale"), target)
    assert np.all((instance_scale >= 0) & (instance_scale < 2)), "uniform(2.0)"
    assert len(np.unique(instance_scale)) > 1, "uniform(2.0) draws"


def initial_kernel(layer, target, name="kernel"):
    """A layer's weight as an array in Flax's layout: torch's Linear weight (out, in) as
    the (in, out) kernel."""
    if target == "torch" and name == "kernel" and hasattr(layer, "weight"):
        return to_numpy(layer.weight.detach()).T
    value = getattr(layer, name)
    return to_numpy(value.detach() if target == "torch" else value)


def assert_orthonormal(kernel, scale, what):
    """The (rows, columns) kernel times 1/scale has orthonormal columns, or rows when it
    is wider than tall (jax.nn.initializers.orthogonal)."""
    gram = (
        kernel.T @ kernel if kernel.shape[0] >= kernel.shape[1] else kernel @ kernel.T
    )
    np.testing.assert_allclose(
        gram, scale**2 * np.eye(len(gram)), atol=1e-5, err_msg=what
    )


@pytest.mark.parametrize("target", TARGETS)
def test_linear_general_and_attention_take_their_initializers(target: str) -> None:
    """LinearGeneral and MultiHeadAttention draw as Flax does: each kernel initialized
    flattened to (prod(in), prod(out)), so LeCun normal's fan-in is the product of the
    contracted axes by default, and xavier_uniform's fans are the flattened ones; the
    attention_options fixture's decoder passes kernel_init (query, key, value),
    out_kernel_init and out_bias_init (out), and its other biases keep Flax's zeros."""
    mod = output("attention_options", target)
    rngs = mod.Rngs(0)
    truncated = 0.87962566103423978
    general = mod.LinearGeneral((40, 10), (30, 20), rngs=rngs)
    kernel = initial_kernel(general, target)
    assert kernel.shape == (40, 10, 30, 20)
    lecun = np.sqrt(1 / 400)
    check_distribution(kernel, lecun, 2 * lecun / truncated, "lecun_normal, fan-in 400")
    assert not np.any(initial_kernel(general, target, "bias"))
    xavier = mod.LinearGeneral(400, (20, 15), kernel_init=mod.qkv_init, rngs=rngs)
    bound = np.sqrt(6 / 700)
    kernel = initial_kernel(xavier, target)
    check_distribution(kernel, bound / np.sqrt(3), bound, "xavier_uniform (400, 300)")
    biased = mod.LinearGeneral(3, (2, 4), bias_init=mod.out_bias_init, rngs=rngs)
    assert np.all(initial_kernel(biased, target, "bias") == np.float32(0.1))

    attention = mod.MultiHeadAttention(
        4,
        400,
        kernel_init=mod.qkv_init,
        out_kernel_init=mod.out_init,
        out_bias_init=mod.out_bias_init,
        rngs=rngs,
    )
    bound = np.sqrt(6 / 800)
    for name in ("query", "key", "value"):
        projection = getattr(attention, name)
        kernel = initial_kernel(projection, target)
        assert kernel.shape == (400, 4, 100), name
        check_distribution(kernel, bound / np.sqrt(3), bound, f"{name} xavier_uniform")
        assert not np.any(initial_kernel(projection, target, "bias")), name
    check_distribution(
        initial_kernel(attention.out, target), 0.02, 0.02 * 6, "out normal(0.02)"
    )
    assert np.all(initial_kernel(attention.out, target, "bias") == np.float32(0.1))
    default = mod.MultiHeadAttention(4, 400, rngs=rngs)
    kernel = initial_kernel(default.query, target)
    check_distribution(kernel, lecun, 2 * lecun / truncated, "query lecun_normal")
    kernel = initial_kernel(default.out, target)
    check_distribution(kernel, lecun, 2 * lecun / truncated, "out lecun_normal")


@pytest.mark.parametrize("target", TARGETS)
def test_recurrent_cells_take_their_initializers(target: str) -> None:
    """The cells' kernels start as Flax's: LeCun normal on the input side and orthogonal
    on the hidden side by default (LSTMCell's modified_orthogonal is the same draw), zero
    biases; the rnn fixture's SimpleCell passes he_normal, orthogonal(2.0) and
    constant(0.5), and the other cells take them too, on the side Flax gives them."""
    mod = output("rnn", target)
    rngs = mod.Rngs(0)
    truncated = 0.87962566103423978
    lstm = mod.LSTMCell(300, 200, rngs=rngs)
    lecun = np.sqrt(1 / 300)
    for name in ("ii", "if_", "ig", "io"):
        kernel = initial_kernel(getattr(lstm, name), target)
        check_distribution(kernel, lecun, 2 * lecun / truncated, f"{name} lecun_normal")
    for name in ("hi", "hf", "hg", "ho"):
        assert_orthonormal(initial_kernel(getattr(lstm, name), target), 1.0, name)
        assert not np.any(initial_kernel(getattr(lstm, name), target, "bias")), name
    optimized = mod.OptimizedLSTMCell(20, 10, rngs=rngs)
    assert_orthonormal(initial_kernel(optimized.dense_h, target), 1.0, "(10, 40)")

    given = {
        "kernel_init": mod.cell_kernel_init,
        "recurrent_kernel_init": mod.recurrent_init,
        "bias_init": mod.cell_bias_init,
        "rngs": rngs,
    }
    he_std = np.sqrt(2 / 300)
    simple = mod.SimpleCell(300, 200, **given)
    gru = mod.GRUCell(300, 200, **given)
    for cell in (simple, gru):
        kernel = initial_kernel(cell.dense_i, target)
        check_distribution(kernel, he_std, 2 * he_std / truncated, "he_normal")
        assert np.all(initial_kernel(cell.dense_i, target, "bias") == np.float32(0.5))
        assert_orthonormal(initial_kernel(cell.dense_h, target), 2.0, "orthogonal(2)")
    lstm = mod.LSTMCell(300, 200, **given)
    check_distribution(
        initial_kernel(lstm.ii, target), he_std, 2 * he_std / truncated, "ii he_normal"
    )
    assert_orthonormal(initial_kernel(lstm.hi, target), 2.0, "hi orthogonal(2)")
    assert np.all(initial_kernel(lstm.hi, target, "bias") == np.float32(0.5))


def initial_arrays(fixture: str, target: str, seed: int) -> list[np.ndarray]:
    """Every array of the fixture's model built from Rngs(seed), in Flax's layout and in
    the order of the Flax model's Variables; the global random states are reseeded first
    (differently each call), to show that the weights do not depend on them."""
    import random

    mod = output(fixture, target)
    initial_arrays.calls = getattr(initial_arrays, "calls", 0) + 1
    random.seed(initial_arrays.calls)
    np.random.seed(initial_arrays.calls)
    if target == "torch":
        import torch

        torch.manual_seed(initial_arrays.calls)
    model = CASES[fixture]["build"](mod, mod.Rngs(seed))
    paths = [path for path, _ in mod.flax_arrays(flax_model(fixture))]
    return [target_array(model, path, target) for path in paths]


@pytest.mark.parametrize(
    "fixture",
    ["initialized_layers", "lora_einsum", "rnn", "transformer", "weight_spectral_norm"],
)
@pytest.mark.parametrize("target", TARGETS)
def test_models_built_from_one_seed_start_equal(fixture: str, target: str) -> None:
    """A model built twice from Rngs(0) starts from bitwise equal weights (whatever the
    global random states), and one built from Rngs(1) from other ones: the layers draw
    from the Rngs' params stream."""
    first, again, other = (initial_arrays(fixture, target, seed) for seed in (0, 0, 1))
    assert len(first) > 3
    for k, (a, b) in enumerate(zip(first, again)):
        assert np.array_equal(a, b), f"array {k} differs between two Rngs(0) builds"
    assert not all(np.array_equal(a, c) for a, c in zip(first, other)), "Rngs(1)"


@pytest.mark.parametrize("target", TARGETS)
def test_dropout_is_random_unless_deterministic(target: str) -> None:
    """nnx.Dropout semantics on the target: identity when deterministic, else
    zeros with probability rate and survivors scaled by 1 / (1 - rate)."""
    mod = output("mlp", target)
    rate = 0.5
    x = np.ones((200, 50), np.float32)
    dropout = mod.Dropout(rate, rngs=mod.Rngs(0))
    if target == "torch":
        dropout.train()
    kept = to_numpy(dropout(to_framework(target, x)))
    assert set(np.unique(kept)) <= {0.0, 2.0}
    assert abs(float(np.mean(kept == 0.0)) - rate) < 0.05
    assert np.array_equal(
        to_numpy(dropout(to_framework(target, x), deterministic=True)), x
    )
    fixed = mod.Dropout(rate, deterministic=True)
    assert np.array_equal(to_numpy(fixed(to_framework(target, x))), x)
    if target == "tensorflow":
        # Keras' training flag: fit trains, predict and evaluate do not
        dropout_in = to_framework(target, x)
        assert np.array_equal(to_numpy(dropout(dropout_in, training=False)), x)
        assert not np.array_equal(to_numpy(fixed(dropout_in, training=True)), x)
    if target == "torch":
        # as Flax's model.train() / model.eval() set `deterministic` on every Dropout
        fixed.train()
        assert not np.array_equal(to_numpy(fixed(to_framework(target, x))), x)
        fixed.eval()
        assert np.array_equal(to_numpy(fixed(to_framework(target, x))), x)


# ---- BatchNorm -----------------------------------------------------------

BATCH_STAT_PARAMS = params_with("batch_stats")
# torch's BatchNorm buffers are named as torch.nn.BatchNorm's (load_flax_state renames)
TORCH_STAT_NAMES = {"mean": "running_mean", "var": "running_var"}


def flax_batch_stats(reference) -> dict[tuple[str, ...], np.ndarray]:
    """Path -> value of every nnx.BatchStat of a Flax model."""
    from flax import nnx

    return {
        tuple(str(k) for k in path): np.asarray(value)
        for path, value in nnx.to_flat_state(nnx.state(reference, nnx.BatchStat))
    }


def target_stat(model, path: tuple[str, ...], target: str) -> np.ndarray:
    """The target's value of the Variable at a Flax path."""
    *parents, name = path
    owner = model
    for key in parents:
        owner = getattr(owner, key)
    if target == "torch":
        return to_numpy(getattr(owner, TORCH_STAT_NAMES.get(name, name)))
    value = getattr(owner, name)
    return to_numpy(value.value if target == "tensorflow" else value)


def assert_batch_stats_match(
    reference, model, target: str, what: str, rtol: float
) -> None:
    stats = flax_batch_stats(reference)
    assert stats
    for path, expected in stats.items():
        actual = target_stat(model, path, target)
        assert_close(actual, expected, f"{'.'.join(path)} {what}", rtol)


@pytest.mark.parametrize(("fixture", "target"), BATCH_STAT_PARAMS)
def test_batch_stats_follow_flax(fixture: str, target: str) -> None:
    """Running averages after each training-mode call: Flax's momentum (the decay)
    and biased batch variance; use_running_average=True leaves them alone."""
    case = CASES[fixture]
    reference = flax_model(fixture)
    model = target_model(fixture, target, reference)
    initial = flax_batch_stats(reference)
    for call, args in enumerate(case["inputs"], 1):
        reference(*args)
        model(*(to_framework(target, a) for a in args))
        assert_batch_stats_match(
            reference, model, target, f"after {call} call(s)", case_rtol(fixture)
        )
    stats = flax_batch_stats(reference)
    assert any(not np.array_equal(stats[p], initial[p]) for p in stats)
    args = case["inputs"][0]
    reference(*args, use_running_average=True)
    model(*(to_framework(target, a) for a in args), use_running_average=True)
    assert_batch_stats_match(
        reference, model, target, "after a running-average call", case_rtol(fixture)
    )


def set_mode(model, target: str, mod, training: bool) -> dict:
    """Puts a transpiled model in Flax's train/eval mode; returns the call's keyword arguments."""
    if target == "torch":
        model.train(training)
        return {}
    if target == "tensorflow":
        return {"training": training}
    for layer in vars(model).values():
        if hasattr(layer, "use_running_average"):  # BatchNorm, SpectralNorm
            layer.use_running_average = not training
    return {}


@pytest.mark.parametrize("target", TARGETS)
def test_batchnorm_modes_follow_flax(target: str) -> None:
    """Flax's model.eval() (every BatchNorm uses its running averages) and
    model.train() (every BatchNorm, also one built with use_running_average=True,
    uses and updates batch statistics), switched the target's way."""
    fixture = "batchnorm"
    reference = flax_model(fixture)
    model = target_model(fixture, target, reference)
    mod = output(fixture, target)
    (x,), (y,) = CASES[fixture]["inputs"]
    reference(x)
    model(to_framework(target, x))
    for training in (False, True, False):
        if training:
            reference.train()
        else:
            reference.eval()
        kwargs = set_mode(model, target, mod, training)
        expected = reference(y)
        actual = model(to_framework(target, y), **kwargs)
        mode = "train" if training else "eval"
        rtol = case_rtol(fixture)
        assert_close(actual, expected, f"output in {mode} mode", rtol)
        assert_batch_stats_match(reference, model, target, f"after a {mode} call", rtol)


# torch's names of the Flax arrays that load_flax_state renames
TORCH_NAMES = {
    "kernel": "weight",
    "scale": "weight",
    "embedding": "weight",
    **TORCH_STAT_NAMES,
}


def target_array(model, path: tuple[str, ...], target: str) -> np.ndarray:
    """The target's array at a Flax path (as flax_arrays names it), in Flax's layout:
    load_flax_state's mapping inverted."""
    *parents, name = path
    owner = model
    for key in parents:
        if isinstance(owner, (list, tuple)):
            owner = owner[int(key)]
        else:
            owner = owner[key] if isinstance(owner, dict) else getattr(owner, key)
    if isinstance(owner, dict):
        return to_numpy(owner[name])
    if target == "tensorflow" and name == "embedding" and not hasattr(owner, name):
        return to_numpy(owner.embeddings)  # a keras.layers.Embedding
    if target == "torch" and not hasattr(owner, name):
        value = to_numpy(getattr(owner, TORCH_NAMES[name]))
        order = (*range(2, value.ndim), 1, 0)
        return np.transpose(value, order) if name == "kernel" else value
    value = getattr(owner, name)
    return to_numpy(value.value if hasattr(value, "value") else value)


@pytest.mark.parametrize("target", TARGETS)
def test_weight_and_spectral_norm_state_follows_flax(target: str) -> None:
    """After each call, in training and eval modes (Flax's model.train() / model.eval(),
    switched the target's way): the kernels WeightNorm and SpectralNorm write into their
    layers, WeightNorm's scales and SpectralNorm's u and sigma (moved only in training
    mode, or by update_stats) have Flax's values."""
    fixture = "weight_spectral_norm"
    reference = flax_model(fixture)
    model = target_model(fixture, target, reference)
    mod = output(fixture, target)
    inputs = CASES[fixture]["inputs"]
    rtol = case_rtol(fixture)
    initial = dict(mod.flax_arrays(reference))
    for call, (training, args) in enumerate(zip((True, True, False, True), inputs * 2)):
        if training:
            reference.train()
        else:
            reference.eval()
        kwargs = set_mode(model, target, mod, training)
        expected = reference(*args)
        actual = model(*(to_framework(target, a) for a in args), **kwargs)
        for j, (a, e) in enumerate(zip(leaves(actual), leaves(expected))):
            assert_close(a, e, f"call {call}, output {j}", rtol)
        arrays = dict(mod.flax_arrays(reference))
        for path, value in arrays.items():
            where = f"{'.'.join(path)} after call {call}"
            assert_close(target_array(model, path, target), value, where, rtol)
    moved = [p for p in arrays if not np.array_equal(arrays[p], initial[p])]
    assert ("spectral", "batch_stats", "kernel_u") in moved
    assert ("forced", "batch_stats", "kernel_sigma") in moved
    assert ("frozen", "batch_stats", "kernel_sigma") not in moved
    assert ("spectral_conv", "batch_stats", "kernel_u") not in moved
    assert ("weighted", "layer_instance", "kernel") in moved
