def bitwise_count(x):
    """jnp.bitwise_count: the number of 1 bits of |x|, as uint8."""
    x = torch.abs(x)
    count = torch.zeros_like(x)
    for _ in range(x.element_size() * 8):
        count += x & 1
        x = x >> 1
    return count.to(torch.uint8)
