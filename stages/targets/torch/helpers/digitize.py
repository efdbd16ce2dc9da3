def digitize(x, bins, right=False):
    """jnp.digitize: the bin of each entry of x, for increasing or decreasing bins,
    int32."""
    if bins[-1] >= bins[0]:
        return torch.searchsorted(bins, x, right=not right).int()
    flipped = torch.searchsorted(torch.flip(bins, (0,)), x, right=not right)
    return (len(bins) - flipped).int()
