"""Time per MB on pathological inputs, at two sizes: cost should grow in proportion to size.

usage: python benchmarks/pathological.py [--mb 0.25]

Each input is loaded, segmented and extracted (claimcheck.pipeline.analyse), and
then checked as a draft against a small source, in a fresh process so that peak
memory (max RSS) is its own. A ratio of seconds-per-MB near 1 between the two
sizes means linear cost; well above 1 means something superlinear.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CASES = {
    "many quotation marks": lambda n: '"' * n,
    "unbalanced curly quotes": lambda n: ("“open and never closed " * (n // 23 + 1))[:n],
    "one very long sentence": lambda n: ("and the law was used again " * (n // 27 + 1))[:n],
    "thousands of figures in one line": lambda n: ("12,345 people and 6.7% of 89 arrests, " * (n // 38 + 1))[:n],
    "one long line of prose": lambda n: ("Critics say that at least 10 people were held. " * (n // 47 + 1))[:n],
    "deeply nested html": lambda n: "<div>" * (n // 11) + "x" + "</div>" * (n // 11),
}

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from claimcheck.config import Config
from claimcheck.engine import CheckOptions, findings_for
from claimcheck.load import document_from_text
from claimcheck.pipeline import analyse
text, fmt = sys.stdin.read(), sys.argv[2]
options = Config.default(".").extract_options()
source = analyse(document_from_text("Police held 212 people under the law in 2021, critics said.", "s.txt"), options)
start = time.perf_counter()
draft = analyse(document_from_text(text, "draft." + fmt, fmt), options)
found = list(findings_for(draft, (source,), Config.default("."), CheckOptions()))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "claims": len(draft.claims), "findings": len(found)}))
"""


def measure(text: str, fmt: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), fmt], input=text, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=0.25, help="the smaller size in MB (the larger is twice it)")
    args = ap.parse_args(argv)
    small = int(args.mb * 1_000_000)
    print(f"| input | s/MB at {args.mb:g} MB | s/MB at {2 * args.mb:g} MB | ratio | peak RSS MB | claims |")
    print("|---|---|---|---|---|---|")
    for name, make in CASES.items():
        fmt = "html" if "html" in name else "text"
        a, b = measure(make(small), fmt), measure(make(2 * small), fmt)
        per_a, per_b = a["seconds"] / args.mb, b["seconds"] / (2 * args.mb)
        ratio = per_b / per_a if per_a else float("nan")
        print(f"| {name} | {per_a:.2f} | {per_b:.2f} | {ratio:.2f} | {b['rss_mb']:.0f} | {b['claims']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
