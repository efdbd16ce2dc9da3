/**
 * The ivy core op set: the one closed list of operations the ivy IR may
 * call, each with its signature. Lowerings target these names; every target
 * has one emitter row per op. Semantics are JAX's, with defaults made
 * explicit by the lowering (e.g. a creation op's `dtype=None` means float32).
 *
 * @module
 */
import { NUMPY_OP_SIGS } from "./numpy_ops.ts";

/** Core op name to its Python signature. */
export const CORE_OPS = {
  // creation
  zeros: "shape, dtype=None",
  ones: "shape, dtype=None",
  full: "shape, fill_value, dtype=None",
  zeros_like: "x, dtype=None",
  ones_like: "x, dtype=None",
  full_like: "x, fill_value, dtype=None",
  arange: "start, stop=None, step=None, dtype=None",
  linspace: "start, stop, num=50, endpoint=True, dtype=None",
  eye: "n, m=None, k=0, dtype=None",
  asarray: "obj, dtype=None",
  // elementwise
  add: "x, y",
  subtract: "x, y",
  multiply: "x, y",
  divide: "x, y",
  // `integers`: set by the promotion pass where both operands are known integers
  power: "x, y, *, integers=False",
  maximum: "x, y",
  minimum: "x, y",
  abs: "x",
  negative: "x",
  exp: "x",
  log: "x",
  log1p: "x",
  sqrt: "x",
  rsqrt: "x",
  square: "x",
  sin: "x",
  cos: "x",
  tanh: "x",
  floor: "x",
  ceil: "x",
  sign: "x",
  tan: "x",
  log2: "x",
  exp2: "x",
  reciprocal: "x",
  round: "x, decimals=0",
  isnan: "x",
  isfinite: "x",
  arctan2: "x, y",
  erf: "x",
  erfc: "x",
  erf_inv: "x",
  lgamma: "x",
  digamma: "x",
  xlogy: "x, y",
  xlog1py: "x, y",
  logit: "x",
  entr: "x",
  stop_gradient: "x",
  clip: "x, min=None, max=None",
  where: "condition, x, y",
  equal: "x, y",
  not_equal: "x, y",
  less: "x, y",
  less_equal: "x, y",
  greater: "x, y",
  greater_equal: "x, y",
  logical_and: "x, y",
  logical_or: "x, y",
  logical_not: "x",
  // reductions
  sum: "x, axis=None, keepdims=False",
  mean: "x, axis=None, keepdims=False",
  max: "x, axis=None, keepdims=False",
  min: "x, axis=None, keepdims=False",
  prod: "x, axis=None, keepdims=False",
  var: "x, axis=None, keepdims=False, ddof=0",
  std: "x, axis=None, keepdims=False, ddof=0",
  argmax: "x, axis=None, keepdims=False",
  argmin: "x, axis=None, keepdims=False",
  cumsum: "x, axis=None",
  cumprod: "x, axis=None",
  argsort: "x, axis=-1",
  sort: "x, axis=-1",
  all: "x, axis=None, keepdims=False",
  any: "x, axis=None, keepdims=False",
  logsumexp: "x, axis=None, keepdims=False",
  // jax.scipy.special.logsumexp with weights `b`: log|sum(b * exp(x))|, NaN where the sum is negative, or
  // [that, the sum's sign] with return_sign
  logsumexp_weighted: "x, b=None, axis=None, keepdims=False, return_sign=False",
  // [values, int32 indices] of the k largest along the last axis, largest first
  top_k: "x, k",
  // shapes
  reshape: "x, shape",
  transpose: "x, axes=None",
  // lax.conv_general_dilated in Flax's layout: lhs (batch, *spatial, in), rhs (*spatial, in // groups, out);
  // padding 'SAME' / 'VALID' or one (low, high) pair per spatial axis; dilations one int per spatial axis
  conv_general_dilated: "lhs, rhs, window_strides, padding, lhs_dilation, rhs_dilation, feature_group_count",
  swapaxes: "x, axis1, axis2",
  expand_dims: "x, axis",
  squeeze: "x, axis=None",
  concatenate: "arrays, axis=0",
  stack: "arrays, axis=0",
  split: "x, indices_or_sections, axis=0",
  pad: "x, pad_width, constant_value=0",
  take_along_axis: "x, indices, axis",
  take: "x, indices, axis=None, mode=None, fill_value=None",
  broadcast_to: "x, shape",
  flip: "x, axis=None",
  roll: "x, shift, axis=None",
  // `int_repeats`: set by the promotion pass where `repeats` is known to be a Python int
  repeat: "x, repeats, axis=None, *, int_repeats=False",
  tile: "x, reps",
  moveaxis: "x, source, destination",
  tril: "x, k=0",
  triu: "x, k=0",
  shape: "x",
  ndim: "x",
  size: "x",
  dtype: "x",
  astype: "x, dtype",
  // dtype information: Python objects with `.min`, `.max`, `.bits` (and `.eps`, `.tiny` for floats);
  // `category` is a dtype or one of "floating", "integer", "inexact", "number", "bool_"
  finfo: "dtype",
  iinfo: "dtype",
  issubdtype: "dtype, category",
  // images: jax.image.resize; `shape` gives every axis, and the axes whose size changes are resized
  resize: "x, shape, method='linear', antialias=True",
  resize_nearest: "x, shape",
  // linear algebra
  matmul: "x, y",
  dot: "x, y",
  einsum: "subscripts, *operands",
  // ((lhs_contracting, rhs_contracting), (lhs_batch, rhs_batch)); result axes: batch, lhs free, rhs free
  dot_general: "lhs, rhs, dimension_numbers",
  outer: "x, y",
  norm: "x, ord=None, axis=None, keepdims=False",
  // neural network
  relu: "x",
  gelu: "x, approximate=True",
  silu: "x",
  sigmoid: "x",
  softmax: "x, axis=-1",
  log_softmax: "x, axis=-1",
  one_hot: "x, num_classes, dtype=None",
  softplus: "x",
  log_sigmoid: "x",
  leaky_relu: "x, negative_slope=1e-2",
  elu: "x, alpha=1.0",
  relu6: "x",
  standardize: "x, axis=-1, epsilon=1e-5",
  celu: "x, alpha=1.0",
  selu: "x",
  // the first half of `axis` times the sigmoid of the second
  glu: "x, axis=-1",
  mish: "x",
  squareplus: "x, b=4",
  hard_sigmoid: "x",
  hard_silu: "x",
  hard_tanh: "x",
  soft_sign: "x",
  sparse_plus: "x",
  sparse_sigmoid: "x",
  // functional updates: x.at[index].set(values) and friends; `index` is an
  // `ivy.index[...]` expression
  at_set: "x, index, values",
  at_add: "x, index, values",
  at_multiply: "x, index, values",
  at_min: "x, index, values",
  at_max: "x, index, values",
  at_divide: "x, index, values",
  at_power: "x, index, values",
  at_get: "x, index",
  // jax.lax's dynamic slices: each start index (a Python int or an integer scalar array) counts from the end
  // when negative, then is clamped so that the slice stays in bounds
  dynamic_slice: "x, start_indices, slice_sizes",
  dynamic_slice_in_dim: "x, start_index, slice_size, axis=0",
  dynamic_update_slice: "x, update, start_indices",
  dynamic_update_slice_in_dim: "x, update, start_index, axis",
  // pytrees
  tree_map: "f, tree, *rest",
  tree_leaves: "tree",
  // control flow, run eagerly as Python loops; carries are pytrees
  fori_loop: "lower, upper, body_fun, init_val",
  while_loop: "cond_fun, body_fun, init_val",
  switch: "index, branches, *operands",
  // the branch pred picks, applied to the operands (a tensor predicate: TensorFlow's tf.cond, which tf.function traces)
  cond: "pred, true_fun, false_fun, *operands",
  scan: "f, init, xs=None, length=None, reverse=False",
  // training (optax): losses, elementwise or reduced over `axis` as optax's
  softmax_cross_entropy: "logits, labels, axis=-1",
  softmax_cross_entropy_with_integer_labels: "logits, labels, axis=-1",
  safe_softmax_cross_entropy: "logits, labels",
  sigmoid_binary_cross_entropy: "logits, labels",
  huber_loss: "predictions, targets=None, delta=1.0",
  cosine_similarity: "predictions, targets, epsilon=0.0, axis=-1",
  global_norm: "tree",
  // learning-rate schedules: each gives a function of the update count (0 before the first update)
  polynomial_schedule: "init_value, end_value, power, transition_steps, transition_begin=0",
  exponential_decay: "init_value, transition_steps, decay_rate, transition_begin=0, staircase=False, end_value=None",
  cosine_decay_schedule: "init_value, decay_steps, alpha=0.0, exponent=1.0",
  warmup_cosine_decay_schedule: "init_value, peak_value, warmup_steps, decay_steps, end_value=0.0, exponent=1.0",
  piecewise_constant_schedule: "init_value, boundaries_and_scales=None",
  join_schedules: "schedules, boundaries",
  // optimizers, every hyperparameter given: a target optimizer (class and hyperparameters) for `nnx_optimizer`
  sgd: "learning_rate, momentum, nesterov",
  adam: "learning_rate, b1, b2, eps",
  adamw: "learning_rate, b1, b2, eps, weight_decay",
  rmsprop: "learning_rate, decay, eps, eps_in_sqrt",
  adagrad: "learning_rate, initial_accumulator_value, eps",
  // gradient transforms, and a chain of them ending with an optimizer
  clip_by_global_norm: "max_norm",
  add_decayed_weights: "weight_decay",
  chain: "*transforms",
  // functional transforms (GradientTransformations with init(params) and update(updates, state, params=None))
  tx_sgd: "learning_rate, momentum=None, nesterov=False",
  tx_adam: "learning_rate, b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0, mu_dtype=None, nesterov=False",
  tx_adamw:
    "learning_rate, b1=0.9, b2=0.999, eps=1e-08, eps_root=0.0, mu_dtype=None, weight_decay=0.0001, mask=None, nesterov=False",
  tx_adabelief: "learning_rate, b1=0.9, b2=0.999, eps=1e-16, eps_root=1e-16, nesterov=False",
  tx_lion: "learning_rate, b1=0.9, b2=0.99, mu_dtype=None, weight_decay=0.001, mask=None",
  tx_adafactor: "learning_rate=None, min_dim_size_to_factor=128, decay_rate=0.8, decay_offset=0, " +
    "multiply_by_parameter_scale=True, clipping_threshold=1.0, momentum=None, weight_decay_rate=None, eps=1e-30, " +
    "factored=True, weight_decay_mask=None",
  tx_lamb: "learning_rate, b1=0.9, b2=0.999, eps=1e-06, eps_root=0.0, weight_decay=0.0, mask=None",
  tx_clip_by_global_norm: "max_norm",
  tx_clip: "max_delta",
  tx_scale: "step_size",
  tx_scale_by_schedule: "step_size_fn",
  tx_add_decayed_weights: "weight_decay=0.0, mask=None",
  tx_chain: "*transforms",
  tx_multi_steps: "opt, every_k_schedule=1, use_grad_mean=True",
  tx_inject_hyperparams: "inner_factory, static_args=()",
  // optax.apply_updates: params + updates, cast to each parameter's dtype
  apply_updates: "params, updates",
  // nnx.Optimizer(model, tx, wrt=nnx.Param), whose `update(model, grads)` takes nnx_(value_and_)grad's gradients
  nnx_optimizer: "model, tx",
  // nnx.Optimizer over a functional transform (tx_*): tx.init of the parameters, tx.update's updates added to them
  nnx_transform_optimizer: "model, tx",
  // nnx.Module.train() / eval(): deterministic and use_running_average set to `not training` on every nested Module
  nnx_set_mode: "module, training",
  // nnx.metrics: objects whose update / compute / reset stay method calls; multi_metric's metrics a dict by name
  metric_average: "argname='values'",
  metric_accuracy: "threshold=None, argname='values'",
  metric_welford: "argname='values'",
  multi_metric: "metrics",
  // nnx.state(model, nnx.Param) / nnx.state(model): the target model's trainable parameters / all its state
  nnx_params: "module",
  nnx_state: "module",
  // transformations of functions
  nnx_grad: "fun, argnums=0, has_aux=False",
  nnx_value_and_grad: "fun, argnums=0, has_aux=False",
  grad: "fun, argnums=0, has_aux=False",
  value_and_grad: "fun, argnums=0, has_aux=False",
  vmap: "fun, in_axes=0, out_axes=0",
  // the wider jax.numpy, jnp.linalg and jnp.fft (stages/ivy/numpy_ops.ts)
  ...NUMPY_OP_SIGS,
} as const satisfies Record<string, string>;

/** The name of one core op. */
export type CoreOp = keyof typeof CORE_OPS;

/** Core dtypes, as `ivy.<name>` in the IR. */
export const CORE_DTYPES = [
  "float32",
  "float16",
  "bfloat16",
  "float64",
  "int32",
  "int64",
  "int8",
  "uint8",
  "bool_",
] as const;

/** One core dtype name. */
export type CoreDtype = typeof CORE_DTYPES[number];

/** True for a core op name. */
export function isCoreOp(name: string): name is CoreOp {
  return Object.hasOwn(CORE_OPS, name);
}
