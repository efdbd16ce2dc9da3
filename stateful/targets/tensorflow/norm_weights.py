from .keras_initializer import keras_initializer


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
