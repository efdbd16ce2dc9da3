/**
 * A small line diff for snapshot failures: the changed lines with a little
 * context, `-` for the golden file and `+` for the new output.
 *
 * @module
 */

/**
 * Describes how `actual` differs from `expected`, line by line.
 *
 * @param expected The golden text.
 * @param actual The new text.
 * @param context Unchanged lines to show around each change.
 * @returns A unified-diff-like text; empty when the texts are equal.
 */
export function lineDiff(expected: string, actual: string, context = 2): string {
  if (expected === actual) return "";
  const a = expected.split("\n");
  const b = actual.split("\n");
  // longest common subsequence table, from the end
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines: { mark: " " | "-" | "+"; text: string; line: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ mark: " ", text: a[i], line: i + 1 });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      lines.push({ mark: "-", text: a[i], line: i + 1 });
      i++;
    } else {
      lines.push({ mark: "+", text: b[j], line: i + 1 });
      j++;
    }
  }
  const near = (k: number) => lines.slice(Math.max(0, k - context), k + context + 1).some((l) => l.mark !== " ");
  const out: string[] = [];
  let skipped = false;
  lines.forEach((l, k) => {
    if (l.mark !== " " || near(k)) {
      if (skipped || out.length === 0) out.push(`@@ line ${l.line} @@`);
      out.push(`${l.mark} ${l.text}`);
      skipped = false;
    } else {
      skipped = true;
    }
  });
  return out.join("\n");
}
