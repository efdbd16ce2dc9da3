/**
 * `jax.random.orthogonal` on every target, one template over what the
 * frameworks spell differently: the module with `linalg.qr` and `sign`, the
 * standard normal draw, the diagonal and the transpose. The algorithm is
 * JAX's: the Q of a standard normal's QR decomposition, each column's sign
 * that of R's diagonal entry, transposed when wider than tall.
 *
 * @module
 */
import type { Helper } from "../../stages/targets/emitter.ts";

/** How a target writes the parts of `orthogonal` that differ. */
export interface OrthogonalSpelling {
  /** The module alias with `float32`, `linalg.qr` and `sign` (`torch`, `np`, `tf`). */
  readonly ns: string;
  /** A standard normal draw of `shape` in `dtype` from the generator `key`. */
  readonly normal: (shape: string) => string;
  /** The diagonal of the matrix `r`. */
  readonly diagonal: (r: string) => string;
  /** The transpose of the matrix `q`. */
  readonly transpose: (q: string) => string;
  /** The import line per module alias the source names. */
  readonly imports: Readonly<Record<string, string>>;
}

/**
 * The target's `orthogonal(key, n, m=None, dtype=<float32>)` helper.
 *
 * @param s The target's spelling.
 * @returns The helper.
 * @example NumPy's
 * ```ts
 * orthogonalHelper({
 *   ns: "np",
 *   normal: (shape) => `key.standard_normal(${shape}, dtype=dtype)`,
 *   diagonal: (r) => `np.diagonal(${r})`,
 *   transpose: (q) => `${q}.T`,
 *   imports: { np: "import numpy as np" },
 * });
 * ```
 */
export function orthogonalHelper(s: OrthogonalSpelling): Helper {
  return {
    source: `
def orthogonal(key, n, m=None, dtype=${s.ns}.float32):
    """jax.random.orthogonal: an (n, m) matrix (m None: n) with orthonormal columns (rows
    when n < m), drawn as JAX does: the Q of a standard normal's QR decomposition, each
    column's sign that of R's diagonal entry, transposed when n < m."""
    m = n if m is None else m
    z = ${s.normal("(max(n, m), min(n, m))")}
    q, r = ${s.ns}.linalg.qr(z)
    q = q * ${s.ns}.sign(${s.diagonal("r")})
    return ${s.transpose("q")} if n < m else q
`,
    imports: s.imports,
  };
}
