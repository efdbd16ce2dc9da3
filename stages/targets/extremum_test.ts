import { deepStrictEqual as assertEquals } from "node:assert/strict";
import type { Expr } from "../ast.ts";
import { parse } from "../parse.ts";
import { zeroLiteralSign } from "../literals.ts";
import { literalWinsTie, numpyExtremum, tensorflowExtremum, torchExtremum } from "./extremum.ts";

/** The expression of one line of Python. */
function expr(text: string): Expr {
  const stmt = parse(`${text}\n`).ir.body[0];
  if (stmt.kind !== "ExprStmt") throw new Error(`not an expression: ${text}`);
  return stmt.value;
}

const args = (x: string, y: string) => new Map([["x", expr(x)], ["y", expr(y)]]);

Deno.test("zeroLiteralSign: -0.0 is the negative zero, an int zero has no sign", () => {
  assertEquals(["0", "0.0", "-0", "-0.0", "--0.0", "+0.0", "1.0", "x"].map((t) => zeroLiteralSign(expr(t))), [
    "+",
    "+",
    "+",
    "-",
    "+",
    "+",
    undefined,
    undefined,
  ]);
});

Deno.test("literalWinsTie: 0.0 wins a max's tie of zeros, -0.0 a min's", () => {
  assertEquals(literalWinsTie("maximum", expr("0.0")), true);
  assertEquals(literalWinsTie("maximum", expr("-0.0")), false);
  assertEquals(literalWinsTie("minimum", expr("-0.0")), true);
  assertEquals(literalWinsTie("minimum", expr("0")), false);
  assertEquals(literalWinsTie("maximum", expr("2.5")), undefined);
});

Deno.test("extremum rows: a zero literal is written without a tie, other numbers as the plain call", () => {
  assertEquals(torchExtremum("maximum")(args("a", "0")), "torch.nn.functional.threshold(x, y, y)");
  assertEquals(torchExtremum("maximum")(args("0", "a")), "torch.nn.functional.threshold(y, x, x)");
  // threshold keeps an int array's dtype; JAX's max of one with 0.0 is float
  assertEquals(torchExtremum("maximum")(args("a", "0.0")), "torch.clamp(x, min=y) + 0.0");
  assertEquals(torchExtremum("maximum")(args("a", "-0.0")), "torch.where(x < 0, y, x)");
  assertEquals(torchExtremum("minimum")(args("a", "-0.0")), "torch.where(x >= 0, y, x)");
  assertEquals(torchExtremum("minimum")(args("a", "0.0")), "torch.where(x > 0, y, x)");
  assertEquals(torchExtremum("minimum")(args("2.5", "a")), "torch.clamp(y, max=x)");
  assertEquals(numpyExtremum("maximum")(args("0.0", "a")), "np.maximum(y, x)");
  assertEquals(numpyExtremum("minimum")(args("a", "-3")), "np.minimum(x, y)");
  assertEquals(tensorflowExtremum("minimum")(args("-0.0", "a")), "tf.where(y >= 0, x, y)");
});

Deno.test("extremum rows: two arrays go through the helper", () => {
  for (const row of [torchExtremum, tensorflowExtremum, numpyExtremum]) {
    assertEquals(row("maximum")(args("a", "b")), { emit: "maximum(x, y)", helpers: ["maximum"] });
  }
});
