/**
 * The stage list, in the user's vocabulary: `jax` → `jax_frontend` → `ivy`
 * → `torch` | `tensorflow` | `numpy`. Every IR is Python text, so any stage
 * can start from the printed output of the one before it.
 *
 * @module
 */
import type * as A from "./ast.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { hasErrors, sortDiagnostics } from "./diagnostics.ts";
import { parse, type StageResult } from "./parse.ts";
import { printModule } from "./print.ts";
import { jaxStage } from "./jax.ts";
import { jaxFrontendStage } from "./jax_frontend.ts";
import { targetStage } from "./target.ts";
import { torchTarget } from "./targets/torch/target.ts";
import { tensorflowTarget } from "./targets/tensorflow/target.ts";
import { numpyTarget } from "./targets/numpy/target.ts";
import { verifyIr } from "./verify.ts";
import { moduleRef, PackageIndex, type PackageView } from "./jax/package.ts";

/** The name of a stage's output language. */
export type StageName = "jax" | "jax_frontend" | "ivy" | "torch" | "tensorflow" | "numpy";

/** The stage names, for argument checking. */
export const STAGE_NAMES: readonly StageName[] = ["jax", "jax_frontend", "ivy", "torch", "tensorflow", "numpy"];

/** Target framework names. */
export const TARGETS = ["torch", "tensorflow", "numpy"] as const;

type Step = (module: A.Module, view: PackageView | undefined) => StageResult<A.Module>;

/** The step that produces each stage's language from the one before it. */
const STEP_INTO: Record<Exclude<StageName, "jax">, { from: StageName; run: Step }> = {
  jax_frontend: { from: "jax", run: jaxStage },
  ivy: { from: "jax_frontend", run: (m) => jaxFrontendStage(m) },
  torch: { from: "ivy", run: (m, view) => targetStage(m, torchTarget, view) },
  tensorflow: { from: "ivy", run: (m, view) => targetStage(m, tensorflowTarget, view) },
  numpy: { from: "ivy", run: (m, view) => targetStage(m, numpyTarget, view) },
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
 * @param view The input package the module belongs to, if any.
 * @returns The output text, diagnostics, and every stage's printed output.
 */
export function runPipeline(code: string, source: StageName, target: StageName, view?: PackageView): TranspileResult {
  return runPipelines(code, source, [target], view).get(target)!;
}

/**
 * {@link runPipeline} to several targets at once: the stages they share
 * (parsing, and for the three frameworks `jax_frontend` and `ivy`) run once.
 *
 * @param code The input Python text, in the `source` stage's language.
 * @param source The input's stage.
 * @param targets The output stages.
 * @param view The input package the module belongs to, if any.
 * @param parsed The input, already parsed.
 * @returns Each target's result, by target name.
 */
export function runPipelines(
  code: string,
  source: StageName,
  targets: readonly StageName[],
  view?: PackageView,
  parsed: StageResult<A.Module> = parse(code),
): Map<StageName, TranspileResult> {
  for (const target of targets) {
    if (!stagePath(source, target)) throw new Error(`no path from stage ${source} to ${target}`);
  }
  const start: Reached = { module: parsed.ir, problems: [...parsed.diagnostics], stages: {}, stopped: false };
  if (parsed.ir.body.length === 0 && hasErrors(start.problems)) start.stopped = true;
  const reached = new Map<StageName, Reached>([[source, start]]);
  const reach = (stage: StageName): Reached => {
    const known = reached.get(stage);
    if (known) return known;
    const step = STEP_INTO[stage as Exclude<StageName, "jax">];
    const next = advance(reach(step.from), stage, step.run, view);
    reached.set(stage, next);
    return next;
  };
  return new Map(targets.map((target) => [target, finish(reach(target))]));
}

/** Where a run of the stages got to: the last stage's IR, every problem so far, the printed stages. */
interface Reached {
  readonly module: A.Module;
  readonly problems: readonly Diagnostic[];
  readonly stages: Readonly<Partial<Record<StageName, string>>>;
  stopped: boolean;
}

function advance(from: Reached, stage: StageName, step: Step, view: PackageView | undefined): Reached {
  if (from.stopped) return from;
  const problems = [...from.problems];
  const result = hasErrors(problems) ? runAfterErrors(step, from.module, view) : step(from.module, view);
  if (!result) return { ...from, stopped: true };
  // the verifier checks a stage's output; a stage that reported errors has none to check
  const found = hasErrors(result.diagnostics) ? result.diagnostics : [...result.diagnostics, ...verifyIr(result.ir, stage)];
  const reportedAt = new Set(problems.map((d) => `${d.loc.line}:${d.loc.col}`));
  problems.push(...found.filter((d) => !hasErrors(problems) || !reportedAt.has(`${d.loc.line}:${d.loc.col}`)));
  const stages = hasErrors(problems) ? from.stages : { ...from.stages, [stage]: printModule(result.ir) };
  return { module: result.ir, problems, stages, stopped: false };
}

function finish(at: Reached): TranspileResult {
  if (hasErrors(at.problems)) return failure(at.problems, at.stages);
  return { code: printModule(at.module), diagnostics: sortDiagnostics(at.problems), stages: at.stages };
}

/** A stage run only to find more problems: its input has errors, so it may fail; then stop looking. */
function runAfterErrors(step: Step, module: A.Module, view: PackageView | undefined): StageResult<A.Module> | undefined {
  try {
    return step(module, view);
  } catch {
    return undefined;
  }
}

function failure(problems: readonly Diagnostic[], stages: TranspileResult["stages"]): TranspileResult {
  return { code: "", diagnostics: sortDiagnostics(problems), stages };
}

/**
 * Runs the stages on every module of a package: each module is parsed once,
 * what each defines is indexed once, and each module's stages see what the
 * others define (see `stages/jax/package.ts`).
 *
 * @param files Module text by path relative to the package folder (`/` separators).
 * @param source The modules' stage.
 * @param targets The output stages.
 * @param root The dotted name of the package folder (`tinynet`), or "" when the paths start with it.
 * @returns Each module's results, by path, then by target.
 */
export function runPackage(
  files: ReadonlyMap<string, string>,
  source: StageName,
  targets: readonly StageName[],
  root: string,
): Map<string, Map<StageName, TranspileResult>> {
  const modules = [...files].map(([path, code]) => ({ path, code, self: moduleRef(path, root), parsed: parse(code) }));
  const index = new PackageIndex(modules.map((m) => ({ self: m.self, body: m.parsed.ir.body })));
  return new Map(modules.map((m) => {
    const parsed = { ...m.parsed, ir: { ...m.parsed.ir, body: index.markFirstParty(m.parsed.ir.body) } };
    return [m.path, runPipelines(m.code, source, targets, { index, self: m.self }, parsed)];
  }));
}
