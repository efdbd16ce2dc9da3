/**
 * `deno bench -A bench/transpile_bench.ts`: transpiling every fixture to
 * every target, and one fixture's stages on their own.
 *
 * @module
 */
import { TARGETS, transpile } from "../mod.ts";
import { fixtureSources } from "./fixture_sources.ts";

const fixtures = fixtureSources();

Deno.bench("all fixtures to torch, tensorflow and numpy", { baseline: true }, () => {
  for (const { text } of fixtures) {
    for (const target of TARGETS) transpile(text, { source: "jax", target });
  }
});

for (const target of TARGETS) {
  Deno.bench(`all fixtures to ${target}`, () => {
    for (const { text } of fixtures) transpile(text, { source: "jax", target });
  });
}

Deno.bench("all fixtures to the ivy IR only", () => {
  for (const { text } of fixtures) transpile(text, { source: "jax", target: "ivy" });
});
