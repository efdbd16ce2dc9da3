"""A train/eval loop as the Flax MNIST tutorial writes it: nnx.MultiMetric of the
loss's Average and the Accuracy, updated by each train and eval step, computed
into a history after each phase and reset; model.train() before training and
model.eval() before evaluating (BatchNorm's batch statistics, then its running
averages). The layer before the BatchNorm has no bias: its gradient would be
rounding noise, which Adam scales to full steps. Parameter counts and norms as users
write them over nnx.state."""

import functools
import math

import numpy as np
import torch


class Average:
    """nnx.metrics.Average: the mean of every value given as update(<argname>=values)
    (a number counts once, an array once per element, a mask keeps those it marks);
    NaN before any. The total is float32 and the count int32, as in Flax."""

    def __init__(self, argname="values"):
        self.argname = argname
        self.reset()

    def reset(self):
        self.total = torch.tensor(0.0)
        self.count = torch.tensor(0, dtype=torch.int32)

    def update(self, mask=None, **kwargs):
        if self.argname not in kwargs:
            raise TypeError(f"Expected keyword argument '{self.argname}'")
        values = kwargs[self.argname]
        if isinstance(values, (int, float)):
            if mask is not None:
                raise ValueError(
                    f"If mask is provided, {self.argname} should be a tensor"
                )
            self.total = self.total + values
            self.count = self.count + 1
            return
        values = values.detach()
        if mask is None:
            self.total = self.total + values.sum()
            self.count = self.count + values.numel()
        else:
            self.total = self.total + (values * mask.to(values.dtype)).sum()
            self.count = self.count + mask.sum().to(torch.int32)

    def compute(self):
        return self.total / self.count


class Accuracy(Average):
    """nnx.metrics.Accuracy: the Average of argmax(logits, -1) == labels (int labels
    of one dimension less), or with a threshold of (logits >= threshold) == (labels > 0)."""

    def __init__(self, threshold=None, argname="values"):
        if threshold is not None and not isinstance(threshold, float):
            raise TypeError(f"Expected threshold to be a float, got {type(threshold)}")
        self.threshold = threshold
        super().__init__(argname)

    def update(self, *, logits, labels, mask=None, **_):
        expected = labels.ndim + (0 if self.threshold is not None else 1)
        if logits.ndim != expected:
            raise ValueError(
                f"expected logits.ndim == {expected}, got {logits.ndim} and {labels.ndim}",
            )
        if labels.dtype not in (torch.int32, torch.int64):
            raise ValueError(f"Expected labels.dtype==int32, got {labels.dtype}")
        if self.threshold is not None:
            values = (logits >= self.threshold) == (labels > 0)
        else:
            values = torch.argmax(logits, dim=-1) == labels
        super().update(values=values, mask=mask)


def norm_params(num_features, use_scale, use_bias, scale_init, bias_init, rngs):
    """A norm's float32 scale and bias parameters (None where unused): ones and zeros of
    (num_features,), unless scale_init / bias_init (init(key, shape)) draw them from rngs."""
    key = None if rngs is None else rngs.params()
    shape = (num_features,)
    scale = bias = None
    if use_scale:
        scale = torch.ones(shape) if scale_init is None else scale_init(key, shape)
        scale = torch.nn.Parameter(torch.as_tensor(scale, dtype=torch.float32))
    if use_bias:
        bias = torch.zeros(shape) if bias_init is None else bias_init(key, shape)
        bias = torch.nn.Parameter(torch.as_tensor(bias, dtype=torch.float32))
    return scale, bias


