/**
 * Diagnostics for bad input, through `transpile()`: the position and reason
 * of each syntax error, and every problem of a file reported at once.
 *
 * @module
 */
import { transpile } from "../mod.ts";

function problems(code: string): string[] {
  const { diagnostics, code: out } = transpile(code, { source: "jax", target: "torch" });
  if (diagnostics.length > 0 && out !== "") throw new Error("output despite errors");
  return diagnostics.map((d) => `${d.loc.line}:${d.loc.col}: ${d.message}`);
}

function check(code: string, expected: string[]): void {
  const got = problems(code);
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    throw new Error(
      `for:\n${code}\nexpected ${JSON.stringify(expected, null, 2)}\ngot ${JSON.stringify(got, null, 2)}`,
    );
  }
}

Deno.test("syntax errors name the problem where it is", () => {
  check("def f(x)\n    return x\n", ["1:9: syntax error: expected `:`"]);
  check("def f(x):\n    return x)\n", ["2:13: syntax error: unmatched `)`"]);
  check("x = [1, 2\ny = 3\n", ["1:5: syntax error: `[` was never closed"]);
  check("y = 3 +\n", ["1:7: syntax error: expected an expression after `+`"]);
  check("x = = 3\n", ["1:5: syntax error: unexpected `=`"]);
});

Deno.test("a body that is not indented is a syntax error, not an empty function", () => {
  check("def f(x):\nreturn x\n", ["1:10: syntax error: expected an indented block after `:`"]);
});

Deno.test("problems from parsing and from every stage are reported together", () => {
  const code = `import jax.numpy as jnp


async def g(x):
    return x


def f(x, c):
    y = jnp.where(c)
    return jnp.frobnicate(y) + jnp.sum(x, out=x)
`;
  check(code, [
    "4:1: unsupported Python construct: async def",
    "9:9: jax.numpy.where: the one-argument form (`nonzero`) has a data-dependent shape",
    "10:12: unknown or unsupported JAX API `jax.numpy.frobnicate`",
    "10:32: jax.numpy.sum: argument `out` is not supported (only its default None)",
  ]);
});

Deno.test("an argument a failed call leaves behind is not reported again as a transpiler bug", () => {
  check("from flax import nnx\n\n\ndef f(model: nnx.Module):\n    return nnx.state(model, nnx.BatchStat)\n", [
    "5:12: flax.nnx.state: only `nnx.state(model)` and `nnx.state(model, nnx.Param)` are supported (a target " +
    "module holds parameters and buffers, not Flax's Variable types)",
  ]);
});

Deno.test("a valid file gives no diagnostics", () => {
  check("import jax.numpy as jnp\n\n\ndef f(x):\n    return jnp.sum(x)\n", []);
});

Deno.test("nnx.MultiHeadAttention's decode, dropout and normalize_qk options transpile; other dtypes are reported", () => {
  const layer = (args: string) =>
    `import jax.numpy as jnp\nfrom flax import nnx\n\n\nclass M(nnx.Module):\n    def __init__(self, rngs):\n` +
    `        self.attn = nnx.MultiHeadAttention(2, 8, ${args}rngs=rngs)\n`;
  check(layer("decode=True, "), []);
  check(layer("dropout_rate=0.1, decode=False, "), []);
  check(layer("normalize_qk=True, decode=False, "), []);
  check(layer("decode=False, dropout_rate=0.0, deterministic=True, "), []);
  check(layer("dtype=jnp.bfloat16, "), [
    "7:21: flax.nnx.MultiHeadAttention: only float32 is supported for `dtype`",
  ]);
});

Deno.test("dot dtypes, resize methods and draws the targets do not compute are reported", () => {
  const body = (line: string) => `import jax\nimport jax.numpy as jnp\n\n\ndef f(x, y):\n    return ${line}\n`;
  check(body("jnp.matmul(x, y, preferred_element_type=jnp.int32)"), [
    "6:12: jax.numpy.matmul: `preferred_element_type` is supported as float32 or None only",
  ]);
  check(body("jnp.einsum('ij,jk->ik', x, y, preferred_element_type=jnp.float32)"), [
    "6:12: jax.numpy.einsum: argument `preferred_element_type` is not supported (only its default None)",
  ]);
  check(body("jax.image.resize(x, (2, 2), 'area')"), [
    '6:12: jax.image.resize: method "area" is not supported',
  ]);
  check(body("jax.random.categorical(jax.random.key(0), x, shape=(3, 2))"), [
    "6:12: jax.random.categorical: argument `shape` is not supported (only its default None)",
  ]);
  check(body("jnp.matmul(x, y, precision=jax.lax.Precision.HIGHEST, preferred_element_type=jnp.float32)"), []);
});

