#!/usr/bin/env bash
# Creates .venv with the pinned Python packages the numerical checks and
# examples run on. Quick when they are already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
if ! .venv/bin/python -c "import jax, flax, torch, tensorflow, keras, ruff, pytest" 2>/dev/null ||
  ! cmp -s requirements.txt .venv/.installed-requirements; then
  .venv/bin/pip install --retries 0 -q -r requirements.txt
  cp requirements.txt .venv/.installed-requirements
fi
