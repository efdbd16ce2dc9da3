"""Property tests: every elementwise and reduction row against JAX, at the edges.

`tests/property_checks.ts` derives the cases from the API tables (each
elementwise and reduction row of jax.numpy, jax.lax, jax.nn and
jax.scipy.special; the argument's dtype unknown to the transpiler, or known
through an `astype`; binary rows with each pair of dtypes and with Python
scalars) and transpiles them to every target in one run. Each case then meets,
in this one process:

- a fixed edge set per dtype, batched into one array per call: every float32
  edge (NaN, ±inf, ±0.0, huge and tiny normal magnitudes, halves), every int32
  edge (negative, extreme) and both bools; binary rows meet every pair of edges
  (the cross product, flattened), reductions a matrix whose rows each hold one
  edge pattern (a NaN, an inf, both infs, signed zeros, overflow) reduced over
  either axis;
- a 0-d array and an empty array (reductions of an empty array give their
  identities or NaN, as JAX does; a reduction over axis 0 of a 0-d array is
  left out because JAX rejects it);
- a few hypothesis examples (`JAXLATE_PROPERTY_EXAMPLES`, default 2; raise it
  for a deeper run) of the edge inputs' shapes. Every case of a kind has the
  same shapes whatever its dtypes, so XLA compiles each op a few times in all.

JAX and each target must give the target's array type (on NumPy a NumPy scalar
for a 0-d result, see README "Known differences") with JAX's shape and dtype;
bools and ints exactly; floats with NaNs and infinities (with their signs) at
the same places, zeros with JAX's sign, and finite values within a relative
`RTOL` (plus `ATOL` absolute, for results that underflow to zero; values below
float32's smallest normal on both sides are equal, as XLA flushes subnormals).

A case a target cannot express (the transpiler's diagnostic "<target> cannot
express `op`") is the expected result: counted, not compared. Where a target
computes something else than JAX and cannot do better, the divergence is listed
in `KNOWN` with its reason and a predicate that says which result elements (or
which examples) it covers: only those are left out of the comparison. Cases
whose generated code still differs from JAX are listed by API in `OPEN`, with
what is wrong: each is a strict xfail, so it must still fail, and a fix shows up
as XPASS.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from jaxlate_testing import TARGETS, deno_run, leaf_to_numpy, load_module, to_framework

# the edges overflow and meet NaN on purpose: NumPy's warnings about it are expected
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")
EXAMPLES = int(os.environ.get("JAXLATE_PROPERTY_EXAMPLES", "2"))
# float32 results: relative tolerance for last-ulp differences of transcendental functions
# between XLA's and the frameworks' implementations (a few ulps of float32 is ~3e-7)
RTOL = 1e-5
ATOL = 1e-30


@functools.cache
def generated() -> Path:
    """Runs tests/property_checks.ts once per session; returns its output folder."""
    out = Path(tempfile.mkdtemp(prefix="jaxlate_props_"))
    if not os.environ.get("JAXLATE_KEEP_CHECKS"):
        atexit.register(shutil.rmtree, out, ignore_errors=True)
    proc = deno_run("tests/property_checks.ts", str(out))
    if proc.returncode != 0 or not (out / "manifest.json").exists():
        raise RuntimeError(
            f"tests/property_checks.ts failed:\n{proc.stdout}\n{proc.stderr}"
        )
    return out


@functools.cache
def manifest() -> dict:
    return json.loads((generated() / "manifest.json").read_text())


@functools.cache
def modules() -> dict:
    out = generated()
    loaded = {"jax": load_module("jaxlate_props_jax", out / "jax_props.py")}
    for target in TARGETS:
        loaded[target] = load_module(f"jaxlate_props_{target}", out / f"{target}.py")
    return loaded


# ---- inputs --------------------------------------------------------------

F32 = np.finfo(np.float32)
# Subnormals are not drawn: XLA on CPU flushes them to zero (inputs and results),
# the frameworks keep them; results that become subnormal are left out (`KNOWN`).
FLOAT_EDGES = [
    np.nan, np.inf, -np.inf, 0.0, -0.0, 1e30, -1e30, 3e38, -3e38, 1e-30, -1e-30,
    2e-38, 0.5, -0.5, 1.5, 2.5, -2.5, 1.0, -1.0, 3.0, 100.0,
]  # fmt: skip
INT_EDGES = [0, 1, -1, 2, -2, 3, -7, 100, 2**31 - 1, -(2**31)]
BOOL_EDGES = [False, True]
DTYPES = {"float32": np.float32, "int32": np.int32, "bool": np.bool_}
EDGES = {"float32": FLOAT_EDGES, "int32": INT_EDGES, "bool": BOOL_EDGES}
# reduction rows: each one edge pattern, reduced over axis 1 (each row alone) and axis 0
NAN, INF = np.nan, np.inf
REDUCTION_ROWS = {
    "float32": [
        [1.0, 2.0, 3.0, 4.0],
        [NAN, 1.0, 2.0, 3.0],
        [INF, 1.0, -2.0, 3.0],
        [-INF, 1.0, 2.0, 3.0],
        [INF, -INF, 1.0, 2.0],
        [-0.0, -0.0, -0.0, -0.0],
        [0.0, -0.0, 0.0, -0.0],
        [3e38, 3e38, 1.0, 1.0],
        [1e-30, -1e-30, 1e-30, 2e-38],
        [-2.5, 2.5, 0.5, -1.5],
        [NAN, INF, -INF, 0.0],
    ],
    "int32": [
        [1, 2, 3, 4],
        [2**31 - 1, 1, 0, 0],
        [-(2**31), -1, 0, 0],
        [-7, 0, 3, -2],
        [0, 0, 0, 0],
        [100, 100, 100, 100],
    ],
    "bool": [
        [True, True, True, True],
        [False, False, False, False],
        [True, False, True, False],
    ],
}


def dtype_of(d: str) -> str:
    """`any` (a dtype the transpiler does not know) draws float32."""
    return "float32" if d == "any" else d


# Edges a row's JAX reference cannot take, and why.
EDGES_LEFT_OUT = {
    api: (
        {"int32": [-(2**31)]},
        "JAX's gcd/lcm loops forever on INT32_MIN (its abs overflows)",
    )
    for api in ("numpy.gcd", "numpy.lcm")
}


def edges_of(api: str, dtype: str) -> list:
    left_out = EDGES_LEFT_OUT.get(api, ({}, ""))[0].get(dtype, [])
    return [e for e in EDGES[dtype] if e not in left_out]


# Every edge input of a kind has one shape whatever its dtypes (the edges cycled to the longest
# list): XLA compiles an op once per shape and dtype, and the cases of a row share those.
EDGE_LEN = len(FLOAT_EDGES)
ROWS = len(REDUCTION_ROWS["float32"])


def edge_inputs(
    kind: str, dtypes: tuple[str, ...], api: str = ""
) -> list[tuple[str, list[np.ndarray]]]:
    """The fixed inputs of a case, each `(label, arrays)`."""
    ds = [dtype_of(d) for d in dtypes]
    edges = [
        np.resize(np.array(edges_of(api, d), dtype=DTYPES[d]), EDGE_LEN) for d in ds
    ]
    out: list[tuple[str, list[np.ndarray]]] = []
    if kind == "reduction":
        rows = np.array(REDUCTION_ROWS[ds[0]], dtype=DTYPES[ds[0]])
        out.append(("edge rows", [np.resize(rows, (ROWS, rows.shape[1]))]))
    elif len(ds) == 1:
        out.append(("edges", edges))
    else:
        out.append(
            ("edge pairs", [np.repeat(edges[0], EDGE_LEN), np.tile(edges[1], EDGE_LEN)])
        )
    out.append(("0-d", [np.array(edges_of(api, d)[-1], dtype=DTYPES[d]) for d in ds]))
    out.append(("empty", [np.zeros((0, 3), dtype=DTYPES[d]) for d in ds]))
    return out


def elements(dtype: str):
    if dtype == "float32":
        return st.floats(-1e6, 1e6, width=32, allow_subnormal=False, allow_nan=False)
    if dtype == "int32":
        return st.integers(-1000, 1000)
    return st.booleans()


def drawn_inputs(kind: str, dtypes: tuple[str, ...], api: str):
    """Arrays of the edge input's shapes (XLA compiled the op for them already)."""
    edges = edge_inputs(kind, dtypes, api)[0][1]
    return st.tuples(
        *[
            hnp.arrays(a.dtype, a.shape, elements=elements(dtype_of(d)))
            for a, d in zip(edges, dtypes)
        ]
    )


