/**
 * The shape of a mapping row: one JAX or Flax API, its signature, its
 * lowering to ivy core ops, and the inputs its numerical check runs on.
 *
 * @module
 */
import type { Expr } from "../ast.ts";

/**
 * What a value is, as far as the static analysis can tell. `instance:C` is an
 * instance of the module's plain Python class `C` (a config dataclass, a
 * `NamedTuple`): its attributes have the kinds of `C`'s fields; `class:C` is
 * the class itself where a `@classmethod` receives it as `cls`. `transform`
 * is an optax optimizer or gradient transformation (`optax.adam(...)`).
 */
export type Kind =
  | "array"
  | "python"
  | "dtype"
  | "module"
  | "modules"
  | "variable"
  | "rngs"
  | "key"
  | "callable"
  | "transform"
  | `instance:${string}`
  | `class:${string}`
  | "unknown";

/**
 * A lowering that depends on the call: it reads the bound arguments (static
 * Python values such as literal dtypes or flags) and returns the template to
 * use, or a diagnostic reason prefixed with `error:`.
 */
export type Lowering = (args: ReadonlyMap<string, Expr>) => string;

/** One JAX/Flax API. */
export interface ApiRow {
  /** The API's Python signature, as in its installed source (`*` and `/` allowed). */
  readonly sig: string;
  /**
   * Its lowering: one Python expression over the signature's names, calling
   * ivy core ops (`"ivy.sum(a, axis=axis, keepdims=keepdims)"`). A parameter
   * the template does not name must keep its default at every call site.
   */
  readonly ivy: string | Lowering;
  /** Parameters whose value does not change the result (`precision`, `static_argnums`). */
  readonly ignored?: readonly string[];
  /**
   * A constant read without a call (`jnp.pi`, `jnp.newaxis`): `sig` is empty
   * and `ivy` is its value, any expression over no parameters (`math.pi`, `None`).
   */
  readonly constant?: boolean;
  /**
   * Keyword arguments the signature does not name are metadata (a Variable's `sharding=...`, `shd=...`, kept by
   * Flax on the Variable and meaning nothing to its value): dropped.
   */
  readonly metadata?: boolean;
  /**
   * What the function lowers to when it is passed as a value rather than called, where its lowering needs more
   * than the one argument a value's `lambda x: ...` gives (`jax.nn.initializers.zeros`).
   */
  readonly asValue?: string;
  /** An array property (`x.shape`), read without a call. */
  readonly property?: boolean;
  /** What a call returns; `array` when absent. */
  readonly returns?: Kind;
  /**
   * Numerical checks: Python expressions over the inputs `x`, `y` (float32,
   * shape (3, 4)), `v` (float32, shape (4,)) and `i` (int32, shape (3,)),
   * run with JAX and with each target's output.
   */
  readonly checks?: readonly string[];
  /** Why the numerical check of this row needs a looser tolerance. */
  readonly tolerance?: { readonly rtol: number; readonly why: string };
}

/** A row that is another name for a canonical API, e.g. `flax.nnx.relu`. */
export interface AliasRow {
  readonly alias: string;
  /**
   * Checks of the alias's own spelling, where it binds its arguments differently from the canonical API (an array
   * method `x.repeat(2)` for `jnp.repeat(x, 2)`).
   */
  readonly checks?: readonly string[];
}

/** One namespace's table, keyed by the name inside the namespace. */
export type ApiTable = Readonly<Record<string, ApiRow | AliasRow>>;

/** True for an alias row. */
export function isAlias(row: ApiRow | AliasRow): row is AliasRow {
  return "alias" in row;
}
