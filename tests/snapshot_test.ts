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
import { formatDiagnostic, type StageName, TARGETS, transpile } from "../mod.ts";
import { lineDiff } from "./diff.ts";
import {
  FIXTURES_DIR,
  listFixtures,
  listPython,
  ROOT,
  SNAPSHOT_STAGES,
  snapshotPath,
  SNAPSHOTS_DIR,
  type SnapshotStage,
} from "./fixtures.ts";

const UPDATE = Deno.args.includes("--update") || Deno.args.includes("-u");

/** Every stage's output for one fixture, or the diagnostics that stopped it. */
function stageOutputs(fixture: string, source: string): Record<SnapshotStage, string> {
  const outputs: Partial<Record<SnapshotStage, string>> = {};
  for (const target of TARGETS) {
    const result = transpile(source, { source: "jax", target });
    if (result.diagnostics.length > 0) {
      const shown = result.diagnostics.map((d) => formatDiagnostic(d, `fixtures/${fixture}`, source));
      throw new Error(`fixtures/${fixture} does not transpile to ${target}:\n${shown.join("\n")}`);
    }
    outputs.jax_frontend = result.stages.jax_frontend;
    outputs.ivy = result.stages.ivy;
    outputs[target] = result.code;
  }
  return outputs as Record<SnapshotStage, string>;
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

for (const fixture of listFixtures()) {
  Deno.test(`snapshots of fixtures/${fixture}`, async (t) => {
    const source = Deno.readTextFileSync(join(FIXTURES_DIR, fixture));
    const outputs = stageOutputs(fixture, source);
    for (const stage of SNAPSHOT_STAGES) {
      await t.step(stage, () => checkSnapshot(snapshotPath(fixture, stage), outputs[stage]));
    }
    await t.step("IR snapshots run to the same outputs", () => {
      const laterStages: Record<"jax_frontend" | "ivy", StageName[]> = {
        jax_frontend: ["ivy", ...TARGETS],
        ivy: [...TARGETS],
      };
      for (const ir of ["jax_frontend", "ivy"] as const) {
        for (const target of laterStages[ir]) {
          const result = transpile(outputs[ir], { source: ir, target });
          const shown = result.diagnostics.map((d) => formatDiagnostic(d, `${ir}.py`, outputs[ir]));
          if (shown.length > 0) throw new Error(`${fixture}: ${ir} -> ${target}:\n${shown.join("\n")}`);
          const diff = lineDiff(outputs[target as SnapshotStage], result.code);
          if (diff) throw new Error(`${fixture}: ${ir} -> ${target} differs from jax -> ${target}:\n${diff}`);
        }
      }
    });
  });
}

Deno.test("every snapshot belongs to a fixture and a stage", () => {
  const expected = new Set(listFixtures().flatMap((f) => SNAPSHOT_STAGES.map((s) => snapshotPath(f, s))));
  const stray = listPython(SNAPSHOTS_DIR).map((p) => join(SNAPSHOTS_DIR, p)).filter((p) => !expected.has(p));
  if (stray.length === 0) return;
  if (UPDATE) {
    for (const path of stray) Deno.removeSync(path);
    return;
  }
  const names = stray.map((p) => relative(ROOT, p)).join("\n  ");
  throw new Error(`snapshots without a fixture (remove them, or run \`deno task update\`):\n  ${names}`);
});
