"""The `show` command: draw where each fact was found. Registered on the app by `app.py`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from .commands import run
from .options import (
    TIMEOUT,
    EngineOpt,
    FetchOpt,
    LangOpt,
    LibraryOpt,
    SourceArg,
    TimeoutOpt,
    VerboseOpt,
    check,
)
from .output import error


def show(
    source: SourceArg,
    out: Annotated[
        str,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Output file: FILE.png gives FILE-p3.png per page (HTML for text).",
        ),
    ],
    vote: Annotated[
        int | None, typer.Option("--vote", min=1, metavar="N", help="Vote number (1 = the first).")
    ] = None,
    paragraph: Annotated[
        str | None, typer.Option("--paragraph", metavar="ID", help="Paragraph id: PP2, OP3, OP3(a).")
    ] = None,
    citation: Annotated[
        str | None, typer.Option("--citation", metavar="SYMBOL", help="Cited symbol: 'S/RES/2436 (2018)'.")
    ] = None,
    page: Annotated[
        list[int] | None, typer.Option("--page", min=1, metavar="P", help="Only this page (repeatable).")
    ] = None,
    lang: LangOpt = None,
    library: LibraryOpt = None,
    fetch: FetchOpt = False,
    engine: EngineOpt = None,
    timeout: TimeoutOpt = TIMEOUT,
    verbose: VerboseOpt = False,
) -> None:
    """Draw where facts were found: each box outlined and labelled on the page image (PDF), or each span
    highlighted in the cleaned text (text input: an HTML file). Without --vote, --paragraph or --citation,
    every vote, paragraph and citation is drawn. Prints the files written.

    \b
    Examples:
      resinspect show S/PV.8700 --vote 2 --out vote.png
      resinspect show resolution.pdf --paragraph OP3 --out op3.png
      resinspect show S/2020/249 --citation 'S/RES/2436 (2018)' --out cited.html
    """
    check(None, lang)
    import resinspect
    from resinspect.export.picture import SelectionError
    from resinspect.export.picture import show as draw

    def handle(doc: Any, src: str) -> int:
        res = resinspect.extract_paragraphs(doc)
        ins = resinspect.Inspection(
            doc, res, resinspect.extract_citations(doc, res), resinspect.extract_votes(doc, res)
        )
        try:
            written = draw(ins, out, vote=vote, paragraph=paragraph, citation=citation, pages=page)
        except SelectionError as exc:
            error(f"{src}: {exc}")
            return 1
        except OSError as exc:
            error(f"{out}: cannot write ({exc.strerror or exc})")
            return 2
        for path in written:
            typer.echo(str(path))
        return 0

    run([source], lang, library, handle, fetch=fetch, engine=engine, timeout=timeout, verbose=verbose)
