"""Root Typer app, the registration of every command, and `main()`: the one place exceptions become an exit
code and a line on stderr. Command modules define plain functions; only this module knows the app."""

from __future__ import annotations

import os
import signal
import sys

import typer
import typer.core


def _no_python_type(self: typer.core.TyperArgument, ctx: object) -> str:
    return ""


# An argument's help line names its metavar (SOURCE...); Typer would add the Python type ("<list[str]>"),
# which says nothing to a user.
typer.core.TyperArgument.display_type_rich = _no_python_type  # type: ignore[method-assign,assignment]

app = typer.Typer(
    name="resinspect",
    help="Inspect UN Security Council documents: who voted how, paragraphs, citations — from the document itself.",
    epilog="Every command takes -h. More: resinspect help environment, resinspect help exit-codes.",
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from resinspect import __version__

        typer.echo(f"resinspect {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """Inspect UN Security Council documents: votes, paragraphs, citations."""
    from .output import engine_warnings_to_stderr

    engine_warnings_to_stderr()
    if ctx.invoked_subcommand is None:  # bare `resinspect`: the help, and success
        typer.echo(ctx.get_help())
        raise typer.Exit(0)


from . import batch, commands, fetch, help_cmd, show_cmd, votes_cmd  # noqa: E402

app.command()(votes_cmd.votes)
app.command()(commands.paragraphs)
app.command()(commands.citations)
app.command()(commands.text)
app.command()(commands.inspect)
app.command(no_args_is_help=True)(show_cmd.show)
app.command("fetch", no_args_is_help=True)(fetch.fetch_command)
app.add_typer(fetch.cache_app, name="cache")
app.command("batch", no_args_is_help=True)(batch.batch_command)
app.command("graph", no_args_is_help=True)(batch.graph_command)
app.command("cites", no_args_is_help=True)(batch.cites_command)
app.command("help", no_args_is_help=True)(help_cmd.help_topic)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM or SIGHUP: unwind as an exit does, so that temporary files are removed and workers stopped."""
    raise SystemExit(128 + signum)


def main() -> None:
    try:
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        pass
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminated)
    commands.HARD_STOP = True  # a document stuck past its budget ends this process (never under CliRunner)
    try:
        app(standalone_mode=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # never a traceback unless asked for
        if os.environ.get("RESINSPECT_DEBUG"):
            raise
        sys.stderr.write(f"error: {type(exc).__name__}: {exc} (set RESINSPECT_DEBUG=1 for a traceback)\n")
        sys.exit(1)
