import { strictEqual } from "node:assert";
import { parse } from "../stages/parse.ts";
import { STATEFUL_TARGETS } from "./lower.ts";

for (const [target, tables] of Object.entries(STATEFUL_TARGETS)) {
  for (const [name, helper] of Object.entries(tables.helpers)) {
    Deno.test(`${target} helper ${name} parses without loss and defines ${name}`, () => {
      const { ir, diagnostics } = parse(helper.source);
      strictEqual(diagnostics.map((d) => d.message).join("; "), "");
      const defined = ir.body.flatMap((s) => (s.kind === "ClassDef" || s.kind === "FunctionDef" ? [s.name] : []));
      strictEqual(defined.join(","), name);
      for (const dep of helper.needs ?? []) strictEqual(dep in tables.helpers, true, `${name} needs ${dep}`);
    });
  }
  Deno.test(`${target} rows name only known helpers`, () => {
    for (const row of Object.values(tables.ops)) {
      const helpers = typeof row.helpers === "function"
        ? [...row.helpers(new Map(), { attends: true }), ...row.helpers(new Map(), { attends: false })]
        : row.helpers ?? [];
      for (const h of helpers) strictEqual(h in tables.helpers, true, h);
    }
  });
}
