import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { parse } from "../parse.ts";
import { importBindings, qualifiedName } from "./imports.ts";
import { parseTemplate } from "../template.ts";

const bindings = importBindings(
  parse(
    "import jax\nimport jax.numpy as jnp\nfrom jax import lax, random as jr\nfrom flax import nnx\n" +
      "from jax.numpy import sum as total\nimport flax.nnx as fnnx\n",
  ).ir.body,
);

Deno.test("qualifiedName: every import style resolves to the canonical name", () => {
  const resolve = (text: string) => qualifiedName(parseTemplate(text), bindings, () => false);
  assertEquals(resolve("jnp.sum"), "jax.numpy.sum");
  assertEquals(resolve("jax.numpy.sum"), "jax.numpy.sum");
  assertEquals(resolve("total"), "jax.numpy.sum");
  assertEquals(resolve("lax.rsqrt"), "jax.lax.rsqrt");
  assertEquals(resolve("jr.normal"), "jax.random.normal");
  assertEquals(resolve("nnx.Linear"), "flax.nnx.Linear");
  assertEquals(resolve("fnnx.Linear"), "flax.nnx.Linear");
});

Deno.test("qualifiedName: a local that shadows an import is not resolved", () => {
  assertEquals(qualifiedName(parseTemplate("jnp.sum"), bindings, (n) => n === "jnp"), undefined);
});
