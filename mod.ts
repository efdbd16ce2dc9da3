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
import { runPackage, runPipeline, type StageName, type TranspileResult } from "./stages/pipeline.ts";

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
  /**
   * Write what transpiles even when something does not: each top-level
   * function, class or method with an error becomes a stub that raises
   * `NotImplementedError` naming its diagnostics, with its source as a comment
   * above it. The diagnostics are still returned (and `stubs` names the stubs).
   */
  readonly partial?: boolean;
  /** The path stubs name in their messages (default `<input>`). */
  readonly path?: string;
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
  return runPipeline(code, options.source, options.target, { partial: options.partial, file: options.path });
}

/** Options of {@link transpilePackage}: the stages, the package's name, partial output. */
export interface PackageOptions extends Omit<TranspileOptions, "path"> {
  /**
   * The dotted name of the folder the paths are relative to, as the modules
   * import it (`tinynet` for `from tinynet.layers import MLP`); "" (the
   * default) when the paths start with the package folder (`tinynet/layers.py`).
   */
  readonly root?: string;
}

/**
 * Transpiles the modules of a package together: a Module class, Variable
 * class, function or constant one module defines is known as such in the
 * modules that import it, by absolute (`from tinynet.layers import MLP`) or
 * relative (`from .layers import MLP`) import, `__init__.py` re-exports
 * followed. Each output keeps its imports as written (relative ones stay
 * relative) and holds the helpers it uses, as a single module's output does.
 *
 * @param files Module text by path relative to the package folder, `/`-separated.
 * @param options The source and target stages, and the package folder's dotted name.
 * @returns Each module's output, diagnostics and stages, by path.
 * @example Two modules of a package
 * ```ts
 * const results = transpilePackage({
 *   "layers.py": "from flax import nnx\n\nclass MLP(nnx.Module):\n    ...\n",
 *   "model.py": "from .layers import MLP\n...\n",
 * }, { source: "jax", target: "torch", root: "tinynet" });
 * results.get("model.py")?.code;
 * ```
 */
export function transpilePackage(
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: PackageOptions,
): Map<string, TranspileResult> {
  const byTarget = transpilePackageTargets(files, { ...options, targets: [options.target] });
  return new Map([...byTarget].map(([path, results]) => [path, results.get(options.target)!]));
}

/** Options of {@link transpilePackageTargets}: one source stage, several targets. */
export interface PackageTargetsOptions {
  /** The stage whose language the modules are in. */
  readonly source: StageName;
  /** The stages to stop after; the stages they share run once. */
  readonly targets: readonly StageName[];
  /** As in {@link PackageOptions}. */
  readonly root?: string;
  /** As in {@link TranspileOptions}; stubs name each module by its path. */
  readonly partial?: boolean;
  /** Called with each module's path just before it is transpiled (for progress reports). */
  readonly progress?: (path: string) => void;
}

/**
 * {@link transpilePackage} to several targets at once: each module is parsed,
 * and its `jax_frontend` and `ivy` stages run, once for all the targets.
 *
 * @param files Module text by path relative to the package folder.
 * @param options The source stage, the targets, and the package folder's dotted name.
 * @returns Each module's results, by path, then by target.
 */
export function transpilePackageTargets(
  files: ReadonlyMap<string, string> | Readonly<Record<string, string>>,
  options: PackageTargetsOptions,
): Map<string, Map<StageName, TranspileResult>> {
  const map = files instanceof Map ? files : new Map(Object.entries(files));
  return runPackage(map, options.source, options.targets, options);
}
