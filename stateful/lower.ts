/**
 * Lowers `ivy.Module` classes and `ivy.Variable`s to the target's stateful
 * classes, called by the target stage before it writes the array ops.
 *
 * - A Module class extends the target's base (`torch.nn.Module`,
 *   `keras.Layer`, none for NumPy), starts `__init__` with
 *   `super().__init__()` where the target needs it, and `__call__` becomes
 *   `forward` / `call`.
 * - A user Variable class extends the target's Variable class; reads and
 *   writes of `self.v.value` follow the target (`stateful/values.ts`).
 * - Layer, Variable, `Rngs` and random-draw ops are written by the target's
 *   row (`stateful/emit.ts`), which may add helper classes.
 * - `load_flax_state` is added when the module defines a Module class, and
 *   `Rngs` when the code builds one or takes an `rngs` argument.
 *
 * What each class is comes from the IR text alone (`stateful/classes.ts`).
 *
 * @module
 */
import * as A from "../stages/ast.ts";
import { error, warning } from "../stages/diagnostics.ts";
import { parseConstant } from "../stages/parse.ts";
import { mapExpr, mapModule, visitExpr } from "../stages/walk.ts";
import { baseRole, type ClassRole, classRoles, createsVariables, variableAttributes } from "./classes.ts";
import { emitLayerOp, layerOpOf } from "./emit.ts";
import { rewriteValues } from "./values.ts";
import { isDataclass, saveableDataclass, saveableLayer, type SavingContext } from "./keras_saving.ts";
import type { LoweringContext, ModuleFacts, StatefulTarget } from "./target.ts";
import { torchStateful } from "./targets/torch.ts";
import { tensorflowStateful } from "./targets/tensorflow.ts";
import { numpyStateful } from "./targets/numpy.ts";

/** Each target's stateful tables, by target name. */
export const STATEFUL_TARGETS: Readonly<Record<LoweringContext["target"]["name"], StatefulTarget>> = {
  torch: torchStateful,
  tensorflow: tensorflowStateful,
  numpy: numpyStateful,
};

/**
 * Rewrites the classes of a module for the context's target.
 *
 * @param module The ivy IR.
 * @param ctx The target emission context; diagnostics are added to it.
 * @param imported The roles of the Module and Variable classes imported from other modules of the package.
 * @returns The module's statements with its classes lowered and the helper classes they use.
 * @example Lower a module for torch
 * ```ts
 * lowerClasses(parse("import ivy\nclass M(ivy.Module):\n    def __call__(self, x):\n        return x\n").ir, ctx);
 * // class M(torch.nn.Module): def forward(self, x): ...  (plus load_flax_state)
 * ```
 */
export function lowerClasses(
  module: A.Module,
  ctx: LoweringContext,
  imported: ReadonlyMap<string, ClassRole> = new Map(),
): A.Stmt[] {
  return new ClassLowering(module, ctx, imported).run();
}

class ClassLowering {
  readonly target: StatefulTarget;
  readonly roles: Map<string, ClassRole>;
  readonly classes = new Map<string, A.ClassDef>();
  readonly facts: ModuleFacts;

  constructor(readonly module: A.Module, readonly ctx: LoweringContext, imported: ReadonlyMap<string, ClassRole>) {
    this.target = STATEFUL_TARGETS[ctx.target.name];
    this.roles = classRoles(module.body, imported);
    for (const s of module.body) if (s.kind === "ClassDef") this.classes.set(s.name, s);
    let attends = false;
    mapModule(module, {
      expr: (e) => {
        visitExpr(e, (n) => {
          if (n.kind === "Attribute" && n.attr === "attend") attends = true;
        });
        return e;
      },
    });
    this.facts = { attends };
  }

  /** Whether the module defines a Module class (a config dataclass may be one's argument). */
  get definesModules(): boolean {
    return [...this.classes.keys()].some((name) => this.roles.get(name)?.role === "module");
  }

  run(): A.Stmt[] {
    const classes = this.module.body.map((s) => (s.kind === "ClassDef" ? this.lowerClass(s) : s));
    const body = mapModule({ kind: "Module", body: classes }, { expr: (e) => this.lowerOps(e) });
    if (this.definesModules) {
      for (const h of this.target.moduleHelpers) this.useHelper(h);
    }
    if (takesRngs(this.module.body)) this.useHelper("Rngs");
    return body;
  }

