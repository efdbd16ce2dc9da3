import math


def resize_kernel(method, x):
    """jax.image.resize's kernels: triangle, Keys cubic, Lanczos of radius 3 or 5."""
    if method in ("linear", "bilinear", "trilinear", "triangle"):
        return max(0.0, 1.0 - x)
    if method in ("cubic", "bicubic", "tricubic"):
        if x >= 2.0:
            return 0.0
        if x >= 1.0:
            return ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
        return (1.5 * x - 2.5) * x * x + 1.0
    if method not in ("lanczos3", "lanczos5"):
        raise ValueError("unknown resize method: " + repr(method))
    radius = 3.0 if method == "lanczos3" else 5.0
    if x > radius:
        return 0.0
    if x <= 1e-3:
        return 1.0
    y = math.pi * x
    return radius * math.sin(y) * math.sin(y / radius) / (y * y)
