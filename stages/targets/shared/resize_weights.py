from .resize_kernel import resize_kernel


def resize_weights(in_size, out_size, method, antialias):
    """One axis's (in_size, out_size) weights, as JAX's compute_weight_mat: normalized kernel values."""
    inv_scale = in_size / out_size
    kernel_scale = max(inv_scale, 1.0) if antialias else 1.0
    columns = []
    for j in range(out_size):
        sample = (j + 0.5) * inv_scale - 0.5
        column = [
            resize_kernel(method, abs(sample - k) / kernel_scale)
            for k in range(in_size)
        ]
        total = sum(column)
        keep = abs(total) > 1000.0 * 1.1920929e-07
        columns.append([w / total if keep else 0.0 for w in column])
    return [list(row) for row in zip(*columns)]
