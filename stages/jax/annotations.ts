/**
 * What a type annotation says a value is: `int`, `Sequence[int]`, `Literal`
 * and `str | None` are Python values; `jax.Array`, `jnp.ndarray` and
 * jaxtyping's `Float[Array, "b d"]` are arrays; `jnp.dtype` and `DTypeLike`
 * are dtypes; a user class is its instances' kind. Annotations are read, not
 * evaluated; one the analysis does not know says nothing (`undefined`).
 *
 * @module
 */
import type * as A from "../ast.ts";
import type { Kind } from "../jax_frontend/api.ts";

/** Names of plain Python types, builtins or `typing`/`collections.abc` ones. */
const PYTHON_TYPES = new Set([
  "int",
  "float",
  "bool",
  "str",
  "bytes",
  "complex",
  "None",
  "Literal",
  "LiteralString",
  "TypeAlias",
  "Enum",
]);

/** Generic containers: Python values, or pytrees when they hold arrays. */
const CONTAINER_TYPES = new Set([
  "tuple",
  "list",
  "dict",
  "set",
  "frozenset",
  "Sequence",
  "MutableSequence",
  "Tuple",
  "List",
  "Dict",
  "Set",
  "FrozenSet",
  "Mapping",
  "MutableMapping",
  "Iterable",
  "Iterator",
]);

/** Qualified names of array types. */
const ARRAY_TYPES = new Set([
  "jax.Array",
  "jax.numpy.ndarray",
  "jax.typing.ArrayLike",
  "jax._src.typing.Array",
  "jax._src.typing.ArrayLike",
  "numpy.ndarray",
  "jaxtyping.Array",
  "jaxtyping.ArrayLike",
  "flax.typing.Array",
]);

/** Qualified names of dtype types. */
const DTYPE_TYPES = new Set([
  "jax.numpy.dtype",
  "jax.typing.DTypeLike",
  "jax._src.typing.DTypeLike",
  "numpy.dtype",
  "jaxtyping.DTypeLike",
  "flax.typing.Dtype",
]);

/** How an annotation's names resolve: imports, and the module's own classes. */
export interface AnnotationContext {
  /** The qualified name of an imported name or attribute chain (`jnp.ndarray` to `jax.numpy.ndarray`). */
  readonly qualified: (e: A.Expr) => string | undefined;
  /** The kind of an instance of the class `name` (the module's own, or one imported from the package), if known. */
  readonly classKind: (name: string) => Kind | undefined;
}

/**
 * The kind an annotation gives a value, or undefined when it does not say.
 *
 * @param e The annotation expression.
 * @param ctx How names resolve.
 * @returns The kind, if the annotation names one.
 * @example
 * ```ts
 * annotationKind(parseExpr("Sequence[int]"), ctx); // "python"
 * ```
 */
export function annotationKind(e: A.Expr, ctx: AnnotationContext): Kind | undefined {
  switch (e.kind) {
    case "Constant":
      // a forward reference, `"ModelConfig"`
      if (e.isString && /^[A-Za-z_][\w.]*$/.test(e.value as string)) {
        return annotationKind({ kind: "Name", id: e.value as string, loc: e.loc }, ctx);
      }
      return e.value === null ? "python" : undefined;
    case "Name":
    case "Attribute":
      return namedKind(e, ctx);
    case "BinOp": {
      // `X | None`: what X is
      if (e.op !== "|") return undefined;
      const sides = [e.left, e.right].filter((x) => !(x.kind === "Constant" && x.value === null));
      const kinds = sides.map((x) => annotationKind(x, ctx));
      return kinds.every((k) => k === kinds[0]) ? kinds[0] : undefined;
    }
    case "Subscript":
      return genericKind(e, ctx);
    default:
      return undefined;
  }
}

function lastName(e: A.Expr, ctx: AnnotationContext): string | undefined {
  const q = ctx.qualified(e);
  if (q && /^(typing|typing_extensions|collections\.abc|builtins|enum)\./.test(q)) return q.split(".").at(-1);
  return e.kind === "Name" && !q ? e.id : undefined;
}

function namedKind(e: A.Name | A.Attribute, ctx: AnnotationContext): Kind | undefined {
  // a class of this module, or one imported from another module of the package
  const own = e.kind === "Name" ? ctx.classKind(e.id) : undefined;
  if (own) return own;
  const q = ctx.qualified(e);
  if (q) {
    if (ARRAY_TYPES.has(q)) return "array";
    if (DTYPE_TYPES.has(q)) return "dtype";
    if (q === "flax.nnx.Rngs") return "rngs";
    if (q === "flax.nnx.Module") return "module";
    if (q === "flax.nnx.List") return "modules";
    if (/^flax\.nnx\.(Variable|Param|BatchStat|Cache|Intermediate)$/.test(q)) return "variable";
    // sharding specs and meshes mean nothing on one device
    if (/^jax\.(sharding\.|P$)/.test(q)) return "python";
  }
  const name = lastName(e, ctx);
  if (name === undefined) return undefined;
  if (PYTHON_TYPES.has(name) || CONTAINER_TYPES.has(name)) return "python";
  return name === "Callable" ? "callable" : undefined;
}

function genericKind(e: A.Subscript, ctx: AnnotationContext): Kind | undefined {
  const q = ctx.qualified(e.value);
  // jaxtyping: `Float[Array, "b d"]`, `Int[jax.Array, ""]`
  if (q?.startsWith("jaxtyping.")) return "array";
  const name = lastName(e.value, ctx);
  const items = e.index.kind === "Tuple" ? e.index.elts : [e.index];
  if (name === "Optional") return annotationKind(items[0], ctx);
  if (name === "Annotated") return annotationKind(items[0], ctx);
  if (name === "Union") {
    const kinds = items.filter((x) => !(x.kind === "Constant" && x.value === null)).map((x) => annotationKind(x, ctx));
    return kinds.every((k) => k === kinds[0]) ? kinds[0] : undefined;
  }
  if (name === "Literal" || name === "type" || name === "Type") return "python";
  if (name === "Callable") return "callable";
  if (name && CONTAINER_TYPES.has(name)) {
    const inner = items.filter((x) => !(x.kind === "Constant" && x.value === "...")).map((x) => annotationKind(x, ctx));
    if (inner.length && inner.every((k) => k === "module")) return "modules";
    if (inner.includes("array")) return "array";
    return inner.every((k) => k === "python") ? "python" : undefined;
  }
  return undefined;
}
