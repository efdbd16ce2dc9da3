"""A train/eval loop as the Flax MNIST tutorial writes it: nnx.MultiMetric of the
loss's Average and the Accuracy, updated by each train and eval step, computed
into a history after each phase and reset; model.train() before training and
model.eval() before evaluating (BatchNorm's batch statistics, then its running
averages). The layer before the BatchNorm has no bias: its gradient would be
rounding noise, which Adam scales to full steps. Parameter counts and norms as users
write them over nnx.state."""

import functools

import keras
import numpy as np
import tensorflow as tf
import tensorflow.experimental.numpy as tnp


def from_keras_config(cls, config):
    """cls built from its get_config() (as keras.saving.load_model does): each value
    deserialized (an Rngs, a config dataclass, a tuple, a layer); the "*name" entry of a
    *name parameter passed positionally."""
    values = {
        key: keras.saving.deserialize_keras_object(value)
        for key, value in config.items()
    }
    starred = [values.pop(key) for key in list(values) if key.startswith("*")]
    return cls(*starred[0] if starred else (), **values)


class Average:
    """nnx.metrics.Average: the mean of every value given as update(<argname>=values)
    (a number counts once, an array once per element, a mask keeps those it marks);
    NaN before any. The total is float32 and the count int32, as in Flax."""

    def __init__(self, argname="values"):
        self.argname = argname
        self.reset()

    def reset(self):
        self.total = tf.constant(0.0)
        self.count = tf.constant(0, dtype=tf.int32)

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
        values = tf.convert_to_tensor(values)
        if mask is not None:
            # as Flax's values * mask.astype(values.dtype), then mask.sum() as int32
            values = values * tf.cast(mask, values.dtype)
            count = tf.cast(tf.reduce_sum(tf.cast(mask, tf.float32)), tf.int32)
        else:
            count = tf.size(values, out_type=tf.int32)
        if values.dtype == tf.bool:
            values = tf.cast(values, tf.int32)
        self.total = self.total + tf.cast(tf.reduce_sum(values), tf.float32)
        self.count = self.count + count

    def compute(self):
        return self.total / tf.cast(self.count, tf.float32)


class Accuracy(Average):
    """nnx.metrics.Accuracy: the Average of argmax(logits, -1) == labels (int labels
    of one dimension less), or with a threshold of (logits >= threshold) == (labels > 0)."""

    def __init__(self, threshold=None, argname="values"):
        if threshold is not None and not isinstance(threshold, float):
            raise TypeError(f"Expected threshold to be a float, got {type(threshold)}")
        self.threshold = threshold
        super().__init__(argname)

    def update(self, *, logits, labels, mask=None, **_):
        expected = len(labels.shape) + (0 if self.threshold is not None else 1)
        if len(logits.shape) != expected:
            raise ValueError(
                f"expected logits.ndim == {expected}, got {len(logits.shape)} and {len(labels.shape)}",
            )
        if labels.dtype not in (tf.int32, tf.int64):
            raise ValueError(f"Expected labels.dtype==int32, got {labels.dtype}")
        labels = tf.cast(labels, tf.int32)
        if self.threshold is not None:
            values = (logits >= self.threshold) == (labels > 0)
        else:
            values = tf.argmax(logits, axis=-1, output_type=tf.int32) == labels
        super().update(values=values, mask=mask)


class Adam(keras.optimizers.Optimizer):
    """optax.adam and optax.adamw as a Keras optimizer: epsilon is added to the
    square root of the bias-corrected second moment, as optax does
    (keras.optimizers.Adam adds it before the correction, which moves small
    gradients' steps), and the decoupled weight decay is weight_decay times the
    variable, scaled by the learning rate with the rest of the update."""

    def __init__(
        self,
        learning_rate,
        beta_1,
        beta_2,
        epsilon,
        weight_decay=0.0,
        name="Adam",
        **kwargs,
    ):
        super().__init__(learning_rate=learning_rate, name=name, **kwargs)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.decoupled_weight_decay = weight_decay

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.moments = [
            self.add_variable_from_reference(v, "moment") for v in variables
        ]
        self.velocities = [
            self.add_variable_from_reference(v, "velocity") for v in variables
        ]

    def update_step(self, gradient, variable, learning_rate):
        learning_rate = keras.ops.cast(learning_rate, variable.dtype)
        count = keras.ops.cast(self.iterations + 1, variable.dtype)
        index = self._get_variable_index(variable)
        moment, velocity = self.moments[index], self.velocities[index]
        self.assign(moment, (1 - self.beta_1) * gradient + self.beta_1 * moment)
        self.assign(
            velocity,
            (1 - self.beta_2) * keras.ops.square(gradient) + self.beta_2 * velocity,
        )
        moment_hat = moment / (1 - keras.ops.power(self.beta_1, count))
        velocity_hat = velocity / (1 - keras.ops.power(self.beta_2, count))
        update = moment_hat / (keras.ops.sqrt(velocity_hat) + self.epsilon)
        update = update + self.decoupled_weight_decay * variable
        self.assign_sub(variable, learning_rate * update)