# ---- known differences ---------------------------------------------------

# A predicate gets the inputs and JAX's result; it gives True (the whole example),
# False, or a bool array of JAX's result shape (the result elements it covers).
Covers = Callable[[list[np.ndarray], np.ndarray], "bool | np.ndarray"]


@dataclass(frozen=True)
class Known:
    """A divergence from JAX a target cannot avoid, for the results `when` covers."""

    api: str
    targets: tuple[str, ...]
    reason: str
    when: Covers
    # only where the transpiler does not know the argument's dtype (`any` cases)
    unknown_only: bool = False


ALL = TARGETS


def int_beyond_float(arrays, want) -> bool:
    return any(
        a.dtype == np.int32 and bool(np.any(np.abs(a.astype(np.int64)) > 2**24))
        for a in arrays
    )


def at_int32_extremes(arrays, want) -> bool | np.ndarray:
    """The results of a unary op at INT32_MIN and INT32_MAX elements of an int32 input."""
    x = arrays[0]
    if x.dtype != np.int32:
        return False
    i32 = np.iinfo(np.int32)
    return np.broadcast_to((x == i32.min) | (x == i32.max), want.shape)


def at_lgamma_zero(arrays, want) -> np.ndarray:
    """The results of lgamma at 1 (True, int 1), where JAX's is not the exact 0."""
    return np.broadcast_to(arrays[0] == 1, want.shape)


