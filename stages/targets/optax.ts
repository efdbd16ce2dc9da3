/**
 * optax's losses, `global_norm` and learning-rate schedules on every target:
 * one Python helper per core op, written once here over a target's
 * vocabulary (how it says `sum`, `where`, `log_softmax`, ...), so that each
 * target computes optax's formula, in optax's order, in float32.
 *
 * Schedules are functions of the update count (step 0 first), as in optax:
 * the count is made a float32 scalar of the target before any arithmetic, so
 * a Python int and a 0-d integer array give the same value JAX does.
 *
 * @module
 */
import type { CoreOp } from "../ivy/ops.ts";
import type { EmitRow, Helper } from "./emitter.ts";

/** How a target writes the few array functions the optax helpers use: each a Python expression. */
export interface OptaxVocabulary {
  /** `x` (a Python number or an array) as a float32 array. */
  readonly float32: (x: string) => string;
  /** `x` cast to the dtype of the array `like`. */
  readonly castLike: (x: string, like: string) => string;
  /**
   * The array `x` as it meets the array `like` in arithmetic: itself where the target promotes two float dtypes
   * as JAX does (float16 and float32 to float32), else cast to `like`'s dtype.
   */
  readonly promotedLike: (x: string, like: string) => string;
  /** `x` cast to `dtype`, a target dtype. */
  readonly castTo: (x: string, dtype: string) => string;
  /** The sum over `axis` (every axis when `axis` is undefined), keeping the axis when `keepdims`. */
  readonly sum: (x: string, axis?: string, keepdims?: boolean) => string;
  readonly logSoftmax: (x: string, axis: string) => string;
  readonly logsumexp: (x: string, axis: string) => string;
  readonly logSigmoid: (x: string) => string;
  /** `x`'s entries at the integer `indices` along `axis`. */
  readonly takeAlongAxis: (x: string, indices: string, axis: string) => string;
  readonly expandDims: (x: string, axis: string) => string;
  readonly squeeze: (x: string, axis: string) => string;
  readonly where: (condition: string, x: string, y: string) => string;
  readonly zerosLike: (x: string) => string;
  /** The elementwise minimum of the array `x` and the Python number `bound`. */
  readonly minimum: (x: string, bound: string) => string;
  /** The elementwise maximum of the array `x` and the Python number `bound`. */
  readonly maximum: (x: string, bound: string) => string;
  readonly sqrt: (x: string) => string;
  readonly cos: (x: string) => string;
  readonly floor: (x: string) => string;
  readonly sign: (x: string) => string;
  /** Helpers of the target's own table that the expressions above call. */
  readonly needs?: readonly string[];
}

/** The core ops written by the helpers below, each emitted as a call of the helper of its name. */
export const OPTAX_OPS = {
  softmax_cross_entropy: {
    emit: "softmax_cross_entropy(logits, labels, axis=axis)",
    helpers: ["softmax_cross_entropy"],
  },
  softmax_cross_entropy_with_integer_labels: {
    emit: "softmax_cross_entropy_with_integer_labels(logits, labels, axis=axis)",
    helpers: ["softmax_cross_entropy_with_integer_labels"],
  },
  safe_softmax_cross_entropy: {
    emit: "safe_softmax_cross_entropy(logits, labels)",
    helpers: ["safe_softmax_cross_entropy"],
  },
  sigmoid_binary_cross_entropy: {
    emit: "sigmoid_binary_cross_entropy(logits, labels)",
    helpers: ["sigmoid_binary_cross_entropy"],
  },
  huber_loss: { emit: "huber_loss(predictions, targets, delta=delta)", helpers: ["huber_loss"] },
  cosine_similarity: {
    emit: "cosine_similarity(predictions, targets, epsilon=epsilon, axis=axis)",
    helpers: ["cosine_similarity"],
  },
  global_norm: { emit: "global_norm(tree)", helpers: ["global_norm"] },
  polynomial_schedule: {
    emit: "polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=transition_begin)",
    helpers: ["polynomial_schedule"],
  },
  exponential_decay: {
    emit: "exponential_decay(init_value, transition_steps, decay_rate, transition_begin=transition_begin, " +
      "staircase=staircase, end_value=end_value)",
    helpers: ["exponential_decay"],
  },
  cosine_decay_schedule: {
    emit: "cosine_decay_schedule(init_value, decay_steps, alpha=alpha, exponent=exponent)",
    helpers: ["cosine_decay_schedule"],
  },
  warmup_cosine_decay_schedule: {
    emit: "warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps, end_value=end_value, " +
      "exponent=exponent)",
    helpers: ["warmup_cosine_decay_schedule"],
  },
  piecewise_constant_schedule: {
    emit: "piecewise_constant_schedule(init_value, boundaries_and_scales)",
    helpers: ["piecewise_constant_schedule"],
  },
  join_schedules: { emit: "join_schedules(schedules, boundaries)", helpers: ["join_schedules"] },
} as const satisfies Partial<Record<CoreOp, EmitRow>>;

