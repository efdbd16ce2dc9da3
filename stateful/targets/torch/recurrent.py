class RNNCellBase(torch.nn.Module):
    """What the recurrent cells share. A cell's step splits in two: project(inputs), the
    input's part, which nnx.RNN computes for a whole sequence at once, and
    step(carry, projected), the recurrent part; cell(carry, inputs) is both. The kernels
    start as Flax's: kernel_init's on the input side (LeCun normal by default),
    recurrent_kernel_init's on the hidden side (orthogonal), bias_init's bias (zeros)."""

    carry_parts = 1

    def forward(self, carry, inputs):
        return self.step(carry, self.project(inputs))

    def initialize_carry(self, input_shape, rngs=None, carry_init=None):
        """Zeros of (*input_shape[:-1], hidden_features), as Flax's default carry_init;
        rngs draws nothing for zeros."""
        if carry_init is not None:
            raise NotImplementedError(
                "initialize_carry: only the zero carry is translated"
            )
        zeros = torch.zeros(*input_shape[:-1], self.hidden_features)
        return zeros if self.carry_parts == 1 else (zeros,) * self.carry_parts


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


class RNN(torch.nn.Module):
    """nnx.RNN: the cell over the time axis of (*batch, time, features), or of
    (time, *batch, features) when time_major. The input's part of every step is one
    projection of the whole sequence. With seq_lengths, reverse flips each sequence's
    first seq_lengths steps and the carry returned is the one after them (Flax's
    outputs past a sequence's length are computed on the padding, not masked). rngs is
    accepted as Flax's is; the carry starts at zeros, which draw nothing."""

    def __init__(
        self,
        cell,
        time_major=False,
        return_carry=False,
        reverse=False,
        keep_order=False,
    ):
        super().__init__()
        self.cell = cell
        self.time_major = time_major
        self.return_carry = return_carry
        self.reverse = reverse
        self.keep_order = keep_order

    def forward(
        self,
        inputs,
        *,
        initial_carry=None,
        seq_lengths=None,
        return_carry=None,
        time_major=None,
        reverse=None,
        keep_order=None,
        rngs=None,
    ):
        return_carry = self.return_carry if return_carry is None else return_carry
        time_major = self.time_major if time_major is None else time_major
        reverse = self.reverse if reverse is None else reverse
        keep_order = self.keep_order if keep_order is None else keep_order
        time_axis = 0 if time_major else inputs.ndim - 2
        if reverse:
            inputs = flip_sequences(inputs, seq_lengths, time_axis)
        carry = initial_carry
        if carry is None:
            carry = self.cell.initialize_carry(
                inputs.shape[:time_axis] + inputs.shape[time_axis + 1 :]
            )
        steps = inputs.shape[time_axis]
        last = None
        if seq_lengths is not None and return_carry:
            if not steps:
                raise ValueError(
                    "seq_lengths with no time steps: there is no last carry to select"
                )
            last, chosen = (torch.as_tensor(seq_lengths) - 1) % steps, carry
        outputs = []
        for t, x in enumerate(torch.unbind(self.cell.project(inputs), time_axis)):
            carry, y = self.cell.step(carry, x)
            outputs.append(y)
            if last is not None:
                chosen = select_carry(last == t, carry, chosen)
        if outputs:
            outputs = torch.stack(outputs, dim=time_axis)
        else:
            outputs = inputs.new_zeros(*inputs.shape[:-1], self.cell.hidden_features)
        if reverse and keep_order:
            outputs = flip_sequences(outputs, seq_lengths, time_axis)
        if last is not None:
            carry = chosen
        return (carry, outputs) if return_carry else outputs
