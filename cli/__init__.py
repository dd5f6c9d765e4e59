"""The `resinspect` command line: a thin Typer layer over the engine."""
