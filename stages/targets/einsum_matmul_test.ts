import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { transpile } from "../../mod.ts";
import { einsumMatmulForm } from "./einsum_matmul.ts";

Deno.test("einsumMatmulForm: batched products, with either operand transposed", () => {
  assertEquals(einsumMatmulForm("ij,jk->ik"), { transposeLhs: false, transposeRhs: false });
  assertEquals(einsumMatmulForm("bhqd,bhkd->bhqk"), { transposeLhs: false, transposeRhs: true });
  assertEquals(einsumMatmulForm("bji,bjk->bik"), { transposeLhs: true, transposeRhs: false });
  assertEquals(einsumMatmulForm("...ji,...kj->...ik"), { transposeLhs: true, transposeRhs: true });
  assertEquals(einsumMatmulForm("bhqk, bhkd -> bhqd"), { transposeLhs: false, transposeRhs: false });
});

Deno.test("einsumMatmulForm: anything else is no matmul", () => {
  for (
    const s of [
      "ij,jk->ki", // result transposed
      "bij,jk->bik", // batch axis on one operand only
      "bhqd,hbkd->bhqk", // batch axes in another order
      "ij,jk->ijk", // nothing contracted
      "ij,jk", // implicit output
      "ii,ik->ik", // repeated letter
      "...ij,jk->...ik", // ellipsis on one operand only
      "ij,ij->i", // no free axis on the right
      "i,i->", // vectors
    ]
  ) assertEquals(einsumMatmulForm(s), undefined, s);
});

Deno.test("einsum: a literal matrix product is a matmul on torch and NumPy, others stay einsums", () => {
  const source = "import jax.numpy as jnp\n\n\ndef f(q, k):\n    return jnp.einsum('bhqd,bhkd->bhqk', q, k)\n\n\n" +
    "def g(x):\n    return jnp.einsum('ij,ij->i', x, x)\n";
  const returns = (target: "torch" | "numpy") =>
    transpile(source, { source: "jax", target }).code.split("\n").filter((l) => l.includes("return")).map((l) =>
      l.trim()
    );
  assertEquals(returns("torch"), ["return torch.matmul(q, k.mT)", 'return torch.einsum("ij,ij->i", x, x)']);
  assertEquals(returns("numpy"), [
    "return np.matmul(q, np.swapaxes(k, -1, -2))",
    'return np.einsum("ij,ij->i", x, x, optimize=True)',
  ]);
});
