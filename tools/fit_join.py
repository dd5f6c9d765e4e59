"""Fit the weights of the boundary decision (`core/clean/join.py: boundary_score`) on a corpus with truth.

Run by a maintainer when the decision's features change (needs the development corpus and its truth):

    python tools/fit_join.py --cases ../shared/eval/cases-dev.jsonl --root ../shared --out core/data/join.toml
    python tools/fit_join.py --cases … --root … --errors /tmp/join-errors.txt      # also list the misses

Each document is read and cut into text lines as `resinspect.clean.prepare` does; its line breaks are
labelled from the truth's paragraphs (the UN XML: `checks.paragraphs.paragraphs[].text_full`): a break
before the line where a paragraph (or one of its sub-paragraphs, "(a) …") starts ends a paragraph, a break
inside a paragraph does not, a break after a paragraph's last line does; breaks outside every paragraph
(title blocks, headings, annexes) and paragraphs whose text cannot be found in the lines are left out. The
decision's context (the last operative number, marks left open) follows the truth, not the decision.
Title-block lines (resolution heading, adoption line, enacting formula) and annex titles stand on their own:
the breaks before and after them end paragraphs.

The weights are an L2-regularised logistic regression of the label on the features (Newton's method,
numpy), rounded to 0.01. Features that settle a break by construction (`FIXED`) keep the weights given
here and the breaks they settle are left out of the fit. The output file says what was fitted on and how
well the decision does there, per source and language.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from resinspect.clean import prepare
from resinspect.clean.join import FEATURES, Break, Weights, boundary_score
from resinspect.reader.source import read_source
from resinspect.text.numbering import ITEM, SUB_LABEL

# settled by construction, not by evidence: a line split off the one before it, right-to-left lines of a
# text file (their order is not known), a number alone on its line (its text follows); and the label lines
# of vote blocks ("In favour:", "Against:", S/PV.8700), which the paragraph corpus does not hold
FIXED = {"cut": 20.0, "rtl_text": 20.0, "prev_label": -20.0, "cur_list_label": 6.0, "prev_list_label": 6.0}
L2 = 1.0  # ridge penalty on the fitted weights (not the bias)

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"})
_DROP = re.compile(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640\u00ad]+")


def norm(s: str) -> str:
    """As the evaluation compares texts: NFKC, quotes and dashes unified, no white space, case folded."""
    return _DROP.sub("", unicodedata.normalize("NFKC", s).translate(_QUOTES)).casefold()


def _heading(lines: list[str], j: int) -> bool:
    """Whether line j reads as a heading: at most ten words, no final comma or period ("Rule of law:" is one),
    after a line that ended a sentence."""
    s, before = lines[j].strip(), lines[j - 1].strip() if j else "."
    return (
        bool(s)
        and len(s.split()) <= 10
        and (s[-1].isalnum() or s[-1] in ":：)")
        and before[-1:] in ".;:。；："
    )


def labels(lines: list[str], paragraphs: list[dict]) -> list[bool | None]:
    """For each line, whether the break before it ends a paragraph (True), continues one (False), or is not
    known (None), from the truth paragraphs' texts found in the lines in order."""
    offs, parts, pos = [], [], 0
    for s in lines:
        n = norm(s)
        offs.append(pos)
        parts.append(n)
        pos += len(n)
    text = "".join(parts)
    out: list[bool | None] = [None] * len(lines)
    cursor = 0
    import bisect

    for p in paragraphs:
        t = norm(p.get("text_full") or p["text"])
        if len(t) < 4:
            continue
        head = t[: min(40, len(t))]
        a = text.find(head, cursor)
        if a < 0 or a - cursor > max(2000, 3 * len(t)):
            continue
        tail = t[-min(40, len(t)) :]
        e = text.find(tail, a, a + 2 * len(t) + 200)
        e = a + len(t) if e < 0 else e + len(tail)
        i = bisect.bisect_right(offs, a) - 1
        if a - offs[i] > 6:  # the paragraph starts inside a line: no line break to label
            cursor = e
            continue
        if i > 0 and re.fullmatch(r"\W*\d{1,3}\W*", lines[i - 1].strip()) and a == offs[i]:
            i -= 1  # its number alone on the line before
        out[i] = True
        j = i + 1
        while j < len(lines) and offs[j] < e:
            unit = SUB_LABEL.match(lines[j]) or ITEM.match(lines[j])  # a sub-paragraph or an item starts
            out[j] = unit is not None and not re.fullmatch(r"\W*\d{1,3}\W*", lines[j - 1])
            if not out[j] and (_heading(lines, j) or _heading(lines, j - 1)):
                out[j] = None  # a heading inside a list, or the text after it: the structure stage decides
            j += 1
        if j < len(lines):
            out[j] = True
        cursor = e
    return out


