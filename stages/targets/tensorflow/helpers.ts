/**
 * Python helpers a TensorFlow output may need, each added only when used: the
 * `.py` files of `helpers/` (and `../shared/`), and those written over the
 * target's vocabulary (optax, resize, activations, `scan`, `dot_general`).
 *
 * @module
 */
import ARGMAX from "./helpers/argmax.py" with { type: "text" };
import ASARRAY from "./helpers/asarray.py" with { type: "text" };
import AT_MULTIPLY from "./helpers/at_multiply.py" with { type: "text" };
import AT_EXTREMUM from "./helpers/at_extremum.py" with { type: "text" };
import AT_UPDATE from "./helpers/at_update.py" with { type: "text" };
import TAKE from "./helpers/take.py" with { type: "text" };
import DYNAMIC_START from "./helpers/dynamic_start.py" with { type: "text" };
import DYNAMIC_SLICE from "./helpers/dynamic_slice.py" with { type: "text" };
import DYNAMIC_UPDATE_SLICE from "./helpers/dynamic_update_slice.py" with { type: "text" };
import AT_BY_PRODUCT from "./helpers/at_by_product.py" with { type: "text" };
import CELU from "./helpers/celu.py" with { type: "text" };
import DIVIDE from "./helpers/divide.py" with { type: "text" };
import DOT from "./helpers/dot.py" with { type: "text" };
import ELU from "./helpers/elu.py" with { type: "text" };
import EYE from "./helpers/eye.py" with { type: "text" };
import FULL_LIKE from "./helpers/full_like.py" with { type: "text" };
import GETITEM from "./helpers/getitem.py" with { type: "text" };
import GLU from "./helpers/glu.py" with { type: "text" };
import GRAD from "./helpers/grad.py" with { type: "text" };
import HARD_SILU from "./helpers/hard_silu.py" with { type: "text" };
import ISSUBDTYPE from "./helpers/issubdtype.py" with { type: "text" };
import MISH from "./helpers/mish.py" with { type: "text" };
import NORM from "./helpers/norm.py" with { type: "text" };
import PAD from "./helpers/pad.py" with { type: "text" };
import POSITIONS from "./helpers/positions.py" with { type: "text" };
import SPLIT from "./helpers/split.py" with { type: "text" };
import STANDARDIZE from "./helpers/standardize.py" with { type: "text" };
import SWAPAXES from "./helpers/swapaxes.py" with { type: "text" };
import TOP_K from "./helpers/top_k.py" with { type: "text" };
import VALUE_AND_GRAD from "./helpers/value_and_grad.py" with { type: "text" };
import VAR from "./helpers/var.py" with { type: "text" };
import VMAP from "./helpers/vmap.py" with { type: "text" };
import { pyHelper } from "../python_helper.ts";
import type { Helper } from "../emitter.ts";
import { TENSORFLOW_SPECIAL } from "../special.ts";
import { TF_FAMILY_HELPERS } from "../numpy_family.ts";
import { TF_EXTREMUM_HELPERS } from "../extremum.ts";
import { TREE_LEAVES, TREE_MAP } from "../pytree.ts";
import { FORI_LOOP, scanHelper, SWITCH, WHILE_LOOP } from "../control_flow.ts";
import { resizeHelpers } from "../image.ts";
import { dotGeneralHelper } from "../dot_general.ts";
import { activationHelpers } from "../activations.ts";
import { IN_DIM_SLICING_HELPERS } from "../slicing.ts";
import { TENSORFLOW_TRAINING_HELPERS } from "../training.ts";
import { TENSORFLOW_NNX_TRAINING_HELPERS } from "../nnx_training.ts";
import { optaxHelpers, type OptaxVocabulary } from "../optax.ts";
import { optaxTransformHelpers } from "../optax_transforms.ts";

