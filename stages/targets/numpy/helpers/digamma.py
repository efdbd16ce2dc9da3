import numpy as np


def digamma(x):
    """The digamma function, elementwise, in double precision: the reflection formula below 1/2, the recurrence
    up to 6 and the asymptotic series from there; NaN at the poles 0, -1, -2, ... as in JAX."""
    t = np.asarray(x, dtype=np.float64)
    pole = (t <= 0) & (np.floor(t) == t)
    t = np.where(pole, 1.0, t)
    reflect = t < 0.5
    z = np.where(reflect, 1.0 - t, t)
    shift = np.zeros_like(z)
    for _ in range(6):
        small = z < 6
        shift = shift - np.where(small, 1.0 / z, 0.0)
        z = np.where(small, z + 1.0, z)
    w = 1.0 / (z * z)
    series = w * (1 / 12 - w * (1 / 120 - w * (1 / 252 - w * (1 / 240 - w / 132))))
    out = np.log(z) - 0.5 / z - series + shift
    with np.errstate(divide="ignore"):
        out = np.where(reflect, out - np.pi / np.tan(np.pi * t), out)
    return np.where(pole, np.nan, out).astype(x.dtype)
