import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import type * as A from "../ast.ts";
import { bindArgs, parseSignature } from "../signature.ts";
import { parseTemplate, templateNameCounts } from "../template.ts";
import { parse } from "../parse.ts";
import { CORE_OPS, type CoreOp } from "./ops.ts";
import { isLayerOp } from "./layers.ts";
import { type EmitFn, type EmitRow, isUnsupported, type OpTable, type Target } from "../targets/emitter.ts";
import { torchTarget } from "../targets/torch/target.ts";
import { tensorflowTarget } from "../targets/tensorflow/target.ts";
import { numpyTarget } from "../targets/numpy/target.ts";
import { STATEFUL_TARGETS } from "../../stateful/lower.ts";
import { NAMESPACES } from "../jax_frontend/registry.ts";
import { type ApiRow, isAlias } from "../jax_frontend/api.ts";
import { visitExpr } from "../walk.ts";

const TARGETS: readonly Target[] = [torchTarget, tensorflowTarget, numpyTarget];
const name = (id: string): A.Expr => ({ kind: "Name", id, loc: { line: 0, col: 0 } });

/**
 * Every template an emitter can give: a function is called with no
 * arguments bound, and with each parameter bound in turn to a non-default
 * value, so that each of its branches is seen.
 */
function emissions(row: string | EmitFn | EmitRow, params: readonly string[]): { text: string; helpers: string[] }[] {
  if (typeof row === "string") return [{ text: row, helpers: [] }];
  if (typeof row === "object") {
    return emissions(row.emit, params).map((e) => ({ ...e, helpers: [...(row.helpers ?? []), ...e.helpers] }));
  }
  const bindings: Map<string, A.Expr>[] = [new Map(), ...params.map((p) => new Map([[p, name(p)]]))];
  return bindings.flatMap((b) => emissions(row(b), params));
}

/** How often a template names each of the given parameters. */
/**
 * How often a template names each parameter. The branches of one call (`tf.cond(p, lambda: a(x), lambda: b(x))`:
 * its argument-less lambdas) are alternatives, of which one runs: a name counts once per branch, not per mention.
 */
function nameCounts(text: string, params: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (from: ReadonlyMap<string, number>) => from.forEach((n, k) => counts.set(k, (counts.get(k) ?? 0) + n));
  const template = parseTemplate(text);
  const call = template.kind === "Call" ? template : undefined;
  const branches = call?.args.filter((a) => a.value.kind === "Lambda" && a.value.params.length === 0) ?? [];
  if (!call || branches.length < 2) add(templateNameCounts(template));
  else {
    add(templateNameCounts({ ...call, args: call.args.filter((a) => !branches.includes(a)) }));
    const most = new Map<string, number>();
    for (const b of branches) {
      templateNameCounts(b.value).forEach((n, k) => most.set(k, Math.max(most.get(k) ?? 0, n)));
    }
    add(most);
  }
  return new Map([...counts].filter(([name]) => params.includes(name)));
}

for (const target of TARGETS) {
  Deno.test(`${target.name} ops: a row for every core op, and nothing else`, () => {
    assertEquals(Object.keys(target.ops).sort(), Object.keys(CORE_OPS).sort());
  });

  Deno.test(`${target.name} ops: every unsupported row says why`, () => {
    for (const [op, row] of Object.entries(target.ops as OpTable)) {
      if (isUnsupported(row)) assert(row.unsupported.trim().length > 0, `${op}: empty reason`);
    }
  });

  Deno.test(`${target.name} ops: templates parse, name each parameter at most once, and use known helpers`, () => {
    for (const [op, row] of Object.entries(target.ops as OpTable)) {
      if (isUnsupported(row)) continue;
      const params = parseSignature(CORE_OPS[op as CoreOp]).map((p) => p.name);
      for (const { text, helpers } of emissions(row, params)) {
        if (text.startsWith("error:")) continue;
        for (const [param, count] of nameCounts(text, params)) {
          assert(count <= 1, `${target.name} ${op}: \`${param}\` named ${count} times in ${text}`);
        }
        // an op may call a layer helper (`conv_general_dilated`), as the target stage allows
        const known = (h: string) =>
          Object.hasOwn(target.helpers, h) || Object.hasOwn(STATEFUL_TARGETS[target.name].helpers, h);
        for (const h of helpers) assert(known(h), `${target.name} ${op}: no helper ${h}`);
      }
    }
  });

  Deno.test(`${target.name} helpers: each one's dependencies exist`, () => {
    for (const [helper, { needs }] of Object.entries(target.helpers)) {
      for (const dep of needs ?? []) assert(Object.hasOwn(target.helpers, dep), `${helper} needs missing ${dep}`);
    }
  });
}

