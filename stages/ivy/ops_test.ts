import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import type * as A from "../ast.ts";
import { parseSignature } from "../signature.ts";
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
import { isAlias } from "../jax_frontend/api.ts";

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

Deno.test("frontend lowerings: name each parameter at most once and call only ivy ops", () => {
  for (const [ns, table] of Object.entries(NAMESPACES)) {
    if (ns === "nnx") continue;
    for (const [api, row] of Object.entries(table)) {
      if (isAlias(row)) continue;
      const params = parseSignature(row.sig).map((p) => p.name);
      const texts = typeof row.ivy === "string"
        ? [row.ivy]
        : [new Map(), ...params.map((p) => new Map([[p, name(p)]]))].map((b) =>
          (row.ivy as (a: typeof b) => string)(b)
        );
      for (const text of texts) {
        if (text.startsWith("error:")) continue;
        for (const [param, count] of nameCounts(text, params)) {
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
