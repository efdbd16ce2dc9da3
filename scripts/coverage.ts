/**
 * Generates `docs/coverage.md` from the mapping tables: every JAX/Flax API
 * the transpiler knows, the core ops its lowering uses, whether each target
 * can emit them, and how many numerical checks the row carries.
 * `deno run -A scripts/coverage.ts` rewrites the page; a test fails when it
 * drifts.
 *
 * @module
 */
import * as A from "../stages/ast.ts";
import { NAMESPACES } from "../stages/jax_frontend/registry.ts";
import { type ApiRow, isAlias } from "../stages/jax_frontend/api.ts";
import { parseTemplate } from "../stages/template.ts";
import { isCoreOp } from "../stages/ivy/ops.ts";
import { isLayerOp } from "../stages/ivy/layers.ts";
import { isUnsupported, type Target } from "../stages/targets/emitter.ts";
import { torchTarget } from "../stages/targets/torch/target.ts";
import { tensorflowTarget } from "../stages/targets/tensorflow/target.ts";
import { numpyTarget } from "../stages/targets/numpy/target.ts";
import { mapExpr } from "../stages/walk.ts";
import JNP_FUNCTIONS from "./jnp_functions.txt" with { type: "text" };

const TARGETS: Target[] = [torchTarget, tensorflowTarget, numpyTarget];

function publicName(ns: string, name: string): string {
  if (ns === "nnx" || ns === "linen" || /^(nnx|linen)\./.test(ns)) return `flax.${ns}.${name}`;
  if (ns === "optax" || ns.startsWith("optax.")) return `${ns}.${name}`;
  if (ns === "Array") return `jax.Array.${name}`;
  return ns ? `jax.${ns}.${name}` : `jax.${name}`;
}

/** The core ops a row's lowering calls (for a function lowering, with every argument left at its default). */
function coreOpsOf(row: ApiRow): string[] {
  let text: string;
  try {
    text = typeof row.ivy === "string" ? row.ivy : row.ivy(new Map());
  } catch {
    return [];
  }
  if (text.startsWith("error:")) return [];
  const ops = new Set<string>();
  mapExpr(parseTemplate(text), (n) => {
    const path = n.kind === "Attribute" ? A.dottedPath(n) : undefined;
    const name = path?.startsWith("ivy.") ? path.slice(4) : "";
    if (isCoreOp(name) || isLayerOp(name)) ops.add(name);
    return n;
  });
  return [...ops].sort();
}

/** Whether each target can emit every core op of the row. */
function targetCells(row: ApiRow): boolean[] {
  const ops = coreOpsOf(row);
  return TARGETS.map((t) => ops.every((op) => isLayerOp(op) || !isUnsupported(t.ops[op as keyof typeof t.ops])));
}

/**
 * The `jax.numpy` section: of the public `jax.numpy` functions NumPy also has (listed from the installed packages in
 * `scripts/jnp_functions.txt`), how many have a checked row on every target, on some, and which have none.
 */
function jnpCoverage(): string[] {
  const names = JNP_FUNCTIONS.split("\n").filter((l) => l && !l.startsWith("#"));
  const version = JNP_FUNCTIONS.split("\n")[0].replace(/^# /, "");
  const table = NAMESPACES["numpy"];
  const rowOf = (name: string): ApiRow | undefined => {
    let row = Object.hasOwn(table, name) ? table[name] : undefined;
    while (row && isAlias(row)) {
      const target = row.alias.replace(/^jax\.numpy\./, "");
      row = Object.hasOwn(table, target) ? table[target] : undefined;
    }
    return row;
  };
  const everywhere: string[] = [];
  const some: string[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const row = rowOf(name);
    const cells = row && (row.checks?.length ?? 0) > 0 ? targetCells(row) : [];
    if (cells.length && cells.every(Boolean)) everywhere.push(name);
    else if (cells.some(Boolean)) {
      some.push(`\`${name}\` (${TARGETS.filter((_, k) => !cells[k]).map((t) => `not ${t.name}`).join(", ")})`);
    } else missing.push(`\`${name}\``);
  }
  const percent = (n: number) => `${(100 * n / names.length).toFixed(1)}%`;
  return [
    "## `jax.numpy` functions that NumPy also has",
    "",
    `The denominator: the ${names.length} public functions of \`jax.numpy\` whose name NumPy also defines (${version};`,
    "`.venv/bin/python scripts/jnp_functions.py > scripts/jnp_functions.txt` lists them again). A function counts as",
    "mapped when it has a row with numerical checks; an alias counts as its target.",
    "",
    `- mapped on every target: ${everywhere.length} (${percent(everywhere.length)})`,
    `- mapped on some targets only: ${some.length}; with them, ${everywhere.length + some.length} (${
      percent(everywhere.length + some.length)
    })`,
    `- not mapped: ${missing.length}`,
    "",
    `Some targets only: ${some.join(", ") || "none"}.`,
    "",
    `Not mapped: ${missing.join(", ") || "none"}.`,
    "",
  ];
}

/** The coverage page, as Markdown. */
export function coverageMarkdown(): string {
  const lines = [
    "# API coverage",
    "",
    "Generated from the mapping tables by `deno run -A scripts/coverage.ts`; `deno test` fails when it drifts.",
    "A target column says `yes` when every core op of the lowering has an emitter row there (layer ops have a row",
    "in every target by type). `checks` counts the expressions the API numerics test runs under JAX and each",
    "target; Flax layers are checked through the module fixtures (`tests/python/test_models.py`).",
    "",
    "| API | core ops | torch | tensorflow | numpy | checks |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  let apis = 0;
  for (const [ns, table] of Object.entries(NAMESPACES)) {
    for (const [name, row] of Object.entries(table).sort(([a], [b]) => a.localeCompare(b))) {
      const api = publicName(ns, name);
      if (isAlias(row)) {
        lines.push(`| \`${api}\` | alias of \`${row.alias}\` | | | | |`);
        continue;
      }
      apis++;
      const ops = coreOpsOf(row);
      const cells = targetCells(row).map((yes) => (yes ? "yes" : "no"));
      lines.push(
        `| \`${api}\` | ${ops.map((o) => `\`${o}\``).join(" ") || "-"} | ${cells.join(" | ")} | ${
          row.checks?.length ?? 0
        } |`,
      );
    }
  }
  lines.push("", `${apis} APIs (aliases not counted).`, "", ...jnpCoverage());
  return lines.join("\n");
}

if (import.meta.main) {
  await Deno.writeTextFile(new URL("../docs/coverage.md", import.meta.url), coverageMarkdown());
}
