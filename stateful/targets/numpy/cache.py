from .variable import Variable


class Cache(Variable):
    """nnx.Cache: a Variable holding a cache, such as attention's keys and values."""
