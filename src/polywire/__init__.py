"""polywire: a self-hosted multilingual news wire."""

__version__ = "0.1.0"
