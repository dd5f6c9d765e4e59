"""resinspect: votes, paragraphs and citations from UN Security Council documents.

The engine's public API: read a source, get typed results. Nothing here prints or exits.

    >>> import resinspect
    >>> doc = resinspect.read("S/2020/249")
    >>> [p.id for r in resinspect.extract_paragraphs(doc) for p in r.paragraphs][:2]
    ['PP1', 'PP2']
"""

__version__ = "0.1.0"

from .errors import NotFound, ResinspectError, SourceError  # noqa: E402

_API = ("Inspection", "extract_citations", "extract_paragraphs", "extract_votes", "inspect", "read")


def __getattr__(name: str):
    """The API verbs load on first use, so `resinspect --help` does not pay for the engine's imports."""
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'resinspect' has no attribute {name!r}")


__all__ = [
    "Inspection",
    "NotFound",
    "ResinspectError",
    "SourceError",
    "extract_citations",
    "extract_paragraphs",
    "extract_votes",
    "inspect",
    "read",
    "__version__",
]
