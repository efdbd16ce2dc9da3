/**
 * Deep and long inputs: long lists, 200-deep brackets, calls, `if`s and
 * functions transpile to every target without a stack overflow (and, where
 * ruff's layout is reachable, print as `ruff format` does); operator chains
 * of any length transpile and run (the stages walk them with loops); nesting
 * too deep for the stages' recursion is a diagnostic at its statement.
 *
 * @module
 */
import { deepStrictEqual as assertEquals, match as assertMatch } from "node:assert/strict";
import { join } from "node:path";
import { TARGETS, transpile } from "../mod.ts";
import { ROOT } from "./fixtures.ts";

const HEADER = "import jax.numpy as jnp\n\n\n";
const indent = (depth: number) => "    ".repeat(depth);

/** Each deep shape, and whether ruff's layout of its output is checked. */
const SHAPES: Record<string, { source: string; ruff: boolean }> = {
  "a 5,000-element list": {
    source: `${HEADER}def f(x):\n    return jnp.asarray([${
      Array.from({ length: 5000 }, (_, i) => `${i}.0`).join(", ")
    }]) + x\n`,
    ruff: true,
  },
  "200-deep brackets": {
    source: `${HEADER}def f(x):\n    return jnp.asarray(${"[".repeat(200)}1.0${"]".repeat(200)}) + x\n`,
    ruff: true,
  },
  "200-deep parentheses": { source: `def f(x):\n    return ${"(".repeat(200)}x + 1${")".repeat(200)}\n`, ruff: true },
  "200-deep calls": {
    source: `${HEADER}def f(x):\n    return ${"jnp.tanh(".repeat(200)}x${")".repeat(200)}\n`,
    ruff: false,
  },
  "200-deep ifs": {
    source: "def f(x, n: int):\n" +
      Array.from({ length: 200 }, (_, d) => `${indent(d + 1)}if n > ${d}:\n${indent(d + 2)}x = x + 1\n`).join("") +
      "    return x\n",
    ruff: false,
  },
  "200-deep functions": {
    source: HEADER + Array.from({ length: 200 }, (_, d) => `${indent(d)}def f${d}(x):\n`).join("") +
      `${indent(200)}return jnp.tanh(x)\n` +
      Array.from({ length: 199 }, (_, i) => `${indent(199 - i)}return f${199 - i}(x)\n`).join(""),
    ruff: false,
  },
};

async function ruffFormatCheck(code: string): Promise<string> {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "deep.py");
  await Deno.writeTextFile(path, code);
  const run = await new Deno.Command(join(ROOT, ".venv/bin/ruff"), { args: ["format", "--check", "--diff", path] })
    .output();
  await Deno.remove(dir, { recursive: true });
  return run.success ? "" : new TextDecoder().decode(run.stdout).slice(0, 2000);
}

for (const [shape, { source, ruff }] of Object.entries(SHAPES)) {
  for (const target of TARGETS) {
    Deno.test(`${shape} transpiles to ${target}`, async () => {
      const { code, diagnostics } = transpile(source, { source: "jax", target });
      assertEquals(diagnostics.map((d) => d.message), []);
      if (ruff) assertEquals(await ruffFormatCheck(code), "");
    });
  }
}

/** `def f(a, b): return a + b + a + ...` with `terms` terms, and what it returns for `a = 1`, `b = 2`. */
function sum(terms: number): { source: string; value: number } {
  const operands = Array.from({ length: terms }, (_, i) => (i % 2 ? "b" : "a"));
  return { source: `def f(a, b):\n    return ${operands.join(" + ")}\n`, value: terms + Math.floor(terms / 2) };
}

/** Each target's array constructor, for the Python that runs the output. */
const ARRAY: Record<(typeof TARGETS)[number], string> = {
  torch: "import torch; arr = lambda v: torch.tensor([v], dtype=torch.float32)",
  tensorflow: "import tensorflow as tf; arr = lambda v: tf.constant([v], dtype=tf.float32)",
  numpy: "import numpy as np; arr = lambda v: np.asarray([v], dtype=np.float32)",
};

// CPython's compiler needs a raised recursion limit for chains this long, as it does for the JAX input itself
const RUN = `
import sys
sys.setrecursionlimit(100_000)
exec(sys.argv[1])
for path, value in zip(sys.argv[2::2], sys.argv[3::2]):
    scope = {}
    exec(compile(open(path).read(), path, "exec"), scope)
    got = float(scope["f"](arr(1.0), arr(2.0))[0])
    assert got == float(value), (path, got, value)
print("ok")
`;

Deno.test("5,000- and 20,000-term sums transpile to every target, and the output runs", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const target of TARGETS) {
      const args = [];
      for (const terms of [5_000, 20_000]) {
        const { source, value } = sum(terms);
        const { code, diagnostics } = transpile(source, { source: "jax", target });
        assertEquals(diagnostics.map((d) => d.message), []);
        const path = join(dir, `${target}_${terms}.py`);
        await Deno.writeTextFile(path, code);
        args.push(path, String(value));
      }
      const run = await new Deno.Command(join(ROOT, ".venv/bin/python"), { args: ["-c", RUN, ARRAY[target], ...args] })
        .output();
      const stdout = new TextDecoder().decode(run.stdout).trim();
      assertEquals(run.success ? stdout : new TextDecoder().decode(run.stderr).slice(-2000), "ok");
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("nesting beyond what the stages' recursion holds is a diagnostic at its statement, not a stack overflow", () => {
  const source = `x = 1\n\n\ndef f(a):\n    y = ${"jnp.tanh(".repeat(5000)}a${")".repeat(5000)}\n    return y\n`;
  for (const target of TARGETS) {
    const { code, diagnostics } = transpile(HEADER + source, { source: "jax", target });
    assertEquals(code, "");
    assertEquals(diagnostics.map((d) => [d.loc.line, d.loc.col]), [[8, 5]]);
    assertMatch(diagnostics[0].message, /^expression nested too deeply to transpile: \d+ levels/);
  }
});
