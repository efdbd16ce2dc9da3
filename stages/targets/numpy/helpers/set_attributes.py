import numpy as np


def set_attributes(module, **attributes):
    """nnx.Module.set_attributes: each attribute set on every nested module (this one
    included, and those in its lists, tuples and dicts) that has it, as Flax's
    model.train() and model.eval() do. A call's own argument still wins."""
    seen = set()
    pending = [module]
    while pending:
        node = pending.pop()
        if id(node) in seen or isinstance(node, (np.ndarray, np.random.Generator)):
            continue
        seen.add(id(node))
        if isinstance(node, (list, tuple)):
            pending.extend(node)
        elif isinstance(node, dict):
            pending.extend(node.values())
        elif hasattr(node, "__dict__") and not isinstance(node, type):
            for name, value in attributes.items():
                if hasattr(node, name):
                    setattr(node, name, value)
            pending.extend(vars(node).values())
