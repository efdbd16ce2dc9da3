/**
 * Python helpers a NumPy output may need, each added only when used: the
 * `.py` files of `helpers/` (and `../shared/`), and those written over the
 * target's vocabulary (optax, resize, activations, `scan`, `dot_general`).
 *
 * @module
 */
import ASARRAY from "./helpers/asarray.py" with { type: "text" };
import AT_SET from "./helpers/at_set.py" with { type: "text" };
import AT_UPDATE from "./helpers/at_update.py" with { type: "text" };
import TAKE from "./helpers/take.py" with { type: "text" };
import AT_BY_PRODUCT from "./helpers/at_by_product.py" with { type: "text" };
import CELU from "./helpers/celu.py" with { type: "text" };
import DIVIDE from "./helpers/divide.py" with { type: "text" };
import ELU from "./helpers/elu.py" with { type: "text" };
import ERF from "./helpers/erf.py" with { type: "text" };
import FULL from "./helpers/full.py" with { type: "text" };
import GELU from "./helpers/gelu.py" with { type: "text" };
import GLU from "./helpers/glu.py" with { type: "text" };
import HARD_SILU from "./helpers/hard_silu.py" with { type: "text" };
import LEAKY_RELU from "./helpers/leaky_relu.py" with { type: "text" };
import LOGSUMEXP from "./helpers/logsumexp.py" with { type: "text" };
import LOG_SOFTMAX from "./helpers/log_softmax.py" with { type: "text" };
import MISH from "./helpers/mish.py" with { type: "text" };
import SIGMOID from "./helpers/sigmoid.py" with { type: "text" };
import SILU from "./helpers/silu.py" with { type: "text" };
import SOFTMAX from "./helpers/softmax.py" with { type: "text" };
import SOFT_SIGN from "./helpers/soft_sign.py" with { type: "text" };
import STANDARDIZE from "./helpers/standardize.py" with { type: "text" };
import TOP_K from "./helpers/top_k.py" with { type: "text" };
import VMAP from "./helpers/vmap.py" with { type: "text" };
import { NUMPY_NNX_TRAINING_HELPERS } from "../nnx_training.ts";
import { pyHelper } from "../python_helper.ts";
import type { Helper } from "../emitter.ts";
import { NUMPY_SPECIAL } from "../special.ts";
import { NUMPY_FAMILY_HELPERS } from "../numpy_family.ts";
import { NUMPY_EXTREMUM_HELPERS } from "../extremum.ts";
import { TREE_LEAVES, TREE_MAP } from "../pytree.ts";
import { FORI_LOOP, scanHelper, SWITCH, WHILE_LOOP } from "../control_flow.ts";
import { resizeHelpers } from "../image.ts";
import { dotGeneralHelper } from "../dot_general.ts";
import { activationHelpers } from "../activations.ts";
import { itemAssignUpdate, slicingHelpers } from "../slicing.ts";
import { optaxHelpers, type OptaxVocabulary } from "../optax.ts";
import { optaxTransformHelpers } from "../optax_transforms.ts";

/** How NumPy writes the optax helpers' array functions. */
const NUMPY_OPTAX: OptaxVocabulary = {
  float32: (x) => `np.asarray(${x}, dtype=np.float32)`,
  castLike: (x, like) => `np.asarray(${x}).astype(${like}.dtype)`,
  promotedLike: (x) => x,
  castTo: (x, dtype) => `np.asarray(${x}).astype(${dtype})`,
  sum: (x, axis, keepdims) =>
    axis === undefined ? `np.sum(${x})` : `np.sum(${x}, axis=${axis}${keepdims ? ", keepdims=True" : ""})`,
  logSoftmax: (x, axis) => `log_softmax(${x}, axis=${axis})`,
  logsumexp: (x, axis) => `logsumexp(${x}, axis=${axis})`,
  // log(sigmoid(x)) = -log(1 + exp(-x)); `-(-a)` written `a`
  logSigmoid: (x) => `-np.logaddexp(0, ${x.startsWith("-") ? x.slice(1) : `-${x}`})`,
  takeAlongAxis: (x, indices, axis) => `np.take_along_axis(${x}, ${indices}, ${axis})`,
  expandDims: (x, axis) => `np.expand_dims(${x}, ${axis})`,
  squeeze: (x, axis) => `np.squeeze(${x}, ${axis})`,
  where: (c, x, y) => `np.where(${c}, ${x}, ${y})`,
  zerosLike: (x) => `np.zeros_like(${x})`,
  minimum: (x, bound) => `np.minimum(${x}, ${bound})`,
  maximum: (x, bound) => `np.maximum(${x}, ${bound})`,
  sqrt: (x) => `np.sqrt(${x})`,
  cos: (x) => `np.cos(${x})`,
  floor: (x) => `np.floor(${x})`,
  sign: (x) => `np.sign(${x})`,
  needs: ["logsumexp", "log_softmax"],
};

/** The numpy helper table. */
export const numpyHelpers: Record<string, Helper> = {
  ...NUMPY_SPECIAL,
  ...NUMPY_NNX_TRAINING_HELPERS,
  ...NUMPY_FAMILY_HELPERS,
  ...NUMPY_EXTREMUM_HELPERS,
  ...optaxHelpers(NUMPY_OPTAX),
  ...optaxTransformHelpers(NUMPY_OPTAX),
  ...activationHelpers("np"),
  dot_general: dotGeneralHelper("np.einsum"),
  ...resizeHelpers({
    inexact: "x = x if np.issubdtype(x.dtype, np.inexact) else x.astype(np.float32)",
    weights: "np.asarray(resize_weights(m, n, method, antialias), dtype=x.dtype)",
    contract: "np.moveaxis(np.tensordot(x, w, axes=([axis], [0])), -1, axis)",
    gather: "np.take(x, indices, axis=axis)",
  }),
  celu: pyHelper(CELU),
  glu: pyHelper(GLU),
  mish: pyHelper(MISH),
  hard_silu: pyHelper(HARD_SILU),
  soft_sign: pyHelper(SOFT_SIGN),
  top_k: pyHelper(TOP_K),
  erf: pyHelper(ERF),
  asarray: pyHelper(ASARRAY),
  full: pyHelper(FULL),
  divide: pyHelper(DIVIDE),
  logsumexp: pyHelper(LOGSUMEXP),
  sigmoid: pyHelper(SIGMOID),
  silu: pyHelper(SILU),
  gelu: pyHelper(GELU),
  softmax: pyHelper(SOFTMAX),
  log_softmax: pyHelper(LOG_SOFTMAX),
  at_set: pyHelper(AT_SET),

  at_update: pyHelper(AT_UPDATE),
  take: pyHelper(TAKE),
  at_by_product: pyHelper(AT_BY_PRODUCT),
  leaky_relu: pyHelper(LEAKY_RELU),
  elu: pyHelper(ELU),
  standardize: pyHelper(STANDARDIZE),
  tree_map: TREE_MAP,
  tree_leaves: TREE_LEAVES,
  fori_loop: FORI_LOOP,
  while_loop: WHILE_LOOP,
  switch: SWITCH,
  scan: scanHelper("np.stack", "np.zeros(a.shape[1:], dtype=a.dtype)"),
  vmap: pyHelper(VMAP),
  ...slicingHelpers(itemAssignUpdate("copy")),
};
