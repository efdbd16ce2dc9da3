import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { parse } from "../parse.ts";
import { printModule } from "../print.ts";
import { promoteLikeJax, type PromotionTarget } from "./promotion.ts";

/** The body of `f` after the rewrite, for one target. */
function promoted(body: string, target: PromotionTarget): string {
  const source = `import ivy\n\n\ndef f(x, i):\n${body.split("\n").map((l) => `    ${l}`).join("\n")}\n`;
  const out = printModule(promoteLikeJax(parse(source).ir, target));
  return out.slice(out.indexOf("def f(x, i):\n") + 13).split("\n").map((l) => l.slice(4)).join("\n").trim();
}

const INT = "a = ivy.arange(3, dtype=ivy.int32)\n";

Deno.test("promotion: int32 array with a Python float is float32", () => {
  assertEquals(promoted(INT + "return a + 1.5", "numpy"), INT + "return ivy.astype(a, ivy.float32) + 1.5");
  assertEquals(promoted(INT + "return a + 1.5", "tensorflow"), INT + "return ivy.astype(a, ivy.float32) + 1.5");
  // torch already gives float32
  assertEquals(promoted(INT + "return a + 1.5", "torch"), INT + "return a + 1.5");
});

Deno.test("promotion: a creation op changes its own dtype instead of being cast", () => {
  assertEquals(
    promoted("return ivy.arange(3, dtype=ivy.int32) / 2", "numpy"),
    "return ivy.arange(3, dtype=ivy.float32) / 2",
  );
});

Deno.test("promotion: a bool array with a Python int is int32, also on torch", () => {
  const body = "m = ivy.greater(x, 0)\nreturn m + 1";
  assertEquals(promoted(body, "torch"), "m = ivy.greater(x, 0)\nreturn ivy.astype(m, ivy.int32) + 1");
  assertEquals(promoted("return (x > 0) * 2.5", "numpy"), "return ivy.astype(x > 0, ivy.float32) * 2.5");
});

Deno.test("promotion: float32 with int32 arrays, and matmul on torch", () => {
  const body = "w = ivy.ones((3, 3), dtype=ivy.float32)\nreturn ivy.arange(3, dtype=ivy.int32) @ w";
  assertEquals(
    promoted(body, "torch"),
    "w = ivy.ones((3, 3), dtype=ivy.float32)\nreturn ivy.arange(3, dtype=ivy.float32) @ w",
  );
  assertEquals(
    promoted("return ivy.zeros(3, dtype=ivy.float32) + ivy.arange(3, dtype=ivy.int32)", "torch"),
    "return ivy.zeros(3, dtype=ivy.float32) + ivy.arange(3, dtype=ivy.int32)",
  );
});

Deno.test("promotion: unknown dtypes are left as written", () => {
  for (const target of ["torch", "tensorflow", "numpy"] as const) {
    assertEquals(promoted("return i + 1.5", target), "return i + 1.5");
    assertEquals(promoted("return x / i", target), "return x / i");
  }
});

Deno.test("promotion: a name bound to two dtypes is unknown", () => {
  const body = "a = ivy.arange(3, dtype=ivy.int32)\nif x:\n    a = ivy.ones(3, dtype=ivy.float32)\nreturn a + 1.5";
  assertEquals(promoted(body, "numpy"), body);
});

Deno.test("promotion: TensorFlow compares and masks across dtypes", () => {
  assertEquals(
    promoted("return ivy.arange(4, dtype=ivy.int32) > 1.5", "tensorflow"),
    "return ivy.arange(4, dtype=ivy.float32) > 1.5",
  );
  assertEquals(promoted("return (x > 0) * x", "tensorflow"), "return ivy.astype(x > 0, ivy.dtype(x)) * x");
  assertEquals(promoted("return (x > 0) * x", "numpy"), "return (x > 0) * x");
});

Deno.test("promotion: TensorFlow integer-array indexing becomes at_get", () => {
  assertEquals(promoted("return x[:, i]", "tensorflow"), "return ivy.at_get(x, ivy.index[:, i])");
  assertEquals(promoted("return x[None, ..., 1:]", "tensorflow"), "return x[None, ..., 1:]");
  assertEquals(promoted("return x[:, i]", "torch"), "return x[:, i]");
});

Deno.test("promotion: augmented assignment to an array rebinds instead of updating in place", () => {
  assertEquals(promoted("y = x\ny += 1\nreturn x", "numpy"), "y = x\ny = y + 1\nreturn x");
  assertEquals(promoted("n = 0\nn += 1\nreturn n", "numpy"), "n = 0\nn += 1\nreturn n");
});

