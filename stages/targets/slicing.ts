/**
 * `jax.lax.dynamic_slice` and `dynamic_update_slice` (and their one-axis
 * forms) as target helpers. On PyTorch and NumPy each start index, a
 * Python int or an integer scalar array, is read as a Python int (TensorFlow
 * keeps it a tensor, which XLA may trace: its own helpers) and adjusted as
 * JAX does: a negative start counts from the end of its axis
 * (`allow_negative_indices=True`, the default), then the start is clamped
 * so that the slice stays in bounds (`x[7:11]` of a length-10 axis starts
 * at 6). Only writing the update into a copy differs between targets.
 *
 * @module
 */
import DYNAMIC_SLICE_IN_DIM_SOURCE from "./shared/dynamic_slice_in_dim.py" with { type: "text" };
import DYNAMIC_SLICE_SOURCE from "./shared/dynamic_slice.py" with { type: "text" };
import DYNAMIC_START_SOURCE from "./shared/dynamic_start.py" with { type: "text" };
import DYNAMIC_UPDATE_SLICE_IN_DIM_SOURCE from "./shared/dynamic_update_slice_in_dim.py" with { type: "text" };
import { pyHelper } from "./python_helper.ts";
import type { EmitRow, Helper } from "./emitter.ts";
import type { CoreOp } from "../ivy/ops.ts";

/** The adjusted start of one axis. */
const DYNAMIC_START: Helper = pyHelper(DYNAMIC_START_SOURCE);

/** `jax.lax.dynamic_slice`: basic slicing, the same on every target. */
const DYNAMIC_SLICE: Helper = pyHelper(DYNAMIC_SLICE_SOURCE);

/** `jax.lax.dynamic_slice_in_dim`, through `dynamic_slice`. */
const DYNAMIC_SLICE_IN_DIM: Helper = pyHelper(DYNAMIC_SLICE_IN_DIM_SOURCE);

/** `jax.lax.dynamic_update_slice_in_dim`, through `dynamic_update_slice`. */
const DYNAMIC_UPDATE_SLICE_IN_DIM: Helper = pyHelper(DYNAMIC_UPDATE_SLICE_IN_DIM_SOURCE);

/** The one-axis forms, through a target's `dynamic_slice` and `dynamic_update_slice`. */
export const IN_DIM_SLICING_HELPERS: Record<string, Helper> = {
  dynamic_slice_in_dim: DYNAMIC_SLICE_IN_DIM,
  dynamic_update_slice_in_dim: DYNAMIC_UPDATE_SLICE_IN_DIM,
};

/**
 * The dynamic-slicing helpers of an eager target whose starts are read as Python ints.
 *
 * @param update The body of `dynamic_update_slice(operand, update, start_indices)`
 *   after `starts` (the adjusted starts) is computed, indented by four spaces:
 *   statements ending in a `return` of the updated copy.
 * @returns Helper name to helper.
 */
export function slicingHelpers(update: string): Record<string, Helper> {
  return {
    dynamic_start: DYNAMIC_START,
    dynamic_slice: DYNAMIC_SLICE,
    dynamic_update_slice: {
      source: `
def dynamic_update_slice(operand, update, start_indices):
    """jax.lax.dynamic_update_slice: a copy of operand with update written at the
    starts, adjusted as JAX does (dynamic_start)."""
    shape, sizes = tuple(operand.shape), tuple(update.shape)
    starts = [dynamic_start(*a) for a in zip(start_indices, shape, sizes)]
${update}`,
      needs: ["dynamic_start"],
    },
    ...IN_DIM_SLICING_HELPERS,
  };
}

/** The update of a target whose arrays support item assignment: `copy` is the copy method (`clone`, `copy`). */
export function itemAssignUpdate(copy: string): string {
  return `    out = operand.${copy}()
    out[tuple(slice(s, s + n) for s, n in zip(starts, sizes))] = update
    return out
`;
}

/** The rows of the dynamic-slicing core ops, each its helper of the same name on every target. */
export const SLICING_OPS = {
  dynamic_slice: { emit: "dynamic_slice(x, start_indices, slice_sizes)", helpers: ["dynamic_slice"] },
  dynamic_slice_in_dim: {
    emit: "dynamic_slice_in_dim(x, start_index, slice_size, axis)",
    helpers: ["dynamic_slice_in_dim"],
  },
  dynamic_update_slice: {
    emit: "dynamic_update_slice(x, update, start_indices)",
    helpers: ["dynamic_update_slice"],
  },
  dynamic_update_slice_in_dim: {
    emit: "dynamic_update_slice_in_dim(x, update, start_index, axis)",
    helpers: ["dynamic_update_slice_in_dim"],
  },
} as const satisfies Partial<Record<CoreOp, EmitRow>>;
