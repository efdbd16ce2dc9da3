"""Tagging + classifying padded sequences with Flax's recurrent layers.

Input: dense features (batch, time, feats) and each row's true length; the
padding sits at the end of a row. An LSTM reads the sequence first, a
bidirectional GRU/LSTM pair tags every step, a time-major GRU summarises it
backwards and a residual SimpleCell, stepped by hand and given initializers, refines that summary.
"""

import math

import numpy as np


class Bidirectional:
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
        self.forward_rnn = forward_rnn
        self.backward_rnn = backward_rnn
        self.merge_fn = merge_fn
        self.time_major = time_major
        self.return_carry = return_carry

    def __call__(
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
            outputs = np.concatenate([forward_outputs, backward_outputs], axis=-1)
        else:
            outputs = self.merge_fn(forward_outputs, backward_outputs)
        return ((forward_carry, backward_carry), outputs) if return_carry else outputs


def truncated_normal(key, lower, upper, shape=None, dtype=np.float32):
    """jax.random.truncated_normal: standard normal draws, each redrawn until inside (lower, upper)."""
    if shape is None:
        shape = np.broadcast_shapes(np.shape(lower), np.shape(upper))
    x = key.standard_normal(shape)
    outside = (x <= lower) | (x >= upper)
    while np.any(outside):
        x = np.where(outside, key.standard_normal(shape), x)
        outside = (x <= lower) | (x >= upper)
    return x.astype(dtype)


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    kernel = truncated_normal(key, -2.0, 2.0, shape=tuple(shape))
    return kernel / np.float32(0.87962566103423978 * math.sqrt(math.prod(shape[:-1])))


class Linear:
    """nnx.Linear: x @ kernel + bias, with kernel (in, out) as in Flax, LeCun-normal, and bias
    zero unless kernel_init / bias_init (init(key, shape)) are given."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        rng = np.random.default_rng() if rngs is None else rngs.params()
        self.kernel = (kernel_init or lecun_normal)(rng, (in_features, out_features))
        self.bias = None
        if use_bias and bias_init is None:
            self.bias = np.zeros(out_features, dtype=np.float32)
        elif use_bias:
            self.bias = bias_init(rng, (out_features,))

    def __call__(self, x):
        y = np.matmul(x, self.kernel)
        return y if self.bias is None else y + self.bias


class RNNCellBase:
    """What the recurrent cells share. A cell's step splits in two: project(inputs), the
    input's part, which nnx.RNN computes for a whole sequence at once, and
    step(carry, projected), the recurrent part; cell(carry, inputs) is both. The kernels
    start as Flax's: kernel_init's on the input side (LeCun normal by default),
    recurrent_kernel_init's on the hidden side (orthogonal), bias_init's bias (zeros)."""

    carry_parts = 1

    def __call__(self, carry, inputs):
        return self.step(carry, self.project(inputs))

    def initialize_carry(self, input_shape, rngs=None, carry_init=None):
        """Zeros of (*input_shape[:-1], hidden_features), as Flax's default carry_init;
        rngs draws nothing for zeros."""
        if carry_init is not None:
            raise NotImplementedError(
                "initialize_carry: only the zero carry is translated"
            )
        zeros = np.zeros((*input_shape[:-1], self.hidden_features), dtype=np.float32)
        return zeros if self.carry_parts == 1 else (zeros,) * self.carry_parts


def orthogonal(key, n, m=None, dtype=np.float32):
    """jax.random.orthogonal: an (n, m) matrix (m None: n) with orthonormal columns (rows
    when n < m), drawn as JAX does: the Q of a standard normal's QR decomposition, each
    column's sign that of R's diagonal entry, transposed when n < m."""
    m = n if m is None else m
    z = key.standard_normal((max(n, m), min(n, m)), dtype=dtype)
    q, r = np.linalg.qr(z)
    q = q * np.sign(np.diagonal(r))
    return q.T if n < m else q


def orthogonal_kernel(key, shape):
    """JAX's orthogonal() initializer of a (rows, columns) kernel: orthonormal columns
    (rows, when wider than tall), the recurrent cells' default recurrent_kernel_init."""
    return orthogonal(key, *shape)


def sigmoid(x):
    """The logistic function."""
    return 1 / (1 + np.exp(-x))


class GRUCell(RNNCellBase):
    """nnx.GRUCell: dense_i (with the bias) and dense_h (without) each give r, z, n;
    n = activation_fn(x_n + r * h_n), h' = (1 - z) * n + z * h."""

    def __init__(
        self,
        in_features,
        hidden_features,
        gate_fn=sigmoid,
        activation_fn=np.tanh,
        kernel_init=None,
        recurrent_kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
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
        xr, xz, xn = np.split(projected, 3, axis=-1)
        hr, hz, hn = np.split(self.dense_h(carry), 3, axis=-1)
        r = self.gate_fn(xr + hr)
        z = self.gate_fn(xz + hz)
        n = self.activation_fn(xn + r * hn)
        h = (1.0 - z) * n + z * carry
        return h, h


def lstm_update(c, gates, gate_fn, activation_fn):
    """One LSTM step from each gate's summed input and recurrent parts (i, f, g, o):
    the new memory f * c + i * g and the new output o * activation_fn(memory)."""
    i, f, g, o = gates
    c = gate_fn(f) * c + gate_fn(i) * activation_fn(g)
    return c, gate_fn(o) * activation_fn(c)


class LSTMCell(RNNCellBase):
    """nnx.LSTMCell: one Linear per gate and side, Flax's names (ii, if_, ig, io without a
    bias; hi, hf, hg, ho with one); the carry is (memory, output)."""

    carry_parts = 2

    def __init__(
        self,
        in_features,
        hidden_features,
        gate_fn=sigmoid,
        activation_fn=np.tanh,
        kernel_init=None,
        recurrent_kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
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
        return np.concatenate(
            [self.ii(inputs), self.if_(inputs), self.ig(inputs), self.io(inputs)],
            axis=-1,
        )

    def step(self, carry, projected):
        c, h = carry
        xi, xf, xg, xo = np.split(projected, 4, axis=-1)
        gates = xi + self.hi(h), xf + self.hf(h), xg + self.hg(h), xo + self.ho(h)
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
        gate_fn=sigmoid,
        activation_fn=np.tanh,
        kernel_init=None,
        recurrent_kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
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
        gates = np.split(projected + self.dense_h(h), 4, axis=-1)
        c, h = lstm_update(c, gates, self.gate_fn, self.activation_fn)
        return (c, h), h


def flip_sequences(inputs, seq_lengths, time_axis):
    """Flax's flip_sequences: each sequence's first seq_lengths steps reversed, and its
    padding after them reversed too; the whole time axis without seq_lengths."""
    steps = inputs.shape[time_axis]
    if seq_lengths is None or not steps:
        return np.flip(inputs, time_axis)
    lengths = np.expand_dims(seq_lengths, time_axis)
    shape = [1] * lengths.ndim
    shape[time_axis] = steps
    index = (np.arange(steps - 1, -1, -1).reshape(shape) + lengths) % steps
    index = index.reshape(*index.shape, *[1] * (inputs.ndim - index.ndim))
    return np.take_along_axis(inputs, index, axis=time_axis)


def select_carry(keep, new, old):
    """new where keep (one flag per sequence), else old, in each part of a carry."""
    if isinstance(new, tuple):
        return tuple(select_carry(keep, n, o) for n, o in zip(new, old))
    return np.where(keep[..., None], new, old)


class RNN:
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
        self.cell = cell
        self.time_major = time_major
        self.return_carry = return_carry
        self.reverse = reverse
        self.keep_order = keep_order

    def __call__(
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
            last, chosen = (np.asarray(seq_lengths) - 1) % steps, carry
        outputs = []
        for t, x in enumerate(np.moveaxis(self.cell.project(inputs), time_axis, 0)):
            carry, y = self.cell.step(carry, x)
            outputs.append(y)
            if last is not None:
                chosen = select_carry(last == t, carry, chosen)
        if outputs:
            outputs = np.stack(outputs, axis=time_axis)
        else:
            outputs = np.zeros(
                (*inputs.shape[:-1], self.cell.hidden_features), dtype=inputs.dtype
            )
        if reverse and keep_order:
            outputs = flip_sequences(outputs, seq_lengths, time_axis)
        if last is not None:
            carry = chosen
        return (carry, outputs) if return_carry else outputs


class Rngs:
    """nnx.Rngs: named random streams, each a np.random.Generator.

    rngs.params(), rngs.dropout() and rngs() give a stream's generator; a stream the
    constructor did not name draws from the default one. An Rngs built while a call is
    traced makes a stream's generator when the stream is first used, so that one that
    draws nothing (passed to initialize_carry) makes none. The numbers differ from JAX's."""

    def __init__(self, default=None, **streams):
        if default is not None:
            streams["default"] = default
        self.seeds = dict(streams)
        self.generators = {}

    def __getattr__(self, name):
        if name.startswith(("_", "is_", "get_")):  # not streams: protocols, type probes
            raise AttributeError(name)
        seeds, generators = self.__dict__["seeds"], self.__dict__["generators"]
        stream = name if name in seeds else "default"
        if stream not in seeds:
            raise AttributeError(
                "no random stream " + repr(name) + " and no default stream"
            )
        if stream not in generators:
            seed = seeds[stream]
            generators[stream] = np.random.default_rng(seed)
        return lambda: generators[stream]

    def __call__(self):
        return self.default()


class SimpleCell(RNNCellBase):
    """nnx.SimpleCell: h' = activation_fn(dense_i(x) + dense_h(h)), plus h inside when
    residual; dense_i holds the bias."""

    def __init__(
        self,
        in_features,
        hidden_features,
        residual=False,
        activation_fn=np.tanh,
        kernel_init=None,
        recurrent_kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
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


def flax_arrays(src, path=()):
    """(path, array) for each Variable of a Flax nnx.Module or nnx.State, found by
    duck typing; random-stream state (Rngs keys and counts) and classes held as
    attributes (LoRA's lora_param_type) are left out. A tuple key (the Flax paths that
    name WeightNorm's scales and SpectralNorm's statistics) is its items joined by "_"."""
    if isinstance(src, type):
        return []
    if hasattr(src, "to_pure_dict"):
        src = src.to_pure_dict()
    if hasattr(src, "get_value"):
        if type(src).__name__.startswith("Rng"):
            return []
        return [(path, np.asarray(src.get_value()))]
    if hasattr(src, "shape") and hasattr(src, "dtype"):
        if str(src.dtype).startswith("key<"):
            return []
        return [(path, np.asarray(src))]
    if isinstance(src, dict):
        items = list(src.items())
    elif hasattr(src, "_pytree__nodes"):
        items = [(k, v) for k, v in vars(src).items() if not k.startswith("_")]
    else:
        return []
    arrays = []
    for key, value in items:
        if key != "rngs":
            name = "_".join(map(str, key)) if isinstance(key, tuple) else str(key)
            arrays.extend(flax_arrays(value, (*path, name)))
    return arrays


def flax_targets(model, src):
    """(owner, name, array, path) for each Variable of a Flax nnx.Module or nnx.State:
    the object of model that holds the last name of the Flax path, found by attribute,
    key (dicts) or index (lists). A list of layers met where the Flax path goes on
    with a name holds the layers of a Module built under nnx.vmap (scan over layers):
    each layer gets its slice of the array's leading (layer) axis."""

    def stacked(owner, key):
        # a list of layers where the Flax path names an attribute of one layer
        return (
            not isinstance(owner, dict)
            and not key.isdigit()
            and not hasattr(owner, key)
            and hasattr(owner, "__len__")
        )

    def layers(owner, keys, value, path):
        if len(owner) != value.shape[0]:
            raise ValueError("layer count mismatch at " + ".".join(path))
        return [t for layer, v in zip(owner, value) for t in at(layer, keys, v, path)]

    def at(owner, keys, value, path):
        *parents, name = keys
        for i, key in enumerate(parents):
            if stacked(owner, key):
                return layers(owner, keys[i:], value, path)
            if isinstance(owner, dict) or key.isdigit():
                owner = owner[key if isinstance(owner, dict) else int(key)]
            else:
                owner = getattr(owner, key)
        if stacked(owner, name):
            return layers(owner, [name], value, path)
        return [(owner, name, value, path)]

    return [t for path, value in flax_arrays(src) for t in at(model, path, value, path)]


def gelu(x, approximate=True):
    """GELU; the tanh approximation is jax.nn.gelu's default."""
    if approximate:
        # x * x * x, as XLA computes JAX's x**3 (NumPy's float power is far slower)
        inner = np.sqrt(2 / np.pi).astype(x.dtype) * (x + 0.044715 * (x * x * x))
        return 0.5 * x * (1 + np.tanh(inner))
    erf = np.vectorize(math.erf, otypes=[x.dtype])
    return 0.5 * x * (1 + erf(x / np.sqrt(2).astype(x.dtype)))


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
        elif isinstance(owner, dict):
            owner[name] = value.copy()
        else:
            setattr(owner, name, value.copy())
    return model


def soft_sign(x):
    """jax.nn.soft_sign: x / (|x| + 1)."""
    return x / (np.abs(x) + 1)


def cell_kernel_init(key, shape, dtype=np.float32):
    return truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * (
        math.sqrt(2.0 / math.prod(shape[:-1])) / 0.87962566103423978
    )


def recurrent_init(key, shape, dtype=np.float32):
    return (
        np.reshape(
            orthogonal(key, math.prod(shape[:-1]), m=shape[-1], dtype=dtype), shape
        )
        * 2.0
    )


def cell_bias_init(key, shape, dtype=np.float32):
    return np.full(shape, 0.5, dtype=dtype)


def masked_mean(h, lengths):
    # mean over the valid steps only (a length of 0 gives zeros, not NaN)
    steps = np.arange(h.shape[1], dtype=np.int32)
    keep = (steps[None, :] < lengths[:, None]).astype(h.dtype)
    total = np.sum(h * keep[..., None], axis=1)
    return total / np.maximum(lengths, 1)[:, None].astype(h.dtype)


class SeqTagger:
    def __init__(self, n_feats, hid, n_tags, n_classes, *, rngs):
        self.proj = Linear(n_feats, hid, rngs=rngs)
        self.lstm = RNN(LSTMCell(hid, hid, rngs=rngs), return_carry=True)
        fwd = RNN(GRUCell(hid, hid, rngs=rngs))
        bwd = RNN(
            OptimizedLSTMCell(
                hid, hid, gate_fn=lambda x: np.clip(x + 3.0, 0, 6) / 6.0, rngs=rngs
            ),
        )
        self.birnn = Bidirectional(fwd, bwd)
        self.summary = RNN(
            GRUCell(2 * hid, hid, activation_fn=soft_sign, rngs=rngs),
            time_major=True,
            reverse=True,
            keep_order=True,
        )
        self.refine = SimpleCell(
            hid,
            hid,
            residual=True,
            kernel_init=cell_kernel_init,
            recurrent_kernel_init=recurrent_init,
            bias_init=cell_bias_init,
            rngs=rngs,
        )
        self.tag_head = Linear(2 * hid, n_tags, rngs=rngs)
        self.cls_head = Linear(3 * hid, n_classes, rngs=rngs)

    def __call__(self, x, lengths):
        h = gelu(self.proj(x))
        (mem, last), h = self.lstm(h, seq_lengths=lengths)
        both = self.birnn(h, seq_lengths=lengths)
        tags = self.tag_head(both)
        # time-major from here on
        s = self.summary(np.swapaxes(both, 0, 1), seq_lengths=lengths)
        state = self.refine.initialize_carry(s[0].shape, Rngs(0))
        state = state + last
        for t in range(s.shape[0]):
            state, _ = self.refine(state, s[t])
        pooled = masked_mean(both, lengths)
        logits = self.cls_head(np.concatenate([pooled, state], axis=-1))
        return {"tags": tags, "logits": logits, "memory": mem}


def empty_prefix(model: SeqTagger, x):
    # zero time steps: the LSTM's carry stays its initial zeros
    h = model.proj(x)[:, :0]
    carry, out = model.lstm(h)
    return carry, out


def merged_sum(model: SeqTagger, x, lengths):
    # the same two RNNs, merged by a sum, carries returned
    pair = Bidirectional(
        model.birnn.forward_rnn,
        model.birnn.backward_rnn,
        merge_fn=lambda a, b: a + b,
        return_carry=True,
    )
    (fc, bc), out = pair(model.proj(x), seq_lengths=lengths)
    return fc, bc, out


def option_sweep(model: SeqTagger, x, lengths):
    # the trained cells under the RNN options the model itself does not use
    h = model.proj(x)
    rev = RNN(model.lstm.cell, reverse=True)(h, seq_lengths=lengths)
    carry, kept = RNN(model.lstm.cell, reverse=True, keep_order=True)(
        h, seq_lengths=lengths, return_carry=True
    )
    tm_carry, tm = RNN(model.refine, time_major=True, return_carry=True)(
        np.swapaxes(h, 0, 1), seq_lengths=lengths
    )
    warm = RNN(model.birnn.forward_rnn.cell)(h, initial_carry=np.ones_like(h[:, 0]))
    return rev, carry, kept, tm_carry, tm, warm
