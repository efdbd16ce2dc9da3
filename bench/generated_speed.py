"""Speed of generated torch code against hand-written torch, for one fixture.

Usage: .venv/bin/python bench/generated_speed.py

Times `mlp_forward` of `snapshots/functions/seed_example/torch.py` (the
transpiler's output for `fixtures/functions/seed_example.py`) against the
same computation written by hand twice: ported line by line (the
transpiler's overhead), and as a torch user would (`F.layer_norm`, fused).
Prints the times and ratios from one run (best of 7 repeats, CPU, one
thread).
"""

from __future__ import annotations

import importlib.util
import timeit
from pathlib import Path

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "snapshots" / "functions" / "seed_example" / "torch.py"


def load_generated():
    spec = importlib.util.spec_from_file_location("seed_example_torch", SNAPSHOT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def hand_written_literal(x, w1, b1, w2, b2, scale, bias):
    """What a person porting the JAX source line by line would write."""
    h = F.gelu(x @ w1 + b1, approximate="tanh")
    mean = h.mean(-1, keepdim=True)
    var = (h - mean).square().mean(-1, keepdim=True)
    h = (h - mean) / torch.sqrt(var + 1e-6) * scale + bias
    return torch.softmax(h @ w2 + b2, dim=-1)


def hand_written_mlp(x, w1, b1, w2, b2, scale, bias):
    """What a torch user would write: the fused layer norm."""
    h = F.gelu(x @ w1 + b1, approximate="tanh")
    h = F.layer_norm(h, h.shape[-1:], scale, bias, eps=1e-6)
    return torch.softmax(h @ w2 + b2, dim=-1)


def best_time(fn, args, number: int, repeat: int = 7) -> float:
    with torch.no_grad():
        fn(*args)  # warm up
        return (
            min(timeit.repeat(lambda: fn(*args), number=number, repeat=repeat)) / number
        )


def main() -> None:
    torch.set_num_threads(1)
    generated = load_generated()
    g = torch.Generator().manual_seed(0)
    rows = []
    for batch, din, hidden, dout in ((8, 16, 32, 4), (256, 256, 1024, 128)):
        args = [
            torch.randn(batch, din, generator=g),
            torch.randn(din, hidden, generator=g) / din**0.5,
            torch.randn(hidden, generator=g),
            torch.randn(hidden, dout, generator=g) / hidden**0.5,
            torch.randn(dout, generator=g),
            torch.randn(hidden, generator=g),
            torch.randn(hidden, generator=g),
        ]
        with torch.no_grad():
            want = hand_written_mlp(*args)
            for fn in (generated.mlp_forward, hand_written_literal):
                torch.testing.assert_close(fn(*args), want, rtol=1e-5, atol=1e-6)
        number = 2000 if batch < 100 else 50
        times = [
            best_time(fn, args, number)
            for fn in (generated.mlp_forward, hand_written_literal, hand_written_mlp)
        ]
        rows.append((f"batch {batch}, {din}->{hidden}->{dout}", *times))
    print(f"torch {torch.__version__}, CPU, 1 thread: seed_example.mlp_forward")
    print(
        f"{'size':<30}{'generated':>11}{'ported':>11}{'idiomatic':>11}"
        f"{'gen/ported':>12}{'gen/idiom':>11}"
    )
    for name, t_gen, t_port, t_idiom in rows:
        print(
            f"{name:<30}{t_gen * 1e6:>9.1f}us{t_port * 1e6:>9.1f}us"
            f"{t_idiom * 1e6:>9.1f}us{t_gen / t_port:>12.2f}{t_gen / t_idiom:>11.2f}"
        )


if __name__ == "__main__":
    main()
