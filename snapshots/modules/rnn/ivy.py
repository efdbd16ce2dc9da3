"""Tagging + classifying padded sequences with Flax's recurrent layers.

Input: dense features (batch, time, feats) and each row's true length; the
padding sits at the end of a row. An LSTM reads the sequence first, a
bidirectional GRU/LSTM pair tags every step, a time-major GRU summarises it
backwards and a residual SimpleCell, stepped by hand and given initializers, refines that summary.
"""

import math

import ivy


def cell_kernel_init(key, shape, dtype=ivy.float32):
    return ivy.random_truncated_normal(key, -2.0, 2.0, shape=shape, dtype=dtype) * (
        math.sqrt(2.0 / math.prod(shape[:-1])) / 0.87962566103423978
    )


def recurrent_init(key, shape, dtype=ivy.float32):
    return (
        ivy.reshape(
            ivy.random_orthogonal(key, math.prod(shape[:-1]), shape[-1], dtype=dtype),
            shape,
        )
        * 2.0
    )


def cell_bias_init(key, shape, dtype=ivy.float32):
    return ivy.full(shape, 0.5, dtype=dtype)


def masked_mean(h, lengths):
    # mean over the valid steps only (a length of 0 gives zeros, not NaN)
    steps = ivy.arange(ivy.shape(h)[1], dtype=ivy.int32)
    keep = ivy.astype(steps[None, :] < lengths[:, None], ivy.dtype(h))
    total = ivy.sum(h * keep[..., None], axis=1)
    return total / ivy.astype(ivy.maximum(lengths, 1)[:, None], ivy.dtype(h))


class SeqTagger(ivy.Module):
    def __init__(self, n_feats, hid, n_tags, n_classes, *, rngs):
        self.proj = ivy.Linear(n_feats, hid, rngs=rngs)
        self.lstm = ivy.RNN(ivy.LSTMCell(hid, hid, rngs=rngs), return_carry=True)
        fwd = ivy.RNN(ivy.GRUCell(hid, hid, rngs=rngs))
        bwd = ivy.RNN(
            ivy.OptimizedLSTMCell(hid, hid, gate_fn=ivy.hard_sigmoid, rngs=rngs)
        )
        self.birnn = ivy.Bidirectional(fwd, bwd)
        self.summary = ivy.RNN(
            ivy.GRUCell(2 * hid, hid, activation_fn=ivy.soft_sign, rngs=rngs),
            time_major=True,
            reverse=True,
            keep_order=True,
        )
        self.refine = ivy.SimpleCell(
            hid,
            hid,
            residual=True,
            rngs=rngs,
            kernel_init=cell_kernel_init,
            recurrent_kernel_init=recurrent_init,
            bias_init=cell_bias_init,
        )
        self.tag_head = ivy.Linear(2 * hid, n_tags, rngs=rngs)
        self.cls_head = ivy.Linear(3 * hid, n_classes, rngs=rngs)

    def __call__(self, x, lengths):
        h = ivy.gelu(self.proj(x))
        (mem, last), h = self.lstm(h, seq_lengths=lengths)
        both = self.birnn(h, seq_lengths=lengths)
        tags = self.tag_head(both)
        # time-major from here on
        s = self.summary(ivy.swapaxes(both, 0, 1), seq_lengths=lengths)
        state = self.refine.initialize_carry(ivy.shape(s[0]), ivy.Rngs(0))
        state = state + last
        for t in range(ivy.shape(s)[0]):
            state, _ = self.refine(state, s[t])
        pooled = masked_mean(both, lengths)
        logits = self.cls_head(ivy.concatenate([pooled, state], axis=-1))
        return {"tags": tags, "logits": logits, "memory": mem}


def empty_prefix(model: SeqTagger, x):
    # zero time steps: the LSTM's carry stays its initial zeros
    h = model.proj(x)[:, :0]
    carry, out = model.lstm(h)
    return carry, out


def merged_sum(model: SeqTagger, x, lengths):
    # the same two RNNs, merged by a sum, carries returned
    pair = ivy.Bidirectional(
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
    rev = ivy.RNN(model.lstm.cell, reverse=True)(h, seq_lengths=lengths)
    carry, kept = ivy.RNN(model.lstm.cell, reverse=True, keep_order=True)(
        h, seq_lengths=lengths, return_carry=True
    )
    tm_carry, tm = ivy.RNN(model.refine, time_major=True, return_carry=True)(
        ivy.swapaxes(h, 0, 1), seq_lengths=lengths
    )
    warm = ivy.RNN(model.birnn.forward_rnn.cell)(
        h, initial_carry=ivy.ones_like(h[:, 0])
    )
    return rev, carry, kept, tm_carry, tm, warm
