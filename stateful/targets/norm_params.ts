/**
 * The `norm_params` helper of the targets whose norms hold their scale and
 * bias as arrays of their own (torch, NumPy; Keras' norms make their weights
 * in `build`), one template over the array constructors and what wraps a
 * parameter.
 *
 * @module
 */
import type { Helper } from "../../stages/targets/emitter.ts";

/** How a target writes the parts of `norm_params` that differ. */
export interface NormParamsSpelling {
  /** The module alias with `ones` and `zeros` (`torch`, `np`). */
  readonly ns: string;
  /** The float32 parameter holding the array `value` (`np.asarray(value, np.float32)`). */
  readonly param: (value: string) => string;
  /** The import line per module alias the source names. */
  readonly imports: Readonly<Record<string, string>>;
}

/**
 * The target's `norm_params(num_features, use_scale, use_bias, scale_init, bias_init, rngs)` helper.
 *
 * @param s The target's spelling.
 * @returns The helper.
 * @example NumPy's
 * ```ts
 * normParamsHelper({
 *   ns: "np",
 *   param: (value) => `np.asarray(${value}, np.float32)`,
 *   imports: { np: "import numpy as np" },
 * });
 * ```
 */
export function normParamsHelper(s: NormParamsSpelling): Helper {
  return {
    source: `
def norm_params(num_features, use_scale, use_bias, scale_init, bias_init, rngs):
    """A norm's float32 scale and bias parameters (None where unused): ones and zeros of
    (num_features,), unless scale_init / bias_init (init(key, shape)) draw them from rngs."""
    key = None if rngs is None else rngs.params()
    shape = (num_features,)
    scale = bias = None
    if use_scale:
        scale = ${s.ns}.ones(shape) if scale_init is None else scale_init(key, shape)
        scale = ${s.param("scale")}
    if use_bias:
        bias = ${s.ns}.zeros(shape) if bias_init is None else bias_init(key, shape)
        bias = ${s.param("bias")}
    return scale, bias
`,
    imports: s.imports,
  };
}
