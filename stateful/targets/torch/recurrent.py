def flip_sequences(inputs, seq_lengths, time_axis):
    """Flax's flip_sequences: each sequence's first seq_lengths steps reversed, and its
    padding after them reversed too; the whole time axis without seq_lengths."""
    steps = inputs.shape[time_axis]
    if seq_lengths is None or not steps:
        return torch.flip(inputs, (time_axis,))
    lengths = torch.unsqueeze(torch.as_tensor(seq_lengths), time_axis)
    shape = [1] * lengths.ndim
    shape[time_axis] = steps
    index = (torch.arange(steps - 1, -1, -1).reshape(shape) + lengths) % steps
    index = index.reshape(*index.shape, *[1] * (inputs.ndim - index.ndim))
    return torch.take_along_dim(inputs, index, dim=time_axis)


def select_carry(keep, new, old):
    """new where keep (one flag per sequence), else old, in each part of a carry."""
    if isinstance(new, tuple):
        return tuple(select_carry(keep, n, o) for n, o in zip(new, old))
    return torch.where(keep[..., None], new, old)
