"""Extraction throughput: MB/s of each extractor and of the whole per-document pipeline.

    python benchmarks/extraction.py [--mb 3] [--seed 1] [--repeat 1]

Generates a deterministic corpus of news-like articles (a few KB each, varied
sentence templates: figures with qualifiers, dates, quotations with named
speakers and reporting verbs before or after them, multi-paragraph quotations,
scare quotes, pronoun and "the group" back-references, document and vague
attributions), then times, over the whole corpus, one core (CPU time):

- load+segment: ``document_from_text`` and ``segment.sentences``;
- numbers, dates, quotes, attribution, entities: each extractor alone, on the
  documents and sentences made once beforehand (attribution takes the entity
  index made beforehand; quotes are timed with no shared per-document result);
- pipeline: ``claimcheck.pipeline.analyse`` on each Document;
- first use: compiling the extractors' patterns, in a fresh interpreter.

It prints a Markdown table. The same --mb and --seed always give the same text.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a fresh clone without installing
sys.path.insert(0, str(ROOT / "benchmarks"))


def _listed(words: str) -> tuple[str, ...]:
    return tuple(words.split(" "))


FIRST = _listed("Amara Bilal Chen Dalia Emeka Farah Goran Hana Ivo Jonas Kemal Lina Mateo Nadia Omar Priya Sana Wei")
SYLLABLES = _listed(
    "ba be bo bri ca co dra du el en fa fe go gra ha in ka ke kor la len lo ma mi mor na ne no pa ri sa ta"
)
ORG_KINDS = ("Rights Council", "Workers Union", "Health Ministry", "Election Commission", "Refugee Agency", "Watch")
TITLES = ("director", "spokesperson", "chair", "secretary general", "senior researcher", "minister")
NOUNS = (("people", "detained"), ("protesters", "arrested"), ("residents", "displaced"), ("workers", "dismissed"))
MONTHS = _listed("January February March April May June July August September October November December")
SPEECH = ("said", "told reporters", "added", "argued", "warned", "noted", "explained", "insisted", "stated")
VAGUE = (
    "Analysts contend that",
    "Some observers believe",
    "Critics say",
    "Rights monitors believe",
    "It is widely believed that",
    "According to sources,",
    "Many experts fear that",
)
DOCS = ("report", "study", "survey", "analysis", "briefing")
QUOTE = _listed(
    "we will not accept silence while families wait for answers about their relatives and the authorities must "
    "release everyone held for peaceful protest our teams documented every case and the evidence points to a "
    "deliberate policy nobody should lose their home because they spoke out this is a test of the courts"
)
FILLER = (
    "The city council met again on Tuesday to discuss the budget for the coming year.",
    "Residents said the roads near the market were still closed in the afternoon.",
    "Prices for bread and fuel rose for the third month in a row.",
    "Several schools remained shut while inspectors examined the buildings.",
    "The weather service warned of heavy rain over the weekend, and ferries were cancelled.",
)
# Narrative sentences with no checkable claim, which make up most of a real news story.
SUBJECTS = (
    "The decision",
    "The new rule",
    "The crackdown",
    "The dispute",
    "The move",
    "Pressure from abroad",
    "The verdict",
    "The closure",
    "Public anger",
    "The inquiry",
)
VERBS = (
    "has unsettled",
    "has divided",
    "has alarmed",
    "has emboldened",
    "has frustrated",
    "has reshaped",
    "continues to worry",
    "has drawn criticism from",
    "has left uncertain",
    "has tested",
)
OBJECTS = (
    "civil society groups",
    "local businesses",
    "diplomats",
    "families of those detained",
    "opposition figures",
    "foreign investors",
    "teachers and students",
    "independent journalists",
    "trade unions",
    "lawyers",
)
TAILS = (
    "who fear further restrictions",
    "across the region",
    "in the weeks since",
    "as the courts deliberate",
    "while officials stay silent",
    "amid calls for restraint",
    "and raised questions about the future",
    "despite repeated assurances",
    "at a delicate moment",
    "with no end in sight",
)


class Writer:
    """Synthetic names and sentences, all drawn from one seeded generator."""

    def __init__(self, seed: int, claim_share: float = 1.0) -> None:
        self.rng = random.Random(seed)
        self.claim_share = claim_share
        self.places = [self.word() for _ in range(200)]
        self.people = [f"{self.rng.choice(FIRST)} {self.word()}" for _ in range(200)]
        self.orgs = [f"{self.word()} {self.rng.choice(ORG_KINDS)}" for _ in range(60)]

    def word(self) -> str:
        return "".join(self.rng.sample(SYLLABLES, self.rng.choice((2, 3)))).capitalize()

    def figure(self) -> str:
        r = self.rng
        n = r.choice((r.randint(3, 99), r.randint(100, 999), r.randint(1000, 90000)))
        return r.choice((f"{n:,}", f"{n}", f"{r.randint(2, 95)}%", f"{r.randint(2, 40)}.{r.randint(1, 9)} million"))

    def day(self) -> str:
        r = self.rng
        return r.choice(
            (
                f"{r.randint(1, 28)} {r.choice(MONTHS)} {r.randint(2015, 2024)}",
                f"{r.choice(MONTHS)} {r.randint(2015, 2024)}",
            )
        )

    def quote(self, low: int = 6, high: int = 18) -> str:
        start = self.rng.randrange(len(QUOTE) - high)
        text = " ".join(QUOTE[start : start + self.rng.randint(low, high)])
        return text[0].upper() + text[1:]

    def narrative(self) -> str:
        r = self.rng
        place = r.choice(self.places)
        return f"{r.choice(SUBJECTS)} in {place} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}."

    def sentence(self, state: dict) -> str:
        r = self.rng
        if r.random() >= self.claim_share:
            return self.narrative()
        place, org, person = r.choice(self.places), r.choice(self.orgs), r.choice(self.people)
        state["person"] = person
        noun, verb = r.choice(NOUNS)
        kind = r.randrange(12)
        if kind == 0:
            q = r.choice(("", "at least ", "about ", "more than ", "nearly ", "fewer than "))
            return f"{q.capitalize()}{self.figure()} {noun} were {verb} in {place}, the {org} said on {self.day()}."
        if kind == 1:
            return f"“{self.quote()},” {r.choice(SPEECH)} {person}, {r.choice(TITLES)} of the {org}."
        if kind == 2:
            return f"{person}, {r.choice(TITLES)} at the {org}, said: “{self.quote()}.”"
        if kind == 3:
            return f"{r.choice(VAGUE)} the number of {noun} in {place} was closer to {self.figure()}."
        if kind == 4:
            doc = r.choice(DOCS)
            found = f"found that {self.figure()} of {noun} were {verb}"
            return f"The {org}'s latest {doc}, published in {self.day()}, {found}."
        if kind == 5:
            return (
                f"She added that the {r.choice(DOCS)} showed {self.figure()} {noun} had been {verb} since {self.day()}."
            )
        if kind == 6:
            return f"The group also called the measures “{self.quote(2, 4)}” and urged an inquiry."
        if kind == 7:
            return f'"{self.quote()}," {person} told the "{self.word()} Daily" in {place}.'
        if kind == 8:
            return (
                f"According to the {org}, {self.figure()} {noun} remain in custody and {self.figure()} were released."
            )
        if kind == 9:
            return f"In {self.day()}, officials in {place} said the rock 'n' roll festival drew {self.figure()} people."
        if kind == 10:
            return f"Secretary General {person} told reporters on {self.day()} that talks with the {org} would resume."
        return r.choice(FILLER)

    def article(self, target: int) -> str:
        state: dict = {}
        paragraphs = [f"{self.rng.choice(self.places)} report, {self.day()}"]
        size = 0
        while size < target:
            if self.rng.random() < 0.08:  # a quotation over two paragraphs, the first left open
                para = f"“{self.quote()}.\n\n“{self.quote()},” said {self.rng.choice(self.people)}."
            else:
                para = " ".join(self.sentence(state) for _ in range(self.rng.randint(1, 5)))
            paragraphs.append(para)
            size += len(para) + 2
        return "\n\n".join(paragraphs) + "\n"


def corpus(mb: float, seed: int, claim_share: float = 1.0) -> list[str]:
    writer = Writer(seed, claim_share)
    texts, total = [], 0
    while total < mb * 1_000_000:
        text = writer.article(writer.rng.randint(2_000, 9_000))
        texts.append(text)
        total += len(text.encode("utf-8"))
    return texts


def figure_density(texts, numbers, segment, document_from_text, options) -> float:
    """Figures per 1,000 characters, as the figure extractor finds them."""
    found = chars = 0
    for text in texts:
        document = document_from_text(text, fmt="text")
        found += len(numbers.extract(document, segment.sentences(document), options))
        chars += len(text)
    return 1000 * found / max(1, chars)


FIRST_USE = """
import time
t = time.process_time()
from claimcheck.load import document_from_text
from claimcheck.model import ExtractOptions
from claimcheck.pipeline import analyse
imported = time.process_time() - t
t = time.process_time()
text = "Ann Lee said: \\u201cYes.\\u201d Critics say 3 people left on 2 May 2020."
analyse(document_from_text(text, fmt="text"), ExtractOptions())
print(imported, time.process_time() - t)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=3.0, help="corpus size in MB (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="best of N timings per row")
    parser.add_argument(
        "--claim-share",
        type=float,
        default=0.2,
        help="share of sentences drawn from the claim-bearing templates; the rest are narrative (default 0.2, "
        "close to the figure density of the bundled real news documents; 1.0 for the dense stress corpus)",
    )
    args = parser.parse_args()

    first_use = subprocess.run(
        [sys.executable, "-c", FIRST_USE], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()

    import machine

    from claimcheck import pipeline, segment
    from claimcheck.extract import attribution, dates, entities, numbers, quotes
    from claimcheck.load import document_from_text
    from claimcheck.model import ExtractOptions

    texts = corpus(args.mb, args.seed, args.claim_share)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    options = o = ExtractOptions()
    density = figure_density(texts, numbers, segment, document_from_text, options)
    seeds = sorted((ROOT / "sources").glob("*.txt"))
    seed_density = (
        figure_density([p.read_text(encoding="utf-8") for p in seeds], numbers, segment, document_from_text, options)
        if seeds
        else None
    )
    documents = [document_from_text(t, fmt="text") for t in texts[:1]]  # warm the patterns up
    pipeline.analyse(documents[0], options)

    def best(run) -> float:
        times = []
        for _ in range(args.repeat):
            t = time.process_time()
            run()
            times.append(time.process_time() - t)
        return min(times)

    rows: list[tuple[str, float]] = []
    made: dict = {}
    ticks = machine.cpu_ticks()

    def load_and_segment() -> None:
        made["docs"] = [document_from_text(t, fmt="text") for t in texts]
        made["sentences"] = [segment.sentences(d) for d in made["docs"]]

    rows.append(("load+segment", best(load_and_segment)))
    pairs = list(zip(made["docs"], made["sentences"], strict=True))
    rows.append(("numbers", best(lambda: [numbers.extract(d, s, options) for d, s in pairs])))
    rows.append(("dates", best(lambda: [dates.extract(d, s, options) for d, s in pairs])))

    def find_entities() -> None:
        made["known"] = [entities.entities_in(d, s, options) for d, s in pairs]

    rows.append(("entities", best(find_entities)))
    triples = [(d, s, k) for (d, s), k in zip(pairs, made["known"], strict=True)]

    def fresh_quotes() -> None:
        for d, s, k in triples:
            quotes.extract(d, s, replace(options), k)  # a new options object: no shared per-document result

    rows.append(("quotes", best(fresh_quotes)))
    rows.append(("attribution", best(lambda: [attribution.attributions(d, s, replace(o), k) for d, s, k in triples])))
    rows.append(("pipeline (analyse)", best(lambda: [pipeline.analyse(d, options) for d in made["docs"]])))

    stolen = machine.stolen_share(ticks, machine.cpu_ticks())
    print(f"machine: {machine.description()}")
    print(
        f"while timing: load average {os.getloadavg()[0]:.2f}"
        + (f", CPU taken by the host (steal) {100 * stolen:.1f}%" if stolen is not None else "")
    )
    print(f"corpus: {len(texts)} articles, {size:.2f} MB, seed {args.seed}, claim share {args.claim_share:g}")
    print(
        f"figures per 1,000 characters: corpus {density:.2f}"
        + (f", the bundled real news documents {seed_density:.2f}" if seed_density is not None else "")
        + "\n"
    )
    print("| step | seconds | MB/s |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {size / seconds:.2f} |")
    if len(first_use) == 2:
        imported, analysed = (float(x) for x in first_use)
        print(f"\nfirst use, fresh interpreter: imports {imported:.2f} s, first analyse {analysed:.2f} s (CPU)")


if __name__ == "__main__":
    main()
