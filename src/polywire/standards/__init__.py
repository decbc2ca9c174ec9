"""Standards data shipped with the wire (ninjs schemas, IPTC vocabularies, CLDR extracts): data
files, read with `importlib.resources`; no Python names."""

__all__: list[str] = []
