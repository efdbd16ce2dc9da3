"""The bench models ported to NumPy by hand, as a NumPy user would write them.

Each class is built from the Flax model's parameters (`nnx.state(model, nnx.Param)
.to_pure_dict()`, arrays as NumPy) and computes in float32 with matmul (BLAS).
"""

from __future__ import annotations

import math

import numpy as np


def array(x) -> np.ndarray:
    return np.asarray(x, dtype=np.float32)


def gelu(x):
    return (
        0.5
        * x
        * (
            1.0
            + np.tanh(
                np.float32(math.sqrt(2.0 / math.pi)) * (x + np.float32(0.044715) * x**3)
            )
        )
    )


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


class Linear:
    def __init__(self, p):
        self.kernel = array(p["kernel"])
        self.bias = array(p["bias"]) if "bias" in p else None

    def __call__(self, x):
        y = x @ self.kernel
        return y if self.bias is None else y + self.bias


class LayerNorm:
    def __init__(self, p):
        self.scale, self.bias = array(p["scale"]), array(p["bias"])

    def __call__(self, x):
        mean = x.mean(axis=-1, keepdims=True)
        var = np.maximum((x * x).mean(axis=-1, keepdims=True) - mean * mean, 0.0)
        return (x - mean) / np.sqrt(var + np.float32(1e-6)) * self.scale + self.bias


class MLP:
    """fixtures/modules/mlp.py (dropout is deterministic there)."""

    def __init__(self, p):
        self.fc1, self.norm, self.fc2 = (
            Linear(p["fc1"]),
            LayerNorm(p["norm"]),
            Linear(p["fc2"]),
        )

    def __call__(self, x):
        y = self.fc2(gelu(self.norm(self.fc1(x))))
        y = y - y.max(axis=-1, keepdims=True)
        return y - np.log(np.exp(y).sum(axis=-1, keepdims=True))


class Attention:
    """nnx.MultiHeadAttention with flattened projections; masked logits become float32's minimum."""

    def __init__(self, p):
        q, k = array(p["query"]["kernel"]), array(p["key"]["kernel"])
        self.heads, self.kv_heads, self.head_dim = q.shape[1], k.shape[1], q.shape[2]

        def flat(name):
            kernel = array(p[name]["kernel"])
            sub = {
                "kernel": kernel.reshape(kernel.shape[0], -1)
                if name != "out"
                else kernel.reshape(-1, kernel.shape[-1])
            }
            if "bias" in p[name]:
                sub["bias"] = array(p[name]["bias"]).reshape(-1)
            return Linear(sub)

        self.query, self.key, self.value, self.out = (
            flat(n) for n in ("query", "key", "value", "out")
        )

    def __call__(self, x, context, keep):
        b, lq, _ = x.shape
        lk = context.shape[1]
        q = (
            self.query(x)
            .reshape(b, lq, self.heads, self.head_dim)
            .transpose(0, 2, 1, 3)
        )
        k = (
            self.key(context)
            .reshape(b, lk, self.kv_heads, self.head_dim)
            .transpose(0, 2, 3, 1)
        )
        v = (
            self.value(context)
            .reshape(b, lk, self.kv_heads, self.head_dim)
            .transpose(0, 2, 1, 3)
        )
        if self.heads != self.kv_heads:
            k = np.repeat(k, self.heads // self.kv_heads, axis=1)
            v = np.repeat(v, self.heads // self.kv_heads, axis=1)
        logits = (q @ k) * np.float32(1.0 / math.sqrt(self.head_dim))
        weights = softmax(np.where(keep, logits, np.finfo(np.float32).min))
        return self.out((weights @ v).transpose(0, 2, 1, 3).reshape(b, lq, -1))


class AttentionModel:
    """fixtures/modules/attention.py's Model."""

    def __init__(self, p):
        self.norm, self.attn, self.proj = (
            LayerNorm(p["block"]["norm"]),
            Attention(p["block"]["attn"]),
            Linear(p["block"]["proj"]),
        )
        self.cross = Attention(p["cross"]["attn"])

    def __call__(self, x, context):
        causal = np.tri(x.shape[1], dtype=bool)
        h = self.norm(x)
        y = x + self.attn(h, h, causal)
        y = y + self.proj(gelu(y))
        keep = (context.sum(axis=-1) > 0.0)[:, None, None, :]
        logits = (y @ y.transpose(0, 2, 1)) * np.float32(1.0 / math.sqrt(y.shape[-1]))
        pooled = softmax(np.where(causal, logits, np.finfo(np.float32).min)) @ x
        return y, self.cross(y, context, keep), pooled


class Block:
    def __init__(self, p, heads):
        self.heads = heads
        self.norm1, self.norm2 = LayerNorm(p["norm1"]), LayerNorm(p["norm2"])
        self.qkv, self.out = (
            Linear(p["attention"]["qkv"]),
            Linear(p["attention"]["out"]),
        )
        self.fc1, self.fc2 = (
            Linear(p["mlp"]["layers"][0]),
            Linear(p["mlp"]["layers"][2]),
        )

    def __call__(self, x):
        b, length, dim = x.shape
        q, k, v = (
            self.qkv(self.norm1(x))
            .reshape(b, length, 3, self.heads, dim // self.heads)
            .transpose(2, 0, 3, 1, 4)
        )
        logits = (q @ k.transpose(0, 1, 3, 2)) / np.float32(
            math.sqrt(dim // self.heads)
        )
        weights = softmax(
            np.where(np.tri(length, dtype=bool), logits, np.float32(-1e9))
        )
        x = x + self.out((weights @ v).transpose(0, 2, 1, 3).reshape(b, length, dim))
        return x + self.fc2(gelu(self.fc1(self.norm2(x))))


class Transformer:
    """fixtures/modules/transformer.py's Transformer."""

    def __init__(self, p, heads):
        self.embedding, self.positions = (
            array(p["tokens"]["embedding"]),
            array(p["positions"]),
        )
        self.blocks = [Block(p["blocks"][i], heads) for i in sorted(p["blocks"])]
        self.norm = LayerNorm(p["norm"])

    def __call__(self, ids):
        x = self.embedding[ids] + self.positions[: ids.shape[1]]
        for block in self.blocks:
            x = block(x)
        return self.norm(x) @ self.embedding.T
