/**
 * Emission shared by the targets whose creation functions take the same
 * arguments under different names.
 *
 * @module
 */
import { isNone } from "../literals.ts";
import type { EmitFn } from "./emitter.ts";

/**
 * `jnp.arange` through a target's `arange(start, stop, step)`: with one bound,
 * it is the stop; a step without a stop starts at 0, as in JAX.
 *
 * @param fn The target's function, e.g. `torch.arange`.
 * @returns The emitter row.
 */
export function arangeEmit(fn: string): EmitFn {
  return (a) => {
    const step = isNone(a.get("step")) ? "" : ", step";
    return isNone(a.get("stop"))
      ? `${fn}(${step ? "0, start" : "start"}${step}, dtype=dtype)`
      : `${fn}(start, stop${step}, dtype=dtype)`;
  };
}
