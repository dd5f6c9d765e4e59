"""The engine stays free of the terminal, the README's set-up lines are what CI runs, commands are documented."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_engine_does_not_import_cli_libraries():
    code = (
        "import sys, resinspect; import resinspect.pipeline, resinspect.extract.votes, resinspect.extract.citations; "
        "bad = [m for m in ('typer', 'rich', 'click', 'pdfminer', 'httpx') if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_no_print_or_exit_in_engine():
    for path in (ROOT / "core").glob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*print\(", src, re.M), path.name
        assert "sys.exit(" not in src, path.name


def _setup_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- setup -->\s*```(?:sh|bash)?\n(.*?)```", readme, re.S)
    assert block, "README has no <!-- setup --> block"
    return [x.strip() for x in block[1].splitlines() if x.strip()]


def test_readme_has_two_setup_lines_and_ci_runs_them():
    lines = _setup_lines()
    assert len(lines) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for line in lines:
        assert line in ci, f".ci/run does not run README's line: {line}"


def test_every_command_is_documented():
    from resinspect.cli.app import app
    from typer.main import get_command

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, cmd in get_command(app).commands.items():
        assert f"resinspect {name}" in readme, f"README does not show `resinspect {name}`"
        assert cmd.help, f"{name} has no help text"
