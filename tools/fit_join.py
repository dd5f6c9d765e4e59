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

Where the truth cannot say, a break is left out: a heading inside a paragraph that the truth keeps, a line
inside a paragraph printed apart by a vertical gap (an item of a list printed with no mark), a line of a
paragraph after one that ended a sentence in a text whose lines are paragraphs (an item too); a heading the
truth's paragraph leaves out stands apart (the breaks before and after it end).

The weights minimise a logistic loss with a margin (a break counts as decided only beyond it, so that scores
keep away from zero) plus an L2 penalty (Newton's method, numpy), rounded to 0.01; several candidates
(`L2S` × `MARGINS` × `WEIGHINGS`) are fitted, and the one kept decides the most documents entirely as the
truth has them (within `TOLERANCE`) with the fewest decisions near zero (`NEAR`): the resolution is what
is scored, and a near decision is one a small change in an unseen document turns. Features that settle a
break by construction (`FIXED`) keep the weights given here and the breaks they settle are left out of the
fit. The output file says which candidate was kept and how well it does, per source and language;
`--rows FILE` keeps the labelled breaks so that a second run only fits.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from resinspect.clean import prepare
from resinspect.clean.join import FEATURES, Break, Weights, boundary_score, weights
from resinspect.reader.source import read_source
from resinspect.text.numbering import ITEM, SUB_LABEL

# settled by construction, not by evidence: a line split off the one before it, right-to-left lines of a
# text file (their order is not known), a number alone on its line (its text follows); and the label lines
# of vote blocks ("In favour:", "Against:", S/PV.8700), which the paragraph corpus does not hold
FIXED = {
    "cut": 100.0,
    "rtl_text": 100.0,
    "prev_label": -100.0,
    "cur_list_label": 6.0,
    "prev_list_label": 6.0,
    "blank_apart": 12.0,
    "no_blank_apart": -10.0,
}

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-"})
_DROP = re.compile(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640\u00ad]+")


def norm(s: str) -> str:
    """As the evaluation compares texts: NFKC, quotes and dashes unified, no white space, case folded."""
    return _DROP.sub("", unicodedata.normalize("NFKC", s).translate(_QUOTES)).casefold()


def _reads_as_heading(lines: list[str], j: int, words: int, ends: str, after: str) -> bool:
    """Whether line j is at most `words` words, ends in a letter, a digit or one of `ends`, and follows a line
    that ended in one of `after`."""
    s, before = lines[j].strip(), lines[j - 1].strip() if j else "."
    return bool(s) and len(s.split()) <= words and (s[-1].isalnum() or s[-1] in ends) and before[-1:] in after


def _heading(lines: list[str], j: int) -> bool:
    """Whether line j reads as a heading: at most ten words, no final comma or period ("Rule of law:" is one),
    after a line that ended a sentence."""
    return _reads_as_heading(lines, j, 10, ":：)", ".;:。；：")


def _left_out(lines: list[str], j: int) -> bool:
    """Whether line j reads as a heading that a paragraph's truth may leave out: at most twenty words, no final
    punctuation, after a line that ended (a sentence, a chapeau, a clause of a list); whether the truth holds it
    decides."""
    return _reads_as_heading(lines, j, 20, ")", ".;:,。；：，،؛")


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
        apart = False  # the line before is a heading that the truth's paragraph does not hold
        while j < len(lines) and offs[j] < e:
            unit = SUB_LABEL.match(lines[j]) or ITEM.match(lines[j])  # a sub-paragraph or an item starts
            out[j] = unit is not None and not re.fullmatch(r"\W*\d{1,3}\W*", lines[j - 1])
            if _left_out(lines, j) and len(parts[j]) >= 4 and parts[j] not in t:
                # a heading inside a list that the paragraph leaves out: it stands apart
                out[j], apart = True, True
            elif apart:
                out[j], apart = (True if unit else None), False  # after it: a unit starts; else not known
            elif not out[j] and (_heading(lines, j) or _heading(lines, j - 1)):
                out[j] = None  # a heading inside a list, or the text after it: the structure stage decides
            j += 1
        if j < len(lines):
            out[j] = True
        cursor = e
    return out


def collect(cases: list[dict], root: Path) -> list[tuple[str, str, str, str, Break, bool]]:
    """(case id, group, line before, line, features, label) for every labelled break."""
    rows = []
    for n, case in enumerate(cases):
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
            # in a text whose lines are paragraphs, a line of a paragraph after one that ended a sentence or a
            # chapeau is an item printed with no mark or a garbled one ("Ł Monitoring …"), read as such by the
            # structure stage, not a wrapped line
            elif joiner.one_per_line and lab[k] is False and k and lines[k - 1].page == ln.page:
                if re.search(r"[.;:。；：؛][\"”’»)\]]*$", lines[k - 1].text):
                    lab[k] = None
        group = f"{case['source']}:{case['lang']}"
        prev = None
        for k, (ln, y) in enumerate(zip(lines, lab, strict=True)):
            if prev is None:
                joiner.advance(ln, True)
            else:
                after = lines[k + 1] if k + 1 < len(lines) else None
                f = joiner.features(prev, ln, after, lines[k + 2] if k + 2 < len(lines) else None)
                if y is False and f.gap:
                    # inside a paragraph, yet printed apart by a vertical gap: an item of a list printed with
                    # no mark, or a heading the truth keeps; the structure stage reads it, not a wrapped line
                    y = None
                if y is not None:
                    rows.append((case["id"], group, prev.text, ln.text, f, y))
                joiner.advance(ln, boundary_score(f) > 0 if y is None else y)
            prev = ln
        if n % 100 == 0:
            print(f"{n}/{len(cases)} documents, {len(rows)} breaks", file=sys.stderr)
    return rows


Row = tuple[str, str, str, str, Break, bool]

# The candidate fits: ridge penalty, margin (a break counts as decided only beyond it, so the loss keeps
# pushing scores away from zero), and how the breaks weigh: all alike; or each break by how
# often its combination of features occurs, to the power -0.5 (a rare combination of evidence, such as a
# heading across a page break, is not drowned by the common ones). Each is fitted; among those that decide
# the most documents entirely as the truth has them (within TOLERANCE), the one with the fewest near
# decisions (NEAR) is kept.
L2S = (0.3, 1.0, 3.0)
MARGINS = (0.0, 1.0, 2.0, 4.0)
WEIGHINGS = ("breaks", "patterns")
TOLERANCE = 2  # documents: fits this close to the best count are as good, the steadier of them is kept
NEAR = 0.1  # a score within this share of the median absolute score of zero is a near decision (the share
# keeps fits of different scales comparable)


def _design(rows: list[Row]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The free features, the design matrix (a column of ones first) and the labels (+1 ends, -1 wraps),
    over the rows that no fixed feature settles."""
    free = [f for f in FEATURES if f not in FIXED]
    keep = [r for r in rows if not any(getattr(r[4], f) for f in FIXED)]
    x = np.array([[1.0] + [float(getattr(r[4], f)) for f in free] for r in keep])
    y = np.array([1.0 if r[5] else -1.0 for r in keep])
    return free, x, y


def fit_one(
    x: np.ndarray, y: np.ndarray, rw: np.ndarray, l2: float, margin: float, free: list[str]
) -> Weights:
    """Weights minimising the logistic loss of (label × score − margin), row k weighted by rw[k], plus an L2
    penalty on the feature weights (not the bias). Newton's method, each step halved until the loss falls."""
    # identical rows fitted once: their weights summed per label
    uniq, inv = np.unique(x, axis=0, return_inverse=True)
    inv = inv.ravel()
    pos = np.bincount(inv, weights=rw * (y > 0), minlength=len(uniq))
    neg = np.bincount(inv, weights=rw * (y < 0), minlength=len(uniq))
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 1e-6  # (the bias: not penalised, only kept invertible)

    def loss(w: np.ndarray) -> float:
        sc = uniq @ w
        return float(
            pos @ np.logaddexp(0.0, margin - sc) + neg @ np.logaddexp(0.0, sc + margin) + 0.5 * penalty @ w**2
        )

    now = loss(w)
    for _ in range(200):
        sc = uniq @ w
        a, b = _sigmoid(margin - sc), _sigmoid(sc + margin)  # d/ds of the two losses: −a (ends), +b (wraps)
        grad = uniq.T @ (-pos * a + neg * b) + penalty * w
        h = pos * a * (1 - a) + neg * b * (1 - b)
        hess = (uniq * h[:, None]).T @ uniq + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        t = 1.0  # halved until the loss goes down (Newton's full step can overshoot from zero)
        while loss(w - t * step) > now and t > 1e-6:
            t /= 2
        w -= t * step
        now = loss(w)
        if np.abs(t * step).max() < 1e-8:
            break
    weights = {f: round(float(v), 2) for f, v in zip(free, w[1:], strict=True)}
    weights.update(FIXED)
    return Weights(round(float(w[0]), 2), {f: weights[f] for f in FEATURES})


def _weighing(kind: str, x: np.ndarray) -> np.ndarray:
    """Each row's weight (see WEIGHINGS), scaled to add up to the number of rows."""
    if kind == "patterns":
        _, inv, count = np.unique(x, axis=0, return_inverse=True, return_counts=True)
        rw = count[inv.ravel()] ** -0.5
    else:
        rw = np.ones(len(x))
    return rw * len(rw) / rw.sum()


def _sigmoid(t: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * t))


def _scores(rows: list[Row], w: Weights) -> tuple[list[float], float]:
    """Each break's score with these weights, and the bound under which a score is a near decision (NEAR)."""
    scores = [boundary_score(r[4], w) for r in rows]
    return scores, NEAR * float(np.median(np.abs(scores)))


def outcome(rows: list[Row], w: Weights) -> dict[str, Counter[str]]:
    """Per group (all, source, language): breaks, breaks decided as the truth has them, near decisions,
    documents, and documents whose every labelled break is decided as the truth has it."""
    by: dict[str, Counter[str]] = defaultdict(Counter)
    docs: dict[str, tuple[str, bool]] = {}
    scores, near = _scores(rows, w)
    for (cid, group, _, _, _, y), s in zip(rows, scores, strict=True):
        ok = (s > 0) == y
        g = docs.get(cid, (group, True))
        docs[cid] = (group, g[1] and ok)
        for key in _groups(group):
            by[key]["n"] += 1
            by[key]["ok"] += ok
            by[key]["near"] += abs(s) < near
    for group, ok in docs.values():
        for key in _groups(group):
            by[key]["docs"] += 1
            by[key]["docs_ok"] += ok
    return by


def _groups(group: str) -> tuple[str, str, str]:
    return "all", group.split(":")[0], "lang=" + group.split(":")[1]


def fit(rows: list[Row], log: list[str] | None = None) -> tuple[Weights, str]:
    """The candidate fits (WEIGHINGS × L2S × MARGINS), the best by the documents they decide entirely right;
    each candidate's outcome goes to `log`."""
    free, x, y = _design(rows)
    fits: list[tuple[Counter[str], Weights, str]] = []
    for weighing in WEIGHINGS:
        rw = _weighing(weighing, x)
        for l2 in L2S:
            for margin in MARGINS:
                w = fit_one(x, y, rw, l2, margin, free)
                c = outcome(rows, w)["all"]
                name = f"l2={l2} margin={margin} weighing={weighing}"
                if log is not None:
                    log.append(f"{name}: {_summary(c)}")
                fits.append((c, w, name))
    # the documents decided right first, within TOLERANCE of the best (the truth's errors make the count
    # noisy), then the fewest near decisions, then the most breaks decided right
    top = max(c["docs_ok"] for c, _, _ in fits)
    c, w, name = min(
        (f for f in fits if f[0]["docs_ok"] >= top - TOLERANCE), key=lambda f: (f[0]["near"], -f[0]["ok"])
    )
    return w, name


def _summary(c: Counter[str]) -> str:
    return (
        f"documents {c['docs_ok']}/{c['docs']}, breaks {c['ok'] / c['n']:.4f} of {c['n']}, "
        f"near zero {c['near']}"
    )


def report(rows: list[Row], w: Weights) -> list[str]:
    return [f"{g}: {_summary(c)}" for g, c in sorted(outcome(rows, w).items())]


def write(path: Path, w: Weights, lines: list[str], n_docs: int) -> None:
    out = [
        "# Weights of the boundary decision (clean/join.py: boundary_score): does a line break end a paragraph?",
        "# score = bias + the weights of the features present (see join.Break); positive: a new paragraph starts.",
        "# Fitted by tools/fit_join.py (logistic loss with a margin, L2 penalty; the candidate kept decides the",
        "# most documents right with the fewest near-zero decisions) on the breaks of the development",
        f"# corpus (shared/eval/cases-dev.jsonl, {n_docs} documents), labelled from the UN XML's paragraphs;",
        "# cut, rtl_text, prev_label, cur_list_label and prev_list_label are set by hand (tools/fit_join.py:",
        "# FIXED). Documents whose labelled breaks are all decided as the truth has them, the share of breaks,",
        "# and near-zero decisions, with these weights:",
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
    ap.add_argument(
        "--rows", type=Path, help="keep the labelled breaks here, and read them from here next time"
    )
    args = ap.parse_args()
    cases = [json.loads(x) for x in args.cases.read_text(encoding="utf-8").splitlines() if x.strip()]
    cases = [
        c for c in cases if "paragraphs" in c.get("checks", {}) and (not args.only or args.only in c["id"])
    ]
    if args.rows and args.rows.exists():
        rows = pickle.loads(args.rows.read_bytes())
    else:
        rows = collect(cases, args.root)
        if args.rows:
            args.rows.write_bytes(pickle.dumps(rows))
    shipped = weights()
    log: list[str] = [f"shipped: {_summary(outcome(rows, shipped)['all'])}"]
    w, chosen = fit(rows, log)
    lines = report(rows, w)
    print("\n".join(log))
    print(f"chosen: {chosen}")
    print("\n".join(lines))
    print(f"bias = {w.bias}")
    for k, v in w.weights.items():
        print(f"{k} = {v}")
    if args.out:
        write(args.out, w, [f"fit: {chosen}", *lines], len(cases))
    if args.errors:
        scores, near = _scores(rows, w)
        with args.errors.open("w", encoding="utf-8") as fh:
            for (cid, _, p, c, f, y), s in zip(rows, scores, strict=True):
                if (s > 0) != y or abs(s) < near:
                    on = [n for n in FEATURES if getattr(f, n)]
                    fh.write(
                        f"{cid} truth={'END' if y else 'wrap'} score={s:.2f} {on}\n  | {p[-90:]}\n  | {c[:90]}\n"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
