/**
 * Golden snapshots: every fixture's printed output at every stage must equal
 * `snapshots/<fixture>/<stage>.py`. Review changes as diffs; rewrite them with
 * `deno task update` (= `deno test -A -- --update`).
 *
 * Also the round trip: each IR snapshot parses back, and running the
 * remaining stages from it gives the same final outputs.
 *
 * @module
 */
import { dirname, join, relative } from "node:path";
import { formatDiagnostic, type StageName, TARGETS, transpilePackageTargets, type TranspileResult } from "../mod.ts";
import { runPipelines } from "../stages/pipeline.ts";
import { lineDiff } from "./diff.ts";
import {
  FIXTURES_DIR,
  listFixtureModules,
  listFixtures,
  listPackages,
  listPython,
  ROOT,
  SNAPSHOT_STAGES,
  snapshotPath,
  SNAPSHOTS_DIR,
  type SnapshotStage,
  trainsOnAutodiffTargetsOnly,
} from "./fixtures.ts";

const UPDATE = Deno.args.includes("--update") || Deno.args.includes("-u");

/**
 * What is transpiled as one: a module fixture, or every module of a package
 * fixture. `run` gives each module's results (by path relative to the
 * fixture) from the texts of a stage.
 */
interface Unit {
  readonly name: string;
  /** Module path relative to `fixtures/`, by path relative to the unit. */
  readonly modules: ReadonlyMap<string, string>;
  readonly run: (
    source: StageName,
    texts: ReadonlyMap<string, string>,
    targets: readonly StageName[],
  ) => Map<string, Map<StageName, TranspileResult>>;
}

function units(): Unit[] {
  const single = listFixtures().map((fixture): Unit => ({
    name: fixture,
    modules: new Map([[fixture, fixture]]),
    run: (source, texts, targets) => new Map([[fixture, runPipelines(texts.get(fixture)!, source, targets)]]),
  }));
  const packages = listPackages().map(({ name, modules }): Unit => ({
    name,
    modules: new Map(modules.map((m) => [m, `${name}/${m}`])),
    run: (source, texts, targets) => transpilePackageTargets(texts, { source, targets, root: name.split("/").pop() }),
  }));
  return [...single, ...packages];
}

/** Every stage's output for each module of a unit, or the diagnostics that stopped it. */
function stageOutputs(unit: Unit, texts: ReadonlyMap<string, string>): Map<string, Record<SnapshotStage, string>> {
  const results = unit.run("jax", texts, TARGETS);
  const outputs = new Map<string, Record<SnapshotStage, string>>();
  for (const [path, byTarget] of results) {
    const fixture = unit.modules.get(path)!;
    const out: Partial<Record<SnapshotStage, string>> = {};
    for (const target of TARGETS) {
      const result = byTarget.get(target)!;
      if (target === "numpy" && trainsOnAutodiffTargetsOnly(fixture)) {
        const shown = result.diagnostics.map((d) => formatDiagnostic(d, `fixtures/${fixture}`, texts.get(path)!));
        if (shown.length === 0) throw new Error(`fixtures/${fixture} trains, but transpiles to numpy`);
        out.numpy = shown.join("\n") + "\n";
        continue;
      }
      if (result.diagnostics.length > 0) {
        const shown = result.diagnostics.map((d) => formatDiagnostic(d, `fixtures/${fixture}`, texts.get(path)!));
        throw new Error(`fixtures/${fixture} does not transpile to ${target}:\n${shown.join("\n")}`);
      }
      out.jax_frontend = result.stages.jax_frontend;
      out.ivy = result.stages.ivy;
      out[target] = result.code;
    }
    outputs.set(path, out as Record<SnapshotStage, string>);
  }
  return outputs;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

function checkSnapshot(path: string, actual: string): void {
  const expected = readOrUndefined(path);
  if (expected === actual) return;
  const shown = relative(ROOT, path);
  if (UPDATE) {
    Deno.mkdirSync(dirname(path), { recursive: true });
    Deno.writeTextFileSync(path, actual);
    console.log(`updated ${shown}`);
    return;
  }
  const why = expected === undefined ? "is missing" : `differs (- golden, + new):\n${lineDiff(expected, actual)}`;
  throw new Error(`snapshot ${shown} ${why}\nReview, then rewrite the snapshots with \`deno task update\`.`);
}

for (const unit of units()) {
  Deno.test(`snapshots of fixtures/${unit.name}`, async (t) => {
    const texts = new Map([...unit.modules].map(([path, f]) => [path, Deno.readTextFileSync(join(FIXTURES_DIR, f))]));
    const outputs = stageOutputs(unit, texts);
    for (const [path, fixture] of unit.modules) {
      for (const stage of SNAPSHOT_STAGES) {
        const step = unit.modules.size > 1 ? `${path}: ${stage}` : stage;
        await t.step(step, () => checkSnapshot(snapshotPath(fixture, stage), outputs.get(path)![stage]));
      }
    }
    await t.step("IR snapshots run to the same outputs", () => {
      const laterStages: Record<"jax_frontend" | "ivy", StageName[]> = {
        jax_frontend: ["ivy", ...TARGETS],
        ivy: [...TARGETS],
      };
      for (const ir of ["jax_frontend", "ivy"] as const) {
        const irTexts = new Map([...outputs].map(([path, out]) => [path, out[ir]]));
        for (const [path, byTarget] of unit.run(ir, irTexts, laterStages[ir])) {
          for (const [target, result] of byTarget) {
            if (target === "numpy" && trainsOnAutodiffTargetsOnly(unit.modules.get(path)!)) continue;
            const shown = result.diagnostics.map((d) => formatDiagnostic(d, `${ir}.py`, irTexts.get(path)!));
            const where = `${unit.modules.get(path)}: ${ir} -> ${target}`;
            if (shown.length > 0) throw new Error(`${where}:\n${shown.join("\n")}`);
            const diff = lineDiff(outputs.get(path)![target as SnapshotStage], result.code);
            if (diff) throw new Error(`${where} differs from jax -> ${target}:\n${diff}`);
          }
        }
      }
    });
  });
}

Deno.test("every snapshot belongs to a fixture and a stage", () => {
  const expected = new Set(listFixtureModules().flatMap((f) => SNAPSHOT_STAGES.map((s) => snapshotPath(f, s))));
  const stray = listPython(SNAPSHOTS_DIR).map((p) => join(SNAPSHOTS_DIR, p)).filter((p) => !expected.has(p));
  if (stray.length === 0) return;
  if (UPDATE) {
    for (const path of stray) Deno.removeSync(path);
    return;
  }
  const names = stray.map((p) => relative(ROOT, p)).join("\n  ");
  throw new Error(`snapshots without a fixture (remove them, or run \`deno task update\`):\n  ${names}`);
});