/**
 * Every template a frontend row can give: a function is called with no
 * arguments, with each parameter bound in turn to its own name, and with the
 * arguments of each of the row's numerical checks (literal lists, ints and
 * modes as the row accepts them), so that the branches past its diagnostics
 * are seen too.
 */
function lowerings(api: string, row: ApiRow, params: readonly string[]): { text: string; literal: Set<string> }[] {
  if (typeof row.ivy === "string") return [{ text: row.ivy, literal: new Set() }];
  const ivy = row.ivy;
  const bindings: ReadonlyMap<string, A.Expr>[] = [new Map(), ...params.map((p) => new Map([[p, name(p)]]))];
  const sig = parseSignature(row.sig);
  const literals = bindings.map(() => new Set<string>());
  for (const check of row.checks ?? []) {
    const { ir } = parse(`${check}\n`);
    const stmt = ir.body[0];
    assert(stmt?.kind === "ExprStmt", `${api}: check \`${check}\` does not parse as an expression`);
    visitExpr(stmt.value, (e) => {
      // a call of the API itself (`jnp.put(...)`), not a method of the checks' inputs (`x.transpose()`)
      if (e.kind !== "Call" || e.func.kind !== "Attribute" || e.func.attr !== api || isInput(e.func.value)) return;
      const bound = bindArgs(sig, e.args, e.loc);
      assert(typeof bound !== "string", `${api}: check \`${check}\`: ${bound}`);
      bindings.push(new Map([...bound].map(([p, v]) => [p, asWritten(p, v)])));
      literals.push(new Set([...bound].filter(([, v]) => isLiteral(v)).map(([p]) => p)));
    });
  }
  return bindings.map((b, k) => ({ text: ivy(b), literal: literals[k] }));
}

/**
 * A check's argument as the test passes it: a literal as given (a literal named twice is read twice, at no cost), an
 * array as a call (`f_(a)`, which a template must not evaluate twice), and the arrays of a literal list as names no
 * parameter has.
 */
function asWritten(param: string, e: A.Expr): A.Expr {
  if (isLiteral(e)) return e;
  if (e.kind === "List" || e.kind === "Tuple") {
    return { ...e, elts: e.elts.map((x, k) => (isLiteral(x) ? x : name(`${param}_${k}_`))) };
  }
  return { kind: "Call", func: name("f_"), args: [{ value: name(param) }], loc: e.loc } as A.Expr;
}

/** A value rooted in one of the numerical checks' inputs `x`, `y`, `v`, `i`. */
function isInput(e: A.Expr): boolean {
  while (e.kind === "Attribute" || e.kind === "Subscript" || e.kind === "Call") {
    e = e.kind === "Call" ? e.func : e.value;
  }
  return e.kind === "Name" && ["x", "y", "v", "i"].includes(e.id);
}

/** A literal a lowering reads at transpile time: a number, string, list, tuple, `jnp.nan`, `jnp.array([...])`. */
function isLiteral(e: A.Expr): boolean {
  let literal = true;
  visitExpr(e, (n) => {
    if (n.kind === "Name" && !["jnp", "jax"].includes(n.id)) literal = false;
  });
  return literal;
}

Deno.test("frontend lowerings: name each parameter at most once and call only ivy ops", () => {
  for (const [ns, table] of Object.entries(NAMESPACES)) {
    if (ns === "nnx") continue;
    for (const [api, row] of Object.entries(table)) {
      if (isAlias(row)) continue;
      const params = parseSignature(row.sig).map((p) => p.name);
      for (const { text, literal } of lowerings(api, row, params)) {
        if (text.startsWith("error:")) continue;
        for (const [param, count] of nameCounts(text, params)) {
          if (literal.has(param)) continue;
          assert(count <= 1, `${ns}.${api}: \`${param}\` named ${count} times in ${text}`);
        }
        for (const call of text.matchAll(/ivy\.(\w+)\(/g)) {
          const known = Object.hasOwn(CORE_OPS, call[1]) || isLayerOp(call[1]);
          assert(known, `${ns}.${api}: \`ivy.${call[1]}\` is not a core op`);
        }
      }
    }
  }
});

Deno.test("every helper's Python source parses without a diagnostic", () => {
  for (const target of [torchTarget, tensorflowTarget, numpyTarget]) {
    for (const [name, helper] of Object.entries(target.helpers)) {
      const { diagnostics } = parse(helper.source);
      if (diagnostics.length) throw new Error(`${target.name} helper ${name}: ${diagnostics[0].message}`);
    }
  }
});
