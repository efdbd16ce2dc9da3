import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { transpile } from "../../mod.ts";

/** The target code and the `line:col message` of each diagnostic. */
function torch(source: string): { code: string; errors: string[] } {
  const { code, diagnostics } = transpile(source, { source: "jax", target: "torch" });
  return { code, errors: diagnostics.map((d) => `${d.loc.line}:${d.loc.col} ${d.message}`) };
}

const CONFIG_MODEL = `from __future__ import annotations

import dataclasses
import enum
from typing import NamedTuple, Optional, Sequence

import jax
import jax.numpy as jnp
from flax import nnx
from jaxtyping import Array, Float


class Act(enum.Enum):
    GELU = "gelu"
    SILU = "silu"


@dataclasses.dataclass(frozen=True)
class Config:
    features: int = 8
    hidden: Sequence[int] = (16, 16)
    act: Act = Act.GELU
    dtype: jnp.dtype = jnp.float32
    scale: Optional[float] = None

    @property
    def depth(self) -> int:
        return len(self.hidden)

    @classmethod
    def small(cls):
        return cls(features=4, hidden=(8,))


class Out(NamedTuple):
    logits: jax.Array
    depth: int


class Net(nnx.Module):
    def __init__(self, cfg: Config, *, rngs: nnx.Rngs):
        self.cfg = cfg
        self.fc = nnx.Linear(cfg.features, cfg.hidden[0], rngs=rngs)

    def __call__(self, x: Float[Array, "b d"]) -> Out:
        h = self.fc(x).astype(self.cfg.dtype)
        if self.cfg.act == Act.GELU:
            h = jax.nn.gelu(h)
        small = Config.small()
        h = h * small.features / self.cfg.depth
        return Out(logits=h, depth=self.cfg.depth)
`;

Deno.test("real code: config dataclass fields, properties, presets and Enum members are Python values", () => {
  const { code, errors } = torch(CONFIG_MODEL);
  assertEquals(errors, []);
  for (
    const line of [
      "    dtype: Any = torch.float32",
      "    logits: Any",
      "        self.fc = torch.nn.Linear(cfg.features, cfg.hidden[0])",
      "        h = self.fc(x).to(self.cfg.dtype)",
      "    def forward(self, x) -> Out:",
      "from typing import Any, NamedTuple, Optional, Sequence",
    ]
  ) assertEquals(code.split("\n").includes(line), true, line);
  assertEquals(code.includes("jaxtyping"), false);
});

Deno.test("real code: an unannotated config parameter is an array, and says so", () => {
  const { errors } = torch(
    "import jax.numpy as jnp\n\n\ndef f(cfg, x):\n    return jnp.sum(x) * cfg.scale\n",
  );
  assertEquals(errors, [
    "5:25 unsupported array attribute `.scale` (`cfg` is taken for an array: annotate it with its class)",
  ]);
});

Deno.test("real code: f-strings keep their fields, conversions and specs; raise and assert pass through", () => {
  const { code, errors } = torch(
    "import jax.numpy as jnp\n\n\ndef f(x, n: int, w: int):\n" +
      '    assert n > 0, f"n={n!r:>{w}} {{braces}} {jnp.sum(x)}"\n' +
      '    if n > 3:\n        raise ValueError(f"too many: {n}" " (at most 3)")\n    return x * n\n',
  );
  assertEquals(errors, []);
  assertEquals(code.includes('    assert n > 0, f"n={n!r:>{w}} {{braces}} {torch.sum(x)}"\n'), true);
  assertEquals(code.includes('raise ValueError(f"too many: {n} (at most 3)")'), true);
});

Deno.test("real code: sharding specs, constraints, placement and named scopes vanish on one device", () => {
  const { code, errors } = torch(
    "import jax\nimport jax.numpy as jnp\nfrom jax.sharding import PartitionSpec as P\n\n\n" +
      "SPEC = P(None, 'model')\n\n\n" +
      "def f(x):\n" +
      "    with jax.named_scope('block'):\n" +
      "        x = jax.lax.with_sharding_constraint(x, P('data', None))\n" +
      "        y = jnp.zeros((3,), out_sharding=jax.P('data'))\n" +
      "    return jax.device_put(x) + y.sum()\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("SPEC = None\n"), true);
  assertEquals(code.includes("with"), false);
  assertEquals(code.includes("x = x"), false);
  assertEquals(code.includes("    y = torch.zeros((3,), dtype=torch.float32)\n    return x + torch.sum(y)\n"), true);
});

Deno.test("real code: typing annotations of every shape are read, not reported", () => {
  const { errors } = torch(
    "from typing import Callable, Literal\n\nimport jax\n\n\n" +
      "def f(x: jax.Array, k: tuple[int, ...] = (1,), act: Callable[[int], int] | None = None, " +
      "mode: Literal['a', 'b'] = 'a', names: list[str] | None = None) -> jax.Array:\n    return x\n",
  );
  assertEquals(errors, []);
});

Deno.test("real code: jit, remat and pytree annotations are the function or value itself", () => {
  const { code, errors } = torch(
    "from functools import partial\n\nimport jax\nimport jax.numpy as jnp\nfrom flax import nnx\n\n\n" +
      "class Net(nnx.Module):\n    def __init__(self, *, rngs: nnx.Rngs):\n" +
      "        self.layers = nnx.data([nnx.Linear(2, 2, rngs=rngs)])\n        self.size = nnx.static(2)\n\n" +
      "    @nnx.remat\n    def __call__(self, x):\n        for layer in self.layers:\n            x = layer(x)\n" +
      "        return x * self.size\n\n\n" +
      "@partial(nnx.jit, static_argnames=('n',))\ndef step(model, x, n: int):\n" +
      "    return jax.checkpoint(lambda a: jnp.sin(a) * n)(model(x))\n",
  );
  assertEquals(errors, []);
  assertEquals(/@(partial|nnx|jax)/.test(code), false);
  assertEquals(code.includes("self.layers = torch.nn.ModuleList([torch.nn.Linear(2, 2)])"), true);
  assertEquals(code.includes("return (lambda a: torch.sin(a) * n)(model(x))"), true);
});
