/**
 * Makes the Keras layers of a TensorFlow output saveable in a `.keras` file
 * (`model.save(path)`, `keras.saving.load_model(path)`).
 *
 * Keras saves a layer as its registered class name and `get_config()`, and
 * loads it with `from_config(config)`, then restores the weights. Each layer
 * class (a user Module and every helper layer) is registered with
 * `@keras.saving.register_keras_serializable(package=__name__)`, its
 * `__init__` takes Keras' own arguments (`name`, `trainable`, `dtype`) as
 * `**kwargs` for `super().__init__`, and records its constructor arguments in
 * `self.init_arguments`; `get_config` returns them and `from_config` calls
 * the constructor with them deserialized (`from_keras_config`). An `Rngs` is
 * saved as its seeds, a config dataclass by its fields (each is registered
 * too), tuples and nested layers as Keras saves them.
 *
 * @module
 */
import * as A from "../stages/ast.ts";
import { parseConstant } from "../stages/parse.ts";

/** The decorator that registers a class under the module's name. */
const REGISTER = "keras.saving.register_keras_serializable(package=__name__)";

/** The helpers the saveable classes refer to in their class bodies, which must come before them. */
export const SAVING_HELPERS: ReadonlySet<string> = new Set(["from_keras_config", "dataclass_config"]);

/** What the rewrite needs from the target stage. */
export interface SavingContext {
  /** A reference to a target helper (`from_keras_config`), which is added to the output. */
  readonly helperRef: (name: string) => A.Name;
  /** Reports a class that cannot be made saveable, with the reason. */
  readonly warn: (loc: A.Loc, message: string) => void;
}

function statements(source: string): A.Stmt[] {
  return [...parseConstant(source).ir.body];
}

/** The class's decorators, {@linkcode REGISTER} first. */
function registered(c: A.ClassDef): A.Expr[] {
  const decorated = statements(`@${REGISTER}\nclass C:\n    pass\n`)[0] as A.ClassDef;
  return [...decorated.decorators, ...c.decorators];
}

/** `from_config = classmethod(from_keras_config)`, the helper's name marked. */
function fromConfig(ctx: SavingContext): A.Stmt {
  const s = statements("from_config = classmethod(from_keras_config)\n")[0] as A.Assign;
  const call = s.value as A.Call;
  return { ...s, value: { ...call, args: [{ value: ctx.helperRef("from_keras_config") }] } };
}

/** True when a statement is a top-level `super().__init__(...)` call. */
function isSuperInit(s: A.Stmt): s is A.ExprStmt & { value: A.Call } {
  return s.kind === "ExprStmt" && s.value.kind === "Call" && s.value.func.kind === "Attribute" &&
    s.value.func.attr === "__init__" && s.value.func.value.kind === "Call" &&
    A.dottedPath(s.value.func.value.func) === "super";
}

/**
 * A Keras layer class, saveable.
 *
 * @param c The class, already lowered to a `keras.Layer` (or `keras.layers.*`) subclass.
 * @param root Whether its base is Keras' (not another of the module's layer classes, whose
 *   `get_config` and `from_config` it inherits).
 * @param ctx Helper references and warnings.
 * @returns The class, registered, with `get_config` and `from_config` where it is a root.
 */
export function saveableLayer(c: A.ClassDef, root: boolean, ctx: SavingContext): A.ClassDef {
  const index = c.body.findIndex((s) => s.kind === "FunctionDef" && s.name === "__init__");
  const init = c.body[index] as A.FunctionDef | undefined;
  if (init?.params.some((p) => p.star === "**")) {
    ctx.warn(c.loc, `\`${c.name}\` takes \`**\` arguments: Keras cannot save it (no get_config)`);
    return c;
  }
  let body = [...c.body];
  if (init) {
    const named = init.params.slice(1).filter((p) => p.name !== "");
    const entries = named.map((p) => `"${p.star ?? ""}${p.name}": ${p.name}`);
    const record = statements(`self.init_arguments = {${entries.join(", ")}}\n`);
    const at = init.body.findIndex(isSuperInit);
    const initBody = init.body.map((s) =>
      isSuperInit(s)
        ? { ...s, value: { ...s.value, args: [...s.value.args, { star: "**" as const, value: A.name("kwargs") }] } }
        : s
    );
    initBody.splice(at + 1, 0, ...record);
    body[index] = { ...init, params: [...init.params, { name: "kwargs", star: "**" }], body: initBody };
  }
  if (root) {
    const base = c.bases.some((b) => A.dottedPath(b.value) === "keras.Layer")
      ? "super().get_config()"
      : "keras.Layer.get_config(self)";
    const own = init ? `dict(${base}, **self.init_arguments)` : base;
    body = [...body, ...statements(`def get_config(self):\n    return ${own}\n`), fromConfig(ctx)];
  }
  return { ...c, decorators: registered(c), body };
}

/**
 * A config dataclass, saveable as a constructor argument of a layer: registered,
 * `get_config` its init fields, `from_config` the class built from them.
 *
 * @param c A class decorated with `dataclass`.
 * @param ctx Helper references.
 * @returns The class with the two methods.
 */
export function saveableDataclass(c: A.ClassDef, ctx: SavingContext): A.ClassDef {
  const getConfig = statements(`get_config = dataclass_config\n`)[0] as A.Assign;
  return {
    ...c,
    decorators: registered(c),
    body: [
      ...c.body.filter((s) => s.kind !== "Simple" || s.keyword !== "pass"),
      { ...getConfig, value: ctx.helperRef("dataclass_config") },
      fromConfig(ctx),
    ],
  };
}

/** True when a class is decorated with `dataclasses.dataclass` / `dataclass` (called or not). */
export function isDataclass(c: A.ClassDef): boolean {
  return c.decorators.some((d) => {
    const path = A.dottedPath(d.kind === "Call" ? d.func : d);
    return path === "dataclasses.dataclass" || path === "dataclass";
  });
}

/** True when a class extends `keras.Layer` or a Keras layer (`keras.layers.Dense`). */
export function extendsKeras(c: A.ClassDef): boolean {
  return c.bases.some((b) => {
    const path = A.dottedPath(b.value);
    return path === "keras.Layer" || path?.startsWith("keras.layers.") === true;
  });
}
