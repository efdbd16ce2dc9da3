/**
 * Python helpers a torch output may need, each added only when used: the
 * `.py` files of `helpers/` (and `../shared/`), and those written over the
 * target's vocabulary (optax, resize, activations, `scan`, `dot_general`).
 *
 * @module
 */
import ASARRAY from "./helpers/asarray.py" with { type: "text" };
import AT_SET from "./helpers/at_set.py" with { type: "text" };
import AT_UPDATE from "./helpers/at_update.py" with { type: "text" };
import AT_BY_PRODUCT from "./helpers/at_by_product.py" with { type: "text" };
import EYE from "./helpers/eye.py" with { type: "text" };
import FLIP from "./helpers/flip.py" with { type: "text" };
import FULL from "./helpers/full.py" with { type: "text" };
import GELU from "./helpers/gelu.py" with { type: "text" };
import ISSUBDTYPE from "./helpers/issubdtype.py" with { type: "text" };
import PAD from "./helpers/pad.py" with { type: "text" };
import SPLIT from "./helpers/split.py" with { type: "text" };
import STANDARDIZE from "./helpers/standardize.py" with { type: "text" };
import TAKE from "./helpers/take.py" with { type: "text" };
import TILE from "./helpers/tile.py" with { type: "text" };
import TOP_K from "./helpers/top_k.py" with { type: "text" };
import TRANSPOSE from "./helpers/transpose.py" with { type: "text" };
import VALUE_AND_GRAD from "./helpers/value_and_grad.py" with { type: "text" };
import { pyHelper } from "../python_helper.ts";
import type { Helper } from "../emitter.ts";
import { TORCH_SPECIAL } from "../special.ts";
import { TORCH_FAMILY_HELPERS } from "../numpy_family.ts";
import { TORCH_EXTREMUM_HELPERS } from "../extremum.ts";
import { TREE_LEAVES, TREE_MAP } from "../pytree.ts";
import { FORI_LOOP, scanHelper, SWITCH, WHILE_LOOP } from "../control_flow.ts";
import { resizeHelpers } from "../image.ts";
import { dotGeneralHelper } from "../dot_general.ts";
import { activationHelpers } from "../activations.ts";
import { itemAssignUpdate, slicingHelpers } from "../slicing.ts";
import { TORCH_TRAINING_HELPERS } from "../training.ts";
import { TORCH_NNX_TRAINING_HELPERS } from "../nnx_training.ts";
import { optaxHelpers, type OptaxVocabulary } from "../optax.ts";
import { optaxTransformHelpers } from "../optax_transforms.ts";

/** How torch writes the optax helpers' array functions. */
const TORCH_OPTAX: OptaxVocabulary = {
  float32: (x) => `torch.as_tensor(${x}, dtype=torch.float32)`,
  castLike: (x, like) => `(${x}).to(${like}.dtype)`,
  promotedLike: (x) => x,
  castTo: (x, dtype) => `(${x}).to(${dtype})`,
  sum: (x, axis, keepdims) =>
    axis === undefined ? `torch.sum(${x})` : `torch.sum(${x}, dim=${axis}${keepdims ? ", keepdim=True" : ""})`,
  logSoftmax: (x, axis) => `torch.log_softmax(${x}, dim=${axis})`,
  logsumexp: (x, axis) => `torch.logsumexp(${x}, dim=${axis})`,
  logSigmoid: (x) => `torch.nn.functional.logsigmoid(${x})`,
  takeAlongAxis: (x, indices, axis) => `torch.take_along_dim(${x}, ${indices}.long(), dim=${axis})`,
  expandDims: (x, axis) => `torch.unsqueeze(${x}, ${axis})`,
  squeeze: (x, axis) => `torch.squeeze(${x}, ${axis})`,
  where: (c, x, y) => `torch.where(${c}, ${x}, ${y})`,
  zerosLike: (x) => `torch.zeros_like(${x})`,
  minimum: (x, bound) => `torch.clamp(${x}, max=${bound})`,
  maximum: (x, bound) => `torch.clamp(${x}, min=${bound})`,
  sqrt: (x) => `torch.sqrt(${x})`,
  cos: (x) => `torch.cos(${x})`,
  floor: (x) => `torch.floor(${x})`,
  sign: (x) => `torch.sign(${x})`,
};

/** The torch helper table. */
export const torchHelpers: Record<string, Helper> = {
  ...TORCH_SPECIAL,
  ...TORCH_TRAINING_HELPERS,
  ...TORCH_NNX_TRAINING_HELPERS,
  ...TORCH_FAMILY_HELPERS,
  ...TORCH_EXTREMUM_HELPERS,
  ...optaxHelpers(TORCH_OPTAX),
  ...optaxTransformHelpers(TORCH_OPTAX),
  ...activationHelpers("torch"),
  dot_general: dotGeneralHelper("torch.einsum"),
  ...resizeHelpers({
    inexact: "x = x if x.is_floating_point() else x.to(torch.float32)",
    weights: "torch.tensor(resize_weights(m, n, method, antialias), dtype=x.dtype)",
    contract: "torch.movedim(torch.tensordot(x, w, dims=([axis], [0])), -1, axis)",
    gather: "torch.index_select(x, axis, torch.tensor(indices))",
  }),
  gelu: pyHelper(GELU),
  top_k: pyHelper(TOP_K),
  issubdtype: pyHelper(ISSUBDTYPE),
  asarray: pyHelper(ASARRAY),
  full: pyHelper(FULL),
  eye: pyHelper(EYE),
  transpose: pyHelper(TRANSPOSE),
  split: pyHelper(SPLIT),
  pad: pyHelper(PAD),
  at_set: pyHelper(AT_SET),

  at_update: pyHelper(AT_UPDATE),
  at_by_product: pyHelper(AT_BY_PRODUCT),
  take: pyHelper(TAKE),
  flip: pyHelper(FLIP),
  tile: pyHelper(TILE),
  standardize: pyHelper(STANDARDIZE),
  tree_map: TREE_MAP,
  tree_leaves: TREE_LEAVES,
  fori_loop: FORI_LOOP,
  while_loop: WHILE_LOOP,
  switch: SWITCH,
  scan: scanHelper("torch.stack", "torch.zeros(a.shape[1:], dtype=a.dtype)"),
  value_and_grad: pyHelper(VALUE_AND_GRAD),
  ...slicingHelpers(itemAssignUpdate("clone")),
};
