class MultiMetric:
    """nnx.MultiMetric: metrics by name, updated, computed and reset together. update
    passes every keyword to every metric; mask may be one array or a dict by name."""

    def __init__(self, **metrics):
        self._metric_names = tuple(metrics)
        for name, metric in metrics.items():
            setattr(self, name, metric)

    def reset(self):
        for name in self._metric_names:
            getattr(self, name).reset()

    def update(self, **updates):
        mask = updates.pop("mask", None)
        for name in self._metric_names:
            own = mask.get(name) if isinstance(mask, dict) else mask
            masked = {} if own is None else {"mask": own}
            getattr(self, name).update(**updates, **masked)

    def compute(self):
        return {name: getattr(self, name).compute() for name in self._metric_names}
