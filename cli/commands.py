"""The read commands: paragraphs, citations, inspect, text (votes: `votes_cmd`). Each parses options, calls
one engine verb per SOURCE and hands the result to the output sink. Registered on the app by `app.py`."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

import typer

from .options import (
    TIMEOUT,
    EngineOpt,
    FetchOpt,
    FormatOpt,
    JsonOpt,
    LangOpt,
    LibraryOpt,
    SourceArg,
    SourcesArg,
    TimeoutOpt,
    VerboseOpt,
    check,
)
from .output import Output, end_warnings, error, safe, set_verbose, warn

HARD_STOP = False  # set by `main()`: a document stuck past its budget ends the process (never in tests)


def run(
    sources: list[str],
    lang: str | None,
    library: list[str] | None,
    handle: Callable[[Any, str], int],
    fetch: bool = False,
    engine: str | None = None,
    timeout: float | None = None,
    verbose: bool = False,
) -> None:
    """Read each SOURCE and hand its Document to `handle`, within the time budget per document; errors are
    one line each, the batch goes on."""
    from resinspect.errors import ResinspectError
    from resinspect.reader import guard

    set_verbose(verbose)
    worst = 0
    with _pdfminer_lines(verbose) as current:
        for src in sources:
            current[0] = src
            try:
                with guard.deadline(timeout, _hard_stop(src, timeout) if HARD_STOP else None):
                    code = _one(src, lang, library, handle, fetch, engine)
            except BrokenPipeError:
                raise
            except ResinspectError as exc:
                error(str(exc))
                code = exc.exit_code
            end_warnings(src)
            worst = max(worst, code)
    raise typer.Exit(worst)


def _one(
    src: str,
    lang: str | None,
    library: list[str] | None,
    handle: Callable[[Any, str], int],
    fetch: bool,
    engine: str | None,
) -> int:
    """Read one SOURCE and handle it; an unexpected exception is one line (a traceback with DEBUG)."""
    from resinspect.errors import ResinspectError

    try:
        doc = _read(src, lang, library, fetch, engine)
    except (BrokenPipeError, ResinspectError):
        raise
    except Exception as exc:  # damaged input that slipped past the reader's own checks
        if os.environ.get("RESINSPECT_DEBUG"):
            raise
        error(f"{safe(src)}: cannot read this document ({type(exc).__name__}: {exc})")
        return 2
    try:
        return handle(doc, src)
    except (BrokenPipeError, ResinspectError):
        raise  # the reader went away (`| head`): main() ends quietly
    except Exception as exc:
        if os.environ.get("RESINSPECT_DEBUG"):
            raise
        error(
            f"{safe(src)}: internal error ({type(exc).__name__}: {exc}); set RESINSPECT_DEBUG=1 for a traceback"
        )
        return 1


def _hard_stop(src: str, timeout: float | None) -> Callable[[], None]:
    """What to do when a document is still running well past its budget (one call into C that does not
    return): say so in one line and end the process."""

    def stop() -> None:
        from resinspect.reader.guard import GRACE

        with contextlib.suppress(Exception):
            sys.stdout.flush()
        sys.stderr.write(
            f"error: {safe(src)}: still running {GRACE:g} s past its {timeout:g} s budget; stopped "
            "(--timeout sets the budget)\n"
        )
        sys.stderr.flush()
        os._exit(2)

    return stop


@contextlib.contextmanager
def _pdfminer_lines(verbose: bool) -> Iterator[list[str]]:
    """With --verbose, pdfminer's own warnings as `warning:` lines of the document being read (the reader
    counts them into one line otherwise). Yields a one-item list holding the current source."""
    import logging

    current = [""]
    if not verbose:
        yield current
        return

    class Lines(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            with contextlib.suppress(Exception):
                warn(current[0], f"pdfminer: {record.getMessage()}")

    handler = Lines(logging.WARNING)
    logger = logging.getLogger("pdfminer")
    logger.addHandler(handler)
    try:
        yield current
    finally:
        logger.removeHandler(handler)


def _read(src: str, lang: str | None, library: list[str] | None, fetch: bool, engine: str | None) -> Any:
    """Read a SOURCE (with --fetch, a symbol missing from the library is downloaded first)."""
    import resinspect

    return resinspect.read(src, lang=lang, library=library, fetch=fetch, engine=engine)


def _warnings(out: Output, src: str, issues: Any) -> None:
    for i in issues:
        warn(src, i.message)


def paragraphs(
    sources: SourcesArg,
    json_: JsonOpt = False,
    fmt: FormatOpt = None,
    kind: Annotated[
        Literal["preambular", "operative"] | None,
        typer.Option("--kind", metavar="[preambular|operative]", help="Only these paragraphs."),
    ] = None,
    lang: LangOpt = None,
    library: LibraryOpt = None,
    fetch: FetchOpt = False,
    engine: EngineOpt = None,
    timeout: TimeoutOpt = TIMEOUT,
    verbose: VerboseOpt = False,
) -> None:
    """Preambular and operative paragraphs of each resolution, with lead words and sub-paragraphs.

    \b
    Examples:
      resinspect paragraphs S/2020/249
      resinspect paragraphs S/2020/249 --json | jq '.paragraphs[] | select(.kind=="operative") | .lead'
      resinspect paragraphs resolution.pdf --kind operative --format csv > ops.csv
    """
    check(fmt, lang)
    if kind not in (None, "preambular", "operative"):
        raise typer.BadParameter("use preambular or operative", param_hint="--kind")
    import resinspect
    from resinspect.export import jsonout

    out = Output(fmt, json_, many=len(sources) > 1)

    def handle(doc: Any, src: str) -> int:
        res = resinspect.extract_paragraphs(doc)
        if out.is_json:
            for r in res or [None]:  # type: ignore[list-item]  # no resolution: one object saying so
                out.add_json(jsonout.resolution(doc, r, kind))
            if len(res) > 1:
                out.many = True
            out.flush_json()
        elif out.fmt == "table":  # the resolution in the title, not on every row: readable on 80 columns
            for r in res:
                rows: list[list[Any]] = []
                for p in r.paragraphs:
                    if kind is None or p.kind == kind:
                        rows.append([p.id, p.lead, p.page, p.text])
                        rows += [[s.id, "", s.page, s.text] for s in p.subparagraphs]
                out.rows(
                    ["id", "lead", "page", "text"], rows, title=f"{r.symbol or doc.input} ({r.language})"
                )
        else:  # one row per paragraph, then one per sub-paragraph (its paragraph in `parent`)
            table: list[list[Any]] = []
            for r in res:
                for p in r.paragraphs:
                    if kind is None or p.kind == kind:
                        table.append(
                            [r.symbol, p.id, "", p.kind, p.lead, p.page, p.start, p.end, r.language, p.text]
                        )
                        table += [
                            [r.symbol, s.id, p.id, p.kind, None, s.page, s.start, s.end, r.language, s.text]
                            for s in p.subparagraphs
                        ]
            columns = [
                "resolution",
                "id",
                "parent",
                "kind",
                "lead",
                "page",
                "start",
                "end",
                "language",
                "text",
            ]
            out.rows(columns, table)
        _warnings(out, src, doc.issues + [i for r in res for i in r.issues])
        if not res:
            warn(src, "no resolution text found (no enacting formula such as “The Security Council,”)")
            return 1
        return 0

    run(sources, lang, library, handle, fetch=fetch, engine=engine, timeout=timeout, verbose=verbose)


def citations(
    sources: SourcesArg,
    json_: JsonOpt = False,
    fmt: FormatOpt = None,
    lang: LangOpt = None,
    library: LibraryOpt = None,
    fetch: FetchOpt = False,
    engine: EngineOpt = None,
    timeout: TimeoutOpt = TIMEOUT,
    verbose: VerboseOpt = False,
) -> None:
    """Resolutions, presidential statements and documents cited, with the paragraphs that cite them.

    \b
    Examples:
      resinspect citations S/2020/249
      resinspect citations resolution.pdf --json | jq -r '.citations[] | select(.kind=="sc_resolution") | .symbol'
    """
    check(fmt, lang)
    import resinspect
    from resinspect.export import jsonout

    out = Output(fmt, json_, many=len(sources) > 1)

    def handle(doc: Any, src: str) -> int:
        cits = resinspect.extract_citations(doc)
        if out.is_json:
            out.add_json(jsonout.citations(doc, cits))
            out.flush_json()
        else:
            rows = [
                [
                    c.kind,
                    c.symbol,
                    c.count,
                    " ".join(c.paragraphs),
                    " ".join(str(p) for p in sorted({m.page for m in c.mentions})),
                ]
                for c in cits
            ]
            out.rows(["kind", "symbol", "count", "paragraphs", "pages"], rows, title=doc.symbol or doc.input)
        _warnings(out, src, doc.issues)
        return 0 if cits else 1

    run(sources, lang, library, handle, fetch=fetch, engine=engine, timeout=timeout, verbose=verbose)


def text(
    source: SourceArg,
    lang: LangOpt = None,
    library: LibraryOpt = None,
    fetch: FetchOpt = False,
    engine: EngineOpt = None,
    timeout: TimeoutOpt = TIMEOUT,
    verbose: VerboseOpt = False,
) -> None:
    """The cleaned text that every reported offset points into.

    \b
    Example:
      resinspect text S/2020/249 | less
    """
    check(None, lang)

    def handle(doc: Any, src: str) -> int:
        sys.stdout.write(doc.text + "\n")
        return 0

    run([source], lang, library, handle, fetch=fetch, engine=engine, timeout=timeout, verbose=verbose)


def inspect(
    sources: SourcesArg,
    json_: JsonOpt = False,
    fmt: FormatOpt = None,
    lang: LangOpt = None,
    library: LibraryOpt = None,
    fetch: FetchOpt = False,
    engine: EngineOpt = None,
    timeout: TimeoutOpt = TIMEOUT,
    verbose: VerboseOpt = False,
) -> None:
    """Everything in one object: source, resolutions with paragraphs, citations and votes. As CSV or TSV: one
    row per document (the columns of `resinspect batch --format csv`).

    \b
    Examples:
      resinspect inspect S/PV.8700 --json
      resinspect inspect corpus/*.pdf --format csv > documents.csv
    """
    check(fmt, lang)
    import resinspect
    from resinspect.export import jsonout

    out = Output(fmt, json_, many=len(sources) > 1)

    def handle(doc: Any, src: str) -> int:
        res = resinspect.extract_paragraphs(doc)
        ins = resinspect.Inspection(
            doc, res, resinspect.extract_citations(doc, res), resinspect.extract_votes(doc, res)
        )
        if out.is_json:
            out.add_json(jsonout.inspection(ins))
            out.flush_json()
        elif out.fmt in ("csv", "tsv"):
            from resinspect.export import tables

            out.rows(list(tables.CSV_COLUMNS), [tables.csv_row(jsonout.inspection(ins))])
        else:
            rows = [["languages", ", ".join(doc.languages)], ["pages", doc.pages]]
            rows += [
                [
                    f"resolution {r.symbol or '?'}",
                    f"{sum(p.kind == 'preambular' for p in r.paragraphs)} PP, "
                    f"{sum(p.kind == 'operative' for p in r.paragraphs)} OP ({r.language})",
                ]
                for r in res
            ]
            rows += [["citations", ", ".join(c.symbol for c in ins.citations) or "none"]]
            rows += [[f"vote {k + 1}", vote_line(v)] for k, v in enumerate(ins.votes)]
            out.rows(["field", "value"], rows, title=doc.input)
        _warnings(out, src, doc.issues + [i for v in ins.votes for i in v.issues])
        return 0

    run(sources, lang, library, handle, fetch=fetch, engine=engine, timeout=timeout, verbose=verbose)


def vote_subject(v: Any) -> str:
    """What a vote was on, as a line names it: the resolution adopted, the draft, else its kind ("amendment",
    "procedural") or "?"."""
    return v.resolution or v.subject or (v.kind if v.kind in ("amendment", "procedural") else "?")


def vote_line(v: Any) -> str:
    c = v.counts
    outcome = {True: "adopted", False: "not adopted", None: "outcome unknown"}[v.adopted]
    what = vote_subject(v)
    return f"{what}: {c['in_favour']}-{c['against']}-{c['abstaining']} {outcome} ({v.procedure}, {v.date or 'date?'})"
