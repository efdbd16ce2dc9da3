import numpy as np

from ..shared.flax_targets import flax_targets


def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    Names and layouts are Flax's on this target: each array is copied as it is,
    into a layer's attribute or a Variable's value."""
    for owner, name, value, path in flax_targets(model, src):
        target = owner[name] if isinstance(owner, dict) else getattr(owner, name)
        current = target.value if hasattr(target, "value") else target
        if np.shape(current) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        if hasattr(target, "value"):
            target.value = value.copy()
        elif isinstance(owner, dict):  # WeightNorm's scales, SpectralNorm's statistics
            owner[name] = value.copy()
        else:
            setattr(owner, name, value.copy())
    return model
