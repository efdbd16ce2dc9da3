/**
 * The property tests' cases, derived from the API tables: every elementwise
 * and reduction row of `jax.numpy`, `jax.lax`, `jax.nn` and
 * `jax.scipy.special` becomes a few JAX functions (the argument's dtype
 * unknown to the transpiler, or made known by an `astype`; binary ones also
 * with each pair of dtypes and with a Python scalar), written as one JAX
 * module and transpiled to each target once.
 * `tests/python/test_properties.py` draws inputs (NaN, ±inf, -0.0, huge and
 * tiny values, negative ints, bools, empty arrays) and compares JAX with
 * every target on them.
 *
 * A row is elementwise when its lowering is one core op of the argument(s)
 * alone (`ivy.exp(x)`, `ivy.add(x, y)`) whose JAX result dtype is the
 * argument's, its float, a bool or the promotion of both; a reduction when
 * its signature is `a, axis=None, ...` and its lowering passes `axis`.
 *
 * Written files, in the output folder: `jax_props.py`, `<target>.py` per
 * target, and `manifest.json` (each case and each target's transpile
 * failures by function name).
 *
 * @module
 */
import { isAlias } from "../stages/jax_frontend/api.ts";
import { NAMESPACES } from "../stages/jax_frontend/registry.ts";
import { parseSignature } from "../stages/signature.ts";
import { CORE_OPS, isCoreOp } from "../stages/ivy/ops.ts";
import { CORE_RESULTS } from "../stages/ivy/results.ts";
import { TARGETS } from "../stages/pipeline.ts";
import { type ApiCheck, transpileChecks } from "./api_checks.ts";

/** The namespaces whose rows are checked, with the Python prefix that calls them. */
const PREFIXES: Readonly<Record<string, string>> = {
  numpy: "jnp",
  lax: "lax",
  nn: "jax.nn",
  "scipy.special": "jax.scipy.special",
};

/** Rows the derivation would pick whose arguments are not arrays of any dtype, and why. */
const NOT_ARRAY_ROWS: Readonly<Record<string, string>> = {
  "lax.integer_pow": "the exponent is a Python int",
};

/** The dtypes inputs are drawn in. */
const DTYPES = ["float32", "int32", "bool"] as const;
/** Python scalars a binary row also meets (weak types). */
const SCALARS = ["2.5", "-3", "-0.0"];

/** How a case's function is called and what its inputs are. */
export type PropertyKind = "unary" | "binary" | "reduction";

/** One property case: a JAX function of `x` (and `y`) the test compares on drawn inputs. */
export interface PropertyCase {
  readonly name: string;
  /** The API, as a frontend path (`numpy.sum`). */
  readonly api: string;
  readonly kind: PropertyKind;
  /** The Python expression (over `x`, `y`). */
  readonly expr: string;
  /** The dtype of each array argument the test draws; `any` draws each dtype (the transpiler does not know it). */
  readonly dtypes: readonly string[];
}

const ELEMENTWISE_UNARY = new Set(["same", "float", "bool"]);
const ELEMENTWISE_BINARY = new Set(["promote", "divide", "bool"]);
const REDUCTION = new Set(["sum", "float", "same", "bool", "int32"]);
const NOT_ELEMENTWISE = new Set(["matmul", "dot", "outer", "dot_general", "clip"]);

/** The core op a lowering template calls on its row's leading parameters only, or undefined. */
function templateOp(template: string, params: readonly string[]): string | undefined {
  const m = /^ivy\.(\w+)\(([^()]*)\)$/.exec(template);
  if (!m || !isCoreOp(m[1])) return undefined;
  const args = m[2].split(",").map((s) => s.trim());
  return args.length === params.length && args.every((a, k) => a === params[k]) ? m[1] : undefined;
}

