import numpy as np

from .at_set import at_set


def put(x, ind, v, mode=None):
    """jnp.put(..., inplace=False): entries of the flattened x set at ind (clipped into range for
    mode 'clip', wrapped for 'wrap'), in x's shape."""
    flat = x.reshape(-1)
    if mode == "clip":
        ind = np.clip(ind, 0, flat.size - 1)
    elif mode == "wrap":
        ind = np.remainder(ind, flat.size)
    return at_set(flat, ind, v).reshape(x.shape)
