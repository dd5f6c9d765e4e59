"""`tools/lexicon_leads.py` loaded as a module (the tools folder is no package): its reading of a resolution's
UN XML is the evaluation's rule for what the resolution's paragraphs are."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_spec = importlib.util.spec_from_file_location("lexicon_leads", ROOT / "tools" / "lexicon_leads.py")
assert _spec is not None and _spec.loader is not None
leads = importlib.util.module_from_spec(_spec)
sys.modules["lexicon_leads"] = leads  # its dataclasses look their module up
_spec.loader.exec_module(leads)
