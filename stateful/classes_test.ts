import { deepStrictEqual } from "node:assert";
import type * as A from "../stages/ast.ts";
import { parse } from "../stages/parse.ts";
import { classRoles, variableAttributes } from "./classes.ts";

const IR = `import ivy


class Count(ivy.Variable):
    pass


class Scale(ivy.Param):
    pass


class Base(ivy.Module):
    def __init__(self):
        self.count = Count(ivy.asarray(0))


class Model(Base):
    def __init__(self, rngs):
        super().__init__()
        self.w = ivy.Param(ivy.zeros((2,)))
        self.s = Scale(ivy.ones((2,)))
        self.fc = ivy.Linear(2, 3, rngs=rngs)


class Plain:
    pass
`;

Deno.test("classRoles reads Module and Variable classes off their bases, user bases included", () => {
  const roles = classRoles(parse(IR).ir.body);
  deepStrictEqual(Object.fromEntries(roles), {
    Count: { role: "variable", kind: "Variable" },
    Scale: { role: "variable", kind: "Param" },
    Base: { role: "module" },
    Model: { role: "module" },
  });
});

Deno.test("variableAttributes finds Variable attributes, inherited ones included", () => {
  const body = parse(IR).ir.body;
  const classes = new Map(body.flatMap((s) => (s.kind === "ClassDef" ? [[s.name, s] as const] : [])));
  const attrs = variableAttributes(classes.get("Model") as A.ClassDef, classes, classRoles(body));
  deepStrictEqual(Object.fromEntries(attrs), { count: "Variable", w: "Param", s: "Param" });
});
