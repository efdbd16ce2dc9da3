def group_count(num_features, num_groups, group_size):
    """nnx.GroupNorm's number of groups: num_groups, or num_features // group_size."""
    if (num_groups is None) == (group_size is None):
        raise ValueError("give exactly one of num_groups and group_size")
    if group_size is not None:
        num_groups = num_features // group_size
    if num_features % num_groups:
        raise ValueError("the number of groups must divide the number of features")
    return num_groups
