/**
 * Flax NNX's recurrent layers on every target: `SimpleCell`, `LSTMCell`,
 * `OptimizedLSTMCell`, `GRUCell`, `RNN` and `Bidirectional` are helper
 * classes, each a helper of its own, added only when used, written as one
 * template over the frameworks' spellings (`recurrent_template.ts`), with
 * the cells' base `RNNCellBase`; the functions `RNN` calls are one Python
 * file per target (`<target>/recurrent.py`). The cells are made
 * of the target's `Linear` layers under Flax's names (`ii`, `if_`, ...,
 * `dense_i`, `dense_h`), so `load_flax_state` copies their kernels and
 * biases as it copies any Linear's. Native recurrent layers are not used:
 * `torch.nn.LSTM`/`GRU` and Keras' `LSTM`/`GRU` pack the gates of a side
 * into one weight with a bias on both sides (Flax: one Linear per gate and
 * side in `LSTMCell`, the bias on one side only), have no `gate_fn` or
 * `activation_fn` arguments, carry `(h, c)` where Flax carries `(c, h)`, and
 * mask padded steps where Flax's `RNN` computes them.
 *
 * `RNN` computes the input's part of every step (`cell.project`) for the
 * whole sequence in one matmul, then loops over time steps with the
 * recurrent part (`cell.step`); Flax's sum `dense_i(x) + dense_h(h)` is the
 * same either way.
 *
 * @module
 */
import type { Helper } from "../../stages/targets/emitter.ts";
import type { LayerEmit } from "../target.ts";
import { numpyHelpers } from "../../stages/targets/numpy/helpers.ts";
import TORCH from "./torch/recurrent.py" with { type: "text" };
import TENSORFLOW from "./tensorflow/recurrent.py" with { type: "text" };
import NUMPY from "./numpy/recurrent.py" with { type: "text" };
import LSTM_UPDATE from "./shared/lstm_update.py" with { type: "text" };
import ORTHOGONAL_KERNEL from "./shared/orthogonal_kernel.py" with { type: "text" };
import { pyHelper } from "../../stages/targets/python_helper.ts";
import { recurrentSources, type RecurrentSpelling } from "./recurrent_template.ts";

/**
 * The top-level definitions of a Python source, by name: each `class` or
 * `def` with the lines up to the next one.
 *
 * @param source Python source holding only definitions.
 * @returns Each definition's source, as a helper's source is written (a leading newline).
 */
export function definitions(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const chunk of source.split(/^(?=class |def )/m)) {
    const name = /^(?:class|def) (\w+)/.exec(chunk)?.[1];
    if (name) out.set(name, `\n${chunk.trimEnd()}\n`);
  }
  return out;
}

/** The recurrent layer ops, all written as a helper class of the op's name. */
type RecurrentOp = "SimpleCell" | "LSTMCell" | "OptimizedLSTMCell" | "GRUCell" | "RNN" | "Bidirectional";

/**
 * A target's recurrent helpers.
 *
 * @param source The target's `recurrent.py` (the functions `RNN` calls).
 * @param spelling How the target writes the classes (`recurrent_template.ts`).
 * @param linear The helper a cell's Linear layers are on this target, if one.
 * @param gate The helper the default `gate_fn` is on this target, by name, if one (NumPy's `sigmoid`, an op
 *   helper too: the same source, added once).
 * @returns The helpers by name, for the target's `helpers`.
 */
function recurrentHelpers(
  source: string,
  spelling: RecurrentSpelling,
  linear: readonly string[],
  gate: Readonly<Record<string, Helper>> = {},
): Record<string, Helper> {
  const defs = new Map([...definitions(source), ...Object.entries(recurrentSources(spelling))]);
  const helper = (name: string, needs: readonly string[] = []): Helper => {
    const text = defs.get(name);
    if (!text) throw new Error(`recurrent.py: no definition of ${name}`);
    return { source: text, needs };
  };
  const cell = ["RNNCellBase", "orthogonal_kernel", ...linear];
  const gated = [...cell, ...Object.keys(gate)];
  return {
    ...gate,
    lstm_update: { source: `\n${LSTM_UPDATE.trimEnd()}\n` },
    orthogonal_kernel: pyHelper(ORTHOGONAL_KERNEL),
    RNNCellBase: helper("RNNCellBase"),
    SimpleCell: helper("SimpleCell", cell),
    LSTMCell: helper("LSTMCell", [...gated, "lstm_update"]),
    OptimizedLSTMCell: helper("OptimizedLSTMCell", [...gated, "lstm_update"]),
    GRUCell: helper("GRUCell", gated),
    flip_sequences: helper("flip_sequences"),
    select_carry: helper("select_carry"),
    RNN: helper("RNN", ["flip_sequences", "select_carry"]),
    Bidirectional: helper("Bidirectional"),
  };
}

