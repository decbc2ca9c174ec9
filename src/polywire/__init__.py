"""polywire: a self-hosted multilingual news wire."""

__version__ = "0.1.0"

__all__ = ["__version__"]
