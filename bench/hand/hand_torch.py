"""The bench models ported to PyTorch by hand, as a torch user would write them.

Each class is built from the Flax model's parameters (`nnx.state(model, nnx.Param)
.to_pure_dict()`, arrays as NumPy): Linear kernels (in, out) become weights (out, in),
attention projections are fused where torch allows (`F.scaled_dot_product_attention`).
"""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def tensor(array) -> nn.Parameter:
    return nn.Parameter(torch.tensor(np.asarray(array)), requires_grad=False)


def linear(p) -> nn.Linear:
    kernel = np.asarray(p["kernel"])
    layer = nn.Linear(*kernel.shape, bias="bias" in p)
    layer.weight = tensor(kernel.T)
    if "bias" in p:
        layer.bias = tensor(p["bias"])
    return layer


def layer_norm(p) -> nn.LayerNorm:
    layer = nn.LayerNorm(np.asarray(p["scale"]).shape[0], eps=1e-6)
    layer.weight, layer.bias = tensor(p["scale"]), tensor(p["bias"])
    return layer


class MLP(nn.Module):
    """fixtures/modules/mlp.py (dropout is deterministic there)."""

    def __init__(self, p):
        super().__init__()
        self.fc1, self.norm, self.fc2 = (
            linear(p["fc1"]),
            layer_norm(p["norm"]),
            linear(p["fc2"]),
        )

    def forward(self, x):
        h = F.gelu(self.norm(self.fc1(x)), approximate="tanh")
        return torch.log_softmax(self.fc2(h), dim=-1)


class Attention(nn.Module):
    """nnx.MultiHeadAttention's projections as flat Linear layers; masks are additive
    floats at the dtype's minimum, as Flax masks logits."""

    def __init__(self, p):
        super().__init__()
        q, k, v, o = (
            np.asarray(p[n]["kernel"]) for n in ("query", "key", "value", "out")
        )
        self.heads, self.kv_heads, self.head_dim = q.shape[1], k.shape[1], q.shape[2]
        bias = "bias" in p["query"]

        def flat(name, kernel):
            sub = {"kernel": kernel.reshape(kernel.shape[0], -1)}
            if bias:
                sub["bias"] = np.asarray(p[name]["bias"]).reshape(-1)
            return linear(sub)

        self.query, self.key, self.value = (
            flat("query", q),
            flat("key", k),
            flat("value", v),
        )
        out = {"kernel": o.reshape(-1, o.shape[-1])}
        if bias:
            out["bias"] = p["out"]["bias"]
        self.out = linear(out)

    def forward(self, x, context, mask):
        b, lq, _ = x.shape
        lk = context.shape[1]
        q = self.query(x).view(b, lq, self.heads, self.head_dim).transpose(1, 2)
        k = self.key(context).view(b, lk, self.kv_heads, self.head_dim).transpose(1, 2)
        v = (
            self.value(context)
            .view(b, lk, self.kv_heads, self.head_dim)
            .transpose(1, 2)
        )
        y = F.scaled_dot_product_attention(
            q, k, v, attn_mask=mask, enable_gqa=self.heads != self.kv_heads
        )
        return self.out(y.transpose(1, 2).reshape(b, lq, -1))


class AttentionModel(nn.Module):
    """fixtures/modules/attention.py's Model."""

    def __init__(self, p):
        super().__init__()
        self.norm, self.attn, self.proj = (
            layer_norm(p["block"]["norm"]),
            Attention(p["block"]["attn"]),
            linear(p["block"]["proj"]),
        )
        self.cross = Attention(p["cross"]["attn"])

    def forward(self, x, context):
        length = x.shape[1]
        causal = torch.ones(length, length, dtype=torch.bool).tril()
        additive = torch.zeros(length, length).masked_fill(
            ~causal, torch.finfo(x.dtype).min
        )
        h = self.norm(x)
        y = x + self.attn(h, h, additive)
        y = y + self.proj(F.gelu(y, approximate="tanh"))
        keep = context.sum(-1) > 0.0
        cross_mask = torch.zeros(keep.shape).masked_fill(
            ~keep, torch.finfo(x.dtype).min
        )[:, None, None, :]
        pooled = F.scaled_dot_product_attention(
            y[:, None], y[:, None], x[:, None], is_causal=True
        )[:, 0]
        return y, self.cross(y, context, cross_mask), pooled


class Block(nn.Module):
    def __init__(self, p, heads):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = layer_norm(p["norm1"]), layer_norm(p["norm2"])
        self.qkv, self.out = (
            linear(p["attention"]["qkv"]),
            linear(p["attention"]["out"]),
        )
        self.fc1, self.fc2 = (
            linear(p["mlp"]["layers"][0]),
            linear(p["mlp"]["layers"][2]),
        )

    def forward(self, x):
        b, length, dim = x.shape
        q, k, v = (
            self.qkv(self.norm1(x))
            .view(b, length, 3, self.heads, dim // self.heads)
            .permute(2, 0, 3, 1, 4)
        )
        logits = q @ k.transpose(-1, -2) / math.sqrt(dim // self.heads)
        causal = torch.ones(length, length, dtype=torch.bool).tril()
        weights = torch.softmax(logits.masked_fill(~causal, -1e9), dim=-1)
        y = (weights @ v).transpose(1, 2).reshape(b, length, dim)
        x = x + self.out(y)
        return x + self.fc2(F.gelu(self.fc1(self.norm2(x)), approximate="tanh"))


class Transformer(nn.Module):
    """fixtures/modules/transformer.py's Transformer."""

    def __init__(self, p, heads):
        super().__init__()
        self.embedding = tensor(p["tokens"]["embedding"])
        self.positions = tensor(p["positions"])
        self.blocks = nn.ModuleList(
            Block(p["blocks"][i], heads) for i in sorted(p["blocks"])
        )
        self.norm = layer_norm(p["norm"])

    def forward(self, ids):
        x = F.embedding(ids, self.embedding) + self.positions[: ids.shape[1]]
        for block in self.blocks:
            x = block(x)
        return self.norm(x) @ self.embedding.T
