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


class SimpleCell(RNNCellBase):
    """nnx.SimpleCell: h' = activation_fn(dense_i(x) + dense_h(h)), plus h inside when
    residual; dense_i holds the bias."""

    def __init__(
        self,
        in_features,
        hidden_features,
        residual=False,
        activation_fn=torch.tanh,
        kernel_init=None,
        recurrent_kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.hidden_features = hidden_features
        self.residual = residual
        self.activation_fn = activation_fn
        self.dense_h = Linear(
            hidden_features,
            hidden_features,
            use_bias=False,
            kernel_init=recurrent_kernel_init or orthogonal_kernel,
            rngs=rngs,
        )
        self.dense_i = Linear(
            in_features,
            hidden_features,
            kernel_init=kernel_init,
            bias_init=bias_init,
            rngs=rngs,
        )

    def project(self, inputs):
        return self.dense_i(inputs)

    def step(self, carry, projected):
        h = projected + self.dense_h(carry)
        if self.residual:
            h = h + carry
        h = self.activation_fn(h)
        return h, h


class LSTMCell(RNNCellBase):
    """nnx.LSTMCell: one Linear per gate and side, Flax's names (ii, if_, ig, io without a
    bias; hi, hf, hg, ho with one); the carry is (memory, output)."""

    carry_parts = 2

    def __init__(
        self,
        in_features,
        hidden_features,
        gate_fn=torch.sigmoid,
        activation_fn=torch.tanh,
        kernel_init=None,
        recurrent_kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.hidden_features = hidden_features
        self.gate_fn = gate_fn
        self.activation_fn = activation_fn
        input_side = {"use_bias": False, "kernel_init": kernel_init, "rngs": rngs}
        self.ii = Linear(in_features, hidden_features, **input_side)
        self.if_ = Linear(in_features, hidden_features, **input_side)
        self.ig = Linear(in_features, hidden_features, **input_side)
        self.io = Linear(in_features, hidden_features, **input_side)
        recurrent = recurrent_kernel_init or orthogonal_kernel
        hidden_side = {"kernel_init": recurrent, "bias_init": bias_init, "rngs": rngs}
        self.hi = Linear(hidden_features, hidden_features, **hidden_side)
        self.hf = Linear(hidden_features, hidden_features, **hidden_side)
        self.hg = Linear(hidden_features, hidden_features, **hidden_side)
        self.ho = Linear(hidden_features, hidden_features, **hidden_side)

    def project(self, inputs):
        return torch.cat(
            [self.ii(inputs), self.if_(inputs), self.ig(inputs), self.io(inputs)],
            dim=-1,
        )

    def step(self, carry, projected):
        c, h = carry
        xi, xf, xg, xo = torch.split(projected, self.hidden_features, dim=-1)
        gates = (xi + self.hi(h), xf + self.hf(h), xg + self.hg(h), xo + self.ho(h))
        c, h = lstm_update(c, gates, self.gate_fn, self.activation_fn)
        return (c, h), h


class OptimizedLSTMCell(RNNCellBase):
    """nnx.OptimizedLSTMCell: the four gates in one Linear per side (dense_i without a
    bias, dense_h with one), split in Flax's order i, f, g, o; the carry is (memory, output)."""

    carry_parts = 2

    def __init__(
        self,
        in_features,
        hidden_features,
        gate_fn=torch.sigmoid,
        activation_fn=torch.tanh,
        kernel_init=None,
        recurrent_kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.hidden_features = hidden_features
        self.gate_fn = gate_fn
        self.activation_fn = activation_fn
        self.dense_i = Linear(
            in_features,
            4 * hidden_features,
            use_bias=False,
            kernel_init=kernel_init,
            rngs=rngs,
        )
        self.dense_h = Linear(
            hidden_features,
            4 * hidden_features,
            kernel_init=recurrent_kernel_init or orthogonal_kernel,
            bias_init=bias_init,
            rngs=rngs,
        )

    def project(self, inputs):
        return self.dense_i(inputs)

    def step(self, carry, projected):
        c, h = carry
        gates = torch.split(projected + self.dense_h(h), self.hidden_features, dim=-1)
        c, h = lstm_update(c, gates, self.gate_fn, self.activation_fn)
        return (c, h), h


class GRUCell(RNNCellBase):
    """nnx.GRUCell: dense_i (with the bias) and dense_h (without) each give r, z, n;
    n = activation_fn(x_n + r * h_n), h' = (1 - z) * n + z * h."""

    def __init__(
        self,
        in_features,
        hidden_features,
        gate_fn=torch.sigmoid,
        activation_fn=torch.tanh,
        kernel_init=None,
        recurrent_kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.hidden_features = hidden_features
        self.gate_fn = gate_fn
        self.activation_fn = activation_fn
        self.dense_i = Linear(
            in_features,
            3 * hidden_features,
            kernel_init=kernel_init,
            bias_init=bias_init,
            rngs=rngs,
        )
        self.dense_h = Linear(
            hidden_features,
            3 * hidden_features,
            use_bias=False,
            kernel_init=recurrent_kernel_init or orthogonal_kernel,
            rngs=rngs,
        )

    def project(self, inputs):
        return self.dense_i(inputs)

    def step(self, carry, projected):
        xr, xz, xn = torch.split(projected, self.hidden_features, dim=-1)
        hr, hz, hn = torch.split(self.dense_h(carry), self.hidden_features, dim=-1)
        r = self.gate_fn(xr + hr)
        z = self.gate_fn(xz + hz)
        n = self.activation_fn(xn + r * hn)
        h = (1.0 - z) * n + z * carry
        return h, h


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


class Bidirectional(torch.nn.Module):
    """nnx.Bidirectional: forward_rnn over the sequence, backward_rnn over it reversed
    (each sequence's first seq_lengths steps) with its outputs put back in order, merged
    by merge_fn (default: concatenated on the last axis); the carry is (forward, backward)."""

    def __init__(
        self,
        forward_rnn,
        backward_rnn,
        merge_fn=None,
        time_major=False,
        return_carry=False,
    ):
        super().__init__()
        self.forward_rnn = forward_rnn
        self.backward_rnn = backward_rnn
        self.merge_fn = merge_fn
        self.time_major = time_major
        self.return_carry = return_carry

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
        forward_carry, backward_carry = (
            (None, None) if initial_carry is None else initial_carry
        )
        forward_carry, forward_outputs = self.forward_rnn(
            inputs,
            initial_carry=forward_carry,
            seq_lengths=seq_lengths,
            return_carry=True,
            time_major=time_major,
            reverse=False,
        )
        backward_carry, backward_outputs = self.backward_rnn(
            inputs,
            initial_carry=backward_carry,
            seq_lengths=seq_lengths,
            return_carry=True,
            time_major=time_major,
            reverse=True,
            keep_order=True,
        )
        if self.merge_fn is None:
            outputs = torch.cat([forward_outputs, backward_outputs], dim=-1)
        else:
            outputs = self.merge_fn(forward_outputs, backward_outputs)
        return ((forward_carry, backward_carry), outputs) if return_carry else outputs
