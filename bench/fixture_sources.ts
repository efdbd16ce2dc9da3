/**
 * The fixture sources the benchmarks transpile: every `*.py` under
 * `fixtures/`, read once.
 *
 * @module
 */
import { join } from "node:path";
import { FIXTURES_DIR, listFixtures } from "../tests/fixtures.ts";

/** Each fixture's path (relative to `fixtures/`) and text. */
export function fixtureSources(): { path: string; text: string }[] {
  return listFixtures().map((path) => ({ path, text: Deno.readTextFileSync(join(FIXTURES_DIR, path)) }));
}
