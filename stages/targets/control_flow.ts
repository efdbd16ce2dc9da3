/**
 * `jax.lax` control flow as plain Python loops: every target runs eagerly, so
 * a Python `for`/`while` has JAX's meaning. The loop carry's leaves become
 * arrays up front (`asarray`, each target's own), as JAX makes them; only
 * `scan`'s stacking of the outputs differs between targets.
 *
 * @module
 */
import FORI_LOOP_SOURCE from "./shared/fori_loop.py" with { type: "text" };
import SWITCH_SOURCE from "./shared/switch.py" with { type: "text" };
import WHILE_LOOP_SOURCE from "./shared/while_loop.py" with { type: "text" };
import { pyHelper } from "./python_helper.ts";
import type { EmitRow, Helper } from "./emitter.ts";
import type { CoreOp } from "../ivy/ops.ts";

/** `jax.lax.fori_loop`. */
export const FORI_LOOP: Helper = pyHelper(FORI_LOOP_SOURCE);

/** `jax.lax.while_loop`. */
export const WHILE_LOOP: Helper = pyHelper(WHILE_LOOP_SOURCE);

/** `jax.lax.switch`. */
export const SWITCH: Helper = pyHelper(SWITCH_SOURCE);

/**
 * `jax.lax.scan`, with the target's stack of the per-step outputs.
 *
 * With zero steps, `f` runs once on zeros shaped as one step of `xs`, for the shapes and dtypes of the (empty) ys,
 * as JAX's tracing gives them.
 *
 * @param stack The target's stack of a sequence of arrays on a new axis 0, e.g. `torch.stack`.
 * @param zeros The target's zeros of one step of an array `a`, e.g. `torch.zeros(a.shape[1:], dtype=a.dtype)`.
 * @returns The helper.
 */
export function scanHelper(stack: string, zeros: string): Helper {
  return {
    source: `
def scan(f, init, xs=None, length=None, reverse=False):
    """jax.lax.scan, run eagerly: the ys stacked on a new leading axis, in xs order."""
    leaves = tree_leaves(xs)
    n = leaves[0].shape[0] if leaves else length
    carry, ys = tree_map(asarray, init), [None] * n
    if n == 0:
        _, y = f(carry, tree_map(lambda a: ${zeros}, xs))
        return carry, tree_map(lambda a: a[None][:0], y)
    for k in range(n - 1, -1, -1) if reverse else range(n):
        carry, ys[k] = f(carry, tree_map(lambda a, k=k: a[k], xs))
    return carry, tree_map(lambda *y: ${stack}(y), *ys)
`,
    needs: ["tree_map", "tree_leaves", "asarray"],
  };
}

/**
 * The rows of the core ops every target writes as a call of its helper of the
 * same name: pytree utilities and control flow, plain Python on eager arrays.
 */
export const PYTHON_HELPER_OPS = {
  tree_map: { emit: "tree_map(f, tree, *rest)", helpers: ["tree_map"] },
  tree_leaves: { emit: "tree_leaves(tree)", helpers: ["tree_leaves"] },
  fori_loop: { emit: "fori_loop(lower, upper, body_fun, init_val)", helpers: ["fori_loop"] },
  while_loop: { emit: "while_loop(cond_fun, body_fun, init_val)", helpers: ["while_loop"] },
  switch: { emit: "switch(index, branches, *operands)", helpers: ["switch"] },
  cond: { emit: "(true_fun if pred else false_fun)(*operands)" },
  scan: { emit: "scan(f, init, xs, length=length, reverse=reverse)", helpers: ["scan"] },
} as const satisfies Partial<Record<CoreOp, EmitRow>>;
