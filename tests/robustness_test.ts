/**
 * Broken input never crashes the transpiler: every fixture with one line
 * removed, and cut short in the middle of each line, either transpiles or
 * gives diagnostics with positions inside the file; nothing throws.
 *
 * @module
 */
import { ok as assert } from "node:assert/strict";
import { join } from "node:path";
import { transpile } from "../mod.ts";
import { FIXTURES_DIR, listPython } from "./fixtures.ts";

/** Every variant of a source with one line dropped, and cut in the middle of each line. */
function mutations(source: string): string[] {
  const lines = source.split("\n");
  return lines.flatMap((line, i) => [
    [...lines.slice(0, i), ...lines.slice(i + 1)].join("\n"),
    [...lines.slice(0, i), line.slice(0, Math.floor(line.length / 2))].join("\n"),
  ]);
}

for (const fixture of listPython(FIXTURES_DIR)) {
  Deno.test(`broken variants of ${fixture} give diagnostics, never an exception`, () => {
    const source = Deno.readTextFileSync(join(FIXTURES_DIR, fixture));
    for (const variant of mutations(source)) {
      const lines = variant.split("\n").length;
      const result = transpile(variant, { source: "jax", target: "torch" });
      for (const d of result.diagnostics) {
        assert(d.loc.line >= 1 && d.loc.line <= lines, `${fixture}: diagnostic outside the file: ${d.message}`);
      }
      assert(result.code !== "" || result.diagnostics.some((d) => d.severity === "error"), fixture);
    }
  });
}
