/**
 * The Python helpers of the `jax.random` draws that the targets' generators
 * have no one call for, per target. Each draws from the same distribution as
 * JAX, with the same shape and dtype: `categorical` by the Gumbel-max trick
 * JAX uses, `truncated_normal` by the inverse error function where the
 * framework has one (as JAX) and by redrawing outside the bounds on NumPy.
 *
 * @module
 */

import type { LayerEmit } from "../target.ts";
import type { LayerOp } from "../../stages/ivy/layers.ts";

type Helpers = Readonly<Record<string, { readonly source: string }>>;
type Draw = Extract<
  LayerOp,
  "random_bernoulli" | "random_categorical" | "random_randint" | "random_permutation" | "random_truncated_normal"
>;

/**
 * The rows of the draws, the same on every target but for `randint`.
 *
 * @param randint The target's emission of `random_randint`.
 * @returns Layer op name to its row.
 */
export function randomDraws(randint: string): Record<Draw, LayerEmit> {
  return {
    random_bernoulli: { emit: "bernoulli(key, p=p, shape=shape)", helpers: ["bernoulli"] },
    random_categorical: { emit: "categorical(key, logits, axis=axis)", helpers: ["categorical"] },
    random_randint: { emit: randint },
    random_permutation: { emit: "permutation(key, x, axis=axis)", helpers: ["permutation"] },
    random_truncated_normal: {
      emit: "truncated_normal(key, lower, upper, shape=shape, dtype=dtype)",
      helpers: ["truncated_normal"],
    },
  };
}

/** torch (generators are `torch.Generator`s). */
export const TORCH_RANDOM: Helpers = {
  bernoulli: {
    source: `
def bernoulli(key, p=0.5, shape=None):
    """jax.random.bernoulli: True with probability p, of shape \`shape\` (p's if None)."""
    p = torch.as_tensor(p, dtype=torch.float32)
    return torch.rand(p.shape if shape is None else shape, generator=key) < p
`,
  },
  categorical: {
    source: `
def categorical(key, logits, axis=-1):
    """jax.random.categorical: an int32 index along axis drawn with probabilities softmax(logits)."""
    u = torch.rand(logits.shape, generator=key).clamp(min=torch.finfo(torch.float32).tiny)
    return torch.argmax(logits - torch.log(-torch.log(u)), dim=axis).int()
`,
  },
  permutation: {
    source: `
def permutation(key, x, axis=0):
    """jax.random.permutation: a shuffled int32 range(x) for an int, else x shuffled along axis."""
    if isinstance(x, int):
        return torch.randperm(x, generator=key, dtype=torch.int32)
    return torch.index_select(x, axis, torch.randperm(x.shape[axis], generator=key))
`,
  },
  truncated_normal: {
    source: `
def truncated_normal(key, lower, upper, shape=None, dtype=torch.float32):
    """jax.random.truncated_normal, drawn as JAX does: sqrt(2) * erfinv(u), u uniform in (erf(lower / sqrt(2)), erf(upper / sqrt(2)))."""
    a = torch.erf(torch.as_tensor(lower, dtype=dtype) / math.sqrt(2))
    b = torch.erf(torch.as_tensor(upper, dtype=dtype) / math.sqrt(2))
    shape = torch.broadcast_shapes(a.shape, b.shape) if shape is None else shape
    u = a + (b - a) * torch.rand(shape, generator=key, dtype=dtype)
    return torch.clamp(math.sqrt(2) * torch.special.erfinv(u), lower, upper)
`,
  },
};

/** TensorFlow (generators are `keras.random.SeedGenerator`s). */
export const TENSORFLOW_RANDOM: Helpers = {
  bernoulli: {
    source: `
def bernoulli(key, p=0.5, shape=None):
    """jax.random.bernoulli: True with probability p, of shape \`shape\` (p's if None)."""
    p = tf.convert_to_tensor(p, dtype=tf.float32)
    return keras.random.uniform(p.shape if shape is None else shape, seed=key) < p
`,
  },
  categorical: {
    source: `
def categorical(key, logits, axis=-1):
    """jax.random.categorical: an int32 index along axis drawn with probabilities softmax(logits)."""
    u = keras.random.uniform(tf.shape(logits), minval=1.1754944e-38, seed=key)
    return tf.argmax(logits - tf.math.log(-tf.math.log(u)), axis=axis, output_type=tf.int32)
`,
  },
  permutation: {
    source: `
def permutation(key, x, axis=0):
    """jax.random.permutation: a shuffled int32 range(x) for an int, else x shuffled along axis."""
    if isinstance(x, int):
        return keras.random.shuffle(tf.range(x), seed=key)
    return tf.gather(x, keras.random.shuffle(tf.range(tf.shape(x)[axis]), seed=key), axis=axis)
`,
  },
  truncated_normal: {
    source: `
def truncated_normal(key, lower, upper, shape=None, dtype=tf.float32):
    """jax.random.truncated_normal, drawn as JAX does: sqrt(2) * erfinv(u), u uniform in (erf(lower / sqrt(2)), erf(upper / sqrt(2)))."""
    a = tf.math.erf(tf.cast(lower, dtype) / math.sqrt(2))
    b = tf.math.erf(tf.cast(upper, dtype) / math.sqrt(2))
    shape = tf.broadcast_static_shape(a.shape, b.shape) if shape is None else shape
    u = a + (b - a) * keras.random.uniform(shape, dtype=dtype, seed=key)
    return tf.clip_by_value(math.sqrt(2) * tf.math.erfinv(u), lower, upper)
`,
  },
};

/** NumPy (generators are `np.random.Generator`s). */
export const NUMPY_RANDOM: Helpers = {
  bernoulli: {
    source: `
def bernoulli(key, p=0.5, shape=None):
    """jax.random.bernoulli: True with probability p, of shape \`shape\` (p's if None)."""
    return key.random(np.shape(p) if shape is None else shape) < p
`,
  },
  categorical: {
    source: `
def categorical(key, logits, axis=-1):
    """jax.random.categorical: an int32 index along axis drawn with probabilities softmax(logits)."""
    u = key.uniform(np.finfo(np.float32).tiny, 1.0, np.shape(logits))
    return np.argmax(logits - np.log(-np.log(u)), axis=axis).astype(np.int32)
`,
  },
  permutation: {
    source: `
def permutation(key, x, axis=0):
    """jax.random.permutation: a shuffled int32 range(x) for an int, else x shuffled along axis."""
    if isinstance(x, int):
        return key.permutation(x).astype(np.int32)
    return key.permutation(x, axis=axis)
`,
  },
  truncated_normal: {
    source: `
def truncated_normal(key, lower, upper, shape=None, dtype=np.float32):
    """jax.random.truncated_normal: standard normal draws, each redrawn until inside (lower, upper)."""
    if shape is None:
        shape = np.broadcast_shapes(np.shape(lower), np.shape(upper))
    x = key.standard_normal(shape)
    outside = (x <= lower) | (x >= upper)
    while np.any(outside):
        x = np.where(outside, key.standard_normal(shape), x)
        outside = (x <= lower) | (x >= upper)
    return x.astype(dtype)
`,
  },
};
