import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { parse } from "../../parse.ts";
import { printModule } from "../../print.ts";
import { transpile } from "../../../mod.ts";
import { promoteLikeJax, type PromotionTarget } from "../promotion.ts";

/** The returned expression of `f` after the promotion rewrite, for one target. */
function promoted(body: string, target: PromotionTarget): string {
  const source = `import ivy\n\n\ndef f(x):\n${body.split("\n").map((l) => `    ${l}`).join("\n")}\n`;
  const out = printModule(promoteLikeJax(parse(source).ir, target));
  return out.slice(out.lastIndexOf("return ") + 7).replace(/\s*\n\s*/g, "").replace(/,(?=\S)/g, ", ").trim();
}

/** The returned expression of a JAX function of `x` (float32), `i` and `j` (int32), in a target's output. */
function emitted(expr: string, target: "torch" | "tensorflow" | "numpy"): string {
  const source = "import jax.numpy as jnp\n\n\ndef f(a, b, c):\n" +
    "    x = a.astype(jnp.float32)\n    i = b.astype(jnp.int32)\n    j = c.astype(jnp.int32)\n" +
    `    return ${expr}\n`;
  const { code, diagnostics } = transpile(source, { source: "jax", target });
  assertEquals(diagnostics, []);
  return code.slice(code.lastIndexOf("return ") + 7).trim();
}

const BOOLS = "b = ivy.greater(x, 0)\nc = ivy.less(x, 1)\n";
const FLOATS = "f = ivy.ones(3, dtype=ivy.float32)\n";

Deno.test("integer edges: two bools of an integer op are int32, marked integers", () => {
  assertEquals(
    promoted(BOOLS + "return ivy.floor_divide(b, c)", "torch"),
    "ivy.floor_divide(ivy.astype(b, ivy.int32), ivy.astype(c, ivy.int32), integers=True)",
  );
  assertEquals(
    promoted(BOOLS + "return ivy.left_shift(b, c)", "numpy"),
    "ivy.left_shift(ivy.astype(b, ivy.int32), ivy.astype(c, ivy.int32))",
  );
  // a float operand: no integer edge
  assertEquals(promoted(FLOATS + "return ivy.power(f, 2)", "torch"), "ivy.power(f, 2)");
});

Deno.test("integer edges: a bool times a literal is JAX's select, a positive literal or a float array keeps its product", () => {
  // XLA's select for a float array times a bool array depends on broadcasting: the product stays
  assertEquals(promoted(BOOLS + FLOATS + "return f * b", "torch"), "f * b");
  assertEquals(promoted(BOOLS + FLOATS + "return ivy.multiply(b, f)", "numpy"), "ivy.multiply(b, f)");
  assertEquals(promoted(BOOLS + "return b * 2.0", "torch"), "b * 2.0");
  assertEquals(promoted(BOOLS + "return b / -3", "torch"), "ivy.where(b, ivy.astype(b, ivy.float32) / -3, 0.0)");
  // TensorFlow's scalar cache may give back an earlier -0.0 for a literal 0.0
  assertEquals(
    promoted(BOOLS + "return b * -0.0", "tensorflow"),
    "ivy.where(b, ivy.astype(b, ivy.float32) * -0.0, ivy.zeros_like(b, dtype=ivy.float32))",
  );
});

Deno.test("integer edges: bool inner products and fmod", () => {
  assertEquals(
    promoted(BOOLS + "return ivy.inner(b, c)", "torch"),
    "ivy.not_equal(ivy.inner(ivy.astype(b, ivy.int32), ivy.astype(c, ivy.int32)), 0)",
  );
  assertEquals(promoted(BOOLS + "return ivy.inner(b, c)", "numpy"), "ivy.inner(b, c)");
  assertEquals(
    promoted(BOOLS + "return ivy.fmod(b, c)", "numpy"),
    "ivy.astype(ivy.logical_and(b, ivy.logical_not(c)), ivy.int32)",
  );
});

Deno.test("integer edges: a nonzero int literal divisor keeps the direct call, else the helper", () => {
  assertEquals(emitted("jnp.floor_divide(i, 2)", "torch"), "torch.floor_divide(i, 2)");
  assertEquals(emitted("jnp.floor_divide(i, j)", "torch"), "floor_divide(i, j)");
  assertEquals(emitted("jnp.floor_divide(x, 2.0)", "numpy"), "floor_divide(x, 2.0)");
  assertEquals(emitted("jnp.remainder(i, j)", "torch"), "torch.remainder(i, torch.where(j == 0, 1, j))");
  assertEquals(emitted("jnp.remainder(x, 2.0)", "torch"), "torch.remainder(x, 2.0)");
  assertEquals(emitted("jnp.power(i, j)", "numpy"), "int_power(i, j)");
  assertEquals(emitted("jnp.power(i, 3)", "tensorflow"), "tf.pow(i, 3)");
  assertEquals(emitted("jnp.left_shift(i, j)", "torch"), "torch.bitwise_left_shift(i, j)");
  assertEquals(emitted("jnp.left_shift(i, j)", "tensorflow"), "left_shift(i, j)");
});

Deno.test("integer edges: the operators // % ** of known ints take the same rows, a safe literal keeps the operator", () => {
  assertEquals(emitted("i // j", "torch"), "floor_divide(i, j)");
  assertEquals(emitted("i // 0", "numpy"), "floor_divide(i, 0)");
  assertEquals(emitted("i % j", "tensorflow"), "tf.math.floormod(i, tf.where(j == 0, tf.ones_like(j), j))");
  assertEquals(emitted("i**j", "torch"), "int_power(i, j)");
  assertEquals(emitted("(i // 2, i % -3, i**3)", "torch"), "i // 2, i % -3, i**3");
  // a float operand, or two Python ints, keep the operator
  assertEquals(emitted("(x // 2.0, x % x, len(x.shape) // 2)", "torch"), "x // 2.0, x % x, len(tuple(x.shape)) // 2");
});
