/**
 * Reads and writes of a Variable's value, `self.v.value`, in a target's
 * terms (see `ValueAccess`): a torch Parameter or buffer is the tensor
 * itself, a Keras variable is assigned, a NumPy `Variable` keeps `.value`.
 * Flax 0.12's `self.v[...]` is read and written the same way (as `.value`
 * where the target keeps it).
 *
 * @module
 */
import * as A from "../stages/ast.ts";
import { mapBody, mapExpr } from "../stages/walk.ts";
import { selfValueAttribute, type VariableKind } from "./classes.ts";
import type { ValueAccess } from "./target.ts";

const ASSIGN_METHODS: Partial<Record<A.BinOperator, string>> = { "+": "assign_add", "-": "assign_sub" };

/**
 * Rewrites the Variable value accesses in a class's statements.
 *
 * @param body The class body.
 * @param variables Attributes holding Variables, with their kinds.
 * @param access How the target reads and writes values.
 * @returns The rewritten statements.
 * @example Torch buffers are tensors
 * ```ts
 * rewriteValues(parse("self.count.value += 1").ir.body, new Map([["count", "Variable"]]), "tensor");
 * // self.count = self.count + 1
 * ```
 */
export function rewriteValues(
  body: readonly A.Stmt[],
  variables: ReadonlyMap<string, VariableKind>,
  access: ValueAccess,
): A.Stmt[] {
  if (variables.size === 0) return [...body];
  const variableOf = (e: A.Expr) => {
    const attr = selfValueAttribute(e);
    return attr !== undefined && variables.has(attr) ? attr : undefined;
  };
  const self = (attr: string, loc: A.Loc) => A.dotted(`self.${attr}`, loc);
  const reads = (e: A.Expr): A.Expr =>
    mapExpr(e, (n) => {
      const attr = variableOf(n);
      if (attr === undefined) return n;
      return access === "tensor" ? self(attr, n.loc) : A.dotted(`self.${attr}.value`, n.loc);
    });
  const writes = mapBody(body, {
    stmt: (s): A.Stmt[] => {
      const attr = s.kind === "Assign" && s.targets.length === 1
        ? variableOf(s.targets[0])
        : s.kind === "AugAssign"
        ? variableOf(s.target)
        : undefined;
      if (attr === undefined || (s.kind !== "Assign" && s.kind !== "AugAssign") || !s.value) return [s];
      const value = reads(s.value);
      if (access === "attribute") {
        const target = A.dotted(`self.${attr}.value`, s.loc);
        return s.kind === "Assign" ? [{ ...s, targets: [target], value }] : [{ ...s, target, value }];
      }
      if (access === "tensor") {
        // A Parameter cannot be replaced by a plain tensor: its data is.
        if (variables.get(attr) === "Param") {
          const target = A.dotted(`self.${attr}.data`, s.loc);
          return s.kind === "Assign" ? [{ ...s, targets: [target], value }] : [{ ...s, target, value }];
        }
        // a buffer gets a new value, as a JAX Variable does (`+=` would update the tensor in place, and
        // torch.compile cannot trace the re-registration that follows it)
        const target = self(attr, s.loc);
        const updated: A.Expr = s.kind === "AugAssign"
          ? { kind: "BinOp", op: s.op, left: self(attr, s.loc), right: value, loc: s.loc }
          : value;
        const { comments, trailingComment, commentsAfter } = s;
        return [{
          kind: "Assign",
          targets: [target],
          value: updated,
          loc: s.loc,
          comments,
          trailingComment,
          commentsAfter,
        }];
      }
      const method = s.kind === "AugAssign" ? ASSIGN_METHODS[s.op] ?? "assign" : "assign";
      const argument: A.Expr = s.kind === "AugAssign" && method === "assign"
        ? { kind: "BinOp", op: s.op, left: A.dotted(`self.${attr}.value`, s.loc), right: value, loc: s.loc }
        : value;
      return [{
        kind: "ExprStmt",
        value: A.call(A.dotted(`self.${attr}.${method}`, s.loc), [{ value: argument }], s.loc),
        loc: s.loc,
      }];
    },
  });
  return mapBody(writes, { expr: reads });
}
