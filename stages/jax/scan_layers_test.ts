import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { parse } from "../parse.ts";
import { printModule } from "../print.ts";
import { scanLayers } from "./scan_layers.ts";

const HEADER = "import jax.numpy as jnp\nfrom flax import nnx\n\n\n";

/** The module after the rewrite, and its diagnostics as `line:col message`. */
function rewrite(body: string): { code: string; errors: string[] } {
  const { module, diagnostics } = scanLayers(parse(HEADER + body).ir);
  return {
    code: printModule(module).replace(/^import jax.numpy as jnp\nfrom flax import nnx\n+/, ""),
    errors: diagnostics.map((d) => `${d.loc.line - 4}:${d.loc.col} ${d.message}`),
  };
}

Deno.test("scan over layers: the vmapped constructor builds a list of n layers", () => {
  const { code, errors } = rewrite(
    "@nnx.split_rngs(splits=4)\n@nnx.vmap(in_axes=(0, None), out_axes=0)\n" +
      "def create(rngs: nnx.Rngs, dim: int):\n    return Block(dim, rngs=rngs)\n",
  );
  assertEquals(errors, []);
  assertEquals(
    code,
    "def create(rngs: nnx.Rngs, dim: int) -> nnx.List:\n" +
      "    return nnx.List([Block(dim, rngs=rngs) for _ in range(4)])\n",
  );
});

Deno.test("scan over layers: the lambda form, its count from axis_size, its parameter given", () => {
  const { code, errors } = rewrite("blocks = nnx.vmap(lambda r: Block(2, rngs=r), axis_size=n)(rngs)\n");
  assertEquals(errors, []);
  assertEquals(code, "blocks = nnx.List([Block(2, rngs=rngs) for _ in range(n)])\n");
});

Deno.test("scan over layers: nnx.scan is a loop over the layers threading the carry", () => {
  const { code, errors } = rewrite(
    "@nnx.split_rngs(splits=3)\n@nnx.scan(in_axes=(nnx.Carry, 0), out_axes=nnx.Carry)\n" +
      "def forward(x, block):\n    x = block(x)\n    return x\n",
  );
  assertEquals(errors, []);
  assertEquals(
    code,
    "def forward(x, blocks: nnx.List):\n    for block in blocks:\n        x = block(x)\n    return x\n",
  );
});

Deno.test("scan over layers: out_axes=(nnx.Carry, 0) stacks each step's output, reverse keeps their order", () => {
  const { code, errors } = rewrite(
    "@nnx.scan(reverse=True)\ndef f(h, layer, row):\n    return layer(h) + row, jnp.sum(h)\n",
  );
  assertEquals(errors, []);
  assertEquals(
    code,
    "def f(h, layers: nnx.List, rows):\n    ys = []\n    for i in reversed(range(len(layers))):\n" +
      "        layer = layers[i]\n        row = rows[i]\n        h, y = layer(h) + row, jnp.sum(h)\n" +
      "        ys.append(y)\n    return h, jnp.stack(ys[::-1])\n",
  );
});

Deno.test("nnx.vmap of a function of arrays is the nnx.vmap row's call form", () => {
  const { code, errors } = rewrite("@nnx.vmap(in_axes=(0, None))\ndef f(a, b):\n    return a * b\n");
  assertEquals(errors, []);
  assertEquals(code, "def f(a, b):\n    return a * b\n\n\nf = nnx.vmap(f, in_axes=(0, None))\n");
  const lambda = "y = nnx.vmap(lambda a, b: a * b, in_axes=(0, None))(x, v)\n";
  assertEquals(rewrite(lambda).code, lambda);
});

Deno.test("scan over layers: the forms not translated are diagnostics naming the argument", () => {
  const cases: [string, string][] = [
    [
      "@nnx.vmap(in_axes=(1,))\ndef f(rngs):\n    return Block(rngs=rngs)\n",
      "1:20 `flax.nnx.vmap` building layers: `in_axes` `1` of `rngs` is not translated " +
      "(only 0 on the split `Rngs` and None on the other arguments)",
    ],
    [
      "@nnx.vmap(in_axes=(0,))\ndef f(rngs):\n    return Block(rngs=rngs)\n",
      "1:2 `flax.nnx.vmap` building layers: give the layer count as `nnx.split_rngs(splits=n)` or `axis_size=n`",
    ],
    [
      "@nnx.scan(in_axes=(nnx.Carry, nnx.StateAxes({nnx.Param: 0, ...: None})), out_axes=nnx.Carry)\n" +
      "def f(x, block):\n    return block(x)\n",
      "1:31 `flax.nnx.scan`: `in_axes` of this form of `block` is not translated (only nnx.Carry, 0 and None)",
    ],
    [
      "@nnx.scan(in_axes=(nnx.Carry, 0), out_axes=(0, nnx.Carry))\ndef f(x, block):\n    return block(x)\n",
      "1:44 `flax.nnx.scan`: only `out_axes=nnx.Carry` and `(nnx.Carry, 0)` are translated",
    ],
    [
      "@nnx.scan(in_axes=(nnx.Carry, 0), out_axes=nnx.Carry)\ndef f(x, block):\n" +
      "    if x is None:\n        return x\n    return block(x)\n",
      "1:2 `flax.nnx.scan`: the function must end with its only `return`, of `carry`",
    ],
  ];
  for (const [body, message] of cases) {
    const { code, errors } = rewrite(body);
    assertEquals(errors, [message]);
    // the transform is dropped with its diagnostic, so it is not also an unknown API
    assertEquals(/@nnx\.(vmap|scan)/.test(code), false);
  }
});

Deno.test("scan over layers: through the pipeline, a form not translated is its one diagnostic", async () => {
  const { transpile } = await import("../../mod.ts");
  const source = HEADER +
    "class Stack(nnx.Module):\n    def __init__(self, n: int, *, rngs: nnx.Rngs):\n" +
    "        self.blocks = nnx.split_rngs(splits=n)(nnx.vmap(lambda r: nnx.Linear(2, 2, rngs=r)))(rngs)\n\n" +
    "    def __call__(self, x):\n" +
    "        @nnx.scan(in_axes=(nnx.Carry, nnx.StateAxes({nnx.Param: 0, ...: None})), out_axes=nnx.Carry)\n" +
    "        def forward(x, block):\n            return block(x)\n\n        return forward(x, self.blocks)\n";
  const { diagnostics } = transpile(source, { source: "jax", target: "torch" });
  assertEquals(diagnostics.map((d) => `${d.loc.line - 4}:${d.loc.col} ${d.message}`), [
    "6:39 `flax.nnx.scan`: `in_axes` of this form of `block` is not translated (only nnx.Carry, 0 and None)",
  ]);
  const fixed = source.replace("nnx.StateAxes({nnx.Param: 0, ...: None})", "0");
  const { code, diagnostics: none } = transpile(fixed, { source: "jax", target: "torch" });
  assertEquals(none, []);
  assertEquals(code.includes("torch.nn.ModuleList([Linear(2, 2, rngs=rngs) for _ in range(n)])"), true);
  assertEquals(code.includes("for block in blocks:\n                x = block(x)"), true);
});
