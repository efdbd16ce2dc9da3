import { deepStrictEqual } from "node:assert";
import type * as A from "../stages/ast.ts";
import { parse } from "../stages/parse.ts";
import { printModule } from "../stages/print.ts";
import { isDataclass, saveableDataclass, saveableLayer, type SavingContext } from "./keras_saving.ts";

function lowered(source: string, f: (c: A.ClassDef, ctx: SavingContext) => A.ClassDef) {
  const warnings: string[] = [];
  const ctx: SavingContext = {
    helperRef: (name) => ({ kind: "Name", id: name, loc: { line: 1, col: 1 } } as A.Name),
    warn: (_, m) => warnings.push(m),
  };
  const body = parse(source).ir.body.map((s) => (s.kind === "ClassDef" ? f(s, ctx) : s));
  return { text: printModule({ kind: "Module", body }), warnings };
}

Deno.test("a layer records its constructor arguments and forwards Keras' own", () => {
  const source =
    "class M(keras.Layer):\n    def __init__(self, n, *, rngs):\n        super().__init__()\n        self.n = n\n";
  deepStrictEqual(
    lowered(source, (c, ctx) => saveableLayer(c, true, ctx)).text,
    `@keras.saving.register_keras_serializable(package=__name__)
class M(keras.Layer):
    def __init__(self, n, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {"n": n, "rngs": rngs}
        self.n = n

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)
`,
  );
});

Deno.test("a subclass of a Keras layer skips that layer's config; *args are kept by name", () => {
  const source = "class S(keras.layers.Dense):\n    def __init__(self, *layers):\n        super().__init__(3)\n";
  const { text } = lowered(source, (c, ctx) => saveableLayer(c, true, ctx));
  deepStrictEqual(text.includes('self.init_arguments = {"*layers": layers}'), true);
  deepStrictEqual(text.includes("dict(keras.Layer.get_config(self), **self.init_arguments)"), true);
});

Deno.test("a subclass of the module's layer inherits get_config; ** arguments are reported", () => {
  const child = "class C(M):\n    def __init__(self, k):\n        super().__init__(k)\n";
  const { text } = lowered(child, (c, ctx) => saveableLayer(c, false, ctx));
  deepStrictEqual(text.includes("get_config"), false);
  deepStrictEqual(text.includes("super().__init__(k, **kwargs)"), true);
  const open = "class O(keras.Layer):\n    def __init__(self, **options):\n        super().__init__()\n";
  const { warnings } = lowered(open, (c, ctx) => saveableLayer(c, true, ctx));
  deepStrictEqual(warnings, ["`O` takes `**` arguments: Keras cannot save it (no get_config)"]);
});

Deno.test("a config dataclass is registered with get_config and from_config", () => {
  const source = "@dataclasses.dataclass(frozen=True)\nclass Config:\n    n: int = 2\n";
  const c = parse(source).ir.body[0] as A.ClassDef;
  deepStrictEqual(isDataclass(c), true);
  const { text } = lowered(source, saveableDataclass);
  deepStrictEqual(
    text,
    `@keras.saving.register_keras_serializable(package=__name__)
@dataclasses.dataclass(frozen=True)
class Config:
    n: int = 2
    get_config = dataclass_config
    from_config = classmethod(from_keras_config)
`,
  );
});
