"""The bench models ported to TensorFlow/Keras by hand, as a Keras user would write them.

Each class is built from the Flax model's parameters (`nnx.state(model, nnx.Param)
.to_pure_dict()`, arrays as NumPy). Dense and LayerNormalization are Keras' own layers;
attention projections are einsums over Flax's (in, heads, head_dim) kernels, the
layout Keras' MultiHeadAttention uses too.
"""

from __future__ import annotations

import math

import keras
import numpy as np
import tensorflow as tf


def dense(p) -> keras.layers.Dense:
    kernel = np.asarray(p["kernel"])
    layer = keras.layers.Dense(kernel.shape[1], use_bias="bias" in p)
    layer.build((None, kernel.shape[0]))
    layer.set_weights([kernel, np.asarray(p["bias"])] if "bias" in p else [kernel])
    return layer


def layer_norm(p) -> keras.layers.LayerNormalization:
    layer = keras.layers.LayerNormalization(epsilon=1e-6)
    layer.build((None, np.asarray(p["scale"]).shape[0]))
    layer.set_weights([np.asarray(p["scale"]), np.asarray(p["bias"])])
    return layer


class MLP(keras.Layer):
    """fixtures/modules/mlp.py (dropout is deterministic there)."""

    def __init__(self, p):
        super().__init__()
        self.fc1, self.norm, self.fc2 = (
            dense(p["fc1"]),
            layer_norm(p["norm"]),
            dense(p["fc2"]),
        )

    def call(self, x):
        h = tf.nn.gelu(self.norm(self.fc1(x)), approximate=True)
        return tf.nn.log_softmax(self.fc2(h), axis=-1)


class Attention(keras.Layer):
    """nnx.MultiHeadAttention: einsum projections; masked logits become float32's minimum."""

    def __init__(self, p):
        super().__init__()
        self.kernels = [
            tf.Variable(np.asarray(p[n]["kernel"]))
            for n in ("query", "key", "value", "out")
        ]
        self.biases = (
            [
                tf.Variable(np.asarray(p[n]["bias"]))
                for n in ("query", "key", "value", "out")
            ]
            if "bias" in p["query"]
            else None
        )
        q, k = (np.asarray(p[n]["kernel"]) for n in ("query", "key"))
        self.groups, self.scale = q.shape[1] // k.shape[1], 1.0 / math.sqrt(q.shape[2])

    def call(self, x, context, keep):
        wq, wk, wv, wo = self.kernels
        q, k, v = (
            tf.einsum("bld,dhk->blhk", a, w)
            for a, w in ((x, wq), (context, wk), (context, wv))
        )
        if self.biases is not None:
            q, k, v = q + self.biases[0], k + self.biases[1], v + self.biases[2]
        if self.groups > 1:
            k, v = tf.repeat(k, self.groups, axis=2), tf.repeat(v, self.groups, axis=2)
        logits = tf.einsum("bqhd,bkhd->bhqk", q * self.scale, k)
        weights = tf.nn.softmax(tf.where(keep, logits, tf.float32.min), axis=-1)
        y = tf.einsum("bhqk,bkhd->bqhd", weights, v)
        y = tf.einsum("bqhd,hdo->bqo", y, wo)
        return y if self.biases is None else y + self.biases[3]


class AttentionModel(keras.Layer):
    """fixtures/modules/attention.py's Model."""

    def __init__(self, p):
        super().__init__()
        self.norm, self.attn, self.proj = (
            layer_norm(p["block"]["norm"]),
            Attention(p["block"]["attn"]),
            dense(p["block"]["proj"]),
        )
        self.cross = Attention(p["cross"]["attn"])

    def call(self, x, context):
        length = tf.shape(x)[1]
        causal = tf.linalg.band_part(tf.ones((length, length), tf.bool), -1, 0)
        h = self.norm(x)
        y = x + self.attn(h, h, causal)
        y = y + self.proj(tf.nn.gelu(y, approximate=True))
        keep = (tf.reduce_sum(context, axis=-1) > 0.0)[:, None, None, :]
        logits = tf.einsum("bqd,bkd->bqk", y, y) / math.sqrt(y.shape[-1])
        weights = tf.nn.softmax(tf.where(causal, logits, tf.float32.min), axis=-1)
        pooled = tf.einsum("bqk,bkd->bqd", weights, x)
        return y, self.cross(y, context, keep), pooled


class Block(keras.Layer):
    def __init__(self, p, heads):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = layer_norm(p["norm1"]), layer_norm(p["norm2"])
        self.qkv, self.out = dense(p["attention"]["qkv"]), dense(p["attention"]["out"])
        self.fc1, self.fc2 = dense(p["mlp"]["layers"][0]), dense(p["mlp"]["layers"][2])

    def call(self, x):
        b, length, dim = tf.shape(x)[0], tf.shape(x)[1], x.shape[-1]
        qkv = tf.reshape(
            self.qkv(self.norm1(x)), (b, length, 3, self.heads, dim // self.heads)
        )
        q, k, v = tf.unstack(tf.transpose(qkv, (2, 0, 3, 1, 4)))
        logits = tf.matmul(q, k, transpose_b=True) / math.sqrt(dim // self.heads)
        causal = tf.linalg.band_part(tf.ones((length, length), tf.bool), -1, 0)
        weights = tf.nn.softmax(tf.where(causal, logits, -1e9), axis=-1)
        y = tf.reshape(
            tf.transpose(tf.matmul(weights, v), (0, 2, 1, 3)), (b, length, dim)
        )
        x = x + self.out(y)
        return x + self.fc2(tf.nn.gelu(self.fc1(self.norm2(x)), approximate=True))


class Transformer(keras.Layer):
    """fixtures/modules/transformer.py's Transformer."""

    def __init__(self, p, heads):
        super().__init__()
        self.embedding = tf.Variable(np.asarray(p["tokens"]["embedding"]))
        self.positions = tf.Variable(np.asarray(p["positions"]))
        self.blocks = [Block(p["blocks"][i], heads) for i in sorted(p["blocks"])]
        self.norm = layer_norm(p["norm"])

    def call(self, ids):
        x = tf.gather(self.embedding, ids) + self.positions[: tf.shape(ids)[1]]
        for block in self.blocks:
            x = block(x)
        return tf.matmul(self.norm(x), self.embedding, transpose_b=True)
