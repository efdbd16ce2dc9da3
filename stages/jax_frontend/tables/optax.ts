/**
 * `optax` (0.2.8): losses (optax/losses/), `global_norm`, learning-rate
 * schedules called as functions of the update count (optax/schedules/), and
 * the optimizers `sgd`, `adam`, `adamw`, `rmsprop`, `adagrad` (optax/_src/alias.py) as
 * `nnx.Optimizer`'s `tx`: each lowers to an ivy op with every hyperparameter
 * spelled out, which the targets write as their own optimizer class (a
 * `torch.optim` or `keras.optimizers` one) with every hyperparameter explicit.
 * A module giving `nnx.Optimizer` a transform no such class computes
 * (`needsTransformOptimizer`: `lion`, `adafactor`, a masked `adamw`, ...) uses
 * the functional transforms (`optaxFunctionalTable`) instead, which
 * `nnx.functional.Optimizer` steps the model with.
 * Signatures are those of the installed source. A schedule gives a function;
 * the update count before the first update is 0, as in optax.
 *
 * @module
 */
import type { Expr } from "../../ast.ts";
import type { ApiRow, ApiTable, Lowering } from "../api.ts";
import { isNone } from "../../literals.ts";
import { printExpr } from "../../print.ts";

/** An int literal axis, as optax's int `axis`; a tuple of axes is not supported. */
const isIntAxis = (e?: Expr): boolean =>
  e === undefined || (e.kind === "Constant" && typeof e.value === "number") ||
  (e.kind === "UnaryOp" && e.op === "-" && e.operand.kind === "Constant");

/** A loss reduced over one `axis`: the template, unless the axis is a tuple or a name. */
const overOneAxis = (template: string): Lowering => (a) =>
  isIntAxis(a.get("axis")) ? template : "error: `axis` must be one int literal (a tuple of axes is not supported)";

/** The integer labels `i` as probabilities: one-hot over 4 classes. */
const ONE_HOT = "jax.nn.one_hot(i, 4)";
/** Logits of -inf wherever the one-hot label is 0. */
const ONLY_LABEL_LOGITS = `jnp.where(${ONE_HOT} > 0, x, -jnp.inf)`;

/** Each step 0..9 of a schedule, stacked. */
const steps = (schedule: string) => `jnp.stack([${schedule}(k) for k in range(10)])`;

/** A default as `keepDefaults` takes it: absent, `None`, `False` or 0. */
const isDefaultValue = (e?: Expr): boolean =>
  e === undefined || isNone(e) || (e.kind === "Constant" && (e.value === false || e.value === 0));

/** A dtype that is float32 (`jnp.float32`, optax's default of `dtype_momentum`), or absent. */
const isFloat32 = (e?: Expr): boolean => e === undefined || /float32$/.test(printExpr(e));

/** An error for the first of `names` whose value is not its default (`None`, `False`, `0.0`). */
const keepDefaults = (names: Readonly<Record<string, string>>, template: string): Lowering => (a) => {
  for (const [name, why] of Object.entries(names)) {
    if (!isDefaultValue(a.get(name))) return `error: \`${name}\` is not supported: ${why}`;
  }
  return template;
};

/** The optimizers, which `nnx.Optimizer` steps with the gradients the transforms before them in a chain give. */
const OPTIMIZERS = new Set(["ivy.sgd", "ivy.adam", "ivy.adamw", "ivy.rmsprop", "ivy.adagrad"]);
/** The gradient transforms, which a chain applies before its optimizer. */
const GRADIENT_TRANSFORMS = new Set(["ivy.clip_by_global_norm", "ivy.add_decayed_weights"]);

/** The callee of a call written in place (`optax.adam(...)`), else undefined (a name: checked when it runs). */
const callee = (e: Expr): string | undefined => e.kind === "Call" ? printExpr(e.func) : undefined;

/** `optax.chain(*transforms, optimizer)`: gradient transforms, then one optimizer, the last. */
const optimizerLast: Lowering = (a) => {
  const args = a.get("args");
  const items = args?.kind === "Tuple" ? args.elts : [];
  const last = items.at(-1);
  const lastCallee = last && callee(last);
  if (!last || (lastCallee && !OPTIMIZERS.has(lastCallee))) {
    return "error: only a chain of gradient transforms ending with one optimizer (`sgd`, `adam`, `adamw`, `rmsprop`, `adagrad`) " +
      "is supported";
  }
  const before = items.slice(0, -1).map(callee);
  if (before.some((c) => c !== undefined && !GRADIENT_TRANSFORMS.has(c))) {
    return "error: only `clip_by_global_norm` and `add_decayed_weights` are supported before a chain's optimizer";
  }
  return "ivy.chain(*args)";
};

