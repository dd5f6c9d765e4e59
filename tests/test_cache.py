"""The page-text cache: round trip, version invalidation, corruption tolerance, clear, opt-out."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import resinspect
from resinspect import cache, pdftext

KEY = hashlib.sha256(b"a document").hexdigest()
OTHER = hashlib.sha256(b"another document").hexdigest()
PAGES = ["Page one\nS/RES/2518 (2020)", "الصفحة الثانية", "第三页", ""]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path))
    monkeypatch.delenv("RESINSPECT_NO_CACHE", raising=False)
    return tmp_path


def entries(home):
    folder = home / "cache"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_cache_dir_follows_resinspect_home(home):
    assert cache.cache_dir() == home / "cache"


def test_round_trip(home):
    assert cache.get(KEY) is None
    cache.put(KEY, PAGES)
    assert cache.get(KEY) == PAGES
    assert cache.get(KEY.upper()) == PAGES
    assert cache.get(OTHER) is None
    assert entries(home) == [f"{KEY}.json"]  # no temporary file left behind


def test_put_overwrites(home):
    cache.put(KEY, ["old"])
    cache.put(KEY, ["new"])
    assert cache.get(KEY) == ["new"]
    assert entries(home) == [f"{KEY}.json"]


def test_version_change_invalidates(home, monkeypatch):
    cache.put(KEY, PAGES)
    monkeypatch.setattr(resinspect, "__version__", "999.0.0")
    assert cache.get(KEY) is None
    cache.put(KEY, ["re-extracted"])
    assert cache.get(KEY) == ["re-extracted"]
    monkeypatch.undo()
    monkeypatch.setenv("RESINSPECT_HOME", str(home))
    assert cache.get(KEY) is None  # written by the other version


def test_reader_change_invalidates(home, monkeypatch):
    """Page texts written by an older PDF reader (same package version) are read again."""
    cache.put(KEY, PAGES)
    assert cache.get(KEY) == PAGES
    monkeypatch.setattr(pdftext, "READER_VERSION", pdftext.READER_VERSION + 1)
    assert cache.get(KEY) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'{"format": 1, "version": "VERSION", "sha256": "x"}',
        b'{"format": 1, "version": "VERSION", "pages": "a string"}',
        b'{"format": 1, "version": "VERSION", "pages": [1, 2]}',
        b'{"format": 99, "version": "VERSION", "pages": ["a"]}',
    ],
)
def test_corrupt_file_is_a_miss(home, content):
    folder = home / "cache"
    folder.mkdir()
    (folder / f"{KEY}.json").write_bytes(content.replace(b"VERSION", cache._version().encode()))
    assert cache.get(KEY) is None
    cache.put(KEY, PAGES)  # and is replaced by the next put
    assert cache.get(KEY) == PAGES


def test_entry_is_a_directory(home):
    (home / "cache" / f"{KEY}.json").mkdir(parents=True)
    assert cache.get(KEY) is None
    cache.put(KEY, PAGES)  # cannot replace a directory: silently skipped
    assert cache.get(KEY) is None


def test_unwritable_cache_is_silent(home, monkeypatch):
    (home / "cache").write_text("a file where the folder should be")
    cache.put(KEY, PAGES)
    assert cache.get(KEY) is None


def test_file_format(home):
    cache.put(KEY, PAGES)
    data = json.loads((home / "cache" / f"{KEY}.json").read_text(encoding="utf-8"))
    version = f"{resinspect.__version__}/reader-{pdftext.READER_VERSION}"
    assert data == {"format": 1, "version": version, "sha256": KEY, "pages": PAGES}


def test_bad_key(home):
    assert cache.get("../../etc/passwd") is None
    assert cache.get("abc") is None
    with pytest.raises(ValueError):
        cache.put("../escape", PAGES)
    assert entries(home) == []


def test_disabled(home, monkeypatch):
    cache.put(KEY, PAGES)
    monkeypatch.setenv("RESINSPECT_NO_CACHE", "1")
    assert cache.get(KEY) is None
    cache.put(OTHER, PAGES)
    assert entries(home) == [f"{KEY}.json"]
    monkeypatch.setenv("RESINSPECT_NO_CACHE", "0")
    assert cache.get(KEY) == PAGES


def test_clear(home):
    assert cache.clear() == 0  # no folder yet
    cache.put(KEY, PAGES)
    cache.put(OTHER, PAGES)
    folder = home / "cache"
    (folder / f".{KEY}.abc123.tmp").write_text("left over by a crash")
    (folder / "README.txt").write_text("not ours")
    assert cache.clear() == 2
    assert entries(home) == ["README.txt"]
    assert cache.get(KEY) is None
    assert cache.clear() == 0


def test_file_sha256(tmp_path):
    p = tmp_path / "x.pdf"
    p.write_bytes(b"a document")
    assert cache.file_sha256(p) == KEY


SAMPLE_PDF = Path(__file__).parent / "data" / "rendered" / "S_RES_2533_2020.ar.pdf"


def test_cleaned_document_is_reused_by_the_same_engine(home, monkeypatch):
    """A warm read skips cleaning too; the document is the same as a cold read's, for this call's input."""
    from resinspect import api

    first = resinspect.read(str(SAMPLE_PDF))
    calls = []
    monkeypatch.setattr(api, "clean", lambda raw: calls.append(raw) or pytest.fail("cleaned again"))
    second = resinspect.read(str(SAMPLE_PDF))
    assert not calls
    assert (second.text, second.page_starts, second.languages, second.issues, second.pages) == (
        first.text,
        first.page_starts,
        first.languages,
        first.issues,
        first.pages,
    )
    assert second.input == str(SAMPLE_PDF)
    # another engine (code or data changed): the document is cleaned again, the page texts are still reused
    monkeypatch.setattr(cache, "engine_digest", lambda: "another engine")
    monkeypatch.setattr(api, "clean", lambda raw: calls.append(raw) or first)
    resinspect.read(str(SAMPLE_PDF))
    assert len(calls) == 1
