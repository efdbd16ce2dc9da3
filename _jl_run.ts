import { transpile } from "./mod.ts";
const code = Deno.readTextFileSync(Deno.args[0]);
for (const target of (Deno.args[1] ?? "jax_frontend,ivy,torch").split(",")) {
  const r = transpile(code, { source: "jax", target: target as any });
  console.log(`==== ${target}`);
  console.log(r.code || JSON.stringify(r.diagnostics, null, 1));
}
