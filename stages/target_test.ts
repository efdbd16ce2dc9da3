import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { transpile } from "../mod.ts";

const CLASHING = `import jax.numpy as jnp
from flax import nnx


def pad(x):
    return x


class Linear(nnx.Module):
    def __init__(self, din, dout, *, rngs: nnx.Rngs):
        self.inner = nnx.Linear(din, dout, rngs=rngs)

    def __call__(self, x):
        return pad(jnp.pad(self.inner(x), 1))
`;

Deno.test("target stage: helpers are renamed where the user's module uses their names", () => {
  const { code, diagnostics } = transpile(CLASHING, { source: "jax", target: "numpy" });
  assertEquals(diagnostics, []);
  assert(code.includes("class _Linear:"), "the Linear helper class is renamed");
  assert(code.includes("self.inner = _Linear(din, dout"), "and used under its new name");
  assert(code.includes("class Linear:"), "the user's class keeps its name");
  assert(code.includes("return pad(np.pad(self.inner(x), 1))"), "the user's own pad is untouched");
});

Deno.test("target stage: only the helpers used are emitted", () => {
  const { code } = transpile("import jax.numpy as jnp\n\n\ndef f(x):\n    return jnp.sum(x)\n", {
    source: "jax",
    target: "torch",
  });
  assertEquals(code, "import torch\n\n\ndef f(x):\n    return torch.sum(x)\n");
});

Deno.test("target stage: a user name equal to a contract helper is an error", () => {
  const source = "from flax import nnx\n\n\ndef Rngs(seed):\n    return nnx.Rngs(seed)\n";
  const { diagnostics } = transpile(source, { source: "jax", target: "torch" });
  assert(diagnostics.some((d) => d.message.includes("`Rngs`")));
});

Deno.test("target stage: a dtype the target lacks is an error, not a stand-in", () => {
  const source = "import jax.numpy as jnp\n\n\ndef f(x):\n    return x.astype(jnp.bfloat16)\n";
  const { diagnostics } = transpile(source, { source: "jax", target: "numpy" });
  assertEquals(diagnostics.map((d) => `${d.loc.line}:${d.loc.col} ${d.message}`), [
    "5:21 numpy cannot express `bfloat16`: NumPy has no bfloat16 dtype",
  ]);
});

Deno.test("target stage: torch's max with 0.0 is threshold only where the array is known float", () => {
  const torch = (body: string) =>
    transpile(`import jax.numpy as jnp\n\n\ndef f(x):\n${body}`, { source: "jax", target: "torch" }).code;
  // x may be an int array, whose max with 0.0 JAX gives as float32 (threshold would keep the int dtype)
  assert(torch("    return jnp.maximum(x, 0.0)\n").includes("return torch.clamp(x, min=0.0) + 0.0\n"));
  assert(
    torch("    h = jnp.ones(3)\n    return jnp.maximum(h, 0.0)\n").includes(
      "return torch.nn.functional.threshold(h, 0, 0)\n",
    ),
  );
  assert(
    torch("    n = jnp.arange(3)\n    return jnp.maximum(n, 0.0)\n").includes(
      "return torch.nn.functional.threshold(n.to(torch.float32), 0, 0)\n",
    ),
  );
  // an int 0 keeps an int array's dtype, as in JAX
  assert(torch("    return jnp.maximum(x, 0)\n").includes("return torch.nn.functional.threshold(x, 0, 0)\n"));
});
