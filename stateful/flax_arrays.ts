/**
 * The Python side of `load_flax_state` shared by every target: walking a
 * Flax `nnx.Module` or `nnx.State` without importing Flax.
 *
 * @module
 */
import FLAX_ARRAYS_SOURCE from "./targets/shared/flax_arrays.py" with { type: "text" };
import FLAX_TARGETS_SOURCE from "./targets/shared/flax_targets.py" with { type: "text" };
import { pyHelper } from "../stages/targets/python_helper.ts";
import type { Helper } from "../stages/targets/emitter.ts";

/**
 * `flax_arrays(src)`: `(path, numpy array)` for each Variable of a Flax
 * module or state, found by duck typing (`State.to_pure_dict()`,
 * `Variable.get_value()`, a module's `vars()`; `nnx.List` items are the
 * attributes `'0'`, `'1'`, ...). Random-stream state and classes held as
 * attributes (LoRA's `lora_param_type`) are left out.
 */
export const FLAX_ARRAYS: Helper = pyHelper(FLAX_ARRAYS_SOURCE);

/**
 * `flax_targets(model, src)`: `(owner, name, array, path)` for each of those
 * arrays, `owner` the object of the target model holding the path's last
 * name; a list of layers where the path names an attribute (a Module built
 * under `nnx.vmap`, scanned over) gets the array split along its leading axis.
 */
export const FLAX_TARGETS: Helper = pyHelper(FLAX_TARGETS_SOURCE);
