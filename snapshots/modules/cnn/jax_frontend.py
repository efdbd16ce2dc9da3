"""A small channels-last CNN: 'SAME', 'VALID', strided (asymmetric) 'SAME' and explicitly padded convolutions,
and a 1-D convolution (an int kernel_size) over the rows of a 2-D feature map, its rows a batch axis."""

import jax_frontend


class ConvNet(jax_frontend.nnx.Module):
    def __init__(self, channels: int, classes: int, rngs):
        self.conv1 = jax_frontend.nnx.Conv(channels, 8, kernel_size=(3, 3), rngs=rngs)
        self.conv2 = jax_frontend.nnx.Conv(
            8, 8, kernel_size=(3, 3), strides=2, padding="SAME", rngs=rngs
        )
        self.conv3 = jax_frontend.nnx.Conv(
            8, 4, kernel_size=(2, 2), strides=(1, 1), padding="VALID", rngs=rngs
        )
        self.conv4 = jax_frontend.nnx.Conv(
            4, 4, kernel_size=(2, 3), padding=((1, 0), (0, 2)), rngs=rngs
        )
        self.conv5 = jax_frontend.nnx.Conv(
            4, 4, kernel_size=(3, 3), padding=1, use_bias=False, rngs=rngs
        )
        self.rows = jax_frontend.nnx.Conv(
            4, 4, kernel_size=2, padding="VALID", rngs=rngs
        )
        self.head = jax_frontend.nnx.Linear(4, classes, rngs=rngs)

    def __call__(self, x):
        x = jax_frontend.nn.relu(self.conv1(x))
        x = jax_frontend.nn.relu(self.conv2(x))
        x = self.conv3(x)
        x = self.conv5(jax_frontend.nn.relu(self.conv4(x)))
        x = self.rows(x)
        x = jax_frontend.numpy.mean(x, axis=(1, 2))
        return self.head(x)
