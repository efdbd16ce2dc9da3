import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { transpile } from "../../mod.ts";

/** The returned expression of a JAX function of `x` (float32), in a target's output. */
function emitted(expr: string, target: "torch" | "tensorflow" | "numpy"): string {
  const source = `import jax.numpy as jnp\n\n\ndef f(a):\n    x = a.astype(jnp.float32)\n    return ${expr}\n`;
  const { code, diagnostics } = transpile(source, { source: "jax", target });
  assertEquals(diagnostics, []);
  return code.slice(code.lastIndexOf("return ") + 7).trim();
}

Deno.test("where of two literals: one branch typed as JAX's float32 or int32", () => {
  assertEquals(emitted("jnp.where(x > 0, 1.0, 0.0)", "numpy"), "np.where(x > 0, np.float32(1.0), 0.0)");
  assertEquals(emitted("jnp.where(x > 0, True, -1)", "numpy"), "np.where(x > 0, True, np.int32(-1))");
  assertEquals(emitted("jnp.where(x > 0, 1, 0)", "torch"), "torch.where(x > 0, torch.tensor(1, dtype=torch.int32), 0)");
  assertEquals(emitted("jnp.where(x > 0, 1.0, 0.0)", "torch"), "torch.where(x > 0, 1.0, 0.0)");
  assertEquals(emitted("jnp.where(x > 0, 1, 0.5)", "tensorflow"), "tf.where(x > 0, tf.constant(1, tf.float32), 0.5)");
  assertEquals(emitted("jnp.where(x > 0, 1, 0)", "tensorflow"), "tf.where(x > 0, 1, 0)");
  assertEquals(emitted("jnp.where(x > 0, -jnp.inf, 0.0)", "numpy"), "np.where(x > 0, np.float32(-math.inf), 0.0)");
  assertEquals(
    emitted("jnp.where(x > 0, jnp.nan, 1)", "tensorflow"),
    "tf.where(x > 0, math.nan, tf.constant(1, tf.float32))",
  );
  // an array branch decides the dtype: kept
  assertEquals(emitted("jnp.where(x > 0, x, 0.0)", "numpy"), "np.where(x > 0, x, 0.0)");
});
