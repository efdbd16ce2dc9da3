/**
 * `deno run -A bench/time_fixtures.ts`: the wall time of one cold run that
 * transpiles every fixture to torch, tensorflow and numpy (the figure in the
 * README), after the parser has loaded.
 *
 * @module
 */
import { TARGETS, transpile } from "../mod.ts";
import { fixtureSources } from "./fixture_sources.ts";

const fixtures = fixtureSources();
const start = performance.now();
let lines = 0;
const failed: string[] = [];
for (const { path, text } of fixtures) {
  lines += text.split("\n").length;
  for (const target of TARGETS) {
    const { diagnostics } = transpile(text, { source: "jax", target });
    if (diagnostics.length > 0) failed.push(`${path} -> ${target}`);
  }
}
const elapsed = performance.now() - start;
console.log(
  `transpiled ${fixtures.length} fixtures (${lines} lines) to ${TARGETS.length} targets in ${elapsed.toFixed(0)} ms ` +
    `(one run, Deno ${Deno.version.deno})`,
);
if (failed.length > 0) console.log(`with diagnostics (timed all the same): ${failed.join(", ")}`);
