import { pyHelper } from "./python_helper.ts";
import { torchTarget } from "./torch/target.ts";
import { tensorflowTarget } from "./tensorflow/target.ts";
import { numpyTarget } from "./numpy/target.ts";
import { STATEFUL_TARGETS } from "../../stateful/lower.ts";

const same = (got: unknown, want: unknown) => {
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(`got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
};

Deno.test("pyHelper: the header gives the module imports and the helpers needed", () => {
  const text = "import math\n\nimport numpy as np\nfrom scipy import special\n\nfrom .a import a\n" +
    "from ..shared.b import b, c\n\n\ndef f(x):\n    return a(b(c(math.pi * np.asarray(special.erf(x)))))\n";
  same(pyHelper(text), {
    source: "\ndef f(x):\n    return a(b(c(math.pi * np.asarray(special.erf(x)))))\n",
    needs: ["a", "b", "c"],
    imports: { math: "import math", np: "import numpy as np", special: "from scipy import special" },
  });
});

Deno.test("pyHelper: a wrapped from-import", () => {
  const text = "from .helpers import (\n    aaa,\n    bbb,\n)\n\n\ndef f(x):\n    return aaa(bbb(x))\n";
  same(pyHelper(text), { source: "\ndef f(x):\n    return aaa(bbb(x))\n", needs: ["aaa", "bbb"] });
});

Deno.test("pyHelper: a file without a header is its definitions, with the needs given", () => {
  same(pyHelper("def f(x):\n    return g(x)\n", ["g"]), { source: "\ndef f(x):\n    return g(x)\n", needs: ["g"] });
  same(pyHelper("def f(x):\n    return x\n"), { source: "\ndef f(x):\n    return x\n" });
});

Deno.test("helper headers import each module alias as the target does", () => {
  for (const target of [torchTarget, tensorflowTarget, numpyTarget]) {
    const helpers = { ...target.helpers, ...STATEFUL_TARGETS[target.name].helpers };
    for (const [name, helper] of Object.entries(helpers)) {
      for (const [alias, line] of Object.entries(helper.imports ?? {})) {
        const want = target.imports[alias];
        if (want !== undefined && want !== line) {
          throw new Error(`${target.name} ${name}: "${line}", but the target imports ${alias} as "${want}"`);
        }
      }
    }
  }
});

Deno.test("every helper a header imports is a helper of each target using it", () => {
  for (const target of [torchTarget, tensorflowTarget, numpyTarget]) {
    const helpers = { ...target.helpers, ...STATEFUL_TARGETS[target.name].helpers };
    for (const [name, helper] of Object.entries(helpers)) {
      for (const need of helper.needs ?? []) {
        if (!(need in helpers)) throw new Error(`${target.name} ${name} needs ${need}, which it does not define`);
      }
    }
  }
});

Deno.test("every helper defines the name it is listed under", () => {
  for (const target of [torchTarget, tensorflowTarget, numpyTarget]) {
    const helpers = { ...target.helpers, ...STATEFUL_TARGETS[target.name].helpers };
    for (const [name, helper] of Object.entries(helpers)) {
      if (!new RegExp(`^(def ${name}\\(|class ${name}\\b)`, "m").test(helper.source)) {
        throw new Error(`${target.name}: the helper ${name} does not define ${name}`);
      }
    }
  }
});
