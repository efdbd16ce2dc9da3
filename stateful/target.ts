/**
 * The shape of one target's stateful tables: how the ivy IR's Module and
 * Variable classes, layers, `Rngs` and random draws are written, and the
 * Python helper classes (and `load_flax_state`) the output may need.
 *
 * @module
 */
import type { Expr, Loc, Name } from "../stages/ast.ts";
import type { Diagnostic } from "../stages/diagnostics.ts";
import type { Helper, Target } from "../stages/targets/emitter.ts";
import type { LayerOp } from "../stages/ivy/layers.ts";
import type { VariableKind } from "./classes.ts";

/** What stateful lowering uses of the target stage's context (`EmitContext` in `stages/target.ts`). */
export interface LoweringContext {
  readonly target: { readonly name: Target["name"] };
  readonly diagnostics: Diagnostic[];
  /** A reference to a helper, which is added to the output. */
  helperRef(name: string, loc?: Loc): Name;
  /** The template with its references to the given helpers marked, so that user names never clash with them. */
  markHelpers(template: Expr, names?: ReadonlySet<string>): Expr;
  /** Adds a helper, and those it needs, to the output. */
  useHelper(name: string): void;
}

/** What an emission may depend on beyond its arguments: facts about the whole module. */
export interface ModuleFacts {
  /** Some code calls `.attend(...)`, so `Embed` needs the method. */
  readonly attends: boolean;
}

/** How one stateful op is written: a template over its parameter names, or a function choosing one. */
export interface LayerEmit {
  readonly emit: string | ((args: ReadonlyMap<string, Expr>, facts: ModuleFacts) => string);
  /** Helper classes or functions the emission uses. */
  readonly helpers?: readonly string[] | ((args: ReadonlyMap<string, Expr>, facts: ModuleFacts) => string[]);
  /**
   * Keyword arguments written even when equal to Flax's default, because the
   * target's default differs (torch's LayerNorm eps is 1e-5, Flax's 1e-6).
   */
  readonly keepDefaults?: readonly string[];
}

/** How `self.v.value` reads and writes are written for a Variable attribute. */
export type ValueAccess =
  /** `self.v.value` stays: the target object has a `.value` (NumPy's Variable helper). */
  | "attribute"
  /** `self.v.value` is `self.v`, a tensor (torch Parameters and buffers). */
  | "tensor"
  /** Reads stay `self.v.value`; writes are `self.v.assign(...)` (Keras variables). */
  | "assign";

/** One target's stateful tables. */
export interface StatefulTarget {
  /** Base of a user Module class; undefined for a plain class. */
  readonly moduleBase?: string;
  /** The name `__call__` becomes. */
  readonly callMethod: string;
  /**
   * The target's call machinery needs an argument (Keras reads the first one):
   * a `__call__` without one stays `__call__`, a plain Python method.
   */
  readonly callNeedsArgument?: boolean;
  /**
   * The layer attribute that lets the call machinery take Python values (an `int` step) as positional arguments
   * (Keras': without it, `layer(x, 3)` raises); set in `__init__` of a class whose `__call__` takes one.
   */
  readonly nonTensorPositionalFlag?: string;
  /** Argument names the target's call machinery treats specially, with what it does to them. */
  readonly reservedCallArgs?: Readonly<Record<string, string>>;
  /**
   * Whether layer classes are made saveable (Keras' `.keras` files: registered,
   * `get_config`/`from_config`; `stateful/keras_saving.ts`), and config dataclasses with them.
   */
  readonly saveable?: boolean;
  /** Whether `__init__` must start with `super().__init__()`. */
  readonly callsSuperInit: boolean;
  /**
   * Where `model.train()` / `model.eval()` are the module base's own `train(mode)` (torch): a user Module holding
   * Flax's mode attributes (`deterministic`, `use_running_average`) gets a `train` override setting them.
   */
  readonly modeMethod?: boolean;
  /** Base classes for user Variable subclasses, by the Flax base they extend. */
  readonly variableBases: Readonly<Record<VariableKind, string>>;
  /**
   * Statements added to a user Variable subclass that has no `__init__`
   * (Keras: make it non-trainable), as Python source; keyed by Flax base.
   */
  readonly variableInit?: Readonly<Partial<Record<VariableKind, string>>>;
  /**
   * The helper a method other than `__init__` that creates Variables (a KV
   * cache's `init_cache`) runs its body in, as `with <helper>(self):`: Keras
   * locks a layer's state once it is built.
   */
  readonly lateStateHelper?: string;
  /** How Variable values are read and written. */
  readonly valueAccess: ValueAccess;
  /** Emission of every stateful op but the base classes. */
  readonly ops: Readonly<Record<Exclude<LayerOp, "Module">, LayerEmit>>;
  /** Helper classes and functions, each added once when used, after those it needs. */
  readonly helpers: Readonly<Record<string, Helper>>;
  /** Helpers added whenever the module defines an `ivy.Module` class (`load_flax_state`). */
  readonly moduleHelpers: readonly string[];
}

/** `Rngs(0)`, `Rngs(params=0, dropout=1)`: the helper class called with the streams given. */
export function rngsEmit(args: ReadonlyMap<string, Expr>): string {
  const given = (name: string) => {
    const e = args.get(name);
    return e !== undefined && !(e.kind === "Constant" && e.value === null);
  };
  const streams = ["params", "dropout", "noise"].filter(given).map((s) => `${s}=${s}`);
  return `Rngs(${[...(given("default") ? ["default"] : []), ...streams].join(", ")})`;
}

/** `nnx.List(items)` as a Python list: a list literal or comprehension as it is, else `list(items)`. */
export function listEmit(args: ReadonlyMap<string, Expr>): string {
  const items = args.get("items");
  const literal = items?.kind === "List" || (items?.kind === "Comprehension" && items.brackets === "[]");
  if (!items || (items.kind === "Tuple" && items.elts.length === 0)) return "[]"; // `nnx.List()`, filled by append
  return literal ? "items" : "list(items)";
}

/** `nnx.Dict(items)` as a Python dict: a dict literal or comprehension as it is, else `dict(items)`. */
export function dictEmit(args: ReadonlyMap<string, Expr>): string {
  const items = args.get("items");
  if (!items || (items.kind === "Constant" && items.value === null)) return "{}";
  const literal = items.kind === "Dict" || (items.kind === "Comprehension" && items.brackets === "{}");
  return literal ? "items" : "dict(items)";
}
