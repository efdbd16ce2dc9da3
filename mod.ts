/**
 * jaxlate: JAX and Flax NNX source to readable PyTorch, TensorFlow/Keras
 * and NumPy source, through snapshot-tested stages.
 *
 * @example Transpile a function to TensorFlow
 * ```ts
 * import { transpile } from "./mod.ts";
 * const { code } = transpile("import jax.numpy as jnp\n\ndef f(x):\n    return jnp.sum(x)\n", {
 *   source: "jax",
 *   target: "tensorflow",
 * });
 * ```
 *
 * @module
 */
import { runPipeline, type StageName, type TranspileResult } from "./stages/pipeline.ts";

export type { StageName, TranspileResult } from "./stages/pipeline.ts";
export type { Diagnostic } from "./stages/diagnostics.ts";
export { formatDiagnostic } from "./stages/diagnostics.ts";
export { STAGE_NAMES, TARGETS } from "./stages/pipeline.ts";

/** Where to start and stop: any two stage names, source before target. */
export interface TranspileOptions {
  /** The stage whose language `code` is in: `jax` for user code, or an IR stage. */
  readonly source: StageName;
  /** The stage to stop after: an IR stage, or a target framework. */
  readonly target: StageName;
}

/**
 * Transpiles Python source from one stage's language to a later one's.
 *
 * @param code Python text in the `source` stage's language.
 * @param options The source and target stage names.
 * @returns The output text (empty on error), diagnostics, and each stage's output.
 * @example Stop at the ivy IR
 * ```ts
 * transpile("import jax.numpy as jnp\ny = jnp.ones(3)\n", { source: "jax", target: "ivy" }).code;
 * // "import ivy\n\ny = ivy.ones(3, dtype=ivy.float32)\n"
 * ```
 */
export function transpile(code: string, options: TranspileOptions): TranspileResult {
  return runPipeline(code, options.source, options.target);
}
