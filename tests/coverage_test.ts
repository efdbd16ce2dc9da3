import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { coverageMarkdown } from "../scripts/coverage.ts";

Deno.test("docs/coverage.md matches the mapping tables (run scripts/coverage.ts to rewrite it)", async () => {
  const committed = await Deno.readTextFile(new URL("../docs/coverage.md", import.meta.url));
  assertEquals(committed, coverageMarkdown());
});
