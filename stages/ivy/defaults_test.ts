import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { printExpr } from "../print.ts";
import { parseTemplate } from "../template.ts";
import { withoutDefaults } from "./defaults.ts";

Deno.test("withoutDefaults: keyword arguments equal to the core default are left out, others kept", () => {
  const lowered = (text: string) => printExpr(withoutDefaults(parseTemplate(text)));
  assertEquals(lowered("ivy.sum(x, axis=None, keepdims=False)"), "ivy.sum(x)");
  assertEquals(lowered("ivy.sum(x, axis=1, keepdims=False)"), "ivy.sum(x, axis=1)");
  assertEquals(
    lowered("ivy.gelu(ivy.mean(x, axis=None), approximate=False)"),
    "ivy.gelu(ivy.mean(x), approximate=False)",
  );
  assertEquals(lowered("ivy.Linear(2, 3, use_bias=True, rngs=rngs)"), "ivy.Linear(2, 3, rngs=rngs)");
  assertEquals(lowered("user(x, axis=None)"), "user(x, axis=None)");
});
