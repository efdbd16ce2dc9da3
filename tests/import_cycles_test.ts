/**
 * The repo's TypeScript modules import each other without cycles: a cycle
 * makes initialisation order matter and the modules one unit in review.
 * Every `.ts` file is read, its relative `import`/`export ... from`
 * specifiers (type-only imports too) followed.
 *
 * @module
 */
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");
const SKIP = new Set([".git", ".venv", "node_modules", "out"]);
const SPECIFIER = /^(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+\.ts)"/gms;

/** Every `.ts` file under `dir`, as an absolute path. */
function tsFiles(dir: string): string[] {
  return [...Deno.readDirSync(dir)].flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory) return SKIP.has(e.name) ? [] : tsFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

/** The repo's import graph: module to the modules it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(ROOT)) {
    const text = Deno.readTextFileSync(file);
    graph.set(file, [...text.matchAll(SPECIFIER)].map((m) => resolve(dirname(file), m[1])));
  }
  return graph;
}

/** One cycle through each strongly connected part of the graph, as paths relative to the repo. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  [...graph.keys()].sort().forEach((node) => state.has(node) || visit(node));
  return cycles.map((c) => c.map((f) => relative(ROOT, f)));
}

Deno.test("no import cycles among the repo's modules", () => {
  const cycles = importCycles(importGraph()).map((c) => c.join(" -> "));
  if (cycles.length) throw new Error(`import cycles:\n${cycles.join("\n")}`);
});
