/**
 * Helpers from `.py` files. A helper file is plain Python, importable on its
 * own and ruff-clean; it may start with an import header, which the loader
 * strips: `from .conv_sizes import conv_sizes` (a relative import, or one
 * from the repo's `stages.`/`stateful.` packages) names another helper the
 * helper needs, and `import math`, `import numpy as np` are the module imports
 * the output gets when the helper is used. A file without a header holds only
 * definitions: its needs and imports are then declared in TypeScript.
 *
 * @module
 */
import type { Helper } from "./emitter.ts";

const IMPORT = /^import (?<module>[\w.]+)(?: as (?<alias>\w+))?$/;
const FROM_IMPORT = /^from (?<module>[\w.]+) import (?<names>\w+(?:, \w+)*)$/;

/** A module imported from the repo's own helper tree: another helper, not an output import. */
const isHelperModule = (module: string) =>
  module.startsWith(".") || module.startsWith("stages.") || module.startsWith("stateful.");

/**
 * The helper a `.py` file defines.
 *
 * @param text The file's text (`import SRC from "./x.py" with { type: "text" };`).
 * @param needs Helpers it needs beyond those its header imports (for a file without a header).
 * @returns The source without the header, the helpers its header imports, and its module imports by alias.
 * @example A helper with a header
 * ```ts
 * pyHelper("import math\n\nfrom .sizes import sizes\n\n\ndef f(x):\n    return math.prod(sizes(x))\n");
 * // { source: "\ndef f(x): ...", needs: ["sizes"], imports: { math: "import math" } }
 * ```
 */
export function pyHelper(text: string, needs: readonly string[] = []): Helper {
  const lines = text.split("\n");
  const wanted = [...needs];
  const imports: Record<string, string> = {};
  let end = 0;
  for (; end < lines.length; end++) {
    let line = lines[end].trimEnd();
    if (line === "") continue;
    if (line.startsWith("from ") && line.endsWith("(")) {
      // `from .m import (\n    a,\n    b,\n)`, as ruff format wraps a long one
      const close = lines.findIndex((l, i) => i > end && l.trim() === ")");
      if (close < 0) break;
      const names = lines.slice(end + 1, close).map((l) => l.trim().replace(/,$/, ""));
      line = line.slice(0, -1) + names.filter((n) => n).join(", ");
      end = close;
    }
    const plain = IMPORT.exec(line)?.groups;
    const from = FROM_IMPORT.exec(line)?.groups;
    if (plain && !isHelperModule(plain.module)) {
      imports[plain.alias ?? plain.module.split(".")[0]] = line;
    } else if (from && isHelperModule(from.module)) {
      wanted.push(...from.names.split(", "));
    } else if (from) {
      for (const name of from.names.split(", ")) imports[name] = `from ${from.module} import ${name}`;
    } else {
      break;
    }
  }
  const source = "\n" + lines.slice(end).join("\n");
  return {
    source,
    ...(wanted.length ? { needs: [...new Set(wanted)] } : {}),
    ...(Object.keys(imports).length ? { imports } : {}),
  };
}