def small_negative(arrays, want) -> np.ndarray:
    """The results of a unary op at float inputs in (-0.01, 0)."""
    x = arrays[0]
    return np.broadcast_to((x < 0) & (x > -0.01), want.shape)


def beyond_max_over_6(arrays, want) -> np.ndarray:
    """The results of a unary op at float inputs above float32's max / 6."""
    return np.broadcast_to(arrays[0] > F32.max / 6, want.shape)


def quotient_beyond_float(arrays, want) -> bool | np.ndarray:
    """The results of two finite floats whose quotient is 2**24 or more (`fmod(3e38, 1e-30)`)."""
    if len(arrays) < 2 or not np.issubdtype(want.dtype, np.floating):
        return False
    x, y = (a.astype(np.float64) for a in arrays)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.abs(x / y)
    return np.broadcast_to(np.isfinite(q) & (q >= 2**24), want.shape)


def false_times_nonfinite_or_negative(arrays, want) -> bool | np.ndarray:
    """The results of a float array times a bool array where the bool is False and the
    float NaN, an infinity or negative (-0.0 too): the product with 0.0 is NaN or -0.0."""
    if len(arrays) != 2 or not all(isinstance(a, np.ndarray) for a in arrays):
        return False
    bools = [a for a in arrays if a.dtype == np.bool_]
    floats = [a for a in arrays if np.issubdtype(a.dtype, np.floating)]
    if len(bools) != 1 or len(floats) != 1:
        return False
    b, f = bools[0], floats[0]
    with np.errstate(invalid="ignore"):
        edge = ~b & (~np.isfinite(f) | np.signbit(f))
    return np.broadcast_to(edge, want.shape)


KNOWN: list[Known] = [
    Known(
        "numpy.multiply",
        ALL,
        "XLA computes a float array times a bool array as a select (False gives 0.0) only where "
        "neither operand is broadcast (under broadcasting NaN * False is NaN): JAX's own result depends "
        "on the shapes; the targets multiply (NaN, -0.0)",
        false_times_nonfinite_or_negative,
    ),
    *[
        Known(
            api,
            ALL,
            "XLA's lgamma at 1 is 4.8e-7 (its Lanczos sum's rounding), the targets' the exact 0; "
            "matching it would mean XLA's algorithm in place of each framework's lgamma",
            at_lgamma_zero,
        )
        for api in ("lax.lgamma", "scipy.special.gammaln")
    ],
    Known(
        "nn.selu",
        ("tensorflow",),
        "tf.nn.selu computes exp(x) - 1, not expm1: at negative x near 0 its result is off by about "
        "1e-7 absolute (-1e-30 gives 0.0); JAX's expm1 form written out is 5x slower on 1M elements",
        small_negative,
    ),
    Known(
        "nn.hard_silu",
        ("torch",),
        "torch's hardswish multiplies x by relu6(x + 3) before dividing by 6: inf above float32's max / 6, "
        "where JAX's x * hard_sigmoid(x) is x; that product written out is 1.9x slower on 1M elements",
        beyond_max_over_6,
    ),
    *[
        Known(
            f"nn.{op}",
            ALL,
            "JAX computes -x (or abs(x) + 1) of an int32 argument in int32 before making it float: "
            "at INT32_MIN (INT32_MAX) that overflows, and its result is the overflow's, the targets' the float one",
            at_int32_extremes,
        )
        for op in ("soft_sign", "log_sigmoid", "sparse_plus", "sparse_sigmoid")
    ],
    *[
        Known(
            f"numpy.{op}",
            ALL,
            "a float32 mean of int32 values beyond 2**24 that cancel: the summation order "
            "(XLA's, the target's) decides the rounding",
            int_beyond_float,
        )
        for op in ("mean", "average", "nanmean")
    ],
    *[
        Known(
            f"numpy.{op}",
            ("torch",),
            "torch's vectorized fmod computes x - trunc(x / y) * y in float32: where the quotient is 2**24 or more "
            "that is inexact, and NaN where it overflows (XLA's is exact)",
            quotient_beyond_float,
        )
        for op in ("fmod", "remainder")
    ],
]