/** The torch recurrent helpers (cells over the `Linear` helper, a `torch.nn.Linear` with Flax's initial values). */
export const TORCH_RECURRENT: Readonly<Record<string, Helper>> = recurrentHelpers(TORCH, {
  base: "torch.nn.Module",
  call: "forward",
  sigmoid: "torch.sigmoid",
  tanh: "torch.tanh",
  built: false,
  concat: "torch.cat",
  axis: "dim",
  split: (x) => `torch.split(${x}, self.hidden_features, dim=-1)`,
  stack: "torch.stack",
  zeros: (dims) => `torch.zeros(${dims})`,
  rank: (x) => `${x}.ndim`,
  lengths: (x) => `torch.as_tensor(${x})`,
  unstack: (x) => `torch.unbind(${x}, time_axis)`,
  emptyOutputs: "inputs.new_zeros(*inputs.shape[:-1], self.cell.hidden_features)",
}, ["Linear"]);
/** The TensorFlow recurrent helpers (cells over the `Linear` helper, a Dense layer). */
export const TENSORFLOW_RECURRENT: Readonly<Record<string, Helper>> = recurrentHelpers(TENSORFLOW, {
  base: "keras.Layer",
  call: "call",
  sigmoid: "tf.sigmoid",
  tanh: "tf.tanh",
  built: true,
  concat: "tf.concat",
  axis: "axis",
  split: (x, parts) => `tf.split(${x}, ${parts}, axis=-1)`,
  stack: "tf.stack",
  zeros: (dims) => `tf.zeros([${dims}])`,
  rank: (x) => `len(${x}.shape)`,
  lengths: (x) => `tf.cast(${x}, tf.int32)`,
  unstack: (x) => `tf.unstack(${x}, axis=time_axis)`,
  emptyOutputs: "tf.zeros([*inputs.shape[:-1], self.cell.hidden_features])",
}, ["Linear"]);
/** The NumPy recurrent helpers (cells over the `Linear` helper; `sigmoid` is the default gate). */
export const NUMPY_RECURRENT: Readonly<Record<string, Helper>> = recurrentHelpers(
  NUMPY,
  {
    call: "__call__",
    sigmoid: "sigmoid",
    tanh: "np.tanh",
    built: false,
    concat: "np.concatenate",
    axis: "axis",
    split: (x, parts) => `np.split(${x}, ${parts}, axis=-1)`,
    stack: "np.stack",
    zeros: (dims) => `np.zeros((${dims}), dtype=np.float32)`,
    rank: (x) => `${x}.ndim`,
    lengths: (x) => `np.asarray(${x})`,
    unstack: (x) => `np.moveaxis(${x}, time_axis, 0)`,
    emptyOutputs: `np.zeros(
                (*inputs.shape[:-1], self.cell.hidden_features), dtype=inputs.dtype
            )`,
  },
  ["Linear"],
  {
    sigmoid: numpyHelpers.sigmoid,
  },
);

/**
 * The emission rows of the recurrent ops, the same on every target.
 *
 * A cell draws its initial weights from the `rngs` it was given, with the
 * initializers the call gives (Flax's defaults where it gives none).
 *
 * @returns The rows.
 */
export function recurrentEmits(): Record<RecurrentOp, LayerEmit> {
  const inits = "kernel_init=kernel_init, recurrent_kernel_init=recurrent_kernel_init, bias_init=bias_init";
  const cell = (name: string, args: string): LayerEmit => ({
    emit: `${name}(in_features, hidden_features, ${args}, ${inits}, rngs=rngs)`,
    helpers: [name],
  });
  const gates = "gate_fn=gate_fn, activation_fn=activation_fn";
  return {
    SimpleCell: cell("SimpleCell", "residual=residual, activation_fn=activation_fn"),
    LSTMCell: cell("LSTMCell", gates),
    OptimizedLSTMCell: cell("OptimizedLSTMCell", gates),
    GRUCell: cell("GRUCell", gates),
    RNN: {
      emit: "RNN(cell, time_major=time_major, return_carry=return_carry, reverse=reverse, keep_order=keep_order)",
      helpers: ["RNN"],
    },
    Bidirectional: {
      emit: "Bidirectional(forward_rnn, backward_rnn, merge_fn=merge_fn, time_major=time_major, " +
        "return_carry=return_carry)",
      helpers: ["Bidirectional"],
    },
  };
}
