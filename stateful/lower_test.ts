import { ok as assert, strictEqual } from "node:assert";
import { transpile } from "../mod.ts";

const MODULE = `from flax import nnx
import jax.numpy as jnp


class Count(nnx.Variable):
    pass


class Model(nnx.Module):
    def __init__(self, din: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(din, 2, rngs=rngs)
        self.count = Count(jnp.array(0))

    def __call__(self, x):
        self.count.value += 1
        return self.fc(x)
`;

function lower(target: "torch" | "tensorflow" | "numpy"): string {
  const { code, diagnostics } = transpile(MODULE, { source: "jax", target });
  strictEqual(diagnostics.map((d) => d.message).join("; "), "");
  return code;
}

Deno.test("torch: a torch.nn.Module with forward, super().__init__() and a buffer Variable", () => {
  const code = lower("torch");
  for (
    const part of [
      "class Count(torch.nn.Buffer):",
      "class Model(torch.nn.Module):",
      "        super().__init__()\n        self.fc = Linear(din, 2, rngs=rngs)",
      "    def forward(self, x):\n        self.count = self.count + 1",
      "def load_flax_state(model, src):",
      "class Rngs:",
    ]
  ) strictEqual(code.includes(part), true, part);
  strictEqual(/\bivy\b|\bjax\b|flax\./.test(code.replace(/nnx\.\w+/g, "")), false);
});

Deno.test("tensorflow: a keras.Layer with call, eager Linear and a non-trainable Variable", () => {
  const code = lower("tensorflow");
  for (
    const part of [
      "class Count(keras.Variable):\n    def __init__(self, value):\n        super().__init__(value, trainable=False)",
      "class Model(keras.Layer):",
      "self.fc = Linear(din, 2, rngs=rngs)",
      "    def call(self, x):\n        self.count.assign_add(1)",
      "class Linear(keras.layers.Dense):",
    ]
  ) strictEqual(code.includes(part), true, part);
});

Deno.test("numpy: plain classes keeping __call__ and .value", () => {
  const code = lower("numpy");
  for (
    const part of [
      "class Count(Variable):",
      "class Model:",
      "self.fc = Linear(din, 2, rngs=rngs)",
      "    def __call__(self, x):\n        self.count.value += 1",
    ]
  ) strictEqual(code.includes(part), true, part);
  strictEqual(code.includes("super().__init__()\n        self.fc"), false);
});

Deno.test("helpers are added only when used", () => {
  const { code } = transpile("import jax.numpy as jnp\n\n\ndef f(x):\n    return jnp.sum(x)\n", {
    source: "jax",
    target: "torch",
  });
  strictEqual(code.includes("load_flax_state") || code.includes("class Rngs"), false);
});

Deno.test("keras: a __call__ argument named mask is reported as a warning, and the output is still written", () => {
  const source =
    "from flax import nnx\n\n\nclass M(nnx.Module):\n    def __call__(self, x, mask=None):\n        return x\n";
  const result = transpile(source, { source: "jax", target: "tensorflow" });
  assert(result.code.includes("def call(self, x, mask=None):"));
  assert(result.diagnostics.some((d) => d.severity === "warning" && d.message.includes("`mask`")));
});

Deno.test("keras: a __call__ without arguments stays __call__, which Keras's call machinery could not run", () => {
  const source = "from flax import nnx\nimport jax.numpy as jnp\n\n\nclass Count(nnx.Variable):\n    pass\n\n\n" +
    "class Tick(nnx.Module):\n    def __init__(self):\n        self.n = Count(jnp.array(0))\n\n" +
    "    def __call__(self):\n        self.n.value += 1\n";
  const { code } = transpile(source, { source: "jax", target: "tensorflow" });
  assert(code.includes("    def __call__(self):\n        self.n.assign_add(1)"));
});

