#!/usr/bin/env bash
# Shared by scripts/demo.sh and scripts/test.sh: make this checkout ready to run.
# Safe to run any number of times: each step checks before it acts.
#   setup.sh run   -> Debian packages the wire uses (where root), .venv with polywire
#   setup.sh test  -> the above plus test-only packages and services, and the dev extras
set -euo pipefail
mode="${1:-run}"
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root_dir"

started=$SECONDS
say() { printf '[polywire setup %ss] %s\n' "$((SECONDS - started))" "$*" >&2; }
# The lines of a long step (apt, pip) that say where it is: set-up is never a minute of silence.
# The step's own exit status stays the pipeline's (pipefail).
show_progress() { # $1: extended regex of the lines worth showing
    { grep --line-buffered -E "$1" || true; } | while IFS= read -r line; do say "  $line"; done
}

# --- Debian packages (only where we are root and apt exists) -----------------------------
# fonts-noto-*: a glyph for every script the wire serves (Arabic, Thai, CJK…); without them a
# fresh machine's browser and screenshots show empty boxes
run_packages=(python3-venv apertium apertium-eng-spa apertium-es-pt apertium-fr-es
    fonts-noto-core fonts-noto-cjk)
test_packages=(chromium postgresql nats-server openssl nodejs npm)
wanted=("${run_packages[@]}")
[ "$mode" = test ] && wanted+=("${test_packages[@]}")
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    missing=()
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" && continue
        command -v "$p" >/dev/null 2>&1 && continue # provided another way (e.g. npm with nodejs)
        missing+=("$p")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        say "installing Debian packages: ${missing[*]}"
        say "updating the package lists"
        apt-get update 2>&1 | show_progress '^(Get|Fetched|E):'
        if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            "${missing[@]}" 2>&1 | show_progress '^(Get:[0-9]+|Unpacking|Setting up|E:)'; then
            # one package that cannot be installed must not keep the others out
            for p in "${missing[@]}"; do
                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                    "$p" >/dev/null 2>&1 || say "could not install $p; what needs it will say so"
            done
        fi
    fi
else
    say "not root (or no apt): skipping Debian packages ${wanted[*]}; features needing them report so"
fi

# --- Python: 3.11 or newer --------------------------------------------------------------
python=""
for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
        python="$candidate"
        break
    fi
done
[ -n "$python" ] || { say "Python 3.11 or newer is required"; exit 1; }

# --- Virtual environment, reinstalled only when pyproject.toml changes --------------------
extras=""
[ "$mode" = test ] && extras="[dev]"
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=".venv/.polywire-installed"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)$extras"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing polywire$extras into .venv"
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -e ".$extras" 2>&1 |
        show_progress '^(Collecting|Building|Installing|Successfully|ERROR)'
    echo "$want" > "$stamp"
fi

# --- axe-core, run inside the browser tests' pages for accessibility checks --------------
axe_version=4.14.1
if [ "$mode" = test ] && command -v npm >/dev/null 2>&1 &&
    ! grep -qs "\"version\": \"$axe_version\"" tests/.npm/node_modules/axe-core/package.json; then
    say "installing axe-core $axe_version for the browser tests (tests/.npm)"
    npm install --prefix tests/.npm --no-audit --no-fund --no-save "axe-core@$axe_version" >/dev/null
fi
say "ready"
