#!/usr/bin/env bash
# Quick start, command 1: run the wire on its embedded default (SQLite, in-process jobs).
# Extra arguments go to `polywire demo` (e.g. --once, --port 8080).
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root_dir/scripts/setup.sh" run
exec "$root_dir/.venv/bin/polywire" demo "$@"
