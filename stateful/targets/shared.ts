/**
 * What several targets' stateful tables share: the helpers whose Python is the
 * same on every target (Flax's conv sizes and padding rules, also transposed,
 * GroupNorm's group count), the `Rngs` class around each target's generator,
 * and the emission rows of the layers every target writes as a helper.
 *
 * @module
 */
import CONV_PADDING from "./shared/conv_padding.py" with { type: "text" };
import CONV_SIZES from "./shared/conv_sizes.py" with { type: "text" };
import CONV_TRANSPOSE_PADDING from "./shared/conv_transpose_padding.py" with { type: "text" };
import GROUP_COUNT from "./shared/group_count.py" with { type: "text" };
import { pyHelper } from "../../stages/targets/python_helper.ts";
import type { Helper } from "../../stages/targets/emitter.ts";
import type { LayerEmit } from "../target.ts";
import type { Expr } from "../../stages/ast.ts";
import { isNone } from "../../stages/literals.ts";
import EINSUM_BIAS_SHAPE from "./shared/einsum_bias_shape.py" with { type: "text" };
import SOW from "./shared/sow.py" with { type: "text" };

/**
 * The `Rngs` helper: named random streams, each one of the target's generators.
 *
 * @param generator What a stream is, for the docstring (`torch.Generator`).
 * @param make A Python expression over `seed` that makes one.
 * @param saveable Whether Keras can save it (registered, `get_config` its seeds).
 * @param eager A Python test that no call is being traced (compiled), with the imports it
 *   needs: the generators are made at construction when it holds, else on first use (always, without it).
 * @returns The helper.
 */
export function rngsSource(
  generator: string,
  make: string,
  saveable = false,
  eager?: { test: string; imports?: Readonly<Record<string, string>> },
): Helper {
  const made = eager === undefined ? "" : `
        # made now, outside any trace (else when first used)
        if ${eager.test}:
            for stream in self.seeds:
                getattr(self, stream)`;
  const register = saveable ? "\n@keras.saving.register_keras_serializable(package=__name__)" : "";
  const config = saveable
    ? `

    def get_config(self):
        """The seeds, so that Keras saves an Rngs passed to a layer it saves."""
        return self.seeds

    @classmethod
    def from_config(cls, config):
        return cls(**config)`
    : "";
  return {
    source: `${register}
class Rngs:
    """nnx.Rngs: named random streams, each a ${generator}.

    rngs.params(), rngs.dropout() and rngs() give a stream's generator; a stream the
    constructor did not name draws from the default one. An Rngs built while a call is
    traced makes a stream's generator when the stream is first used, so that one that
    draws nothing (passed to initialize_carry) makes none. The numbers differ from JAX's."""

    def __init__(self, default=None, **streams):
        if default is not None:
            streams["default"] = default
        self.seeds = dict(streams)
        self.generators = {}${made}

    def __getattr__(self, name):
        if name.startswith(("_", "is_", "get_")):  # not streams: protocols, type probes
            raise AttributeError(name)
        seeds, generators = self.__dict__["seeds"], self.__dict__["generators"]
        stream = name if name in seeds else "default"
        if stream not in seeds:
            raise AttributeError("no random stream " + repr(name) + " and no default stream")
        if stream not in generators:
            seed = seeds[stream]
            generators[stream] = ${make}
        return lambda: generators[stream]

    def __call__(self):
        return self.default()${config}
`,
    imports: eager?.imports,
  };
}

/** The layer and pooling ops every target writes as a helper of the op's name, with the op's arguments. */
type SharedOp =
  | "LinearGeneral"
  | "Einsum"
  | "LoRA"
  | "LoRALinear"
  | "MultiHeadAttention"
  | "Conv"
  | "ConvTranspose"
  | "GroupNorm"
  | "WeightNorm"
  | "SpectralNorm"
  | "avg_pool"
  | "max_pool"
  | "min_pool";

/** A layer's initializer arguments, passed on as they are (left out at their default, None). */
export const KERNEL_INITS = "kernel_init=kernel_init, bias_init=bias_init";
const LORA_INITS = "a_initializer=a_initializer, b_initializer=b_initializer";

/**
 * A norm's `scale_init` / `bias_init` arguments (those of `names` its
 * signature has), with the `rngs` they draw from when one is given: norms
 * draw nothing by default, so they take no `rngs` then.
 *
 * @param a The call's arguments.
 * @param names The norm's initializer arguments.
 * @returns The arguments' text, starting with `, `.
 */
export function normInits(a: ReadonlyMap<string, Expr>, names: readonly string[] = NORM_INITS): string {
  return names.map((n) => `, ${n}=${n}`).join("") + (normInitialized(a) ? ", rngs=rngs" : "");
}

