/**
 * One verifier per IR: after each stage, the output may only refer to its
 * own language's names (no `jax`/`flax` after `jax`, only core ops after
 * `jax_frontend`, no `ivy` in a target). A failure here is a transpiler bug,
 * reported as a diagnostic instead of wrong code.
 *
 * @module
 */
import * as A from "./ast.ts";
import { type Diagnostic, error } from "./diagnostics.ts";
import { mapModule, visitExpr } from "./walk.ts";
import { statementNames } from "./imports.ts";
import { CORE_DTYPES, isCoreOp } from "./ivy/ops.ts";
import { isLayerOp } from "./ivy/layers.ts";

const IVY_NAMES = new Set<string>(["Module", "index", ...CORE_DTYPES]);
const FOREIGN_HEADS = new Set(["ivy", "jax_frontend"]);

/**
 * Checks that a stage's output only uses names of its language.
 *
 * @param module The stage's output.
 * @param stage The stage's name.
 * @returns One diagnostic per foreign reference.
 */
export function verifyIr(module: A.Module, stage: string): Diagnostic[] {
  return module.body.flatMap((s) => verifyStatement(s, stage));
}

function verifyStatement(s: A.Stmt, stage: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  // a statement's names are found once (the stages ask for them too: which imports are used), and the helpers a
  // target adds are the same statements in every module, so most statements are not walked here
  const names = statementNames(s);
  if (![...FOREIGN_HEADS].some((head) => names.has(head))) return problems;
  const check = (e: A.Expr): void => {
    const path = A.dottedPath(e);
    if (!path) return;
    const [head, name] = path.split(".");
    const bad = (stage !== "jax_frontend" && head === "jax_frontend") ||
      (stage !== "ivy" && head === "ivy") ||
      (stage === "ivy" && head === "ivy" && name !== undefined && !isCoreOp(name) && !isLayerOp(name) &&
        !IVY_NAMES.has(name));
    if (bad) problems.push(error(e.loc, `internal: \`${path}\` left in the ${stage} IR`));
  };
  mapModule({ kind: "Module", body: [s] }, {
    expr: (e) => {
      visitExpr(e, (n) => {
        // only `ivy.*` and `jax_frontend.*` can be foreign to a stage
        if (n.kind === "Attribute" && n.value.kind === "Name" && FOREIGN_HEADS.has(n.value.id)) check(n);
      });
      return e;
    },
  });
  return problems;
}
