/**
 * Pytree helpers, the same Python on every target: JAX's containers (dicts
 * in sorted-key order, lists, tuples, `None` as an empty subtree) walked in
 * plain Python, whatever the leaves' framework.
 *
 * @module
 */
import TREE_LEAVES_SOURCE from "./shared/tree_leaves.py" with { type: "text" };
import TREE_MAP_SOURCE from "./shared/tree_map.py" with { type: "text" };
import { pyHelper } from "./python_helper.ts";
import type { Helper } from "./emitter.ts";

/** `jax.tree_util.tree_map`. */
export const TREE_MAP: Helper = pyHelper(TREE_MAP_SOURCE);

/** `jax.tree_util.tree_leaves`. */
export const TREE_LEAVES: Helper = pyHelper(TREE_LEAVES_SOURCE);
