/**
 * Flax NNX's recurrent cells (`SimpleCell`, `LSTMCell`, `OptimizedLSTMCell`,
 * `GRUCell`) with their base `RNNCellBase`, `RNN` and `Bidirectional` on
 * every target, one template over what the frameworks spell differently: the
 * base class and its constructor call, the call method's name, the default
 * `gate_fn` and `activation_fn`, Keras' `built` flag, and array functions
 * (concatenation, split, stack, ...). The constructors (Flax's argument
 * defaults, Linear layers under Flax's names, in Flax's order, the recurrent
 * kernel orthogonal by default), the steps and the calls of `RNN` and
 * `Bidirectional` are the same Python on every target; `RNN` calls the
 * target's `flip_sequences` and `select_carry` (`<target>/recurrent.py`).
 *
 * @module
 */

/** How a target writes the parts of the recurrent classes that differ. */
export interface RecurrentSpelling {
  /** The base class of a layer (`torch.nn.Module`, `keras.Layer`), none for a plain class (NumPy). */
  readonly base?: string;
  /** The name of the method a call runs (`forward`, `call`, `__call__`). */
  readonly call: string;
  /** The default `gate_fn` (`torch.sigmoid`; NumPy's `sigmoid` helper). */
  readonly sigmoid: string;
  /** The default `activation_fn` (`torch.tanh`). */
  readonly tanh: string;
  /** Whether the constructor marks the layer built (Keras: its weights all exist, `build` never runs). */
  readonly built: boolean;
  /** The function that concatenates a list of arrays along `axis` (`torch.cat`, `np.concatenate`). */
  readonly concat: string;
  /** The name of the axis keyword (`dim`, `axis`). */
  readonly axis: string;
  /** The split of `x` on the last axis into `parts` equal parts of `self.hidden_features` each. */
  readonly split: (x: string, parts: number) => string;
  /** The function that stacks a list of arrays along a new `axis` (`torch.stack`). */
  readonly stack: string;
  /** The number of axes of the array `x`. */
  readonly rank: (x: string) => string;
  /** The integer array of the sequence lengths `x` (a list, an array). */
  readonly lengths: (x: string) => string;
  /** The iterable of the slices of the array `x` along `time_axis`. */
  readonly unstack: (x: string) => string;
  /** The float32 zeros of the shape whose sizes are `dims` (Python, comma-separated: `*shape[:-1], n`). */
  readonly zeros: (dims: string) => string;
  /** The float zeros of `(*inputs.shape[:-1], self.cell.hidden_features)`, as a line of `RNN.call` (12 spaces in) ends. */
  readonly emptyOutputs: string;
}

/**
 * The sources of the cells, `RNNCellBase`, `RNN` and `Bidirectional`, as helper sources are written (a leading newline).
 *
 * @param s The target's spelling.
 * @returns Each class's source by its name.
 * @example The GRU cell of the target whose spelling is `s` (as `recurrent.ts` gives each target's)
 * ```ts
 * recurrentSources(s).GRUCell; // "\nclass GRUCell(RNNCellBase): ..."
 * ```
 */
