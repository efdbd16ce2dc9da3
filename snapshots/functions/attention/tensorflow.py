"""Scaled dot-product attention with a causal mask, written from JAX primitives."""

import tensorflow as tf
import tensorflow.experimental.numpy as tnp


def causal_mask(length):
    positions = tf.range(length, dtype=tf.int32)
    return positions[:, None] >= positions[None, :]


def dot_product_attention(q, k, v, mask):
    scale = tf.math.rsqrt(tf.fill((), tf.constant(q.shape[-1], dtype=tf.float32)))
    logits = tf.einsum("bqd,bkd->bqk", q, k) * scale
    logits = tf.where(mask[None, :, :], logits, -1e9)
    weights = tf.nn.softmax(logits)
    return tf.einsum("bqk,bkd->bqd", weights, v)


def self_attention(x, w_q, w_k, w_v):
    mask = causal_mask(x.shape[1])
    return dot_product_attention(
        tnp.matmul(x, w_q), tnp.matmul(x, w_k), tnp.matmul(x, w_v), mask
    )