/** What kind of row this is, if the property test covers it. */
function rowKind(sigText: string, template: string): PropertyKind | undefined {
  const sig = parseSignature(sigText);
  const required = sig.filter((p) => !p.default && !p.variadic && !p.keywordOnly).map((p) => p.name);
  const head = /^ivy\.(\w+)\(/.exec(template)?.[1];
  if (sig[1]?.name === "axis" && /axis=axis/.test(template) && head && isCoreOp(head)) {
    const core = CORE_OPS[head];
    const reduces = /keepdims/.test(core) || head === "cumsum" || head === "cumprod";
    return reduces && REDUCTION.has(CORE_RESULTS[head] ?? "") ? "reduction" : undefined;
  }
  const op = templateOp(template, required);
  if (!op || NOT_ELEMENTWISE.has(op)) return undefined;
  const core = parseSignature(CORE_OPS[op as keyof typeof CORE_OPS]);
  if (core.some((p) => /^(axis|axes|shape)$/.test(p.name))) return undefined;
  const rule = CORE_RESULTS[op as keyof typeof CORE_RESULTS] ?? "";
  if (required.length === 1 && ELEMENTWISE_UNARY.has(rule)) return "unary";
  if (required.length === 2 && core[1]?.name === "y" && ELEMENTWISE_BINARY.has(rule)) return "binary";
  return undefined;
}

const cast = (
  v: string,
  dtype: string,
) => (dtype === "any" ? v : `${v}.astype(jnp.${dtype === "bool" ? "bool_" : dtype})`);

/** The cases of one row. */
function rowCases(api: string, call: string, kind: PropertyKind, sig: string): PropertyCase[] {
  const prefix = `prop_${api.replaceAll(".", "_")}`;
  const cases: PropertyCase[] = [];
  const add = (suffix: string, expr: string, dtypes: string[]) =>
    cases.push({ name: `${prefix}_${suffix}`, api, kind, expr, dtypes });
  const each = ["any", ...DTYPES];
  if (kind === "unary") { for (const d of each) add(d, `${call}(${cast("x", d)})`, [d]); }
  if (kind === "binary") {
    add("any", `${call}(x, y)`, ["any", "any"]);
    for (const a of DTYPES) {
      for (const b of DTYPES) add(`${a}_${b}`, `${call}(${cast("x", a)}, ${cast("y", b)})`, [a, b]);
    }
    SCALARS.forEach((s, k) => {
      for (const d of each) add(`${d}_scalar${k}`, `${call}(${cast("x", d)}, ${s})`, [d]);
      add(`scalar${k}_float32`, `${call}(${s}, ${cast("x", "float32")})`, ["float32"]);
    });
  }
  if (kind === "reduction") {
    const keepdims = parseSignature(sig).some((p) => p.name === "keepdims");
    for (const d of each) {
      add(d, `${call}(${cast("x", d)})`, [d]);
      add(`${d}_axis0`, `${call}(${cast("x", d)}, axis=0)`, [d]);
      if (keepdims) add(`${d}_last_keepdims`, `${call}(${cast("x", d)}, axis=-1, keepdims=True)`, [d]);
    }
  }
  return cases;
}

/** Every property case, in table order. */
export function collectPropertyCases(): PropertyCase[] {
  const cases: PropertyCase[] = [];
  for (const [ns, prefix] of Object.entries(PREFIXES)) {
    for (const [name, row] of Object.entries(NAMESPACES[ns])) {
      if (isAlias(row) || typeof row.ivy !== "string" || row.constant || row.property) continue;
      const api = `${ns}.${name}`;
      if (NOT_ARRAY_ROWS[api]) continue;
      const kind = rowKind(row.sig, row.ivy);
      if (kind) cases.push(...rowCases(api, `${prefix}.${name}`, kind, row.sig));
    }
  }
  return cases;
}

const HEADER =
  `"""Property cases of jaxlate's elementwise and reduction rows (generated by tests/property_checks.ts)."""

import jax
import jax.numpy as jnp
import jax.scipy.special
from jax import lax
`;

/** The JAX module: one function of `x, y` per case. */
export function jaxPropertyModule(cases: readonly PropertyCase[]): string {
  return HEADER + cases.map((c) => `\n\ndef ${c.name}(x, y):\n    return ${c.expr}\n`).join("");
}

/**
 * Writes the JAX module, each target's transpilation and the manifest.
 *
 * @param outDir The output folder (created if missing).
 * @returns The cases and each target's failures by function name.
 */
export function writePropertyCases(outDir: string) {
  const cases = collectPropertyCases();
  Deno.mkdirSync(outDir, { recursive: true });
  Deno.writeTextFileSync(`${outDir}/jax_props.py`, jaxPropertyModule(cases));
  // transpileChecks reads a check's name and expression; the module it writes takes x, y, v, i
  const checks: ApiCheck[] = cases.map((c) => ({ name: c.name, api: c.api, expr: c.expr, rtol: 0 }));
  const failures: Record<string, Record<string, string>> = {};
  for (const target of TARGETS) {
    const out = transpileChecks(checks, target);
    failures[target] = out.failures;
    Deno.writeTextFileSync(`${outDir}/${target}.py`, out.code);
  }
  const manifest = { cases, failures };
  Deno.writeTextFileSync(`${outDir}/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

if (import.meta.main) {
  const outDir = Deno.args[0];
  if (!outDir) {
    console.error("usage: deno run -A tests/property_checks.ts <out-dir>");
    Deno.exit(2);
  }
  const { cases, failures } = writePropertyCases(outDir);
  const failed = Object.values(failures).reduce((n, f) => n + Object.keys(f).length, 0);
  console.error(`${cases.length} property cases, ${failed} transpile failures, written to ${outDir}`);
}