  lowerClass(c: A.ClassDef): A.ClassDef {
    const role = this.roles.get(c.name);
    if (!role) {
      return this.target.saveable && isDataclass(c) && this.definesModules ? saveableDataclass(c, this.saving) : c;
    }
    if (role.role === "variable") return this.lowerVariableClass(c);
    const direct = c.bases.some((b) => A.dottedPath(b.value) === "ivy.Module");
    const bases = c.bases.flatMap((b): A.Arg[] => {
      if (A.dottedPath(b.value) !== "ivy.Module") return [b];
      return this.target.moduleBase ? [{ ...b, value: A.dotted(this.target.moduleBase, b.value.loc) }] : [];
    });
    const variables = variableAttributes(c, this.classes, this.roles);
    const call = c.body.find((s): s is A.FunctionDef => s.kind === "FunctionDef" && s.name === "__call__");
    const allowFlag = this.target.nonTensorPositionalFlag;
    const allowsPython = allowFlag !== undefined && call !== undefined && takesPythonPositional(call);
    const methods = c.body.map((s) => {
      if (s.kind !== "FunctionDef") return s;
      if (s.name === "__call__") {
        this.warnReservedArgs(s);
        const takesArgument = s.params.length > 1;
        return takesArgument || !this.target.callNeedsArgument ? { ...s, name: this.target.callMethod } : s;
      }
      if (s.name === "__init__") {
        const needsSuper = direct && this.target.callsSuperInit && !callsSuperInit(s.body);
        const body = needsSuper ? insertAfterDocstring(s.body, parseConstant("super().__init__()\n").ir.body) : s.body;
        return allowsPython ? { ...s, body: insertAfterSuperInit(body, `self.${allowFlag} = True\n`) } : { ...s, body };
      }
      const late = this.target.lateStateHelper;
      if (late && s.name !== "__init__" && createsVariables(s.body, this.roles)) {
        const context = A.call(this.ctx.helperRef(late, s.loc), [{ value: A.dotted("self", s.loc) }], s.loc);
        const doc = A.isDocstring(s.body[0]) ? 1 : 0;
        const wrapped: A.With = { kind: "With", items: [{ context }], body: s.body.slice(doc), loc: s.loc };
        return { ...s, body: [...s.body.slice(0, doc), wrapped] };
      }
      return s;
    });
    const own = direct ? methods : callParentCallMethod(methods, this.target.callMethod);
    const body = this.target.modeMethod ? withModeMethod(c, own) : own;
    const sown = definesMethod(c, "sow") ? body : this.lowerSow(body);
    const lowered = { ...c, bases, body: rewriteValues(sown, variables, this.target.valueAccess) };
    return this.target.saveable ? saveableLayer(lowered, direct, this.saving) : lowered;
  }

  /** Helper references and warnings for {@linkcode saveableLayer}. */
  get saving(): SavingContext {
    return {
      helperRef: (name) => this.ctx.helperRef(name),
      warn: (loc, message) => this.ctx.diagnostics.push(warning(loc, message)),
    };
  }

  /**
   * `self.sow(type, name, value, reduce_fn, init_fn)` (flax/nnx/module.py, outside `nnx.capture`): the `sow`
   * helper, which keeps the reduced value (by default a tuple of the values sown) as the attribute `name` on
   * every target; the Variable type is not kept.
   */
  lowerSow(body: readonly A.Stmt[]): A.Stmt[] {
    return mapModule({ kind: "Module", body }, {
      expr: (e) =>
        mapExpr(e, (n) => {
          if (n.kind !== "Call" || A.dottedPath(n.func) !== "self.sow") return n;
          const [type, ...rest] = n.args;
          if (!type || type.star || (type.name && type.name !== "variable_type")) return n;
          const self = A.dotted("self", n.loc);
          return { ...n, func: this.ctx.helperRef("sow", n.loc), args: [{ value: self }, ...rest] };
        }),
    });
  }

