/**
 * The Python helpers of the `jax.random` draws that the targets' generators
 * have no one call for, per target. Each draws from the same distribution as
 * JAX, with the same shape and dtype: `categorical` by the Gumbel-max trick
 * JAX uses, `truncated_normal` by the inverse error function where the
 * framework has one (as JAX) and by redrawing outside the bounds on NumPy,
 * `orthogonal` from the QR decomposition of a normal draw, as JAX does.
 *
 * @module
 */
import NUMPY_BERNOULLI from "./numpy/bernoulli.py" with { type: "text" };
import TENSORFLOW_BERNOULLI from "./tensorflow/bernoulli.py" with { type: "text" };
import TORCH_BERNOULLI from "./torch/bernoulli.py" with { type: "text" };
import NUMPY_CATEGORICAL from "./numpy/categorical.py" with { type: "text" };
import TENSORFLOW_CATEGORICAL from "./tensorflow/categorical.py" with { type: "text" };
import TORCH_CATEGORICAL from "./torch/categorical.py" with { type: "text" };
import NUMPY_PERMUTATION from "./numpy/permutation.py" with { type: "text" };
import TENSORFLOW_PERMUTATION from "./tensorflow/permutation.py" with { type: "text" };
import TORCH_PERMUTATION from "./torch/permutation.py" with { type: "text" };
import NUMPY_TRUNCATED_NORMAL from "./numpy/truncated_normal.py" with { type: "text" };
import TENSORFLOW_TRUNCATED_NORMAL from "./tensorflow/truncated_normal.py" with { type: "text" };
import TORCH_TRUNCATED_NORMAL from "./torch/truncated_normal.py" with { type: "text" };
import { pyHelper } from "../../stages/targets/python_helper.ts";
import { orthogonalHelper } from "./orthogonal.ts";
import type { Helper } from "../../stages/targets/emitter.ts";
import type { LayerEmit } from "../target.ts";
import type { LayerOp } from "../../stages/ivy/layers.ts";

type Helpers = Readonly<Record<string, Helper>>;
type Draw = Extract<
  LayerOp,
  | "random_bernoulli"
  | "random_categorical"
  | "random_randint"
  | "random_permutation"
  | "random_truncated_normal"
  | "random_orthogonal"
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
    random_orthogonal: { emit: "orthogonal(key, n, m=m, dtype=dtype)", helpers: ["orthogonal"] },
  };
}

/** torch (generators are `torch.Generator`s). */
export const TORCH_RANDOM: Helpers = {
  bernoulli: pyHelper(TORCH_BERNOULLI),
  categorical: pyHelper(TORCH_CATEGORICAL),
  permutation: pyHelper(TORCH_PERMUTATION),
  truncated_normal: pyHelper(TORCH_TRUNCATED_NORMAL),
  orthogonal: orthogonalHelper({
    ns: "torch",
    normal: (shape) => `torch.randn(${shape}, generator=key, dtype=dtype)`,
    diagonal: (r) => `torch.diagonal(${r})`,
    transpose: (q) => `${q}.T`,
    imports: { torch: "import torch" },
  }),
};

/** TensorFlow (generators are `keras.random.SeedGenerator`s). */
export const TENSORFLOW_RANDOM: Helpers = {
  bernoulli: pyHelper(TENSORFLOW_BERNOULLI),
  categorical: pyHelper(TENSORFLOW_CATEGORICAL),
  permutation: pyHelper(TENSORFLOW_PERMUTATION),
  truncated_normal: pyHelper(TENSORFLOW_TRUNCATED_NORMAL),
  orthogonal: orthogonalHelper({
    ns: "tf",
    normal: (shape) => `keras.random.normal(${shape}, dtype=dtype, seed=key)`,
    diagonal: (r) => `tf.linalg.diag_part(${r})`,
    transpose: (q) => `tf.transpose(${q})`,
    imports: { keras: "import keras", tf: "import tensorflow as tf" },
  }),
};

/** NumPy (generators are `np.random.Generator`s). */
export const NUMPY_RANDOM: Helpers = {
  bernoulli: pyHelper(NUMPY_BERNOULLI),
  categorical: pyHelper(NUMPY_CATEGORICAL),
  permutation: pyHelper(NUMPY_PERMUTATION),
  truncated_normal: pyHelper(NUMPY_TRUNCATED_NORMAL),
  orthogonal: orthogonalHelper({
    ns: "np",
    normal: (shape) => `key.standard_normal(${shape}, dtype=dtype)`,
    diagonal: (r) => `np.diagonal(${r})`,
    transpose: (q) => `${q}.T`,
    imports: { np: "import numpy as np" },
  }),
};
