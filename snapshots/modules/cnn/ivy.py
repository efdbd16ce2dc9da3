"""A small channels-last CNN: 'SAME', 'VALID', strided (asymmetric) 'SAME' and explicitly padded convolutions,
and a 1-D convolution (an int kernel_size) over the rows of a 2-D feature map, its rows a batch axis."""

import ivy


class ConvNet(ivy.Module):
    def __init__(self, channels: int, classes: int, rngs):
        self.conv1 = ivy.Conv(channels, 8, (3, 3), rngs=rngs)
        self.conv2 = ivy.Conv(8, 8, (3, 3), strides=2, rngs=rngs)
        self.conv3 = ivy.Conv(8, 4, (2, 2), strides=(1, 1), padding="VALID", rngs=rngs)
        self.conv4 = ivy.Conv(4, 4, (2, 3), padding=((1, 0), (0, 2)), rngs=rngs)
        self.conv5 = ivy.Conv(4, 4, (3, 3), padding=1, use_bias=False, rngs=rngs)
        self.rows = ivy.Conv(4, 4, 2, padding="VALID", rngs=rngs)
        self.head = ivy.Linear(4, classes, rngs=rngs)

    def __call__(self, x):
        x = ivy.relu(self.conv1(x))
        x = ivy.relu(self.conv2(x))
        x = self.conv3(x)
        x = self.conv5(ivy.relu(self.conv4(x)))
        x = self.rows(x)
        x = ivy.mean(x, axis=(1, 2))
        return self.head(x)
