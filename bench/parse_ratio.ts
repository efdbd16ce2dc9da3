/**
 * `deno run -A bench/parse_ratio.ts`: transpile time per target as a ratio
 * to tree-sitter's parse time of the same text, in one run, on all fixtures
 * and on a 10,000+ line module built from them (`long_module.ts`); the peak
 * RSS of transpiling that module; and the machine's load while measuring.
 *
 * @module
 */
import { Language, Parser } from "web-tree-sitter";
import { createRequire } from "node:module";
import { TARGETS, transpile, transpilePackageTargets } from "../mod.ts";
import { fixtureSources } from "./fixture_sources.ts";
import { longModule } from "./long_module.ts";

const require = createRequire(import.meta.url);
await Parser.init();
const parser = new Parser();
parser.setLanguage(
  await Language.load(await Deno.readFile(require.resolve("tree-sitter-python/tree-sitter-python.wasm"))),
);

/** The least wall time, in ms, of `runs` calls of `f` (the least is the least disturbed by other load). */
function best(runs: number, f: () => void): number {
  let least = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    f();
    least = Math.min(least, performance.now() - start);
  }
  return least;
}

function treeSitterParse(texts: readonly string[]): void {
  for (const text of texts) parser.parse(text)?.delete();
}

function report(label: string, texts: readonly string[], runs: number): void {
  const lines = texts.reduce((n, t) => n + t.split("\n").length, 0);
  for (const text of texts) transpile(text, { source: "jax", target: "ivy" }); // warm up
  const parseMs = best(runs, () => treeSitterParse(texts));
  const cells = TARGETS.map((target) => {
    const ms = best(runs, () => texts.forEach((text) => transpile(text, { source: "jax", target })));
    return `${target} ${ms.toFixed(0)} ms = ${(ms / parseMs).toFixed(1)}x`;
  });
  console.log(`${label} (${lines} lines): tree-sitter parse ${parseMs.toFixed(1)} ms; ${cells.join("; ")}`);
}

function peakRssMb(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync("/proc/self/status"));
  return hwm ? Number(hwm[1]) / 1024 : Deno.memoryUsage().rss / 2 ** 20;
}

console.log(
  `load average before: ${Deno.loadavg().map((l) => l.toFixed(2)).join(" ")} (${navigator.hardwareConcurrency} cores)`,
);
const long = longModule(10_000);
const rssBefore = peakRssMb();
for (const target of TARGETS) {
  const { diagnostics } = transpile(long, { source: "jax", target });
  if (diagnostics.length) throw new Error(`the long module does not transpile to ${target}: ${diagnostics[0].message}`);
}
console.log(
  `peak RSS: ${rssBefore.toFixed(0)} MB before the long module, ${
    peakRssMb().toFixed(0)
  } MB after transpiling it to each target`,
);
report("all fixtures", fixtureSources().map((f) => f.text), 5);
report("long module", [long], 3);
const threeRuns = best(3, () => TARGETS.forEach((target) => transpile(long, { source: "jax", target })));
const allOnce = best(3, () => transpilePackageTargets({ "long.py": long }, { source: "jax", targets: TARGETS }));
console.log(
  `long module to all targets: three runs ${threeRuns.toFixed(0)} ms, --target all once ${allOnce.toFixed(0)} ms ` +
    `(${(threeRuns / allOnce).toFixed(2)}x faster)`,
);
console.log(`load average after: ${Deno.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
