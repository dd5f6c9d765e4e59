"""Inspection records → NDJSON, CSV or SQLite. Every format is written to a temporary file beside the target
and renamed over it only when complete, so an interrupted run leaves an earlier file as it was.

The same fact is spelled the same way in every format: vote lists are `in_favour`, `against`, `abstaining`;
vote indices count from 1; `adopted` is 1, 0 or NULL; lists (paragraph ids, citing resolutions, boxes) are JSON
arrays.

SQLite schema (`SCHEMA`; sqlite-utils and Datasette open it as is, and `write_metadata` writes a Datasette
metadata file beside it):

    documents     (id, input, path, sha256, symbol, symbol_source, languages, pages, error)
    votes         (document_id, vote_index, subject, resolution, procedure, date, adopted, kind, amendment_to,
                   in_favour, against, abstaining, page, start, end, box)
    member_votes  (document_id, vote_index, resolution, date, member, iso3, vote, as_printed, page, start,
                   end, box)
    paragraphs    (document_id, resolution, id, kind, number, lead, text, page, start, end, language, box)
                   + paragraphs_fts, a full-text index of lead and text
    subparagraphs (document_id, resolution, paragraph_id, id, label, text, page, start, end, box)
    citations     (document_id, kind, symbol, number, year, paragraphs, count, citing)
    mentions      (document_id, symbol, citing, paragraph, page, start, end, text, box)

Every abstention by China in 2020:

    SELECT resolution, date FROM member_votes
    WHERE iso3 = 'CHN' AND vote = 'abstaining' AND date LIKE '2020%';
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from ..model import VOTE_LISTS
from ..reader import tempfiles

FORMATS = ("ndjson", "csv", "sqlite")
CSV_COLUMNS = (
    "input",
    "symbol",
    "languages",
    "pages",
    "resolutions",
    "preambular",
    "operative",
    "citations",
    "votes",
    "error",
)

Record = dict[str, Any]


# ------------------------------------------------------------------------------------------- files


class AtomicFile:
    """A file written under a temporary name in the target's folder and renamed over the target by `commit`
    (`abort` removes it): readers never see half a file, and a failed run leaves the earlier file intact.
    The file gets the mode a newly created file would (0644 under umask 022), not mkstemp's 0600.

    The temporary file is locked while written (`reader.tempfiles`): the temporary files of the same target
    left by an earlier run that was killed (`kill -9` leaves `.un.db.x1y2.tmp`) are removed when this one is
    created and again when it is committed."""

    def __init__(self, path: str | os.PathLike[str], binary: bool = False):
        self.path = Path(path)
        self.folder = self.path.parent if str(self.path.parent) else Path(".")
        tempfiles.sweep(self.folder, prefix=f".{self.path.name}.")
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.folder)
        tempfiles.lock(fd)
        self.tmp = Path(tmp)
        os.fchmod(fd, 0o666 & ~_umask())
        self.stream: IO[Any] = (
            os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        )

    def commit(self) -> None:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        if os.name == "nt":  # pragma: no cover - Windows renames no open file
            self.stream.close()
        os.replace(self.tmp, self.path)  # while still locked: no sweep can take it for a leftover
        self.stream.close()
        tempfiles.sweep(self.folder, prefix=f".{self.path.name}.")

    def abort(self) -> None:
        self.stream.close()
        self.tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ------------------------------------------------------------------------------------------ writers


class NdjsonWriter:
    def __init__(self, out: IO[str]):
        self.out = out

    def add(self, rec: Record) -> None:
        self.out.write(json.dumps(rec, ensure_ascii=False, allow_nan=False) + "\n")

    def close(self) -> None:
        self.out.flush()


def csv_row(rec: Record) -> list[Any]:
    """The one CSV row of a record (a document's summary), in CSV_COLUMNS order."""
    if "error" in rec:
        return [rec.get("input"), None, None, None, None, None, None, None, None, rec["error"]]
    src = rec["source"]
    res = rec.get("resolutions", [])
    return [
        src.get("input"),
        src.get("symbol"),
        " ".join(src.get("languages") or []),
        src.get("pages"),
        len(res),
        sum(r["counts"]["preambular"] for r in res),
        sum(r["counts"]["operative"] for r in res),
        len(rec.get("citations", [])),
        len(rec.get("votes", [])),
        None,
    ]


class CsvWriter:
    def __init__(self, out: IO[str]):
        self.out = out
        self.w = csv.writer(out, lineterminator="\n")
        self.w.writerow(CSV_COLUMNS)

    def add(self, rec: Record) -> None:
        self.w.writerow(csv_row(rec))

    def close(self) -> None:
        self.out.flush()


SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, input TEXT NOT NULL, path TEXT, sha256 TEXT, symbol TEXT, symbol_source TEXT,
    languages TEXT, pages INTEGER, error TEXT);
