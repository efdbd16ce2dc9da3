/**
 * The command line, run as a subprocess: outputs, folder layout, exit codes,
 * and the diagnostics for each kind of bad input.
 *
 * @module
 */
import { join } from "node:path";
import { ROOT } from "./fixtures.ts";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(...args: string[]): Promise<Run> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", join(ROOT, "cli.ts"), ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}

/** A temporary folder holding `files` (relative path -> text). */
async function folder(files: Record<string, string>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "jaxlate_cli_" });
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(join(dir, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(dir, path), text);
  }
  return dir;
}

function listFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string, prefix: string): void => {
    for (const entry of Deno.readDirSync(at)) {
      if (entry.isDirectory) walk(join(at, entry.name), `${prefix}${entry.name}/`);
      else found.push(`${prefix}${entry.name}`);
    }
  };
  try {
    walk(dir, "");
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return found.sort();
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function assertEquals<T>(actual: T, expected: T, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  assert(a === e, `${what}: expected ${e}, got ${a}`);
}

function assertIncludes(text: string, part: string, what = "output"): void {
  assert(text.includes(part), `${what} should include:\n${part}\n--- but was:\n${text}`);
}

const GOOD = `import jax.numpy as jnp


def scale(x):
    return jnp.sum(x * 2.0, axis=0)
`;

Deno.test("one file without --out goes to stdout", async () => {
  const dir = await folder({ "good.py": GOOD });
  const run = await cli(join(dir, "good.py"), "--target", "torch");
  assertEquals(run.code, 0, "exit code");
  assertIncludes(run.stdout, "import torch\n");
  assertIncludes(run.stdout, "return torch.sum(x * 2.0, dim=0)");
  assertEquals(run.stderr, "", "stderr");
});

Deno.test("--target ivy and jax_frontend print that IR", async () => {
  const dir = await folder({ "good.py": GOOD });
  const ivy = await cli(join(dir, "good.py"), "--target", "ivy");
  assertEquals(ivy.code, 0, "exit code");
  assertIncludes(ivy.stdout, "import ivy\n");
  assertIncludes(ivy.stdout, "ivy.sum(x * 2.0, axis=0");
  const frontend = await cli(join(dir, "good.py"), "--source", "jax", "--target", "jax_frontend");
  assertEquals(frontend.code, 0, "exit code");
  assertIncludes(frontend.stdout, "jax_frontend.numpy.sum(x * 2.0, axis=0)");
});

Deno.test("an IR file is accepted as --source", async () => {
  const dir = await folder({ "good.py": GOOD });
  const ivy = await cli(join(dir, "good.py"), "--target", "ivy");
  await Deno.writeTextFile(join(dir, "good_ivy.py"), ivy.stdout);
  const numpy = await cli(join(dir, "good_ivy.py"), "--source", "ivy", "--target", "numpy");
  assertEquals(numpy.code, 0, `exit code (${numpy.stderr})`);
  assertIncludes(numpy.stdout, "np.sum(x * 2.0, axis=0)");
});

Deno.test("a folder is walked recursively, relative paths kept", async () => {
  const dir = await folder({ "a.py": GOOD, "pkg/b.py": GOOD, "pkg/deep/c.py": GOOD, "notes.txt": "not python" });
  const out = join(dir, "..", `${dir.split("/").pop()}_out`);
  const run = await cli(dir, "--target", "numpy", "--out", out);
  assertEquals(run.code, 0, `exit code (${run.stderr})`);
  assertEquals(listFiles(out), ["a.py", "pkg/b.py", "pkg/deep/c.py"], "written files");
  assertIncludes(await Deno.readTextFile(join(out, "pkg/deep/c.py")), "import numpy as np");
});

Deno.test("--target all writes OUT/<target>/<relative path>", async () => {
  const dir = await folder({ "src/a.py": GOOD, "src/pkg/b.py": GOOD });
  const run = await cli(join(dir, "src"), "--target", "all", "--out", join(dir, "out"));
  assertEquals(run.code, 0, `exit code (${run.stderr})`);
  const expected = ["numpy", "tensorflow", "torch"].flatMap((t) => [`${t}/a.py`, `${t}/pkg/b.py`]);
  assertEquals(listFiles(join(dir, "out")), expected, "written files");
  assertIncludes(await Deno.readTextFile(join(dir, "out/tensorflow/pkg/b.py")), "tf.reduce_sum(x * 2.0, axis=0)");
});

Deno.test("a syntax error points at the unclosed bracket", async () => {
  const source = "import jax.numpy as jnp\n\n\ndef f(x):\n    return jnp.sum(x\n\n\ndef g(x):\n    return x\n";
  const dir = await folder({ "broken.py": source });
  const file = join(dir, "broken.py");
  const run = await cli(file, "--target", "torch");
  assertEquals(run.code, 1, "exit code");
  assertIncludes(
    run.stderr,
    `${file}:5:19: error: syntax error: \`(\` was never closed\n        return jnp.sum(x\n                      ^\n`,
    "stderr",
  );
  assertEquals(run.stdout, "", "stdout");
});

Deno.test("an unknown JAX API is reported at the call", async () => {
  const dir = await folder({ "unknown.py": "import jax.numpy as jnp\n\n\ndef f(x):\n    return jnp.frobnicate(x)\n" });
  const file = join(dir, "unknown.py");
  const run = await cli(file, "--target", "torch");
  assertEquals(run.code, 1, "exit code");
  assertIncludes(
    run.stderr,
    `${file}:5:12: error: unknown or unsupported JAX API \`jax.numpy.frobnicate\`\n        return jnp.frobnicate(x)\n               ^`,
  );
});

Deno.test("an unsupported construct (async def) is reported", async () => {
  const dir = await folder({ "coroutine.py": "import jax.numpy as jnp\n\n\nasync def f(x):\n    return jnp.sum(x)\n" });
  const file = join(dir, "coroutine.py");
  const run = await cli(file, "--target", "numpy");
  assertEquals(run.code, 1, "exit code");
  assertIncludes(run.stderr, `${file}:4:1: error: unsupported Python construct: async def\n    async def f(x):\n    ^`);
});

Deno.test("a dynamic API lookup (getattr on jnp) is reported", async () => {
  const source = "import jax.numpy as jnp\n\n\ndef f(x, name: str):\n    return getattr(jnp, name)(x)\n";
  const dir = await folder({ "dynamic.py": source });
  const file = join(dir, "dynamic.py");
  const run = await cli(file, "--target", "tensorflow");
  assertEquals(run.code, 1, "exit code");
  assertIncludes(run.stderr, `${file}:5:20: error: \`jax.numpy\` is a namespace, not a value: call one of its APIs`);
});

Deno.test("a method on a value of unknown kind is reported", async () => {
  const source = "import numpy as np\n\n\ndef f(x):\n    y = np.ones(3)\n    return y.mean()\n";
  const dir = await folder({ "unknown_kind.py": source });
  const file = join(dir, "unknown_kind.py");
  const run = await cli(file, "--target", "torch");
  assertEquals(run.code, 1, "exit code");
  assertIncludes(run.stderr, `${file}:6:12: error: cannot tell whether \`y\` is an array`);
});

Deno.test("every problem of every file is reported together, and nothing is written", async () => {
  const many = `import jax.numpy as jnp


def f(x):
    y = jnp.frobnicate(x)
    return jnp.sum(y, out=y)


async def g(x):
    return x


def h(x):
    return x.frobnicate()
`;
  const dir = await folder({ "src/good.py": GOOD, "src/many.py": many, "src/z/broken.py": "x = (1,\n" });
  const out = join(dir, "out");
  const run = await cli(join(dir, "src"), "--target", "all", "--out", out);
  assertEquals(run.code, 1, "exit code");
  const heads = run.stderr.split("\n").filter((l) => l.includes(": error: ")).map((l) => l.slice(dir.length + 1));
  assertEquals(heads, [
    "src/many.py:5:9: error: unknown or unsupported JAX API `jax.numpy.frobnicate`",
    "src/many.py:6:12: error: jax.numpy.sum: argument `out` is not supported (only its default None)",
    "src/many.py:9:1: error: unsupported Python construct: async def",
    "src/many.py:14:12: error: unsupported array method or property `.frobnicate`",
    "src/z/broken.py:1:5: error: syntax error: `(` was never closed",
  ], "diagnostics");
  assertIncludes(run.stderr, "nothing written");
  assertEquals(listFiles(out), [], "files in --out");
});

Deno.test("an existing --out folder is left untouched when an input fails", async () => {
  const dir = await folder({
    "good.py": GOOD,
    "bad.py": "import jax.numpy as jnp\njnp.nope(1)\n",
    "out/keep.txt": "old",
  });
  const run = await cli(join(dir, "good.py"), join(dir, "bad.py"), "--target", "torch", "--out", join(dir, "out"));
  assertEquals(run.code, 1, "exit code");
  assertEquals(listFiles(join(dir, "out")), ["keep.txt"], "files in --out");
});

Deno.test("usage errors exit with 2", async () => {
  const dir = await folder({ "a.py": GOOD, "b.py": GOOD });
  const cases: [string[], string][] = [
    [[join(dir, "a.py")], "--target is required"],
    [[join(dir, "a.py"), "--target", "jaxx"], "unknown --target `jaxx`"],
    [[join(dir, "a.py"), "--target", "torch", "--source", "numpy"], "cannot go from --source numpy to --target torch"],
    [["--target", "torch"], "no input files"],
    [[join(dir, "missing.py"), "--target", "torch"], "no such file or folder"],
    [[join(dir, "a.py"), join(dir, "b.py"), "--target", "torch"], "2 input modules need --out"],
    [[join(dir, "a.py"), "--target", "all"], "--target all needs --out"],
    [[join(dir, "a.py"), "--target", "torch", "--bogus"], "Unknown option '--bogus'"],
  ];
  for (const [args, message] of cases) {
    const run = await cli(...args);
    assertEquals(run.code, 2, `exit code of ${args.join(" ")}`);
    assertIncludes(run.stderr, message, `stderr of ${args.join(" ")}`);
    assertEquals(run.stdout, "", "stdout");
  }
});

Deno.test("--help prints the usage", async () => {
  const run = await cli("--help");
  assertEquals(run.code, 0, "exit code");
  assertIncludes(run.stdout, "Usage: deno run -A cli.ts FILE_OR_DIR...");
});

Deno.test("an unwritable --out is a one-line error, not a stack trace", async () => {
  const dir = await folder({ "good.py": GOOD, "blocker": "a file, not a folder" });
  const run = await cli(join(dir, "good.py"), "--target", "torch", "--out", join(dir, "blocker", "out"));
  assertEquals(run.code, 1, "exit code");
  assert(run.stderr.startsWith("jaxlate: error: "), `stderr: ${run.stderr}`);
  assert(!run.stderr.includes("    at "), `stack trace in stderr: ${run.stderr}`);
});

const PACKAGE = {
  "tiny/__init__.py": '"""A tiny package."""\n\nfrom .model import Net\n\n__all__ = ["Net"]\n',
  "tiny/layers.py": `from flax import nnx

WIDTH = 8


class Block(nnx.Module):
    def __init__(self, n: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(n, WIDTH, rngs=rngs)

    def __call__(self, x):
        return self.fc(x)
`,
  "tiny/model.py": `import jax.numpy as jnp
from flax import nnx

from tiny.layers import WIDTH

from .layers import Block


class Net(nnx.Module):
    def __init__(self, n: int, *, rngs: nnx.Rngs):
        self.block = Block(n, rngs=rngs)

    def __call__(self, x):
        return self.block(x).reshape(-1, WIDTH).sum(axis=0)
`,
};

Deno.test("a package folder: modules see each other, the layout and imports are kept, a summary follows", async () => {
  const dir = await folder(PACKAGE);
  const out = join(dir, "out");
  const run = await cli(join(dir, "tiny"), "--target", "torch", "--out", out);
  assertEquals(run.code, 0, `exit code (${run.stderr})`);
  assertEquals(listFiles(out), ["__init__.py", "layers.py", "model.py"], "written files");
  const model = await Deno.readTextFile(join(out, "model.py"));
  assertIncludes(model, "from tiny.layers import WIDTH\n\nfrom .layers import Block\n");
  assertIncludes(model, "torch.sum(torch.reshape(self.block(x), (-1, WIDTH)), dim=0)");
  assertIncludes(model, "def load_flax_state(model, src):");
  assert(/^jaxlate: 3 files, 4 definitions to torch in \d+\.\ds\n$/.test(run.stderr), `stderr: ${run.stderr}`);
});

Deno.test("--target all on a package writes each target's package", async () => {
  const dir = await folder(PACKAGE);
  const run = await cli(join(dir, "tiny"), "--target", "all", "--out", join(dir, "out"));
  assertEquals(run.code, 0, `exit code (${run.stderr})`);
  const expected = ["numpy", "tensorflow", "torch"].flatMap((
    t,
  ) => [`${t}/__init__.py`, `${t}/layers.py`, `${t}/model.py`]);
  assertEquals(listFiles(join(dir, "out")), expected, "written files");
  assertIncludes(run.stderr, "3 files, 4 definitions to torch, tensorflow, numpy in ");
});

Deno.test("progress goes to stderr when it is a terminal, and only then", async () => {
  const { main } = await import("../cli.ts");
  const dir = await folder(PACKAGE);
  for (const terminal of [true, false]) {
    let stderr = "";
    const io = { stdout: () => {}, stderr: (t: string) => void (stderr += t), stderrIsTerminal: terminal };
    const code = await main([join(dir, "tiny"), "--target", "numpy", "--out", join(dir, `out_${terminal}`)], io);
    assertEquals(code, 0, `exit code (${stderr})`);
    const lines = stderr.split("\n").filter((l) => l.startsWith("["));
    const expected = terminal
      ? ["__init__.py", "layers.py", "model.py"].map((f, i) => `[${i + 1}/3] ${join(dir, "tiny", f)}`)
      : [];
    assertEquals(lines, expected, `progress lines (terminal: ${terminal})`);
  }
});

Deno.test("an import of an unknown library is reported by name", async () => {
  const dir = await folder({ "m.py": "import einops\n\n\ndef f(x):\n    return einops.rearrange(x, 'a b -> b a')\n" });
  const run = await cli(join(dir, "m.py"), "--target", "torch");
  assertEquals(run.code, 1, "exit code");
  assertIncludes(run.stderr, "m.py:1:1: error: import of `einops`: it is neither in the input, JAX/Flax");
});

Deno.test("--partial writes stubs for what fails, still reports it, exits 1 and counts the definitions", async () => {
  const source = `import jax
import jax.numpy as jnp


def good(x):
    return jnp.sum(x)


def bad(x):
    return jax.jacfwd(jnp.sin)(x)
`;
  const dir = await folder({ "src/m.py": source });
  const out = join(dir, "out");
  const run = await cli(join(dir, "src"), "--target", "torch", "--out", out, "--partial");
  assertEquals(run.code, 1, "exit code");
  assertIncludes(run.stderr, "m.py:10:12: error: unknown or unsupported JAX API `jax.jacfwd`");
  assertIncludes(run.stderr, "jaxlate: ported 1 of 2 definitions; 1 stub\n");
  const written = await Deno.readTextFile(join(out, "m.py"));
  assertIncludes(written, "def good(x):\n    return torch.sum(x)\n");
  assertIncludes(
    written,
    "# def bad(x):\n#     return jax.jacfwd(jnp.sin)(x)\ndef bad(x):\n    raise NotImplementedError(",
  );
  const without = await cli(join(dir, "src"), "--target", "torch", "--out", join(dir, "out2"));
  assertEquals([without.code, listFiles(join(dir, "out2"))], [1, []], "without --partial nothing is written");
});
