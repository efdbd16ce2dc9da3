"""pytest configuration of the Python tests.

Puts this folder on `sys.path`, so that the test files can import the helper
modules next to them (`import jaxlate_testing`) whatever pytest's import mode.
"""

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
