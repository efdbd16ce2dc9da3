import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type * as A from "../../ast.ts";
import { parse } from "../../parse.ts";
import { printModule } from "../../print.ts";
import { promoteLikeJax, type PromotionTarget } from "../promotion.ts";
import { Analysis, collectBindings, type Info, Scope, variableValues } from "./analysis.ts";
import { CallSites } from "./calls.ts";

/** The hints of a module, as `function (or Class.method)` -> parameter -> info. */
function hintsOf(source: string): Record<string, Record<string, Info>> {
  const body = parse(source).ir.body;
  const scope = new Scope();
  collectBindings(body, new Analysis(scope));
  const hints = new CallSites(body, scope, (cls) => variableValues(cls, scope, new Set())).hints;
  const names = new Map<A.FunctionDef, string>();
  for (const s of body) {
    if (s.kind === "FunctionDef") names.set(s, s.name);
    if (s.kind === "ClassDef") {
      for (const m of s.body) if (m.kind === "FunctionDef") names.set(m, `${s.name}.${m.name}`);
    }
  }
  const out: Record<string, Record<string, Info>> = {};
  for (const [f, params] of hints) out[names.get(f) ?? "?"] = Object.fromEntries(params);
  return out;
}

const INT32: Info = { array: true, dtype: "int32" };
const FLOAT32: Info = { array: true, dtype: "float32" };

/** A Gemma-style chain: positions made in the model, through a submodule's `__call__`, into a module function. */
const ROPE = `import ivy


def apply_rope(x, positions, max_wavelength=10_000):
    freq = 1.0 / max_wavelength ** (2 * ivy.arange(ivy.shape(x)[-1] // 2, dtype=ivy.int32) / ivy.shape(x)[-1])
    return positions[..., None] * freq


class Attn(ivy.Module):
    def __init__(self, rngs):
        self.q = ivy.Linear(4, 4, rngs=rngs)

    def __call__(self, x, positions):
        return apply_rope(self.q(x), positions[:, :, None])


class Model(ivy.Module):
    def __init__(self, rngs):
        self.attn = Attn(rngs)

    def __call__(self, tokens):
        positions = ivy.arange(ivy.shape(tokens)[1], dtype=ivy.int32)[None, :]
        return self.attn(tokens, positions)
`;

Deno.test("call sites: an int32 array reaches a module function through a submodule's __call__", () => {
  const hints = hintsOf(ROPE);
  assertEquals(hints["Attn.__call__"].positions, INT32);
  assertEquals(hints["Attn.__call__"].x, { array: true }); // `tokens`, a parameter: of unknown dtype
  assertEquals(hints["apply_rope"].positions, INT32); // through the caller's own hint, the next round
  assertEquals(hints["apply_rope"].max_wavelength, { array: false, category: "int" }); // its default
  assertEquals(hints["Model.__call__"], undefined); // never called in the module
});

Deno.test("call sites: callers that disagree leave the parameter unknown", () => {
  const source = `import ivy


def scale(p, s):
    return p * s


a = scale(ivy.arange(3, dtype=ivy.int32), 2.0)
b = scale(ivy.ones(3, dtype=ivy.float32), 2.0)
`;
  assertEquals(hintsOf(source), { scale: { p: { array: true }, s: { array: false, category: "float" } } });
});

Deno.test("call sites: a function used as a value, decorated or called with *args gets no hints", () => {
  const source = `import ivy


def f(p):
    return p


@functools.cache
def g(p):
    return p


def h(p, q=1):
    return p


a = f(ivy.arange(3, dtype=ivy.int32))
m = ivy.vmap(f)
c = g(ivy.arange(3, dtype=ivy.int32))
args = (ivy.arange(3, dtype=ivy.int32),)
b = h(*args)
`;
  assertEquals(hintsOf(source), { h: { p: undefined, q: undefined } });
});