const NORM_INITS = ["scale_init", "bias_init"];

/** True when the call gives one of a norm's initializers (`scale_init`, `bias_init`). */
export function normInitialized(a: ReadonlyMap<string, Expr>): boolean {
  return NORM_INITS.some((n) => !isNone(a.get(n)));
}

/**
 * The emission rows of {@linkcode SharedOp}s, the same on every target.
 * Every layer that draws initial weights takes the `rngs` it was given, and
 * draws them from its `params` stream: a model built twice from `Rngs(seed)`
 * starts from the same weights.
 *
 * @returns The rows.
 */
export function sharedEmits(): Record<SharedOp, LayerEmit> {
  return {
    LinearGeneral: {
      emit: `LinearGeneral(in_features, out_features, use_bias=use_bias, ${KERNEL_INITS}, rngs=rngs)`,
      helpers: ["LinearGeneral"],
    },
    Einsum: {
      emit: `Einsum(einsum_str, kernel_shape, bias_shape=bias_shape, ${KERNEL_INITS}, rngs=rngs)`,
      helpers: ["Einsum"],
    },
    LoRA: {
      emit: `LoRA(in_features, lora_rank, out_features, base_module=base_module, ${LORA_INITS}, rngs=rngs)`,
      helpers: ["LoRA"],
    },
    LoRALinear: {
      emit:
        `LoRALinear(in_features, out_features, lora_rank, use_bias=use_bias, ${KERNEL_INITS}, ${LORA_INITS}, rngs=rngs)`,
      helpers: ["LoRALinear"],
    },
    MultiHeadAttention: {
      emit: "MultiHeadAttention(num_heads, in_features, qkv_features=qkv_features, out_features=out_features, " +
        "num_kv_heads=num_kv_heads, in_kv_features=in_kv_features, use_bias=use_bias, dropout_rate=dropout_rate, " +
        "broadcast_dropout=broadcast_dropout, deterministic=deterministic, decode=decode, " +
        "normalize_qk=normalize_qk, kernel_init=kernel_init, out_kernel_init=out_kernel_init, bias_init=bias_init, " +
        "out_bias_init=out_bias_init, rngs=rngs)",
      helpers: ["MultiHeadAttention"],
    },
    Conv: {
      emit: "Conv(in_features, out_features, kernel_size, strides=strides, padding=padding, " +
        "input_dilation=input_dilation, kernel_dilation=kernel_dilation, feature_group_count=feature_group_count, " +
        `use_bias=use_bias, ${KERNEL_INITS}, rngs=rngs)`,
      helpers: ["Conv"],
    },
    ConvTranspose: {
      emit: "ConvTranspose(in_features, out_features, kernel_size, strides=strides, padding=padding, " +
        `kernel_dilation=kernel_dilation, use_bias=use_bias, transpose_kernel=transpose_kernel, ${KERNEL_INITS}, ` +
        "rngs=rngs)",
      helpers: ["ConvTranspose"],
    },
    GroupNorm: {
      emit: (a) =>
        "GroupNorm(num_features, num_groups=num_groups, group_size=group_size, epsilon=epsilon, " +
        `use_bias=use_bias, use_scale=use_scale${normInits(a)})`,
      helpers: ["GroupNorm"],
    },
    WeightNorm: {
      emit: "WeightNorm(layer_instance, feature_axes=feature_axes, use_scale=use_scale, scale_init=scale_init, " +
        "epsilon=epsilon, rngs=rngs)",
      helpers: ["WeightNorm"],
    },
    SpectralNorm: {
      emit: "SpectralNorm(layer_instance, n_steps=n_steps, epsilon=epsilon, update_stats=update_stats, rngs=rngs)",
      helpers: ["SpectralNorm"],
    },
    avg_pool: {
      emit: "avg_pool(inputs, window_shape, strides=strides, padding=padding, count_include_pad=count_include_pad)",
      helpers: ["avg_pool"],
    },
    max_pool: { emit: "max_pool(inputs, window_shape, strides=strides, padding=padding)", helpers: ["max_pool"] },
    min_pool: { emit: "min_pool(inputs, window_shape, strides=strides, padding=padding)", helpers: ["min_pool"] },
  };
}

/** The stateful helpers whose Python is the same on every target (`shared/*.py`), by name, for a target's `helpers`. */
export const SHARED_HELPERS: Readonly<Record<string, Helper>> = {
  conv_sizes: pyHelper(CONV_SIZES),
  conv_padding: pyHelper(CONV_PADDING),
  conv_transpose_padding: pyHelper(CONV_TRANSPOSE_PADDING),
  group_count: pyHelper(GROUP_COUNT),
  einsum_bias_shape: pyHelper(EINSUM_BIAS_SHAPE),
  sow: pyHelper(SOW),
};
