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
import { moduleRef, PackageIndex, type PackageView } from "./jax/package.ts";
import { countDefinitions, stubFailing } from "./partial.ts";

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
  /** The output Python text; empty when there are errors (unless `partial` made stubs of them). */
  readonly code: string;
  /** Every problem found, in source order. */
  readonly diagnostics: readonly Diagnostic[];
  /** Each intermediate stage's printed output, by stage name. */
  readonly stages: Readonly<Partial<Record<StageName, string>>>;
  /** How many definitions the input holds: top-level functions, and each class's methods. */
  readonly definitions: number;
  /** The definitions `partial` wrote as stubs (`f`, `Class.method`); empty otherwise. */
  readonly stubs: readonly string[];
}

/** How to run the stages on one module. */
export interface RunOptions {
  /** The input package the module belongs to, if any. */
  readonly view?: PackageView;
  /** The input, already parsed. */
  readonly parsed?: StageResult<A.Module>;
  /**
   * Write every definition that transpiles, and a stub for each one that
   * does not (see `stages/partial.ts`); the diagnostics are still returned.
   */
  readonly partial?: boolean;
  /** The path stubs name in their messages. */
  readonly file?: string;
  /** Called as each stage starts (parsing included), for timing and tests. */
  readonly onStage?: (stage: StageName | "parse") => void;
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
 * @param options The module's package, partial output.
 * @returns The output text, diagnostics, and every stage's printed output.
 */
export function runPipeline(
  code: string,
  source: StageName,
  target: StageName,
  options: RunOptions = {},
): TranspileResult {
  return runPipelines(code, source, [target], options).get(target)!;
}

/**
 * {@link runPipeline} to several targets at once: the stages they share
 * (parsing, and for the three frameworks `jax_frontend` and `ivy`) run once.
 *
 * @param code The input Python text, in the `source` stage's language.
 * @param source The input's stage.
 * @param targets The output stages.
 * @param options The module's package, partial output.
 * @returns Each target's result, by target name.
 */
export function runPipelines(
  code: string,
  source: StageName,
  targets: readonly StageName[],
  options: RunOptions = {},
): Map<StageName, TranspileResult> {
  for (const target of targets) {
    if (!stagePath(source, target)) throw new Error(`no path from stage ${source} to ${target}`);
  }
  try {
    return runGuarded(code, source, targets, options);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // the stages walk nested calls and brackets recursively: a stack overflow is input nested beyond what they handle
    const { loc, depth } = deepestNesting(code);
    const tooDeep = error(loc, `expression nested too deeply to transpile: ${depth} levels (${TOO_DEEP})`);
    return new Map(targets.map((target) => [target, failure([tooDeep], {}, 0)]));
  }
}

/**
 * What a stack overflow is reported as. Measured on the default V8 stack:
 * 1,200 nested calls and 1,500 nested brackets transpile to every target;
 * operator chains (`a + b + ...`) are walked with loops, so any length
 * transpiles; real and generated code stays far below.
 */
const TOO_DEEP = "jaxlate handles about 1,000 nested calls or brackets; split it into statements";

function runGuarded(
  code: string,
  source: StageName,
  targets: readonly StageName[],
  options: RunOptions,
): Map<StageName, TranspileResult> {
  if (!options.parsed) options.onStage?.("parse");
  const parsed = options.parsed ?? parse(code);
  const results = runParsed(parsed, source, targets, options);
  if (!options.partial) return results;
  return new Map(
    [...results].map(([target, result]) => [target, partialResult(code, parsed, source, target, result, options)]),
  );
}

function runParsed(
  parsed: StageResult<A.Module>,
  source: StageName,
  targets: readonly StageName[],
  options: RunOptions,
): Map<StageName, TranspileResult> {
  const definitions = countDefinitions(parsed.ir.body);
  const start: Reached = { module: parsed.ir, problems: [...parsed.diagnostics], stages: {}, stopped: false };
  if (parsed.ir.body.length === 0 && hasErrors(start.problems)) start.stopped = true;
  const reached = new Map<StageName, Reached>([[source, start]]);
  const reach = (stage: StageName): Reached => {
    const known = reached.get(stage);
    if (known) return known;
    const step = STEP_INTO[stage as Exclude<StageName, "jax">];
    const from = reach(step.from);
    if (!from.stopped) options.onStage?.(stage);
    const next = advance(from, stage, step.run, options.view);
    reached.set(stage, next);
    return next;
  };
  return new Map(targets.map((target) => [target, finish(reach(target), definitions)]));
}

/**
 * A failed result made partial: the definitions holding errors become stubs
 * and the stages run again, until no error is left (or one lies outside every
 * definition: then the result stays a failure). The diagnostics are the first run's.
 */
function partialResult(
  code: string,
  parsed: StageResult<A.Module>,
  source: StageName,
  target: StageName,
  failed: TranspileResult,
  options: RunOptions,
): TranspileResult {
  if (!hasErrors(failed.diagnostics) || parsed.ir.body.length === 0) return failed;
  let errors = failed.diagnostics.filter((d) => d.severity === "error");
  for (let attempt = 0; attempt < 3; attempt++) {
    const stubbed = stubFailing(parsed.ir, code, options.file ?? "<input>", errors);
    if (!stubbed) return failed;
    const again = runParsed({ ir: stubbed.module, diagnostics: [] }, source, [target], options).get(target)!;
    if (!hasErrors(again.diagnostics)) return { ...again, diagnostics: failed.diagnostics, stubs: stubbed.stubs };
    errors = [...errors, ...again.diagnostics.filter((d) => d.severity === "error")];
  }
  return failed;
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
  // the verifier checks a stage's output; a stage that reported errors has none to check, and after an earlier
  // stage's errors what their calls left behind is not a transpiler bug
  const found = hasErrors(result.diagnostics) || hasErrors(problems)
    ? result.diagnostics
    : [...result.diagnostics, ...verifyIr(result.ir, stage)];
  const reportedAt = new Set(problems.map((d) => `${d.loc.line}:${d.loc.col}`));
  problems.push(...found.filter((d) => !hasErrors(problems) || !reportedAt.has(`${d.loc.line}:${d.loc.col}`)));
  const stages = hasErrors(problems) ? from.stages : withStage(from.stages, stage, result.ir);
  return { module: result.ir, problems, stages, stopped: false };
}

/** Each printed module's text: stage IRs are never changed after they are made, so one print serves every reader. */
const printed = new WeakMap<A.Module, string>();

function printOnce(module: A.Module): string {
  let text = printed.get(module);
  if (text === undefined) printed.set(module, text = printModule(module));
  return text;
}

/**
 * `stages` with one more stage, printed only when it is read: most callers
 * read only the final code, and printing is a good part of a stage's time.
 */
function withStage(stages: Reached["stages"], stage: StageName, module: A.Module): Reached["stages"] {
  const out = {};
  for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(stages))) {
    Object.defineProperty(out, name, descriptor);
  }
  Object.defineProperty(out, stage, { enumerable: true, get: () => printOnce(module) });
  return out;
}