def keras_initializer(init, default, rngs=None):
    """The initializer (shape, dtype) of a weight: init(key, shape), JAX-style, where given,
    else the one Keras names default. Both draw from the rngs' params stream (a
    keras.random.SeedGenerator) when rngs is given, so that a model built from
    Rngs(seed) starts from the same weights each time."""
    key = None if rngs is None else rngs.params()
    if init is not None:
        return lambda shape, dtype=None: init(key, tuple(shape))
    initializer = keras.initializers.get(default)
    if key is not None and hasattr(initializer, "seed"):
        initializer.seed = key
    return initializer


def norm_weights(layer, num_features, use_scale, use_bias, scale_init, bias_init, rngs):
    """A norm layer's scale and bias weights (None where unused): ones and zeros of
    (num_features,), unless scale_init / bias_init (init(key, shape)) draw them from rngs."""
    scale = bias = None
    if use_scale:
        scale = layer.add_weight(
            shape=(num_features,),
            initializer=keras_initializer(scale_init, "ones", rngs),
            name="scale",
        )
    if use_bias:
        bias = layer.add_weight(
            shape=(num_features,),
            initializer=keras_initializer(bias_init, "zeros", rngs),
            name="bias",
        )
    return scale, bias


@keras.saving.register_keras_serializable(package=__name__)
class BatchNorm(keras.Layer):
    """nnx.BatchNorm as in Flax, over every axis but axis (the features, last by default).

    In training mode x is normalized with the batch's mean and biased variance
    (E[x^2] - E[x]^2, clipped at 0) over every other axis, and the running averages
    mean and var are updated as momentum * running + (1 - momentum) * batch. With
    use_running_average the running averages normalize x and stay as they are.

    The mode is use_running_average given per call, else Keras' training argument
    (model(x, training=False), model.predict and model.evaluate use the running
    averages; training=True and model.fit the batch), else the constructor's
    use_running_average: with neither given a call trains, as in Flax (Keras'
    BatchNormalization would use the running averages). The scale and bias start at ones
    and zeros unless scale_init / bias_init (init(key, shape)) draw them from rngs."""

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
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.init_arguments = {
            "num_features": num_features,
            "use_running_average": use_running_average,
            "axis": axis,
            "momentum": momentum,
            "epsilon": epsilon,
            "use_bias": use_bias,
            "use_scale": use_scale,
            "scale_init": scale_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        # use_running_average may be passed positionally, as in Flax
        self._allow_non_tensor_positional_args = True
        self.use_running_average = use_running_average
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        shape = (num_features,)
        self.mean = self.add_weight(
            shape=shape, initializer="zeros", trainable=False, name="mean"
        )
        self.var = self.add_weight(
            shape=shape, initializer="ones", trainable=False, name="var"
        )
        self.scale, self.bias = norm_weights(
            self, num_features, use_scale, use_bias, scale_init, bias_init, rngs
        )

    def call(self, x, use_running_average=None, training=None):
        if use_running_average is None and training is not None:
            use_running_average = not training
        if use_running_average is None:
            use_running_average = self.use_running_average
        axis = self.axis % len(x.shape)
        x = tf.experimental.numpy.moveaxis(x, axis, -1)
        if use_running_average:
            mean, var = self.mean, self.var
        else:
            axes = list(range(len(x.shape) - 1))
            mean = tf.reduce_mean(x, axis=axes)
            var = tf.maximum(
                tf.reduce_mean(tf.square(x), axis=axes) - tf.square(mean), 0.0
            )
            self.mean.assign(self.momentum * self.mean + (1 - self.momentum) * mean)
            self.var.assign(self.momentum * self.var + (1 - self.momentum) * var)
        multiplier = tf.math.rsqrt(var + self.epsilon)
        if self.scale is not None:
            multiplier = multiplier * self.scale
        y = (x - mean) * multiplier
        if self.bias is not None:
            y = y + self.bias
        return tf.experimental.numpy.moveaxis(y, -1, axis)

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


@keras.saving.register_keras_serializable(package=__name__)
class Linear(keras.layers.Dense):
    """nnx.Linear: a Dense layer (kernel (in, out), as in Flax) built at construction,
    its kernel LeCun-normal and bias zero unless kernel_init / bias_init (init(key, shape))
    are given, drawn from rngs."""

    def __init__(
        self,
        in_features,
        out_features,
        use_bias=True,
        kernel_init=None,
        bias_init=None,
        rngs=None,
        **kwargs,
    ):
        super().__init__(
            out_features,
            use_bias=use_bias,
            kernel_initializer=keras_initializer(kernel_init, "lecun_normal", rngs),
            bias_initializer=keras_initializer(bias_init, "zeros", rngs),
            **kwargs,
        )
        self.init_arguments = {
            "in_features": in_features,
            "out_features": out_features,
            "use_bias": use_bias,
            "kernel_init": kernel_init,
            "bias_init": bias_init,
            "rngs": rngs,
        }
        self.build((None, in_features))

    def get_config(self):
        return dict(keras.Layer.get_config(self), **self.init_arguments)

    from_config = classmethod(from_keras_config)


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
    """nnx.Optimizer(model, tx, wrt=nnx.Param): the Keras optimizer tx builds (tx is
    an optax optimizer's translation: its keras.optimizers class with every
    hyperparameter). A learning rate that is a schedule (a function of the update
    count, 0 first) becomes a keras LearningRateSchedule.

    tx may also be an optax.chain's translation: a tuple of gradient transforms
    (functions of the gradients and the variables), then the optimizer.

    update(model, grads) takes one step with grads, a list in the model's
    trainable_variables order (as nnx_value_and_grad gives them)."""

    def __init__(self, model, tx):
        *transforms, tx = tx if isinstance(tx, tuple) else (tx,)
        self.transforms = transforms
        learning_rate = tx.keywords["learning_rate"]
        if callable(learning_rate):
            self.optimizer = tx(learning_rate=LearningRateSchedule(learning_rate))
        else:
            self.optimizer = tx()

    def update(self, model, grads):
        params = model.trainable_variables
        for transform in self.transforms:
            grads = transform(grads, params)
        self.optimizer.apply(grads, params)


class LearningRateSchedule(keras.optimizers.schedules.LearningRateSchedule):
    """An optax schedule (a function of the update count) as a Keras one."""

    def __init__(self, schedule):
        self.schedule = schedule

    def __call__(self, step):
        return self.schedule(step)


@keras.saving.register_keras_serializable(package=__name__)
class Rngs:
    """nnx.Rngs: named random streams, each a keras.random.SeedGenerator.

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
        if tf.executing_eagerly():
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
            generators[stream] = keras.random.SeedGenerator(seed)
        return lambda: generators[stream]

    def __call__(self):
        return self.default()

    def get_config(self):
        """The seeds, so that Keras saves an Rngs passed to a layer it saves."""
        return self.seeds

    @classmethod
    def from_config(cls, config):
        return cls(**config)


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


def load_flax_state(model, src):
    """Copies the weights of a Flax nnx.Module or nnx.State into model, in place.

    The one place where Flax's weights meet Keras': layouts are Flax's already
    (kernels (in, out) and (*window, in, out)); only Embed's embedding is named
    embeddings, as in keras.layers.Embedding."""
    renamed = {"embedding": "embeddings"}
    for owner, name, value, path in flax_targets(model, src):
        if not hasattr(owner, name) and name in renamed:
            name = renamed[name]
        target = owner[name] if isinstance(owner, dict) else getattr(owner, name)
        if tuple(target.shape) != value.shape:
            raise ValueError("shape mismatch at " + ".".join(path))
        if hasattr(target, "assign"):
            target.assign(value)
        else:
            setattr(owner, name, tf.constant(value))
    return model


def nnx_value_and_grad(fun, argnums=0, has_aux=False):
    """nnx.value_and_grad with tf.GradientTape: fun's scalar value (and aux) and its
    gradients with respect to the arguments argnums. A layer's gradients are a list
    in its trainable_variables order (Optimizer.update takes them); a tensor's is a
    tensor. Unconnected ones are zeros."""

    def value_and_grad_fun(*args):
        args = list(args)
        nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
        with tf.GradientTape() as tape:
            wrt = []
            for n in nums:
                if isinstance(args[n], keras.Layer):
                    wrt.append(list(args[n].trainable_variables))
                else:
                    args[n] = tf.convert_to_tensor(args[n])
                    tape.watch(args[n])
                    wrt.append(args[n])
            out = fun(*args)
        value = out[0] if has_aux else out
        grads = tape.gradient(
            value, wrt, unconnected_gradients=tf.UnconnectedGradients.ZERO
        )
        return out, grads[0] if isinstance(argnums, int) else tuple(grads)

    return value_and_grad_fun


def set_attributes(layer, **attributes):
    """nnx.Module.set_attributes: each attribute set on every nested layer (this one
    included) that has it, as Flax's model.train() and model.eval() do. A layer's call
    argument still wins, then Keras' training flag, then the attribute."""
    for sublayer in layer._flatten_layers():
        for name, value in attributes.items():
            if hasattr(sublayer, name):
                setattr(sublayer, name, value)


def softmax_cross_entropy_with_integer_labels(logits, labels, axis=-1):
    """optax.softmax_cross_entropy_with_integer_labels: the log normalizer minus
    the labels' logits, without normalizing every logit."""
    label_logits = tnp.take_along_axis(logits, tf.expand_dims(labels, axis), axis)
    return tf.reduce_logsumexp(logits, axis=axis) - tf.squeeze(label_logits, axis)


def tree_leaves(tree):
    """jax.tree_util.tree_leaves: dict values in sorted-key order, None skipped."""
    if tree is None:
        return []
    if isinstance(tree, dict):
        return [leaf for k in sorted(tree) for leaf in tree_leaves(tree[k])]
    if isinstance(tree, (list, tuple)):
        return [leaf for item in tree for leaf in tree_leaves(item)]
    return [tree]


@keras.saving.register_keras_serializable(package=__name__)
class MLP(keras.Layer):
    def __init__(self, din: int, hidden: int, classes: int, *, rngs, **kwargs):
        super().__init__(**kwargs)
        self.init_arguments = {
            "din": din,
            "hidden": hidden,
            "classes": classes,
            "rngs": rngs,
        }
        self.linear = Linear(din, hidden, use_bias=False, rngs=rngs)
        self.norm = BatchNorm(hidden, momentum=0.5)
        self.head = Linear(hidden, classes, rngs=rngs)

    def call(self, x):
        return self.head(tf.nn.relu(self.norm(self.linear(x))))

    def get_config(self):
        return dict(super().get_config(), **self.init_arguments)

    from_config = classmethod(from_keras_config)


def make_optimizer(model):
    return Optimizer(
        model,
        functools.partial(
            Adam, learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-08
        ),
    )


def make_metrics():
    return MultiMetric(accuracy=Accuracy(), loss=Average("loss"))


def loss_fn(model, images, labels):
    logits = model(images)
    loss = tf.reduce_mean(softmax_cross_entropy_with_integer_labels(logits, labels))
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
    set_attributes(model, deterministic=False, use_running_average=False)
    for images, labels in train_batches:
        train_step(model, optimizer, metrics, images, labels)
    for metric, value in metrics.compute().items():
        history["train_" + metric].append(value)
    metrics.reset()
    set_attributes(model, deterministic=True, use_running_average=True)
    for images, labels in test_batches:
        eval_step(model, metrics, images, labels)
    for metric, value in metrics.compute().items():
        history["test_" + metric].append(value)
    metrics.reset()
    return history


def count_params(model):
    params = model.trainable_variables
    return sum(int(tf.size(x)) for x in tree_leaves(params))


def count_state(model):
    return sum(int(tf.size(x)) for x in tree_leaves(model.variables))


def squared_norm(model):
    params = model.trainable_variables
    return sum(tf.reduce_sum(p**2) for p in tree_leaves(params))
