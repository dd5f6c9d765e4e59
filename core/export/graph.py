"""The corpus-level citation graph: resolutions as nodes, an edge citing → cited weighted by mentions.

Built from inspection records (`export.jsonout.inspection` dicts, as `corpus.run` yields them). A mention belongs
to the resolution whose paragraph holds it (the mention's `citing`), so a citation in a meeting record's
speeches, or in a letter's covering text, gives no edge. Only resolution citations (`sc_resolution`,
`ga_resolution`) make edges; presidential statements and documents are not nodes.

The same resolution often comes in several documents (language versions, a letter that reprints it): for
each edge the weight is the largest count among the documents holding the citing resolution, not their sum.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any
from xml.etree import ElementTree as ET

KINDS = ("sc_resolution", "ga_resolution")
_SC = re.compile(r"S/RES/(\d+) \((\d{4})\)")


def _node(symbol: str, kind: str | None = None, number: int | None = None, year: int | None = None) -> dict:
    m = _SC.fullmatch(symbol)
    if m:
        kind, number, year = "sc_resolution", int(m[1]), int(m[2])
    return {"kind": kind or ("ga_resolution" if symbol.startswith("A/") else None), "number": number,
            "year": year, "in_corpus": False}  # fmt: skip


@dataclass
class Graph:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # symbol → kind, number, year, in_corpus
    edges: dict[tuple[str, str], int] = field(default_factory=dict)  # (citing, cited) → mentions

    def add(self, record: dict[str, Any]) -> None:
        """Add one inspection record (a record with an "error" adds nothing)."""
        if "error" in record:
            return
        for r in record.get("resolutions", []):
            sym = r.get("resolution")
            if sym:
                self.nodes.setdefault(sym, _node(sym))["in_corpus"] = True
        counts: dict[tuple[str, str], int] = {}
        for c in record.get("citations", []):
            if c.get("kind") not in KINDS:
                continue
            for m in c.get("mentions", []):
                citing = m.get("citing")  # the resolution whose paragraph holds the mention
                if not citing or citing == c["symbol"]:
                    continue
                key = (citing, c["symbol"])
                counts[key] = counts.get(key, 0) + 1
                self.nodes.setdefault(
                    c["symbol"], _node(c["symbol"], c["kind"], c.get("number"), c.get("year"))
                )
        for key, n in counts.items():
            self.edges[key] = max(n, self.edges.get(key, 0))

    def sorted_nodes(self) -> list[tuple[str, dict[str, Any]]]:
        return sorted(
            self.nodes.items(),
            key=lambda kv: (kv[1]["kind"] or "", kv[1]["year"] or 0, kv[1]["number"] or 0, kv[0]),
        )

    def sorted_edges(self) -> list[tuple[str, str, int]]:
        order = {s: i for i, (s, _) in enumerate(self.sorted_nodes())}
        return sorted(
            ((a, b, w) for (a, b), w in self.edges.items()), key=lambda e: (order[e[0]], order[e[1]])
        )


def build(records: Iterable[dict[str, Any]]) -> Graph:
    g = Graph()
    for rec in records:
        g.add(rec)
    return g


def to_json(g: Graph) -> dict[str, Any]:
    """Node-link JSON: {"nodes": [{"id", kind, number, year, in_corpus}], "edges": [{"source", "target", "weight"}]}."""
    return {
        "schema_version": 1,
        "directed": True,
        "nodes": [{"id": s, **attrs} for s, attrs in g.sorted_nodes()],
        "edges": [{"source": a, "target": b, "weight": w} for a, b, w in g.sorted_edges()],
    }


def write_json(g: Graph, out: IO[str]) -> None:
    json.dump(to_json(g), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_csv(g: Graph, out: IO[str]) -> None:
    """The edge list: source, target, weight."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["source", "target", "weight"])
    w.writerows(g.sorted_edges())


_NODE_KEYS = (("kind", "string"), ("number", "int"), ("year", "int"), ("in_corpus", "boolean"))


def to_graphml(g: Graph) -> ET.Element:
    ns = "http://graphml.graphdrawing.org/xmlns"
    root = ET.Element("graphml", {"xmlns": ns})
    for name, typ in _NODE_KEYS:
        ET.SubElement(root, "key", {"id": name, "for": "node", "attr.name": name, "attr.type": typ})
    ET.SubElement(root, "key", {"id": "weight", "for": "edge", "attr.name": "weight", "attr.type": "int"})
    graph = ET.SubElement(root, "graph", {"id": "citations", "edgedefault": "directed"})
    for sym, attrs in g.sorted_nodes():
        node = ET.SubElement(graph, "node", {"id": sym})
        for name, _typ in _NODE_KEYS:
            value = attrs.get(name)
            if value is None:
                continue
            ET.SubElement(node, "data", {"key": name}).text = (
                str(value).lower() if isinstance(value, bool) else str(value)
            )
    for i, (a, b, w) in enumerate(g.sorted_edges()):
        edge = ET.SubElement(graph, "edge", {"id": f"e{i}", "source": a, "target": b})
        ET.SubElement(edge, "data", {"key": "weight"}).text = str(w)
    return root


def write_graphml(g: Graph, out: IO[str]) -> None:
    root = to_graphml(g)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


WRITERS = {"graphml": write_graphml, "json": write_json, "csv": write_csv}
