"""Tagging + classifying padded sequences with Flax's recurrent layers.

Input: dense features (batch, time, feats) and each row's true length; the
padding sits at the end of a row. An LSTM reads the sequence first, a
bidirectional GRU/LSTM pair tags every step, a time-major GRU summarises it
backwards and a residual SimpleCell, stepped by hand and given initializers, refines that summary.
"""

import math

import keras
import numpy as np
import tensorflow as tf


def from_keras_config(cls, config):
    """cls built from its get_config() (as keras.saving.load_model does): each value
    deserialized (an Rngs, a config dataclass, a tuple, a layer); the "*name" entry of a
    *name parameter passed positionally."""
    values = {
        key: keras.saving.deserialize_keras_object(value)
        for key, value in config.items()
    }
    starred = [values.pop(key) for key in list(values) if key.startswith("*")]
    return cls(*starred[0] if starred else (), **values)


@keras.saving.register_keras_serializable(package=__name__)
class Bidirectional(keras.Layer):
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
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "forward_rnn": forward_rnn,
            "backward_rnn": backward_rnn,
            "merge_fn": merge_fn,
            "time_major": time_major,
            "return_carry": return_carry,
        }
        self.forward_rnn = forward_rnn
        self.backward_rnn = backward_rnn
        self.merge_fn = merge_fn
        self.time_major = time_major
        self.return_carry = return_carry

    def call(
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
            outputs = tf.concat([forward_outputs, backward_outputs], axis=-1)
        else:
            outputs = self.merge_fn(forward_outputs, backward_outputs)
        return ((forward_carry, backward_carry), outputs) if return_carry else outputs

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


def keras_initializer(init, default, rngs=None):
    """The initializer (shape, dtype) of a weight: init(key, shape), JAX-style, where given,
    else the one Keras names default. Both draw from the rngs' params stream (a
    keras.random.SeedGenerator) when rngs is given, so that a model built from
    Rngs(seed) starts from the same weights each time."""
    key = None if rngs is None else rngs.params()
    if init is not None:
        return lambda shape, dtype=None: init(key, tuple(shape))
    initializer = keras.initializers.get(default)
    if key is not None and hasattr(initializer, "seed"):
        initializer.seed = key
    return initializer


@keras.saving.register_keras_serializable(package=__name__)
class Linear(keras.layers.Dense):
    """nnx.Linear: a Dense layer (kernel (in, out), as in Flax) built at construction,
    its kernel LeCun-normal and bias zero unless kernel_init / bias_init (init(key, shape))
    are given, drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(
            out_features,
            use_bias=use_bias,
            kernel_initializer=keras_initializer(kernel_init, "lecun_normal", rngs),
            bias_initializer=keras_initializer(bias_init, "zeros", rngs),
            **kwargs,
        )
        self.init_arguments = {
            "in_features": in_features,
            "out_features": out_features,
            "use_bias": use_bias,
            "kernel_init": kernel_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        self.build((None, in_features))

    def get_config(self):
        return dict(keras.Layer.get_config(self), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class RNNCellBase(keras.Layer):
    """What the recurrent cells share. A cell's step splits in two: project(inputs), the
    input's part, which nnx.RNN computes for a whole sequence at once, and
    step(carry, projected), the recurrent part; cell(carry, inputs) is both. The kernels
    start as Flax's: kernel_init's on the input side (LeCun normal by default),
    recurrent_kernel_init's on the hidden side (orthogonal), bias_init's bias (zeros)."""

    carry_parts = 1

    def call(self, carry, inputs):
        return self.step(carry, self.project(inputs))

    def initialize_carry(self, input_shape, rngs=None, carry_init=None):
        """Zeros of (*input_shape[:-1], hidden_features), as Flax's default carry_init;
        rngs draws nothing for zeros."""
        if carry_init is not None:
            raise NotImplementedError(
                "initialize_carry: only the zero carry is translated"
            )
        zeros = tf.zeros([*input_shape[:-1], self.hidden_features])
        return zeros if self.carry_parts == 1 else (zeros,) * self.carry_parts

    def get_config(self):
        return super().get_config()

    from_config = classmethod(from_keras_config)


def orthogonal(key, n, m=None, dtype=tf.float32):
    """jax.random.orthogonal: an (n, m) matrix (m None: n) with orthonormal columns (rows
    when n < m), drawn as JAX does: the Q of a standard normal's QR decomposition, each
    column's sign that of R's diagonal entry, transposed when n < m."""
    m = n if m is None else m
    z = keras.random.normal((max(n, m), min(n, m)), dtype=dtype, seed=key)
    q, r = tf.linalg.qr(z)
    q = q * tf.sign(tf.linalg.diag_part(r))
    return tf.transpose(q) if n < m else q


def orthogonal_kernel(key, shape):
    """JAX's orthogonal() initializer of a (rows, columns) kernel: orthonormal columns
    (rows, when wider than tall), the recurrent cells' default recurrent_kernel_init."""
    return orthogonal(key, *shape)


class GRUCell(RNNCellBase):
    """nnx.GRUCell: dense_i (with the bias) and dense_h (without) each give r, z, n;
    n = activation_fn(x_n + r * h_n), h' = (1 - z) * n + z * h."""

    def __init__(
        self,
        in_features,
        hidden_features,
        gate_fn=tf.sigmoid,
        activation_fn=tf.tanh,
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
        self.built = True  # every weight exists: project and step are called directly

    def project(self, inputs):
        return self.dense_i(inputs)

    def step(self, carry, projected):
        xr, xz, xn = tf.split(projected, 3, axis=-1)
        hr, hz, hn = tf.split(self.dense_h(carry), 3, axis=-1)
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
        gate_fn=tf.sigmoid,
        activation_fn=tf.tanh,
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
        self.built = True  # every weight exists: project and step are called directly

    def project(self, inputs):
        return tf.concat(
            [self.ii(inputs), self.if_(inputs), self.ig(inputs), self.io(inputs)],
            axis=-1,
        )

    def step(self, carry, projected):
        c, h = carry
        xi, xf, xg, xo = tf.split(projected, 4, axis=-1)
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
        gate_fn=tf.sigmoid,
        activation_fn=tf.tanh,
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
        self.built = True  # every weight exists: project and step are called directly

    def project(self, inputs):
        return self.dense_i(inputs)

    def step(self, carry, projected):
        c, h = carry
        gates = tf.split(projected + self.dense_h(h), 4, axis=-1)
        c, h = lstm_update(c, gates, self.gate_fn, self.activation_fn)
        return (c, h), h


def flip_sequences(inputs, seq_lengths, time_axis):
    """Flax's flip_sequences: each sequence's first seq_lengths steps reversed, and its
    padding after them reversed too; the whole time axis without seq_lengths."""
    steps = inputs.shape[time_axis]
    if seq_lengths is None or not steps:
        return tf.reverse(inputs, [time_axis])
    lengths = tf.expand_dims(tf.cast(seq_lengths, tf.int32), time_axis)
    shape = [1] * len(lengths.shape)
    shape[time_axis] = steps
    index = (tf.reshape(tf.range(steps - 1, -1, -1), shape) + lengths) % steps
    index = tf.reshape(
        index, [*index.shape, *([1] * (len(inputs.shape) - len(index.shape)))]
    )
    return tf.experimental.numpy.take_along_axis(inputs, index, axis=time_axis)


def select_carry(keep, new, old):
    """new where keep (one flag per sequence), else old, in each part of a carry."""
    if isinstance(new, tuple):
        return tuple(select_carry(keep, n, o) for n, o in zip(new, old))
    return tf.where(keep[..., None], new, old)


@keras.saving.register_keras_serializable(package=__name__)
class RNN(keras.Layer):
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
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "cell": cell,
            "time_major": time_major,
            "return_carry": return_carry,
            "reverse": reverse,
            "keep_order": keep_order,
        }
        self.cell = cell
        self.time_major = time_major
        self.return_carry = return_carry
        self.reverse = reverse
        self.keep_order = keep_order

    def call(
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
        time_axis = 0 if time_major else len(inputs.shape) - 2
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
            last, chosen = (tf.cast(seq_lengths, tf.int32) - 1) % steps, carry
        outputs = []
        for t, x in enumerate(tf.unstack(self.cell.project(inputs), axis=time_axis)):
            carry, y = self.cell.step(carry, x)
            outputs.append(y)
            if last is not None:
                chosen = select_carry(last == t, carry, chosen)
        if outputs:
            outputs = tf.stack(outputs, axis=time_axis)
        else:
            outputs = tf.zeros([*inputs.shape[:-1], self.cell.hidden_features])
        if reverse and keep_order:
            outputs = flip_sequences(outputs, seq_lengths, time_axis)
        if last is not None:
            carry = chosen
        return (carry, outputs) if return_carry else outputs

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Rngs:
    """nnx.Rngs: named random streams, each a keras.random.SeedGenerator.

    rngs.params(), rngs.dropout() and rngs() give a stream's generator; a stream the
    constructor did not name draws from the default one. An Rngs built while a call is
    traced makes a stream's generator when the stream is first used, so that one that
    draws nothing (passed to initialize_carry) makes none. The numbers differ from JAX's."""

    def __init__(self, default=None, **streams):
        if default is not None:
            streams["default"] = default
        self.seeds = dict(streams)
        self.generators = {}
        # made now, outside any trace (else when first used)
        if tf.executing_eagerly():
            for stream in self.seeds:
                getattr(self, stream)

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
            generators[stream] = keras.random.SeedGenerator(seed)
        return lambda: generators[stream]

    def __call__(self):
        return self.default()

    def get_config(self):
        """The seeds, so that Keras saves an Rngs passed to a layer it saves."""
        return self.seeds

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class SimpleCell(RNNCellBase):
    """nnx.SimpleCell: h' = activation_fn(dense_i(x) + dense_h(h)), plus h inside when
    residual; dense_i holds the bias."""

    def __init__(
        self,
        in_features,
        hidden_features,
        residual=False,
        activation_fn=tf.tanh,
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
        self.built = True  # every weight exists: project and step are called directly

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


def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    The one place where Flax's weights meet Keras': layouts are Flax's already
    (kernels (in, out) and (*window, in, out)); only Embed's embedding is named
    embeddings, as in keras.layers.Embedding."""
    renamed = {"embedding": "embeddings"}
    for owner, name, value, path in flax_targets(model, src):
        if not hasattr(owner, name) and name in renamed:
            name = renamed[name]
        target = owner[name] if isinstance(owner, dict) else getattr(owner, name)
        if tuple(target.shape) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        if hasattr(target, "assign"):
            target.assign(value)
        else:
            setattr(owner, name, tf.constant(value))
    return model


def swapaxes(x, axis1, axis2):
    """jnp.swapaxes."""
    perm = list(range(len(x.shape)))
    perm[axis1], perm[axis2] = perm[axis2], perm[axis1]
    return tf.transpose(x, perm)


def truncated_normal(key, lower, upper, shape=None, dtype=tf.float32):
    """jax.random.truncated_normal, drawn as JAX does: sqrt(2) * erfinv(u), u uniform in (erf(lower / sqrt(2)), erf(upper / sqrt(2)))."""
    a = tf.math.erf(tf.cast(lower, dtype) / math.sqrt(2))
    b = tf.math.erf(tf.cast(upper, dtype) / math.sqrt(2))
    shape = tf.broadcast_static_shape(a.shape, b.shape) if shape is None else shape
    u = a + (b - a) * keras.random.uniform(shape, dtype=dtype, seed=key)
    return tf.clip_by_value(math.sqrt(2) * tf.math.erfinv(u), lower, upper)


def cell_kernel_init(key, shape, dtype=tf.float32):
    return truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * (
        math.sqrt(2.0 / math.prod(shape[:-1])) / 0.87962566103423978
    )


def recurrent_init(key, shape, dtype=tf.float32):
    return (
        tf.reshape(
            orthogonal(key, math.prod(shape[:-1]), m=shape[-1], dtype=dtype), shape
        )
        * 2.0
    )


def cell_bias_init(key, shape, dtype=tf.float32):
    return tf.fill(shape, tf.constant(0.5, dtype=dtype))


def masked_mean(h, lengths):
    # mean over the valid steps only (a length of 0 gives zeros, not NaN)
    steps = tf.range(h.shape[1], dtype=tf.int32)
    keep = tf.cast(steps[None, :] < lengths[:, None], h.dtype)
    total = tf.reduce_sum(h * keep[..., None], axis=1)
    return total / tf.cast(tf.maximum(lengths, 1)[:, None], h.dtype)


@keras.saving.register_keras_serializable(package=__name__)
class SeqTagger(keras.Layer):
    def __init__(self, n_feats, hid, n_tags, n_classes, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {
            "n_feats": n_feats,
            "hid": hid,
            "n_tags": n_tags,
            "n_classes": n_classes,
            "rngs": rngs,
        }
        self.proj = Linear(n_feats, hid, rngs=rngs)
        self.lstm = RNN(LSTMCell(hid, hid, rngs=rngs), return_carry=True)
        fwd = RNN(GRUCell(hid, hid, rngs=rngs))
        bwd = RNN(
            OptimizedLSTMCell(
                hid, hid, gate_fn=lambda x: tf.nn.relu6(x + 3.0) / 6.0, rngs=rngs
            ),
        )
        self.birnn = Bidirectional(fwd, bwd)
        self.summary = RNN(
            GRUCell(2 * hid, hid, activation_fn=tf.nn.softsign, rngs=rngs),
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

    def call(self, x, lengths):
        h = tf.nn.gelu(self.proj(x), approximate=True)
        (mem, last), h = self.lstm(h, seq_lengths=lengths)
        both = self.birnn(h, seq_lengths=lengths)
        tags = self.tag_head(both)
        # time-major from here on
        s = self.summary(swapaxes(both, 0, 1), seq_lengths=lengths)
        state = self.refine.initialize_carry(tuple(s[0].shape), Rngs(0))
        state = state + last
        for t in range(s.shape[0]):
            state, _ = self.refine(state, s[t])
        pooled = masked_mean(both, lengths)
        logits = self.cls_head(tf.concat([pooled, state], -1))
        return {"tags": tags, "logits": logits, "memory": mem}

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


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
        swapaxes(h, 0, 1), seq_lengths=lengths
    )
    warm = RNN(model.birnn.forward_rnn.cell)(h, initial_carry=tf.ones_like(h[:, 0]))
    return rev, carry, kept, tm_carry, tm, warm
