import { strictEqual } from "node:assert";
import type * as A from "../stages/ast.ts";
import { parse } from "../stages/parse.ts";
import { printExpr } from "../stages/print.ts";
import { dropArguments, emitLayerOp, layerOpOf } from "./emit.ts";
import { torchStateful } from "./targets/torch.ts";
import { tensorflowStateful } from "./targets/tensorflow.ts";
import { numpyStateful } from "./targets/numpy.ts";
import type { StatefulTarget } from "./target.ts";

function emit(target: StatefulTarget, call: string, attends = false): string {
  const e = (parse(call).ir.body[0] as A.ExprStmt).value as A.Call;
  const op = layerOpOf(e)!;
  const out = emitLayerOp(op, e, target.ops[op as Exclude<typeof op, "Module">], { attends });
  return "error" in out ? `error: ${out.error}` : printExpr(out.expr);
}

Deno.test("Flax defaults are left out; layers that draw weights take the rngs", () => {
  strictEqual(emit(torchStateful, "ivy.Linear(2, 3, use_bias=True, rngs=rngs)"), "Linear(2, 3, rngs=rngs)");
  strictEqual(
    emit(torchStateful, "ivy.Linear(2, 3, use_bias=False, rngs=rngs)"),
    "Linear(2, 3, use_bias=False, rngs=rngs)",
  );
  strictEqual(emit(numpyStateful, "ivy.Linear(2, 3, use_bias=True, rngs=rngs)"), "Linear(2, 3, rngs=rngs)");
});

Deno.test("torch LayerNorm always writes Flax's epsilon (torch's default is 1e-5)", () => {
  strictEqual(
    emit(torchStateful, "ivy.LayerNorm(4, epsilon=1e-06, use_bias=True, use_scale=True, rngs=rngs)"),
    "torch.nn.LayerNorm(4, eps=1e-06)",
  );
  strictEqual(
    emit(tensorflowStateful, "ivy.LayerNorm(4, epsilon=1e-06, use_bias=True, use_scale=True, rngs=rngs)"),
    "LayerNorm(4)",
  );
  strictEqual(
    emit(torchStateful, "ivy.LayerNorm(4, epsilon=1e-06, use_bias=True, use_scale=False, rngs=rngs)"),
    "error: torch.nn.LayerNorm cannot have a bias without a scale",
  );
});

Deno.test("torch Embed draws its rows from the rngs", () => {
  strictEqual(emit(torchStateful, "ivy.Embed(10, 4, rngs=rngs)"), "Embed(10, 4, rngs=rngs)");
});

Deno.test("norms take initializers and their rngs only when given one", () => {
  strictEqual(
    emit(torchStateful, "ivy.LayerNorm(4, epsilon=1e-06, use_bias=True, use_scale=True, scale_init=s, rngs=rngs)"),
    "LayerNorm(4, epsilon=1e-06, scale_init=s, rngs=rngs)",
  );
  strictEqual(
    emit(torchStateful, "ivy.RMSNorm(4, epsilon=1e-06, use_scale=True, rngs=rngs)"),
    "torch.nn.RMSNorm(4, eps=1e-06)",
  );
  strictEqual(
    emit(tensorflowStateful, "ivy.GroupNorm(4, num_groups=2, bias_init=b, rngs=rngs)"),
    "GroupNorm(4, num_groups=2, bias_init=b, rngs=rngs)",
  );
  strictEqual(emit(numpyStateful, "ivy.BatchNorm(4, rngs=rngs)"), "BatchNorm(4)");
});

Deno.test("Rngs keeps only the streams given", () => {
  strictEqual(emit(torchStateful, "ivy.Rngs(0)"), "Rngs(0)");
  strictEqual(emit(numpyStateful, "ivy.Rngs(params=0, dropout=1)"), "Rngs(params=0, dropout=1)");
});

Deno.test("random draws take the stream's generator", () => {
  strictEqual(
    emit(torchStateful, "ivy.random_normal(rngs.params(), (3,), dtype=ivy.float32)"),
    "torch.randn((3,), generator=rngs.params(), dtype=ivy.float32)",
  );
  strictEqual(
    emit(tensorflowStateful, "ivy.random_uniform(k, (3,), dtype=ivy.float32, minval=0.0, maxval=2.0)"),
    "keras.random.uniform((3,), maxval=2.0, dtype=ivy.float32, seed=k)",
  );
});

Deno.test("nnx.List of a list literal is the literal on Keras", () => {
  strictEqual(emit(tensorflowStateful, "ivy.List([a, b])"), "[a, b]");
  strictEqual(emit(tensorflowStateful, "ivy.List(xs)"), "list(xs)");
  strictEqual(emit(torchStateful, "ivy.List()"), "torch.nn.ModuleList()");
});

Deno.test("dropArguments removes keyword and trailing positional names", () => {
  const t = (parse("f(a, b, c=c, d=d)").ir.body[0] as A.ExprStmt).value;
  strictEqual(printExpr(dropArguments(t, new Set(["b", "d"]))), "f(a, c=c)");
  strictEqual(printExpr(dropArguments(t, new Set(["a"]))), "f(a, b, c=c, d=d)");
});

Deno.test("Einsum and LoRA pass their initializers on, and leave the defaults out", () => {
  strictEqual(
    emit(torchStateful, "ivy.Einsum('ab,bc->ac', (2, 3), bias_shape=None, kernel_init=None, rngs=rngs)"),
    'Einsum("ab,bc->ac", (2, 3), rngs=rngs)',
  );
  strictEqual(
    emit(numpyStateful, "ivy.LoRA(2, 1, 3, base_module=base, b_initializer=init, rngs=rngs)"),
    "LoRA(2, 1, 3, base_module=base, b_initializer=init, rngs=rngs)",
  );
  strictEqual(
    emit(tensorflowStateful, "ivy.LoRALinear(2, 3, 1, use_bias=False, kernel_init=k, rngs=rngs)"),
    "LoRALinear(2, 3, 1, use_bias=False, kernel_init=k, rngs=rngs)",
  );
});
