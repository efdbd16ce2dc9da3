/**
 * Partial output: the definitions of a module (top-level functions, and the
 * methods of top-level classes) that do not transpile become stubs, so that
 * the rest can be written. A stub keeps its definition's signature (and
 * docstring, and the decorators that change how it is called: `staticmethod`,
 * `classmethod`, `property`), raises `NotImplementedError` naming the
 * problems (`file:line:col: reason`), and has the original source above it
 * as a comment, for the porter.
 *
 * @module
 */
import * as A from "./ast.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { dropUnusedImports, referencedNames } from "./imports.ts";

/** One definition that can become a stub: where it is, and the lines it spans. */
interface Unit {
  /** `f`, `Class.method`, or `Class` (for what a class body holds outside its methods). */
  readonly name: string;
  /** 1-based first line (its first decorator's) and the line after its last. */
  readonly start: number;
  readonly end: number;
  /** Index in the module body; index in the class body for a method. */
  readonly top: number;
  readonly member?: number;
}

function firstLine(s: A.Stmt): number {
  const decorators = s.kind === "FunctionDef" || s.kind === "ClassDef" ? s.decorators : [];
  return Math.min(s.loc.line, ...decorators.map((d) => d.loc.line));
}

/** The units of a module body, innermost first: each method before its class. */
function units(body: readonly A.Stmt[], lineCount: number): Unit[] {
  const found: Unit[] = [];
  body.forEach((s, top) => {
    const end = top + 1 < body.length ? firstLine(body[top + 1]) : lineCount + 1;
    if (s.kind === "FunctionDef") found.push({ name: s.name, start: firstLine(s), end, top });
    if (s.kind !== "ClassDef") return;
    s.body.forEach((m, member) => {
      if (m.kind !== "FunctionDef") return;
      const next = s.body[member + 1];
      const methodEnd = next ? firstLine(next) : end;
      found.push({ name: `${s.name}.${m.name}`, start: firstLine(m), end: methodEnd, top, member });
    });
    found.push({ name: s.name, start: firstLine(s), end, top });
  });
  return found;
}

/**
 * The number of definitions a module body holds: its top-level functions,
 * and each top-level class's methods (a class without methods counts once).
 */
export function countDefinitions(body: readonly A.Stmt[]): number {
  return body.reduce((n, s) => {
    if (s.kind === "FunctionDef") return n + 1;
    if (s.kind !== "ClassDef") return n;
    return n + Math.max(1, s.body.filter((m) => m.kind === "FunctionDef").length);
  }, 0);
}

/** What {@link stubFailing} gives: the module with stubs, and their names. */
export interface Stubbed {
  readonly module: A.Module;
  /** The stubbed definitions (`f`, `Class.method`; a whole class counts its methods). */
  readonly stubs: readonly string[];
}

/**
 * Replaces each definition that holds an error by a stub.
 *
 * @param module The parsed module.
 * @param source Its text, quoted in the stubs' comments.
 * @param file The path the stubs' messages name.
 * @param errors The errors to place, at source positions.
 * @returns The module with stubs, or undefined when an error lies outside every definition.
 */