function finish(at: Reached, definitions: number): TranspileResult {
  if (hasErrors(at.problems)) return failure(at.problems, at.stages, definitions);
  const code = printOnce(at.module);
  return { code, diagnostics: sortDiagnostics(at.problems), stages: at.stages, definitions, stubs: [] };
}

/** A stage run only to find more problems: its input has errors, so it may fail; then stop looking. */
function runAfterErrors(
  step: Step,
  module: A.Module,
  view: PackageView | undefined,
): StageResult<A.Module> | undefined {
  try {
    return step(module, view);
  } catch {
    return undefined;
  }
}

function failure(problems: readonly Diagnostic[], stages: TranspileResult["stages"], definitions: number) {
  return { code: "", diagnostics: sortDiagnostics(problems), stages, definitions, stubs: [] };
}

/**
 * Runs the stages on every module of a package: each module is parsed once,
 * what each defines is indexed once, and each module's stages see what the
 * others define (see `stages/jax/package.ts`).
 *
 * @param files Module text by path relative to the package folder (`/` separators).
 * @param source The modules' stage.
 * @param targets The output stages.
 * @param options The dotted name of the package folder (`tinynet`; "" when the paths start with it),
 *   partial output, and a function told of each module before it is transpiled.
 * @returns Each module's results, by path, then by target.
 */
export function runPackage(
  files: ReadonlyMap<string, string>,
  source: StageName,
  targets: readonly StageName[],
  options: PackageRunOptions = {},
): Map<string, Map<StageName, TranspileResult>> {
  const root = options.root ?? "";
  const modules = [...files].map(([path, code]) => {
    options.onStage?.("parse");
    return { path, code, self: moduleRef(path, root), parsed: parse(code) };
  });
  const index = new PackageIndex(modules.map((m) => ({ self: m.self, body: m.parsed.ir.body })));
  return new Map(modules.map((m) => {
    options.progress?.(m.path);
    const parsed = { ...m.parsed, ir: { ...m.parsed.ir, body: index.markFirstParty(m.parsed.ir.body) } };
    const run = { ...options, view: { index, self: m.self }, parsed, file: m.path };
    return [m.path, runPipelines(m.code, source, targets, run)];
  }));
}

/** How to run the stages on a package. */
export interface PackageRunOptions {
  /** The dotted name of the folder the paths are relative to; "" (the default) when the paths start with it. */
  readonly root?: string;
  /** As in {@link RunOptions}. */
  readonly partial?: boolean;
  /** Called with each module's path before it is transpiled. */
  readonly progress?: (path: string) => void;
  /** As in {@link RunOptions}. */
  readonly onStage?: RunOptions["onStage"];
}
