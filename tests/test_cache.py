"""The page-text cache: round trip, version invalidation, corruption tolerance, clear, opt-out."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
import resinspect
import resinspect.version
from resinspect import pipeline
from resinspect.model import Document, Footnote, Line, Page, RawSource, TextLine
from resinspect.reader import cache, engines, layout

KEY = hashlib.sha256(b"a document").hexdigest()
OTHER = hashlib.sha256(b"another document").hexdigest()


def pages(*texts: str) -> list[Page]:
    """Pages of one line each, with a box, a hint and the gap above it, as the PDF reader makes them (the
    first page's line has nothing above it: no gap)."""
    return [
        Page(
            k,
            (
                Line(
                    t,
                    (72.0, 700.5, 300.25, 712.0),
                    "start" if k > 1 else "unknown",
                    gap=1.2 if k > 1 else None,
                ),
            )
            if t
            else (),
            612.0,
            792.0,
            k % 2,
        )
        for k, t in enumerate(texts, 1)
    ]


PAGES = pages("Page one S/RES/2518 (2020)", "الصفحة الثانية", "第三页", "")


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
    cache.put(KEY, pages("old"))
    cache.put(KEY, pages("new"))
    assert cache.get(KEY) == pages("new")
    assert entries(home) == [f"{KEY}.json"]


def test_version_change_invalidates(home, monkeypatch):
    cache.put(KEY, PAGES)
    monkeypatch.setattr(resinspect.version, "__version__", "999.0.0")
    assert cache.get(KEY) is None
    cache.put(KEY, pages("re-extracted"))
    assert cache.get(KEY) == pages("re-extracted")
    monkeypatch.undo()
    monkeypatch.setenv("RESINSPECT_HOME", str(home))
    assert cache.get(KEY) is None  # written by the other version


def test_pages_of_one_engine_are_not_the_other_engines(home, monkeypatch):
    """The engine is part of the key: pages read by pdfminer are a miss for PDFium and the other way round
    (the engine named, or RESINSPECT_ENGINE's), and a read by the other engine replaces them."""
    cache.put(KEY, PAGES, engine="pdfminer")
    assert cache.get(KEY, "pdfminer") == PAGES and cache.get(KEY, "pdfium") is None
    monkeypatch.setenv("RESINSPECT_ENGINE", "pdfium")
    assert cache.get(KEY) is None
    cache.put(KEY, pages("read by PDFium"))
    assert cache.get(KEY, "pdfium") == pages("read by PDFium") and cache.get(KEY, "pdfminer") is None
    monkeypatch.setattr(engines, "VERSIONS", {**engines.VERSIONS, "pdfium": engines.VERSIONS["pdfium"] + 1})
    assert cache.get(KEY) is None  # the engine's own version changed


def test_reader_change_invalidates(home, monkeypatch):
    """Page texts written by an older PDF reader (same package version) are read again."""
    cache.put(KEY, PAGES)
    assert cache.get(KEY) == PAGES
    monkeypatch.setattr(cache, "READER_VERSION", layout.READER_VERSION + 1)
    assert cache.get(KEY) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[]",
        b'{"format": FORMAT, "version": "VERSION", "sha256": "x"}',
        b'{"format": FORMAT, "version": "VERSION", "pages": "a string"}',
        b'{"format": FORMAT, "version": "VERSION", "pages": [1, 2]}',
        b'{"format": FORMAT, "version": "VERSION", "pages": [{"number": 1, "lines": [[1, ""]]}]}',
        b'{"format": FORMAT, "version": "VERSION", "pages": [{"number": 1, "width": 1, "height": 1, '
        b'"cid": 0, "lines": [["a", "s", [1, 2], null]]}]}',
        b'{"format": FORMAT, "version": "VERSION", "pages": [{"number": 1, "width": 1, "height": 1, '
        b'"cid": 0, "lines": [["ab", "s", [1, 2, 3, 4], [1, 2]]]}]}',
        b'{"format": 99, "version": "VERSION", "pages": []}',
    ],
)
def test_corrupt_file_is_a_miss(home, content):
    folder = home / "cache"
    folder.mkdir()
    content = content.replace(b"VERSION", cache._version().encode()).replace(b"FORMAT", b"%d" % cache.FORMAT)
    (folder / f"{KEY}.json").write_bytes(content)
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


