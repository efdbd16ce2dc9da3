/**
 * The shape of a target's emitter table: one row per ivy core op, checked
 * for completeness by the type `Record<CoreOp, ...>`.
 *
 * @module
 */
import type { BinOperator, Expr } from "../ast.ts";
import type { CoreDtype, CoreOp } from "../ivy/ops.ts";

/**
 * Chooses the emission from the bound core-op arguments: a template, or a
 * row with the helpers that template calls; `error: reason` reports instead.
 */
export type EmitFn = (args: ReadonlyMap<string, Expr>) => string | EmitRow;

/** How one core op is written in the target. */
export interface EmitRow {
  /** A Python expression over the core op's parameter names, or a function choosing one. */
  readonly emit: string | EmitFn;
  /** Helper functions (from the target's helper table) the emitted code calls. */
  readonly helpers?: readonly string[];
}

/** A core op the target cannot express, with the reason shown to the user. */
export interface Unsupported {
  readonly unsupported: string;
}

/** One target's table: a row for every core op. */
export type OpTable = Readonly<Record<CoreOp, string | EmitFn | EmitRow | Unsupported>>;

/** A helper the output may need: its Python source and what it needs in turn. */
export interface Helper {
  readonly source: string;
  /** Other helpers its source calls. */
  readonly needs?: readonly string[];
  /** Import line per module alias its source names, beyond the target's `imports` (from a `.py` header). */
  readonly imports?: Readonly<Record<string, string>>;
}

/** Everything a target stage needs to know about its framework. */
export interface Target {
  readonly name: "torch" | "tensorflow" | "numpy";
  readonly ops: OpTable;
  readonly dtypes: Readonly<Record<CoreDtype, string | Unsupported>>;
  readonly helpers: Readonly<Record<string, Helper>>;
  /**
   * Python operators the target's arrays do not implement as JAX does, written
   * as a core op instead (TensorFlow's `@` rejects 1-D operands).
   */
  readonly operatorOps?: Readonly<Partial<Record<BinOperator, CoreOp>>>;
  /** Import line per module alias the output may use, e.g. `tf` to `import tensorflow as tf`. */
  readonly imports: Readonly<Record<string, string>>;
}

/** True for an unsupported row. */
export function isUnsupported(row: OpTable[CoreOp]): row is Unsupported {
  return typeof row === "object" && "unsupported" in row;
}
