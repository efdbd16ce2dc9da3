import numpy as np


class Variable:
    """nnx.Variable: holds an array, read and written as .value.

    Used as an array (in arithmetic, indexed, passed to NumPy), it is its value, as a
    Flax Variable is."""

    def __init__(self, value):
        self.value = np.asarray(value)

    def __array__(self, dtype=None, copy=None):
        return self.value if dtype is None else self.value.astype(dtype)

    def __getattr__(self, name):
        if name == "value":  # not set yet (copy, pickle)
            raise AttributeError(name)
        return getattr(self.value, name)

    def __getitem__(self, index):
        return self.value[index]

    def __len__(self):
        return len(self.value)

    def __iter__(self):
        return iter(self.value)

    @staticmethod
    def _on_value(name):
        """The operator `name` of a Variable: the same operator of its value."""

        def operator(self, *args):
            return getattr(self.value, name)(*args)

        operator.__name__ = name
        return operator

    __add__ = _on_value("__add__")
    __sub__ = _on_value("__sub__")
    __mul__ = _on_value("__mul__")
    __matmul__ = _on_value("__matmul__")
    __truediv__ = _on_value("__truediv__")
    __floordiv__ = _on_value("__floordiv__")
    __mod__ = _on_value("__mod__")
    __pow__ = _on_value("__pow__")
    __lshift__ = _on_value("__lshift__")
    __rshift__ = _on_value("__rshift__")
    __and__ = _on_value("__and__")
    __xor__ = _on_value("__xor__")
    __or__ = _on_value("__or__")
    __radd__ = _on_value("__radd__")
    __rsub__ = _on_value("__rsub__")
    __rmul__ = _on_value("__rmul__")
    __rmatmul__ = _on_value("__rmatmul__")
    __rtruediv__ = _on_value("__rtruediv__")
    __rfloordiv__ = _on_value("__rfloordiv__")
    __rmod__ = _on_value("__rmod__")
    __rpow__ = _on_value("__rpow__")
    __rlshift__ = _on_value("__rlshift__")
    __rrshift__ = _on_value("__rrshift__")
    __rand__ = _on_value("__rand__")
    __rxor__ = _on_value("__rxor__")
    __ror__ = _on_value("__ror__")
    __neg__ = _on_value("__neg__")
    __pos__ = _on_value("__pos__")
    __abs__ = _on_value("__abs__")
    __invert__ = _on_value("__invert__")
    __lt__ = _on_value("__lt__")
    __le__ = _on_value("__le__")
    __gt__ = _on_value("__gt__")
    __ge__ = _on_value("__ge__")
