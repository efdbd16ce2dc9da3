/**
 * Pytree helpers, the same Python on every target: JAX's containers (dicts
 * in sorted-key order, lists, tuples, `None` as an empty subtree) walked in
 * plain Python, whatever the leaves' framework.
 *
 * @module
 */
import type { Helper } from "./emitter.ts";

/** `jax.tree_util.tree_map`. */
export const TREE_MAP: Helper = {
  source: `
def tree_map(f, tree, *rest):
    """jax.tree_util.tree_map over dicts, lists, tuples and None."""
    if tree is None:
        return None
    if isinstance(tree, dict):
        return {k: tree_map(f, tree[k], *(r[k] for r in rest)) for k in sorted(tree)}
    if isinstance(tree, (list, tuple)):
        items = [tree_map(f, *xs) for xs in zip(tree, *rest, strict=True)]
        return type(tree)(*items) if hasattr(tree, "_fields") else type(tree)(items)
    return f(tree, *rest)
`,
};

/** `jax.tree_util.tree_leaves`. */
export const TREE_LEAVES: Helper = {
  source: `
def tree_leaves(tree):
    """jax.tree_util.tree_leaves: dict values in sorted-key order, None skipped."""
    if tree is None:
        return []
    if isinstance(tree, dict):
        return [leaf for k in sorted(tree) for leaf in tree_leaves(tree[k])]
    if isinstance(tree, (list, tuple)):
        return [leaf for item in tree for leaf in tree_leaves(item)]
    return [tree]
`,
};
