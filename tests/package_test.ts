/**
 * Packages, undefined names and partial output, through the library entry
 * points: kinds flowing across modules by absolute, relative and re-exported
 * imports; imports of nothing known; names nothing binds; stubs; and the
 * front stages run once for several targets.
 *
 * @module
 */
import { type StageName, TARGETS, transpile, transpilePackage } from "../mod.ts";
import { runPackage, runPipelines } from "../stages/pipeline.ts";

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function assertEquals<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual, null, 2);
  const e = JSON.stringify(expected, null, 2);
  assert(a === e, `${what}: expected ${e}\ngot ${a}`);
}

/** Each module's diagnostics, as `path:line:col: message`. */
function packageProblems(files: Record<string, string>, root = "pkg"): string[] {
  const results = transpilePackage(files, { source: "jax", target: "torch", root });
  return [...results].flatMap(([path, r]) =>
    r.diagnostics.map((d) => `${path}:${d.loc.line}:${d.loc.col}: ${d.message}`)
  );
}

function problems(code: string): string[] {
  return transpile(code, { source: "jax", target: "torch" }).diagnostics.map((d) =>
    `${d.loc.line}:${d.loc.col}: ${d.message}`
  );
}

const LAYERS = `import jax.numpy as jnp
from flax import nnx

SCALE = 4


class Count(nnx.Variable):
    pass


class Block(nnx.Module):
    def __init__(self, n: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(n, n, rngs=rngs)

    def __call__(self, x):
        return self.fc(x)


def double(x):
    return 2 * x
`;

/** A module whose every line needs to know what `layers.py` defines. */
const MODEL = (imports: string) =>
  `import jax.numpy as jnp
from flax import nnx

${imports}


class Net(nnx.Module):
    def __init__(self, n: int, *, rngs: nnx.Rngs):
        self.block = Block(n, rngs=rngs)
        self.count = Count(jnp.array(0))

    def __call__(self, x):
        self.count.value += 1
        return self.block(x).reshape(-1) + double(x).sum() + jnp.sqrt(SCALE)
`;

Deno.test("a Module, Variable, function and constant of another module are known where imported", () => {
  for (
    const imports of [
      "from pkg.layers import SCALE, Block, Count, double",
      "from .layers import SCALE, Block, Count, double",
      "from . import SCALE, Block, Count, double", // re-exported by __init__.py
    ]
  ) {
    const files = { "__init__.py": "from .layers import SCALE, Block, Count, double\n", "layers.py": LAYERS };
    const results = transpilePackage({ ...files, "model.py": MODEL(imports) }, {
      source: "jax",
      target: "torch",
      root: "pkg",
    });
    const model = results.get("model.py")!;
    assertEquals(model.diagnostics.map((d) => d.message), [], imports);
    assert(
      model.code.includes("self.count = self.count + 1"),
      `the imported Variable is a torch buffer:\n${model.code}`,
    );
    assert(model.code.includes("torch.reshape(self.block(x), (-1,))"), `a Module's call is an array:\n${model.code}`);
    assert(model.code.includes("torch.sum(double(x))"), `a function's call gives an array:\n${model.code}`);
    assert(model.code.includes("torch.sqrt(asarray(SCALE, dtype=torch.float32))"), `SCALE is a number:\n${model.code}`);
    assert(model.code.includes("def load_flax_state"), "a module defining a Module has load_flax_state");
    assert(model.code.includes(imports), `the import is kept as written:\n${model.code}`);
  }
});

Deno.test("without the module that defines them, the same lines are reported", () => {
  const got = problems(MODEL("from pkg.layers import SCALE, Block, Count, double"));
  assert(got.some((p) => p.includes("import of `pkg.layers`")), got.join("\n"));
  assert(got.some((p) => p.startsWith("14:44: cannot tell whether") && p.includes("`.sum`")), got.join("\n"));
});

Deno.test("relative imports climb packages: from ..utils import x", () => {
  const files = {
    "utils.py": "def twice(x):\n    return x + x\n",
    "models/__init__.py": "",
    "models/net.py": "import jax.numpy as jnp\n\nfrom ..utils import twice\n\n\ndef f(x):\n    return twice(x).sum()\n",
  };
  const results = transpilePackage(files, { source: "jax", target: "numpy", root: "pkg" });
  const net = results.get("models/net.py")!;
  assertEquals(net.diagnostics, [], "diagnostics");
  assert(net.code.includes("from ..utils import twice\n"), net.code);
  assert(net.code.includes("return np.sum(twice(x))"), net.code);
});

Deno.test("an import of something neither in the input, JAX/Flax, the standard library nor NumPy is named", () => {
  const files = {
    "a.py": "import einops\nimport math\nimport numpy as np\nfrom .b import there, missing\nfrom .c import x\n",
    "b.py": "there = 1\n",
  };
  assertEquals(packageProblems(files), [
    "a.py:1:1: import of `einops`: it is neither in the input, JAX/Flax, the Python standard library nor NumPy",
    "a.py:4:1: `.b` has no `missing` in the input",
    "a.py:5:1: import of `.c`: it is neither in the input, JAX/Flax, the Python standard library nor NumPy",
  ], "diagnostics");
  assertEquals(problems("from .layers import MLP\n"), [
    "1:1: relative import `from .layers import ...` outside a package: transpile the package's folder",
  ], "a relative import of a single module");
});

