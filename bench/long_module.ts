/**
 * A long, realistic input for the benchmarks: every fixture's functions and
 * classes, copied under renamed names (`MLP` -> `MLP_3`) until the module
 * has at least the asked number of lines, under one import block.
 *
 * `deno run -A bench/long_module.ts [lines] > long.py` writes it out.
 *
 * @module
 */
import { fixtureSources } from "./fixture_sources.ts";

const IMPORT = /^(import |from )/;
const TOP_LEVEL_NAME = /^(?:def|class)\s+(\w+)|^(\w+)\s*(?::[^=]*)?=/;

/** One fixture cut in two: its import lines, and the rest with the names it defines at top level. */
function split(text: string): { imports: string[]; body: string; names: string[] } {
  const lines = text.split("\n");
  const imports = lines.filter((l) => IMPORT.test(l) && !l.includes("__future__"));
  const rest = lines.filter((l) => !IMPORT.test(l));
  // the module docstring stays out of the copies
  const start = rest[0]?.startsWith('"""')
    ? rest.findIndex((l, i) => (i === 0 ? l.length > 3 : true) && l.endsWith('"""')) + 1
    : 0;
  const body = rest.slice(start).join("\n").trim();
  const names = [
    ...new Set(
      body.split("\n").flatMap((l) => {
        const m = TOP_LEVEL_NAME.exec(l);
        return m ? [m[1] ?? m[2]] : [];
      }),
    ),
  ];
  return { imports, body, names };
}

/** The names one import line binds, each with what it means: `nn` of `from jax import nn` is `jax.nn`. */
function importedNames(line: string): [string, string][] {
  const code = line.split("#")[0].trim();
  const from = /^from\s+(\S+)\s+import\s+(.+)$/.exec(code);
  const aliases = (from ? from[2] : code.slice("import ".length)).split(",").map((a) => a.trim().split(/\s+as\s+/));
  return aliases.map(([name, alias]): [string, string] => {
    if (from) return [alias ?? name, `${from[1]}.${name}`];
    return alias ? [alias, name] : [name.split(".")[0], name.split(".")[0]];
  });
}

/** `body` with each top-level name renamed to `name_copy`, wherever it is referred to. */
function renamed(body: string, names: readonly string[], copy: number): string {
  if (names.length === 0) return body;
  const pattern = new RegExp(`(?<![\\w.])(${names.join("|")})(?!\\w)`, "g");
  // strings keep their text (docstrings may name the function); names inside them are rare enough not to matter;
  // a keyword argument of the same name (`f(out_bias_init=out_bias_init)`) keeps its keyword
  return body.replace(pattern, (name: string, _group: string, at: number) => {
    const keyword = /[(,]\s*$/.test(body.slice(Math.max(0, at - 200), at)) &&
      /^\s*=(?!=)/.test(body.slice(at + name.length));
    return keyword ? name : `${name}_${copy}`;
  });
}

/**
 * Builds the long module.
 *
 * @param minLines The least number of lines the result has.
 * @param exclude Fixture paths to leave out.
 * @returns Python source in the `jax` stage's language.
 */
export function longModule(minLines = 10_000, exclude: ReadonlySet<string> = new Set()): string {
  const bindings = new Map<string, string>();
  const parts = fixtureSources().filter((f) => !exclude.has(f.path)).map((f) => split(f.text)).filter((part) => {
    // a fixture binding a name another one binds to something else (`nn`: `jax.nn` or `flax.linen`) stays out
    const bound = part.imports.flatMap(importedNames);
    if (bound.some(([name, meaning]) => (bindings.get(name) ?? meaning) !== meaning)) return false;
    bound.forEach(([name, meaning]) => bindings.set(name, meaning));
    return true;
  });
  const imports = [...new Set(parts.flatMap((p) => p.imports))].sort();
  const chunks: string[] = [];
  let lines = imports.length + 2;
  for (let copy = 0; lines < minLines; copy++) {
    for (const part of parts) {
      const chunk = renamed(part.body, part.names, copy);
      chunks.push(chunk);
      lines += chunk.split("\n").length + 2;
    }
  }
  return `"""Every fixture, copied under renamed names: a long module for the benchmarks."""\n\n${
    imports.join("\n")
  }\n\n\n${chunks.join("\n\n\n")}\n`;
}

if (import.meta.main) {
  console.log(longModule(Number(Deno.args[0] ?? 10_000)).trimEnd());
}
