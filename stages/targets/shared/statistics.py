from typing import Any, NamedTuple


class Statistics(NamedTuple):
    """nnx.metrics.Statistics, what Welford.compute gives."""

    mean: Any
    standard_error_of_mean: Any
    standard_deviation: Any
