/**
 * Python helper sources that read the same on several targets: Flax's conv
 * sizes and padding rules (also transposed), and the `Rngs` class around each target's generator.
 *
 * @module
 */
import type { Helper } from "../../stages/targets/emitter.ts";
import type { LayerEmit } from "../target.ts";

/** Flax's explicit conv padding: `(low, high)` per spatial axis; `'SAME'` puts the smaller half first. */
export const CONV_PADDING: string = `
def conv_padding(padding, sizes, kernel_size, strides):
    """(low, high) padding per spatial axis, as Flax computes it."""
    if padding == "VALID":
        return [(0, 0)] * len(sizes)
    if padding == "SAME":
        pads = []
        for size, window, stride in zip(sizes, kernel_size, strides):
            total = max((-(size // -stride) - 1) * stride + window - size, 0)
            pads.append((total // 2, total - total // 2))
        return pads
    if isinstance(padding, int):
        return [(padding, padding)] * len(sizes)
    return [(p, p) if isinstance(p, int) else tuple(p) for p in padding]
`;

/** Flax's broadcasting of a conv layer's sizes: one int per spatial axis. */
export const CONV_SIZES: string = `
def conv_sizes(kernel_size, *values):
    """kernel_size as a tuple, then each value (an int, None for 1, or one int per spatial
    axis) as a tuple with one int per spatial axis, as Flax broadcasts them."""
    kernel_size = (kernel_size,) if isinstance(kernel_size, int) else tuple(kernel_size)
    sizes = [kernel_size]
    for value in values:
        if value is None:
            value = 1
        sizes.append((value,) * len(kernel_size) if isinstance(value, int) else tuple(value))
    return sizes
`;

/** `lax.conv_transpose`'s padding of the stride-dilated input: `(low, high)` per spatial axis. */
export const CONV_TRANSPOSE_PADDING: string = `
def conv_transpose_padding(padding, kernel_size, strides, kernel_dilation):
    """(low, high) padding of the stride-dilated input per spatial axis, as lax.conv_transpose
    computes it for 'SAME' and 'VALID' (for the dilated kernel); explicit padding is as given."""
    if padding not in ("SAME", "VALID"):
        return conv_padding(padding, kernel_size, kernel_size, strides)
    pads = []
    for size, stride, dilation in zip(kernel_size, strides, kernel_dilation):
        window = (size - 1) * dilation + 1
        if padding == "SAME":
            total = window + stride - 2
            low = window - 1 if stride > window - 1 else -(total // -2)
        else:
            total = window + stride - 2 + max(window - stride, 0)
            low = window - 1
        pads.append((low, total - low))
    return pads
`;

/**
 * The `Rngs` helper: named random streams, each one of the target's generators.
 *
 * @param generator What a stream is, for the docstring (`torch.Generator`).
 * @param make A Python expression over `seed` that makes one.
 * @returns The helper.
 */
export function rngsSource(generator: string, make: string): Helper {
  return {
    source: `
class Rngs:
    """nnx.Rngs: named random streams, each a ${generator}.

    rngs.params(), rngs.dropout() and rngs() give a stream's generator; a stream the
    constructor did not name draws from the default one. The numbers differ from JAX's."""

    def __init__(self, default=None, **streams):
        if default is not None:
            streams["default"] = default
        self.generators = {}
        for name, seed in streams.items():
            self.generators[name] = ${make}

    def __getattr__(self, name):
        generators = self.__dict__["generators"]
        generator = generators.get(name, generators.get("default"))
        if generator is None:
            raise AttributeError("no random stream " + repr(name) + " and no default stream")
        return lambda: generator

    def __call__(self):
        return self.default()
`,
  };
}

/** The layer and pooling ops every target writes as a helper of the op's name, with the op's arguments. */
type SharedOp =
  | "LinearGeneral"
  | "MultiHeadAttention"
  | "Conv"
  | "ConvTranspose"
  | "GroupNorm"
  | "avg_pool"
  | "max_pool"
  | "min_pool";

/**
 * The emission rows of {@linkcode SharedOp}s, the same on every target.
 *
 * @param init Arguments added where a layer draws its initial weights (NumPy's `, rngs=rngs`).
 * @returns The rows.
 */
export function sharedEmits(init = ""): Record<SharedOp, LayerEmit> {
  return {
    LinearGeneral: {
      emit: `LinearGeneral(in_features, out_features, use_bias=use_bias${init})`,
      helpers: ["LinearGeneral"],
    },
    MultiHeadAttention: {
      // the dropout stream is read only with dropout (NumPy's init reads rngs always)
      emit: (a) => {
        const rate = a.get("dropout_rate");
        const dropout = rate !== undefined && !(rate.kind === "Constant" && Number(rate.value) === 0);
        return "MultiHeadAttention(num_heads, in_features, qkv_features=qkv_features, out_features=out_features, " +
          "num_kv_heads=num_kv_heads, in_kv_features=in_kv_features, use_bias=use_bias, dropout_rate=dropout_rate, " +
          "broadcast_dropout=broadcast_dropout, deterministic=deterministic, decode=decode, " +
          `normalize_qk=normalize_qk${init || (dropout ? ", rngs=rngs" : "")})`;
      },
      helpers: ["MultiHeadAttention"],
    },
    Conv: {
      emit: "Conv(in_features, out_features, kernel_size, strides=strides, padding=padding, " +
        "input_dilation=input_dilation, kernel_dilation=kernel_dilation, feature_group_count=feature_group_count, " +
        `use_bias=use_bias${init})`,
      helpers: ["Conv"],
    },
    ConvTranspose: {
      emit: "ConvTranspose(in_features, out_features, kernel_size, strides=strides, padding=padding, " +
        `kernel_dilation=kernel_dilation, use_bias=use_bias, transpose_kernel=transpose_kernel${init})`,
      helpers: ["ConvTranspose"],
    },
    GroupNorm: {
      emit: "GroupNorm(num_features, num_groups=num_groups, group_size=group_size, epsilon=epsilon, " +
        "use_bias=use_bias, use_scale=use_scale)",
      helpers: ["GroupNorm"],
    },
    avg_pool: {
      emit: "avg_pool(inputs, window_shape, strides=strides, padding=padding, count_include_pad=count_include_pad)",
      helpers: ["avg_pool"],
    },
    max_pool: { emit: "max_pool(inputs, window_shape, strides=strides, padding=padding)", helpers: ["max_pool"] },
    min_pool: { emit: "min_pool(inputs, window_shape, strides=strides, padding=padding)", helpers: ["min_pool"] },
  };
}

/** The Python helpers of the conv rules above, by name, for a target's `helpers`. */
export const CONV_RULES: Readonly<Record<string, Helper>> = {
  conv_sizes: { source: CONV_SIZES },
  conv_padding: { source: CONV_PADDING },
  conv_transpose_padding: { source: CONV_TRANSPOSE_PADDING, needs: ["conv_padding"] },
};
