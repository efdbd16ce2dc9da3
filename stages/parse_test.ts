import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { parse } from "./parse.ts";
import { printModule } from "./print.ts";

Deno.test("parse: a function definition becomes a FunctionDef with its parameters", () => {
  const { ir, diagnostics } = parse("def f(x, y=2, *args, k: int = 3, **kw):\n    return x\n");
  assertEquals(diagnostics, []);
  const def = ir.body[0];
  if (def.kind !== "FunctionDef") throw new Error("expected a function");
  assertEquals(def.params.map((p) => `${p.star ?? ""}${p.name}`), ["x", "y", "*args", "k", "**kw"]);
});

Deno.test("parse: every syntax error is reported with its position", () => {
  const { diagnostics } = parse("x = (1,\ny = 2\ndef f(:\n    pass\n");
  assertEquals(diagnostics.length > 0, true);
  for (const d of diagnostics) assertEquals(d.message.startsWith("syntax error"), true);
});

Deno.test("parse: unsupported constructs are reported, the rest still parses", () => {
  const { diagnostics } = parse("async def f():\n    pass\n\ntry:\n    pass\nfinally:\n    pass\n");
  assertEquals(diagnostics.map((d) => [d.loc.line, d.message]), [
    [1, "unsupported Python construct: async def"],
    [4, "unsupported Python construct: try statement"],
  ]);
});

Deno.test("parse then print: formatted code comes back unchanged", () => {
  const source = `"""Doc."""

import jax.numpy as jnp


def f(x, *, axis: int = -1):
    """Softmax."""
    e = jnp.exp(x - x.max(axis, keepdims=True))
    y = e[..., None, 1:] if axis else -e**2
    return e / e.sum(axis, keepdims=True), {"a": [1, 2.5e-3]}, (y,)


class M:
    x = 1

    def __call__(self, a, b):
        for i, j in zip(a, b):
            a += i
        return [t for t in a if t is not None]

    def traced(self, x):
        with self.tape as tape, open("log") as f:
            tape.watch(x)
        return f

    def pairs(self, rows):
        flat = [x * y for row in rows if row for x, y in row]
        return {k: v for k, v in zip(rows, flat)}, {len(r) for r in rows}, sum(flat)

    def layers(self, config, depth):
        self.blocks = nnx.List(
            [
                DecoderLayer(
                    config.dim, config.heads, config.kv_heads, config.hidden, rngs=rngs
                )
                for _ in range(depth)
            ],
        )
        next_token = (
            np.argmax(logits[:, -1, :], axis=-1).astype(np.int32).reshape(-1, 1)
        )
        angles = (
            frontend.numpy.arange(max_len, dtype=frontend.float32)[:, None]
            * inverse_frequencies[None, :]
        )
        return next_token, angles

    def long_lambdas(self, tree, some_long_variable_name):
        total = tree_map(
            lambda leaf_value_one, leaf_value_two: (
                leaf_value_one * some_long_variable_name + leaf_value_two
            ),
            tree,
            tree,
        )
        return tree_map(
            lambda leaf_value_one, leaf_value_two: some_function(
                leaf_value_one, some_long_variable_name, leaf_value_two
            ),
            total,
            tree,
        )

    def literals(self):
        return 0xFF, 0o17, 0b101, 1e-3, 2j, 1_000

    def unpack(self, t):
        *self.head, self.rows[0] = t
        self.first, *self.cache[1].rest = t
        return print(*self.head, *t)
`;
  const { ir, diagnostics } = parse(source);
  assertEquals(diagnostics, []);
  assertEquals(printModule(ir), source);
});

Deno.test("parse then print: comments stay where they were", () => {
  const source = `# Leading module comment.
import jax.numpy as jnp  # numpy API


# A helper.
def f(x):  # header
    # compute
    y = jnp.sum(x)  # reduce
    if y:  # check
        y = 1
        # end of if
    return y
    # trailing in f
`;
  assertEquals(printModule(parse(source).ir), source);
});

Deno.test("parse then print: a split subscript of one index gets no comma (which would make the index a tuple)", () => {
  const source = `def h(a_long_name_for_a_matrix_input, another_long_name_for_an_array_input):
    return another_long_name_for_an_array_input[tuple(a.astype(np.int32) for a in np.triu_indices_from(a_long_name_for_a_matrix_input, 1))]
`;
  const printed = printModule(parse(source).ir);
  assert(!/\),\n\s*\]/.test(printed), printed);
  assertEquals(printModule(parse(printed).ir), printed);
  // one index of a 1-tuple keeps its comma
  const tuple =
    "y = another_long_name_for_an_array_input[(a_long_name_for_a_matrix_input + another_long_name_for_an_array_input),]\n";
  assert(/,\n\]/.test(printModule(parse(tuple).ir)), printModule(parse(tuple).ir));
});

Deno.test("parse then print: a `**` that does not fit splits before the operator, as ruff does", () => {
  const source = [
    "total = jnp.sum(",
    "    some_function_name(",
    "        first_argument_value, second_argument_value, third_argument_value",
    "    )",
    "    ** 2,",
    "    axis=(1, 2),",
    ")",
    "y = (",
    "    some_function_name(",
    "        first_argument_value, second_argument_value, third_argument_value_longer",
    "    )",
    "    ** 2",
    ")",
    "",
  ].join("\n");
  assertEquals(printModule(parse(source).ir), source);
});

Deno.test("parse then print: `**` hugs its operands where ruff does", () => {
  const source = "a = x**-y\nb = x ** f(z).w\nc = f(z).w ** 2\nd = x**-a.b\ng = x**~y\nh = x**-2.0\n";
  assertEquals(printModule(parse(source).ir), source);
});

Deno.test("parse then print: a dict entry's long operator chain breaks before its operators, as ruff does", () => {
  // ruff format's output (a value split at its first operand's brackets instead is reformatted by ruff)
  const source = `def f(w_key, n_in, n_out):
    return [
        {
            "w": torch.randn((n_in, n_out), generator=w_key, dtype=torch.float32)
            / torch.sqrt(n_in),
            "b": torch.zeros((n_out,), dtype=torch.float32),
        },
    ]
`;
  const flat = source.replace(/\n\s*\/ /, " / ");
  assertEquals(printModule(parse(flat).ir), source);
  assertEquals(printModule(parse(source).ir), source);
});
