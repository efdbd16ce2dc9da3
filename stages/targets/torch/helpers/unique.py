import torch


def unique(x, equal_nan=True):
    """jnp.unique: the distinct entries, sorted, and one NaN for all (each apart without equal_nan). JAX sorts
    stably, so of 0.0 and -0.0 the one that comes first stays; torch.unique keeps another one and each NaN apart."""
    entries = torch.sort(torch.flatten(x), stable=True).values
    new = entries[1:] != entries[:-1]
    if equal_nan:
        new = new & ~(torch.isnan(entries[1:]) & torch.isnan(entries[:-1]))
    return entries[torch.cat([torch.ones_like(entries[:1], dtype=torch.bool), new])]
