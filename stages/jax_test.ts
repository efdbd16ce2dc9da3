import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { parse } from "./parse.ts";
import { printModule } from "./print.ts";
import { jaxStage } from "./jax.ts";

function frontend(source: string): { code: string; errors: string[] } {
  const { ir, diagnostics } = jaxStage(parse(source).ir);
  return { code: printModule(ir), errors: diagnostics.map((d) => `${d.loc.line}:${d.loc.col} ${d.message}`) };
}

Deno.test("jax stage: every import style reaches the same canonical name", () => {
  const { code, errors } = frontend(
    "import jax\nimport jax.numpy as jnp\nfrom jax.numpy import sum as total\n\n\n" +
      "def f(x):\n    return jnp.sum(x) + jax.numpy.sum(x) + total(x)\n",
  );
  assertEquals(errors, []);
  assertEquals(
    code,
    "import jax_frontend\n\n\ndef f(x):\n    return (\n        jax_frontend.numpy.sum(x)\n" +
      "        + jax_frontend.numpy.sum(x)\n        + jax_frontend.numpy.sum(x)\n    )\n",
  );
});

Deno.test("jax stage: flax re-exports resolve to their jax.nn rows", () => {
  const { code } = frontend("from flax import nnx\n\n\ndef f(x):\n    return nnx.relu(x)\n");
  assertEquals(code.includes("jax_frontend.nn.relu(x)"), true);
});

