#!/usr/bin/env bash
# Quick start, command 2: the whole test suite (lint, types, layers, tests) against real services.
# Extra arguments go to pytest (e.g. -k webhook, -x).
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"
scripts/setup.sh test
scripts/services.sh
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
.venv/bin/mypy src
.venv/bin/lint-imports
exec .venv/bin/pytest -q "$@"
