/**
 * optax's functional API on every target: each transform a
 * `GradientTransformation` (`init(params)` gives the state,
 * `update(updates, state, params=None)` the transformed updates and the next
 * state) over parameter pytrees (dicts, lists, tuples), computing optax
 * 0.2.8's formulas in its order, and `apply_updates`. Written once here over
 * a target's vocabulary (`OptaxVocabulary`), like the losses and schedules.
 * An update count is a Python int, 0 before the first update, as optax's
 * int32 count; bias corrections are `1 - decay**count` as optax computes them.
 *
 * @module
 */
import type { CoreOp } from "../ivy/ops.ts";
import type { EmitRow, Helper } from "./emitter.ts";
import type { OptaxVocabulary } from "./optax.ts";

/** The functional transforms' core ops, each emitted as a call of its helper. */
export const OPTAX_TRANSFORM_OPS = {
  tx_sgd: { emit: "sgd(learning_rate, momentum=momentum, nesterov=nesterov)", helpers: ["sgd"] },
  tx_adam: {
    emit: "adam(learning_rate, b1=b1, b2=b2, eps=eps, eps_root=eps_root, mu_dtype=mu_dtype, nesterov=nesterov)",
    helpers: ["adam"],
  },
  tx_adamw: {
    emit: "adamw(learning_rate, b1=b1, b2=b2, eps=eps, eps_root=eps_root, mu_dtype=mu_dtype, " +
      "weight_decay=weight_decay, mask=mask, nesterov=nesterov)",
    helpers: ["adamw"],
  },
  tx_adabelief: {
    emit: "adabelief(learning_rate, b1=b1, b2=b2, eps=eps, eps_root=eps_root, nesterov=nesterov)",
    helpers: ["adabelief"],
  },
  tx_lion: {
    emit: "lion(learning_rate, b1=b1, b2=b2, mu_dtype=mu_dtype, weight_decay=weight_decay, mask=mask)",
    helpers: ["lion"],
  },
  tx_adafactor: {
    emit: "adafactor(learning_rate, min_dim_size_to_factor=min_dim_size_to_factor, decay_rate=decay_rate, " +
      "decay_offset=decay_offset, multiply_by_parameter_scale=multiply_by_parameter_scale, " +
      "clipping_threshold=clipping_threshold, momentum=momentum, weight_decay_rate=weight_decay_rate, eps=eps, " +
      "factored=factored, weight_decay_mask=weight_decay_mask)",
    helpers: ["adafactor"],
  },
  tx_lamb: {
    emit: "lamb(learning_rate, b1=b1, b2=b2, eps=eps, eps_root=eps_root, weight_decay=weight_decay, mask=mask)",
    helpers: ["lamb"],
  },
  tx_clip_by_global_norm: {
    emit: "clip_by_global_norm_transform(max_norm)",
    helpers: ["clip_by_global_norm_transform"],
  },
  tx_clip: { emit: "clip(max_delta)", helpers: ["clip"] },
  tx_scale: { emit: "scale(step_size)", helpers: ["scale"] },
  tx_scale_by_schedule: { emit: "scale_by_schedule(step_size_fn)", helpers: ["scale_by_schedule"] },
  tx_add_decayed_weights: {
    emit: "add_decayed_weights_transform(weight_decay=weight_decay, mask=mask)",
    helpers: ["add_decayed_weights_transform"],
  },
  tx_chain: { emit: "chain(*transforms)", helpers: ["chain"] },
  tx_multi_steps: {
    emit: "MultiSteps(opt, every_k_schedule=every_k_schedule, use_grad_mean=use_grad_mean)",
    helpers: ["MultiSteps"],
  },
  tx_inject_hyperparams: {
    emit: "inject_hyperparams(inner_factory, static_args=static_args)",
    helpers: ["inject_hyperparams"],
  },
  apply_updates: { emit: "apply_updates(params, updates)", helpers: ["apply_updates"] },
} as const satisfies Partial<Record<CoreOp, EmitRow>>;

/** The output's imports of the `GradientTransformation` class. */
const TUPLE_IMPORTS = { NamedTuple: "from typing import NamedTuple", Callable: "from collections.abc import Callable" };