/** How TensorFlow writes the optax helpers' array functions. */
const TENSORFLOW_OPTAX: OptaxVocabulary = {
  float32: (x) => `tf.cast(${x}, tf.float32)`,
  castLike: (x, like) => `tf.cast(${x}, ${like}.dtype)`,
  promotedLike: (x, like) => `tf.cast(${x}, ${like}.dtype)`,
  castTo: (x, dtype) => `tf.cast(${x}, ${dtype})`,
  sum: (x, axis, keepdims) =>
    axis === undefined
      ? `tf.reduce_sum(${x})`
      : `tf.reduce_sum(${x}, axis=${axis}${keepdims ? ", keepdims=True" : ""})`,
  logSoftmax: (x, axis) => `tf.nn.log_softmax(${x}, axis=${axis})`,
  logsumexp: (x, axis) => `tf.reduce_logsumexp(${x}, axis=${axis})`,
  logSigmoid: (x) => `tf.math.log_sigmoid(${x})`,
  takeAlongAxis: (x, indices, axis) => `tnp.take_along_axis(${x}, ${indices}, ${axis})`,
  expandDims: (x, axis) => `tf.expand_dims(${x}, ${axis})`,
  squeeze: (x, axis) => `tf.squeeze(${x}, ${axis})`,
  where: (c, x, y) => `tf.where(${c}, ${x}, ${y})`,
  zerosLike: (x) => `tf.zeros_like(${x})`,
  minimum: (x, bound) => `tf.minimum(${x}, ${bound})`,
  maximum: (x, bound) => `tf.maximum(${x}, ${bound})`,
  sqrt: (x) => `tf.sqrt(${x})`,
  cos: (x) => `tf.cos(${x})`,
  floor: (x) => `tf.floor(${x})`,
  sign: (x) => `tf.sign(${x})`,
};

/** The tensorflow helper table. */
export const tensorflowHelpers: Record<string, Helper> = {
  ...TENSORFLOW_SPECIAL,
  ...TENSORFLOW_TRAINING_HELPERS,
  ...TENSORFLOW_NNX_TRAINING_HELPERS,
  ...TF_FAMILY_HELPERS,
  ...TF_EXTREMUM_HELPERS,
  ...optaxHelpers(TENSORFLOW_OPTAX),
  ...optaxTransformHelpers(TENSORFLOW_OPTAX),
  ...activationHelpers("tf"),
  dot_general: dotGeneralHelper("tf.einsum"),
  ...resizeHelpers({
    inexact: "x = x if x.dtype.is_floating else tf.cast(x, tf.float32)",
    weights: "tf.constant(resize_weights(m, n, method, antialias), dtype=x.dtype)",
    contract: "tnp.moveaxis(tf.tensordot(x, w, axes=[[axis], [0]]), -1, axis)",
    gather: "tf.gather(x, indices, axis=axis)",
  }),
  celu: pyHelper(CELU),
  glu: pyHelper(GLU),
  mish: pyHelper(MISH),
  hard_silu: pyHelper(HARD_SILU),
  top_k: pyHelper(TOP_K),
  issubdtype: pyHelper(ISSUBDTYPE),
  asarray: pyHelper(ASARRAY),
  full_like: pyHelper(FULL_LIKE),
  divide: pyHelper(DIVIDE),
  var: pyHelper(VAR),
  argmax: pyHelper(ARGMAX),
  swapaxes: pyHelper(SWAPAXES),
  split: pyHelper(SPLIT),
  pad: pyHelper(PAD),
  dot: pyHelper(DOT),
  eye: pyHelper(EYE),
  getitem: pyHelper(GETITEM),
  positions: pyHelper(POSITIONS),

  at_update: pyHelper(AT_UPDATE),
  take: pyHelper(TAKE),
  at_by_product: pyHelper(AT_BY_PRODUCT),
  at_multiply: pyHelper(AT_MULTIPLY),
  at_extremum: pyHelper(AT_EXTREMUM),
  norm: pyHelper(NORM),
  elu: pyHelper(ELU),
  standardize: pyHelper(STANDARDIZE),
  tree_map: TREE_MAP,
  tree_leaves: TREE_LEAVES,
  fori_loop: FORI_LOOP,
  while_loop: WHILE_LOOP,
  switch: SWITCH,
  scan: scanHelper("tf.stack", "tf.zeros(a.shape[1:], dtype=a.dtype)"),
  value_and_grad: pyHelper(VALUE_AND_GRAD),
  grad: pyHelper(GRAD),
  vmap: pyHelper(VMAP),
  // starts kept tensors (XLA may trace them); no item assignment on tf.Tensor: a scatter
  dynamic_start: pyHelper(DYNAMIC_START),
  dynamic_slice: pyHelper(DYNAMIC_SLICE),
  dynamic_update_slice: pyHelper(DYNAMIC_UPDATE_SLICE),
  ...IN_DIM_SLICING_HELPERS,
};