Deno.test("promotion: jnp.full's dtype comes from a known fill value", () => {
  assertEquals(
    promoted("return ivy.full((2,), ivy.ndim(x))", "torch"),
    "return ivy.full((2,), ivy.ndim(x), dtype=ivy.int32)",
  );
});

/** A class with an int32 cache index, its `__call__` body given, after the rewrite for one target. */
function promotedClass(call: string, target: PromotionTarget, extra = ""): string {
  const source = "import ivy\n\n\nclass M(ivy.Module):\n    def init_cache(self):\n" +
    "        self.index = ivy.Cache(ivy.asarray(0, dtype=ivy.int32))\n" + extra +
    `\n    def __call__(self, x):\n${call.split("\n").map((l) => `        ${l}`).join("\n")}\n`;
  const out = printModule(promoteLikeJax(parse(source).ir, target));
  return out.slice(out.indexOf("def __call__(self, x):\n") + 23).split("\n").map((l) => l.slice(8)).join("\n").trim();
}

Deno.test("promotion: a Variable's value has the dtype the class gives it, written in any method", () => {
  const body = "n = ivy.shape(x)[1]\nself.index.value = self.index.value + n\nreturn ivy.exp(self.index[...]) * 0.5";
  assertEquals(
    promotedClass(body, "tensorflow"),
    "n = ivy.shape(x)[1]\nself.index.value = self.index.value + n\n" +
      "return ivy.exp(ivy.astype(self.index[...], ivy.float32)) * 0.5",
  );
  const unpacked = "batch, length = ivy.shape(x)\nself.index.value += length\nreturn self.index.value / 2";
  assertEquals(
    promotedClass(unpacked, "numpy"),
    "batch, length = ivy.shape(x)\nself.index.value += length\nreturn ivy.astype(self.index.value, ivy.float32) / 2",
  );
});

Deno.test("promotion: a Variable given values of two dtypes is unknown", () => {
  const floats = "\n    def reset(self):\n        self.index.value = ivy.zeros((), dtype=ivy.float32)\n";
  assertEquals(promotedClass("return self.index.value * 0.5", "tensorflow", floats), "return self.index.value * 0.5");
  // a value of unknown dtype (a parameter) makes it unknown too
  const param = "\n    def set(self, i):\n        self.index[...] = i\n";
  assertEquals(promotedClass("return self.index.value * 0.5", "numpy", param), "return self.index.value * 0.5");
  // an attribute no Variable is constructed for is unknown
  assertEquals(promotedClass("return self.other.value * 0.5", "numpy"), "return self.other.value * 0.5");
});

Deno.test("promotion: a cast to the dtype a value has already is left out", () => {
  for (const target of ["torch", "tensorflow", "numpy"] as const) {
    assertEquals(
      promoted("return ivy.astype(ivy.argmax(x, axis=-1), ivy.int32)", target),
      "return ivy.argmax(x, axis=-1)",
    );
    assertEquals(
      promoted("return ivy.astype(ivy.argmax(x), ivy.float32)", target),
      "return ivy.astype(ivy.argmax(x), ivy.float32)",
    );
    assertEquals(promoted("return ivy.astype(x, ivy.int32)", target), "return ivy.astype(x, ivy.int32)");
  }
});

Deno.test("promotion: sums of bool and int32 arrays are int32, as in JAX", () => {
  const body = "m = ivy.greater(x, 0)\nreturn ivy.sum(m)";
  assertEquals(promoted(body, "torch"), "m = ivy.greater(x, 0)\nreturn ivy.astype(ivy.sum(m), ivy.int32)");
  assertEquals(promoted(body, "numpy"), "m = ivy.greater(x, 0)\nreturn ivy.astype(ivy.sum(m), ivy.int32)");
  assertEquals(promoted(body, "tensorflow"), "m = ivy.greater(x, 0)\nreturn ivy.sum(ivy.astype(m, ivy.int32))");
  assertEquals(promoted(INT + "return ivy.cumsum(a, axis=0)", "tensorflow"), INT + "return ivy.cumsum(a, axis=0)");
  assertEquals(
    promoted(INT + "return ivy.cumsum(a, axis=0)", "torch"),
    INT + "return ivy.astype(ivy.cumsum(a, axis=0), ivy.int32)",
  );
  // unknown dtypes stay as written
  assertEquals(promoted("return ivy.sum(i)", "torch"), "return ivy.sum(i)");
});

Deno.test("promotion: max and min of a bool array are any and all", () => {
  const body = "m = ivy.greater(x, 0)\nreturn ivy.max(m, axis=0), ivy.min(m)";
  assertEquals(promoted(body, "tensorflow"), "m = ivy.greater(x, 0)\nreturn ivy.any(m, axis=0), ivy.all(m)");
  assertEquals(promoted(INT + "return ivy.max(a)", "tensorflow"), INT + "return ivy.max(a)");
});

