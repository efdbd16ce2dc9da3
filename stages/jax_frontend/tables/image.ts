/**
 * `jax.image` (jax/_src/image/scale.py): resizing, with JAX's weights.
 *
 * @module
 */
import type { Expr } from "../../ast.ts";
import type { ApiTable } from "../api.ts";
import { RESIZE_METHODS } from "../../targets/image.ts";

/** A literal method must be one the targets compute; `"nearest"` keeps the dtype, so it has its own op. */
function resizeLowering(a: ReadonlyMap<string, Expr>): string {
  const method = a.get("method");
  if (method?.kind === "Constant" && typeof method.value === "string") {
    if (!RESIZE_METHODS.includes(method.value)) return `error: method ${JSON.stringify(method.value)} is not supported`;
    if (method.value === "nearest") return "ivy.resize_nearest(image, shape)";
  }
  return "ivy.resize(image, shape, method=method, antialias=antialias)";
}

/** The `jax.image` table. */
export const imageTable: ApiTable = {
  // `precision` only picks XLA's matmul precision; the targets compute float32 in full.
  resize: {
    sig: "image, shape, method, antialias=True, precision=lax.Precision.HIGHEST",
    ivy: resizeLowering,
    ignored: ["precision"],
    checks: [
      "jax.image.resize(x, (6, 8), 'bilinear')",
      "jax.image.resize(x, (2, 3), 'linear')",
      "jax.image.resize(x, (2, 3), 'linear', antialias=False)",
      "jax.image.resize(x, (5, 2), method='cubic')",
      "jax.image.resize(x, (7, 9), method='bicubic', antialias=False)",
      "jax.image.resize(x, (2, 2), method='bicubic', antialias=False)",
      "jax.image.resize(x, (4, 7), method='lanczos3')",
      "jax.image.resize(x, (2, 3), method='lanczos5')",
      "jax.image.resize(x, (2, 3), method='lanczos3', antialias=False)",
      "jax.image.resize(x, (5, 3), method='nearest')",
      "jax.image.resize(i, (7,), method='nearest')",
      "jax.image.resize(i, (5,), method='linear')",
      "jax.image.resize(x.reshape(1, 3, 4, 1), (1, 5, 2, 1), 'trilinear', precision=jax.lax.Precision.HIGHEST)",
      "jax.image.resize(x, (3, 4), 'cubic')",
    ],
  },
};

/** `jax.image.ResizeMethod`: each member is its method's name, which `resize` takes. */
export const resizeMethodTable: ApiTable = Object.fromEntries(
  ["NEAREST", "LINEAR", "CUBIC", "LANCZOS3", "LANCZOS5"].map((name) => [
    name,
    {
      sig: "",
      ivy: `'${name.toLowerCase()}'`,
      constant: true,
      returns: "python",
      checks: [`jax.image.resize(x.reshape(1, 3, 2, 2), (1, 5, 3, 2), method=jax.image.ResizeMethod.${name})`],
    },
  ]),
);
