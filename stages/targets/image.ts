/**
 * `jax.image.resize` on every target: JAX's `scale_and_translate` builds one
 * (input size, output size) weight matrix per resized axis from a kernel
 * (widened by the scale when antialiasing a downsampling) and contracts the
 * image with it; `"nearest"` gathers the input index `floor((j + 0.5) * in /
 * out)`. The weights depend on the sizes only, so they are computed in plain
 * Python, the same for every target; only the contraction and the gather are
 * the target's.
 *
 * @module
 */
import RESIZE_KERNEL_SOURCE from "./shared/resize_kernel.py" with { type: "text" };
import RESIZE_WEIGHTS_SOURCE from "./shared/resize_weights.py" with { type: "text" };
import { pyHelper } from "./python_helper.ts";
import type { Helper } from "./emitter.ts";

/** The methods `jax.image.resize` takes here, by their JAX names (`ResizeMethod.from_string`). */
export const RESIZE_METHODS: readonly string[] = [
  "nearest",
  "linear",
  "bilinear",
  "trilinear",
  "triangle",
  "cubic",
  "bicubic",
  "tricubic",
  "lanczos3",
  "lanczos5",
];

/** The kernel of each method (`jax/_src/image/scale.py`), at a distance `x >= 0`. */
const RESIZE_KERNEL: Helper = pyHelper(RESIZE_KERNEL_SOURCE);

/** One axis's weights, `(in_size, out_size)`, as JAX's `compute_weight_mat` (no translation). */
const RESIZE_WEIGHTS: Helper = pyHelper(RESIZE_WEIGHTS_SOURCE);

/** How one target writes the parts of the resize helpers that are its own. */
export interface ResizeParts {
  /** A statement making `x` floating (float32 for ints and bools), as JAX's `promote_dtypes_inexact`. */
  readonly inexact: string;
  /** The weights `w` (nested lists) as an array of `x`'s dtype. */
  readonly weights: string;
  /** `x` contracted with `w` along `axis`, the result's axis back at `axis`. */
  readonly contract: string;
  /** `x` gathered at the int list `indices` along `axis`. */
  readonly gather: string;
}

/**
 * The target's `resize` and `resize_nearest` helpers, and the shared Python
 * ones they need.
 *
 * @param parts The target's statements and expressions.
 * @returns Helper name to helper.
 */
export function resizeHelpers(parts: ResizeParts): Record<string, Helper> {
  return {
    resize_kernel: RESIZE_KERNEL,
    resize_weights: RESIZE_WEIGHTS,
    resize_nearest: {
      source: `
def resize_nearest(x, shape):
    """jax.image.resize with method "nearest": input index floor((j + 0.5) * in / out) along each resized axis."""
    for axis, (m, n) in enumerate(zip(tuple(x.shape), shape)):
        if m != n:
            indices = [math.floor((j + 0.5) * m / n) for j in range(n)]
            x = ${parts.gather}
    return x
`,
    },
    resize: {
      source: `
def resize(x, shape, method="linear", antialias=True):
    """jax.image.resize: each resized axis contracted with its weights, as JAX's scale_and_translate."""
    if method == "nearest":
        return resize_nearest(x, shape)
    ${parts.inexact}
    for axis, (m, n) in enumerate(zip(tuple(x.shape), shape)):
        if m != n:
            w = ${parts.weights}
            x = ${parts.contract}
    return x
`,
      needs: ["resize_nearest", "resize_weights"],
    },
  };
}
