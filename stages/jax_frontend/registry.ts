/**
 * Every JAX/Flax API the transpiler knows, by frontend namespace: the one
 * place that says which names exist and where their rows live.
 *
 * @module
 */
import { type ApiRow, type ApiTable, isAlias } from "./api.ts";
import { numpyTable } from "./tables/numpy.ts";
import { numpyLinalgTable } from "./tables/numpy_linalg.ts";
import { numpyFftTable } from "./tables/numpy_fft.ts";
import { nnTable } from "./tables/nn.ts";
import { laxTable } from "./tables/lax.ts";
import { scipySpecialTable } from "./tables/scipy_special.ts";
import { randomTable } from "./tables/random.ts";
import { jaxTable } from "./tables/jax.ts";
import { arrayTable } from "./tables/array.ts";
import { nnxFunctionalTable, nnxTable } from "./tables/nnx.ts";
import { linenPoolingTable, linenTable } from "./tables/linen.ts";
import { treeTable, treeUtilTable } from "./tables/tree.ts";
import { imageTable, resizeMethodTable } from "./tables/image.ts";
import { precisionTable } from "./tables/precision.ts";
import { shardingTable } from "./tables/sharding.ts";
import { initializersTable, nnxInitializersTable } from "./tables/initializers.ts";
import { nnxMetricsTable, nnxModuleTable } from "./tables/nnx_training.ts";
import { optaxFunctionalTable, optaxLossesTable, optaxSchedulesTable, optaxTable } from "./tables/optax.ts";

/** Frontend namespace (the path after `jax_frontend.`) to its table. */
export const NAMESPACES: Readonly<Record<string, ApiTable>> = {
  "": jaxTable,
  numpy: numpyTable,
  "numpy.linalg": numpyLinalgTable,
  "numpy.fft": numpyFftTable,
  nn: nnTable,
  lax: laxTable,
  "lax.Precision": precisionTable,
  image: imageTable,
  "image.ResizeMethod": resizeMethodTable,
  "scipy.special": scipySpecialTable,
  random: randomTable,
  Array: arrayTable,
  nnx: nnxTable,
  "nnx.Module": nnxModuleTable,
  "nnx.functional": nnxFunctionalTable,
  "nnx.metrics": nnxMetricsTable,
  linen: linenTable,
  "linen.pooling": linenPoolingTable,
  tree_util: treeUtilTable,
  tree: treeTable,
  sharding: shardingTable,
  "nn.initializers": initializersTable,
  "nnx.initializers": nnxInitializersTable,
  optax: optaxTable,
  "optax.functional": optaxFunctionalTable,
  "optax.losses": optaxLossesTable,
  "optax.schedules": optaxSchedulesTable,
};

/** The frontend path of a qualified JAX/Flax/optax name: `jax.numpy.sum` to `numpy.sum` (`optax.adam` stays). */
export function frontendPath(qualified: string): string {
  return qualified.replace(/^jax(\.|$)/, "").replace(/^flax\.(nnx|linen)(\.|$)/, "$1$2");
}

/** Splits a frontend path into its namespace and name. */
function splitPath(path: string): [string, string] {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? ["", path] : [path.slice(0, dot), path.slice(dot + 1)];
}

/** True when the frontend path is a namespace prefix, like `numpy` or `scipy`. */
export function isNamespace(path: string): boolean {
  return Object.keys(NAMESPACES).some((ns) => ns !== "" && (ns === path || ns.startsWith(path + ".")));
}

/**
 * Looks up a frontend path, following aliases.
 *
 * @param path A frontend path such as `numpy.sum` or `nnx.relu`.
 * @returns The canonical path and its row, or undefined for an unknown API.
 * @example Follow an alias
 * ```ts
 * lookupApi("nnx.relu")?.path; // "nn.relu"
 * ```
 */
export function lookupApi(path: string): { path: string; row: ApiRow } | undefined {
  const [ns, name] = splitPath(path);
  const row = NAMESPACES[ns]?.[name];
  if (row === undefined || !Object.hasOwn(NAMESPACES[ns], name)) return undefined;
  if (isAlias(row)) return lookupApi(frontendPath(row.alias));
  return { path, row };
}
