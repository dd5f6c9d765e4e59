"""One output sink for every command: rich table on a terminal, TSV when piped, JSON/NDJSON/CSV on request."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any

FORMATS = ("table", "json", "ndjson", "csv", "tsv")


class Output:
    def __init__(self, fmt: str | None, json_flag: bool, many: bool):
        if json_flag and fmt in (None, "json"):
            fmt = "json"
        if fmt is None:
            fmt = "table" if sys.stdout.isatty() else "tsv"
        if fmt not in FORMATS and fmt not in ("dhl",):
            raise ValueError(fmt)
        self.fmt = fmt
        self.many = many
        self.objects: list[dict[str, Any]] = []
        self._header_done = False

    # JSON -------------------------------------------------------------------------------------------
    def add_json(self, obj: dict[str, Any]) -> None:
        self.objects.append(obj)

    def flush_json(self) -> None:
        if not self.objects:
            return
        if self.fmt == "json" and len(self.objects) == 1 and not self.many:
            sys.stdout.write(
                json.dumps(self.objects[0], ensure_ascii=False, indent=2, allow_nan=False) + "\n"
            )
        else:
            for obj in self.objects:
                sys.stdout.write(json.dumps(obj, ensure_ascii=False, allow_nan=False) + "\n")
        sys.stdout.flush()
        self.objects.clear()

    @property
    def is_json(self) -> bool:
        return self.fmt in ("json", "ndjson")

    # rows -------------------------------------------------------------------------------------------
    def rows(self, columns: list[str], rows: list[list[Any]], title: str | None = None) -> None:
        if self.fmt in ("csv", "tsv", "dhl"):
            buf = io.StringIO()
            w = csv.writer(buf, delimiter="\t" if self.fmt == "tsv" else ",", lineterminator="\n")
            if not self._header_done:
                w.writerow(columns)
                self._header_done = True
            for r in rows:
                w.writerow(
                    [
                        ""
                        if v is None
                        else (v.replace("\t", " ").replace("\n", " ") if isinstance(v, str) else v)
                        for v in r
                    ]
                )
            sys.stdout.write(buf.getvalue())
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False, header_style="bold")
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*["" if v is None else str(v) for v in r])
        Console().print(table)

    def panel(self, renderable: Any) -> None:
        from rich.console import Console

        Console().print(renderable)


def warn(source: str, message: str) -> None:
    sys.stderr.write(f"warning: {source}: {message}\n")


def error(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")
