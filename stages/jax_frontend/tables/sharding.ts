/**
 * `jax.sharding` and the placement APIs: on one device a sharding spec, a
 * mesh and a sharding constraint mean nothing, so specs become `None` and
 * constraints the identity (jax/_src/partition_spec.py, jax/_src/sharding_impls.py,
 * jax/_src/pjit.py). Collectives and `shard_map` are not here: they are
 * diagnostics unless a table gives them a meaning.
 *
 * @module
 */
import type { ApiTable } from "../api.ts";

/** Keyword arguments that only place or shard values: dropped from every JAX/Flax call. */
export const PLACEMENT_ARGUMENTS: ReadonlySet<string> = new Set([
  "out_sharding",
  "out_shardings",
  "in_shardings",
  "sharding",
  "device",
  "kernel_metadata",
  "bias_metadata",
  "scale_metadata",
  "embedding_metadata",
  "out_kernel_metadata",
  "out_bias_metadata",
  "query_ln_scale_metadata",
  "key_ln_scale_metadata",
]);

/** The `jax.sharding` table. */
export const shardingTable: ApiTable = {
  PartitionSpec: { sig: "*partitions, unreduced=None, reduced=None", ivy: "None", returns: "python" },
  NamedSharding: { sig: "mesh, spec, *, memory_kind=None", ivy: "None", ignored: ["memory_kind"], returns: "python" },
  SingleDeviceSharding: {
    sig: "device, *, memory_kind=None",
    ivy: "None",
    ignored: ["memory_kind"],
    returns: "python",
  },
  Mesh: { sig: "devices, axis_names, axis_types=None", ivy: "None", ignored: ["axis_types"], returns: "python" },
  get_abstract_mesh: { sig: "", ivy: "None", returns: "python" },
  reshard: {
    sig: "xs, out_shardings",
    ivy: "xs",
    checks: ["jax.sharding.reshard(x, jax.sharding.PartitionSpec())"],
  },
};