  /** Warns where the target gives a `__call__` argument a meaning of its own (Keras's `mask`). */
  warnReservedArgs(method: A.FunctionDef): void {
    for (const p of method.params) {
      const reason = this.target.reservedCallArgs?.[p.name];
      if (reason) {
        this.ctx.diagnostics.push(
          warning(
            method.loc,
            `argument \`${p.name}\` of \`__call__\` is reserved on ${this.ctx.target.name}: ${reason}`,
          ),
        );
      }
    }
  }

  lowerVariableClass(c: A.ClassDef): A.ClassDef {
    let kind: keyof StatefulTarget["variableBases"] | undefined;
    const bases = c.bases.map((b) => {
      const path = A.dottedPath(b.value);
      const role = path?.startsWith("ivy.") ? baseRole(b.value, this.roles) : undefined;
      if (role?.role !== "variable") return b;
      kind = role.kind;
      const base = this.target.variableBases[role.kind];
      const value = this.target.helpers[base] ? this.ctx.helperRef(base, b.value.loc) : A.dotted(base, b.value.loc);
      return { ...b, value };
    });
    const init = kind ? this.target.variableInit?.[kind] : undefined;
    const hasInit = c.body.some((s) => s.kind === "FunctionDef" && s.name === "__init__");
    if (!init || hasInit) return { ...c, bases };
    const kept = c.body.filter((s) => s.kind !== "Simple" || s.keyword !== "pass");
    return { ...c, bases, body: insertAfterDocstring(kept, parseConstant(init).ir.body) };
  }

  /** Writes every stateful op call inside an expression, innermost first. */
  lowerOps(e: A.Expr): A.Expr {
    return mapExpr(e, (n) => {
      const op = layerOpOf(n);
      if (!op || op === "Module") return n;
      const emitted = emitLayerOp(op, n as A.Call, this.target.ops[op], this.facts, (template, helpers) => {
        helpers.forEach((h) => this.useHelper(h));
        return this.ctx.markHelpers(template, new Set(helpers));
      });
      if ("error" in emitted) {
        this.ctx.diagnostics.push(error(n.loc, emitted.error));
        return n;
      }
      return emitted.expr;
    });
  }

  useHelper(name: string): void {
    this.ctx.useHelper(name);
  }
}

/** True when any function takes an `rngs` parameter or the code builds `ivy.Rngs`. */
function takesRngs(body: readonly A.Stmt[]): boolean {
  let found = false;
  mapModule({ kind: "Module", body }, {
    stmt: (s) => {
      if (s.kind === "FunctionDef" && s.params.some((p) => p.name === "rngs")) found = true;
      return [s];
    },
    expr: (e) => {
      visitExpr(e, (n) => {
        if (A.dottedPath(n) === "ivy.Rngs") found = true;
      });
      return e;
    },
  });
  return found;
}

/**
 * `super().__call__(x)` in a subclass of a user Module class: the parent's
 * `__call__` is its `forward`/`call` now, and the target's `__call__` would
 * call the subclass's own one again.
 */
function callParentCallMethod(body: readonly A.Stmt[], callMethod: string): A.Stmt[] {
  const isSuper = (e: A.Expr) => e.kind === "Call" && A.dottedPath(e.func) === "super";
  return mapModule({ kind: "Module", body }, {
    expr: (e) =>
      mapExpr(
        e,
        (n) => (n.kind === "Attribute" && n.attr === "__call__" && isSuper(n.value) ? { ...n, attr: callMethod } : n),
      ),
  });
}

/** The attributes Flax's `Module.train()` / `eval()` set (to `not training`) on every nested Module. */
const MODE_ATTRIBUTES = ["deterministic", "use_running_average"];

/**
 * A torch Module's body with a `train(mode)` that sets the mode attributes it assigns, as Flax's `model.train()` /
 * `model.eval()` do (torch's `eval()` calls `train(False)` on every submodule); none without such attributes or
 * with a `train` of its own.
 */