def test_file_format(home, monkeypatch):
    monkeypatch.delenv("RESINSPECT_ENGINE", raising=False)
    cache.put(KEY, PAGES)
    head, body = map(json.loads, (home / "cache" / f"{KEY}.json").read_text(encoding="utf-8").splitlines())
    assert list(head) == ["format", "version", "sha256"] and list(body) == ["pages"]  # the head comes first
    data = {**head, **body}
    engine = engines.DEFAULT
    version = f"{resinspect.__version__}/reader-{layout.READER_VERSION}/{engine}-{engines.VERSIONS[engine]}"
    assert data["format"] == cache.FORMAT and data["version"] == version and data["sha256"] == KEY
    assert data["pages"][0] == {
        "number": 1, "width": 612.0, "height": 792.0, "cid": 1,
        "lines": [["Page one S/RES/2518 (2020)", "", [72.0, 700.5, 300.25, 712.0], None, None]],
    }  # fmt: skip
    assert data["pages"][1]["lines"] == [["الصفحة الثانية", "s", [72.0, 700.5, 300.25, 712.0], None, 1.2]]
    assert data["pages"][3]["lines"] == []


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

    first = resinspect.read(str(SAMPLE_PDF))
    calls = []
    monkeypatch.setattr(pipeline, "clean", lambda raw: calls.append(raw) or pytest.fail("cleaned again"))
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
    monkeypatch.setattr(pipeline, "clean", lambda raw: calls.append(raw) or first)
    resinspect.read(str(SAMPLE_PDF))
    assert len(calls) == 1


def test_a_cold_read_writes_its_entry_once_and_reads_nothing_back(home, monkeypatch):
    """The pages a cold read made and the document cleaned from them go into the entry in one write; nothing
    is read back from the cache on the way. If cleaning fails, the pages are kept all the same."""
    writes, reads = [], []
    dump, record = cache._dump, cache._record
    monkeypatch.setattr(cache, "_dump", lambda path, rec: writes.append(sorted(rec)) or dump(path, rec))
    monkeypatch.setattr(cache, "_record", lambda *a, **k: reads.append(a) or record(*a, **k))
    doc = resinspect.read(str(SAMPLE_PDF))
    assert writes == [["document", "format", "pages", "sha256", "version"]]
    assert len(reads) == 1  # the one look for pages, before reading the PDF
    assert resinspect.read(str(SAMPLE_PDF)).text == doc.text and len(writes) == 1  # warm: no write

    def fail(raw):
        raise resinspect.SourceError("no text")

    monkeypatch.setattr(pipeline, "clean", fail)
    other = home / "copy.pdf"
    other.write_bytes(SAMPLE_PDF.read_bytes() + b"\n%% another file\n")
    with pytest.raises(resinspect.SourceError):
        resinspect.read(str(other))
    assert writes[-1] == ["format", "pages", "sha256", "version"]  # the pages, for another look


def test_cleaned_document_round_trip_keeps_footnotes(home):
    """A warm run reports what a cold one does, the page's footnotes included."""
    raw = RawSource("x.pdf", "x.pdf", KEY, "pdf", PAGES, None, None)
    doc = Document(
        input="x.pdf", path="x.pdf", sha256=KEY, text="Page one", page_starts=[0, 8, 8, 8], kind="pdf",
        lines=[TextLine(0, 8, 1, (72.0, 700.5, 300.25, 712.0))], languages=["en"], page_languages=[["en"], [], [], []],
        footnotes=[Footnote(1, "1", "A/74/976-S/2020/773.", (82.0, 60.0, 170.0, 68.0)), Footnote(2, "*", "Reissued.")],
    )  # fmt: skip
    cache.store_document(raw, doc)
    back = cache.load_document(raw)
    assert back is not None and back.footnotes == doc.footnotes and back.text == doc.text


def test_footnote_on_a_page_the_document_does_not_have_is_a_miss(home):
    raw = RawSource("x.pdf", "x.pdf", KEY, "pdf", PAGES, None, None)
    doc = Document(
        input="x.pdf", path="x.pdf", sha256=KEY, text="Page one", page_starts=[0, 8, 8, 8], kind="pdf",
        languages=["en"], page_languages=[["en"], [], [], []], footnotes=[Footnote(5, "1", "A note.")],
    )  # fmt: skip
    cache.store_document(raw, doc)
    assert cache.load_document(raw) is None


def test_round_trip_keeps_characters_and_gap(home):
    """A line's character extents (boxes of part of a line) and the gap above it (the boundary decision)
    both come back from the cache."""
    page = Page(1, (Line("ab", (1.0, 2.0, 3.0, 4.0), "wrap", (1.0, 2.0, 2.0, 3.0), 1.0),), 612.0, 792.0)
    cache.put(KEY, [page])
    assert cache.get(KEY) == [page]


# --- a cache that keeps to its size, and is an input like any other ---------------------------------------


def _fill(n: int) -> list[str]:
    keys = [hashlib.sha256(f"doc {i}".encode()).hexdigest() for i in range(n)]
    for k in keys:
        cache.put(k, pages("x" * 2000))
    return keys


