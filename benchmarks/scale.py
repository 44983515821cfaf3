"""The archive-scale benchmark: one draft against 100 to 100,000 synthetic sources.

    python benchmarks/scale.py [--big] [--sizes 100,1000] [--seed 1] [--workers K]

For each N it generates the corpus (benchmarks/corpus.py; cached under
benchmarks/.data/), then, each step in a fresh process so memory figures are
its own:

- index build: every source read, segmented, extracted and stored (time, MB/s);
- cold check: a new process checking the draft against the built index
  (interpreter start, imports, hashing, reading the index, the rules);
- warm check: the same check again in that process (best of 2), its peak
  memory (ru_maxrss), and the share of planted conflicts it reports;
- exhaustive check (up to --exhaustive-up-to sources): the same check with
  every source aligned, no index narrowing; its time, and the share of its
  warning and error findings the narrowed check also reports (finding recall:
  what "speed must not cost matches" asks);
- brute force: every draft sentence scored against every source sentence with
  rapidfuzz (``process.cdist``, ``fuzz.token_set_ratio``, all cores), as a ratio
  to the warm check; and how many of the pairs it scores at or above 80 the
  index's ``candidates`` (limit 200) also returns.

It prints a Markdown table, and ``claimcheck --version`` time (best of 5).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / ".data"
sys.path.insert(0, str(ROOT))  # run from a fresh clone without installing
sys.path.insert(0, str(ROOT / "benchmarks"))

import machine  # noqa: E402  (benchmarks/machine.py)

from claimcheck.model import DocMeta, ExtractOptions  # noqa: E402  (importable only once ROOT is on the path)

PAIR_SCORE = 80  # a brute-force pair "worth reporting": token_set_ratio at or above this
CANDIDATES = 200  # what the index returns per draft sentence


def corpus(n: int, seed: int) -> Path:
    """The corpus for N sources, generated once and kept (a marker file says it is whole)."""
    import corpus as generator

    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / ".gitignore").write_text("*\n", encoding="utf-8")
    folder = DATA / f"corpus-{n}-seed{seed}"
    if not (folder / "complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        generator.generate(n, folder, seed)
        (folder / "complete").write_text("", encoding="utf-8")
    return folder


def sources_of(folder: Path) -> list[Path]:
    return sorted((folder / "sources").rglob("*.txt"))


def child(step: str, n: int, seed: int, workers: int, exhaustive_up_to: int = 0) -> dict:
    """Run one step in a fresh process; its JSON answer, with the wall time seen from outside."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, __file__, "--step", step, "--sizes", str(n), "--seed", str(seed)]
    command += ["--exhaustive-up-to", str(exhaustive_up_to)]
    started = time.perf_counter()
    done = subprocess.run([*command, "--workers", str(workers)], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    if done.returncode:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:120], "wall": wall}
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return {**answer, "wall": wall, "started": started}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# --- steps, each run in its own process ------------------------------------


def step_build(folder: Path, workers: int) -> dict:
    from claimcheck.index import open_index
    from claimcheck.index.build import indexed

    cache = folder / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    options, metas = engine_keys(folder, len(sources_of(folder)))
    paths = sources_of(folder)
    size = sum(p.stat().st_size for p in paths)
    index, _ = open_index(cache)
    started = time.perf_counter()
    keys, warnings = indexed(paths, [None] * len(paths), metas, options, index, workers=workers)
    seconds = time.perf_counter() - started
    index.close()
    return {
        "build_s": seconds,
        "mb": size / 1e6,
        "mb_s": size / 1e6 / seconds,
        "stored": sum(1 for k in keys if k),
        "warnings": len(warnings),
        "cache_mb": (cache / "index.sqlite3").stat().st_size / 1e6,
        "build_peak_mb": peak_mb(),
    }


def engine_keys(folder: Path, count: int) -> tuple[ExtractOptions, list[DocMeta]]:
    """The options and metadata the engine extracts sources with, so the check reuses the build."""
    from claimcheck.config import Config

    return Config.default(folder).extract_options(), [DocMeta(role="source")] * count


def check_once(folder: Path):
    """One check of the draft against the sources, with the built cache."""
    from claimcheck.config import Config
    from claimcheck.engine import CheckOptions, check

    config = Config.default(folder)
    return check(config, [folder / "draft.txt"], [folder / "sources"], CheckOptions(cache_dir=folder / "cache"))


def step_check(folder: Path, exhaustive_up_to: int) -> dict:
    first = check_once(folder)
    cold_end = time.perf_counter()
    warm = []
    for _ in range(2):
        started = time.perf_counter()
        result = check_once(folder)
        warm.append(time.perf_counter() - started)
    answer = {
        "cold_end": cold_end,
        "warm_s": min(warm),
        "peak_mb": peak_mb(),
        "found": share_found(folder, result),
        "same": [f.fingerprint for f in first.findings] == [f.fingerprint for f in result.findings],
    }
    if len(sources_of(folder)) <= exhaustive_up_to:
        answer.update(exhaustive(folder, result))
    return answer


def exhaustive(folder: Path, narrowed) -> dict:
    """The same check with every source aligned (no index narrowing): its time, and the share of its
    warning and error findings (rule, draft span, first evidence file) that the narrowed check also reports."""
    from claimcheck import engine

    engine.ARCHIVE_FROM = 10**9
    started = time.perf_counter()
    full = check_once(folder)
    seconds = time.perf_counter() - started

    def keys(result) -> set:
        return {
            (f.rule, f.span.start, f.span.end, min((e.path for e in f.evidence), default=""))
            for f in result.findings
            if f.level != "info"
        }

    wanted = keys(full)
    return {"exhaustive_s": seconds, "finding_recall": len(wanted & keys(narrowed)) / len(wanted) if wanted else 1.0}


