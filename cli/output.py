"""One output sink for every command: a rich table on a terminal (through a pager when longer than the
screen), TSV when piped, JSON/NDJSON/CSV on request; and the one-line warnings and errors on stderr, with
echoed input made safe (control characters escaped, long inputs cut)."""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Mapping
from typing import Any

FORMATS = ("table", "json", "ndjson", "csv", "tsv")
ENV_PAGER = "RESINSPECT_PAGER"
MAX_ECHO = 300  # characters of a message at most: a 10,000-character "symbol" is not echoed whole
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def safe(text: str, limit: int = MAX_ECHO) -> str:
    """A message fit for one line of a terminal: control characters (a newline in a file name) escaped, so
    nobody can forge a second `error:` line; cut to `limit` characters."""
    text = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tsv_cell(v: Any) -> str:
    """A TSV field as gh and PostgreSQL write them: no quoting, tabs and line breaks as spaces."""
    return "" if v is None else re.sub(r"[\t\r\n]+", " ", str(v))


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
        import json  # (imported where used: `resinspect --help` loads nothing it does not need)

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
        if self.fmt == "tsv":
            lines = [] if self._header_done else ["\t".join(columns)]
            self._header_done = True
            lines += ["\t".join(tsv_cell(v) for v in r) for r in rows]
            if lines:
                sys.stdout.write("\n".join(lines) + "\n")
            return
        if self.fmt in ("csv", "dhl"):
            import csv
            import io

            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            if not self._header_done:
                w.writerow(columns)
                self._header_done = True
            w.writerows([["" if v is None else v for v in r] for r in rows])
            sys.stdout.write(buf.getvalue())
            return
        from rich.table import Table

        table = Table(title=title, show_lines=False, header_style="bold")
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*["" if v is None else str(v) for v in r])
        self.panel(table)

    def panel(self, renderable: Any) -> None:
        """Print on the terminal; through the pager when it is longer than the screen."""
        from rich.console import Console

        console = Console()
        with console.capture() as captured:
            console.print(renderable)
        page(captured.get(), console.size.height if console.is_terminal else None)


def pager_command(lines: int, height: int | None, env: Mapping[str, str] | None = None) -> list[str] | None:
    """The pager to run for output of `lines` lines on a terminal `height` lines high (None: not a terminal):
    `RESINSPECT_PAGER`, else `PAGER`, else `less -FRX`; none when the output fits or the pager is set to an
    empty string or `cat`."""
    env = os.environ if env is None else env
    if height is None or lines < height:
        return None
    cmd = env.get(ENV_PAGER, env.get("PAGER", "less -FRX"))
    if not cmd.strip() or cmd.strip() == "cat":
        return None
    import shlex
    import shutil

    argv = shlex.split(cmd)
    return argv if shutil.which(argv[0]) else None


def page(text: str, height: int | None) -> None:
    argv = pager_command(text.count("\n"), height)
    if argv is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    import subprocess

    try:
        subprocess.run(argv, input=text.encode("utf-8"), check=False)
    except OSError:  # the pager cannot be started: print as usual
        sys.stdout.write(text)


MAX_WARNINGS = 20  # warning lines per document; the rest are counted in one line (all with --verbose)


class _Warnings:
    """How many warnings each document has had, so that a document of 35,000 votes with a warning each
    gives 21 lines, not 35,000."""

    verbose = False
    shown: dict[str, int] = {}  # noqa: RUF012 (one command line per process)


def set_verbose(on: bool) -> None:
    _Warnings.verbose = on
    _Warnings.shown = {}


def warn(source: str, message: str) -> None:
    n = _Warnings.shown[source] = _Warnings.shown.get(source, 0) + 1
    if n <= MAX_WARNINGS or _Warnings.verbose:
        sys.stderr.write(f"warning: {safe(source)}: {safe(message, 2000)}\n")


def end_warnings(source: str) -> None:
    """After a document: one line for the warnings not shown."""
    n = _Warnings.shown.pop(source, 0)
    if n > MAX_WARNINGS and not _Warnings.verbose:
        more = n - MAX_WARNINGS
        sys.stderr.write(
            f"warning: {safe(source)}: {more:,} more warning{'s' if more > 1 else ''} not shown (--verbose shows them)\n"
        )


@functools.cache
def _engine_warnings() -> Any:
    """A logging handler that writes the engine's warnings that belong to no one document (a library folder
    skipped) as lines (its class made on first use: logging is not loaded for `--help`)."""
    import logging

    class EngineWarnings(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            sys.stderr.write(f"warning: {safe(record.getMessage(), 2000)}\n")

    return EngineWarnings(logging.WARNING)


def engine_warnings_to_stderr() -> None:
    """Print what the engine logs to the `resinspect` logger as `warning:` lines (once per process)."""
    import logging

    logger = logging.getLogger("resinspect")
    if _engine_warnings() not in logger.handlers:
        logger.addHandler(_engine_warnings())
    logger.propagate = False


def error(message: str) -> None:
    sys.stderr.write(f"error: {safe(message)}\n")
