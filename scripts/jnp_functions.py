"""Lists the public `jax.numpy` functions that NumPy also has, one per line.

The denominator of the `jax.numpy` coverage in docs/coverage.md, read from the
installed packages: every public callable of `jax.numpy` that is not a module
or a class (dtypes such as `jnp.float32` are classes), whose name NumPy also
defines. Regenerate with

    .venv/bin/python scripts/jnp_functions.py > scripts/jnp_functions.txt
"""

import inspect

import jax
import jax.numpy as jnp
import numpy as np


def main() -> None:
    print(f"# jax {jax.__version__}, numpy {np.__version__}")
    for name in sorted(dir(jnp)):
        value = getattr(jnp, name)
        if name.startswith("_") or inspect.ismodule(value) or inspect.isclass(value):
            continue
        if callable(value) and hasattr(np, name):
            print(name)


if __name__ == "__main__":
    main()