class BatchNorm(torch.nn.Module):
    """nnx.BatchNorm as in Flax, over every axis but axis (the features, last by default).

    In training mode x is normalized with the batch's mean and biased variance
    (E[x^2] - E[x]^2, clipped at 0) over every other axis, and the running averages
    are updated as running = momentum * running + (1 - momentum) * batch: momentum is
    the decay (torch.nn.BatchNorm's momentum is 1 - that, and it keeps the unbiased
    variance). With use_running_average (here, per call, or after model.eval()) the
    running averages normalize x and stay as they are. model.train() and model.eval()
    set use_running_average, as Flax's do. The scale and bias start at ones and zeros
    unless scale_init / bias_init (init(key, shape)) draw them from rngs."""

    def __init__(
        self,
        num_features,
        use_running_average=False,
        axis=-1,
        momentum=0.99,
        epsilon=1e-5,
        use_bias=True,
        use_scale=True,
        scale_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        n = num_features
        self.register_buffer("running_mean", torch.zeros(n))
        self.register_buffer("running_var", torch.ones(n))
        self.weight, self.bias = norm_params(
            n, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def train(self, mode=True):
        self.use_running_average = not mode
        return super().train(mode)

    def forward(self, x, use_running_average=None):
        if use_running_average is None:
            use_running_average = self.use_running_average
        axis = self.axis % x.ndim
        x = torch.movedim(x, axis, -1)
        if use_running_average:
            mean, var = self.running_mean, self.running_var
        else:
            dims = tuple(range(x.ndim - 1))
            mean = torch.mean(x, dim=dims)
            var = torch.clamp(
                torch.mean(torch.square(x), dim=dims) - torch.square(mean), min=0.0
            )
            with torch.no_grad():
                self.running_mean.copy_(
                    self.momentum * self.running_mean + (1 - self.momentum) * mean
                )
                self.running_var.copy_(
                    self.momentum * self.running_var + (1 - self.momentum) * var
                )
        multiplier = torch.rsqrt(var + self.epsilon)
        if self.weight is not None:
            multiplier = multiplier * self.weight
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return torch.movedim(y, -1, axis)


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    std = 1 / math.sqrt(math.prod(shape[:-1])) / 0.87962566103423978
    return torch.nn.init.trunc_normal_(
        torch.empty(shape), std=std, a=-2 * std, b=2 * std, generator=key
    )


class Linear(torch.nn.Linear):
    """nnx.Linear as a torch.nn.Linear (weight (out, in)) with Flax's initial values: the
    weight is the transposed (in, out) kernel of kernel_init(key, shape), LeCun-normal
    (truncated) by default, the bias bias_init's, zero by default, drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__(in_features, out_features, bias=use_bias)
        key = None if rngs is None else rngs.params()
        with torch.no_grad():
            kernel = (kernel_init or lecun_normal)(key, (in_features, out_features))
            self.weight.copy_(kernel.T)
            if use_bias and bias_init is None:
                self.bias.zero_()
            elif use_bias:
                self.bias.copy_(bias_init(key, (out_features,)))


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


class Optimizer:
    """nnx.Optimizer(model, tx, wrt=nnx.Param): the torch.optim optimizer tx builds
    over the model's parameters (tx is an optax optimizer's translation: its
    torch.optim class with every hyperparameter). A learning rate that is a schedule
    (a function of the update count, 0 first) is applied with LambdaLR.

    tx may also be an optax.chain's translation: a tuple of gradient transforms
    (functions of the gradients and the parameters), then the optimizer.

    update(model, grads) takes one step with grads, a dict parameter name ->
    gradient (as nnx_value_and_grad gives them)."""

    def __init__(self, model, tx):
        *transforms, tx = tx if isinstance(tx, tuple) else (tx,)
        self.transforms = transforms
        learning_rate = tx.keywords["lr"]
        self.scheduler = None
        if callable(learning_rate):
            self.optimizer = tx(model.parameters(), lr=1.0)
            self.scheduler = torch.optim.lr_scheduler.LambdaLR(
                self.optimizer, lambda count: float(learning_rate(count))
            )
        else:
            self.optimizer = tx(model.parameters())

    def update(self, model, grads):
        params = dict(model.named_parameters())
        with torch.no_grad():
            for transform in self.transforms:
                grads = transform(grads, params)
        for name, parameter in params.items():
            parameter.grad = grads[name]
        self.optimizer.step()
        self.optimizer.zero_grad()
        if self.scheduler is not None:
            self.scheduler.step()


class Rngs:
    """nnx.Rngs: named random streams, each a torch.Generator.

    rngs.params(), rngs.dropout() and rngs() give a stream's generator; a stream the
    constructor did not name draws from the default one. An Rngs built while a call is
    traced makes a stream's generator when the stream is first used, so that one that
    draws nothing (passed to initialize_carry) makes none. The numbers differ from JAX's."""

    def __init__(self, default=None, **streams):
        if default is not None:
            streams["default"] = default
        self.seeds = dict(streams)
        self.generators = {}
        # made now, outside any trace (else when first used)
        if not torch.compiler.is_compiling():
            for stream in self.seeds:
                getattr(self, stream)

    def __getattr__(self, name):
        if name.startswith(("_", "is_", "get_")):  # not streams: protocols, type probes
            raise AttributeError(name)
        seeds, generators = self.__dict__["seeds"], self.__dict__["generators"]
        stream = name if name in seeds else "default"
        if stream not in seeds:
            raise AttributeError(
                "no random stream " + repr(name) + " and no default stream"
            )
        if stream not in generators:
            seed = seeds[stream]
            generators[stream] = torch.Generator().manual_seed(seed)
        return lambda: generators[stream]

    def __call__(self):
        return self.default()


def flax_arrays(src, path=()):
    """(path, array) for each Variable of a Flax nnx.Module or nnx.State, found by
    duck typing; random-stream state (Rngs keys and counts) and classes held as
    attributes (LoRA's lora_param_type) are left out. A tuple key (the Flax paths that
    name WeightNorm's scales and SpectralNorm's statistics) is its items joined by "_"."""
    if isinstance(src, type):
        return []
    if hasattr(src, "to_pure_dict"):
        src = src.to_pure_dict()
    if hasattr(src, "get_value"):
        if type(src).__name__.startswith("Rng"):
            return []
        return [(path, np.asarray(src.get_value()))]
    if hasattr(src, "shape") and hasattr(src, "dtype"):
        if str(src.dtype).startswith("key<"):
            return []
        return [(path, np.asarray(src))]
    if isinstance(src, dict):
        items = list(src.items())
    elif hasattr(src, "_pytree__nodes"):
        items = [(k, v) for k, v in vars(src).items() if not k.startswith("_")]
    else:
        return []
    arrays = []
    for key, value in items:
        if key != "rngs":
            name = "_".join(map(str, key)) if isinstance(key, tuple) else str(key)
            arrays.extend(flax_arrays(value, (*path, name)))
    return arrays


def flax_targets(model, src):
    """(owner, name, array, path) for each Variable of a Flax nnx.Module or nnx.State:
    the object of model that holds the last name of the Flax path, found by attribute,
    key (dicts) or index (lists). A list of layers met where the Flax path goes on
    with a name holds the layers of a Module built under nnx.vmap (scan over layers):
    each layer gets its slice of the array's leading (layer) axis."""

    def stacked(owner, key):
        # a list of layers where the Flax path names an attribute of one layer
        return (
            not isinstance(owner, dict)
            and not key.isdigit()
            and not hasattr(owner, key)
            and hasattr(owner, "__len__")
        )

    def layers(owner, keys, value, path):
        if len(owner) != value.shape[0]:
            raise ValueError("layer count mismatch at " + ".".join(path))
        return [t for layer, v in zip(owner, value) for t in at(layer, keys, v, path)]

    def at(owner, keys, value, path):
        *parents, name = keys
        for i, key in enumerate(parents):
            if stacked(owner, key):
                return layers(owner, keys[i:], value, path)
            if isinstance(owner, dict) or key.isdigit():
                owner = owner[key if isinstance(owner, dict) else int(key)]
            else:
                owner = getattr(owner, key)
        if stacked(owner, name):
            return layers(owner, [name], value, path)
        return [(owner, name, value, path)]

    return [t for path, value in flax_arrays(src) for t in at(model, path, value, path)]


@torch.no_grad()
def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    The one place where Flax layouts become torch's: a layer's kernel becomes its
    weight with the last two axes first, reversed (Linear (in, out) -> (out, in),
    Conv and ConvTranspose (*window, in, out) -> (out, in, *window)); the scale of
    LayerNorm, RMSNorm, GroupNorm and BatchNorm and Embed's embedding become weight, BatchNorm's mean and var running_mean and
    running_var. Variables of user modules keep their names and layouts."""
    renamed = {
        "kernel": "weight",
        "scale": "weight",
        "embedding": "weight",
        "mean": "running_mean",
        "var": "running_var",
    }
    for owner, name, value, path in flax_targets(model, src):
        if not hasattr(owner, name) and name in renamed:
            if name == "kernel":
                value = np.transpose(value, (-1, -2, *range(value.ndim - 2)))
            name = renamed[name]
        target = getattr(owner, name)
        if tuple(target.shape) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        target.copy_(torch.tensor(value))
    return model


def nnx_value_and_grad(fun, argnums=0, has_aux=False):
    """nnx.value_and_grad with torch.autograd: fun's scalar value (and aux) and its
    gradients with respect to the arguments argnums. A module's gradients are a dict
    parameter name -> gradient, as named_parameters() names them (Optimizer.update
    takes them); a tensor's is a tensor. Unused parameters get zeros."""

    def value_and_grad_fun(*args):
        args = list(args)
        nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
        wrt = []
        for n in nums:
            if isinstance(args[n], torch.nn.Module):
                wrt.append(dict(args[n].named_parameters()))
            else:
                args[n] = torch.as_tensor(args[n]).detach().requires_grad_()
                wrt.append(args[n])
        out = fun(*args)
        value = out[0] if has_aux else out
        inputs = [t for w in wrt for t in (w.values() if isinstance(w, dict) else [w])]
        found = torch.autograd.grad(value, inputs, allow_unused=True)
        found = [
            torch.zeros_like(t) if g is None else g
            for t, g in zip(inputs, found, strict=True)
        ]
        grads = []
        for w in wrt:
            if isinstance(w, dict):
                grads.append({name: found.pop(0) for name in w})
            else:
                grads.append(found.pop(0))
        value = value.detach()
        out = (value, out[1]) if has_aux else value
        return out, grads[0] if isinstance(argnums, int) else tuple(grads)

    return value_and_grad_fun


def softmax_cross_entropy_with_integer_labels(logits, labels, axis=-1):
    """optax.softmax_cross_entropy_with_integer_labels: the log normalizer minus
    the labels' logits, without normalizing every logit."""
    label_logits = torch.take_along_dim(
        logits, torch.unsqueeze(labels, axis).long(), dim=axis
    )
    return torch.logsumexp(logits, dim=axis) - torch.squeeze(label_logits, axis)


def tree_leaves(tree):
    """jax.tree_util.tree_leaves: dict values in sorted-key order, None skipped."""
    if tree is None:
        return []
    if isinstance(tree, dict):
        return [leaf for k in sorted(tree) for leaf in tree_leaves(tree[k])]
    if isinstance(tree, (list, tuple)):
        return [leaf for item in tree for leaf in tree_leaves(item)]
    return [tree]


class MLP(torch.nn.Module):
    def __init__(self, din: int, hidden: int, classes: int, *, rngs):
        super().__init__()
        self.linear = Linear(din, hidden, use_bias=False, rngs=rngs)
        self.norm = BatchNorm(hidden, momentum=0.5)
        self.head = Linear(hidden, classes, rngs=rngs)

    def forward(self, x):
        return self.head(torch.nn.functional.threshold(self.norm(self.linear(x)), 0, 0))


def make_optimizer(model):
    return Optimizer(
        model,
        functools.partial(torch.optim.Adam, lr=0.01, betas=(0.9, 0.999), eps=1e-08),
    )


def make_metrics():
    return MultiMetric(accuracy=Accuracy(), loss=Average("loss"))


def loss_fn(model, images, labels):
    logits = model(images)
    loss = torch.mean(softmax_cross_entropy_with_integer_labels(logits, labels))
    return loss, logits


def train_step(model, optimizer, metrics, images, labels):
    grad_fn = nnx_value_and_grad(loss_fn, has_aux=True)
    (loss, logits), grads = grad_fn(model, images, labels)
    metrics.update(loss=loss, logits=logits, labels=labels)
    optimizer.update(model, grads)


def eval_step(model, metrics, images, labels):
    loss, logits = loss_fn(model, images, labels)
    metrics.update(loss=loss, logits=logits, labels=labels)


def train_and_evaluate(model, optimizer, metrics, train_batches, test_batches, history):
    model.train()
    for images, labels in train_batches:
        train_step(model, optimizer, metrics, images, labels)
    for metric, value in metrics.compute().items():
        history["train_" + metric].append(value)
    metrics.reset()
    model.eval()
    for images, labels in test_batches:
        eval_step(model, metrics, images, labels)
    for metric, value in metrics.compute().items():
        history["test_" + metric].append(value)
    metrics.reset()
    return history


def count_params(model):
    params = dict(model.named_parameters())
    return sum(x.numel() for x in tree_leaves(params))


def count_state(model):
    return sum(x.numel() for x in tree_leaves(model.state_dict()))


def squared_norm(model):
    params = dict(model.named_parameters())
    return sum(torch.sum(p**2) for p in tree_leaves(params))
