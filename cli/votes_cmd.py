"""The `votes` command: who voted how. Registered on the app by `app.py`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .commands import run, vote_line, vote_subject
from .options import (
    FORMATS,
    TIMEOUT,
    EngineOpt,
    FetchOpt,
    JsonOpt,
    LangOpt,
    LibraryOpt,
    SourcesArg,
    TimeoutOpt,
    VerboseOpt,
    VoteFormat,
    check,
)
from .output import Output, warn

# one row per member and vote; `vote` is the list's key, as in JSON and SQLite (in_favour, against, abstaining)
CSV_COLUMNS = (
    "symbol", "vote_index", "subject", "resolution", "date", "member", "iso3", "vote",
    "kind", "amendment_to", "adopted", "procedure",
)  # fmt: skip


def votes(
    sources: SourcesArg,
    json_: JsonOpt = False,
    fmt: Annotated[
        VoteFormat | None,
        typer.Option(
            "--format",
            "-f",
            metavar="[table|json|ndjson|csv|tsv|dhl]",
            help="Output format (default: a table on a terminal, TSV when piped); dhl: the Dag Hammarskjöld "
            "Library's voting columns.",
        ),
    ] = None,
    lang: LangOpt = None,
    library: LibraryOpt = None,
    fetch: FetchOpt = False,
    engine: EngineOpt = None,
    timeout: TimeoutOpt = TIMEOUT,
    verbose: VerboseOpt = False,
) -> None:
    """Who voted how: in favour, against, abstaining — with ISO codes, outcome and checks.

    \b
    Examples:
      resinspect votes S/2020/249
      resinspect votes S/PV.8700 --format csv
      resinspect votes S/2020/249 --lang ar --json | jq -c '.votes[0].in_favour[] | [.name, .iso3]'
    """
    check(fmt, lang, (*FORMATS, "dhl"))
    import resinspect
    from resinspect.export import dhl, jsonout
    from resinspect.model import VOTE_LISTS

    out = Output(fmt, json_, many=len(sources) > 1)

    def handle(doc: Any, src: str) -> int:
        vs = resinspect.extract_votes(doc)
        if out.is_json:
            out.add_json(jsonout.votes(doc, vs))
            out.flush_json()
        elif out.fmt == "dhl":
            out.rows(dhl.COLUMNS, dhl.rows(vs))
        elif out.fmt in ("csv", "tsv"):
            adopted = {True: 1, False: 0, None: None}
            rows = [
                [doc.symbol or doc.input, k + 1, v.subject, v.resolution, v.date, m.name, m.iso3, key]
                + [v.kind, v.amendment_to, adopted[v.adopted], v.procedure]
                for k, v in enumerate(vs)
                for key in VOTE_LISTS
                for m in v.members(key)
            ]
            out.rows(list(CSV_COLUMNS), rows)
        else:
            _tables(out, doc, vs)
        for k, v in enumerate(vs):
            for i in v.issues:
                warn(
                    src,
                    f"vote {k + 1} ({vote_subject(v)}): {i.message}",
                )
        for i in doc.issues:
            warn(src, i.message)
        if not vs:
            warn(src, "no vote found in this document")
            return 1
        return 0

    run(sources, lang, library, handle, fetch=fetch, engine=engine, timeout=timeout, verbose=verbose)


def _tables(out: Output, doc: Any, vs: list[Any]) -> None:
    from resinspect.model import VOTE_LABELS, VOTE_LISTS
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table

    for k, v in enumerate(vs):
        t = Table(show_header=True, header_style="bold", expand=False)
        for key in VOTE_LISTS:
            t.add_column(f"{VOTE_LABELS[key]} ({v.counts[key]})")
        cols = [
            [f"{m.name} [dim]{m.iso3 or '???'}[/]" for m in v.members(key)] or ["[dim]none[/]"]
            for key in VOTE_LISTS
        ]
        for r in range(max(len(c) for c in cols)):
            t.add_row(*[c[r] if r < len(c) else "" for c in cols])
        notes = [f"[yellow]⚠ {i.message}[/]" for i in v.issues]
        title = f"{doc.symbol or doc.input} · vote {k + 1}: {vote_line(v)}"
        out.panel(Panel(Group(t, *notes), title=title, title_align="left"))
