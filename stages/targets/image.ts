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
const RESIZE_KERNEL: Helper = {
  source: `
def resize_kernel(method, x):
    """jax.image.resize's kernels: triangle, Keys cubic, Lanczos of radius 3 or 5."""
    if method in ("linear", "bilinear", "trilinear", "triangle"):
        return max(0.0, 1.0 - x)
    if method in ("cubic", "bicubic", "tricubic"):
        if x >= 2.0:
            return 0.0
        if x >= 1.0:
            return ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
        return (1.5 * x - 2.5) * x * x + 1.0
    if method not in ("lanczos3", "lanczos5"):
        raise ValueError("unknown resize method: " + repr(method))
    radius = 3.0 if method == "lanczos3" else 5.0
    if x > radius:
        return 0.0
    if x <= 1e-3:
        return 1.0
    y = math.pi * x
    return radius * math.sin(y) * math.sin(y / radius) / (y * y)
`,
};

/** One axis's weights, `(in_size, out_size)`, as JAX's `compute_weight_mat` (no translation). */
const RESIZE_WEIGHTS: Helper = {
  source: `
def resize_weights(in_size, out_size, method, antialias):
    """One axis's (in_size, out_size) weights, as JAX's compute_weight_mat: normalized kernel values."""
    inv_scale = in_size / out_size
    kernel_scale = max(inv_scale, 1.0) if antialias else 1.0
    columns = []
    for j in range(out_size):
        sample = (j + 0.5) * inv_scale - 0.5
        column = [resize_kernel(method, abs(sample - k) / kernel_scale) for k in range(in_size)]
        total = sum(column)
        keep = abs(total) > 1000.0 * 1.1920929e-07
        columns.append([w / total if keep else 0.0 for w in column])
    return [list(row) for row in zip(*columns)]
`,
  needs: ["resize_kernel"],
};

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
