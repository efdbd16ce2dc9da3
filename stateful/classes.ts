/**
 * What the ivy IR says about a module's classes, re-derived from its text:
 * which classes are Modules and which are Variables (from their bases,
 * `ivy.Module`, `ivy.Variable`/`ivy.Param`/`ivy.BatchStat`/`ivy.Cache`/`ivy.Intermediate`, or a user class
 * that is one), and which `self.<name>` attributes hold Variables.
 *
 * @module
 */
import * as A from "../stages/ast.ts";
import { mapBody } from "../stages/walk.ts";
import { isNone } from "../stages/literals.ts";

/** The Flax Variable kinds (the ivy IR's Variable classes), which a user Variable class can extend. */
export const VARIABLE_KINDS = ["Variable", "Param", "BatchStat", "Cache", "Intermediate"] as const;

/** One Flax Variable kind. */
export type VariableKind = typeof VARIABLE_KINDS[number];

/** The role of one user class. */
export type ClassRole =
  | {
    readonly role: "module";
    /** For a class of another module of the package: the attributes its instances hold Variables in. */
    readonly variables?: ReadonlyMap<string, VariableKind>;
  }
  | { readonly role: "variable"; readonly kind: VariableKind };

/**
 * The Module and Variable classes of a module, in definition order.
 *
 * @param body The ivy IR's top-level statements.
 * @param imported The roles of the classes the module imports from other modules of its package, by local name.
 * @returns Class name to its role (the imported ones included); other classes are absent.
 * @example Find a Variable subclass
 * ```ts
 * classRoles(parse("import ivy\nclass Count(ivy.Variable):\n    pass\n").ir.body).get("Count");
 * // { role: "variable", kind: "Variable" }
 * ```
 */
export function classRoles(
  body: readonly A.Stmt[],
  imported: ReadonlyMap<string, ClassRole> = new Map(),
): Map<string, ClassRole> {
  const roles = new Map<string, ClassRole>(imported);
  for (const s of body) {
    if (s.kind !== "ClassDef") continue;
    for (const b of s.bases) {
      const role = baseRole(b.value, roles);
      if (role) {
        roles.set(s.name, role);
        break;
      }
    }
  }
  return roles;
}

/** The role a base expression gives: `ivy.Module`, `ivy.Param`, or a known user class. */
export function baseRole(base: A.Expr, roles: ReadonlyMap<string, ClassRole>): ClassRole | undefined {
  const path = A.dottedPath(base);
  if (path === "ivy.Module") return { role: "module" };
  if (path?.startsWith("ivy.") && (VARIABLE_KINDS as readonly string[]).includes(path.slice(4))) {
    return { role: "variable", kind: path.slice(4) as VariableKind };
  }
  return base.kind === "Name" ? roles.get(base.id) : undefined;
}

/**
 * The Variable kind an expression constructs: `ivy.Param(...)`, or a call of
 * a user Variable class, maybe optional (`ivy.Param(w) if scale else None`);
 * undefined for anything else.
 */
function constructedVariable(e: A.Expr, roles: ReadonlyMap<string, ClassRole>): VariableKind | undefined {
  if (e.kind === "IfExp" && isNone(e.orelse)) return constructedVariable(e.body, roles);
  if (e.kind === "IfExp" && isNone(e.body)) return constructedVariable(e.orelse, roles);
  if (e.kind !== "Call") return undefined;
  const role = baseRole(e.func, roles);
  return role?.role === "variable" ? role.kind : undefined;
}

/**
 * The attributes of a class's instances that hold Variables: every
 * `self.<name> = <Variable constructor>` in its methods, and those of its
 * user base classes.
 *
 * @param cls The class.
 * @param classes Every top-level class, by name, to follow user bases.
 * @param roles The class roles.
 * @returns Attribute name to the Variable kind it holds.
 */
export function variableAttributes(
  cls: A.ClassDef,
  classes: ReadonlyMap<string, A.ClassDef>,
  roles: ReadonlyMap<string, ClassRole>,
): Map<string, VariableKind> {
  const found = new Map<string, VariableKind>();
  for (const b of cls.bases) {
    const parent = b.value.kind === "Name" ? classes.get(b.value.id) : undefined;
    if (parent && parent !== cls) {
      for (const [k, v] of variableAttributes(parent, classes, roles)) found.set(k, v);
    }
    const imported = b.value.kind === "Name" && !parent ? roles.get(b.value.id) : undefined;
    if (imported?.role === "module") { for (const [k, v] of imported.variables ?? []) found.set(k, v); }
  }
  mapBody(cls.body, {
    stmt: (s) => {
      if (s.kind === "Assign" && s.value) {
        const kind = constructedVariable(s.value, roles);
        for (const t of s.targets) {
          const attr = selfAttribute(t);
          if (kind && attr) found.set(attr, kind);
        }
      }
      return [s];
    },
  });
  return found;
}

/** True when statements (nested blocks included) assign a Variable constructor to a `self.<name>`. */
export function createsVariables(body: readonly A.Stmt[], roles: ReadonlyMap<string, ClassRole>): boolean {
  let found = false;
  mapBody(body, {
    stmt: (s) => {
      if (s.kind === "Assign" && s.value && constructedVariable(s.value, roles)) {
        found ||= s.targets.some((t) => selfAttribute(t) !== undefined);
      }
      return [s];
    },
  });
  return found;
}

/** `name` for `self.name`, else undefined. */
function selfAttribute(e: A.Expr): string | undefined {
  return e.kind === "Attribute" && e.value.kind === "Name" && e.value.id === "self" ? e.attr : undefined;
}

/** `name` for `self.name.value` or `self.name[...]` (Flax 0.12's spelling), else undefined. */
export function selfValueAttribute(e: A.Expr): string | undefined {
  if (e.kind === "Attribute" && e.attr === "value") return selfAttribute(e.value);
  const ellipsis = e.kind === "Subscript" && e.index.kind === "Constant" && e.index.value === "...";
  return ellipsis ? selfAttribute(e.value) : undefined;
}
