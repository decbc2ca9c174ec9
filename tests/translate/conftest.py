"""Fixtures for the translate tests: the Apertium pairs the setup script installs."""

from __future__ import annotations

import shutil

import pytest

from polywire.translate.engines.apertium import ApertiumEngine


@pytest.fixture(scope="session")
def apertium() -> ApertiumEngine:
    engine = ApertiumEngine()
    if shutil.which("apertium") is None or ("en", "es") not in engine.pairs():
        pytest.skip("Apertium with apertium-eng-spa is not installed (scripts/setup.sh does it)")
    return engine