/**
 * The optax helpers of one target.
 *
 * @param v The target's vocabulary.
 * @returns Helper name (the core op's) to its definition.
 */
export function optaxHelpers(v: OptaxVocabulary): Record<keyof typeof OPTAX_OPS, Helper> {
  const needs = v.needs ?? [];
  const helper = (source: string, more: readonly string[] = []): Helper => ({ source, needs: [...needs, ...more] });
  return {
    softmax_cross_entropy: helper(`
def softmax_cross_entropy(logits, labels, axis=-1):
    """optax.softmax_cross_entropy: labels are probabilities along axis."""
    return -${v.sum(`labels * ${v.logSoftmax("logits", "axis")}`, "axis")}
`),
    softmax_cross_entropy_with_integer_labels: helper(`
def softmax_cross_entropy_with_integer_labels(logits, labels, axis=-1):
    """optax.softmax_cross_entropy_with_integer_labels: the log normalizer minus
    the labels' logits, without normalizing every logit."""
    label_logits = ${v.takeAlongAxis("logits", v.expandDims("labels", "axis"), "axis")}
    return ${v.logsumexp("logits", "axis")} - ${v.squeeze("label_logits", "axis")}
`),
    safe_softmax_cross_entropy: helper(`
def safe_softmax_cross_entropy(logits, labels):
    """optax.safe_softmax_cross_entropy: a zero label times a -inf log
    probability counts as 0."""
    log_probs = ${v.logSoftmax("logits", "-1")}
    weighted = ${v.where("labels != 0.0", "labels * log_probs", v.zerosLike("log_probs"))}
    return -${v.sum("weighted", "-1")}
`),
    sigmoid_binary_cross_entropy: helper(`
def sigmoid_binary_cross_entropy(logits, labels):
    """optax.sigmoid_binary_cross_entropy, elementwise; labels take the logits' dtype."""
    labels = ${v.castLike("labels", "logits")}
    return -labels * ${v.logSigmoid("logits")} - (1.0 - labels) * ${v.logSigmoid("-logits")}
`),
    huber_loss: helper(`
def huber_loss(predictions, targets=None, delta=1.0):
    """optax.huber_loss, elementwise: quadratic up to delta, linear beyond."""
    errors = predictions if targets is None else predictions - targets
    abs_errors = abs(errors)
    quadratic = ${v.minimum("abs_errors", "delta")}
    return 0.5 * quadratic**2 + delta * (abs_errors - quadratic)
`),
    cosine_similarity: helper(`
def cosine_similarity(predictions, targets, epsilon=0.0, axis=-1):
    """optax.cosine_similarity: squared norms below epsilon count as epsilon."""
    predictions_norm = ${v.sqrt(v.maximum(v.sum("predictions**2", "axis", true), "epsilon"))}
    targets_norm = ${v.sqrt(v.maximum(v.sum("targets**2", "axis", true), "epsilon"))}
    return ${v.sum("(predictions / predictions_norm) * (targets / targets_norm)", "axis")}
`),
    global_norm: helper(
      `
def global_norm(tree):
    """optax.global_norm: the L2 norm of all the tree's leaves together."""
    return ${v.sqrt(v.float32(`sum(${v.sum("leaf**2")} for leaf in tree_leaves(tree))`))}
`,
      ["tree_leaves"],
    ),
    polynomial_schedule: helper(`
def polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0):
    """optax.polynomial_schedule: from init_value to end_value in transition_steps
    updates after the first transition_begin, as a function of the update count."""
    if transition_steps <= 0:
        return lambda count: init_value
    transition_begin = max(transition_begin, 0)

    def schedule(count):
        count = ${v.maximum(v.minimum(`${v.float32("count")} - transition_begin`, "transition_steps"), "0.0")}
        frac = 1 - count / transition_steps
        return (init_value - end_value) * frac**power + end_value

    return schedule
`),
    exponential_decay: helper(`
def exponential_decay(
    init_value, transition_steps, decay_rate, transition_begin=0, staircase=False, end_value=None
):
    """optax.exponential_decay: init_value * decay_rate ** (count / transition_steps)
    after transition_begin, bounded by end_value, as a function of the update count."""
    if transition_steps <= 0 or decay_rate == 0:
        return lambda count: init_value
    transition_begin = max(transition_begin, 0)

    def schedule(count):
        decreased_count = ${v.float32("count")} - transition_begin
        p = decreased_count / transition_steps
        if staircase:
            p = ${v.floor("p")}
        value = ${v.where("decreased_count <= 0", "init_value", "init_value * decay_rate**p")}
        if end_value is None:
            return value
        if decay_rate < 1.0:
            return ${v.maximum("value", "end_value")}
        return ${v.minimum("value", "end_value")}

    return schedule
`),
    cosine_decay_schedule: helper(`
def cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0):
    """optax.cosine_decay_schedule: a half cosine from init_value to alpha * init_value
    in decay_steps updates, as a function of the update count."""
    if not decay_steps > 0:
        raise ValueError(f"cosine_decay_schedule needs positive decay_steps, got {decay_steps}")

    def schedule(count):
        count = ${v.minimum(v.float32("count"), "decay_steps")}
        cosine_decay = 0.5 * (1 + ${v.cos("math.pi * count / decay_steps")})
        return init_value * ((1 - alpha) * cosine_decay**exponent + alpha)

    return schedule
`),
    warmup_cosine_decay_schedule: helper(
      `
def warmup_cosine_decay_schedule(
    init_value, peak_value, warmup_steps, decay_steps, end_value=0.0, exponent=1.0
):
    """optax.warmup_cosine_decay_schedule: linear warmup to peak_value in
    warmup_steps updates, then a cosine decay to end_value at decay_steps."""
    alpha = 0.0 if peak_value == 0.0 else end_value / peak_value
    warmup = polynomial_schedule(init_value, peak_value, 1, warmup_steps)
    decay = cosine_decay_schedule(peak_value, decay_steps - warmup_steps, alpha, exponent)
    return join_schedules([warmup, decay], [warmup_steps])
`,
      ["polynomial_schedule", "cosine_decay_schedule", "join_schedules"],
    ),
    piecewise_constant_schedule: helper(`
def piecewise_constant_schedule(init_value, boundaries_and_scales=None):
    """optax.piecewise_constant_schedule: init_value, multiplied by each scale
    from its boundary on, as a function of the update count."""
    scales = sorted((boundaries_and_scales or {}).items())
    if any(scale < 0.0 for _, scale in scales):
        raise ValueError("piecewise_constant_schedule expects non-negative scale factors")

    def schedule(count):
        value = init_value
        for threshold, scale in scales:
            indicator = ${v.maximum(v.sign(`threshold - ${v.float32("count")}`), "0.0")}
            value = value * indicator + (1 - indicator) * scale * value
        return value

    return schedule
`),
    join_schedules: helper(`
def join_schedules(schedules, boundaries):
    """optax.join_schedules: schedules[k + 1], counted from boundaries[k], from that
    boundary on."""

    def schedule(step):
        output = schedules[0](step)
        for boundary, later in zip(boundaries, schedules[1:], strict=False):
            output = ${v.float32(v.where(`${v.float32("step")} < boundary`, "output", "later(step - boundary)"))}
        return output

    return schedule
`),
  };
}
