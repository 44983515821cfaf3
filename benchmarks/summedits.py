"""Accuracy on SummEdits (numeric subset): does the checker tell a conflicting figure from a faithful one?

usage: python benchmarks/summedits.py [--data FILE] [--show N]

Each row's `doc` is the only source and its `claim` the draft, checked
in-process exactly as `claimcheck check` would. A row counts as flagged when the
draft gets a number-conflict or date-conflict, or an unsupported-claim on a
figure or date. Prints balanced accuracy (mean of recall on numeric_conflict and
specificity on consistent_numeric) overall and per domain, and the flag rate on
other_inconsistent, and recall split by whether the edit put a new number into the summary (a figure
checker can only see those). The last line reads `balanced accuracy: overall 0.NNN, news 0.NNN`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimcheck.config import Config  # noqa: E402
from claimcheck.engine import CheckOptions, findings_for  # noqa: E402
from claimcheck.errors import ClaimcheckError  # noqa: E402
from claimcheck.load import document_from_text  # noqa: E402
from claimcheck.model import DocMeta  # noqa: E402
from claimcheck.pipeline import analyse  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "benchmarks" / "summedits-numeric" / "dev.jsonl"
FLAGGING = {"number-conflict", "date-conflict"}


def flagged(doc: str, claim: str, config: Config) -> tuple[bool, list[str]]:
    """Does the check flag this summary, and why."""
    options = config.extract_options()
    try:
        source = analyse(document_from_text(doc, "doc.txt", meta=DocMeta(role="source")), options)
        draft = analyse(document_from_text(claim, "claim.txt", meta=DocMeta(role="draft")), options)
    except ClaimcheckError:
        return False, []
    run = CheckOptions(select=("number-conflict", "date-conflict", "unsupported-claim"))
    why = []
    for finding in findings_for(draft, (source,), config, run):
        on_figure = finding.rule == "unsupported-claim" and "quotation" not in finding.message
        if finding.rule in FLAGGING or on_figure:
            why.append(f"{finding.rule}: {finding.message}")
    return bool(why), why


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--show", type=int, default=0, help="print this many misjudged rows of each kind")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    config = Config.default(ROOT)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # (domain, subset) -> [flagged, total]
    misses: dict[str, list[str]] = defaultdict(list)
    by_edit: dict[bool, list[int]] = defaultdict(lambda: [0, 0])  # new number in the summary? -> [flagged, total]
    started = time.perf_counter()
    for row in rows:
        hit, why = flagged(row["doc"], row["claim"], config)
        for domain in (row["domain"], "overall"):
            cell = counts[(domain, row["subset"])]
            cell[0] += hit
            cell[1] += 1
        if row["subset"] == "numeric_conflict":
            cell = by_edit[introduces_number(row)]
            cell[0] += hit
            cell[1] += 1
        wrong = (row["subset"] == "numeric_conflict" and not hit) or (row["subset"] == "consistent_numeric" and hit)
        if wrong and len(misses[row["subset"]]) < args.show:
            misses[row["subset"]].append(f"{row['id']}: {row['claim']}\n    changed {row['changed_tokens']}; {why}")
    seconds = time.perf_counter() - started
    for subset, lines in misses.items():
        print(f"\nmisjudged {subset}:")
        print("\n".join(lines))
    domains = [*sorted({d for d, _ in counts} - {"overall"}), "overall"]
    print(f"\n{len(rows)} rows in {seconds:.1f} s\n")
    print("| domain | recall (conflict) | specificity (consistent) | balanced accuracy | other_inconsistent flagged |")
    print("|---|---|---|---|---|")
    scores = {}
    for domain in domains:
        scores[domain] = balanced(counts, domain)
        hit, total = counts[(domain, "other_inconsistent")]
        rate = f"{hit / total:.3f}" if total else "-"
        recall, spec, bal = scores[domain]
        print(f"| {domain} | {recall} | {spec} | {bal} | {rate} |")
    print("\nrecall on numeric_conflict by what the edit did to the summary's numbers:")
    for new, label in ((True, "put a number in that the original lacked"), (False, "removed or kept its numbers")):
        hit, total = by_edit[new]
        print(f"- {label}: {hit}/{total} flagged ({hit / max(1, total):.3f})")
    print(f"\nbalanced accuracy: overall {scores['overall'][2]}, news {scores.get('news', ('', '', 'n/a'))[2]}")
    return 0


def introduces_number(row: dict) -> bool:
    """Did the edit put into the summary a changed token (a figure, date or number word) that the original
    summary did not have? Where it did not, the edit deleted a figure or changed something else, and no
    figure in the summary is wrong."""

    def says(token: str, text: str) -> bool:
        return re.search(rf"(?<![\w.]){re.escape(token)}(?![\w])", text, re.I) is not None

    return any(says(t, row["claim"]) and not says(t, row["original"]) for t in row["changed_tokens"])


def balanced(counts, domain: str) -> tuple[str, str, str]:
    hit, total = counts[(domain, "numeric_conflict")]
    fp, negatives = counts[(domain, "consistent_numeric")]
    recall = hit / total if total else None
    spec = 1 - fp / negatives if negatives else None
    parts = [x for x in (recall, spec) if x is not None]
    bal = sum(parts) / len(parts) if parts else None

    def f(x: float | None) -> str:
        return "-" if x is None else f"{x:.3f}"

    return f(recall), f(spec), f(bal)


if __name__ == "__main__":
    sys.exit(main())
