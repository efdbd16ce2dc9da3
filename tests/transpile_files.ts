/**
 * Transpiles one JAX/Flax file to every target, for the Python tests:
 * `deno run -A tests/transpile_files.ts IN.py OUT_DIR` writes
 * `OUT_DIR/torch.py`, `OUT_DIR/tensorflow.py` and `OUT_DIR/numpy.py`, and
 * exits with status 1 and the diagnostics when a target fails.
 *
 * @module
 */
import { formatDiagnostic, TARGETS, transpile } from "../mod.ts";

if (import.meta.main) {
  const [input, outDir] = Deno.args;
  if (!input || !outDir) {
    console.error("usage: transpile_files.ts IN.py OUT_DIR");
    Deno.exit(2);
  }
  const code = Deno.readTextFileSync(input);
  Deno.mkdirSync(outDir, { recursive: true });
  let failed = false;
  for (const target of TARGETS) {
    const result = transpile(code, { source: "jax", target });
    if (result.diagnostics.some((d) => d.severity === "error")) {
      failed = true;
      for (const d of result.diagnostics) console.error(`${target}: ${formatDiagnostic(d, input, code)}`);
      continue;
    }
    Deno.writeTextFileSync(`${outDir}/${target}.py`, result.code);
  }
  if (failed) Deno.exit(1);
}