Deno.test("a name nothing binds is reported; every kind of binding counts", () => {
  assertEquals(problems("import jax.numpy as jnp\n\n\ndef step(p, g):\n    return optax.apply_updates(p, g)\n"), [
    "5:12: `optax` is not defined: nothing imports, defines or assigns it",
  ], "a missing import");
  const bound = `import functools
import jax.numpy as jnp
from jax import lax

LIMIT = 3


class C:
    size = 2
    twice = size * 2

    def m(self, x, *args, k=1, **kw):
        for i, j in enumerate(args):
            x = x + i + j
        with open("f") as fh:
            del_ = fh
        ys = [y * z for y in range(LIMIT) for z in range(y) if z > 0]
        f = lambda a, b=k: a + b
        return x, ys, f, del_, kw, functools.partial, lax.select(x, x, x), jnp.sum, self, print, len, inner


def inner():
    return C
`;
  assertEquals(problems(bound), [], "bound names");
  assertEquals(
    problems("class C:\n    size = 2\n\n    def m(self):\n        return size\n"),
    ["5:16: `size` is not defined: nothing imports, defines or assigns it"],
    "a class body's names are not a method's",
  );
});

const PARTIAL = `import jax
import jax.numpy as jnp


def good(x):
    return jnp.sum(x)


@jax.jit
def bad(x, n: int = 2):
    """Doc."""
    return jax.jacfwd(jnp.sin)(x) * n
`;

Deno.test("partial output: a failing definition becomes a stub, the rest is written, the diagnostics kept", () => {
  const result = transpile(PARTIAL, { source: "jax", target: "torch", partial: true, path: "m.py" });
  assertEquals(
    result.diagnostics.map((d) => d.message),
    ["unknown or unsupported JAX API `jax.jacfwd`"],
    "diagnostics",
  );
  assertEquals(result.stubs, ["bad"], "stubs");
  assertEquals(result.definitions, 2, "definitions");
  assert(result.code.includes("def good(x):\n    return torch.sum(x)\n"), result.code);
  const stub = `# @jax.jit
# def bad(x, n: int = 2):
#     """Doc."""
#     return jax.jacfwd(jnp.sin)(x) * n
def bad(x, n: int = 2):
    """Doc."""
    raise NotImplementedError(
        "not transpiled: m.py:12:12: unknown or unsupported JAX API \`jax.jacfwd\`"
    )
`;
  assert(result.code.endsWith(stub), result.code);
  assertEquals(transpile(PARTIAL, { source: "jax", target: "torch" }).code, "", "no output without partial");
});

Deno.test("partial output: an error outside every definition still fails the module", () => {
  const result = transpile("import jax.numpy as jnp\n\nY = jnp.frobnicate(1)\n", {
    source: "jax",
    target: "torch",
    partial: true,
  });
  assertEquals(result.code, "", "code");
  assertEquals(result.diagnostics.length, 1, "diagnostics");
});

Deno.test("several targets share the parse, jax_frontend and ivy stages", () => {
  const ran: string[] = [];
  runPipelines(PARTIAL.replace("jax.jacfwd(jnp.sin)", "jnp.sin"), "jax", TARGETS, { onStage: (s) => ran.push(s) });
  assertEquals(ran, ["parse", "jax_frontend", "ivy", "torch", "tensorflow", "numpy"], "stages run");
  const inPackage: string[] = [];
  const files = new Map([["a.py", "x = 1\n"], ["b.py", "from .a import x\n"]]);
  runPackage(files, "jax", [...TARGETS] as StageName[], { root: "p", onStage: (s) => inPackage.push(s) });
  assertEquals(inPackage.filter((s) => s === "ivy").length, 2, "ivy runs once per module");
  assertEquals(inPackage.filter((s) => s === "parse").length, 2, "each module is parsed once");
});

Deno.test("a subclass of another module's Module class inherits its Variables and calls its forward", () => {
  const files = {
    "base.py": `import jax.numpy as jnp
from flax import nnx


class Count(nnx.Variable):
    pass


class Base(nnx.Module):
    def __init__(self, n: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(n, n, rngs=rngs)
        self.count = Count(jnp.array(0))
        self.bias = nnx.Param(jnp.zeros((n,)))

    def __call__(self, x):
        return self.fc(x)
`,
    "sub.py": `from .base import Base


class Sub(Base):
    def __call__(self, x):
        self.count.value += 1
        return super().__call__(x) + self.bias.value
`,
  };
  const expected: Record<string, string> = {
    torch:
      "    def forward(self, x):\n        self.count = self.count + 1\n        return super().forward(x) + self.bias\n",
    tensorflow:
      "    def call(self, x):\n        self.count.assign_add(1)\n        return super().call(x) + self.bias.value\n",
  };
  for (const [target, method] of Object.entries(expected)) {
    const sub = transpilePackage(files, { source: "jax", target: target as StageName, root: "p" }).get("sub.py")!;
    assertEquals(sub.diagnostics, [], `${target} diagnostics`);
    assert(sub.code.endsWith(`class Sub(Base):\n${method}`), `${target}:\n${sub.code}`);
  }
});

Deno.test("a config dataclass of another module has its fields' kinds where it is imported", () => {
  const config = "import dataclasses\n\n\n@dataclasses.dataclass(frozen=True)\nclass Config:\n" +
    "    features: int = 4\n    hidden: int = 8\n\n    @property\n    def out(self) -> int:\n" +
    "        return self.hidden // 2\n\n    @classmethod\n    def tiny(cls) -> 'Config':\n        return cls(2, 4)\n";
  const model = "import jax.numpy as jnp\nfrom flax import nnx\n\nfrom pkg.config import Config\n\n\n" +
    "class Net(nnx.Module):\n    def __init__(self, cfg: Config, *, rngs: nnx.Rngs):\n        self.cfg = cfg\n" +
    "        self.fc = nnx.Linear(cfg.features, cfg.out, rngs=rngs)\n\n    def __call__(self, x):\n" +
    "        return self.fc(x) * self.cfg.hidden + Config.tiny().features\n";
  assertEquals(packageProblems({ "config.py": config, "model.py": model }), [], "diagnostics");
});
