from .variable import Variable


class Intermediate(Variable):
    """nnx.Intermediate: a Variable holding a value kept from a call."""