CREATE TABLE IF NOT EXISTS votes (
    document_id INTEGER NOT NULL REFERENCES documents(id), vote_index INTEGER NOT NULL,
    subject TEXT, resolution TEXT, procedure TEXT, date TEXT, adopted INTEGER, kind TEXT, amendment_to TEXT,
    in_favour INTEGER, against INTEGER, abstaining INTEGER, page INTEGER, start INTEGER, "end" INTEGER,
    box TEXT, PRIMARY KEY (document_id, vote_index));
CREATE TABLE IF NOT EXISTS member_votes (
    document_id INTEGER NOT NULL REFERENCES documents(id), vote_index INTEGER NOT NULL,
    resolution TEXT, date TEXT, member TEXT, iso3 TEXT, vote TEXT NOT NULL, as_printed TEXT,
    page INTEGER, start INTEGER, "end" INTEGER, box TEXT);
CREATE TABLE IF NOT EXISTS paragraphs (
    document_id INTEGER NOT NULL REFERENCES documents(id), resolution TEXT, id TEXT, kind TEXT,
    number INTEGER, lead TEXT, text TEXT, page INTEGER, start INTEGER, "end" INTEGER, language TEXT,
    box TEXT);
CREATE TABLE IF NOT EXISTS subparagraphs (
    document_id INTEGER NOT NULL REFERENCES documents(id), resolution TEXT, paragraph_id TEXT, id TEXT,
    label TEXT, text TEXT, page INTEGER, start INTEGER, "end" INTEGER, box TEXT);
CREATE TABLE IF NOT EXISTS citations (
    document_id INTEGER NOT NULL REFERENCES documents(id), kind TEXT, symbol TEXT, number INTEGER,
    year INTEGER, paragraphs TEXT, count INTEGER, citing TEXT);
CREATE TABLE IF NOT EXISTS mentions (
    document_id INTEGER NOT NULL REFERENCES documents(id), symbol TEXT, citing TEXT, paragraph TEXT,
    page INTEGER, start INTEGER, "end" INTEGER, text TEXT, box TEXT);
