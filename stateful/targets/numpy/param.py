from .variable import Variable


class Param(Variable):
    """nnx.Param: a Variable holding a trainable weight."""
