"""Vote extraction (placeholder until the vote engine lands)."""

from __future__ import annotations

from .model import Document, Resolution, Vote


def extract_votes(doc: Document, resolutions: list[Resolution]) -> list[Vote]:
    return []
