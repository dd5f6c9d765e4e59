"""resinspect: votes, paragraphs and citations from UN Security Council documents.

The engine's public API: read a source, get typed results. Nothing here prints or exits.
"""

__version__ = "0.1.0"
