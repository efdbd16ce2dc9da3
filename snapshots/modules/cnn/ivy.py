"""A small channels-last CNN: 'SAME', 'VALID' and strided (asymmetric) 'SAME' convolutions."""

import ivy


class ConvNet(ivy.Module):
    def __init__(self, channels: int, classes: int, rngs):
        self.conv1 = ivy.Conv(channels, 8, (3, 3), rngs=rngs)
        self.conv2 = ivy.Conv(8, 8, (3, 3), strides=2, rngs=rngs)
        self.conv3 = ivy.Conv(8, 4, (2, 2), strides=(1, 1), padding="VALID", rngs=rngs)
        self.head = ivy.Linear(4, classes, rngs=rngs)

    def __call__(self, x):
        x = ivy.relu(self.conv1(x))
        x = ivy.relu(self.conv2(x))
        x = self.conv3(x)
        x = ivy.mean(x, axis=(1, 2))
        return self.head(x)
