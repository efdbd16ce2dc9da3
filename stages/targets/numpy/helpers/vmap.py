import numpy as np

from ...shared.tree_map import tree_map


def vmap(fun, in_axes=0, out_axes=0):
    """jax.vmap as a loop: fun on each slice along in_axes (None: not mapped),
    the results stacked along out_axes."""

    def vmapped(*args):
        axes = in_axes if isinstance(in_axes, (list, tuple)) else [in_axes] * len(args)
        pairs = list(zip(args, axes, strict=True))
        size = next(np.shape(a)[axis] for a, axis in pairs if axis is not None)
        outs = []
        for k in range(size):
            sliced = [
                a if axis is None else np.take(a, k, axis=axis) for a, axis in pairs
            ]
            outs.append(fun(*sliced))
        return tree_map(lambda *leaves: np.stack(leaves, axis=out_axes), *outs)

    return vmapped