/**
 * The functional optax helpers of one target.
 *
 * @param v The target's vocabulary.
 * @returns Helper name to its definition.
 */
export function optaxTransformHelpers(v: OptaxVocabulary): Record<string, Helper> {
  // the vocabulary's own helpers are those of its log-softmax and logsumexp, which no transform uses
  const helper = (source: string, needs: readonly string[]): Helper => ({ source, needs });
  const zeros = `lambda p: ${v.zerosLike("p")}`;
  const decayed = "add_decayed_weights_transform(weight_decay, mask)";
  // a first moment kept in mu_dtype (None: the parameters'), as optax keeps it; `b1 * m` is computed in that dtype
  // (rounded to it, as JAX computes it), then promoted

  return {
    GradientTransformation: {
      source: `
class GradientTransformation(NamedTuple):
    """optax.GradientTransformation: init(params) gives the state; update(updates,
    state, params=None) gives the transformed updates and the next state."""

    init: Callable
    update: Callable
`,
      imports: TUPLE_IMPORTS,
    },
    chain: helper(
      `
def chain(*transforms):
    """optax.chain: the transforms applied in order; the state is the tuple of theirs."""

    def init(params):
        return tuple(t.init(params) for t in transforms)

    def update(updates, state, params=None):
        new_state = []
        for transform, inner in zip(transforms, state, strict=True):
            updates, inner = transform.update(updates, inner, params)
            new_state.append(inner)
        return updates, tuple(new_state)

    return GradientTransformation(init, update)
`,
      ["GradientTransformation"],
    ),
    scale: helper(
      `
def scale(step_size):
    """optax.scale: each update times step_size."""

    def update(updates, state, params=None):
        return tree_map(lambda g: step_size * g, updates), state

    return GradientTransformation(lambda params: (), update)
`,
      ["GradientTransformation", "tree_map"],
    ),
    scale_by_schedule: helper(
      `
def scale_by_schedule(step_size_fn):
    """optax.scale_by_schedule: each update times step_size_fn(count), the count of
    updates before this one (the state)."""

    def update(updates, count, params=None):
        step_size = ${v.float32("step_size_fn(count)")}
        return tree_map(lambda g: ${v.castLike("step_size", "g")} * g, updates), count + 1

    return GradientTransformation(lambda params: 0, update)
`,
      ["GradientTransformation", "tree_map"],
    ),
    scale_by_learning_rate: helper(
      `
def scale_by_learning_rate(learning_rate):
    """optax.scale_by_learning_rate: each update times -learning_rate (a number, or a
    schedule of the update count)."""
    if callable(learning_rate):
        return scale_by_schedule(lambda count: -learning_rate(count))
    return scale(-learning_rate)
`,
      ["scale", "scale_by_schedule"],
    ),
    clip: helper(
      `
def clip(max_delta):
    """optax.clip: each update clipped to [-max_delta, max_delta]."""

    def update(updates, state, params=None):
        clipped = tree_map(lambda g: ${v.minimum(v.maximum("g", "-max_delta"), "max_delta")}, updates)
        return clipped, state

    return GradientTransformation(lambda params: (), update)
`,
      ["GradientTransformation", "tree_map"],
    ),
    clip_by_global_norm_transform: helper(
      `
def clip_by_global_norm_transform(max_norm):
    """optax.clip_by_global_norm: the updates scaled by max_norm / their global norm
    when that norm is not below max_norm."""

    def update(updates, state, params=None):
        norm = global_norm(updates)
        clipped = tree_map(
            lambda t: ${v.where("norm < max_norm", "t", `(t / ${v.castLike("norm", "t")}) * max_norm`)},
            updates,
        )
        return clipped, state

    return GradientTransformation(lambda params: (), update)
`,
      ["GradientTransformation", "tree_map", "global_norm"],
    ),
    add_decayed_weights_transform: helper(
      `
def add_decayed_weights_transform(weight_decay=0.0, mask=None):
    """optax.add_decayed_weights: each update plus weight_decay (a number, or a
    schedule of the update count) times its parameter, where mask (None: everywhere; a
    pytree of bools like the parameters, or a function of the updates giving one) is
    True. The state is the update count."""

    def update(updates, count, params=None):
        if params is None:
            raise ValueError("add_decayed_weights needs the parameters: update(updates, state, params)")
        decay = weight_decay(count) if callable(weight_decay) else weight_decay
        where = mask(updates) if callable(mask) else mask
        if where is None:
            decayed = tree_map(lambda g, p: g + decay * p, updates, params)
        else:
            decayed = tree_map(lambda g, p, m: g + decay * p if m else g, updates, params, where)
        return decayed, count + 1

    return GradientTransformation(lambda params: 0, update)
`,
      ["GradientTransformation", "tree_map"],
    ),
    trace: helper(
      `
def trace(decay, nesterov=False):
    """optax.trace: each update plus decay times the trace of the past ones (the
    state); with nesterov, the update plus decay times the new trace."""

    def init(params):
        return tree_map(${zeros}, params)

    def update(updates, state, params=None):
        new_trace = tree_map(lambda g, t: g + decay * t, updates, state)
        if nesterov:
            return tree_map(lambda g, t: g + decay * t, updates, new_trace), new_trace
        return new_trace, new_trace

    return GradientTransformation(init, update)
`,
      ["GradientTransformation", "tree_map"],
    ),
    sgd: helper(
      `
def sgd(learning_rate, momentum=None, nesterov=False):
    """optax.sgd: a trace of the updates with decay momentum (none without it),
    scaled by -learning_rate."""
    if momentum is None:
        return chain(scale_by_learning_rate(learning_rate))
    return chain(trace(momentum, nesterov), scale_by_learning_rate(learning_rate))
`,
      ["chain", "trace", "scale_by_learning_rate"],
    ),
    cast_tree: helper(
      `
def cast_tree(tree, dtype):
    """optax.tree.cast: each leaf cast to dtype; the tree itself when dtype is None."""
    if dtype is None:
        return tree
    return tree_map(lambda t: ${v.castTo("t", "dtype")}, tree)
`,
      ["tree_map"],
    ),
    weak: helper(
      `
def weak(number, dtype):
    """A Python number as JAX makes it where it meets an array of dtype (its weak type):
    a number of dtype; the number itself when dtype is None (the parameters')."""
    return number if dtype is None else ${v.castTo(v.float32("number"), "dtype")}
`,
      [],
    ),
    bias_corrected_moment: helper(
      `
def bias_corrected_moment(mu, updates, b1, count, nesterov=False):
    """optax's bias-corrected first moment after count updates: mu / (1 - b1**count);
    with nesterov, b1 times it a step ahead plus (1 - b1) times the corrected update."""
    correction = 1 - b1**count
    if not nesterov:
        return tree_map(lambda m: m / correction, mu)
    ahead = 1 - b1 ** (count + 1)
    return tree_map(lambda m, g: b1 * (m / ahead) + (1 - b1) * (g / correction), mu, updates)
`,
      ["tree_map"],
    ),
    scale_by_adam: helper(
      `
def scale_by_adam(b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0, mu_dtype=None, nesterov=False):
    """optax.scale_by_adam: the bias-corrected first moment over the square root of
    the bias-corrected second one (plus eps_root), plus eps. The state is the update
    count and both moments, the first kept in mu_dtype (None: the parameters')."""

    def init(params):
        return 0, cast_tree(tree_map(${zeros}, params), mu_dtype), tree_map(${zeros}, params)

    def update(updates, state, params=None):
        count, mu, nu = state
        mu = tree_map(lambda g, m: (1 - b1) * g + ${v.promotedLike("weak(b1, mu_dtype) * m", "g")}, updates, mu)
        nu = tree_map(lambda g, n: (1 - b2) * g**2 + b2 * n, updates, nu)
        count += 1
        mu_hat = bias_corrected_moment(mu, updates, b1, count, nesterov)
        nu_correction = 1 - b2**count

        def scaled(m, n):
            return m / (${v.sqrt("n / nu_correction + eps_root")} + eps)

        return tree_map(scaled, mu_hat, nu), (count, cast_tree(mu, mu_dtype), nu)

    return GradientTransformation(init, update)
`,
      ["GradientTransformation", "tree_map", "bias_corrected_moment", "cast_tree", "weak"],
    ),
    adam: helper(
      `
def adam(learning_rate, b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0, mu_dtype=None, *, nesterov=False):
    """optax.adam: scale_by_adam, then -learning_rate."""
    return chain(
        scale_by_adam(b1, b2, eps, eps_root, mu_dtype, nesterov), scale_by_learning_rate(learning_rate)
    )
`,
      ["chain", "scale_by_adam", "scale_by_learning_rate"],
    ),
    adamw: helper(
      `
def adamw(
    learning_rate,
    b1=0.9,
    b2=0.999,
    eps=1e-08,
    eps_root=0.0,
    mu_dtype=None,
    weight_decay=0.0001,
    mask=None,
    *,
    nesterov=False,
):
    """optax.adamw: scale_by_adam, plus the decayed weights where mask is True, then
    -learning_rate."""
    return chain(
        scale_by_adam(b1, b2, eps, eps_root, mu_dtype, nesterov),
        ${decayed},
        scale_by_learning_rate(learning_rate),
    )
`,
      ["chain", "scale_by_adam", "add_decayed_weights_transform", "scale_by_learning_rate"],
    ),
    scale_by_belief: helper(
      `
def scale_by_belief(b1=0.9, b2=0.999, eps=1e-16, eps_root=1e-16, nesterov=False):
    """optax.scale_by_belief (AdaBelief): the bias-corrected first moment over the
    square root of the bias-corrected second moment of its prediction error, plus eps."""

    def init(params):
        return 0, tree_map(${zeros}, params), tree_map(${zeros}, params)

    def update(updates, state, params=None):
        count, mu, nu = state
        mu = tree_map(lambda g, m: (1 - b1) * g + b1 * m, updates, mu)
        nu = tree_map(lambda g, m, n: (1 - b2) * (g - m) ** 2 + b2 * n + eps_root, updates, mu, nu)
        count += 1
        mu_hat = bias_corrected_moment(mu, updates, b1, count, nesterov)
        nu_correction = 1 - b2**count

        def scaled(m, n):
            return m / (${v.sqrt("n / nu_correction")} + eps)

        return tree_map(scaled, mu_hat, nu), (count, mu, nu)

    return GradientTransformation(init, update)
`,
      ["GradientTransformation", "tree_map", "bias_corrected_moment"],
    ),
    adabelief: helper(
      `
def adabelief(learning_rate, b1=0.9, b2=0.999, eps=1e-16, eps_root=1e-16, *, nesterov=False):
    """optax.adabelief: scale_by_belief, then -learning_rate."""
    return chain(
        scale_by_belief(b1, b2, eps, eps_root, nesterov), scale_by_learning_rate(learning_rate)
    )
`,
      ["chain", "scale_by_belief", "scale_by_learning_rate"],
    ),
    scale_by_lion: helper(
      `
def scale_by_lion(b1=0.9, b2=0.99, mu_dtype=None):
    """optax.scale_by_lion: the sign of the update interpolated with the momentum by b1;
    the momentum (the state, with the update count, kept in mu_dtype: None for the
    parameters') then decays by b2."""

    def init(params):
        return 0, cast_tree(tree_map(${zeros}, params), mu_dtype)

    def update(updates, state, params=None):
        count, mu = state
        signs = tree_map(
            lambda g, m: ${v.sign(`(1.0 - b1) * g + ${v.promotedLike("weak(b1, mu_dtype) * m", "g")}`)}, updates, mu
        )
        mu = tree_map(lambda g, m: (1 - b2) * g + ${v.promotedLike("weak(b2, mu_dtype) * m", "g")}, updates, mu)
        return signs, (count + 1, cast_tree(mu, mu_dtype))

    return GradientTransformation(init, update)
`,
      ["GradientTransformation", "tree_map", "cast_tree", "weak"],
    ),
    lion: helper(
      `
def lion(learning_rate, b1=0.9, b2=0.99, mu_dtype=None, weight_decay=0.001, mask=None):
    """optax.lion: scale_by_lion, plus the decayed weights where mask is True, then
    -learning_rate."""
    return chain(scale_by_lion(b1, b2, mu_dtype), ${decayed}, scale_by_learning_rate(learning_rate))
`,
      ["chain", "scale_by_lion", "add_decayed_weights_transform", "scale_by_learning_rate"],
    ),
    scale_by_trust_ratio: helper(
      `
def scale_by_trust_ratio():
    """optax.scale_by_trust_ratio: each update times its parameter's norm over its
    own, or 1 where either norm is 0."""

    def scaled(u, p):
        param_norm = ${v.sqrt(v.sum("p**2"))}
        update_norm = ${v.sqrt(v.sum("u**2"))}
        ratio = param_norm / update_norm
        return u * ${v.where("(param_norm == 0.0) | (update_norm == 0.0)", `${v.zerosLike("ratio")} + 1.0`, "ratio")}

    def update(updates, state, params=None):
        if params is None:
            raise ValueError("scale_by_trust_ratio needs the parameters: update(updates, state, params)")
        return tree_map(scaled, updates, params), state

    return GradientTransformation(lambda params: (), update)
`,
      ["GradientTransformation", "tree_map"],
    ),
    lamb: helper(
      `
def lamb(learning_rate, b1=0.9, b2=0.999, eps=1e-06, eps_root=0.0, weight_decay=0.0, mask=None):
    """optax.lamb: scale_by_adam, plus the decayed weights where mask is True, scaled
    by the trust ratio, then -learning_rate."""
    return chain(
        scale_by_adam(b1, b2, eps, eps_root),
        ${decayed},
        scale_by_trust_ratio(),
        scale_by_learning_rate(learning_rate),
    )
`,
      ["chain", "scale_by_adam", "add_decayed_weights_transform", "scale_by_trust_ratio", "scale_by_learning_rate"],
    ),
    mean_over: {
      source: `
def mean_over(x, axis=None, keepdims=False):
    """jnp.mean of x over axis (every axis when None): the sum over the count."""
    if axis is None:
        return ${v.sum("x")} / math.prod(x.shape)
    total = ${v.sum("x", "axis", true)} if keepdims else ${v.sum("x", "axis")}
    return total / x.shape[axis]
`,
      imports: { math: "import math" },
    },
    scale_by_factored_rms: helper(
      `
def scale_by_factored_rms(factored=True, decay_rate=0.8, step_offset=0, min_dim_size_to_factor=128, epsilon=1e-30):
    """optax.scale_by_factored_rms (Adafactor's scaling): each update over the root of
    a moving average of its squares plus epsilon, decayed by 1 - (step + 1)**-decay_rate.
    An array with two axes of at least min_dim_size_to_factor keeps that average
    factored: its means over the largest axis (v_row) and over the second largest
    (v_col). The state is the update count, v_row, v_col and the unfactored averages
    (0-d zeros where a parameter has none)."""

    def factored_dims(p):
        shape = tuple(p.shape)
        if not factored or len(shape) < 2:
            return None
        order = sorted(range(len(shape)), key=lambda i: shape[i])
        if shape[order[-2]] < min_dim_size_to_factor:
            return None
        return order[-2], order[-1]

    def placeholder(p):
        return ${v.zerosLike(v.sum("p"))}

    def init(params):
        def row(p):
            dims = factored_dims(p)
            return placeholder(p) if dims is None else ${v.zerosLike(v.sum("p", "dims[1]"))}

        def col(p):
            dims = factored_dims(p)
            return placeholder(p) if dims is None else ${v.zerosLike(v.sum("p", "dims[0]"))}

        def full(p):
            return ${v.zerosLike("p")} if factored_dims(p) is None else placeholder(p)

        return 0, tree_map(row, params), tree_map(col, params), tree_map(full, params)

    def update(updates, state, params=None):
        if params is None:
            raise ValueError("scale_by_factored_rms needs the parameters: update(updates, state, params)")
        count, v_row, v_col, v = state
        step, exponent = ${v.float32("count - step_offset + 1")}, -decay_rate
        decay = 1.0 - step**exponent

        def average(old, squares, p):
            return ${v.castLike("decay * old + (1.0 - decay) * squares", "p")}

        def new_row(g, r, p):
            dims = factored_dims(p)
            return r if dims is None else average(r, mean_over(g**2 + epsilon, dims[1]), p)

        def new_col(g, c, p):
            dims = factored_dims(p)
            return c if dims is None else average(c, mean_over(g**2 + epsilon, dims[0]), p)

        def new_full(g, n, p):
            return n if factored_dims(p) is not None else average(n, g**2 + epsilon, p)

        v_row = tree_map(new_row, updates, v_row, params)
        v_col = tree_map(new_col, updates, v_col, params)
        v = tree_map(new_full, updates, v, params)

        def scaled(g, r, c, n, p):
            dims = factored_dims(p)
            if dims is None:
                return g * n**-0.5
            d1, d0 = dims
            row_factor = (r / mean_over(r, d1 - 1 if d1 > d0 else d1, keepdims=True)) ** -0.5
            return g * ${v.expandDims("row_factor", "d0")} * ${v.expandDims("c**-0.5", "d1")}

        return tree_map(scaled, updates, v_row, v_col, v, params), (count + 1, v_row, v_col, v)

    return GradientTransformation(init, update)
`,
      ["GradientTransformation", "tree_map", "mean_over"],
    ),
    clip_by_block_rms: helper(
      `
def clip_by_block_rms(threshold):
    """optax.clip_by_block_rms: each update divided by its root mean square over
    threshold, where that is above 1."""

    def update(updates, state, params=None):
        return tree_map(lambda u: u / ${v.maximum(`${v.sqrt("mean_over(u**2)")} / threshold`, "1.0")}, updates), state

    return GradientTransformation(lambda params: (), update)
`,
      ["GradientTransformation", "tree_map", "mean_over"],
    ),
    scale_by_param_block_rms: helper(
      `
def scale_by_param_block_rms(min_scale=0.001):
    """optax.scale_by_param_block_rms: each update times its parameter's root mean
    square, at least min_scale."""

    def update(updates, state, params=None):
        if params is None:
            raise ValueError("scale_by_param_block_rms needs the parameters: update(updates, state, params)")
        return tree_map(lambda u, p: u * ${v.maximum(v.sqrt("mean_over(p**2)"), "min_scale")}, updates, params), state

    return GradientTransformation(lambda params: (), update)
`,
      ["GradientTransformation", "tree_map", "mean_over"],
    ),
    ema: helper(
      `
def ema(decay):
    """optax.ema without debiasing: the moving average of the updates (the state),
    (1 - decay) times each update plus decay times the average so far."""

    def init(params):
        return tree_map(${zeros}, params)

    def update(updates, state, params=None):
        average = tree_map(lambda g, t: (1 - decay) * g + decay * t, updates, state)
        return average, average

    return GradientTransformation(init, update)
`,
      ["GradientTransformation", "tree_map"],
    ),
    adafactor: helper(
      `
def adafactor(
    learning_rate=None,
    min_dim_size_to_factor=128,
    decay_rate=0.8,
    decay_offset=0,
    multiply_by_parameter_scale=True,
    clipping_threshold=1.0,
    momentum=None,
    weight_decay_rate=None,
    eps=1e-30,
    factored=True,
    weight_decay_mask=None,
):
    """optax.adafactor: scale_by_factored_rms, then (each unless disabled) the block
    rms clipped to clipping_threshold, times learning_rate, times the parameter's rms,
    a moving average with decay momentum, plus the decayed weights; negated."""
    transforms = [scale_by_factored_rms(factored, decay_rate, decay_offset, min_dim_size_to_factor, eps)]
    if clipping_threshold is not None:
        transforms.append(clip_by_block_rms(clipping_threshold))
    if learning_rate is not None:
        transforms.append(
            scale_by_schedule(learning_rate) if callable(learning_rate) else scale(learning_rate)
        )
    if multiply_by_parameter_scale:
        transforms.append(scale_by_param_block_rms())
    if momentum is not None:
        transforms.append(ema(momentum))
    if weight_decay_rate is not None:
        transforms.append(add_decayed_weights_transform(weight_decay_rate, weight_decay_mask))
    transforms.append(scale(-1))
    return chain(*transforms)
`,
      [
        "chain",
        "scale_by_factored_rms",
        "clip_by_block_rms",
        "scale",
        "scale_by_schedule",
        "scale_by_param_block_rms",
        "ema",
        "add_decayed_weights_transform",
      ],
    ),
    MultiSteps: helper(
      `
class MultiSteps:
    """optax.MultiSteps: the updates accumulated (averaged with use_grad_mean, else
    summed) over every_k_schedule mini-steps (a number, or a function of the count of
    updates opt took), then one update of opt with them; zero updates in between."""

    def __init__(self, opt, every_k_schedule=1, use_grad_mean=True):
        self.opt = opt
        self.every_k_schedule = every_k_schedule
        self.use_grad_mean = use_grad_mean

    def init(self, params):
        """The mini-step, the gradient step, opt's state and the accumulated updates."""
        return 0, 0, self.opt.init(params), tree_map(${zeros}, params)

    def update(self, updates, state, params=None):
        mini_step, gradient_step, inner_state, accumulated = state
        k = self.every_k_schedule
        k = int(k(gradient_step)) if callable(k) else k
        if self.use_grad_mean:
            accumulated = tree_map(lambda g, a: a + (g - a) / (mini_step + 1), updates, accumulated)
        else:
            accumulated = tree_map(lambda g, a: g + a, updates, accumulated)
        if mini_step < k - 1:
            zeros = tree_map(${zeros}, updates)
            return zeros, (mini_step + 1, gradient_step, inner_state, accumulated)
        updates, inner_state = self.opt.update(accumulated, inner_state, params)
        return updates, (0, gradient_step + 1, inner_state, tree_map(${zeros}, accumulated))
`,
      ["tree_map"],
    ),
    InjectHyperparamsState: {
      source: `
class InjectHyperparamsState(NamedTuple):
    """optax.InjectHyperparamsState: the update count, the hyperparameters of the
    next update (a dict: set one to change it) and the inner transform's state."""

    count: int
    hyperparams: dict
    inner_state: object
`,
      imports: { NamedTuple: "from typing import NamedTuple" },
    },
    inject_hyperparams: {
      ...helper(
        `
def inject_hyperparams(inner_factory, static_args=()):
    """optax.inject_hyperparams: a factory of inner_factory's transforms whose numeric
    hyperparameters are float32 scalars in the state's hyperparams (changed there,
    they apply from the next update) and whose schedules are evaluated at each
    update's count; flags, None and static_args stay as given."""
    static_args = [static_args] if isinstance(static_args, str) else list(static_args)

    def factory(*args, **kwargs):
        bound = inspect.signature(inner_factory).bind(*args, **kwargs)
        bound.apply_defaults()
        schedules, numeric, other = {}, {}, {}
        for name, value in bound.arguments.items():
            if name in static_args or isinstance(value, bool) or value is None:
                other[name] = value
            elif callable(value):
                schedules[name] = value
            else:
                numeric[name] = value

        def hyperparams(values, count):
            values = {k: v if isinstance(v, int) else ${v.float32("v")} for k, v in values.items()}
            for name, schedule in schedules.items():
                values[name] = ${v.float32("schedule(count)")}
            return values

        def init(params):
            values = hyperparams(numeric, 0)
            inner_state = inner_factory(**other, **values).init(params)
            return InjectHyperparamsState(0, values, inner_state)

        def update(updates, state, params=None):
            values = hyperparams(state.hyperparams, state.count)
            inner = inner_factory(**other, **values)
            updates, inner_state = inner.update(updates, state.inner_state, params)
            return updates, InjectHyperparamsState(state.count + 1, values, inner_state)

        return GradientTransformation(init, update)

    return factory
`,
        ["GradientTransformation", "InjectHyperparamsState"],
      ),
      imports: { inspect: "import inspect" },
    },
    apply_updates: helper(
      `
def apply_updates(params, updates):
    """optax.apply_updates: each parameter plus its update, in the parameter's dtype."""
    return tree_map(lambda p, u: ${v.castLike("(p + u)", "p")}, params, updates)
`,
      ["tree_map"],
    ),
  };
}
