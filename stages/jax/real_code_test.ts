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
      "        self.fc = Linear(cfg.features, cfg.hidden[0], rngs=rngs)",
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
  assertEquals(code.includes("self.layers = torch.nn.ModuleList([Linear(2, 2, rngs=rngs)])"), true);
  assertEquals(code.includes("return torch.sin(model(x)) * n"), true);
});

Deno.test("real code: nested configs, dict tables of activations, getattr, replace and *args forwarding", () => {
  const { code, errors } = torch(
    "import dataclasses\nfrom typing import Any\n\nimport jax\nfrom flax import nnx\n\n" +
      'ACTS = {"gelu": jax.nn.gelu, "relu": jax.nn.relu}\n\n\n' +
      "@dataclasses.dataclass\nclass Attn:\n    heads: int = 2\n\n\n" +
      "@dataclasses.dataclass\nclass Cfg:\n    dim: int = 4\n    act: str = 'gelu'\n" +
      "    attn: Attn = dataclasses.field(default_factory=Attn)\n\n\n" +
      "class Block(nnx.Module):\n    def __init__(self, cfg: Cfg, *, rngs: nnx.Rngs):\n" +
      "        cfg = dataclasses.replace(cfg, dim=cfg.dim * cfg.attn.heads)\n" +
      "        self.fc = nnx.Linear(cfg.dim, getattr(cfg, 'dim', 4), rngs=rngs)\n        self.act = ACTS[cfg.act]\n\n" +
      "    def __call__(self, x, *args: Any, **kwargs: Any):\n        return self.act(self.fc(x, *args, **kwargs))\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("cfg = dataclasses.replace(cfg, dim=cfg.dim * cfg.attn.heads)"), true);
  assertEquals(code.includes("return self.act(self.fc(x, *args, **kwargs))"), true);
});

Deno.test("real code: state and graph APIs, shard_map, collectives and private JAX are diagnostics naming them", () => {
  const apis = [
    "nnx.split(model)",
    "nnx.merge(model, model)",
    "nnx.update(model, model)",
    "nnx.graphdef(model)",
    "nnx.eval_shape(lambda: model)",
    "jax.shard_map(lambda a: a, mesh=None, in_specs=None, out_specs=None)(x)",
    "jax.lax.psum(x, 'data')",
    "jax.lax.axis_index('data')",
    "jax._src.nn.functions.relu(x)",
  ];
  for (const api of apis) {
    const { errors } = torch(`import jax\nfrom flax import nnx\n\n\ndef f(model, x):\n    return ${api}\n`);
    const name = api.split("(")[0].replace(/^nnx\./, "flax.nnx.");
    assertEquals(errors.length, 1, api);
    assertEquals(errors[0].includes(`\`${name}\``), true, `${api}: ${errors[0]}`);
  }
});

Deno.test("real code: functools.partial of a layer constructor is inlined where it is called", () => {
  const { code, errors } = torch(
    "import functools\n\nfrom flax import nnx\n\n\nclass Net(nnx.Module):\n" +
      "    def __init__(self, *, rngs: nnx.Rngs):\n" +
      "        linear = functools.partial(nnx.Linear, use_bias=False, rngs=rngs)\n" +
      "        self.a = linear(2, 3)\n        self.b = linear(3, 4, use_bias=True)\n\n" +
      "    def __call__(self, x):\n        return self.b(self.a(x))\n",
  );
  assertEquals(errors, []);
  assertEquals(
    code.includes(
      "        self.a = Linear(2, 3, use_bias=False, rngs=rngs)\n        self.b = Linear(3, 4, rngs=rngs)\n",
    ),
    true,
  );
  assertEquals(/functools|linear =/.test(code), false);
});

Deno.test("real code: Variable metadata keywords and named-scope decorators are dropped; cond takes operand=", () => {
  const { code, errors } = torch(
    "import jax\nimport jax.numpy as jnp\nfrom flax import nnx\n\n\nclass E(nnx.Module):\n" +
      "    def __init__(self, *, rngs: nnx.Rngs):\n        self.w = nnx.Param(jnp.ones((2, 2)), shd=('tp', None))\n\n" +
      "    @jax.named_scope('einsum')\n    def __call__(self, x):\n" +
      "        return jax.lax.cond(jnp.sum(x) > 0, lambda a: a @ self.w.value, lambda a: a, operand=x)\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("self.w = torch.nn.Parameter(torch.ones((2, 2), dtype=torch.float32))"), true);
  assertEquals(code.includes("@None"), false);
});

Deno.test("real code: initializers called directly draw from the target's generator; assigned ones become defs", () => {
  const { code, errors } = torch(
    "import jax\nfrom flax import nnx\n\n\nclass E(nnx.Module):\n    def __init__(self, n: int, *, rngs: nnx.Rngs):\n" +
      "        self.w = nnx.Param(nnx.initializers.normal(0.02)(rngs.params(), (n, n)))\n" +
      "        self.b = nnx.Param(nnx.initializers.zeros_init()(rngs.params(), (n,)))\n" +
      "        init = jax.nn.initializers.constant(0.5)\n        self.c = nnx.Param(init(rngs.params(), (2,)))\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("torch.randn((n, n), generator=rngs.params(), dtype=torch.float32) * 0.02"), true);
  assertEquals(code.includes("self.b = torch.nn.Parameter(torch.zeros((n,), dtype=torch.float32))"), true);
  assertEquals(code.includes("        def init(key, shape, dtype=torch.float32):\n"), true);
});

Deno.test("real code: the initializer arguments of a Linear and a ConvTranspose are applied", () => {
  const { code, errors } = torch(
    "from flax import nnx\n\n\nclass E(nnx.Module):\n    def __init__(self, *, rngs: nnx.Rngs):\n" +
      "        self.fc = nnx.Linear(\n            2, 3, kernel_init=nnx.with_partitioning(nnx.initializers.zeros_init(), ('a', None)), rngs=rngs\n" +
      "        )\n        self.up = nnx.ConvTranspose(2, 3, 3, kernel_init=nnx.initializers.zeros_init(), rngs=rngs)\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("self.fc = Linear(\n"), true);
  assertEquals(code.includes("self.up = ConvTranspose(\n"), true);
  assertEquals(code.includes("kernel_init=lambda key, shape, dtype=torch.float32: torch.zeros(\n"), true);
});

Deno.test("real code: every sharding and placement API of a real file vanishes, with typing-only imports", () => {
  const { code, errors } = torch(
    "from __future__ import annotations\n\nimport logging\nfrom typing import TypeAlias\n\n" +
      "import jax\nimport jax.numpy as jnp\nfrom jax._src.typing import DTypeLike\nfrom jax.sharding import Mesh, NamedSharding\n\n" +
      "Shape: TypeAlias = tuple[int, ...]\nlog = logging.getLogger(__name__)\n\n\n" +
      "def f(x: jnp.ndarray, mesh: Mesh, dtype: DTypeLike = jnp.float32, n: jnp.integer = 2) -> jax.Array:\n" +
      "    spec = NamedSharding(mesh, jax.P('data'))\n" +
      "    x = jax.sharding.reshard(x, spec)\n" +
      "    abstract = jax.sharding.get_abstract_mesh()\n" +
      "    one = jax.sharding.SingleDeviceSharding(None)\n" +
      "    if isinstance(n, int) and abstract is None and one is None:\n" +
      "        print('one device')\n" +
      "    log.info('x has shape %s', x.shape)\n" +
      "    return x.astype(dtype) * n\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("    spec = None\n    abstract = None\n    one = None\n"), true);
  assertEquals(code.includes("def f(x, mesh, dtype=torch.float32, n=2):"), true);
  assertEquals(/jax|Mesh|DTypeLike/.test(code.replace(/jax_/g, "")), false);
});

Deno.test("real code: a partial pooling function stored on self is inlined where the module calls it", () => {
  const { code, errors } = torch(
    "from functools import partial\n\nfrom flax import nnx\nfrom flax.linen.pooling import max_pool\n\n\n" +
      "class Stem(nnx.Module):\n    def __init__(self, *, rngs: nnx.Rngs):\n" +
      "        self.pool = partial(max_pool, window_shape=(3, 3), strides=(2, 2), padding=((1, 1), (1, 1)))\n\n" +
      "    def __call__(self, x):\n        return self.pool(x)\n",
  );
  assertEquals(errors, []);
  assertEquals(code.includes("        return max_pool(x, (3, 3), strides=(2, 2), padding=((1, 1), (1, 1)))\n"), true);
  assertEquals(code.includes("self.pool ="), false);
});