/** Why an optimizer's state dtype must keep its default. */
const OPTIMIZER_DTYPE = "the targets keep optimizer state in the parameters' dtype (float32)";

/**
 * The transforms of a functional training loop (`tx.init(params)`,
 * `tx.update(grads, state, params)`, `optax.apply_updates`), the namespace the
 * `jax` stage writes `optax.<transform>` in when a module calls a transform's
 * `init` or `update`: each is a `GradientTransformation` helper computing
 * optax's formulas over parameter pytrees (dicts, lists, tuples) on every
 * target. Numerically checked by tests/python/test_training.py
 * (`FUNCTIONAL`, and the `functional_adam` / `clipped_sgd` fixtures).
 */
export const optaxFunctionalTable: ApiTable = {
  sgd: {
    sig: "learning_rate, momentum=None, nesterov=False, accumulator_dtype=None",
    ivy: keepDefaults({ accumulator_dtype: OPTIMIZER_DTYPE }, "ivy.tx_sgd(learning_rate, momentum, nesterov)"),
    asValue: "ivy.tx_sgd",
    returns: "transform",
  },
  adam: {
    sig: "learning_rate, b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0, mu_dtype=None, *, nesterov=False",
    ivy: "ivy.tx_adam(learning_rate, b1, b2, eps, eps_root, mu_dtype, nesterov)",
    asValue: "ivy.tx_adam",
    returns: "transform",
  },
  adamw: {
    sig:
      "learning_rate, b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0, mu_dtype=None, weight_decay=0.0001, mask=None, *, nesterov=False",
    ivy: "ivy.tx_adamw(learning_rate, b1, b2, eps, eps_root, mu_dtype, weight_decay, mask, nesterov)",
    asValue: "ivy.tx_adamw",
    returns: "transform",
  },
  adabelief: {
    sig: "learning_rate, b1=0.9, b2=0.999, eps=1e-16, eps_root=1e-16, *, nesterov=False",
    ivy: "ivy.tx_adabelief(learning_rate, b1, b2, eps, eps_root, nesterov)",
    asValue: "ivy.tx_adabelief",
    returns: "transform",
  },
  lion: {
    sig: "learning_rate, b1=0.9, b2=0.99, mu_dtype=None, weight_decay=0.001, mask=None",
    ivy: "ivy.tx_lion(learning_rate, b1, b2, mu_dtype, weight_decay, mask)",
    asValue: "ivy.tx_lion",
    returns: "transform",
  },
  lamb: {
    sig: "learning_rate, b1=0.9, b2=0.999, eps=1e-06, eps_root=0.0, weight_decay=0.0, mask=None",
    ivy: "ivy.tx_lamb(learning_rate, b1, b2, eps, eps_root, weight_decay, mask)",
    asValue: "ivy.tx_lamb",
    returns: "transform",
  },
  // optax's defaults: factored second moments for two axes of at least 128, decay 1 - (step + 1)**-0.8, the block
  // rms clipped to 1, scaled by the parameter's rms (at least 1e-3)
  adafactor: {
    sig: "learning_rate=None, min_dim_size_to_factor=128, decay_rate=0.8, decay_offset=0, " +
      "multiply_by_parameter_scale=True, clipping_threshold=1.0, momentum=None, dtype_momentum=jnp.float32, " +
      "weight_decay_rate=None, eps=1e-30, factored=True, weight_decay_mask=None",
    ivy: (a) =>
      isFloat32(a.get("dtype_momentum"))
        ? "ivy.tx_adafactor(learning_rate, min_dim_size_to_factor, decay_rate, decay_offset, " +
          "multiply_by_parameter_scale, clipping_threshold, momentum, weight_decay_rate, eps, factored, " +
          "weight_decay_mask)"
        : "error: `dtype_momentum` is not supported: the momentum is kept in float32",
    asValue: "ivy.tx_adafactor",
    returns: "transform",
  },
  clip_by_global_norm: { sig: "max_norm", ivy: "ivy.tx_clip_by_global_norm(max_norm)", returns: "transform" },
  clip: { sig: "max_delta", ivy: "ivy.tx_clip(max_delta)", returns: "transform" },
  scale: { sig: "step_size", ivy: "ivy.tx_scale(step_size)", returns: "transform" },
  scale_by_schedule: { sig: "step_size_fn", ivy: "ivy.tx_scale_by_schedule(step_size_fn)", returns: "transform" },
  add_decayed_weights: {
    sig: "weight_decay=0.0, mask=None",
    ivy: "ivy.tx_add_decayed_weights(weight_decay, mask)",
    returns: "transform",
  },
  chain: { sig: "*args", ivy: "ivy.tx_chain(*args)", returns: "transform" },
  // a factory of transforms (`optax.adam`), called with its hyperparameters: they are in the state's
  // `hyperparams`, as float32 scalars
  inject_hyperparams: {
    sig: "inner_factory, static_args=(), hyperparam_dtype=None",
    ivy: keepDefaults(
      { hyperparam_dtype: "hyperparameters are float32 scalars" },
      "ivy.tx_inject_hyperparams(inner_factory, static_args)",
    ),
    returns: "callable",
  },
  MultiSteps: {
    sig: "opt, every_k_schedule=1, use_grad_mean=True, should_skip_update_fn=None",
    ivy: keepDefaults(
      { should_skip_update_fn: "skipping updates is not translated yet" },
      "ivy.tx_multi_steps(opt, every_k_schedule, use_grad_mean)",
    ),
    returns: "transform",
  },
};