def collect(cases: list[dict], root: Path) -> list[tuple[str, str, str, str, Break, bool]]:
    """(case id, group, line before, line, features, label) for every labelled break."""
    rows = []
    for k, case in enumerate(cases):
        truth = case["checks"]["paragraphs"]
        try:
            raw = read_source(str(root / case["input"]))
        except Exception as exc:  # noqa: BLE001 - a document the reader refuses has no breaks to learn from
            print(f"skip {case['id']}: {exc}", file=sys.stderr)
            continue
        _, lines, joiner, _ = prepare(raw)
        lab = labels([x.text for x in lines], truth["paragraphs"])
        for k, ln in enumerate(lines):  # title-block lines and annex titles stand on their own
            if ln.structural:
                lab[k] = True
                if k + 1 < len(lines):
                    lab[k + 1] = True
        group = f"{case['source']}:{case['lang']}"
        prev = None
        for k, (ln, y) in enumerate(zip(lines, lab, strict=True)):
            if prev is None:
                joiner.advance(ln, True)
            else:
                f = joiner.features(prev, ln, lines[k + 1] if k + 1 < len(lines) else None)
                if y is not None:
                    rows.append((case["id"], group, prev.text, ln.text, f, y))
                joiner.advance(ln, boundary_score(f) > 0 if y is None else y)
            prev = ln
        if k % 100 == 0:
            print(f"{k}/{len(cases)} documents, {len(rows)} breaks", file=sys.stderr)
    return rows


def fit(rows: list[tuple[str, str, str, str, Break, bool]]) -> Weights:
    free = [f for f in FEATURES if f not in FIXED]
    keep = [r for r in rows if not any(getattr(r[4], f) for f in FIXED)]
    x = np.array([[1.0] + [float(getattr(r[4], f)) for f in free] for r in keep])
    y = np.array([1.0 if r[5] else 0.0 for r in keep])
    # identical rows fitted once, weighted by their count
    uniq, inv, count = np.unique(x, axis=0, return_inverse=True, return_counts=True)
    pos = np.bincount(inv.ravel(), weights=y, minlength=len(uniq))
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], L2)
    penalty[0] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(uniq @ w)))
        grad = uniq.T @ (pos - count * p) - penalty * w
        hess = (uniq * (count * p * (1 - p))[:, None]).T @ uniq + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    weights = {f: round(float(v), 2) for f, v in zip(free, w[1:], strict=True)}
    weights.update(FIXED)
    return Weights(round(float(w[0]), 2), {f: weights[f] for f in FEATURES})


def report(rows: list[tuple[str, str, str, str, Break, bool]], w: Weights) -> list[str]:
    by: dict[str, Counter[str]] = defaultdict(Counter)
    for _, group, _, _, f, y in rows:
        ok = (boundary_score(f, w) > 0) == y
        for g in ("all", group.split(":")[0], "lang=" + group.split(":")[1]):
            by[g]["n"] += 1
            by[g]["ok"] += ok
    return [f"{g}: {c['ok'] / c['n']:.4f} of {c['n']}" for g, c in sorted(by.items())]


def write(path: Path, w: Weights, lines: list[str], n_docs: int) -> None:
    out = [
        "# Weights of the boundary decision (clean/join.py: boundary_score): does a line break end a paragraph?",
        "# score = bias + the weights of the features present (see join.Break); positive: a new paragraph starts.",
        "# Fitted by tools/fit_join.py (L2-regularised logistic regression) on the breaks of the development",
        f"# corpus (shared/eval/cases-dev.jsonl, {n_docs} documents), labelled from the UN XML's paragraphs;",
        "# cut, rtl_text, prev_label, cur_list_label and prev_list_label are set by hand (see tools/fit_join.py: FIXED). Share of the",
        "# labelled breaks decided as the truth has them, with these weights:",
        *[f"#   {x}" for x in lines],
        "# Re-fit when the features change; never edit a fitted weight by hand.",
        f"bias = {w.bias}",
        "",
        "[weights]",
        *[f"{k} = {v}" for k, v in w.weights.items()],
        "",
    ]
    path.write_text("\n".join(out), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", required=True, type=Path)
    ap.add_argument("--root", required=True, type=Path)
    ap.add_argument("--out", type=Path, help="write the weights here (core/data/join.toml)")
    ap.add_argument("--errors", type=Path, help="write the breaks decided against the truth here")
    ap.add_argument("--only", help="cases whose id contains this")
    args = ap.parse_args()
    cases = [json.loads(x) for x in args.cases.read_text(encoding="utf-8").splitlines() if x.strip()]
    cases = [
        c for c in cases if "paragraphs" in c.get("checks", {}) and (not args.only or args.only in c["id"])
    ]
    rows = collect(cases, args.root)
    w = fit(rows)
    lines = report(rows, w)
    print("\n".join(lines))
    print(f"bias = {w.bias}")
    for k, v in w.weights.items():
        print(f"{k} = {v}")
    if args.out:
        write(args.out, w, lines, len(cases))
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            for cid, _, p, c, f, y in rows:
                s = boundary_score(f, w)
                if (s > 0) != y:
                    on = [n for n in FEATURES if getattr(f, n)]
                    fh.write(
                        f"{cid} truth={'END' if y else 'wrap'} score={s:.2f} {on}\n  | {p[-90:]}\n  | {c[:90]}\n"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
