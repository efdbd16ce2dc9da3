from .variable import Variable


class BatchStat(Variable):
    """nnx.BatchStat: a Variable holding a batch statistic."""
