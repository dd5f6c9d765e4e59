"""Shared test set-up: an isolated RESINSPECT_HOME, and `--update-goldens`."""

from __future__ import annotations

import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens", action="store_true", help="rewrite tests/golden/*.json from the engine"
    )


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never write to the user's real cache or library from a test."""
    home = tmp_path_factory.getbasetemp() / "resinspect-home"
    monkeypatch.setenv("RESINSPECT_HOME", str(home))
    monkeypatch.delenv("RESINSPECT_LIBRARY", raising=False)
    monkeypatch.delenv("RESINSPECT_LANG", raising=False)


@pytest.fixture
def update_goldens(request) -> bool:
    return bool(request.config.getoption("--update-goldens"))
