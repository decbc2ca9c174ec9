"""Sample stories shipped with the wire (`polywire demo`): data files, read with
`importlib.resources`; no Python names."""

__all__: list[str] = []
