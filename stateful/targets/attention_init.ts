/**
 * The constructor of `nnx.MultiHeadAttention`'s helper class on every
 * target, one template over what the frameworks spell differently: the base
 * class's constructor call, the LayerNorm of `normalize_qk`, and the state
 * each target keeps for dropout draws and the decode cache. The rest is the
 * same Python on every target: Flax's argument defaults and feature checks,
 * and the query, key, value and out `LinearGeneral` projections with their
 * initializers (`out_kernel_init`/`out_bias_init` else `kernel_init`/
 * `bias_init`). The class (`<target>/multi_head_attention.py`) holds a
 * marker line where the constructor goes.
 *
 * @module
 */

/** The line of a `multi_head_attention.py` that the constructor replaces. */
export const ATTENTION_INIT_MARKER = "    # __init__: stateful/targets/attention_init.ts\n";

/** How a target writes the parts of the constructor that differ. */
export interface AttentionInitSpelling {
  /** Whether the constructor calls the base class's (a torch Module's, a Keras Layer's). */
  readonly superInit: boolean;
  /** A LayerNorm without bias over `self.head_dim`, as `normalize_qk` adds to the query and key. */
  readonly layerNorm: string;
  /** The constructor's last lines (8 spaces indented): the target's dropout draw state and empty caches. */
  readonly state: string;
}

/**
 * The class source with its constructor.
 *
 * @param source The target's `multi_head_attention.py`, holding {@link ATTENTION_INIT_MARKER} once.
 * @param s The target's spelling.
 * @returns The source with the marker replaced by `__init__`.
 */
export function withAttentionInit(source: string, s: AttentionInitSpelling): string {
  if (source.split(ATTENTION_INIT_MARKER).length !== 2) {
    throw new Error("multi_head_attention.py: the __init__ marker must stand once");
  }
  return source.replace(
    ATTENTION_INIT_MARKER,
    `    def __init__(
        self,
        num_heads,
        in_features,
        qkv_features=None,
        out_features=None,
        num_kv_heads=None,
        in_kv_features=None,
        use_bias=True,
        dropout_rate=0.0,
        broadcast_dropout=True,
        deterministic=None,
        decode=None,
        normalize_qk=False,
        kernel_init=None,
        out_kernel_init=None,
        bias_init=None,
        out_bias_init=None,
        rngs=None,
    ):
${
      s.superInit
        ? "        super().__init__()\n"
        : ""
    }        qkv_features = in_features if qkv_features is None else qkv_features
        out_features = in_features if out_features is None else out_features
        num_kv_heads = num_heads if num_kv_heads is None else num_kv_heads
        in_kv_features = in_features if in_kv_features is None else in_kv_features
        if qkv_features % num_heads or num_heads % num_kv_heads:
            raise ValueError(
                "qkv_features must divide by num_heads, and num_heads by num_kv_heads"
            )
        self.num_kv_heads, self.head_dim = num_kv_heads, qkv_features // num_heads
        heads, kv_heads = (num_heads, self.head_dim), (num_kv_heads, self.head_dim)
        qkv = {"kernel_init": kernel_init, "bias_init": bias_init, "rngs": rngs}
        self.query = LinearGeneral((in_features,), heads, use_bias, **qkv)
        self.key = LinearGeneral((in_kv_features,), kv_heads, use_bias, **qkv)
        self.value = LinearGeneral((in_kv_features,), kv_heads, use_bias, **qkv)
        self.query_ln = self.key_ln = None
        if normalize_qk:
            self.query_ln = ${s.layerNorm}
            self.key_ln = ${s.layerNorm}
        self.out = LinearGeneral(
            heads,
            (out_features,),
            use_bias,
            kernel_init=out_kernel_init or kernel_init,
            bias_init=out_bias_init or bias_init,
            rngs=rngs,
        )
        self.dropout_rate, self.broadcast_dropout = dropout_rate, broadcast_dropout
        self.deterministic, self.decode = deterministic, decode
${s.state}`,
  );
}