/**
 * The optax APIs that `nnx.Optimizer` takes only as functional
 * `GradientTransformation`s (no `torch.optim` / `keras.optimizers` class
 * computes them as optax does): a module using one is translated with the
 * functional transforms, its `nnx.Optimizer` over them (`optax.functional`,
 * `nnx.functional.Optimizer`).
 */
const TRANSFORM_ONLY = new Set([
  "adabelief",
  "lion",
  "lamb",
  "clip",
  "scale",
  "scale_by_schedule",
  "MultiSteps",
  "inject_hyperparams",
  "adafactor",
]);

/** The arguments that, given other than their default, make an optimizer with a target class a functional one. */
const TRANSFORM_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  adam: ["eps_root", "mu_dtype", "nesterov"],
  adamw: ["eps_root", "mu_dtype", "mask", "nesterov"],
  add_decayed_weights: ["mask"],
};

/** The optax names of `OPTIMIZERS` and `GRADIENT_TRANSFORMS`, the order a target-class chain takes them in. */
const optaxNames = (ops: ReadonlySet<string>) => new Set([...ops].map((op) => op.replace(/^ivy\./, "optax.")));

/**
 * Whether a call of `optax.<name>` needs the functional transforms as `nnx.Optimizer`'s `tx`.
 *
 * @param name The optax API's name (`lion`, `adamw`).
 * @param bound The call's arguments bound to its signature (undefined when they do not bind).
 * @param callee The qualified name of the function a call written in place calls (`optax.adam`), else undefined.
 * @returns True for a transform no target optimizer class computes, or a chain whose order the target-class
 *   translation cannot take (a gradient transform after the optimizer).
 */
export function needsTransformOptimizer(
  name: string,
  bound: ReadonlyMap<string, Expr> | undefined,
  callee: (e: Expr) => string | undefined,
): boolean {
  if (TRANSFORM_ONLY.has(name)) return true;
  if (name === "chain") {
    const args = bound?.get("args");
    const names = args?.kind === "Tuple" ? args.elts.map(callee) : [];
    const optimizers = optaxNames(OPTIMIZERS), transforms = optaxNames(GRADIENT_TRANSFORMS);
    const last = names.at(-1);
    return (last !== undefined && transforms.has(last)) || names.slice(0, -1).some((n) => n && optimizers.has(n));
  }
  return (TRANSFORM_ARGUMENTS[name] ?? []).some((arg) => !isDefaultValue(bound?.get(arg)));
}