export function stubFailing(
  module: A.Module,
  source: string,
  file: string,
  errors: readonly Diagnostic[],
): Stubbed | undefined {
  const lines = source.split("\n");
  const all = units(module.body, lines.length);
  const failing = new Map<Unit, Diagnostic[]>();
  for (const d of errors) {
    const unit = all.find((u) => u.start <= d.loc.line && d.loc.line < u.end);
    if (!unit) return undefined;
    failing.set(unit, [...failing.get(unit) ?? [], d]);
  }
  const stubs: string[] = [];
  const body = module.body.map((s, top): A.Stmt => {
    if (s.kind !== "FunctionDef" && s.kind !== "ClassDef") return s;
    const quote = (u: Unit) => sourceComment(lines, u, s.kind === "ClassDef" && u.member !== undefined);
    const whole = [...failing.keys()].find((u) => u.top === top && u.member === undefined);
    if (whole && s.kind === "ClassDef") {
      const methods = s.body.filter((m): m is A.FunctionDef => m.kind === "FunctionDef");
      stubs.push(...(methods.length ? methods.map((m) => `${s.name}.${m.name}`) : [s.name]));
      return classStub(s, failing.get(whole)!, file, quote(whole));
    }
    if (whole && s.kind === "FunctionDef") {
      stubs.push(s.name);
      return functionStub(s, failing.get(whole)!, file, quote(whole));
    }
    if (s.kind !== "ClassDef") return s;
    const members = s.body.map((m, member): A.Stmt => {
      const unit = [...failing.keys()].find((u) => u.top === top && u.member === member);
      if (!unit || m.kind !== "FunctionDef") return m;
      stubs.push(unit.name);
      return functionStub(m, failing.get(unit)!, file, quote(unit));
    });
    return { ...s, body: members };
  });
  return { module: { kind: "Module", body: dropUnusedImports(body, referencedNames(module.body)) }, stubs };
}

/** The unit's source lines as comments, its own indentation removed. */
function sourceComment(lines: readonly string[], unit: Unit, isMethod: boolean): string[] {
  const text = lines.slice(unit.start - 1, unit.end - 1);
  while (text.length && text.at(-1)!.trim() === "") text.pop();
  const indent = isMethod ? (text[0]?.match(/^\s*/)?.[0].length ?? 0) : 0;
  return text.map((l) => (l.trim() === "" ? "#" : `# ${l.slice(Math.min(indent, l.search(/\S/)))}`));
}

function notImplemented(problems: readonly Diagnostic[], file: string, loc: A.Loc): A.Stmt {
  const reasons = problems.map((d) => `${file}:${d.loc.line}:${d.loc.col}: ${d.message}`);
  const message = A.constant(`not transpiled: ${reasons.join("; ")}`, loc);
  return { kind: "Raise", exc: A.call("NotImplementedError", [{ value: message }], loc), loc };
}

/** Decorators that change how a method is called, which a stub keeps. */
function keptDecorator(d: A.Expr): boolean {
  const path = A.dottedPath(d) ?? "";
  return ["staticmethod", "classmethod", "property"].includes(path) || /\.(setter|getter|deleter)$/.test(path);
}

function functionStub(
  f: A.FunctionDef & A.Comments,
  problems: readonly Diagnostic[],
  file: string,
  quoted: string[],
): A.Stmt {
  return stub(f, [notImplemented(problems, file, f.loc)], quoted, { decorators: f.decorators.filter(keptDecorator) });
}

/** A class stub: no bases, and an `__init__` that raises, so that nothing can be built from it. */
function classStub(
  c: A.ClassDef & A.Comments,
  problems: readonly Diagnostic[],
  file: string,
  quoted: string[],
): A.Stmt {
  const init: A.FunctionDef = {
    kind: "FunctionDef",
    name: "__init__",
    params: [{ name: "self" }, { name: "args", star: "*" }, { name: "kwargs", star: "**" }],
    body: [notImplemented(problems, file, c.loc)],
    decorators: [],
    loc: c.loc,
  };
  return stub(c, [init], quoted, { bases: [], decorators: [] });
}

/** A definition with its docstring and `body`, its source quoted in the comments above it. */
function stub<T extends A.FunctionDef | A.ClassDef>(
  d: T & A.Comments,
  body: readonly A.Stmt[],
  quoted: readonly string[],
  changes: Partial<T>,
): A.Stmt {
  const docstring = A.isDocstring(d.body[0]) ? [d.body[0]] : [];
  return {
    ...d,
    ...changes,
    body: [...docstring, ...body],
    comments: [...d.comments ?? [], ...quoted],
    trailingComment: undefined,
  } as A.Stmt;
}
