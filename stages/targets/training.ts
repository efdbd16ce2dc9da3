/**
 * Training code on the targets: optax optimizers as the target's optimizer
 * class with every hyperparameter explicit (`functools.partial` of a
 * `torch.optim` or `keras.optimizers` class), `nnx.Optimizer` as a small
 * `Optimizer` class over it, and `nnx.value_and_grad` / `nnx.grad` with the
 * target's autodiff. A module argument's gradients are its trainable
 * parameters' (torch: a dict name -> gradient; Keras: a list in
 * `trainable_variables` order), which `Optimizer.update` takes. NumPy has no
 * autodiff: every row is a diagnostic there.
 *
 * @module
 */
import type { Expr } from "../ast.ts";
import type { EmitFn, Helper, OpTable } from "./emitter.ts";
import { isFalse, isNone, isTrue } from "../literals.ts";
import { printExpr } from "../print.ts";
import TORCH_VALUE_AND_GRAD from "./torch/helpers/nnx_value_and_grad.py" with { type: "text" };
import TORCH_CLIP from "./torch/helpers/clip_by_global_norm.py" with { type: "text" };
import TORCH_DECAY from "./torch/helpers/add_decayed_weights.py" with { type: "text" };
import TF_CLIP from "./tensorflow/helpers/clip_by_global_norm.py" with { type: "text" };
import TF_DECAY from "./tensorflow/helpers/add_decayed_weights.py" with { type: "text" };
import NNX_GRAD from "./shared/nnx_grad.py" with { type: "text" };
import { pyHelper } from "./python_helper.ts";
import TORCH_OPTIMIZER from "../../stateful/targets/torch/optimizer.py" with { type: "text" };
import TORCH_TRANSFORM_OPTIMIZER from "../../stateful/targets/torch/transform_optimizer.py" with { type: "text" };
import TF_VALUE_AND_GRAD from "./tensorflow/helpers/nnx_value_and_grad.py" with { type: "text" };
import TF_OPTIMIZER from "../../stateful/targets/tensorflow/optimizer.py" with { type: "text" };
import TF_TRANSFORM_OPTIMIZER from "../../stateful/targets/tensorflow/transform_optimizer.py" with { type: "text" };
import TF_ADAM from "../../stateful/targets/tensorflow/adam.py" with { type: "text" };
import TF_SGD from "../../stateful/targets/tensorflow/sgd.py" with { type: "text" };

/** The core ops of this module. */
type TrainingOp =
  | "sgd"
  | "adam"
  | "adamw"
  | "rmsprop"
  | "adagrad"
  | "clip_by_global_norm"
  | "add_decayed_weights"
  | "chain"
  | "nnx_optimizer"
  | "nnx_transform_optimizer"
  | "nnx_grad"
  | "nnx_value_and_grad";

/** optax's `momentum=None` is the targets' 0.0. */
const momentumOf = (e?: Expr): string => isNone(e) ? "0.0" : printExpr(e!);

/** `optax.chain(...)` as the tuple of its transforms. */
const chainTuple: EmitFn = (a) => {
  const transforms = a.get("transforms");
  if (transforms?.kind !== "Tuple") return "tuple(transforms)";
  if (transforms.elts.length === 0) return "error: an empty chain has no optimizer";
  return `(${transforms.elts.map(printExpr).join(", ")},)`;
};

/**
 * The rows both autodiff targets share: gradient transforms (functions of the
 * gradients and the parameters), a chain as the tuple of its transforms (the
 * optimizer last), the Optimizer class and the gradient helpers.
 */
const TRANSFORMS = {
  clip_by_global_norm: {
    emit: "functools.partial(clip_by_global_norm, max_norm=max_norm)",
    helpers: ["clip_by_global_norm"],
  },
  add_decayed_weights: {
    emit: "functools.partial(add_decayed_weights, weight_decay=weight_decay)",
    helpers: ["add_decayed_weights"],
  },
  chain: chainTuple,
  nnx_optimizer: { emit: "Optimizer(model, tx)", helpers: ["Optimizer"] },
  nnx_transform_optimizer: { emit: "TransformOptimizer(model, tx)", helpers: ["TransformOptimizer"] },
  nnx_value_and_grad: {
    emit: "nnx_value_and_grad(fun, argnums=argnums, has_aux=has_aux)",
    helpers: ["nnx_value_and_grad"],
  },
  nnx_grad: { emit: "nnx_grad(fun, argnums=argnums, has_aux=has_aux)", helpers: ["nnx_grad"] },
} as const;

/** torch.optim.RMSprop adds eps after the square root: optax's `eps_in_sqrt=False`. */
const torchRmsprop: EmitFn = (a) =>
  isFalse(a.get("eps_in_sqrt"))
    ? "functools.partial(torch.optim.RMSprop, lr=learning_rate, alpha=decay, eps=eps)"
    : "error: torch.optim.RMSprop adds `eps` after the square root; optax.rmsprop adds it inside unless " +
      "`eps_in_sqrt=False`";

/**
 * torch.optim.Adagrad adds eps after the square root of the sum of squares
 * (optax: inside it), a difference below 1e-6 of the update once that sum
 * starts at optax's 0.1; from 0 it is not.
 */
