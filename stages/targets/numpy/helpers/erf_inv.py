import math

import numpy as np


def erf_inv(x):
    """The inverse error function, elementwise: Giles' single-precision approximation, refined by two Newton
    steps in double precision, then rounded to x's dtype. +-inf at +-1 and NaN outside [-1, 1], as in JAX."""
    t = np.asarray(x, dtype=np.float64)
    inside = np.abs(t) < 1
    s = np.where(inside, t, 0.0)
    w = -np.log((1.0 - s) * (1.0 + s))
    near = w - 2.5
    p = 2.81022636e-08
    for c in (
        3.43273939e-07,
        -3.5233877e-06,
        -4.39150654e-06,
        0.00021858087,
        -0.00125372503,
        -0.00417768164,
        0.246640727,
        1.50140941,
    ):
        p = c + p * near
    far = np.sqrt(w) - 3.0
    q = -0.000200214257
    for c in (
        0.000100950558,
        0.00134934322,
        -0.00367342844,
        0.00573950773,
        -0.0076224613,
        0.00943887047,
        1.00167406,
        2.83297682,
    ):
        q = c + q * far
    y = np.where(w < 5.0, p, q) * s
    erf = np.vectorize(math.erf, otypes=[np.float64])
    for _ in range(2):
        y = y - (erf(y) - s) / (2.0 / math.sqrt(math.pi) * np.exp(-y * y))
    y = np.where(inside, y, np.where(np.abs(t) == 1, np.copysign(np.inf, t), np.nan))
    return y.astype(x.dtype)
