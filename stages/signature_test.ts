import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { bindArgs, parseSignature } from "./signature.ts";
import { printExpr } from "./print.ts";
import { parseTemplate } from "./template.ts";
import { NO_LOC } from "./ast.ts";

function bindText(sig: string, call: string): Record<string, string> | string {
  const expr = parseTemplate(call);
  if (expr.kind !== "Call") throw new Error("expected a call");
  const bound = bindArgs(parseSignature(sig), expr.args, NO_LOC);
  return typeof bound === "string" ? bound : Object.fromEntries([...bound].map(([k, v]) => [k, printExpr(v)]));
}

Deno.test("bindArgs: positional, keyword and defaults", () => {
  assertEquals(bindText("a, axis=None, *, keepdims=False", "f(x, 1)"), { a: "x", axis: "1", keepdims: "False" });
  assertEquals(bindText("a, axis=None, *, keepdims=False", "f(x, keepdims=True)"), {
    a: "x",
    axis: "None",
    keepdims: "True",
  });
});

Deno.test("bindArgs: *args collects a tuple", () => {
  assertEquals(bindText("self, *shape, order='C'", "f(x, 2, 3)"), { self: "x", shape: "(2, 3)", order: '"C"' });
});

Deno.test("bindArgs: reports calls that do not fit", () => {
  assertEquals(bindText("x, /", "f(x=1)"), "unexpected keyword argument `x`");
  assertEquals(bindText("a, b", "f(1)"), "missing required argument `b`");
  assertEquals(bindText("a", "f(1, 2)"), "takes at most 1 positional arguments, got 2");
  assertEquals(bindText("a", "f(1, a=2)"), "got multiple values for argument `a`");
});
