"""Data the wire derives from its libraries' data, built once and kept in the user's cache.

The gazetteer (GeoNames and CLDR names), month and weekday names of every language (CLDR) and the
language identifier's model (py3langid, shipped compressed) take the better part of two seconds to
build, which a long-running wire pays once but a command such as `polywire classify FILE` paid on
every start. `kept` builds such a value the first time and keeps it, pickled, in
`$POLYWIRE_CACHE_DIR` (default `$XDG_CACHE_HOME/polywire`, else `~/.cache/polywire`), under a
name that changes whenever what it was built from changes: the builder's source, the data files
and the library versions it names. A cache that cannot be read or written is rebuilt and the
value used anyway; nothing depends on the cache being there.

Only this process's user writes the cache directory, and a pickle there is as trusted as the
user's own files.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

log = logging.getLogger("polywire.derived")


def cache_dir() -> Path:
    configured = os.environ.get("POLYWIRE_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "polywire"


def kept(name: str, build: Callable[[], T], *, inputs: Iterable[str | bytes]) -> T:
    """The value `build()` makes, from the cache when it was kept there from the same `inputs`
    (source files' and data files' contents, library versions), else built and kept."""
    digest = hashlib.sha256(sys.version.encode())
    for item in inputs:
        digest.update(item if isinstance(item, bytes) else item.encode())
        digest.update(b"\0")
    path = cache_dir() / f"{name}-{digest.hexdigest()[:20]}.pickle"
    try:
        with path.open("rb") as file:
            value: T = pickle.load(file)
        return value
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
        log.warning("%s: cannot read the kept %s (%s); building it again", path, name, error)
    value = build()
    _keep(name, path, value)
    return value


def source_of(module_file: str | None) -> bytes:
    """A module's source, for `inputs`: the value is rebuilt when its builder changes."""
    return Path(module_file).read_bytes() if module_file else b""


def _keep(name: str, path: Path, value: object) -> None:
    """`value` in `path`, written whole or not at all, in place of what older inputs made."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{name}-*.pickle"):
            if stale.name.rsplit("-", 1)[0] == name:
                stale.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, path)
    except OSError as error:
        log.warning("%s: cannot keep it (%s); it is built again next time", path, error)
