/**
 * The stage list, in the user's vocabulary: `jax` → `jax_frontend` → `ivy`
 * → `torch` | `tensorflow` | `numpy`. Every IR is Python text, so any stage
 * can start from the printed output of the one before it.
 *
 * @module
 */
import type * as A from "./ast.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { error, hasErrors, sortDiagnostics } from "./diagnostics.ts";
import { deepestNesting, parse, type StageResult } from "./parse.ts";
import { printModule } from "./print.ts";
import { jaxStage } from "./jax.ts";
import { jaxFrontendStage } from "./jax_frontend.ts";
import { targetStage } from "./target.ts";
import { torchTarget } from "./targets/torch/target.ts";
import { tensorflowTarget } from "./targets/tensorflow/target.ts";
import { numpyTarget } from "./targets/numpy/target.ts";
import { verifyIr } from "./verify.ts";

/** The name of a stage's output language. */
export type StageName = "jax" | "jax_frontend" | "ivy" | "torch" | "tensorflow" | "numpy";

/** The stage names, for argument checking. */
export const STAGE_NAMES: readonly StageName[] = ["jax", "jax_frontend", "ivy", "torch", "tensorflow", "numpy"];

/** Target framework names. */
export const TARGETS = ["torch", "tensorflow", "numpy"] as const;

type Step = (module: A.Module) => StageResult<A.Module>;

/** The step that produces each stage's language from the one before it. */
const STEP_INTO: Record<Exclude<StageName, "jax">, { from: StageName; run: Step }> = {
  jax_frontend: { from: "jax", run: jaxStage },
  ivy: { from: "jax_frontend", run: jaxFrontendStage },
  torch: { from: "ivy", run: (m) => targetStage(m, torchTarget) },
  tensorflow: { from: "ivy", run: (m) => targetStage(m, tensorflowTarget) },
  numpy: { from: "ivy", run: (m) => targetStage(m, numpyTarget) },
};

/** The stages to run, in order, to go from `source` to `target`; undefined when there is no such path. */
export function stagePath(source: StageName, target: StageName): Exclude<StageName, "jax">[] | undefined {
  const path: Exclude<StageName, "jax">[] = [];
  let at: StageName = target;
  while (at !== source) {
    if (at === "jax") return undefined;
    path.unshift(at);
    at = STEP_INTO[at].from;
  }
  return path;
}

/** What a transpilation gives back. */
export interface TranspileResult {
  /** The output Python text; empty when there are errors. */
  readonly code: string;
  /** Every problem found, in source order. */
  readonly diagnostics: readonly Diagnostic[];
  /** Each intermediate stage's printed output, by stage name. */
  readonly stages: Readonly<Partial<Record<StageName, string>>>;
}

/**
 * Runs the stages from `source` to `target` on Python text.
 *
 * Every problem is reported, not just the first stage's: after a stage finds
 * errors the later stages still run on its output, to find problems in the
 * rest of the code, and report only positions no earlier stage reported on.
 * The output text is then empty. A syntax error stops after parsing.
 *
 * @param code The input Python text, in the `source` stage's language.
 * @param source The input's stage.
 * @param target The output's stage.
 * @returns The output text, diagnostics, and every stage's printed output.
 */
export function runPipeline(code: string, source: StageName, target: StageName): TranspileResult {
  const path = stagePath(source, target);
  if (!path) throw new Error(`no path from stage ${source} to ${target}`);
  try {
    return runStages(code, path);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // the stages walk expressions recursively: a stack overflow is input nested beyond what they handle
    const { loc, depth } = deepestNesting(code);
    return failure([error(loc, `expression nested too deeply to transpile: ${depth} levels (${TOO_DEEP})`)], {});
  }
}

/**
 * What a stack overflow is reported as. Measured on the default V8 stack:
 * a sum of 2,000 terms, 1,200 nested calls and 1,500 nested brackets
 * transpile to every target; real and generated code stays far below.
 */
const TOO_DEEP = "jaxlate handles chains of about 1,000 operators, calls or brackets; split it into statements";

function runStages(code: string, path: readonly Exclude<StageName, "jax">[]): TranspileResult {
  const parsed = parse(code);
  const stages: Partial<Record<StageName, string>> = {};
  const problems = [...parsed.diagnostics];
  if (parsed.ir.body.length === 0 && hasErrors(problems)) return failure(problems, stages);
  let module = parsed.ir;
  for (const stage of path) {
    const result = hasErrors(problems) ? runAfterErrors(STEP_INTO[stage].run, module) : STEP_INTO[stage].run(module);
    if (!result) break;
    // the verifier checks a stage's output; a stage that reported errors has none to check
    const found = hasErrors(result.diagnostics)
      ? result.diagnostics
      : [...result.diagnostics, ...verifyIr(result.ir, stage)];
    const reportedAt = new Set(problems.map((d) => `${d.loc.line}:${d.loc.col}`));
    problems.push(...found.filter((d) => !hasErrors(problems) || !reportedAt.has(`${d.loc.line}:${d.loc.col}`)));
    module = result.ir;
    if (!hasErrors(problems)) stages[stage] = printModule(module);
  }
  if (hasErrors(problems)) return failure(problems, stages);
  return { code: printModule(module), diagnostics: sortDiagnostics(problems), stages };
}

/** A stage run only to find more problems: its input has errors, so it may fail; then stop looking. */
function runAfterErrors(step: Step, module: A.Module): StageResult<A.Module> | undefined {
  try {
    return step(module);
  } catch {
    return undefined;
  }
}

function failure(problems: readonly Diagnostic[], stages: TranspileResult["stages"]): TranspileResult {
  return { code: "", diagnostics: sortDiagnostics(problems), stages };
}
