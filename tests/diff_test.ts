import { lineDiff } from "./diff.ts";

Deno.test("lineDiff is empty for equal texts", () => {
  if (lineDiff("a\nb\n", "a\nb\n") !== "") throw new Error("expected no diff");
});

Deno.test("lineDiff marks removed and added lines with context", () => {
  const diff = lineDiff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\n", 1);
  const expected = "@@ line 3 @@\n  c\n- d\n+ D\n  e";
  if (diff !== expected) throw new Error(`got:\n${diff}`);
});
