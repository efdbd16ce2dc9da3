import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { verifyIr } from "./verify.ts";
import { parse } from "./parse.ts";

const messages = (source: string, stage: string) =>
  verifyIr(parse(source).ir, stage).map((d) => `${d.loc.line}:${d.loc.col}: ${d.message}`);

Deno.test("verifyIr: a foreign name is reported in every statement it is left in, at any depth", () => {
  const source = "import torch\n\ny = torch.sum(x)\n\n\ndef f(x):\n    if x:\n        return [ivy.sum(x)]\n" +
    "    return jax_frontend.numpy.sum(x)\n";
  assertEquals(messages(source, "torch"), [
    "8:17: internal: `ivy.sum` left in the torch IR",
    "9:12: internal: `jax_frontend.numpy` left in the torch IR",
  ]);
});

Deno.test("verifyIr: one statement checked for two stages gets each stage's problems", () => {
  const module = parse("z = ivy.sum(ivy.nonsense(x))\n").ir;
  const found = (stage: string) => verifyIr(module, stage).map((d) => d.message);
  assertEquals(found("ivy"), ["internal: `ivy.nonsense` left in the ivy IR"]);
  assertEquals(found("numpy"), [
    "internal: `ivy.sum` left in the numpy IR",
    "internal: `ivy.nonsense` left in the numpy IR",
  ]);
  assertEquals(found("ivy"), ["internal: `ivy.nonsense` left in the ivy IR"]);
  assertEquals(verifyIr(parse("import ivy\n\nivy_sum = sum(x)\n").ir, "torch"), []);
});