/** The `optax` table. */
export const optaxTable: ApiTable = {
  softmax_cross_entropy: {
    sig: "logits, labels, axis=-1, where=None",
    ivy: overOneAxis("ivy.softmax_cross_entropy(logits, labels, axis=axis)"),
    checks: [
      "optax.softmax_cross_entropy(x, jax.nn.softmax(y))",
      "optax.softmax_cross_entropy(x, jax.nn.softmax(y, axis=0), axis=0)",
      // large logits, and all-zero labels
      `optax.softmax_cross_entropy(x * 1000.0, ${ONE_HOT})`,
      "optax.softmax_cross_entropy(x, jnp.zeros_like(y))",
      // a -inf logit under a zero label is NaN in optax (0 * -inf): the same on the targets
      `optax.softmax_cross_entropy(${ONLY_LABEL_LOGITS}, ${ONE_HOT})`,
    ],
  },
  softmax_cross_entropy_with_integer_labels: {
    sig: "logits, labels, axis=-1, where=None",
    ivy: overOneAxis("ivy.softmax_cross_entropy_with_integer_labels(logits, labels, axis=axis)"),
    checks: [
      "optax.softmax_cross_entropy_with_integer_labels(x, i)",
      "optax.softmax_cross_entropy_with_integer_labels(x * 1000.0, i)",
      "optax.softmax_cross_entropy_with_integer_labels(x.T, i, axis=0)",
      `optax.softmax_cross_entropy_with_integer_labels(${ONLY_LABEL_LOGITS}, i)`,
    ],
  },
  safe_softmax_cross_entropy: {
    sig: "logits, labels",
    ivy: "ivy.safe_softmax_cross_entropy(logits, labels)",
    checks: [
      "optax.safe_softmax_cross_entropy(x, jax.nn.softmax(y))",
      `optax.safe_softmax_cross_entropy(${ONLY_LABEL_LOGITS}, ${ONE_HOT})`,
    ],
  },
  sigmoid_binary_cross_entropy: {
    sig: "logits, labels",
    ivy: "ivy.sigmoid_binary_cross_entropy(logits, labels)",
    checks: [
      "optax.sigmoid_binary_cross_entropy(x, jax.nn.sigmoid(y))",
      "optax.sigmoid_binary_cross_entropy(x * 100.0, (y > 0).astype(jnp.float32))",
      "optax.sigmoid_binary_cross_entropy(x, (y > 0).astype(jnp.int32))",
    ],
  },
  squared_error: {
    sig: "predictions, targets=None",
    ivy: (a) => isNone(a.get("targets")) ? "ivy.square(predictions)" : "ivy.square(ivy.subtract(predictions, targets))",
    checks: ["optax.squared_error(x, y)", "optax.squared_error(x)"],
  },
  l2_loss: {
    sig: "predictions, targets=None",
    ivy: (a) =>
      isNone(a.get("targets"))
        ? "ivy.multiply(0.5, ivy.square(predictions))"
        : "ivy.multiply(0.5, ivy.square(ivy.subtract(predictions, targets)))",
    checks: ["optax.l2_loss(x, y)", "optax.l2_loss(x)"],
  },
  huber_loss: {
    sig: "predictions, targets=None, *, delta=1.0",
    ivy: "ivy.huber_loss(predictions, targets, delta=delta)",
    checks: ["optax.huber_loss(x * 3.0, y)", "optax.huber_loss(x, delta=0.5)", "optax.huber_loss(x, y, delta=2.0)"],
  },
  cosine_similarity: {
    sig: "predictions, targets, *, epsilon=0.0, axis=-1, where=None",
    ivy: overOneAxis("ivy.cosine_similarity(predictions, targets, epsilon=epsilon, axis=axis)"),
    checks: [
      "optax.cosine_similarity(x, y)",
      "optax.cosine_similarity(x * 0.01, y, epsilon=0.1)",
      "optax.cosine_similarity(x, y, axis=0)",
    ],
  },
  global_norm: {
    sig: "updates",
    ivy: "ivy.global_norm(updates)",
    checks: ["optax.global_norm({'w': x, 'b': [y, v]})", "optax.global_norm(x * 1e15)"],
  },
  // optimizers: `nnx.Optimizer(model, tx, wrt=nnx.Param)`'s tx; numerically checked by tests/python/test_training.py
  sgd: {
    sig: "learning_rate, momentum=None, nesterov=False, accumulator_dtype=None",
    ivy: keepDefaults({ accumulator_dtype: OPTIMIZER_DTYPE }, "ivy.sgd(learning_rate, momentum, nesterov)"),
    returns: "transform",
  },
  adam: {
    sig: "learning_rate, b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0, mu_dtype=None, *, nesterov=False",
    ivy: keepDefaults(
      {
        eps_root: "torch.optim.Adam and keras.optimizers.Adam have no epsilon inside the square root",
        mu_dtype: OPTIMIZER_DTYPE,
        nesterov: "torch.optim.NAdam and keras.optimizers.Nadam decay their momentum unlike optax",
      },
      "ivy.adam(learning_rate, b1, b2, eps)",
    ),
    returns: "transform",
  },
  adamw: {
    sig:
      "learning_rate, b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0, mu_dtype=None, weight_decay=0.0001, mask=None, *, nesterov=False",
    ivy: keepDefaults(
      {
        eps_root: "torch.optim.AdamW and keras.optimizers.AdamW have no epsilon inside the square root",
        mu_dtype: OPTIMIZER_DTYPE,
        mask: "a weight-decay mask is not translated yet",
        nesterov: "torch.optim.NAdam and keras.optimizers.Nadam decay their momentum unlike optax",
      },
      "ivy.adamw(learning_rate, b1, b2, eps, weight_decay)",
    ),
    returns: "transform",
  },
  rmsprop: {
    sig:
      "learning_rate, decay=0.9, eps=1e-08, initial_scale=0.0, eps_in_sqrt=True, centered=False, momentum=None, nesterov=False, bias_correction=False",
    ivy: keepDefaults(
      {
        initial_scale: "torch.optim.RMSprop and keras.optimizers.RMSprop start their average at 0",
        centered: "a centered RMSprop is not translated yet",
        momentum: "RMSprop with momentum is not translated yet",
        nesterov: "RMSprop with momentum is not translated yet",
        bias_correction: "torch.optim.RMSprop and keras.optimizers.RMSprop have no bias correction",
      },
      "ivy.rmsprop(learning_rate, decay, eps, eps_in_sqrt)",
    ),
    returns: "transform",
  },
  adagrad: {
    sig: "learning_rate, initial_accumulator_value=0.1, eps=1e-07",
    ivy: "ivy.adagrad(learning_rate, initial_accumulator_value, eps)",
    returns: "transform",
  },
  // gradient transforms, chained before the optimizer (the last of `chain`'s transforms)
  clip_by_global_norm: { sig: "max_norm", ivy: "ivy.clip_by_global_norm(max_norm)", returns: "transform" },
  add_decayed_weights: {
    sig: "weight_decay=0.0, mask=None",
    ivy: keepDefaults({ mask: "a weight-decay mask is not translated yet" }, "ivy.add_decayed_weights(weight_decay)"),
    returns: "transform",
  },
  chain: { sig: "*args", ivy: optimizerLast, returns: "transform" },
  // functional transforms only: the jax stage writes a module using one with `optax.functional` (above), whose
  // nnx.Optimizer steps the model with them; no target optimizer class computes them
  ...Object.fromEntries(
    [...TRANSFORM_ONLY].map((
      name,
    ) => [name, {
      sig: (optaxFunctionalTable[name] as ApiRow).sig,
      ivy: () =>
        `error: \`optax.${name}\` has no target optimizer class: it is translated as a functional transform ` +
        `(\`jax_frontend.optax.functional.${name}\`)`,
      returns: (optaxFunctionalTable[name] as ApiRow).returns,
    }]),
  ),
  // params + updates, each update cast to its parameter's dtype
  apply_updates: { sig: "params, updates", ivy: "ivy.apply_updates(params, updates)", returns: "array" },
  // a Python value (a float or an array): optax returns it as it is
  constant_schedule: {
    sig: "value",
    ivy: "lambda count: value",
    returns: "callable",
    checks: ["jax.tree_util.tree_map(optax.constant_schedule(x * 2.0), i)"],
  },
  polynomial_schedule: {
    sig: "init_value, end_value, power, transition_steps, transition_begin=0",
    ivy: "ivy.polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=transition_begin)",
    returns: "callable",
    checks: [
      steps("optax.polynomial_schedule(1.0, 0.1, 2, 6)"),
      steps("optax.polynomial_schedule(0.5, 2.0, 0.5, 4, transition_begin=3)"),
    ],
  },
  linear_schedule: {
    sig: "init_value, end_value, transition_steps, transition_begin=0",
    ivy: "ivy.polynomial_schedule(init_value, end_value, 1, transition_steps, transition_begin=transition_begin)",
    returns: "callable",
    checks: [
      steps("optax.linear_schedule(0.1, 0.01, 5)"),
      steps("optax.linear_schedule(0.0, 1.0, 4, transition_begin=2)"),
      "optax.linear_schedule(1.0, 0.0, 8)(i)",
    ],
  },
  exponential_decay: {
    sig: "init_value, transition_steps, decay_rate, transition_begin=0, staircase=False, end_value=None",
    ivy: "ivy.exponential_decay(init_value, transition_steps, decay_rate, transition_begin=transition_begin, " +
      "staircase=staircase, end_value=end_value)",
    returns: "callable",
    checks: [
      steps("optax.exponential_decay(0.1, 3, 0.5)"),
      steps("optax.exponential_decay(0.1, 3, 0.5, staircase=True)"),
      steps("optax.exponential_decay(0.1, 2, 0.5, transition_begin=3, end_value=0.03)"),
      steps("optax.exponential_decay(0.1, 2, 2.0, staircase=True, end_value=0.5)"),
      "optax.exponential_decay(1.0, 2, 0.9)(i)",
    ],
  },
  cosine_decay_schedule: {
    sig: "init_value, decay_steps, alpha=0.0, exponent=1.0",
    ivy: "ivy.cosine_decay_schedule(init_value, decay_steps, alpha=alpha, exponent=exponent)",
    returns: "callable",
    checks: [
      steps("optax.cosine_decay_schedule(0.1, 7)"),
      steps("optax.cosine_decay_schedule(0.1, 8, alpha=0.2, exponent=2.0)"),
    ],
  },
  warmup_cosine_decay_schedule: {
    sig: "init_value, peak_value, warmup_steps, decay_steps, end_value=0.0, exponent=1.0",
    ivy: "ivy.warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps, " +
      "end_value=end_value, exponent=exponent)",
    returns: "callable",
    checks: [
      steps("optax.warmup_cosine_decay_schedule(0.0, 1.0, 3, 9)"),
      steps("optax.warmup_cosine_decay_schedule(0.01, 0.1, 2, 8, end_value=0.001, exponent=2.0)"),
    ],
  },
  piecewise_constant_schedule: {
    sig: "init_value, boundaries_and_scales=None",
    ivy: "ivy.piecewise_constant_schedule(init_value, boundaries_and_scales)",
    returns: "callable",
    checks: [
      steps("optax.piecewise_constant_schedule(0.1, {3: 0.5, 6: 0.1})"),
      "optax.piecewise_constant_schedule(x)(3)",
    ],
  },
  // the k-th boundary is the step from which schedules[k + 1] runs, counted from 0 there
  join_schedules: {
    sig: "schedules, boundaries",
    ivy: "ivy.join_schedules(schedules, boundaries)",
    returns: "callable",
    checks: [
      steps("optax.join_schedules([optax.linear_schedule(0.0, 1.0, 3), optax.exponential_decay(1.0, 2, 0.5)], [3])"),
      steps(
        "optax.join_schedules([optax.constant_schedule(0.1), optax.constant_schedule(0.2), " +
          "optax.cosine_decay_schedule(0.3, 4)], [2, 5])",
      ),
    ],
  },
};

/** `optax.losses`: the losses under their module's name. */
export const optaxLossesTable: ApiTable = Object.fromEntries(
  [
    "softmax_cross_entropy",
    "softmax_cross_entropy_with_integer_labels",
    "safe_softmax_cross_entropy",
    "sigmoid_binary_cross_entropy",
    "squared_error",
    "l2_loss",
    "huber_loss",
    "cosine_similarity",
  ].map((name) => [name, { alias: `optax.${name}` }]),
);

/** `optax.schedules`: the schedules under their module's name. */
export const optaxSchedulesTable: ApiTable = Object.fromEntries(
  [
    "constant_schedule",
    "polynomial_schedule",
    "linear_schedule",
    "exponential_decay",
    "cosine_decay_schedule",
    "warmup_cosine_decay_schedule",
    "piecewise_constant_schedule",
    "join_schedules",
  ].map((name) => [name, { alias: `optax.${name}` }]),
);
