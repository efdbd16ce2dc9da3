def unwrap(p, axis=-1):
    """jnp.unwrap with period 2 pi: each step larger than pi changed by a multiple of 2 pi, as
    JAX computes it."""
    step = torch.diff(p, dim=axis)
    wrapped = torch.remainder(step + math.pi, 2 * math.pi) - math.pi
    wrapped = torch.where((wrapped == -math.pi) & (step > 0), math.pi, wrapped)
    correction = torch.where(torch.abs(step) < math.pi, 0.0, wrapped - step)
    first = torch.narrow(p, axis, 0, 1)
    rest = torch.narrow(p, axis, 1, p.shape[axis] - 1)
    return torch.cat([first, rest + torch.cumsum(correction, dim=axis)], dim=axis)