CREATE VIRTUAL TABLE IF NOT EXISTS paragraphs_fts USING fts5(lead, text, content='paragraphs');
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
CREATE INDEX IF NOT EXISTS member_votes_iso3 ON member_votes(iso3);
CREATE INDEX IF NOT EXISTS member_votes_resolution ON member_votes(resolution);
CREATE INDEX IF NOT EXISTS member_votes_date ON member_votes(date);
CREATE INDEX IF NOT EXISTS votes_resolution ON votes(resolution);
CREATE INDEX IF NOT EXISTS votes_date ON votes(date);
CREATE INDEX IF NOT EXISTS paragraphs_resolution ON paragraphs(resolution);
CREATE INDEX IF NOT EXISTS citations_symbol ON citations(symbol);
CREATE INDEX IF NOT EXISTS mentions_symbol ON mentions(symbol);
"""
_CHILDREN = ("votes", "member_votes", "paragraphs", "subparagraphs", "citations", "mentions")


def _box(obj: Record) -> str | None:
    return json.dumps(obj.get("boxes")) if obj.get("boxes") is not None else None


def _page(obj: Record) -> int | None:
    boxes = obj.get("boxes")
    return obj.get("page") or (boxes[0]["page"] if boxes else None)


class SqliteWriter:
    """Writes into a temporary copy beside `path`, renamed over it by close(): a failed run leaves no half
    file, and the earlier database as it was. With `append`, the earlier database is the starting point and a
    document read again (same sha256, or the same input for an error) replaces its earlier rows."""

    def __init__(self, path: str | os.PathLike[str], append: bool = False):
        self.path = Path(path)
        self.file = AtomicFile(self.path, binary=True)
        if append and self.path.exists():
            with open(self.path, "rb") as src:
                while block := src.read(1 << 20):
                    self.file.stream.write(block)
        self.file.stream.flush()
        self.db = sqlite3.connect(self.file.tmp)
        # no rollback journal: the database is a temporary copy, renamed only when complete (a killed run
        # left `.tmp-journal` files beside the output); no fsync per transaction either, one at the end
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.executescript(SCHEMA)
        self.n = self.db.execute("SELECT COALESCE(MAX(id), 0) FROM documents").fetchone()[0]

    def _forget(self, rec: Record) -> None:
        """Remove an earlier copy of this document (appending the same file again replaces it)."""
        if "error" in rec:
            rows = self.db.execute(
                "SELECT id FROM documents WHERE input = ? AND sha256 IS NULL", (rec["input"],)
            )
        else:
            rows = self.db.execute("SELECT id FROM documents WHERE sha256 = ?", (rec["source"]["sha256"],))
        for (doc_id,) in rows.fetchall():
            for table in _CHILDREN:
                self.db.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc_id,))
            self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def add(self, rec: Record) -> None:
        self._forget(rec)
        self.n += 1
        doc_id = self.n
        db = self.db
        if "error" in rec:
            db.execute(
                "INSERT INTO documents (id, input, error) VALUES (?, ?, ?)",
                (doc_id, rec["input"], rec["error"]),
            )
            return
        s = rec["source"]
        db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            (doc_id, s["input"], s["path"], s["sha256"], s["symbol"], s.get("symbol_source"),
             " ".join(s["languages"]), s["pages"]),
        )  # fmt: skip
        for k, v in enumerate(rec.get("votes", []), 1):
            c = v.get("counts") or {}
            adopted = None if v["adopted"] is None else int(v["adopted"])
            db.execute(
                "INSERT INTO votes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, k, v["subject"], v["resolution"], v["procedure"], v["date"], adopted, v.get("kind"),
                 v.get("amendment_to"), c.get("in_favour"), c.get("against"), c.get("abstaining"), v.get("page"),
                 v.get("start"), v.get("end"), _box(v)),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO member_votes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc_id, k, v["resolution"], v["date"], m["name"], m["iso3"], how, m["as_printed"],
                     _page(m), m.get("start"), m.get("end"), _box(m))
                    for how in VOTE_LISTS
                    for m in v.get(how, [])
                ],
            )  # fmt: skip
        for r in rec.get("resolutions", []):
            db.executemany(
                "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc_id, r["resolution"], p["id"], p["kind"], p["number"], p["lead"], p["text"], p["page"],
                     p.get("start"), p.get("end"), r.get("language"), _box(p))
                    for p in r["paragraphs"]
                ],
            )  # fmt: skip
            db.executemany(
                "INSERT INTO subparagraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc_id, r["resolution"], p["id"], sp["id"], sp.get("label"), sp["text"], sp.get("page"),
                     sp.get("start"), sp.get("end"), _box(sp))
                    for p in r["paragraphs"]
                    for sp in p.get("subparagraphs", [])
                ],
            )  # fmt: skip
        for c in rec.get("citations", []):
            citing = sorted({m.get("citing") for m in c["mentions"] if m.get("citing")})
            db.execute(
                "INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, c["kind"], c["symbol"], c["number"], c["year"], json.dumps(c["paragraphs"]), c["count"],
                 json.dumps(citing)),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc_id, c["symbol"], m.get("citing"), m.get("paragraph"), m["page"], m["start"], m["end"],
                     m["text"], _box(m))
                    for m in c["mentions"]
                ],
            )  # fmt: skip

    def close(self) -> None:
        self.db.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')")
        self.db.commit()
        self.db.close()
        self.file.commit()
        write_metadata(self.path)

    def abort(self) -> None:
        self.db.close()
        self.file.abort()


def writer(
    fmt: str, out: str | os.PathLike[str] | IO[str], append: bool = False
) -> tuple[NdjsonWriter | CsvWriter | SqliteWriter, AtomicFile | None]:
    """A writer with add(record)/close() for FORMAT into OUT (a path, or an open text stream for ndjson/csv),
    and the temporary file it writes to (committed by `write`), if any."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
    if fmt == "sqlite":
        if not isinstance(out, str | os.PathLike):
            raise ValueError("sqlite needs a file path for --out")
        return SqliteWriter(out, append), None
    if append:
        raise ValueError("--append works with sqlite only")
    if isinstance(out, str | os.PathLike):
        target: AtomicFile | None = AtomicFile(out)
        stream: IO[str] = target.stream if target else out  # type: ignore[assignment]
    else:
        target, stream = None, out
    return (NdjsonWriter(stream) if fmt == "ndjson" else CsvWriter(stream)), target