Deno.test("promotion: TensorFlow's logical ops get bools", () => {
  assertEquals(promoted(INT + "return ivy.any(a)", "tensorflow"), INT + "return ivy.any(ivy.astype(a, ivy.bool_))");
  assertEquals(promoted(INT + "return ivy.any(a)", "torch"), INT + "return ivy.any(a)");
});

Deno.test("promotion: an array of unknown dtype with a float32 array is float32", () => {
  const body = "w = ivy.ones(3, dtype=ivy.float32)\nc = ivy.asarray(0, dtype=ivy.int32)\nreturn x * w / c";
  assertEquals(
    promoted(body, "tensorflow"),
    "w = ivy.ones(3, dtype=ivy.float32)\nc = ivy.asarray(0, dtype=ivy.int32)\nreturn x * w / ivy.astype(c, ivy.float32)",
  );
});

/** A module's text after the rewrite, for torch. */
const promotedModule = (source: string) =>
  printModule(promoteLikeJax(parse(source).ir, "torch")).replace(/\s+/g, " ").replaceAll("( ", "(").replaceAll(
    ", )",
    ")",
  );

Deno.test("promotion: a repeat count known to be a Python int is marked int_repeats", () => {
  // `//` of attributes given dataclass `int` fields, and an element of a shape
  const source = `import ivy
from dataclasses import dataclass


@dataclass
class Config:
    heads: int = 4
    kv: int = 2
    scale: float = 1.0


class Attention:
    def __init__(self, config: Config):
        self.heads = config.heads
        self.kv = config.kv

    def __call__(self, k):
        b, t = ivy.shape(k)
        rep = self.heads // self.kv
        return ivy.repeat(k, rep, axis=1), ivy.repeat(k, t, axis=0), ivy.repeat(k, ivy.shape(k)[0])
`;
  const out = promotedModule(source);
  assertEquals(out.includes("ivy.repeat(k, rep, axis=1, int_repeats=True)"), true, out);
  assertEquals(out.includes("ivy.repeat(k, t, axis=0, int_repeats=True)"), true, out);
  assertEquals(out.includes("ivy.repeat(k, ivy.shape(k)[0], int_repeats=True)"), true, out);
});

Deno.test("promotion: an array repeat count, or an attribute not always an int, stays a count", () => {
  const source = `import ivy


class M:
    def __init__(self, n):
        self.n = 2
        self.m = 3

    def grow(self):
        self.m = ivy.asarray([1, 2])

    def __call__(self, x, counts):
        return ivy.repeat(x, counts, axis=0), ivy.repeat(x, ivy.asarray(2)), ivy.repeat(x, self.m), ivy.repeat(x, self.n)
`;
  const out = promotedModule(source);
  assertEquals(
    out.includes(
      "ivy.repeat(x, counts, axis=0), ivy.repeat(x, ivy.asarray(2)), ivy.repeat(x, self.m), " +
        "ivy.repeat(x, self.n, int_repeats=True)",
    ),
    true,
    out,
  );
});

Deno.test("promotion: torch's max of an int32 array with a Python float casts it (threshold keeps the dtype)", () => {
  assertEquals(
    promoted(INT + "return ivy.maximum(a, 1.5)", "torch"),
    INT + "return ivy.maximum(ivy.astype(a, ivy.float32), 1.5)",
  );
  // with 0.0, once float, as with 0: the row's `threshold`
  assertEquals(
    promoted(INT + "return ivy.maximum(0.0, a)", "torch"),
    INT + "return ivy.maximum(0, ivy.astype(a, ivy.float32))",
  );
  assertEquals(promoted(INT + "return ivy.maximum(a, 0)", "torch"), INT + "return ivy.maximum(a, 0)");
});

Deno.test("promotion: torch's max of 0.0 with an array is written with 0 only where the array's dtype is known", () => {
  const FLOAT = "a = ivy.ones(3, dtype=ivy.float32)\n";
  assertEquals(promoted(FLOAT + "return ivy.maximum(a, 0.0)", "torch"), FLOAT + "return ivy.maximum(a, 0)");
  // x's dtype unknown: the row's form that promotes an int array
  assertEquals(promoted("return ivy.maximum(x, 0.0)", "torch"), "return ivy.maximum(x, 0.0)");
  assertEquals(promoted(FLOAT + "return ivy.maximum(a, -0.0)", "torch"), FLOAT + "return ivy.maximum(a, -0.0)");
  assertEquals(promoted(FLOAT + "return ivy.minimum(a, 0.0)", "torch"), FLOAT + "return ivy.minimum(a, 0.0)");
  assertEquals(promoted(FLOAT + "return ivy.maximum(a, 0.0)", "numpy"), FLOAT + "return ivy.maximum(a, 0.0)");
});
