/**
 * Python helper sources that read the same on several targets: Flax's conv
 * and transposed-conv padding rules, and the `Rngs` class around each target's generator.
 *
 * @module
 */
import type { Helper } from "../../stages/targets/emitter.ts";

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
