import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { transpile } from "../mod.ts";
import { longModule } from "../bench/long_module.ts";
import { fixtureSources } from "../bench/fixture_sources.ts";
import { trainsOnAutodiffTargetsOnly } from "./fixtures.ts";

Deno.test("bench: the long module of bench/parse_ratio.ts transpiles to every target", () => {
  const training = new Set(fixtureSources().map((f) => f.path).filter(trainsOnAutodiffTargetsOnly));
  const code = longModule(3_000, training);
  for (const target of ["torch", "tensorflow", "numpy"] as const) {
    const errors = transpile(code, { source: "jax", target }).diagnostics.filter((d) => d.severity === "error");
    assertEquals(errors.map((d) => d.message), [], target);
  }
});