def write(
    records: Iterable[Record], fmt: str, out: str | os.PathLike[str] | IO[str], append: bool = False
) -> int:
    """Write every record; return how many failed (had an "error"). The target is replaced only when every
    record is written."""
    w, target = writer(fmt, out, append)
    failed = 0
    try:
        for rec in records:
            failed += "error" in rec
            w.add(rec)
        w.close()
    except BaseException:
        if isinstance(w, SqliteWriter):
            w.abort()
        if target is not None:
            target.abort()
        raise
    if target is not None:
        target.commit()
    return failed


# ---------------------------------------------------------------------------------------- reading back


def cites(db: str | os.PathLike[str], symbol: str) -> list[Record]:
    """Which documents of a database cite `symbol`, and in which resolutions, paragraphs and pages."""
    con = sqlite3.connect(f"file:{Path(db)}?mode=ro", uri=True)
    try:
        rows = con.execute(
            """
            SELECT d.symbol, d.input, m.citing, m.paragraph, m.page
            FROM mentions m JOIN documents d ON d.id = m.document_id
            WHERE m.symbol = ? ORDER BY d.id, m.start
            """,
            (symbol,),
        ).fetchall()
    finally:
        con.close()
    out: dict[tuple[Any, ...], Record] = {}
    for doc_symbol, doc_input, citing, paragraph, page in rows:
        rec = out.setdefault(
            (doc_symbol, doc_input, citing),
            {
                "document": doc_symbol,
                "input": doc_input,
                "citing": citing,
                "paragraphs": [],
                "pages": [],
                "count": 0,
            },
        )
        rec["count"] += 1
        if paragraph and paragraph not in rec["paragraphs"]:
            rec["paragraphs"].append(paragraph)
        if page not in rec["pages"]:
            rec["pages"].append(page)
    for rec in out.values():
        rec["pages"].sort()
    return list(out.values())


# ------------------------------------------------------------------------------------------- Datasette

