/**
 * `jax.Array` methods and properties. In the jax_frontend IR a method call
 * `x.sum(axis=0)` is `jax_frontend.Array.sum(x, axis=0)` and `x.at[i].set(v)`
 * is `jax_frontend.Array.at_set(x, jax_frontend.numpy.index_exp[i], v)`.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

const reduction = (op: string, checks: string[]) => ({
  sig: "self, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None",
  ivy: `ivy.${op}(self, axis=axis, keepdims=keepdims)`,
  checks,
});

/** Edge values for a row of `x`: NaN in the values (JAX's min and max give NaN), infinities, a signed zero. */
const EDGE_ROW = "jnp.array([jnp.nan, -jnp.inf, jnp.inf, -0.0])";

/** The `jax.Array` method table. */
export const arrayTable: ApiTable = {
  shape: { sig: "self", ivy: "ivy.shape(self)", property: true, returns: "python", checks: ["jnp.zeros(x.shape)"] },
  ndim: { sig: "self", ivy: "ivy.ndim(self)", property: true, returns: "python", checks: ["jnp.full((2,), x.ndim)"] },
  size: { sig: "self", ivy: "ivy.size(self)", property: true, returns: "python", checks: ["jnp.full((2,), x.size)"] },
  dtype: {
    sig: "self",
    ivy: "ivy.dtype(self)",
    property: true,
    returns: "dtype",
    checks: ["jnp.zeros(3, dtype=i.dtype)"],
  },
  T: { sig: "self", ivy: "ivy.transpose(self)", property: true, checks: ["x.T"] },
  reshape: {
    sig: "self, *shape, order='C'",
    ivy: (a) => {
      const shape = a.get("shape");
      const single = shape?.kind === "Tuple" && shape.elts.length === 1 &&
        (shape.elts[0].kind === "Tuple" || shape.elts[0].kind === "List" || shape.elts[0].kind === "Name" ||
          shape.elts[0].kind === "Call");
      return single ? "ivy.reshape(self, shape[0])" : "ivy.reshape(self, shape)";
    },
    checks: ["x.reshape(4, 3)", "x.reshape((2, -1))", "x.reshape(-1)"],
  },
  astype: {
    sig: "self, dtype, copy=False, device=None",
    ivy: "ivy.astype(self, dtype)",
    checks: ["x.astype(jnp.int32)", "i.astype(jnp.float32)"],
  },
  sum: reduction("sum", ["x.sum()", "x.sum(axis=0)", "x.sum(1, keepdims=True)"]),
  mean: reduction("mean", ["x.mean()", "x.mean(axis=-1)"]),
  max: reduction("max", ["x.max()", "x.max(axis=1)"]),
  min: reduction("min", ["x.min(axis=0)"]),
  prod: reduction("prod", ["x.prod(axis=0)"]),
  var: {
    sig: "self, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=None, correction=None",
    ivy: "ivy.var(self, axis=axis, keepdims=keepdims, ddof=ddof)",
    checks: ["x.var(axis=0)"],
  },
  std: {
    sig: "self, axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=None, correction=None",
    ivy: "ivy.std(self, axis=axis, keepdims=keepdims, ddof=ddof)",
    checks: ["x.std()"],
  },
  argmax: {
    sig: "self, axis=None, out=None, keepdims=None",
    ivy: "ivy.argmax(self, axis=axis, keepdims=bool(keepdims))",
    checks: ["x.argmax(axis=-1)"],
  },
  transpose: {
    sig: "self, *axes",
    ivy: (a) => {
      const axes = a.get("axes");
      if (axes?.kind === "Tuple" && axes.elts.length === 0) return "ivy.transpose(self)";
      const single = axes?.kind === "Tuple" && axes.elts.length === 1;
      return single ? "ivy.transpose(self, axes=axes[0])" : "ivy.transpose(self, axes=axes)";
    },
    checks: ["x.transpose()", "x[None].transpose(2, 0, 1)", "x[None].transpose((1, 0, 2))"],
  },
  squeeze: { sig: "self, axis=None", ivy: "ivy.squeeze(self, axis=axis)", checks: ["x[None].squeeze(0)"] },
  flatten: { sig: "self, order='C'", ivy: "ivy.reshape(self, (-1,))", checks: ["x.flatten()"] },
  ravel: { sig: "self, order='C'", ivy: "ivy.reshape(self, (-1,))", checks: ["x.ravel()"] },
  cumsum: {
    sig: "self, axis=None, dtype=None, out=None",
    ivy: "ivy.cumsum(self, axis=axis)",
    checks: ["x.cumsum(axis=0)"],
  },
  clip: { sig: "self, min=None, max=None", ivy: "ivy.clip(self, min=min, max=max)", checks: ["x.clip(-0.2, 0.3)"] },
  // methods that are their `jax.numpy` function with the array first
  all: { alias: "jax.numpy.all", checks: ["(x > 0).all()", "(x > -1.0).all(axis=1)"] },
  any: { alias: "jax.numpy.any", checks: ["(x > 0.5).any(axis=0, keepdims=True)"] },
  argmin: { alias: "jax.numpy.argmin", checks: ["x.argmin()", "x.argmin(axis=1)"] },
  argsort: { alias: "jax.numpy.argsort", checks: ["x.argsort()", "i.argsort(axis=0)"] },
  sort: { alias: "jax.numpy.sort", checks: ["x.sort()", "x.sort(axis=0)"] },
  cumprod: { alias: "jax.numpy.cumprod", checks: ["x.cumprod(axis=1)"] },
  diagonal: { alias: "jax.numpy.diagonal", checks: ["x.diagonal()", "x.diagonal(offset=1)"] },
  dot: { alias: "jax.numpy.dot", checks: ["x.dot(v)", "x.T.dot(y)"] },
  trace: { alias: "jax.numpy.trace", checks: ["x.trace()"] },
  nonzero: { alias: "jax.numpy.nonzero", checks: ["(x > 0).nonzero()[1]"] },
  searchsorted: { alias: "jax.numpy.searchsorted", checks: ["jnp.sort(v).searchsorted(x)"] },
  ptp: { alias: "jax.numpy.ptp", checks: ["x.ptp(axis=0)", "i.ptp()"] },
  conj: { alias: "jax.numpy.conj", checks: ["jnp.fft.fft(v).conj()"] },
  conjugate: { alias: "jax.numpy.conj", checks: ["x.conjugate()"] },
  round: { alias: "jax.numpy.round", checks: ["(x * 4.0).round()", "x.round(2)"] },
  swapaxes: { alias: "jax.numpy.swapaxes", checks: ["x[None].swapaxes(0, 2)"] },
  take: { alias: "jax.numpy.take", checks: ["x.take(i, axis=1)", "v.take(i)"] },
  copy: { alias: "jax.numpy.copy", checks: ["x.copy()"] },
  repeat: { alias: "jax.numpy.repeat", checks: ["x.repeat(2, axis=0)", "x[None].repeat(3, axis=0)", "i.repeat(2)"] },
  real: { sig: "self", ivy: "ivy.real(self)", property: true, checks: ["jnp.fft.fft(v).real", "x.real"] },
  imag: { sig: "self", ivy: "ivy.imag(self)", property: true, checks: ["jnp.fft.fft(v).imag"] },
  mT: { sig: "self", ivy: "ivy.swapaxes(self, -1, -2)", property: true, checks: ["x.mT", "jnp.stack([x, y]).mT"] },
  at_set: {
    sig: "self, index, values",
    ivy: "ivy.at_set(self, index, values)",
    checks: [
      "x.at[0].set(9.0)",
      "x.at[1:, None, 2].set(v[:2, None])",
      "x.at[..., -1].set(0.0)",
      // a KV cache written at a cache index: an int32 scalar array
      "x.at[:, jnp.argmax(v)].set(y[:, 0])",
      "x.at[i[1], :].set(v * 2.0)",
    ],
  },
  at_add: {
    sig: "self, index, values",
    ivy: "ivy.at_add(self, index, values)",
    checks: [
      "x.at[i].add(1.0)",
      "x.at[0, 1:3].add(y[0, :2])",
      "x.at[jnp.array([0, 0, 1])].add(1.0)",
      "x.at[i, i].add(v[:3])",
    ],
  },
  at_multiply: {
    sig: "self, index, values",
    ivy: "ivy.at_multiply(self, index, values)",
    checks: ["x.at[:, 0].multiply(2.0)", "x.at[i, 1].multiply(3.0)"],
  },
  at_min: {
    sig: "self, index, values",
    ivy: "ivy.at_min(self, index, values)",
    checks: ["x.at[i].min(0.0)", "x.at[jnp.array([0, 0, 2]), 1:].min(y[:, 1:] - 0.5)", `x.at[0, :].min(${EDGE_ROW})`],
  },
  at_max: {
    sig: "self, index, values",
    ivy: "ivy.at_max(self, index, values)",
    checks: ["x.at[i].max(0.0)", "i.at[jnp.array([1, 1])].max(jnp.array([5, -3]))", `x.at[0, :].max(${EDGE_ROW})`],
  },
  // JAX divides by (raises to) the product of the values scattered into ones, repeated indices multiplying
  at_divide: {
    sig: "self, index, values",
    ivy: "ivy.at_divide(self, index, values)",
    checks: ["x.at[:, 1].divide(2.0)", "x.at[jnp.array([0, 0])].divide(v)"],
  },
  at_power: {
    sig: "self, index, values",
    ivy: "ivy.at_power(self, index, values)",
    checks: ["jnp.abs(x).at[i].power(2.0)", "jnp.abs(x).at[jnp.array([1, 1])].power(v)"],
  },
  at_get: { sig: "self, index", ivy: "ivy.at_get(self, index)", checks: ["x.at[1].get()", "x.at[i, 0].get()"] },
};
