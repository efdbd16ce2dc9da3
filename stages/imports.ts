/**
 * Import statements in the output: ruff's isort order, and dropping the
 * imports a stage's rewrite left unused. Every stage that adds or removes
 * code that names a module goes through here, so outputs pass `ruff check`.
 *
 * @module
 */
import type * as A from "./ast.ts";
import { isDocstring } from "./ast.ts";
import { mapModule, visitExpr } from "./walk.ts";
import { STDLIB_MODULES } from "./stdlib.ts";

/** True for an `import` or `from ... import` statement. */
export function isImport(s: A.Stmt): s is A.Import | A.ImportFrom {
  return s.kind === "Import" || s.kind === "ImportFrom";
}

/**
 * The isort section of an import, as ruff orders them: `__future__` (0),
 * standard library (1), everything else (2), the input package's own
 * modules (3, first-party), relative imports (4). Sections are one blank line apart.
 */
export function importSection(s: A.Import | A.ImportFrom): number {
  const module = s.kind === "Import" ? s.names[0]?.name ?? "" : s.module;
  const top = module.split(".")[0];
  if (top === "__future__") return 0;
  if (module.startsWith(".")) return 4;
  if (s.firstParty) return 3;
  return STDLIB_MODULES.has(top) ? 1 : 2;
}

/** Imports in ruff's isort order: by section, `import` before `from`, then by module. */
function sortImports(imports: readonly (A.Import | A.ImportFrom)[]): (A.Import | A.ImportFrom)[] {
  const key = (i: A.Import | A.ImportFrom) => {
    const module = i.kind === "Import" ? i.names[0]?.name ?? "" : i.module;
    return `${importSection(i)}${i.kind === "Import" ? 0 : 1}${module.toLowerCase()}`;
  };
  return mergeFromImports(imports).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** isort's order of imported names: constants, then classes, then the rest, each alphabetically. */
function nameKey(a: A.Alias): string {
  const n = a.name;
  const rank = n.length > 1 && n === n.toUpperCase() ? 0 : n[0] === n[0].toUpperCase() && n[0] !== "_" ? 1 : 2;
  return `${rank}${n.toLowerCase()}`;
}

/** `from m import a` and `from m import b` as one `from m import a, b`, as isort writes them. */
function mergeFromImports(imports: readonly (A.Import | A.ImportFrom)[]): (A.Import | A.ImportFrom)[] {
  const out: (A.Import | A.ImportFrom)[] = [];
  const byModule = new Map<string, number>();
  for (const i of imports) {
    const at = i.kind === "ImportFrom" ? byModule.get(i.module) : undefined;
    if (at === undefined) {
      if (i.kind === "ImportFrom") byModule.set(i.module, out.length);
      out.push(i);
      continue;
    }
    const first = out[at] as A.ImportFrom;
    const seen = new Set(first.names.map(aliasKey));
    const names = [...first.names, ...i.names.filter((a) => !seen.has(aliasKey(a)))];
    names.sort((a, b) => (nameKey(a) < nameKey(b) ? -1 : nameKey(a) > nameKey(b) ? 1 : 0));
    out[at] = { ...first, names };
  }
  return out;
}

const aliasKey = (a: A.Alias) => `${a.name} as ${a.asname ?? ""}`;

/**
 * A module body with all its top-level imports, and `extra` ones, gathered
 * after the docstring in isort order; `between` goes after the imports.
 *
 * @param body The module's statements.
 * @param extra Imports to add.
 * @param between Statements to put between the imports and the rest (helpers).
 * @returns The rearranged statements.
 * @example Add an import
 * ```ts
 * arrangeImports(parse('"""Doc."""\nx = 1\n').ir.body, parse("import ivy").ir.body);
 * // """Doc.""" / import ivy / x = 1
 * ```
 */
export function arrangeImports(
  body: readonly A.Stmt[],
  extra: readonly A.Stmt[] = [],
  between: readonly A.Stmt[] = [],
): A.Stmt[] {
  const docstring = isDocstring(body[0]) ? [body[0]] : [];
  const rest = body.slice(docstring.length);
  const imports = [...rest, ...extra].filter(isImport);
  return [...docstring, ...sortImports(imports), ...between, ...rest.filter((s) => !isImport(s))];
}

/**
 * The names each top-level statement refers to. Statements are never changed
 * after they are made, and the stages keep the ones they do not rewrite, so
 * one walk serves every stage that asks about the same statement.
 */
const namesOf = new WeakMap<A.Stmt, ReadonlySet<string>>();

/** Every name one statement's expressions refer to, at any depth (found once per statement object). */
export function statementNames(s: A.Stmt): ReadonlySet<string> {
  let names = namesOf.get(s);
  if (names) return names;
  const found = new Set<string>();
  mapModule({ kind: "Module", body: [s] }, {
    expr: (e) => {
      visitExpr(e, (n) => {
        if (n.kind === "Name") found.add(n.id);
      });
      return e;
    },
  });
  namesOf.set(s, names = found);
  return names;
}

/** Every name the module's code (not its imports) refers to. */
export function referencedNames(body: readonly A.Stmt[]): Set<string> {
  const names = new Set<string>();
  for (const s of body) {
    if (isImport(s)) continue;
    for (const name of statementNames(s)) names.add(name);
  }
  return names;
}

/**
 * Drops the import aliases a rewrite made unused: bound names the code
 * referred to before (`before`) and no longer does. Imports the user never
 * used stay, as written.
 *
 * @param body The rewritten module's statements.
 * @param before Names the module referred to before the rewrite.
 * @returns The statements, without the imports nothing needs any more.
 */
export function dropUnusedImports(body: readonly A.Stmt[], before: ReadonlySet<string>): A.Stmt[] {
  const now = referencedNames(body);
  const unused = (bound: string) => before.has(bound) && !now.has(bound);
  return body.flatMap((s): A.Stmt[] => {
    if (s.kind === "Import") {
      const names = s.names.filter((a) => !unused(a.asname ?? a.name.split(".")[0]));
      return names.length ? [{ ...s, names }] : [];
    }
    if (s.kind === "ImportFrom") {
      const names = s.names.filter((a) => !unused(a.asname ?? a.name));
      return names.length ? [{ ...s, names }] : [];
    }
    return [s];
  });
}