const torchAdagrad: EmitFn = (a) => {
  const start = a.get("initial_accumulator_value");
  return start?.kind === "Constant" && typeof start.value === "number" && start.value >= 0.01
    ? "functools.partial(torch.optim.Adagrad, lr=learning_rate, initial_accumulator_value=initial_accumulator_value, " +
      "eps=eps)"
    : "error: torch.optim.Adagrad adds `eps` after the square root: only an `initial_accumulator_value` literal of " +
      "at least 0.01 keeps it within 1e-6 of optax";
};

/** The torch rows. */
export const TORCH_TRAINING_OPS: Pick<OpTable, TrainingOp> = {
  sgd: (a) =>
    `functools.partial(torch.optim.SGD, lr=learning_rate, momentum=${momentumOf(a.get("momentum"))}, ` +
    "nesterov=nesterov)",
  adam: "functools.partial(torch.optim.Adam, lr=learning_rate, betas=(b1, b2), eps=eps)",
  adamw: "functools.partial(torch.optim.AdamW, lr=learning_rate, betas=(b1, b2), eps=eps, weight_decay=weight_decay)",
  rmsprop: torchRmsprop,
  adagrad: torchAdagrad,
  ...TRANSFORMS,
};

/** keras.optimizers.RMSprop adds epsilon inside the square root: optax's default `eps_in_sqrt=True`. */
const kerasRmsprop: EmitFn = (a) =>
  isTrue(a.get("eps_in_sqrt"))
    ? "functools.partial(keras.optimizers.RMSprop, learning_rate=learning_rate, rho=decay, momentum=0.0, " +
      "epsilon=eps, centered=False)"
    : "error: keras.optimizers.RMSprop adds `epsilon` inside the square root, not after it (`eps_in_sqrt=False`)";

/** The TensorFlow rows. */
export const TENSORFLOW_TRAINING_OPS: Pick<OpTable, TrainingOp> = {
  // with momentum, keras.optimizers.SGD scales each gradient by its own step's learning rate: an exact `SGD` instead
  sgd: (a) =>
    isNone(a.get("momentum"))
      ? "functools.partial(keras.optimizers.SGD, learning_rate=learning_rate, momentum=0.0, nesterov=nesterov)"
      : {
        emit: "functools.partial(SGD, learning_rate=learning_rate, momentum=momentum, nesterov=nesterov)",
        helpers: ["SGD"],
      },
  // keras.optimizers.Adam and AdamW add epsilon before the bias correction: an exact `Adam` instead
  adam: {
    emit: "functools.partial(Adam, learning_rate=learning_rate, beta_1=b1, beta_2=b2, epsilon=eps)",
    helpers: ["Adam"],
  },
  adamw: {
    emit: "functools.partial(Adam, learning_rate=learning_rate, beta_1=b1, beta_2=b2, epsilon=eps, " +
      "weight_decay=weight_decay)",
    helpers: ["Adam"],
  },
  rmsprop: kerasRmsprop,
  adagrad: "functools.partial(keras.optimizers.Adagrad, learning_rate=learning_rate, " +
    "initial_accumulator_value=initial_accumulator_value, epsilon=eps)",
  ...TRANSFORMS,
};

/** A NumPy diagnostic naming the JAX API. */
const noAutodiff = (api: string) => ({ unsupported: `NumPy has no automatic differentiation, so no \`${api}\`` });

/** The NumPy rows: diagnostics. */
export const NUMPY_TRAINING_OPS: Pick<OpTable, TrainingOp> = {
  sgd: noAutodiff("optax.sgd"),
  adam: noAutodiff("optax.adam"),
  adamw: noAutodiff("optax.adamw"),
  rmsprop: noAutodiff("optax.rmsprop"),
  adagrad: noAutodiff("optax.adagrad"),
  clip_by_global_norm: noAutodiff("optax.clip_by_global_norm"),
  add_decayed_weights: noAutodiff("optax.add_decayed_weights"),
  chain: noAutodiff("optax.chain"),
  nnx_optimizer: noAutodiff("nnx.Optimizer"),
  nnx_transform_optimizer: noAutodiff("nnx.Optimizer"),
  nnx_grad: noAutodiff("nnx.grad"),
  nnx_value_and_grad: noAutodiff("nnx.value_and_grad"),
};

/** The torch helpers. */
export const TORCH_TRAINING_HELPERS: Record<string, Helper> = {
  Optimizer: { source: TORCH_OPTIMIZER },
  TransformOptimizer: { source: TORCH_TRANSFORM_OPTIMIZER },
  clip_by_global_norm: { source: TORCH_CLIP, needs: ["global_norm"] },
  add_decayed_weights: { source: TORCH_DECAY },
  nnx_value_and_grad: { source: TORCH_VALUE_AND_GRAD },
  nnx_grad: pyHelper(NNX_GRAD),
};

/** The TensorFlow helpers. */
export const TENSORFLOW_TRAINING_HELPERS: Record<string, Helper> = {
  Adam: { source: TF_ADAM },
  Optimizer: { source: TF_OPTIMIZER },
  TransformOptimizer: { source: TF_TRANSFORM_OPTIMIZER },
  clip_by_global_norm: { source: TF_CLIP, needs: ["global_norm"] },
  add_decayed_weights: { source: TF_DECAY },
  SGD: { source: TF_SGD },
  nnx_value_and_grad: { source: TF_VALUE_AND_GRAD },
  nnx_grad: pyHelper(NNX_GRAD),
};
