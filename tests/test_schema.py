"""The JSON Schema (core/data/resinspect.v1.schema.json) covers every JSON output: each command's, inspect's
resolutions, batch records and error records; and changing the type of any field the tool writes fails
validation (so a field the schema does not describe is caught here)."""

from __future__ import annotations

import copy
import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from resinspect.cli.app import app
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads(files("resinspect.data").joinpath("resinspect.v1.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SOURCES = [
    ("S/PV.8700", None),
    ("S/2020/249", "ar"),
    ("S/2020/249", "en"),
    (str(Path(__file__).parent / "data" / "rendered" / "S_RES_2533_2020.ar.pdf"), None),
]


def _json(*args: str) -> list[dict]:
    r = CliRunner().invoke(app, [*args, "--format", "ndjson"])
    assert r.exit_code in (0, 1), r.output
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def outputs() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for command in ("votes", "paragraphs", "citations", "inspect"):
        for src, lang in SOURCES:
            out.setdefault(command, []).extend(_json(command, src, *(["--lang", lang] if lang else [])))
    return out


@pytest.fixture(scope="module")
def batch_records(tmp_path_factory) -> list[dict]:
    folder = tmp_path_factory.mktemp("batch")
    out = folder / "out.ndjson"
    r = CliRunner().invoke(
        app,
        [
            "batch",
            str(ROOT / "samples" / "S_PV.8700_E.pdf"),
            str(folder / "missing.pdf"),
            "-o",
            str(out),
            "-j",
            "1",
        ],
    )
    assert r.exit_code == 2, r.output  # one document failed
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_schema_is_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("command", ["votes", "paragraphs", "citations", "inspect"])
def test_every_output_validates(outputs, command):
    assert outputs[command]
    for obj in outputs[command]:
        VALIDATOR.validate(obj)


def test_batch_records_validate(batch_records):
    assert [("error" in r) for r in batch_records] == [False, True]
    for rec in batch_records:
        VALIDATOR.validate(rec)


def _paths(obj, path=()):
    """Every (path, value) in a JSON value, one instance per field (list positions taken as one)."""
    seen: dict[tuple, tuple] = {}

    def walk(o, p, pattern):
        if pattern not in seen:
            seen[pattern] = p
        if isinstance(o, dict):
            for k, v in o.items():
                walk(v, (*p, k), (*pattern, k))
        elif isinstance(o, list):
            for i, v in enumerate(o[:3]):
                walk(v, (*p, i), (*pattern, "*"))

    walk(obj, path, path)
    return [p for p in seen.values() if p]


def _other_type(value):
    if value is None or isinstance(value, bool | int | float | str):
        return {"not": "this"}
    return "not this"


def _set(obj, path, value):
    for k in path[:-1]:
        obj = obj[k]
    obj[path[-1]] = value


@pytest.mark.parametrize("command", ["votes", "paragraphs", "citations", "inspect"])
def test_a_field_of_another_type_fails(outputs, command):
    missed = []
    for obj in outputs[command]:
        for path in _paths(obj):
            changed = copy.deepcopy(obj)
            value = changed
            for k in path:
                value = value[k]
            _set(changed, path, _other_type(value))
            if VALIDATOR.is_valid(changed):
                missed.append(".".join(map(str, path)))
    assert not missed, f"fields the schema does not type: {sorted(set(missed))[:20]}"


def test_error_record_fields_are_typed(batch_records):
    rec = next(r for r in batch_records if "error" in r)
    for key in rec:
        assert not VALIDATOR.is_valid({**rec, key: 12})
    assert not VALIDATOR.is_valid({**rec, "surprise": 1})
