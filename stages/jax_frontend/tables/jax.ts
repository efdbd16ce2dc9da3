/**
 * Top-level `jax` APIs: `jit` (dropped: the targets run eagerly) and the
 * transformations `grad`, `value_and_grad` and `vmap`, which become the
 * target's own (`torch.func`, `tf.GradientTape`, a loop for NumPy's `vmap`).
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** The top-level `jax` table. */
export const jaxTable: ApiTable = {
  P: { alias: "jax.sharding.PartitionSpec" },
  // placement is the identity on one device
  device_put: {
    sig: "x, device=None, *, src=None, donate=False, may_alias=None",
    ivy: "x",
    ignored: ["device", "src", "donate", "may_alias"],
    returns: "array",
    checks: ["jax.device_put(x)"],
  },
  // what the context managers `jax.named_scope(...)` and friends are written to in `with` (dropped)
  named_scope: { sig: "name", ivy: "None", returns: "python" },
  default_matmul_precision: { sig: "precision", ivy: "None", returns: "python" },
  jit: {
    sig:
      "fun, /, in_shardings=None, out_shardings=None, static_argnums=None, static_argnames=None, donate_argnums=None, donate_argnames=None, keep_unused=False, device=None, backend=None, inline=False",
    ivy: "fun",
    ignored: ["static_argnums", "static_argnames", "donate_argnums", "donate_argnames", "keep_unused", "inline"],
    returns: "callable",
  },
  // Rematerialization only changes what is saved for the backward pass: values and gradients are the same.
  checkpoint: {
    sig: "fun, *, prevent_cse=True, policy=None, static_argnums=(), static_argnames=(), concrete=None",
    ivy: "fun",
    ignored: ["prevent_cse", "policy", "static_argnums", "static_argnames", "concrete"],
    returns: "callable",
    checks: [
      "jax.vmap(jax.checkpoint(lambda a: jnp.sin(a) * 2.0))(x)",
      "jax.grad(jax.checkpoint(lambda a: jnp.sum(a ** 3)))(x)",
    ],
  },
  remat: { alias: "jax.checkpoint" },
  grad: {
    sig: "fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False, reduce_axes=()",
    ivy: "ivy.grad(fun, argnums=argnums, has_aux=has_aux)",
    returns: "callable",
    checks: [
      "jax.grad(lambda a: jnp.sum(jnp.tanh(a) ** 2))(x)",
      "jax.grad(lambda a, b: jnp.sum(a * b), argnums=1)(x, y)",
      "jax.grad(lambda a, b: jnp.sum(jnp.sin(a) * b), argnums=(0, 1))(x, y)",
      "jax.grad(lambda p: jnp.sum(p['w'] ** 2) + jnp.sum(p['b']))({'w': x, 'b': v})",
      "jax.grad(lambda a: (jnp.sum(a ** 2), a * 2.0), has_aux=True)(x)",
      "jax.grad(lambda a: jnp.sum(a @ v))(x)",
    ],
  },
  value_and_grad: {
    sig: "fun, argnums=0, has_aux=False, holomorphic=False, allow_int=False, reduce_axes=()",
    ivy: "ivy.value_and_grad(fun, argnums=argnums, has_aux=has_aux)",
    returns: "callable",
    checks: [
      "jax.value_and_grad(lambda a: jnp.sum(jnp.sin(a)))(x)",
      "jax.value_and_grad(lambda a, b: jnp.mean((a - b) ** 2), argnums=(0, 1))(x, y)",
      "jax.value_and_grad(lambda a: (jnp.mean(a ** 2), jnp.max(a)), has_aux=True)(x)",
    ],
  },
  vmap: {
    sig: "fun, in_axes=0, out_axes=0, axis_name=None, axis_size=None, spmd_axis_name=None, sum_match=False",
    ivy: "ivy.vmap(fun, in_axes=in_axes, out_axes=out_axes)",
    returns: "callable",
    checks: [
      "jax.vmap(lambda a: a @ v)(x)",
      "jax.vmap(lambda a, b: a * b, in_axes=(0, None))(x, v)",
      "jax.vmap(lambda a: jnp.sum(a ** 2), in_axes=1)(x)",
      "jax.vmap(lambda a: (a, a * 2.0), out_axes=1)(x)",
      "jax.vmap(jax.grad(lambda a: jnp.sum(jnp.tanh(a))))(x)",
    ],
  },
};
