/**
 * Import bindings: which local name stands for which qualified Python name,
 * so that `jnp.sum`, `jax.numpy.sum` and `from jax.numpy import sum as s`
 * all resolve to `jax.numpy.sum` before any table is consulted.
 *
 * @module
 */
import type * as A from "../ast.ts";

/** Local name to qualified name, e.g. `jnp` to `jax.numpy`. */
export type Bindings = ReadonlyMap<string, string>;

/** True for a module path that belongs to JAX, Flax or optax. */
export function isJaxPath(path: string): boolean {
  return /^(jax|flax|optax)(\.|$)/.test(path);
}

/** True for `jaxtyping`, whose names only annotate arrays: its imports and annotations are dropped. */
export function isAnnotationOnlyPath(path: string): boolean {
  return /^jaxtyping(\.|$)/.test(path);
}

/**
 * The bindings made by the import statements of a block.
 *
 * @param body Statements, of which only imports are read.
 * @returns Local names and what they stand for.
 * @example Resolve an alias
 * ```ts
 * importBindings(parse("import jax.numpy as jnp").ir.body).get("jnp"); // "jax.numpy"
 * ```
 */
export function importBindings(body: readonly A.Stmt[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of body) {
    if (s.kind === "Import") {
      for (const a of s.names) {
        if (a.asname) out.set(a.asname, a.name);
        else out.set(a.name.split(".")[0], a.name.split(".")[0]);
      }
    } else if (s.kind === "ImportFrom") {
      for (const a of s.names) out.set(a.asname ?? a.name, `${s.module}.${a.name}`);
    }
  }
  return out;
}

/** The qualified name of a `Name`/`Attribute` chain whose head is an import, or undefined. */
export function qualifiedName(
  e: A.Expr,
  bindings: Bindings,
  isLocal: (name: string) => boolean,
): string | undefined {
  if (e.kind === "Name") return isLocal(e.id) ? undefined : bindings.get(e.id);
  if (e.kind === "Attribute") {
    const base = qualifiedName(e.value, bindings, isLocal);
    return base === undefined ? undefined : `${base}.${e.attr}`;
  }
  return undefined;
}