function withModeMethod(c: A.ClassDef, body: A.Stmt[]): A.Stmt[] {
  const assigned = new Set<string>();
  const visit = (stmts: readonly A.Stmt[]): void => {
    for (const st of stmts) {
      if (st.kind === "Assign") {
        for (const t of st.targets) {
          if (t.kind === "Attribute" && t.value.kind === "Name" && t.value.id === "self") assigned.add(t.attr);
        }
      } else if (st.kind === "If") [st.body, st.orelse].forEach(visit);
      else if (st.kind === "FunctionDef" || st.kind === "For" || st.kind === "While" || st.kind === "With") {
        visit(st.body);
      }
    }
  };
  visit(c.body);

  const names = MODE_ATTRIBUTES.filter((n) => assigned.has(n));
  if (names.length === 0 || definesMethod(c, "train")) return body;
  const sets = names.map((n) => `    self.${n} = not mode\n`).join("");
  const doc = `    """Sets ${names.join(" and ")}, as Flax's model.train() and model.eval() do."""\n`;
  return [
    ...body,
    ...parseConstant(`def train(self, mode=True):\n${doc}${sets}    return super().train(mode)\n`).ir.body,
  ];
}

/** True when a class body defines a method of that name. */
function definesMethod(c: A.ClassDef, name: string): boolean {
  return c.body.some((s) => s.kind === "FunctionDef" && s.name === name);
}

/** True when a method body calls `super().__init__(...)` at its top level. */
function callsSuperInit(body: readonly A.Stmt[]): boolean {
  return body.some((s) =>
    s.kind === "ExprStmt" && s.value.kind === "Call" && s.value.func.kind === "Attribute" &&
    s.value.func.attr === "__init__" && s.value.func.value.kind === "Call" &&
    A.dottedPath(s.value.func.value.func) === "super"
  );
}

/**
 * True when a `__call__` takes a positional parameter that holds no array: one annotated `int`, `float`, `bool` or
 * `str`, one whose default is such a constant (`deterministic=False`), a PRNG key (the first argument of an
 * `ivy.random_*` op in the body: a target's generator or seed object) or an `Rngs` (passed on as `rngs=`).
 */
function takesPythonPositional(call: A.FunctionDef): boolean {
  const bare = call.params.findIndex((p) => p.star !== undefined);
  const positional = call.params.slice(1, bare < 0 ? undefined : bare);
  const keys = randomKeys(call.body);
  return positional.some((p) => {
    if (keys.has(p.name)) return true;
    const annotation = p.annotation && A.dottedPath(p.annotation);
    if (annotation && PYTHON_SCALARS.has(annotation)) return true;
    return p.default?.kind === "Constant" && p.default.value !== null && p.default.value !== "...";
  });
}

/** The names passed as the key (first argument) of an `ivy.random_*` op or as `rngs=` of a call in a body. */
function randomKeys(body: readonly A.Stmt[]): Set<string> {
  const keys = new Set<string>();
  mapModule({ kind: "Module", body }, {
    expr: (e) => {
      visitExpr(e, (n) => {
        if (n.kind !== "Call") return;
        const key = A.dottedPath(n.func)?.startsWith("ivy.random_") ? n.args[0] : undefined;
        if (key && !key.name && !key.star && key.value.kind === "Name") keys.add(key.value.id);
        for (const a of n.args) if (a.name === "rngs" && a.value.kind === "Name") keys.add(a.value.id);
      });
      return e;
    },
  });
  return keys;
}

/** The annotations of Python scalars. */
const PYTHON_SCALARS: ReadonlySet<string> = new Set(["int", "float", "bool", "str"]);

/** Inserts a statement after the body's top-level `super().__init__(...)`, or after its docstring without one. */
function insertAfterSuperInit(body: readonly A.Stmt[], source: string): A.Stmt[] {
  const stmts = parseConstant(source).ir.body;
  const at = body.findIndex((s) => callsSuperInit([s]));
  return at < 0 ? insertAfterDocstring(body, stmts) : [...body.slice(0, at + 1), ...stmts, ...body.slice(at + 1)];
}

/** Inserts statements after a leading docstring. */
function insertAfterDocstring(body: readonly A.Stmt[], stmts: readonly A.Stmt[]): A.Stmt[] {
  return A.isDocstring(body[0]) ? [body[0], ...stmts, ...body.slice(1)] : [...stmts, ...body];
}
