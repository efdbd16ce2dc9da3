/**
 * `jax.numpy.fft` (jax/_src/numpy/fft.py in JAX 0.10.2): complex64 results
 * (float32 for `irfft` and the frequencies), as JAX computes them with 64-bit
 * mode off.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

const one = (op: string, checks: string[]) => ({
  sig: "a, n=None, axis=-1, norm=None",
  ivy: `ivy.${op}(a, n=n, axis=axis, norm_mode=norm)`,
  checks,
});
const two = (op: string, checks: string[], axes = "(-2, -1)") => ({
  sig: `a, s=None, axes=${axes}, norm=None`,
  ivy: `ivy.${op}(a, s=s, axes=axes, norm_mode=norm)`,
  checks,
});

/** The `jax.numpy.fft` table. */
export const numpyFftTable: ApiTable = {
  fft: one("fft", [
    "jnp.fft.fft(v)",
    "jnp.fft.fft(x)",
    "jnp.fft.fft(x, axis=0)",
    "jnp.fft.fft(v, n=6)",
    "jnp.fft.fft(x, norm='ortho')",
    "jnp.fft.fft(i)",
  ]),
  ifft: one("ifft", [
    "jnp.fft.ifft(v)",
    "jnp.fft.ifft(jnp.fft.fft(x))",
    "jnp.fft.ifft(x, n=3, axis=0, norm='forward')",
  ]),
  rfft: one("rfft", ["jnp.fft.rfft(v)", "jnp.fft.rfft(x)", "jnp.fft.rfft(x, n=6, axis=0)"]),
  irfft: one("irfft", [
    "jnp.fft.irfft(jnp.fft.rfft(x))",
    "jnp.fft.irfft(jnp.fft.rfft(v), n=4)",
    "jnp.fft.irfft(jnp.fft.fft(x), axis=0, norm='ortho')",
  ]),
  fft2: two("fft2", ["jnp.fft.fft2(x)", "jnp.fft.fft2(jnp.stack([x, y]))", "jnp.fft.fft2(x, s=(4, 4))"]),
  ifft2: two("ifft2", ["jnp.fft.ifft2(jnp.fft.fft2(x))", "jnp.fft.ifft2(x, norm='ortho')"]),
  rfft2: two("rfft2", ["jnp.fft.rfft2(x)", "jnp.fft.rfft2(jnp.stack([x, y]), axes=(0, 2))"]),
  fftn: two("fftn", ["jnp.fft.fftn(x)", "jnp.fft.fftn(jnp.stack([x, y]), axes=(0, 2))"], "None"),
  ifftn: two("ifftn", ["jnp.fft.ifftn(jnp.fft.fftn(x))"], "None"),
  fftfreq: {
    sig: "n, d=1.0, *, dtype=None, device=None",
    ivy: "ivy.fftfreq(n, d=d)",
    checks: ["jnp.fft.fftfreq(5)", "jnp.fft.fftfreq(8, d=0.1)", "v * jnp.fft.fftfreq(4)"],
  },
  rfftfreq: {
    sig: "n, d=1.0, *, dtype=None, device=None",
    ivy: "ivy.rfftfreq(n, d=d)",
    checks: ["jnp.fft.rfftfreq(5)", "jnp.fft.rfftfreq(8, 0.5)"],
  },
  fftshift: {
    sig: "x, axes=None",
    ivy: "ivy.fftshift(x, axes=axes)",
    checks: ["jnp.fft.fftshift(x)", "jnp.fft.fftshift(x, axes=1)", "jnp.fft.fftshift(jnp.fft.fftfreq(5))"],
  },
  ifftshift: {
    sig: "x, axes=None",
    ivy: "ivy.ifftshift(x, axes=axes)",
    checks: ["jnp.fft.ifftshift(x)", "jnp.fft.ifftshift(jnp.fft.fftshift(x, axes=0), axes=0)"],
  },
};
