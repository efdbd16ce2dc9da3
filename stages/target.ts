/**
 * The target stages (`torch`, `tensorflow`, `numpy`): the ivy IR to target
 * Python. Each `ivy.<op>(...)` call is bound to the core op's signature and
 * written with the target's emitter row; `ivy.<dtype>` becomes the target's
 * dtype; `ivy.index[...]` becomes an index value; the helpers and imports
 * the result uses are added, and nothing else.
 *
 * @module
 */
import * as A from "./ast.ts";
import { type Diagnostic, error } from "./diagnostics.ts";
import type { StageResult } from "./parse.ts";
import { printExpr } from "./print.ts";
import { bindArgs, parseSignature, type Signature } from "./signature.ts";
import { fillTemplate, mapExpr, parseTemplate } from "./template.ts";
import { CORE_DTYPES, CORE_OPS, type CoreDtype, type CoreOp, isCoreOp } from "./ivy/ops.ts";
import { type EmitFn, type EmitRow, isUnsupported, type Target } from "./targets/emitter.ts";
import { dropStatements, mapModule } from "./walk.ts";
import { lowerClasses } from "../stateful/lower.ts";
import { parse } from "./parse.ts";

const coreSignatures = new Map<CoreOp, Signature>(
  Object.entries(CORE_OPS).map(([op, sig]) => [op as CoreOp, parseSignature(sig)]),
);

/** Printed core defaults, which emitted keyword arguments leave out. */
const coreDefaults = new Map<CoreOp, Map<string, string>>(
  [...coreSignatures].map(([op, sig]) => [
    op,
    new Map(sig.filter((p) => p.default).map((p) => [p.name, printExpr(p.default!)])),
  ]),
);

/** Collects what the emitted code needs: helpers and diagnostics. */
export class EmitContext {
  readonly helpers = new Set<string>();
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly target: Target) {}

  /** Rewrites every ivy reference inside an expression. */
  expr(e: A.Expr): A.Expr {
    return mapExpr(e, (node) => node, (node) => this.node(node));
  }

  node(node: A.Expr): A.Expr | undefined {
    if (node.kind === "Call") {
      const path = A.dottedPath(node.func);
      if (path?.startsWith("ivy.") && isCoreOp(path.slice(4))) {
        const args = node.args.map((a) => ({ ...a, value: this.expr(a.value) }));
        return this.emitOp(path.slice(4) as CoreOp, { ...node, args });
      }
      return undefined;
    }
    if (node.kind === "Subscript" && A.dottedPath(node.value) === "ivy.index") {
      return indexValue(this.expr(node.index));
    }
    if (node.kind === "Attribute") {
      const path = A.dottedPath(node);
      if (path?.startsWith("ivy.")) {
        const name = path.slice(4);
        if ((CORE_DTYPES as readonly string[]).includes(name)) {
          return A.dotted(this.target.dtypes[name as CoreDtype], node.loc);
        }
        if (isCoreOp(name)) return this.opReference(name as CoreOp, node.loc);
      }
    }
    return undefined;
  }

  /** A core op passed as a function value: emitted as `lambda x: <op>(x)` unless a plain name. */
  opReference(op: CoreOp, loc: A.Loc): A.Expr {
    const call = A.call(`ivy.${op}`, [{ value: A.name("x", loc) }], loc);
    const emitted = this.emitOp(op, call);
    if (emitted.kind === "Call" && emitted.args.length === 1 && emitted.args[0].value.kind === "Name" &&
      emitted.args[0].value.id === "x" && !emitted.args[0].name) {
      return emitted.func;
    }
    return { kind: "Lambda", params: [{ name: "x" }], body: emitted, loc };
  }

  emitOp(op: CoreOp, node: A.Call): A.Expr {
    const row = this.target.ops[op];
    if (isUnsupported(row)) {
      this.diagnostics.push(error(node.loc, `${this.target.name} cannot express \`${op}\`: ${row.unsupported}`));
      return node;
    }
    const bound = bindArgs(coreSignatures.get(op)!, node.args, node.loc);
    if (typeof bound === "string") {
      this.diagnostics.push(error(node.loc, `ivy.${op}: ${bound}`));
      return node;
    }
    let emission: string | EmitFn | EmitRow = row;
    while (typeof emission !== "string") {
      if (typeof emission === "function") emission = emission(bound);
      else {
        for (const h of emission.helpers ?? []) this.useHelper(h);
        emission = emission.emit;
      }
    }
    const text = emission;
    if (text.startsWith("error:")) {
      this.diagnostics.push(error(node.loc, `${this.target.name}: ${text.slice(6).trim()}`));
      return node;
    }
    return fillTemplate(parseTemplate(text), bound, node.loc, coreDefaults.get(op));
  }

  useHelper(name: string): void {
    if (this.helpers.has(name)) return;
    const helper = this.target.helpers[name];
    if (!helper) throw new Error(`${this.target.name}: no helper named ${name}`);
    this.helpers.add(name);
    for (const dep of helper.needs ?? []) this.useHelper(dep);
  }
}

/** `ivy.index[a, 1:, None]` as a value: `(a, slice(1, None), None)`. */
function indexValue(index: A.Expr): A.Expr {
  const item = (e: A.Expr): A.Expr =>
    e.kind === "Slice"
      ? A.call("slice", [e.lower, e.upper, e.step].map((x) => ({ value: x ?? A.constant(null) })).slice(
        0,
        e.step ? 3 : 2,
      ), e.loc)
      : e;
  return index.kind === "Tuple" ? { ...index, elts: index.elts.map(item) } : item(index);
}

/** Names at the head of attribute chains, to find which imports are used. */
function headNames(body: readonly A.Stmt[]): Set<string> {
  const names = new Set<string>();
  mapModule({ kind: "Module", body }, {
    expr: (e) =>
      mapExpr(e, (n) => {
        if (n.kind === "Name") names.add(n.id);
        return n;
      }),
  });
  return names;
}

/**
 * Runs a target stage.
 *
 * @param module The ivy IR.
 * @param target The target's tables.
 * @returns Target Python, and diagnostics for what the target cannot express.
 * @example Emit for torch
 * ```ts
 * printModule(targetStage(parse("import ivy\ny = ivy.sum(x, axis=1)\n").ir, torchTarget).ir);
 * // "import torch\n\ny = torch.sum(x, dim=1)\n"
 * ```
 */
export function targetStage(module: A.Module, target: Target): StageResult<A.Module> {
  const ctx = new EmitContext(target);
  const classes = lowerClasses(module, ctx);
  const mapped = mapModule({ kind: "Module", body: classes }, { expr: (e) => ctx.expr(e) });
  const body = dropStatements(mapped, (s) => s.kind === "Import" && s.names.some((a) => a.name === "ivy"));
  const helperBodies = [...ctx.helpers].sort().flatMap((h) => parse(target.helpers[h].source).ir.body);
  const docstring = body[0]?.kind === "ExprStmt" && body[0].value.kind === "Constant" && body[0].value.isString
    ? [body[0]]
    : [];
  const rest = body.slice(docstring.length);
  const userImports = rest.filter((s) => s.kind === "Import" || s.kind === "ImportFrom");
  const code = rest.filter((s) => s.kind !== "Import" && s.kind !== "ImportFrom");
  const used = headNames([...helperBodies, ...code]);
  const targetImports = Object.entries(target.imports)
    .filter(([alias]) => used.has(alias))
    .map(([, line]) => parse(line).ir.body[0]);
  return {
    ir: { kind: "Module", body: [...docstring, ...userImports, ...targetImports, ...helperBodies, ...code] },
    diagnostics: ctx.diagnostics,
  };
}