def test_least_recently_used_first_out(home, monkeypatch):
    keys = _fill(6)
    for i, k in enumerate(keys):  # distinct ages, oldest first
        os.utime(home / "cache" / f"{k}.json", (1000 + i, 1000 + i))
    assert cache.get(keys[0]) is not None  # reading marks the oldest used: it survives
    size = (home / "cache" / f"{keys[1]}.json").stat().st_size
    removed = cache.evict(limit=4 * size + size // 2)
    assert removed == 2
    left = {p.stem for p in (home / "cache").glob("*.json")}
    assert left == {keys[0], *keys[3:]}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", cache.DEFAULT_MAX),
        ("2G", 2 * 1024**3),
        ("100k", 100 * 1024),
        ("500MB", 500 * 1024**2),
        ("0", None),
        ("junk", cache.DEFAULT_MAX),
    ],
)
def test_limit_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("RESINSPECT_CACHE_MAX", value)
    assert cache.max_bytes() == expected


def test_writes_keep_the_limit(home, monkeypatch):
    monkeypatch.setattr(cache, "EVICT_EVERY", 1)
    monkeypatch.setenv("RESINSPECT_CACHE_MAX", "10K")
    _fill(20)
    assert cache.info()["bytes"] <= 10 * 1024


def test_stale_temporary_files_are_removed(home):
    cache.put(KEY, PAGES)
    old = home / "cache" / f".{KEY}.abc.tmp"
    young = home / "cache" / f".{OTHER}.def.tmp"
    old.write_text("")
    young.write_text("")
    os.utime(old, (1000, 1000))
    cache.evict()
    assert not old.exists() and young.exists()  # a young one may be a write in progress


def test_info(home):
    cache.put(KEY, PAGES)
    i = cache.info()
    assert (i["path"], i["entries"], i["enabled"]) == (str(home / "cache"), 1, True) and i["bytes"] > 0


def test_a_link_or_a_huge_entry_is_a_miss(home, monkeypatch):
    folder = home / "cache"
    folder.mkdir()
    (folder / f"{KEY}.json").symlink_to("/dev/zero")
    assert cache.get(KEY) is None  # not read at all
    monkeypatch.setenv("RESINSPECT_CACHE_MAX", "1K")
    (folder / f"{KEY}.json").unlink()
    cache.put(OTHER, pages("y" * 5000))
    assert cache.get(OTHER) is None  # larger than the cache may be