_DESCRIPTIONS = {
    "documents": ("One row per input document (an error row when it could not be read).", "symbol", {
        "symbol": "the document's UN symbol (from its first page's header, else the input or file name)",
        "symbol_source": "where the symbol was read: document, input or file name",
        "languages": "languages present, space-separated (ar en es fr ru zh)",
        "error": "why the document could not be read, else NULL",
    }),
    "votes": ("One row per vote (a meeting record may hold several).", None, {
        "vote_index": "1 for the document's first vote", "adopted": "1 adopted, 0 not adopted, NULL unknown",
        "kind": "draft, amendment or procedural (the provisional agenda: nine votes, no veto)", "in_favour": "the number of votes in favour the document states",
        "box": "JSON array of {page, box} (PDF points, origin bottom left), one per line",
    }),
    "member_votes": ("One row per member and vote.", "member", {
        "vote": "in_favour, against or abstaining", "iso3": "ISO 3166-1 alpha-3, NULL when unmatched",
        "as_printed": "the name as the document prints it",
    }),
    "paragraphs": ("Preambular (PPn) and operative (OPn) paragraphs of each resolution.", "id", {
        "lead": "the paragraph's lead words", "language": "the resolution's language",
    }),
    "subparagraphs": ("Sub-paragraphs: OP3(a), OP3(a)(ii).", "id", {"label": "the label as printed"}),
    "citations": ("One row per document and cited symbol.", "symbol", {
        "paragraphs": "JSON array of the citing paragraph ids", "citing": "JSON array of the citing resolutions",
    }),
    "mentions": ("Each place a symbol is cited.", "symbol", {
        "citing": "the resolution whose paragraph holds the mention", "paragraph": "that paragraph's id",
    }),
}  # fmt: skip


def metadata(db: str | os.PathLike[str]) -> dict[str, Any]:
    """Datasette metadata for a database written by resinspect: titles, column descriptions, label columns,
    and a canned query for each of README's examples."""
    name = Path(db).stem
    tables = {
        t: {"description": d, **({"label_column": label} if label else {}), "columns": cols}
        for t, (d, label, cols) in _DESCRIPTIONS.items()
    }
    queries = {
        "abstentions_of_a_member": {
            "title": "Abstentions of a member in a year",
            "sql": "SELECT resolution, date FROM member_votes WHERE iso3 = :iso3 AND vote = 'abstaining' "
            "AND date LIKE :year || '%' ORDER BY date",
        },
        "who_cites": {
            "title": "Which documents cite a resolution, in which paragraphs",
            "sql": "SELECT d.symbol AS document, m.citing, group_concat(DISTINCT m.paragraph) AS paragraphs, "
            "count(*) AS mentions FROM mentions m JOIN documents d ON d.id = m.document_id "
            "WHERE m.symbol = :symbol GROUP BY d.id, m.citing",
        },
        "paragraphs_about": {
            "title": "Paragraphs that mention a word",
            "sql": "SELECT p.resolution, p.id, p.lead, p.text FROM paragraphs_fts f "
            "JOIN paragraphs p ON p.rowid = f.rowid WHERE paragraphs_fts MATCH :words",
        },
        "votes_on_a_resolution": {
            "title": "How each member voted on a resolution",
            "sql": "SELECT member, iso3, vote FROM member_votes WHERE resolution = :resolution ORDER BY vote, member",
        },
    }
    return {
        "title": "UN Security Council documents read by resinspect",
        "description": "Votes, paragraphs and citations read from the documents themselves.",
        "source": "United Nations Official Document System",
        "source_url": "https://documents.un.org",
        "databases": {name: {"tables": tables, "queries": queries}},
    }


def metadata_path(db: str | os.PathLike[str]) -> Path:
    """Where the Datasette metadata of a database goes: beside it, `un.db` → `un.metadata.json`."""
    p = Path(db)
    return p.with_name(f"{p.stem}.metadata.json")


def write_metadata(db: str | os.PathLike[str]) -> Path:
    target = AtomicFile(metadata_path(db))
    try:
        json.dump(metadata(db), target.stream, ensure_ascii=False, indent=2)
        target.stream.write("\n")
    except BaseException:
        target.abort()
        raise
    target.commit()
    return target.path
