/**
 * `jax.lax`: the primitives users call directly.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** The `jax.lax` table. */
export const laxTable: ApiTable = {
  rsqrt: { sig: "x", ivy: "ivy.rsqrt(x)", checks: ["lax.rsqrt(jnp.abs(x) + 0.5)"] },
  // The value is x; only its gradient is zero.
  // sharding means nothing on one device
  with_sharding_constraint: {
    sig: "x, shardings",
    ivy: "x",
    // under a trace (JAX needs one): the constraint inside vmap
    checks: ['jax.vmap(lambda a: lax.with_sharding_constraint(a * 2.0, jax.P("model")))(x)'],
  },
  stop_gradient: {
    sig: "x",
    ivy: "ivy.stop_gradient(x)",
    checks: ["lax.stop_gradient(x)", "lax.stop_gradient(x) * y"],
  },
  square: { sig: "x", ivy: "ivy.square(x)", checks: ["lax.square(x)"] },
  exp: { sig: "x, *, accuracy=None", ivy: "ivy.exp(x)", checks: ["lax.exp(x)"] },
  tanh: { sig: "x, *, accuracy=None", ivy: "ivy.tanh(x)", checks: ["lax.tanh(x)"] },
  // Elementwise, as jnp.maximum/minimum (lax.max/min of arrays of one dtype).
  max: { sig: "x, y", ivy: "ivy.maximum(x, y)", checks: ["lax.max(x, y)"] },
  min: { sig: "x, y", ivy: "ivy.minimum(x, y)", checks: ["lax.min(x, y)"] },
  // Control flow runs eagerly in every target, as Python loops and branches (JAX's own reference semantics);
  // `unroll` only changes how XLA compiles a loop.
  fori_loop: {
    sig: "lower, upper, body_fun, init_val, *, unroll=None",
    ivy: "ivy.fori_loop(lower, upper, body_fun, init_val)",
    ignored: ["unroll"],
    checks: [
      "lax.fori_loop(0, 3, lambda k, c: c * 0.5 + x, y)",
      "lax.fori_loop(1, 4, lambda k, c: (c[0] + k * c[1], c[1] * 0.5), (x, y))",
      "lax.fori_loop(0, 3, lambda k, c: {'h': jnp.tanh(c['h'] @ x[:, :3] + v[:3]), 'n': c['n'] + 1}, {'h': x[:1, :3], 'n': 0})",
      "lax.fori_loop(0, 0, lambda k, c: c + 1.0, x)",
      "lax.fori_loop(2, 5, lambda k, c: c + k, 0, unroll=True)",
    ],
  },
  while_loop: {
    sig: "cond_fun, body_fun, init_val",
    ivy: "ivy.while_loop(cond_fun, body_fun, init_val)",
    checks: [
      "lax.while_loop(lambda c: c[0] < 4, lambda c: (c[0] + 1, c[1] * 0.5 + x), (0, y))",
      "lax.while_loop(lambda c: jnp.max(jnp.abs(c)) > 0.1, lambda c: c * 0.5, x)",
      "lax.while_loop(lambda c: c['n'] < 3, lambda c: {'n': c['n'] + 1, 's': [c['s'][0] + v]}, {'n': jnp.int32(0), 's': [v]})",
    ],
  },
  // The chosen branch applied to the operands: `(true_fun if pred else false_fun)(*operands)`.
  cond: {
    // `operand=` is the older spelling of a single operand
    sig: "pred, true_fun, false_fun, *operands, operand=_no_operand_sentinel",
    ivy: (a) =>
      a.get("operand")?.kind === "Name" && (a.get("operand") as { id: string }).id === "_no_operand_sentinel"
        ? "(true_fun if pred else false_fun)(*operands)"
        : "(true_fun if pred else false_fun)(operand)",
    checks: [
      "lax.cond(jnp.sum(x) > 0, lambda _: x * 2.0, lambda _: y, operand=None)",
      "lax.cond(jnp.sum(x) > 0, jnp.sin, jnp.cos, operand=x)",
      "lax.cond(jnp.sum(x) > 0, lambda a, b: a + b, lambda a, b: a - b, x, y)",
      "lax.cond(jnp.sum(x) < 0, lambda a, b: a + b, lambda a, b: a - b, x, y)",
      "lax.cond(True, lambda: x * 2.0, lambda: y)",
      "lax.cond(i[1], lambda t: (t[0] * v, {'y': t[1]}), lambda t: (t[0] - v, {'y': -t[1]}), (x, y))",
      "lax.cond(jnp.all(x < 10.0), jnp.tanh, jnp.sin, x)",
    ],
  },
  // JAX clamps the index into range.
  switch: {
    sig: "index, branches, *operands",
    ivy: "ivy.switch(index, branches, *operands)",
    checks: [
      "lax.switch(i[0], [lambda a: a + 1.0, lambda a: a * 2.0, lambda a: -a], x)",
      "lax.switch(1, [lambda a, b: (a + b, b), lambda a, b: (a - b, {'b': b}['b'])], x, y)",
      "lax.switch(i[0] + 5, [lambda: x, lambda: y])",
      "lax.switch(-3, [lambda a: a + 1.0, lambda a: a * 2.0], v)",
    ],
  },
  select: {
    sig: "pred, on_true, on_false",
    ivy: "ivy.where(pred, on_true, on_false)",
    checks: ["lax.select(x > y, x, y)", "lax.select(x > 0, jnp.sin(x), jnp.zeros_like(x))"],
  },
  // Each step's ys, pytrees, stacked along a new leading axis, in xs order also with `reverse=True`.
  scan: {
    sig: "f, init, xs=None, length=None, reverse=False, unroll=1, _split_transpose=False",
    ivy: "ivy.scan(f, init, xs, length=length, reverse=reverse)",
    ignored: ["unroll", "_split_transpose"],
    checks: [
      "lax.scan(lambda c, r: (c + r, c * r), v, x)",
      "lax.scan(lambda c, r: (c + r, c * r), v, x, reverse=True)",
      "lax.scan(lambda c, _: (c * 0.5 + x, {'c': c, 'm': jnp.mean(c)}), y, None, length=3)",
      "lax.scan(lambda c, t: ((c[0] + t['a'] * v, c[1] + 1), t['b'] - c[0]), (v, 0), {'a': x[:, 0], 'b': y})",
      "lax.scan(lambda c, t: (c * t[0] + x[t[1]], None), v, (x, i), unroll=2)",
      "lax.scan(lambda c, r: (jnp.tanh(c @ x[:, :3] + r), [c]), x[:1, :3], y.T, reverse=True)",
    ],
  },
};
