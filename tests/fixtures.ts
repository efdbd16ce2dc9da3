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

/** Where package fixtures live: each folder under it is one package, transpiled as a whole. */
export const PACKAGES_DIR: string = join(FIXTURES_DIR, "packages");

/** The single-module fixture paths relative to `fixtures/`, e.g. `functions/attention.py`. */
export function listFixtures(): string[] {
  return listPython(FIXTURES_DIR).filter((p) => !p.startsWith("packages/"));
}

/**
 * The package fixtures: `packages/<name>` for each folder under
 * `fixtures/packages/`, with its modules' paths relative to it. A package
 * module's snapshots follow the module layout: `fixtures/packages/tinynet/layers.py`
 * has `snapshots/packages/tinynet/layers/<stage>.py`, its `__init__.py`
 * `snapshots/packages/tinynet/__init__/<stage>.py`.
 */
export function listPackages(): { readonly name: string; readonly modules: readonly string[] }[] {
  return [...Deno.readDirSync(PACKAGES_DIR)].filter((e) => e.isDirectory).map((e) => e.name).sort()
    .map((name) => ({ name: `packages/${name}`, modules: listPython(join(PACKAGES_DIR, name)) }));
}

/** Every fixture module, single or in a package, relative to `fixtures/`. */
export function listFixtureModules(): string[] {
  return listPython(FIXTURES_DIR);
}

/**
 * True for a fixture that trains (`training/`): NumPy has no autodiff, so its
 * NumPy snapshot is the diagnostics that name each JAX API, as text.
 */
export function trainsOnAutodiffTargetsOnly(fixture: string): boolean {
  return fixture.startsWith("training/");
}

/** The snapshot file of one fixture's stage (`numpy.diagnostics.txt` for a training fixture's NumPy). */
export function snapshotPath(fixture: string, stage: SnapshotStage): string {
  const file = stage === "numpy" && trainsOnAutodiffTargetsOnly(fixture) ? "numpy.diagnostics.txt" : `${stage}.py`;
  return join(SNAPSHOTS_DIR, fixture.replace(/\.py$/, ""), file);
}