Deno.test("conv, norm and pooling options the targets do not have are reported", () => {
  const layer = (call: string) =>
    `import jax.numpy as jnp\nfrom flax import linen as nn\nfrom flax import nnx\n\n\n` +
    `class M(nnx.Module):\n    def __init__(self, rngs):\n        self.layer = ${call}\n`;
  check(layer(`nnx.Conv(3, 4, (3, 3), padding="CIRCULAR", rngs=rngs)`), [
    "8:22: flax.nnx.Conv: only 'SAME', 'VALID' and explicit padding are supported, not `padding='CIRCULAR'`",
  ]);
  check(layer(`nnx.ConvTranspose(3, 4, 3, padding="CAUSAL", rngs=rngs)`), [
    "8:22: flax.nnx.ConvTranspose: only 'SAME', 'VALID' and explicit padding are supported, not `padding='CAUSAL'`",
  ]);
  check(layer(`nnx.ConvTranspose(3, 4, 3, dtype=jnp.bfloat16, rngs=rngs)`), [
    "8:22: flax.nnx.ConvTranspose: only float32 is supported for `dtype`",
  ]);
  check(layer(`nnx.Conv(3, 4, 3, mask=jnp.ones((3, 3, 4)), rngs=rngs)`), [
    "8:22: flax.nnx.Conv: argument `mask` is not supported (only its default None)",
  ]);
  check(layer(`nnx.LSTMCell(2, 3, carry_init=nnx.initializers.ones_init(), rngs=rngs)`), [
    "8:22: flax.nnx.LSTMCell: argument `carry_init` is not supported (only its default None)",
  ]);
  check(layer(`nnx.GRUCell(2, 3, param_dtype=jnp.bfloat16, rngs=rngs)`), [
    "8:22: flax.nnx.GRUCell: only float32 is supported for `param_dtype`",
  ]);
  check(layer(`nnx.RNN(nnx.SimpleCell(2, 3, rngs=rngs), broadcast_rngs="dropout")`), [
    "8:22: flax.nnx.RNN: argument `broadcast_rngs` is not supported (only its default None)",
  ]);
  check(layer(`nnx.RMSNorm(4, reduction_axes=(1, 2), rngs=rngs)`), [
    "8:22: flax.nnx.RMSNorm: argument `reduction_axes` is not supported (only its default -1)",
  ]);
  check(layer(`nnx.GroupNorm(4, 2, reduction_axes=(1, 2, 3), rngs=rngs)`), [
    "8:22: flax.nnx.GroupNorm: argument `reduction_axes` is not supported (only its default None)",
  ]);
  check(layer(`nn.avg_pool(jnp.ones((1, 4, 4, 1)), (2, 2), padding="CIRCULAR")`), [
    "8:22: flax.nnx.avg_pool: only 'SAME', 'VALID' and explicit padding are supported, not `padding='CIRCULAR'`",
  ]);
  const axis = "8:22: flax.nnx.LinearGeneral: only `axis` naming the trailing axes, one per entry of `in_features` " +
    "(`axis=-1`, `axis=(-2, -1)`), is supported";
  check(layer(`nnx.LinearGeneral(4, 3, axis=1, rngs=rngs)`), [axis]);
  check(layer(`nnx.LinearGeneral((2, 4), 3, axis=(-1, -2), rngs=rngs)`), [axis]);
  check(layer(`nnx.LinearGeneral((2, 4), (3, 5), axis=(-2, -1), rngs=rngs)`), []);
  check(layer(`nnx.LinearGeneral(4, 3, axis=(-1,), rngs=rngs)`), []);
  check(layer(`nnx.Conv(3, 4, (3, 3), kernel_metadata={"sharding": None}, rngs=rngs)`), []);
});
