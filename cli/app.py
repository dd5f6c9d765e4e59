"""Root Typer app. Commands are registered from their own modules."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="resinspect",
    help="Inspect UN Security Council documents: votes, paragraphs and citations, from the PDF.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def main() -> None:
    app()
