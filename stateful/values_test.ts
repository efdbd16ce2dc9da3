import { strictEqual } from "node:assert";
import { parse } from "../stages/parse.ts";
import { printModule } from "../stages/print.ts";
import { rewriteValues } from "./values.ts";
import type { VariableKind } from "./classes.ts";
import type { ValueAccess } from "./target.ts";

const SOURCE = `self.count.value += 1
self.w.value = self.w.value * 2
self.total.value *= 3
y = self.count.value + self.other.value
`;
const VARIABLES = new Map<string, VariableKind>([["count", "Variable"], ["w", "Param"], ["total", "BatchStat"]]);

function rewrite(access: ValueAccess): string {
  return printModule({ kind: "Module", body: rewriteValues(parse(SOURCE).ir.body, VARIABLES, access) });
}

Deno.test("torch: buffers and Parameters are the tensors; a buffer gets a new value, a Parameter's .data is written", () => {
  strictEqual(
    rewrite("tensor"),
    "self.count = self.count + 1\nself.w.data = self.w * 2\nself.total = self.total * 3\n" +
      "y = self.count + self.other.value\n",
  );
});

Deno.test("Keras: reads keep .value, writes assign", () => {
  strictEqual(
    rewrite("assign"),
    "self.count.assign_add(1)\nself.w.assign(self.w.value * 2)\nself.total.assign(self.total.value * 3)\n" +
      "y = self.count.value + self.other.value\n",
  );
});

Deno.test("NumPy: Variables keep .value", () => {
  strictEqual(rewrite("attribute"), SOURCE);
});

Deno.test("Flax 0.12's self.v[...] reads and writes like .value", () => {
  const body = parse("self.count[...] += 1\ny = self.w[...] * 2\nz = self.other[...]\n").ir.body;
  const out = (access: ValueAccess) => printModule({ kind: "Module", body: rewriteValues(body, VARIABLES, access) });
  strictEqual(out("tensor"), "self.count = self.count + 1\ny = self.w * 2\nz = self.other[...]\n");
  strictEqual(out("assign"), "self.count.assign_add(1)\ny = self.w.value * 2\nz = self.other[...]\n");
  strictEqual(out("attribute"), "self.count.value += 1\ny = self.w.value * 2\nz = self.other[...]\n");
});