@pytest.mark.parametrize(
    "content",
    [b'{"format": FORMAT, "version": "VERSION", "pages": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"],
)
def test_a_deeply_nested_entry_is_a_miss(home, content):
    folder = home / "cache"
    folder.mkdir()
    content = content.replace(b"VERSION", cache._version().encode()).replace(b"FORMAT", b"%d" % cache.FORMAT)
    (folder / f"{KEY}.json").write_bytes(content)
    assert cache.get(KEY) is None


# ------------------------------------------------------------------ inspection records (a warm batch re-run)


def _inspections(monkeypatch) -> list[str]:
    """The sources `pipeline.inspect` reads from now on (what a warm batch must not read again)."""
    calls: list[str] = []
    real = pipeline.inspect

    def spy(source, *a, **k):
        calls.append(str(source))
        return real(source, *a, **k)

    monkeypatch.setattr(pipeline, "inspect", spy)
    return calls


def test_a_warm_batch_record_is_the_cold_one_without_extracting_again(tmp_path, monkeypatch):
    """`corpus.inspect_one` keeps each PDF's record in its cache entry; a re-run with the same code, input
    name, language and library takes it as is. Any of those changed is a miss."""
    import shutil

    from resinspect import corpus

    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RESINSPECT_NO_CACHE", raising=False)
    src = Path(__file__).resolve().parents[1] / "samples" / "S_PV.8700_E.pdf"
    pdf = tmp_path / "S_PV.8700_E.pdf"
    shutil.copy(src, pdf)
    cold = corpus.inspect_one(str(pdf))
    assert cold["votes"] and "error" not in cold and not any(k.startswith("_") for k in cold)

    calls = _inspections(monkeypatch)
    assert corpus.inspect_one(str(pdf)) == cold and calls == []  # taken from the entry
    assert json.dumps(corpus.inspect_one(str(pdf))) == json.dumps(cold)  # key order too (NDJSON lines)

    other = tmp_path / "renamed.pdf"  # another name: the record says another input
    shutil.copy(pdf, other)
    assert corpus.inspect_one(str(other))["source"]["input"] == str(other) and calls == [str(other)]
    assert corpus.inspect_one(str(pdf), lang="fr") == cold and len(calls) == 2  # another way of asking
    monkeypatch.setattr(cache, "engine_digest", lambda: "another build")  # other code or data: a miss
    assert corpus.inspect_one(str(pdf)) == cold and len(calls) == 3
    assert corpus.inspect_one(str(pdf), no_cache=True) == cold and len(calls) == 4


def test_a_cold_batch_record_goes_into_the_entry_with_its_document_in_one_write(tmp_path, monkeypatch):
    """A batch's cold read holds its cleaned document back until the record is made, then writes pages,
    document and record in one write; a document whose record is not made (an error after cleaning) is
    written all the same, when the batch lets go of it."""
    import shutil

    from resinspect import corpus

    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RESINSPECT_NO_CACHE", raising=False)
    pdf = tmp_path / "doc.pdf"
    shutil.copy(SAMPLE_PDF, pdf)
    writes = []
    dump = cache._dump
    monkeypatch.setattr(cache, "_dump", lambda path, rec: writes.append(sorted(rec)) or dump(path, rec))
    cold = corpus.inspect_one(str(pdf))
    assert "error" not in cold
    assert writes == [["document", "format", "pages", "records", "sha256", "version"]]
    assert corpus.inspect_one(str(pdf)) == cold and len(writes) == 1  # warm: the record, no write

    def fail(*args, **kwargs):
        raise RuntimeError("extraction failed")

    other = tmp_path / "other.pdf"
    other.write_bytes(SAMPLE_PDF.read_bytes() + b"\n%% another file\n")
    monkeypatch.setattr(pipeline, "find_resolutions", fail)
    assert "error" in corpus.inspect_one(str(other))
    assert writes[-1] == ["document", "format", "pages", "sha256", "version"]  # the document, no record
    assert cache._held.entry is None


def test_an_extracted_text_keeps_its_record_too(tmp_path, monkeypatch):
    """A text file's record is kept in an entry of records only (its pages are cheap to read again): a warm
    re-run takes it without reading; the text changed, or another way of asking, is a miss. A file that is
    a PDF by its first bytes, whatever its name, is kept as a PDF, by engine."""
    import shutil

    from resinspect import corpus

    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RESINSPECT_NO_CACHE", raising=False)
    root = Path(__file__).resolve().parents[1]
    text = tmp_path / "S_2020_249.en.txt"
    shutil.copy(root / "samples" / "S_2020_249.en.txt", text)
    cold = corpus.inspect_one(str(text))
    assert cold["votes"] and "error" not in cold
    entry = cache._entry(cold["source"]["sha256"])
    assert entry is not None and entry.is_file()
    head = json.loads(entry.read_text(encoding="utf-8").splitlines()[0])
    assert head["version"].endswith("/" + cache.TEXT) and len(head["records"]) == 1

    calls = _inspections(monkeypatch)
    assert corpus.inspect_one(str(text)) == cold and calls == []  # taken from the entry
    assert corpus.inspect_one(str(text), lang="fr")["source"]["input"] == str(text) and len(calls) == 1
    text.write_text(text.read_text(encoding="utf-8").replace("15 votes", "15  votes"), encoding="utf-8")
    assert corpus.inspect_one(str(text))["source"]["sha256"] != cold["source"]["sha256"] and len(calls) == 2

    disguised = tmp_path / "record.txt"  # a PDF by its bytes: read by an engine, kept under that engine
    shutil.copy(root / "samples" / "S_PV.8700_E.pdf", disguised)
    a = corpus.inspect_one(str(disguised), engine="pdfium")
    assert corpus.inspect_one(str(disguised), engine="pdfium") == a and len(calls) == 3
    corpus.inspect_one(str(disguised), engine="pdfminer")  # the other engine's record is not that one
    assert len(calls) == 4 and corpus.inspect_one(str(disguised), engine="pdfminer") and len(calls) == 4


def test_a_damaged_stored_record_is_a_miss(tmp_path, monkeypatch):
    from resinspect import corpus

    monkeypatch.setenv("RESINSPECT_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RESINSPECT_NO_CACHE", raising=False)
    pdf = Path(__file__).resolve().parents[1] / "samples" / "S_PV.8700_E.pdf"
    cold = corpus.inspect_one(str(pdf))
    entry = cache._entry(cold["source"]["sha256"])
    assert entry is not None
    head, body = entry.read_text(encoding="utf-8").splitlines()
    data = json.loads(head)
    (key,) = data["records"]
    data["records"][key]["source"]["sha256"] = "0" * 64  # not the record of this PDF
    entry.write_text(json.dumps(data) + "\n" + body, encoding="utf-8")
    cache._forget()
    assert corpus.inspect_one(str(pdf)) == cold
