/**
 * `jax.tree_util` and `jax.tree`: pytrees of dicts, lists and tuples, with
 * `None` an empty subtree, as in JAX. Dict leaves come in sorted-key order.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** The `jax.tree_util` table. */
export const treeUtilTable: ApiTable = {
  tree_map: {
    sig: "f, tree, *rest, is_leaf=None",
    ivy: "ivy.tree_map(f, tree, *rest)",
    checks: [
      "jax.tree_util.tree_map(lambda a: a * 2.0, {'w': x, 'b': [y, v]})",
      "jax.tree_util.tree_map(lambda a, b: a - 0.1 * b, (x, {'k': v}), (y, {'k': v}))",
      "jax.tree_util.tree_map(jnp.tanh, [x, None, (v,)])",
    ],
  },
  tree_leaves: {
    sig: "tree, is_leaf=None",
    ivy: "ivy.tree_leaves(tree)",
    checks: ["jax.tree_util.tree_leaves({'b': y, 'a': [x, v], 'c': None})", "jax.tree_util.tree_leaves(x)"],
  },
};

/** The `jax.tree` table: the same functions under their newer names. */
export const treeTable: ApiTable = {
  map: { alias: "jax.tree_util.tree_map" },
  leaves: { alias: "jax.tree_util.tree_leaves" },
};
