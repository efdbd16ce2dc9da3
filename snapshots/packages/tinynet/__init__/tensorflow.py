"""tinynet: a small residual classifier in Flax NNX, split over a package."""

from tinynet.layers import MLP, Residual

from .model import TinyNet, predict
from .utils import HIDDEN

__all__ = ["HIDDEN", "MLP", "Residual", "TinyNet", "predict"]