def share_found(folder: Path, result) -> float:
    """The share of planted conflicts the check reports (rule, draft span and source all right)."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    draft = (folder / "draft.txt").read_text(encoding="utf-8")
    conflicts = [p for p in truth["plants"] if p["rule"] != "none"]
    hits = 0
    for plant in conflicts:
        start = draft.index(plant["draft_sentence"])
        end = start + len(plant["draft_sentence"])
        hits += any(
            f.rule == plant["rule"]
            and start <= f.span.start < end
            and any(e.path.replace(os.sep, "/").endswith(plant["source"]) for e in f.evidence)
            for f in result.findings
        )
    return hits / max(1, len(conflicts))


def step_brute(folder: Path) -> dict:
    """Score every draft sentence against every source sentence; and what the index finds of those pairs."""
    from rapidfuzz import fuzz, process

    from claimcheck.index import open_index, sentence_terms
    from claimcheck.index.build import key_of
    from claimcheck.model import ExtractOptions, NumberClaim
    from claimcheck.pipeline import analyse_path

    index, _ = open_index(folder / "cache")
    pairs_of: list[tuple[str, int]] = []
    texts: list[str] = []
    for path in sources_of(folder):
        analysis = index.load(key_of(path))
        for s in analysis.sentences if analysis else ():
            pairs_of.append((key_of(path), s.index))
            texts.append(s.text)
    draft = analyse_path(folder / "draft.txt", ExtractOptions())
    queries = [s.text for s in draft.sentences]
    started = time.perf_counter()
    reported: set[tuple[int, int]] = set()
    for chunk in range(0, len(texts), 20000):
        scores = process.cdist(queries, texts[chunk : chunk + 20000], scorer=fuzz.token_set_ratio, workers=-1)
        for i, j in zip(*(scores >= PAIR_SCORE).nonzero(), strict=True):
            reported.add((int(i), chunk + int(j)))
    brute = time.perf_counter() - started
    started = time.perf_counter()
    found: set[tuple[int, tuple[str, int]]] = set()
    for s in draft.sentences:
        figures = [c.value for c in draft.claims if isinstance(c, NumberClaim) and c.sentence == s.index]
        for hit in index.candidates(sentence_terms(s.text), figures, CANDIDATES):
            found.add((s.index, hit))
    lookup = time.perf_counter() - started
    kept = sum((i, pairs_of[j]) in found for i, j in reported)
    index.close()
    return {
        "brute_s": brute,
        "pairs": len(reported),
        "recall": kept / max(1, len(reported)),
        "lookup_s": lookup,
        "sentences": len(texts),
    }


# --- the table --------------------------------------------------------------


def version_time() -> float:
    """`claimcheck --version`, best of 5, in a fresh process each time."""
    script = shutil.which("claimcheck", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-c", "from claimcheck.cli import main; main()"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([*command, "--version"], capture_output=True, env=env, check=False)
        best = min(best, time.perf_counter() - started)
    return best


def fmt(value, pattern: str = "{:.2f}") -> str:
    return "n/a" if value is None else pattern.format(value)


def row(n: int, seed: int, workers: int, exhaustive_up_to: int) -> str:
    folder = corpus(n, seed)
    build = child("build", n, seed, workers)
    check = child("check", n, seed, workers, exhaustive_up_to) if "error" not in build else {"error": "no index"}
    brute = child("brute", n, seed, workers) if "error" not in build else {"error": "no index"}
    cold = check["cold_end"] - check["started"] if "cold_end" in check else None
    warm = check.get("warm_s")
    ratio = brute["brute_s"] / warm if warm and "brute_s" in brute else None
    errors = "; ".join(
        f"{k}: {v['error']}" for k, v in (("build", build), ("check", check), ("brute", brute)) if "error" in v
    )
    del folder
    return (
        f"| {n:,} | {fmt(build.get('build_s'))} | {fmt(build.get('mb_s'))} | {fmt(cold)} | {fmt(warm)} "
        f"| {fmt(check.get('peak_mb'), '{:.0f}')} | {fmt(check.get('found'), '{:.0%}')} "
        f"| {fmt(check.get('exhaustive_s'))} | {fmt(check.get('finding_recall'), '{:.1%}')} "
        f"| {fmt(brute.get('brute_s'))} | {fmt(ratio, '{:.1f}×')} | {fmt(brute.get('recall'), '{:.1%}')} "
        f"| {fmt(brute.get('lookup_s'), '{:.3f}')} | {errors} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", action="store_true", help="also N = 100,000")
    parser.add_argument("--sizes", help="comma-separated N, instead of 100,1000,10000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for the index build")
    parser.add_argument(
        "--exhaustive-up-to",
        type=int,
        default=1000,
        help="also run the check with every source aligned, up to this many sources (default 1000)",
    )
    parser.add_argument("--step", choices=("build", "check", "brute"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [100, 1000, 10000] + ([100000] * args.big)
    if args.step:
        folder = corpus(sizes[0], args.seed)
        steps = {
            "build": lambda: step_build(folder, args.workers),
            "check": lambda: step_check(folder, args.exhaustive_up_to),
        }
        answer = steps.get(args.step, lambda: step_brute(folder))()
        print(json.dumps(answer))
        return
    print(f"machine: {machine.description()}")
    print(f"`claimcheck --version`: {version_time():.3f} s (best of 5)\n")
    print(
        "| sources | index build s | MB/s | cold check s | warm check s | peak MB | planted found "
        "| exhaustive check s | finding recall | brute force s | brute/warm | pair recall | index lookup s | problems |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for n in sizes:
        print(row(n, args.seed, args.workers, args.exhaustive_up_to), flush=True)


if __name__ == "__main__":
    main()
