"""Tagging + classifying padded sequences with Flax's recurrent layers.

Input: dense features (batch, time, feats) and each row's true length; the
padding sits at the end of a row. An LSTM reads the sequence first, a
bidirectional GRU/LSTM pair tags every step, a time-major GRU summarises it
backwards and a residual SimpleCell, stepped by hand and given initializers, refines that summary.
"""

import jax_frontend

cell_kernel_init = jax_frontend.nn.initializers.he_normal()
recurrent_init = jax_frontend.nn.initializers.orthogonal(scale=2.0)
cell_bias_init = jax_frontend.nn.initializers.constant(0.5)


def masked_mean(h, lengths):
    # mean over the valid steps only (a length of 0 gives zeros, not NaN)
    steps = jax_frontend.numpy.arange(jax_frontend.Array.shape(h)[1])
    keep = jax_frontend.Array.astype(
        steps[None, :] < lengths[:, None], jax_frontend.Array.dtype(h)
    )
    total = jax_frontend.numpy.sum(h * keep[..., None], axis=1)
    return total / jax_frontend.Array.astype(
        jax_frontend.numpy.maximum(lengths, 1)[:, None], jax_frontend.Array.dtype(h)
    )


class SeqTagger(jax_frontend.nnx.Module):
    def __init__(self, n_feats, hid, n_tags, n_classes, *, rngs):
        self.proj = jax_frontend.nnx.Linear(n_feats, hid, rngs=rngs)
        self.lstm = jax_frontend.nnx.RNN(
            jax_frontend.nnx.LSTMCell(hid, hid, rngs=rngs), return_carry=True
        )
        fwd = jax_frontend.nnx.RNN(jax_frontend.nnx.GRUCell(hid, hid, rngs=rngs))
        bwd = jax_frontend.nnx.RNN(
            jax_frontend.nnx.OptimizedLSTMCell(
                hid, hid, gate_fn=jax_frontend.nn.hard_sigmoid, rngs=rngs
            ),
        )
        self.birnn = jax_frontend.nnx.Bidirectional(fwd, bwd)
        self.summary = jax_frontend.nnx.RNN(
            jax_frontend.nnx.GRUCell(
                2 * hid, hid, activation_fn=jax_frontend.nn.soft_sign, rngs=rngs
            ),
            time_major=True,
            reverse=True,
            keep_order=True,
        )
        self.refine = jax_frontend.nnx.SimpleCell(
            hid,
            hid,
            residual=True,
            kernel_init=cell_kernel_init,
            recurrent_kernel_init=recurrent_init,
            bias_init=cell_bias_init,
            rngs=rngs,
        )
        self.tag_head = jax_frontend.nnx.Linear(2 * hid, n_tags, rngs=rngs)
        self.cls_head = jax_frontend.nnx.Linear(3 * hid, n_classes, rngs=rngs)

    def __call__(self, x, lengths):
        h = jax_frontend.nn.gelu(self.proj(x))
        (mem, last), h = self.lstm(h, seq_lengths=lengths)
        both = self.birnn(h, seq_lengths=lengths)
        tags = self.tag_head(both)
        # time-major from here on
        s = self.summary(jax_frontend.numpy.swapaxes(both, 0, 1), seq_lengths=lengths)
        state = self.refine.initialize_carry(
            jax_frontend.Array.shape(s[0]), jax_frontend.nnx.Rngs(0)
        )
        state = state + last
        for t in range(jax_frontend.Array.shape(s)[0]):
            state, _ = self.refine(state, s[t])
        pooled = masked_mean(both, lengths)
        logits = self.cls_head(jax_frontend.numpy.concatenate([pooled, state], axis=-1))
        return {"tags": tags, "logits": logits, "memory": mem}


def empty_prefix(model: SeqTagger, x):
    # zero time steps: the LSTM's carry stays its initial zeros
    h = model.proj(x)[:, :0]
    carry, out = model.lstm(h)
    return carry, out


def merged_sum(model: SeqTagger, x, lengths):
    # the same two RNNs, merged by a sum, carries returned
    pair = jax_frontend.nnx.Bidirectional(
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
    rev = jax_frontend.nnx.RNN(model.lstm.cell, reverse=True)(h, seq_lengths=lengths)
    carry, kept = jax_frontend.nnx.RNN(model.lstm.cell, reverse=True, keep_order=True)(
        h, seq_lengths=lengths, return_carry=True
    )
    tm_carry, tm = jax_frontend.nnx.RNN(
        model.refine, time_major=True, return_carry=True
    )(jax_frontend.numpy.swapaxes(h, 0, 1), seq_lengths=lengths)
    warm = jax_frontend.nnx.RNN(model.birnn.forward_rnn.cell)(
        h, initial_carry=jax_frontend.numpy.ones_like(h[:, 0])
    )
    return rev, carry, kept, tm_carry, tm, warm