Deno.test("jax stage: array methods, properties and .at[] become explicit calls", () => {
  const { code, errors } = frontend(
    "import jax.numpy as jnp\n\n\ndef f(x):\n    y = x.reshape(2, -1).T\n    return y.at[0, 1:].add(1.0), y.shape\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("y = jax_frontend.Array.T(jax_frontend.Array.reshape(x, 2, -1))"), true);
  assertEquals(
    code.includes("jax_frontend.Array.at_add(y, jax_frontend.numpy.index_exp[0, 1:], 1.0)"),
    true,
  );
  assertEquals(code.includes("jax_frontend.Array.shape(y)"), true);
});

Deno.test("jax stage: unknown APIs are reported at their position, all of them", () => {
  const { errors } = frontend(
    "import jax.numpy as jnp\n\n\ndef f(x):\n    a = jnp.frobnicate(x)\n    return jnp.wibble(a)\n",
  );
  assertEquals(errors, [
    "5:9 unknown or unsupported JAX API `jax.numpy.frobnicate`",
    "6:12 unknown or unsupported JAX API `jax.numpy.wibble`",
  ]);
});

Deno.test("jax stage: a local name shadowing an import is left alone", () => {
  const { code, errors } = frontend("import jax.numpy as jnp\n\n\ndef f(jnp):\n    return jnp.ones + 1\n");
  assertEquals(errors, [
    "5:12 unsupported array attribute `.ones` (`jnp` is taken for an array: annotate it with its class)",
  ]);
  assertEquals(code.includes("return jnp.ones + 1"), true);
});

Deno.test("jax stage: Python values keep their methods", () => {
  const { code, errors } = frontend(
    "import jax.numpy as jnp\n\n\ndef f(x, n: int = 2):\n    shape = x.shape\n    return jnp.zeros(shape), n.bit_length()\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("n.bit_length()"), true);
});

Deno.test("jax stage: a library built on JAX is reported, not imported by the output", () => {
  const { errors } = frontend("import chex\nfrom chex import assert_shape\n");
  assertEquals(errors, [
    "1:1 `chex` is built on JAX and has no translation: the output would import JAX",
    "2:1 `chex` is built on JAX and has no translation: the output would import JAX",
  ]);
});

Deno.test("jax stage: optax is a namespace of its own; what it lacks is named", () => {
  const { code, errors } = frontend(
    "import optax\n\n\ndef f(x, y):\n    return optax.l2_loss(x, y), optax.losses.huber_loss(x), optax.yogi(1e-3)\n",
  );
  assertEquals(errors, ["5:61 unknown or unsupported JAX API `optax.yogi`"]);
  assertEquals(code.includes("jax_frontend.optax.l2_loss(x, y)"), true);
  assertEquals(code.includes("jax_frontend.optax.huber_loss(x)"), true);
});

Deno.test("jax stage: a module calling a transform's init or update writes its transforms as functional ones", () => {
  const { code, errors } = frontend(
    "import optax\n\ntx = optax.chain(optax.clip(1.0), optax.adam(1e-3))\n\n\n" +
      "def step(params, state, grads):\n    updates, state = tx.update(grads, state, params)\n" +
      "    return optax.apply_updates(params, updates), state\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("tx = jax_frontend.optax.functional.chain(\n"), true);
  assertEquals(
    code.includes("jax_frontend.optax.functional.clip(1.0), jax_frontend.optax.functional.adam(1e-3)"),
    true,
  );
  assertEquals(code.includes("tx.update(grads, state, params)"), true);
  assertEquals(code.includes("jax_frontend.optax.apply_updates(params, updates)"), true);
});

Deno.test("jax stage: a transform passed as a parameter is functional too; a dict's or nnx.Optimizer's update not", () => {
  const { code, errors } = frontend(
    "import optax\n\ntx = optax.sgd(0.1)\n\n\ndef step(tx, params, state, grads, extra):\n" +
      "    params.update(extra)\n    updates, state = tx.update(grads, state, params)\n    return updates, state\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("tx = jax_frontend.optax.functional.sgd(0.1)"), true);
  assertEquals(code.includes("params.update(extra)"), true);
});

Deno.test("jax stage: nnx.Optimizer over a transform no target optimizer class computes is functional", () => {
  const optimizer = (tx: string) =>
    frontend(
      `import optax as ox\nfrom flax import nnx\n\n\ndef make(model):\n    return nnx.Optimizer(model, ${tx}, wrt=nnx.Param)\n`,
    );
  const functional = "jax_frontend.nnx.functional.Optimizer(";
  for (
    const tx of [
      "ox.lion(0.1)",
      "ox.adamw(0.1, mask=lambda p: p)",
      "ox.chain(ox.adam(0.1), ox.clip(1.0))",
      "ox.chain(ox.sgd(0.1), ox.clip_by_global_norm(1.0))",
      "ox.adam(0.1, 0.9, 0.999, 1e-08, 1e-08)",
    ]
  ) {
    const { code, errors } = optimizer(tx);
    assertEquals([tx, errors], [tx, []]);
    assertEquals([tx, code.includes(functional), code.includes("jax_frontend.optax.functional.")], [tx, true, true]);
  }
  for (
    const tx of ["ox.adam(0.1)", "ox.chain(ox.clip_by_global_norm(1.0), ox.add_decayed_weights(0.1), ox.adamw(0.1))"]
  ) {
    const { code } = optimizer(tx);
    assertEquals([tx, code.includes(functional), code.includes("jax_frontend.nnx.Optimizer(")], [tx, false, true]);
  }
});

Deno.test("jax stage: a pytree parameter keeps its dict methods; its values are arrays", () => {
  const { code, errors } = frontend(
    "def scale(params):\n    out = {}\n    for name, value in params.items():\n        out[name] = value.reshape(-1)\n    return out\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("params.items()"), true);
  assertEquals(code.includes("jax_frontend.Array.reshape(value, -1)"), true);
});

Deno.test("jax stage: what a module's own method returns is an array", () => {
  const { code, errors } = frontend(
    "from flax import nnx\n\n\nclass M(nnx.Module):\n    def half(self, x):\n        return x / 2\n\n" +
      "    def __call__(self, x):\n        return self.half(x).reshape(-1)\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("jax_frontend.Array.reshape(self.half(x), -1)"), true);
});

Deno.test("jax stage: a parameter annotated with a Module class is a module", () => {
  const { code, errors } = frontend(
    "from flax import nnx\n\n\nclass M(nnx.Module):\n    def __init__(self, *, rngs: nnx.Rngs):\n" +
      "        self.fc = nnx.Linear(2, 3, rngs=rngs)\n\n\ndef kernel_of(model: M):\n    return model.fc.kernel\n\n\n" +
      "def apply(model: nnx.Module, x):\n    return model(x).sum()\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("return model.fc.kernel"), true);
  assertEquals(code.includes("jax_frontend.Array.sum(model(x))"), true);
});
