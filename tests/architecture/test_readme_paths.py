"""The README's architecture is today's code (issue 15): every `src/polywire/...` path it names
exists, its map of the packages lists every one in the layer order of the import-linter
contract, and its line of layers is that contract's."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
LAYERS: list[str] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]["contracts"][0]["layers"]
#: A path the README names in its prose: `src/polywire/` and what follows, up to a space.
NAMED = re.compile(r"src/polywire/[\w./-]*")
#: An entry of the map: its indentation and its name (a folder ends with `/`).
ENTRY = re.compile(r"^( *)([\w.]+/|[\w.]+\.py)(?:\s|$)")


def _map() -> list[tuple[int, str]]:
    """The map's entries below `src/polywire/`, as (depth, name)."""
    block = README.split("```text\nsrc/polywire/\n", 1)[1].split("```", 1)[0]
    entries = [ENTRY.match(line) for line in block.splitlines()]
    return [(len(m[1]) // 2 - 1, m[2]) for m in entries if m]


def test_every_path_the_readme_names_exists() -> None:
    named = {found.rstrip(".") for found in NAMED.findall(README)}
    assert named, "the README names no path under src/polywire"
    assert [path for path in sorted(named) if not (ROOT / path).exists()] == []


def test_every_entry_of_the_map_exists() -> None:
    folders: list[str] = []
    missing = []
    for depth, name in _map():
        del folders[depth:]
        path = ROOT / "src" / "polywire" / Path(*folders) / name
        if not path.exists():
            missing.append(path.relative_to(ROOT).as_posix())
        if name.endswith("/"):
            folders.append(name.rstrip("/"))
    assert missing == []


def test_the_map_lists_every_layer_in_the_contract_s_order() -> None:
    top = [name.removesuffix("/").removesuffix(".py") for depth, name in _map() if depth == 0]
    assert top == [name for layer in LAYERS for name in re.split(r"\s*[|:]\s*", layer)]


def test_the_line_of_layers_is_the_contract_s() -> None:
    assert f"```text\n{' → '.join(LAYERS)}\n```" in README