export function recurrentSources(s: RecurrentSpelling): Record<string, string> {
  const superInit = s.base ? "        super().__init__()\n" : "";
  const init = (args: readonly (readonly [string, string])[]) =>
    `    def __init__(
        self,
        in_features,
        hidden_features,
${args.map(([name, value]) => `        ${name}=${value},\n`).join("")}        kernel_init=None,
        recurrent_kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
${superInit}        self.hidden_features = hidden_features
${args.map(([name]) => `        self.${name} = ${name}\n`).join("")}`;
  const gated = init([["gate_fn", s.sigmoid], ["activation_fn", s.tanh]]);
  const built = s.built
    ? "        self.built = True  # every weight exists: project and step are called directly\n"
    : "";
  // RNN's and Bidirectional's: a constructor that keeps its arguments, a call that takes Flax's RNN call arguments
  const stored = (args: readonly string[]) =>
    `    def __init__(
        self,
${args.map((arg) => `        ${arg},\n`).join("")}    ):
${superInit}${args.map((arg) => `        self.${arg.split("=")[0]} = ${arg.split("=")[0]}\n`).join("")}`;
  const call = `    def ${s.call}(
        self,
        inputs,
        *,
        initial_carry=None,
        seq_lengths=None,
        return_carry=None,
        time_major=None,
        reverse=None,
        keep_order=None,
        rngs=None,
    ):
        return_carry = self.return_carry if return_carry is None else return_carry
        time_major = self.time_major if time_major is None else time_major
`;
  const projectDense = `
    def project(self, inputs):
        return self.dense_i(inputs)
`;
  return {
    RNNCellBase: `
class RNNCellBase${s.base ? `(${s.base})` : ""}:
    """What the recurrent cells share. A cell's step splits in two: project(inputs), the
    input's part, which nnx.RNN computes for a whole sequence at once, and
    step(carry, projected), the recurrent part; cell(carry, inputs) is both. The kernels
    start as Flax's: kernel_init's on the input side (LeCun normal by default),
    recurrent_kernel_init's on the hidden side (orthogonal), bias_init's bias (zeros)."""

    carry_parts = 1

    def ${s.call}(self, carry, inputs):
        return self.step(carry, self.project(inputs))

    def initialize_carry(self, input_shape, rngs=None, carry_init=None):
        """Zeros of (*input_shape[:-1], hidden_features), as Flax's default carry_init;
        rngs draws nothing for zeros."""
        if carry_init is not None:
            raise NotImplementedError(
                "initialize_carry: only the zero carry is translated"
            )
        zeros = ${s.zeros("*input_shape[:-1], self.hidden_features")}
        return zeros if self.carry_parts == 1 else (zeros,) * self.carry_parts
`,
    SimpleCell: `
class SimpleCell(RNNCellBase):
    """nnx.SimpleCell: h' = activation_fn(dense_i(x) + dense_h(h)), plus h inside when
    residual; dense_i holds the bias."""

${init([["residual", "False"], ["activation_fn", s.tanh]])}        self.dense_h = Linear(
            hidden_features,
            hidden_features,
            use_bias=False,
            kernel_init=recurrent_kernel_init or orthogonal_kernel,
            rngs=rngs,
        )
        self.dense_i = Linear(
            in_features,
            hidden_features,
            kernel_init=kernel_init,
            bias_init=bias_init,
            rngs=rngs,
        )
${built}${projectDense}
    def step(self, carry, projected):
        h = projected + self.dense_h(carry)
        if self.residual:
            h = h + carry
        h = self.activation_fn(h)
        return h, h
`,
    LSTMCell: `
class LSTMCell(RNNCellBase):
    """nnx.LSTMCell: one Linear per gate and side, Flax's names (ii, if_, ig, io without a
    bias; hi, hf, hg, ho with one); the carry is (memory, output)."""

    carry_parts = 2

${gated}        input_side = {"use_bias": False, "kernel_init": kernel_init, "rngs": rngs}
        self.ii = Linear(in_features, hidden_features, **input_side)
        self.if_ = Linear(in_features, hidden_features, **input_side)
        self.ig = Linear(in_features, hidden_features, **input_side)
        self.io = Linear(in_features, hidden_features, **input_side)
        recurrent = recurrent_kernel_init or orthogonal_kernel
        hidden_side = {"kernel_init": recurrent, "bias_init": bias_init, "rngs": rngs}
        self.hi = Linear(hidden_features, hidden_features, **hidden_side)
        self.hf = Linear(hidden_features, hidden_features, **hidden_side)
        self.hg = Linear(hidden_features, hidden_features, **hidden_side)
        self.ho = Linear(hidden_features, hidden_features, **hidden_side)
${built}
    def project(self, inputs):
        return ${s.concat}(
            [self.ii(inputs), self.if_(inputs), self.ig(inputs), self.io(inputs)],
            ${s.axis}=-1,
        )

    def step(self, carry, projected):
        c, h = carry
        xi, xf, xg, xo = ${s.split("projected", 4)}
        gates = (xi + self.hi(h), xf + self.hf(h), xg + self.hg(h), xo + self.ho(h))
        c, h = lstm_update(c, gates, self.gate_fn, self.activation_fn)
        return (c, h), h
`,
    OptimizedLSTMCell: `
class OptimizedLSTMCell(RNNCellBase):
    """nnx.OptimizedLSTMCell: the four gates in one Linear per side (dense_i without a
    bias, dense_h with one), split in Flax's order i, f, g, o; the carry is (memory, output)."""

    carry_parts = 2

${gated}        self.dense_i = Linear(
            in_features,
            4 * hidden_features,
            use_bias=False,
            kernel_init=kernel_init,
            rngs=rngs,
        )
        self.dense_h = Linear(
            hidden_features,
            4 * hidden_features,
            kernel_init=recurrent_kernel_init or orthogonal_kernel,
            bias_init=bias_init,
            rngs=rngs,
        )
${built}${projectDense}
    def step(self, carry, projected):
        c, h = carry
        gates = ${s.split("projected + self.dense_h(h)", 4)}
        c, h = lstm_update(c, gates, self.gate_fn, self.activation_fn)
        return (c, h), h
`,
    GRUCell: `
class GRUCell(RNNCellBase):
    """nnx.GRUCell: dense_i (with the bias) and dense_h (without) each give r, z, n;
    n = activation_fn(x_n + r * h_n), h' = (1 - z) * n + z * h."""

${gated}        self.dense_i = Linear(
            in_features,
            3 * hidden_features,
            kernel_init=kernel_init,
            bias_init=bias_init,
            rngs=rngs,
        )
        self.dense_h = Linear(
            hidden_features,
            3 * hidden_features,
            use_bias=False,
            kernel_init=recurrent_kernel_init or orthogonal_kernel,
            rngs=rngs,
        )
${built}${projectDense}
    def step(self, carry, projected):
        xr, xz, xn = ${s.split("projected", 3)}
        hr, hz, hn = ${s.split("self.dense_h(carry)", 3)}
        r = self.gate_fn(xr + hr)
        z = self.gate_fn(xz + hz)
        n = self.activation_fn(xn + r * hn)
        h = (1.0 - z) * n + z * carry
        return h, h
`,
    RNN: `
class RNN${s.base ? `(${s.base})` : ""}:
    """nnx.RNN: the cell over the time axis of (*batch, time, features), or of
    (time, *batch, features) when time_major. The input's part of every step is one
    projection of the whole sequence. With seq_lengths, reverse flips each sequence's
    first seq_lengths steps and the carry returned is the one after them (Flax's
    outputs past a sequence's length are computed on the padding, not masked). rngs is
    accepted as Flax's is; the carry starts at zeros, which draw nothing."""

${stored(["cell", "time_major=False", "return_carry=False", "reverse=False", "keep_order=False"])}
${call}        reverse = self.reverse if reverse is None else reverse
        keep_order = self.keep_order if keep_order is None else keep_order
        time_axis = 0 if time_major else ${s.rank("inputs")} - 2
        if reverse:
            inputs = flip_sequences(inputs, seq_lengths, time_axis)
        carry = initial_carry
        if carry is None:
            carry = self.cell.initialize_carry(
                inputs.shape[:time_axis] + inputs.shape[time_axis + 1 :]
            )
        steps = inputs.shape[time_axis]
        last = None
        if seq_lengths is not None and return_carry:
            if not steps:
                raise ValueError(
                    "seq_lengths with no time steps: there is no last carry to select"
                )
            last, chosen = (${s.lengths("seq_lengths")} - 1) % steps, carry
        outputs = []
        for t, x in enumerate(${s.unstack("self.cell.project(inputs)")}):
            carry, y = self.cell.step(carry, x)
            outputs.append(y)
            if last is not None:
                chosen = select_carry(last == t, carry, chosen)
        if outputs:
            outputs = ${s.stack}(outputs, ${s.axis}=time_axis)
        else:
            outputs = ${s.emptyOutputs}
        if reverse and keep_order:
            outputs = flip_sequences(outputs, seq_lengths, time_axis)
        if last is not None:
            carry = chosen
        return (carry, outputs) if return_carry else outputs
`,
    Bidirectional: `
class Bidirectional${s.base ? `(${s.base})` : ""}:
    """nnx.Bidirectional: forward_rnn over the sequence, backward_rnn over it reversed
    (each sequence's first seq_lengths steps) with its outputs put back in order, merged
    by merge_fn (default: concatenated on the last axis); the carry is (forward, backward)."""

${stored(["forward_rnn", "backward_rnn", "merge_fn=None", "time_major=False", "return_carry=False"])}
${call}        forward_carry, backward_carry = (
            (None, None) if initial_carry is None else initial_carry
        )
        forward_carry, forward_outputs = self.forward_rnn(
            inputs,
            initial_carry=forward_carry,
            seq_lengths=seq_lengths,
            return_carry=True,
            time_major=time_major,
            reverse=False,
        )
        backward_carry, backward_outputs = self.backward_rnn(
            inputs,
            initial_carry=backward_carry,
            seq_lengths=seq_lengths,
            return_carry=True,
            time_major=time_major,
            reverse=True,
            keep_order=True,
        )
        if self.merge_fn is None:
            outputs = ${s.concat}([forward_outputs, backward_outputs], ${s.axis}=-1)
        else:
            outputs = self.merge_fn(forward_outputs, backward_outputs)
        return ((forward_carry, backward_carry), outputs) if return_carry else outputs
`,
  };
}
