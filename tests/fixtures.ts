/**
 * The fixtures and their golden snapshots: every `*.py` under `fixtures/`
 * has one printed output per stage in
 * `snapshots/<fixture path without .py>/<stage>.py`.
 *
 * @module
 */
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT: string = fileURLToPath(new URL("..", import.meta.url));

/** Where the fixtures live. */
export const FIXTURES_DIR: string = join(ROOT, "fixtures");

/** Where the golden snapshots live. */
export const SNAPSHOTS_DIR: string = join(ROOT, "snapshots");

/** The stages snapshotted for each fixture, in pipeline order. */
export const SNAPSHOT_STAGES = ["jax_frontend", "ivy", "torch", "tensorflow", "numpy"] as const;

/** A stage that has a snapshot. */
export type SnapshotStage = typeof SNAPSHOT_STAGES[number];

/** Every `*.py` under `dir`, as sorted paths relative to `dir` with `/` separators. */
export function listPython(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string): void => {
    for (const entry of Deno.readDirSync(at)) {
      const path = join(at, entry.name);
      if (entry.isDirectory && entry.name !== "__pycache__") walk(path);
      else if (entry.isFile && entry.name.endsWith(".py")) found.push(relative(dir, path).replaceAll("\\", "/"));
    }
  };
  walk(dir);
  return found.sort();
}

/** The fixture paths relative to `fixtures/`, e.g. `functions/attention.py`. */
export function listFixtures(): string[] {
  return listPython(FIXTURES_DIR);
}

/** The snapshot file of one fixture's stage. */
export function snapshotPath(fixture: string, stage: SnapshotStage): string {
  return join(SNAPSHOTS_DIR, fixture.replace(/\.py$/, ""), `${stage}.py`);
}
