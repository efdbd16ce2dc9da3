/**
 * `jax.random`. Keys are target random generators: the streams differ from
 * JAX's threefry, the distributions and shapes do not.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** The `jax.random` table. */
export const randomTable: ApiTable = {};
