import numpy as np


def categorical(key, logits, axis=-1):
    """jax.random.categorical: an int32 index along axis drawn with probabilities softmax(logits)."""
    u = key.uniform(np.finfo(np.float32).tiny, 1.0, np.shape(logits))
    return np.argmax(logits - np.log(-np.log(u)), axis=axis).astype(np.int32)
