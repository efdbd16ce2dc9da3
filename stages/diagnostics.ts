/**
 * Diagnostics: what every stage returns beside its IR when the input cannot
 * be translated faithfully.
 *
 * @module
 */
import type { Loc } from "./ast.ts";

/** One problem found in the input, at a source position. */
export interface Diagnostic {
  /** Where the problem starts: 1-based line and column. */
  readonly loc: { readonly line: number; readonly col: number };
  /** What is wrong, in the user's terms. */
  readonly message: string;
  /** `error` stops the transpilation; `warning` does not. */
  readonly severity: "error" | "warning";
}

/** An error diagnostic at `loc`. */
export function error(loc: Loc, message: string): Diagnostic {
  return { loc, message, severity: "error" };
}

/** A warning diagnostic at `loc`: reported, but the output is still written. */
export function warning(loc: Loc, message: string): Diagnostic {
  return { loc, message, severity: "warning" };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/**
 * Formats a diagnostic as `file:line:col: severity: message`, followed by the
 * source line and a caret under the column.
 *
 * @param diagnostic The problem to show.
 * @param file The file name to print.
 * @param source The file's text, for the excerpt.
 * @returns The formatted, multi-line report.
 * @example Format a diagnostic
 * ```ts
 * formatDiagnostic(error({ line: 1, col: 5 }, "bad"), "a.py", "x = !");
 * // "a.py:1:5: error: bad\n    x = !\n        ^"
 * ```
 */
export function formatDiagnostic(
  diagnostic: Diagnostic,
  file: string,
  source: string,
): string {
  const { line, col } = diagnostic.loc;
  const head = `${file}:${line}:${col}: ${diagnostic.severity}: ${diagnostic.message}`;
  const text = source.split("\n")[line - 1];
  if (text === undefined) return head;
  const caret = " ".repeat(Math.max(col - 1, 0)) + "^";
  return `${head}\n    ${text}\n    ${caret}`;
}

/** Diagnostics in source order, each position and message once. */
export function sortDiagnostics(
  diagnostics: readonly Diagnostic[],
): Diagnostic[] {
  const seen = new Set<string>();
  return [...diagnostics]
    .sort((a, b) => a.loc.line - b.loc.line || a.loc.col - b.loc.col)
    .filter((d) => {
      const key = `${d.loc.line}:${d.loc.col}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
