/**
 * What the targets cannot express of Flax's training-loop APIs is a
 * diagnostic naming the API: `nnx.split` / `nnx.merge`, `nnx.state` with
 * another filter, extra attributes of `model.eval()`; NumPy's `nnx.state`.
 *
 * @module
 */
import { transpile } from "../mod.ts";

const HEADER = "from flax import nnx\n\n\n";

/** The diagnostics of a snippet on a target. */
function messages(body: string, target: "torch" | "tensorflow" | "numpy" = "torch"): string[] {
  const { diagnostics } = transpile(HEADER + body, { source: "jax", target });
  return diagnostics.map((d) => d.message);
}

/** The first diagnostic names the problem (a filter class left as a value may add an internal one after it). */
function expectOne(body: string, fragment: string, target?: "torch" | "tensorflow" | "numpy"): void {
  const got = messages(body, target);
  if (got.length === 0 || !got[0].includes(fragment)) {
    throw new Error(`for:\n${body}\nexpected a diagnostic with ${fragment} first, got ${JSON.stringify(got)}`);
  }
}

Deno.test("nnx.split and nnx.merge name themselves", () => {
  expectOne("def f(model):\n    graphdef, state = nnx.split(model)\n    return state\n", "flax.nnx.split");
  expectOne("def f(g, s):\n    return nnx.merge(g, s)\n", "flax.nnx.merge");
});

Deno.test("nnx.state takes no filter but nnx.Param", () => {
  expectOne("def f(model):\n    return nnx.state(model, nnx.BatchStat)\n", "nnx.state(model, nnx.Param)");
  expectOne("def f(model):\n    return nnx.state(model, nnx.Param)\n", "NumPy modules keep no registry", "numpy");
});

Deno.test("model.eval() takes no extra attributes", () => {
  const got = messages("def f(model):\n    model.eval(decode=True)\n    return model\n");
  if (got.length !== 1 || !got[0].includes("decode")) throw new Error(JSON.stringify(got));
});

Deno.test("model.eval() is the target's mode switch", () => {
  const body = "def f(model):\n    model.eval()\n    return model\n";
  const torch = transpile(HEADER + body, { source: "jax", target: "torch" }).code;
  const keras = transpile(HEADER + body, { source: "jax", target: "tensorflow" }).code;
  if (!torch.includes("    model.eval()\n")) throw new Error(torch);
  if (!keras.includes("set_attributes(model, deterministic=True, use_running_average=True)")) throw new Error(keras);
});
