/**
 * `deno run -A bench/parse_ratio.ts`: transpile time per target as a ratio
 * to tree-sitter's parse time of the same text, in one run, on all fixtures
 * and on a 10,000+ line module built from them (`long_module.ts`); the peak
 * RSS of transpiling that module; and the machine's load while measuring.
 * Each ratio is given by wall time and by the main thread's CPU time (the
 * garbage collector's helper threads are not in the latter).
 *
 * @module
 */
import { Language, Parser } from "web-tree-sitter";
import { createRequire } from "node:module";
import { TARGETS, transpile, transpilePackageTargets } from "../mod.ts";
import { fixtureSources } from "./fixture_sources.ts";
import { longModule } from "./long_module.ts";
import { trainsOnAutodiffTargetsOnly } from "../tests/fixtures.ts";

const require = createRequire(import.meta.url);
await Parser.init();
const parser = new Parser();
parser.setLanguage(
  await Language.load(await Deno.readFile(require.resolve("tree-sitter-python/tree-sitter-python.wasm"))),
);

/** Time the main thread has run on a CPU, in ms (Linux's per-thread schedstat; unmoved by other jobs' load). */
function threadCpuMs(): number {
  return Number(Deno.readTextFileSync("/proc/thread-self/schedstat").split(" ")[0]) / 1e6;
}

/** The least wall time and the least main-thread CPU time of one function's calls, in ms. */
interface Timing {
  wall: number;
  cpu: number;
}

/**
 * The least times of each function over `runs` rounds that call them in
 * turn: interleaved, so that a change in the machine's load meets every
 * function alike, and the least is the least disturbed by other load.
 */
function best(runs: number, fs: readonly (() => void)[]): Timing[] {
  const least = fs.map(() => ({ wall: Infinity, cpu: Infinity }));
  for (let i = 0; i < runs; i++) {
    fs.forEach((f, j) => {
      const [wall, cpu] = [performance.now(), threadCpuMs()];
      f();
      least[j].wall = Math.min(least[j].wall, performance.now() - wall);
      least[j].cpu = Math.min(least[j].cpu, threadCpuMs() - cpu);
    });
  }
  return least;
}

function treeSitterParse(texts: readonly string[]): void {
  for (const text of texts) parser.parse(text)?.delete();
}

function report(label: string, texts: readonly string[], runs: number): void {
  const lines = texts.reduce((n, t) => n + t.split("\n").length, 0);
  for (const text of texts) transpile(text, { source: "jax", target: "ivy" }); // warm up
  const [parse, ...targets] = best(runs, [
    () => treeSitterParse(texts),
    ...TARGETS.map((target) => () => texts.forEach((text) => transpile(text, { source: "jax", target }))),
  ]);
  const cells = TARGETS.map((target, i) => {
    const { wall, cpu } = targets[i];
    return `${target} ${wall.toFixed(0)} ms = ${(wall / parse.wall).toFixed(1)}x (CPU ${
      (cpu / parse.cpu).toFixed(1)
    }x)`;
  });
  console.log(
    `${label} (${lines} lines): tree-sitter parse ${parse.wall.toFixed(1)} ms (CPU ${parse.cpu.toFixed(1)} ms); ` +
      cells.join("; "),
  );
}

function peakRssMb(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync("/proc/self/status"));
  return hwm ? Number(hwm[1]) / 1024 : Deno.memoryUsage().rss / 2 ** 20;
}

console.log(
  `load average before: ${Deno.loadavg().map((l) => l.toFixed(2)).join(" ")} (${navigator.hardwareConcurrency} cores)`,
);
// training fixtures stay out: NumPy reports their autodiff as diagnostics, and every target must transpile the module
const long = longModule(10_000, new Set(fixtureSources().map((f) => f.path).filter(trainsOnAutodiffTargetsOnly)));
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
report("all fixtures", fixtureSources().map((f) => f.text), 7);
report("long module", [long], 5);
const [threeRuns, allOnce] = best(3, [
  () => TARGETS.forEach((target) => transpile(long, { source: "jax", target })),
  () => transpilePackageTargets({ "long.py": long }, { source: "jax", targets: TARGETS }),
]);
console.log(
  `long module to all targets: three runs ${threeRuns.wall.toFixed(0)} ms, --target all once ` +
    `${allOnce.wall.toFixed(0)} ms (${(threeRuns.wall / allOnce.wall).toFixed(2)}x faster)`,
);
console.log(`load average after: ${Deno.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
