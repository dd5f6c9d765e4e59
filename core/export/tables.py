"""Inspection records → NDJSON, CSV or SQLite, written to a temporary file and renamed when complete.

SQLite schema (one file per run; a previous file at the same path is replaced when the run ends):

    documents    (id INTEGER PRIMARY KEY,  -- 1-based position in the run's input list
                  input, path, sha256, symbol,
                  languages,               -- space-separated codes, e.g. "ar en"
                  pages INTEGER,
                  error)                   -- NULL, or the one-line reason the document was not read
    votes        (document_id, vote_index, -- 0-based, document order
                  subject, resolution, procedure, date,   -- date "YYYY-MM-DD"
                  adopted,                 -- 1, 0 or NULL
                  in_favour, against, abstaining)         -- the counts the document states
    member_votes (document_id, vote_index, resolution, date,
                  member,                  -- English short name as the UN prints it
                  iso3,                    -- ISO 3166-1 alpha-3, NULL when unmatched
                  vote)                    -- 'in_favour' | 'against' | 'abstaining'
    paragraphs   (document_id, resolution, id, kind, number, lead, text, page)
    citations    (document_id, kind, symbol, number, year,
                  paragraphs,              -- space-separated paragraph ids, e.g. "PP2 OP1"
                  count)

    Indexes: member_votes(iso3), member_votes(resolution), member_votes(date), votes(resolution),
    votes(date), paragraphs(resolution), citations(symbol).

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


class NdjsonWriter:
    def __init__(self, out: IO[str]):
        self.out = out

    def add(self, rec: Record) -> None:
        self.out.write(json.dumps(rec, ensure_ascii=False, allow_nan=False) + "\n")

    def close(self) -> None:
        self.out.flush()


def csv_row(rec: Record) -> list[Any]:
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
CREATE TABLE documents (
    id INTEGER PRIMARY KEY, input TEXT NOT NULL, path TEXT, sha256 TEXT, symbol TEXT,
    languages TEXT, pages INTEGER, error TEXT);
CREATE TABLE votes (
    document_id INTEGER NOT NULL REFERENCES documents(id), vote_index INTEGER NOT NULL,
    subject TEXT, resolution TEXT, procedure TEXT, date TEXT, adopted INTEGER,
    in_favour INTEGER, against INTEGER, abstaining INTEGER,
    PRIMARY KEY (document_id, vote_index));
CREATE TABLE member_votes (
    document_id INTEGER NOT NULL REFERENCES documents(id), vote_index INTEGER NOT NULL,
    resolution TEXT, date TEXT, member TEXT, iso3 TEXT, vote TEXT NOT NULL);
CREATE TABLE paragraphs (
    document_id INTEGER NOT NULL REFERENCES documents(id), resolution TEXT, id TEXT, kind TEXT,
    number INTEGER, lead TEXT, text TEXT, page INTEGER);
CREATE TABLE citations (
    document_id INTEGER NOT NULL REFERENCES documents(id), kind TEXT, symbol TEXT, number INTEGER,
    year INTEGER, paragraphs TEXT, count INTEGER);
CREATE INDEX member_votes_iso3 ON member_votes(iso3);
CREATE INDEX member_votes_resolution ON member_votes(resolution);
CREATE INDEX member_votes_date ON member_votes(date);
CREATE INDEX votes_resolution ON votes(resolution);
CREATE INDEX votes_date ON votes(date);
CREATE INDEX paragraphs_resolution ON paragraphs(resolution);
CREATE INDEX citations_symbol ON citations(symbol);
"""


class SqliteWriter:
    """Writes into a temporary file beside `path`, renamed over it by close(): a failed run leaves no half file."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent or ".")
        os.close(fd)
        self.tmp = Path(tmp)
        self.db = sqlite3.connect(self.tmp)
        self.db.executescript(SCHEMA)
        self.n = 0

    def add(self, rec: Record) -> None:
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
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
            (doc_id, s["input"], s["path"], s["sha256"], s["symbol"], " ".join(s["languages"]), s["pages"]),
        )
        for k, v in enumerate(rec.get("votes", [])):
            c = v.get("counts") or {}
            adopted = None if v["adopted"] is None else int(v["adopted"])
            db.execute(
                "INSERT INTO votes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, k, v["subject"], v["resolution"], v["procedure"], v["date"], adopted,
                 c.get("in_favour"), c.get("against"), c.get("abstaining")),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO member_votes VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc_id, k, v["resolution"], v["date"], m["name"], m["iso3"], how)
                    for how in VOTE_LISTS
                    for m in v.get(how, [])
                ],
            )
        db.executemany(
            "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_id, r["resolution"], p["id"], p["kind"], p["number"], p["lead"], p["text"], p["page"])
                for r in rec.get("resolutions", [])
                for p in r["paragraphs"]
            ],
        )
        db.executemany(
            "INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc_id,
                    c["kind"],
                    c["symbol"],
                    c["number"],
                    c["year"],
                    " ".join(c["paragraphs"]),
                    c["count"],
                )
                for c in rec.get("citations", [])
            ],
        )

    def close(self) -> None:
        self.db.commit()
        self.db.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.db.close()
        self.tmp.unlink(missing_ok=True)


def writer(fmt: str, out: str | os.PathLike[str] | IO[str]) -> NdjsonWriter | CsvWriter | SqliteWriter:
    """A writer with add(record)/close() for FORMAT into OUT (a path, or an open text stream for ndjson/csv)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
    if fmt == "sqlite":
        if not isinstance(out, str | os.PathLike):
            raise ValueError("sqlite needs a file path for --out")
        return SqliteWriter(out)
    stream = open(out, "w", encoding="utf-8", newline="") if isinstance(out, str | os.PathLike) else out
    return NdjsonWriter(stream) if fmt == "ndjson" else CsvWriter(stream)


def write(records: Iterable[Record], fmt: str, out: str | os.PathLike[str] | IO[str]) -> int:
    """Write every record; return how many failed (had an "error")."""
    w = writer(fmt, out)
    failed = 0
    try:
        for rec in records:
            failed += "error" in rec
            w.add(rec)
    except BaseException:
        if isinstance(w, SqliteWriter):
            w.abort()
        raise
    w.close()
    if isinstance(out, str | os.PathLike) and not isinstance(w, SqliteWriter):
        w.out.close()
    return failed