Deno.test("call sites: self methods, list submodules (looped and indexed) and local instances", () => {
  const source = `import ivy


class Block(ivy.Module):
    def __call__(self, x, ids):
        return x


class Net(ivy.Module):
    def __init__(self):
        self.blocks = ivy.List([Block() for _ in range(2)])
        self.head = [Block(), Block()]

    def step(self, x, count):
        return x

    def __call__(self, x):
        ids = ivy.arange(3, dtype=ivy.int32)
        for block in self.blocks:
            x = block(x, ids)
        x = self.head[0](x, ids)
        return self.step(x, ivy.asarray(0, dtype=ivy.int32))


def run(x):
    net = Net()
    return net(ivy.ones(3, dtype=ivy.float32))
`;
  const hints = hintsOf(source);
  assertEquals(hints["Block.__call__"].ids, INT32);
  assertEquals(hints["Net.step"].count, INT32);
  assertEquals(hints["Net.__call__"].x, FLOAT32);
});

/** `source` after the rewrite for `target`, each line's indentation and blank lines dropped. */
const promoted = (source: string, target: PromotionTarget) =>
  printModule(promoteLikeJax(parse(source).ir, target)).split("\n").map((l) => l.trim()).filter((l) => l);

Deno.test("call sites: an int32 parameter meeting a float32 array is cast where the target would not promote", () => {
  const cast = "return ivy.astype(positions[..., None], ivy.float32) * freq";
  assertEquals(promoted(ROPE, "tensorflow").includes(cast), true);
  assertEquals(promoted(ROPE, "numpy").includes(cast), true);
  // torch promotes int32 with float32 as JAX does
  assertEquals(promoted(ROPE, "torch").includes("return positions[..., None] * freq"), true);
  // another caller passing floats: as without hints
  const floats = ROPE +
    "\n\ny = apply_rope(ivy.ones((2, 4), dtype=ivy.float32), ivy.ones((1, 2), dtype=ivy.float32))\n";
  assertEquals(promoted(floats, "tensorflow").includes("return positions[..., None] * freq"), true);
});

Deno.test("call sites: hints only add casts that any dtype of the value allows", () => {
  const source = `import ivy


def f(p, q):
    return p * 1.5, ivy.exp(p), ivy.astype(p, ivy.int32), ivy.sum(p), p * q


y = f(ivy.arange(3, dtype=ivy.int32), ivy.ones(3, dtype=ivy.float32))
`;
  // \`p * 1.5\` is bfloat16 for a bfloat16 p; an int32 p's cast to int32 is kept for other callers
  for (const target of ["torch", "tensorflow", "numpy"] as const) {
    assertEquals(
      promoted(source, target).includes(
        "return p * 1.5, ivy.exp(p), ivy.astype(p, ivy.int32), ivy.sum(p), p * q",
      ),
      true,
    );
  }
});

Deno.test("call sites: a call of a module function gives its return value's dtype", () => {
  const source = `import ivy


def make_mask(tokens, pad: int = 0):
    return ivy.astype(tokens != pad, ivy.int32)


def f(tokens):
    mask = make_mask(tokens)
    return ivy.sum(mask, axis=-1)
`;
  // true for any caller: torch's int64 sum is cast back to JAX's int32
  assertEquals(promoted(source, "torch").includes("return ivy.astype(ivy.sum(mask, axis=-1), ivy.int32)"), true);
});

Deno.test("call sites: a float32 layer's output is float32, and a hinted return decides a cast", () => {
  const source = `import ivy


def offsets(ids):
    return ids + 1


class M(ivy.Module):
    def __init__(self, rngs):
        self.fc = ivy.Linear(3, 3, rngs=rngs)
        self.embed = ivy.Embed(5, 3, rngs=rngs)

    def __call__(self, x):
        ids = ivy.arange(3, dtype=ivy.int32)
        a = self.fc(x) * ids
        b = self.embed.attend(x) * offsets(ids)
        return a, b
`;
  const out = promoted(source, "tensorflow");
  assertEquals(out.includes("a = self.fc(x) * ivy.astype(ids, ivy.float32)"), true, out.join("\n"));
  // `offsets(ids)` is int32 as this module calls it (its hinted return), and any dtype times float32 is float32
  assertEquals(out.includes("b = self.embed.attend(x) * ivy.astype(offsets(ids), ivy.float32)"), true, out.join("\n"));
});
