/**
 * `jax.scipy.special` (jax/_src/scipy/special.py). Each function promotes an
 * int or bool argument to float32, as `promote_args_inexact` does.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";
import { isNone } from "../../literals.ts";
import { printExpr } from "../../print.ts";

/** NaN, the infinities, signed zeros, the poles of Gamma and moderate values. */
export const SPECIAL_POINTS =
  "jnp.array([jnp.nan, -jnp.inf, -2.0, -1.5, -1.0, -0.0, 0.0, 1e-30, 0.5, 1.0, 2.5, 30.0, jnp.inf])";
/** Probabilities: the ends, outside [0, 1] and NaN. */
const PROBABILITIES = "jnp.array([-0.5, 0.0, 1e-6, 0.25, 0.5, 0.9, 1.0, 1.5, jnp.nan])";
/** Arguments of the inverse error function: the ends, outside [-1, 1] and NaN. */
const ERF_INV_POINTS = "jnp.array([-1.5, -1.0, -0.99, -0.5, -0.0, 0.0, 1e-6, 0.3, 0.9, 1.0, 2.0, jnp.nan])";
/** Pairs (x, y) where x == 0 meets y at 0, -1, NaN and infinity. */
const XLOG_X = "jnp.array([0.0, 0.0, 0.0, 0.0, 1.0, 2.0, -1.0, 0.5, 0.0])";
const XLOG_Y = "jnp.array([0.0, -1.0, jnp.nan, jnp.inf, 0.0, -1.0, 3.0, jnp.nan, 2.0])";

/** A one-argument special function lowered to the core op `op`. */
const special = (name: string, op: string, ...checks: string[]) => ({
  sig: "x",
  ivy: `ivy.${op}(x)`,
  checks: [`jax.scipy.special.${name}(x)`, ...checks],
});

/** The `jax.scipy.special` table. */
export const scipySpecialTable: ApiTable = {
  logsumexp: {
    sig: "a, axis=None, b=None, keepdims=False, return_sign=False, where=None",
    ivy: (a) =>
      isNone(a.get("b")) && [undefined, "False"].includes(a.get("return_sign") && printExpr(a.get("return_sign")!))
        ? "ivy.logsumexp(a, axis=axis, keepdims=keepdims)"
        : isNone(a.get("b"))
        ? "ivy.logsumexp_weighted(a, axis=axis, keepdims=keepdims, return_sign=return_sign)"
        : "ivy.logsumexp_weighted(a, b, axis=axis, keepdims=keepdims, return_sign=return_sign)",
    checks: [
      "jax.scipy.special.logsumexp(x)",
      "jax.scipy.special.logsumexp(x, axis=1, keepdims=True)",
      "jax.nn.logsumexp(x, axis=0)",
      // weights, zero weights (whose -inf terms drop out), a negative sum (NaN) and its sign
      "jax.scipy.special.logsumexp(x, b=jnp.abs(y))",
      "jnp.clip(jax.scipy.special.logsumexp(x, axis=1, b=jnp.where(y > 0, y, 0.0)), -1e35)",
      "jax.scipy.special.logsumexp(x, axis=0, b=y, keepdims=True)",
      "jax.scipy.special.logsumexp(x, axis=1, b=y, return_sign=True)",
      "jax.scipy.special.logsumexp(x * 100.0, axis=1, return_sign=True)",
      "jnp.clip(jax.scipy.special.logsumexp(jnp.where(x > 0, x, -jnp.inf), axis=1, b=v), -1e35)",
    ],
  },
  erf: { alias: "jax.lax.erf" },
  erfc: special("erfc", "erfc", "jax.scipy.special.erfc(x * 4.0)", `jax.scipy.special.erfc(${SPECIAL_POINTS})`),
  erfinv: special(
    "erfinv",
    "erf_inv",
    "jax.scipy.special.erfinv(jnp.tanh(x))",
    `jnp.clip(jax.scipy.special.erfinv(${ERF_INV_POINTS}), -1e35, 1e35)`,
  ),
  gammaln: special(
    "gammaln",
    "lgamma",
    "jax.scipy.special.gammaln(x * 10.0)",
    `jnp.clip(jax.scipy.special.gammaln(${SPECIAL_POINTS}), -1e35, 1e35)`,
  ),
  digamma: special(
    "digamma",
    "digamma",
    "jax.scipy.special.digamma(x * 10.0)",
    `jnp.clip(jax.scipy.special.digamma(${SPECIAL_POINTS}), -1e35, 1e35)`,
  ),
  // log(x / (1 - x)), as JAX computes it: -inf at 0, inf at 1, NaN outside.
  logit: special(
    "logit",
    "logit",
    "jax.scipy.special.logit(jax.nn.sigmoid(x))",
    `jnp.clip(jax.scipy.special.logit(${PROBABILITIES}), -1e35, 1e35)`,
  ),
  expit: { alias: "jax.nn.sigmoid" },
  xlogy: {
    sig: "x, y",
    ivy: "ivy.xlogy(x, y)",
    checks: [
      "jax.scipy.special.xlogy(x, jnp.abs(y))",
      `jnp.clip(jax.scipy.special.xlogy(${XLOG_X}, ${XLOG_Y}), -1e35, 1e35)`,
      "jax.scipy.special.xlogy(jnp.abs(v), jnp.abs(x))",
    ],
  },
  xlog1py: {
    sig: "x, y",
    ivy: "ivy.xlog1py(x, y)",
    checks: [
      "jax.scipy.special.xlog1py(x, jnp.abs(y))",
      `jnp.clip(jax.scipy.special.xlog1py(${XLOG_X}, ${XLOG_Y} - 1.0), -1e35, 1e35)`,
    ],
  },
  // -x log(x) for x > 0, 0 at 0, -inf below.
  entr: {
    sig: "x",
    ivy: "ivy.entr(x)",
    checks: [
      "jax.scipy.special.entr(jnp.abs(x))",
      `jnp.clip(jax.scipy.special.entr(${PROBABILITIES}), -1e35, 1e35)`,
    ],
  },
  softmax: {
    sig: "x, /, *, axis=None",
    ivy: (a) =>
      isNone(a.get("axis")) ? "error: `axis=None` (over every axis) is not supported" : "ivy.softmax(x, axis=axis)",
    checks: ["jax.scipy.special.softmax(x, axis=1)", "jax.scipy.special.softmax(x, axis=0)"],
  },
  log_softmax: {
    sig: "x, /, *, axis=None",
    ivy: (a) =>
      isNone(a.get("axis")) ? "error: `axis=None` (over every axis) is not supported" : "ivy.log_softmax(x, axis=axis)",
    checks: ["jax.scipy.special.log_softmax(x, axis=1)", "jax.scipy.special.log_softmax(x * 1e30, axis=-1)"],
  },
};
