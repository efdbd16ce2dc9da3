"""A CNN classifier: gradients clipped by their global norm, then SGD with
Nesterov momentum on an exponentially decaying learning rate; cross-entropy,
and the logits as aux for the accuracy."""

import functools
import math

import numpy as np
import torch


def conv_padding(padding, sizes, kernel_size, strides):
    """(low, high) padding per spatial axis, as Flax computes it."""
    if padding == "VALID":
        return [(0, 0)] * len(sizes)
    if padding == "SAME":
        pads = []
        for size, window, stride in zip(sizes, kernel_size, strides):
            total = max((-(size // -stride) - 1) * stride + window - size, 0)
            pads.append((total // 2, total - total // 2))
        return pads
    if isinstance(padding, int):
        return [(padding, padding)] * len(sizes)
    return [(p, p) if isinstance(p, int) else tuple(p) for p in padding]


def dilate(x, factors):
    """lax's lhs dilation of a channels-first x: factor - 1 zeros between neighbouring
    entries of each spatial axis."""
    shape = *x.shape[:2], *((n - 1) * f + 1 for n, f in zip(x.shape[2:], factors))
    if shape == x.shape:
        return x
    y = x.new_zeros(shape)
    y[slice(None), slice(None), *(slice(None, None, f) for f in factors)] = x
    return y


def conv_general_dilated(
    x, weight, strides, padding, input_dilation, kernel_dilation, feature_group_count
):
    """lax.conv_general_dilated on channels-last inputs (batch..., *spatial, in), any number
    of leading batch axes, with a weight in torch's layout (out, in // feature_group_count,
    *window).

    'SAME' pads each spatial axis by (total // 2, total - total // 2) for the dilated kernel,
    as XLA does: torch's padding="same" cannot express the asymmetric case (stride > 1).
    input_dilation puts input_dilation - 1 zeros between neighbouring inputs (lax's
    lhs_dilation), which torch's convolutions cannot do themselves."""
    spatial = weight.ndim - 2
    batch = x.shape[: x.ndim - spatial - 1]
    x = dilate(
        torch.movedim(x.reshape(-1, *x.shape[len(batch) :]), -1, 1), input_dilation
    )
    window = [(k - 1) * d + 1 for k, d in zip(weight.shape[2:], kernel_dilation)]
    widths = []  # torch pads the last axis first
    for low, high in reversed(conv_padding(padding, x.shape[2:], window, strides)):
        widths.extend((low, high))
    conv = (
        torch.nn.functional.conv1d,
        torch.nn.functional.conv2d,
        torch.nn.functional.conv3d,
    )
    y = conv[spatial - 1](
        torch.nn.functional.pad(x, widths),
        weight,
        stride=strides,
        dilation=kernel_dilation,
        groups=feature_group_count,
    )
    y = torch.movedim(y, 1, -1)
    return y.reshape(*batch, *y.shape[1:])


def conv_sizes(kernel_size, *values):
    """kernel_size as a tuple, then each value (an int, None for 1, or one int per spatial
    axis) as a tuple with one int per spatial axis, as Flax broadcasts them."""
    kernel_size = (kernel_size,) if isinstance(kernel_size, int) else tuple(kernel_size)
    sizes = [kernel_size]
    for value in values:
        if value is None:
            value = 1
        sizes.append(
            (value,) * len(kernel_size) if isinstance(value, int) else tuple(value)
        )
    return sizes


def lecun_normal(key, shape):
    """LeCun normal, Flax's default kernel_init, of a kernel in Flax's layout
    (..., in, out): a normal of standard deviation 1 / sqrt(fan_in), fan_in
    the product of every axis but the last, truncated at two standard deviations (the
    truncation's lost variance restored), drawn from the generator key."""
    std = 1 / math.sqrt(math.prod(shape[:-1])) / 0.87962566103423978
    return torch.nn.init.trunc_normal_(
        torch.empty(shape), std=std, a=-2 * std, b=2 * std, generator=key
    )


def conv_weight(kernel_init, key, shape):
    """A conv weight of torch's layout shape (a, b, *window): kernel_init(key, shape) of
    Flax's layout (*window, b, a), LeCun normal by default as in Flax, permuted, drawn
    from the generator key."""
    init = kernel_init or lecun_normal
    kernel = torch.as_tensor(init(key, (*shape[2:], shape[1], shape[0])))
    weight = kernel.permute(-1, -2, *range(kernel.ndim - 2))
    return weight.to(torch.float32).contiguous()


class Conv(torch.nn.Module):
    """nnx.Conv on channels-last inputs (batch, *spatial, features), as in Flax.

    The weight has torch's layout (out, in // feature_group_count, *kernel_size); padding
    and input dilation are lax's (see conv_general_dilated); kernel_init / bias_init
    (init(key, shape), Flax's kernel layout) draw the initial values (else LeCun
    normal and zeros, as in Flax), from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        kernel_size,
        strides=1,
        padding="SAME",
        input_dilation=1,
        kernel_dilation=1,
        feature_group_count=1,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
    ):
        super().__init__()
        self.kernel_size, self.strides, *dilations = conv_sizes(
            kernel_size, strides, input_dilation, kernel_dilation
        )
        self.input_dilation, self.kernel_dilation = dilations
        self.padding = padding
        self.feature_group_count = feature_group_count
        shape = out_features, in_features // feature_group_count, *self.kernel_size
        key = None if rngs is None else rngs.params()
        self.weight = torch.nn.Parameter(conv_weight(kernel_init, key, shape))
        self.bias = None
        if use_bias:
            bias = torch.zeros(out_features)
            if bias_init is not None:
                bias = torch.as_tensor(bias_init(key, (out_features,)))
            self.bias = torch.nn.Parameter(bias.to(torch.float32))

    def forward(self, x):
        y = conv_general_dilated(
            x,
            self.weight,
            self.strides,
            self.padding,
            self.input_dilation,
            self.kernel_dilation,
            self.feature_group_count,
        )
        return y if self.bias is None else y + self.bias


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


def pool(x, window_shape, strides, padding, value, functions):
    """flax.linen.pooling.pool over the window axes of x (batch..., *window, features): x
    padded with value as lax.reduce_window pads it ('SAME': the smaller half before),
    then pooled by functions[len(window_shape) - 1], torch's channels-first pooling."""
    spatial = len(window_shape)
    strides = (1,) * spatial if strides is None else tuple(strides)
    batch = x.shape[: x.ndim - spatial - 1]
    x = torch.movedim(x.reshape(-1, *x.shape[len(batch) :]), -1, 1)
    widths = []  # torch pads the last axis first
    for low, high in reversed(
        conv_padding(padding, x.shape[2:], window_shape, strides)
    ):
        widths.extend((low, high))
    y = functions[spatial - 1](
        torch.nn.functional.pad(x, widths, value=value), window_shape, stride=strides
    )
    y = torch.movedim(y, 1, -1)
    return y.reshape(*batch, *y.shape[1:])


def avg_pool(
    inputs, window_shape, strides=None, padding="VALID", count_include_pad=True
):
    """nnx.avg_pool: the mean of each window, padded entries counted as zeros; with
    count_include_pad=False, the sum over the entries of inputs the window covers."""
    functions = (
        torch.nn.functional.avg_pool1d,
        torch.nn.functional.avg_pool2d,
        torch.nn.functional.avg_pool3d,
    )
    y = pool(inputs, window_shape, strides, padding, 0.0, functions)
    if not count_include_pad:
        ones = torch.ones((*inputs.shape[:-1], 1), dtype=inputs.dtype)
        y = y / pool(ones, window_shape, strides, padding, 0.0, functions)
    return y


def tree_leaves(tree):
    """jax.tree_util.tree_leaves: dict values in sorted-key order, None skipped."""
    if tree is None:
        return []
    if isinstance(tree, dict):
        return [leaf for k in sorted(tree) for leaf in tree_leaves(tree[k])]
    if isinstance(tree, (list, tuple)):
        return [leaf for item in tree for leaf in tree_leaves(item)]
    return [tree]


def global_norm(tree):
    """optax.global_norm: the L2 norm of all the tree's leaves together."""
    return torch.sqrt(
        torch.as_tensor(
            sum(torch.sum(leaf**2) for leaf in tree_leaves(tree)), dtype=torch.float32
        ),
    )


def clip_by_global_norm(grads, params, max_norm):
    """optax.clip_by_global_norm on a dict name -> gradient: each scaled by
    max_norm / their global norm when that norm is not below max_norm."""
    norm = global_norm(grads)
    return {
        name: torch.where(norm < max_norm, g, g / norm * max_norm)
        for name, g in grads.items()
    }


def exponential_decay(
    init_value,
    transition_steps,
    decay_rate,
    transition_begin=0,
    staircase=False,
    end_value=None,
):
    """optax.exponential_decay: init_value * decay_rate ** (count / transition_steps)
    after transition_begin, bounded by end_value, as a function of the update count."""
    if transition_steps <= 0 or decay_rate == 0:
        return lambda count: init_value
    transition_begin = max(transition_begin, 0)

    def schedule(count):
        decreased_count = torch.as_tensor(count, dtype=torch.float32) - transition_begin
        p = decreased_count / transition_steps
        if staircase:
            p = torch.floor(p)
        value = torch.where(
            decreased_count <= 0, init_value, init_value * decay_rate**p
        )
        if end_value is None:
            return value
        if decay_rate < 1.0:
            return torch.clamp(value, min=end_value)
        return torch.clamp(value, max=end_value)

    return schedule


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


class CNN(torch.nn.Module):
    def __init__(self, *, rngs):
        super().__init__()
        self.conv = Conv(1, 4, (3, 3), rngs=rngs)
        self.linear = Linear(4 * 4 * 4, 10, rngs=rngs)

    def forward(self, x):
        x = torch.nn.functional.threshold(self.conv(x), 0, 0)
        x = avg_pool(x, (2, 2), strides=(2, 2))
        return self.linear(torch.reshape(x, (x.shape[0], -1)))


def make_optimizer(model):
    schedule = exponential_decay(0.1, 2, 0.5)
    tx = (
        functools.partial(clip_by_global_norm, max_norm=0.5),
        functools.partial(torch.optim.SGD, lr=schedule, momentum=0.9, nesterov=True),
    )
    return Optimizer(model, tx)


def loss_fn(model, images, labels):
    logits = model(images)
    loss = torch.mean(softmax_cross_entropy_with_integer_labels(logits, labels))
    return loss, logits


def train_step(model, optimizer, images, labels):
    grad_fn = nnx_value_and_grad(loss_fn, has_aux=True)
    (loss, logits), grads = grad_fn(model, images, labels)
    optimizer.update(model, grads)
    accuracy = torch.mean(
        (torch.argmax(logits, dim=-1).int() == labels).to(torch.float32)
    )
    return loss, accuracy