def known_mask(case: dict, target: str, arrays, want) -> np.ndarray | bool:
    """The result elements the known divergences cover (True: all)."""
    unknown = "any" in case["dtypes"]
    covered: np.ndarray | bool = False
    for k in KNOWN:
        if k.unknown_only and not unknown:
            continue
        if k.api not in ("*", case["api"]) or target not in k.targets:
            continue
        m = k.when(arrays, want)
        if m is True or (isinstance(m, np.ndarray) and m.any()):
            covered = True if m is True else np.logical_or(covered, m)
    return covered


# Cases that still diverge, by API: the generated code is wrong (to fix in the emitter row)
# or, with "cannot:", the target computes something else. Each listed case must still fail
# (a strict xfail): a fix shows up as XPASS and its entry goes. From the last full run.
# api -> (what is wrong, the failing cases' name suffixes)
OPEN: dict[str, tuple[str, tuple[str, ...]]] = {
    "numpy.max": (
        "the sign of a zero extremum: the targets' reductions give the 0.0 or -0.0 their loop meets (JAX: 0.0 for a max over both, -0.0 for a min)",
        ("any_last_keepdims", "float32_last_keepdims"),
    ),
    "numpy.min": (
        "the sign of a zero extremum: the targets' reductions give the 0.0 or -0.0 their loop meets (JAX: 0.0 for a max over both, -0.0 for a min)",
        ("any_last_keepdims", "float32_last_keepdims"),
    ),
    "numpy.nanmax": (
        "the sign of a zero extremum: the targets' reductions give the 0.0 or -0.0 their loop meets (JAX: 0.0 for a max over both, -0.0 for a min)",
        ("any_last_keepdims", "float32_last_keepdims"),
    ),
    "numpy.nanmin": (
        "the sign of a zero extremum: the targets' reductions give the 0.0 or -0.0 their loop meets (JAX: 0.0 for a max over both, -0.0 for a min)",
        ("any_last_keepdims", "float32_last_keepdims"),
    ),
}


def open_divergence(case: dict) -> str | None:
    reason, suffixes = OPEN.get(case["api"], ("", ()))
    prefix = "prop_" + case["api"].replace(".", "_") + "_"
    return reason if case["name"].removeprefix(prefix) in suffixes else None


# ---- comparison ----------------------------------------------------------


def compare(
    g: np.ndarray, want: np.ndarray, skip, max_norm: bool = False
) -> str | None:
    """Why `g` (a target's result as NumPy) is not JAX's `want` outside `skip`, or None.

    With `max_norm` (drawn examples, whose values are all of one scale), the
    error is also allowed `RTOL` of the largest finite result, as the API checks
    measure it: a variance of a constant column is 0 in JAX and a rounding-sized
    value elsewhere.
    """
    if g.shape != want.shape:
        return f"shape {g.shape}, JAX {want.shape}"
    if g.dtype != want.dtype:
        return f"dtype {g.dtype}, JAX {want.dtype}"
    keep = ~np.broadcast_to(np.asarray(skip, dtype=bool), want.shape)
    g, w = g[keep], want[keep]
    if not np.issubdtype(w.dtype, np.floating):
        bad = g != w
    else:
        gf, wf = g.astype(np.float64), w.astype(np.float64)
        finite = np.isfinite(wf)
        bad = (np.isnan(gf) != np.isnan(wf)) | (np.isinf(wf) & (gf != wf))
        bad |= finite & ~np.isfinite(gf)
        floor = RTOL * np.max(np.abs(wf[finite]), initial=0.0) if max_norm else 0.0
        close = np.abs(gf - wf) <= RTOL * np.abs(wf) + ATOL + floor
        bad |= finite & np.isfinite(gf) & ~close
        if not max_norm:  # zero signs on the edges (±0.0 and exact cancellations) only: drawn values vary by run
            bad |= (wf == 0) & (gf == 0) & (np.signbit(gf) != np.signbit(wf))
        # XLA on CPU flushes subnormal float32 (inputs and results) to zero, the targets keep them
        flushed = (
            (np.abs(gf) < F32.tiny) & (np.abs(wf) < F32.tiny) & ((gf != 0) | (wf != 0))
        )
        bad &= ~flushed
    if not np.any(bad):
        return None
    where = np.flatnonzero(bad)[:4]
    pairs = ", ".join(f"{g.ravel()[k]!r} (JAX {w.ravel()[k]!r})" for k in where)
    return f"{int(np.sum(bad))} of {w.size} values differ, e.g. {pairs}"


