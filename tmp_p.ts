import { parse } from "./stages/parse.ts";
import { printModule } from "./stages/print.ts";
for (const f of Deno.args) {
  const src = await Deno.readTextFile(f);
  await Deno.writeTextFile(f + ".out.py", printModule(parse(src).ir));
}
