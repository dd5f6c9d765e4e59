"""Document → resolutions and their paragraphs (`paragraphs.find_resolutions`)."""

from .paragraphs import find_resolutions

__all__ = ["find_resolutions"]