def describe(arrays) -> str:
    return ", ".join(f"{a.dtype}{list(a.shape)}" for a in arrays)


def check_inputs(case: dict, label: str, arrays: list[np.ndarray]) -> list[str]:
    """Every target against JAX on one input; the problems found."""
    import jax.numpy as jnp

    fn = case["name"]
    x, y = (list(arrays) + [None])[:2]
    try:
        want_raw = getattr(modules()["jax"], fn)(
            jnp.asarray(x), None if y is None else jnp.asarray(y)
        )
    except (TypeError, ValueError, IndexError):
        # JAX rejects these inputs (axis 0 of a 0-d array, mixed lax dtypes): so must the targets, unchecked
        return []
    want = leaf_to_numpy("jax", want_raw)
    problems = []
    for target in TARGETS:
        failure = manifest()["failures"][target].get(fn)
        if failure:
            if not not_expressible(target, failure):
                problems.append(f"{target}: did not transpile: {failure}")
            continue
        args = [to_framework(target, a) for a in (x, y)]
        skip = known_mask(case, target, arrays, want)
        if skip is True:
            continue
        if target == "tensorflow":
            forget_tensorflow_scalars()
        try:
            got = getattr(modules()[target], fn)(*args, None, None)
            why = compare(leaf_to_numpy(target, got), want, skip, label == "drawn")
        except Exception as e:  # noqa: BLE001 - any target error is a divergence
            why = f"raised {type(e).__name__}: {str(e)[:200]}"
        if why:
            problems.append(f"{target} on {label} ({describe(arrays)}): {why}")
    return problems


def forget_tensorflow_scalars() -> None:
    """Empty TensorFlow's eager cache of converted Python scalars.

    The cache keys a scalar by `==`, so 0.0 and -0.0 share one entry: once a case converted
    -0.0, a later case's 0.0 comes back as -0.0. Without this a case's signed zeros would
    depend on the cases run before it (in CI, the whole suite).
    """
    from tensorflow.python import pywrap_tfe

    pywrap_tfe.TFE_ClearScalarCache()


def not_expressible(target: str, failure: str) -> bool:
    """The transpiler's diagnostic that the target has no such op: the expected result."""
    return re.search(rf"{target} cannot express `\w+`: \S", failure) is not None


def case_params():
    params = []
    for c in manifest()["cases"]:
        reason = open_divergence(c)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(c, id=c["name"], marks=marks))
    return params


@pytest.mark.parametrize("case", case_params())
def test_property(case: dict) -> None:
    dtypes = tuple(case["dtypes"])
    problems = []
    for label, arrays in edge_inputs(case["kind"], dtypes, case["api"]):
        problems += check_inputs(case, label, arrays)
    assert not problems, f"{case['expr']}:\n" + "\n".join(problems)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=list(HealthCheck),
    )
    @given(drawn_inputs(case["kind"], dtypes, case["api"]))
    def drawn(arrays):
        found = check_inputs(case, "drawn", list(arrays))
        inputs_text = "; ".join(repr(a.tolist()) for a in arrays)
        assert not found, f"{case['expr']} on {inputs_text}:\n" + "\n".join(found)

    if set(dtypes) != {"bool"}:  # the bool edges are every bool input already
        drawn()


def test_not_expressible_cases_name_their_op() -> None:
    """Every transpile failure of a case is a "cannot express" diagnostic (the rest fail in test_property)."""
    expressible = {
        t: [
            n for n, f in manifest()["failures"][t].items() if not not_expressible(t, f)
        ]
        for t in TARGETS
    }
    assert expressible == {t: [] for t in TARGETS}