Deno.test("a method other than __init__ creating Variables (a cache's init) runs unlocked on Keras only", () => {
  const source = "from flax import nnx\nimport jax.numpy as jnp\n\n\nclass Attention(nnx.Module):\n" +
    '    def init_cache(self, n: int):\n        """Doc."""\n' +
    "        self.cached = nnx.Cache(jnp.zeros((n,)))\n        self.index = nnx.Cache(jnp.array(0))\n\n" +
    "    def __call__(self, x):\n        self.index.value += 1\n        return x\n";
  const keras = transpile(source, { source: "jax", target: "tensorflow" }).code;
  assert(keras.includes(
    '    def init_cache(self, n: int):\n        """Doc."""\n        with UnlockedState(self):\n' +
      "            self.cached = keras.Variable(",
  ));
  assert(keras.includes("class UnlockedState:"));
  assert(keras.includes("    def call(self, x):\n        self.index.assign_add(1)"));
  for (const target of ["torch", "numpy"] as const) {
    const code = transpile(source, { source: "jax", target }).code;
    assert(!code.includes("UnlockedState"), target);
  }
  const torch = transpile(source, { source: "jax", target: "torch" }).code;
  assert(torch.includes("        self.cached = torch.nn.Buffer(torch.zeros((n,), dtype=torch.float32))"));
  const numpy = transpile(source, { source: "jax", target: "numpy" }).code;
  assert(numpy.includes("class Cache(Variable):") && numpy.includes("self.index = Cache("));
});

Deno.test("self.sow becomes the sow helper on every target, without the Variable type", () => {
  const source = "from flax import nnx\n\n\nclass M(nnx.Module):\n    def __call__(self, x):\n" +
    "        self.sow(nnx.Intermediate, 'h', x, reduce_fn=lambda a, b: a + b, init_fn=lambda: 0)\n        return x\n";
  for (const target of ["torch", "tensorflow", "numpy"] as const) {
    const { code, diagnostics } = transpile(source, { source: "jax", target });
    strictEqual(diagnostics.length, 0);
    assert(code.includes('sow(self, "h", x, reduce_fn=lambda a, b: a + b, init_fn=lambda: 0)'), code);
    assert(code.includes("def sow(module, name, value, reduce_fn=None, init_fn=None):"), code);
  }
});

Deno.test("keras: a __call__ taking a Python value, a key or an Rngs positionally lets Keras take non-tensor positional arguments", () => {
  const source = `import jax
from flax import nnx


class Step(nnx.Module):
    def __init__(self, n: int):
        """Doc."""
        self.n = n

    def __call__(self, x, start: int, scale=2.0, *, flag: bool = False):
        return x * scale + start


class Plain(nnx.Module):
    def __init__(self):
        super().__init__()
        self.n = 1

    def __call__(self, x, bias=None, *, deterministic: bool = False):
        return x


class Noisy(nnx.Module):
    def __init__(self):
        self.n = 1

    def __call__(self, x, key):
        return x + jax.random.normal(key, x.shape)


class Dropped(nnx.Module):
    def __init__(self):
        self.drop = nnx.Dropout(0.5)

    def __call__(self, x, rngs: nnx.Rngs | None = None):
        return self.drop(x, rngs=rngs)
`;
  const { code, diagnostics } = transpile(source, { source: "jax", target: "tensorflow" });
  strictEqual(diagnostics.map((d) => d.message).join("; "), "");
  const flag = "self._allow_non_tensor_positional_args = True";
  assert(
    code.includes(
      `"""Doc."""\n        super().__init__(**kwargs)\n        self.init_arguments = {"n": n}\n        ${flag}\n`,
    ),
    code,
  );
  strictEqual(code.split(flag).length, 4, "Step (Python start and scale), Noisy (key), Dropped (rngs), not Plain");
  assert(
    code.includes(
      `class Noisy(keras.Layer):\n    def __init__(self, **kwargs):\n        super().__init__(**kwargs)\n        self.init_arguments = {}\n        ${flag}\n`,
    ),
    code,
  );
  for (const target of ["torch", "numpy"] as const) {
    strictEqual(transpile(source, { source: "jax", target }).code.includes("_allow_non_tensor"), false);
  }
});
