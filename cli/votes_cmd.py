"""The `votes` command: who voted how."""

from __future__ import annotations

from typing import Annotated

import typer

from .app import app
from .commands import FetchOpt, JsonOpt, LangOpt, LibraryOpt, SourcesArg, _check, _vote_line, run
from .output import Output, warn

_LISTS = (("in_favour", "Y", "in favour"), ("against", "N", "against"), ("abstaining", "A", "abstaining"))


@app.command()
def votes(
    sources: SourcesArg,
    json_: JsonOpt = False,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="table, json, ndjson, csv, tsv or dhl.")
    ] = None,
    lang: LangOpt = None,
    library: LibraryOpt = None,
    fetch: FetchOpt = False,
) -> None:
    """Who voted how: in favour, against, abstaining — with ISO codes, outcome and checks."""
    _check(fmt, lang, ("table", "json", "ndjson", "csv", "tsv", "dhl"))
    import resinspect
    from resinspect import jsonout

    out = Output(fmt, json_, many=len(sources) > 1)

    def handle(doc, src: str) -> int:
        vs = resinspect.extract_votes(doc)
        if out.is_json:
            out.add_json(jsonout.votes(doc, vs))
            out.flush_json()
        elif out.fmt == "dhl":
            _dhl(out, vs)
        elif out.fmt in ("csv", "tsv"):
            rows = [
                [doc.symbol or doc.input, k + 1, v.subject, v.resolution, v.date, m.name, m.iso3, label]
                for k, v in enumerate(vs)
                for key, _, label in _LISTS
                for m in getattr(v, key)
            ]
            out.rows(
                ["symbol", "vote_index", "subject", "resolution", "date", "member", "iso3", "vote"], rows
            )
        else:
            _tables(out, doc, vs)
        for k, v in enumerate(vs):
            for i in v.issues:
                warn(
                    src,
                    f"vote {k + 1} ({_what(v)}): {i.message}",
                )
        for i in doc.issues:
            warn(src, i.message)
        if not vs:
            warn(src, "no vote found in this document")
            return 1
        return 0

    run(sources, lang, library, handle, fetch=fetch)


def _what(v) -> str:
    if v.resolution or v.subject:
        return v.resolution or v.subject
    return "amendment" if v.kind == "amendment" else "?"


def _tables(out: Output, doc, vs) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table

    for k, v in enumerate(vs):
        t = Table(show_header=True, header_style="bold", expand=False)
        for key, _, label in _LISTS:
            t.add_column(f"{label} ({v.counts[key]})")
        cols = [
            [f"{m.name} [dim]{m.iso3 or '???'}[/]" for m in getattr(v, key)] or ["[dim]none[/]"]
            for key, _, _ in _LISTS
        ]
        for r in range(max(len(c) for c in cols)):
            t.add_row(*[c[r] if r < len(c) else "" for c in cols])
        notes = [f"[yellow]⚠ {i.message}[/]" for i in v.issues]
        title = f"{doc.symbol or doc.input} · vote {k + 1}: {_vote_line(v)}"
        out.panel(Panel(Group(t, *notes), title=title, title_align="left"))


def _dhl(out: Output, vs) -> None:
    """Columns of the Dag Hammarskjöld Library's Security Council voting data."""
    from resinspect.roster import council, is_permanent

    rows = []
    for v in vs:
        if not v.resolution:
            continue
        number = v.resolution.split("/")[-1].split(" ")[0]
        year = int(v.date[:4]) if v.date else None
        voted = {}
        for key, code, _ in _LISTS:
            for m in getattr(v, key):
                voted[m.iso3 or m.name] = (m.name, code)
        members = council(year) if year else []
        for c in members:
            name, code = voted.pop(c.iso3, (c.name, "X"))
            rows.append([number, v.date, c.iso3, name.upper(), code, int(is_permanent(c.iso3, year))])
        for key, (name, code) in voted.items():
            rows.append([number, v.date, key if len(key) == 3 else "", name.upper(), code, 0])
    out.rows(["resolution", "date", "ms_code", "ms_name", "ms_vote", "permanent_member"], rows)
