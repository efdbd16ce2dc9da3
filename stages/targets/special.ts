/**
 * The special functions (jax.scipy.special, lax) that a target writes with a
 * helper: NumPy has none of them built in (no SciPy in the output), torch's
 * `digamma` and TensorFlow's `xlogy`/`xlog1py` differ from JAX at the poles and at NaN, TensorFlow's `erfinv` near 0
 * and next to +-1, and every target's `sign` (torch's and TensorFlow's `entr`) loses the sign of a zero. Each helper
 * is a Python file beside its target.
 *
 * @module
 */
import type { Helper } from "./emitter.ts";
import { pyHelper } from "./python_helper.ts";
import NUMPY_ERFC from "./numpy/helpers/erfc.py" with { type: "text" };
import NUMPY_ERF_INV from "./numpy/helpers/erf_inv.py" with { type: "text" };
import NUMPY_LGAMMA from "./numpy/helpers/lgamma.py" with { type: "text" };
import NUMPY_DIGAMMA from "./numpy/helpers/digamma.py" with { type: "text" };
import NUMPY_XLOGY from "./numpy/helpers/xlogy.py" with { type: "text" };
import NUMPY_XLOG1PY from "./numpy/helpers/xlog1py.py" with { type: "text" };
import NUMPY_LOGIT from "./numpy/helpers/logit.py" with { type: "text" };
import NUMPY_ENTR from "./numpy/helpers/entr.py" with { type: "text" };
import NUMPY_SIGN from "./numpy/helpers/sign.py" with { type: "text" };
import NUMPY_LOGSUMEXP_WEIGHTED from "./numpy/helpers/logsumexp_weighted.py" with { type: "text" };
import TORCH_DIGAMMA from "./torch/helpers/digamma.py" with { type: "text" };
import TORCH_SIGN from "./torch/helpers/sign.py" with { type: "text" };
import TORCH_ENTR from "./torch/helpers/entr.py" with { type: "text" };
import TORCH_LOGSUMEXP_WEIGHTED from "./torch/helpers/logsumexp_weighted.py" with { type: "text" };
import TF_ERF_INV from "./tensorflow/helpers/erf_inv.py" with { type: "text" };
import TF_XLOGY from "./tensorflow/helpers/xlogy.py" with { type: "text" };
import TF_XLOG1PY from "./tensorflow/helpers/xlog1py.py" with { type: "text" };
import TF_LOGIT from "./tensorflow/helpers/logit.py" with { type: "text" };
import TF_ENTR from "./tensorflow/helpers/entr.py" with { type: "text" };
import TF_SIGN from "./tensorflow/helpers/sign.py" with { type: "text" };
import TF_LOGSUMEXP_WEIGHTED from "./tensorflow/helpers/logsumexp_weighted.py" with { type: "text" };

/** NumPy's special-function helpers, by name. */
export const NUMPY_SPECIAL: Record<string, Helper> = {
  erfc: pyHelper(NUMPY_ERFC),
  erf_inv: pyHelper(NUMPY_ERF_INV),
  lgamma: pyHelper(NUMPY_LGAMMA),
  digamma: pyHelper(NUMPY_DIGAMMA),
  xlogy: pyHelper(NUMPY_XLOGY),
  xlog1py: pyHelper(NUMPY_XLOG1PY),
  logit: pyHelper(NUMPY_LOGIT),
  entr: pyHelper(NUMPY_ENTR),
  sign: pyHelper(NUMPY_SIGN),
  logsumexp_weighted: pyHelper(NUMPY_LOGSUMEXP_WEIGHTED),
};

/** torch's special-function helpers, by name. */
export const TORCH_SPECIAL: Record<string, Helper> = {
  digamma: pyHelper(TORCH_DIGAMMA),
  sign: pyHelper(TORCH_SIGN),
  entr: pyHelper(TORCH_ENTR),
  logsumexp_weighted: pyHelper(TORCH_LOGSUMEXP_WEIGHTED),
};

/** TensorFlow's special-function helpers, by name. */
export const TENSORFLOW_SPECIAL: Record<string, Helper> = {
  erf_inv: pyHelper(TF_ERF_INV),
  xlogy: pyHelper(TF_XLOGY),
  xlog1py: pyHelper(TF_XLOG1PY),
  logit: pyHelper(TF_LOGIT),
  entr: pyHelper(TF_ENTR),
  sign: pyHelper(TF_SIGN),
  logsumexp_weighted: pyHelper(TF_LOGSUMEXP_WEIGHTED),
};
