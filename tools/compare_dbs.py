"""Compare two `resinspect batch --format sqlite` databases (e.g. one per PDF engine), table by table.

    python tools/compare_dbs.py A.db B.db [--show N]

Rows are matched by their document's input path. Compared are the facts: every column but the row ids, the
places (page, start, end, box) and, in `documents`, nothing left out. For each table: rows in A, rows in B,
documents whose rows are identical, and the documents that differ (the first --show of them listed).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections import defaultdict
from typing import Any

TABLES = ("documents", "votes", "member_votes", "paragraphs", "subparagraphs", "citations", "mentions")
PLACES = {"id", "document_id", "page", "start", "end", "box"}


def rows(db: str, table: str) -> dict[str, list[tuple[Any, ...]]]:
    """Each document's rows of `table` (facts only), by input path, in order."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
        keep = [c for c in cols if c not in PLACES or (c == "id" and table != "documents")]
        if table == "documents":
            sel = ", ".join(f'd."{c}"' for c in keep)
            query = f"SELECT d.input, {sel} FROM documents d ORDER BY d.id"
        else:
            sel = ", ".join(f't."{c}"' for c in keep)
            query = f'SELECT d.input, {sel} FROM "{table}" t JOIN documents d ON d.id = t.document_id ORDER BY t.rowid'
        out: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for r in con.execute(query):
            out[r[0]].append(tuple(r[1:]))
        return out
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--show", type=int, default=10, help="differing documents listed per table (default 10)")
    args = ap.parse_args(argv)
    docs = set(rows(args.a, "documents")) | set(rows(args.b, "documents"))
    print(f"{len(docs)} documents")
    differ_any = set()
    for table in TABLES:
        ra, rb = rows(args.a, table), rows(args.b, table)
        differ = sorted(d for d in docs if ra.get(d, []) != rb.get(d, []))
        differ_any.update(differ)
        na, nb = sum(map(len, ra.values())), sum(map(len, rb.values()))
        print(
            f"{table}: {na} rows vs {nb}; identical for {len(docs) - len(differ)} documents, differ for {len(differ)}"
        )
        for d in differ[: args.show]:
            print(f"    {d}")
    print(f"documents with any difference: {len(differ_any)}")
    return 0 if not differ_any else 1


if __name__ == "__main__":
    sys.exit(main())
