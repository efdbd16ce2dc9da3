/**
 * Deep and long inputs: long lists, 200-deep brackets, calls, `if`s and
 * functions transpile to every target without a stack overflow (and, where
 * ruff's layout is reachable, print as `ruff format` does); a chain too
 * long for the stages' recursion is a diagnostic at its statement.
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

Deno.test("a 2,000-term sum transpiles to every target", () => {
  const source = `def f(a, b):\n    return ${
    Array.from({ length: 2000 }, (_, i) => (i % 2 ? "a" : "b")).join(" + ")
  }\n`;
  for (const target of TARGETS) assertEquals(transpile(source, { source: "jax", target }).diagnostics, []);
});

Deno.test("a 5,000-term sum is a diagnostic at its statement, not a stack overflow", () => {
  const source = `x = 1\n\n\ndef f(a):\n    y = ${Array.from({ length: 5000 }, () => "a").join(" + ")}\n    return y\n`;
  for (const target of TARGETS) {
    const { code, diagnostics } = transpile(source, { source: "jax", target });
    assertEquals(code, "");
    assertEquals(diagnostics.map((d) => [d.loc.line, d.loc.col]), [[5, 5]]);
    assertMatch(diagnostics[0].message, /^expression nested too deeply to transpile: 500\d levels/);
  }
});
