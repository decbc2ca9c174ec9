"""Ingest: turn any input (scraped text, HTML, ninjs) into a clean `Extraction`."""

from polywire.ingest.core import extract, extract_path

__all__ = ["extract", "extract_path"]
