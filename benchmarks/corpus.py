"""A synthetic newsroom archive with known conflicts: the scale benchmark's input.

    python benchmarks/corpus.py N OUTDIR [--seed S]

writes ``OUTDIR/sources/NNNN/NNNNNNN.txt`` (N source documents of a few hundred
words: figures with qualifiers and counted nouns, dates, quotations with named
speakers and "said" cues, named and vague attributions), ``OUTDIR/draft.txt``
(about 2,000 words) and ``OUTDIR/truth.json``: every conflict planted between
the draft and a source (draft text, source path, source text, the rule that
should fire), plus the draft's faithful restatements that should not fire.

Names of places, people and organisations are synthetic and drawn from a
vocabulary that grows with N, so a rare name is really rare. The same N and
seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path


def _listed(words: str) -> tuple[str, ...]:
    return tuple(words.split(" "))


SYLLABLES = _listed(
    "ba be bo bri ca co dra du el en fa fe go gra ha in ka ke kor la len lo ma mi mor na ne "
    "no or pa pe qua ri ro sa se sha ta te tor ul va ve wen ya za zu"
)
ENDINGS = ("vale", "burg", "ton", "ia", "stan", "grad", "mouth", "field", "port", "ville", "", "", "")
FIRST_NAMES = _listed(
    "Amara Bilal Chen Dalia Emeka Farah Goran Hana Ivo Jonas Kemal Lina Mateo Nadia Omar Priya Rafael Sana "
    "Tomas Uma Viktor Wei Yara Zoran Agnes Bruno Celia Dmitri Elif Felix"
)
ORG_KINDS = (
    "Rights Council",
    "Workers Union",
    "Health Ministry",
    "Election Commission",
    "Refugee Agency",
    "Press Association",
    "Water Authority",
    "Legal Aid Centre",
)
TITLES = ("director", "spokesperson", "chair", "secretary general", "lead researcher", "minister")
NOUNS = (
    ("people", "detained"),
    ("protesters", "arrested"),
    ("residents", "displaced"),
    ("workers", "dismissed"),
    ("journalists", "questioned"),
    ("families", "evicted"),
    ("students", "suspended"),
    ("patients", "treated"),
)
EVENTS = (
    "the march on the ministry",
    "the port strike",
    "the curfew",
    "the flood",
    "the election count",
    "the dam protest",
    "the hospital closure",
    "the border dispute",
)
MONTHS = _listed("January February March April May June July August September October November December")
VAGUE = ("Analysts contend that", "Some observers believe", "Critics say", "Rights monitors believe", "Officials fear")
FILLER = (
    "The city council met again on Tuesday to discuss the budget for the coming year.",
    "Residents said the roads near the market were still closed in the afternoon.",
    "The government has not published a full account of the events so far.",
    "Local newspapers reported long queues outside the main bank branches.",
    "Several schools remained shut while inspectors examined the buildings.",
    "Opposition members called for an independent inquiry into the decision.",
    "Prices for bread and fuel rose for the third month in a row.",
    "The weather service warned of heavy rain over the weekend.",
    "A committee is expected to present its findings before the end of the year.",
    "Talks between the unions and employers broke down late on Monday night.",
)
QUOTE_WORDS = _listed(
    "we will not accept silence while families wait for answers about their relatives "
    "the authorities must release everyone held for peaceful protest and end this campaign "
    "our teams documented every case and the evidence points to a deliberate policy "
    "nobody should lose their home because they spoke out against the plan "
    "this is a test of whether the courts can still protect ordinary people"
)


@dataclass(frozen=True, slots=True)
class Plant:
    """One planted pair: what the draft says against what a source says."""

    rule: str  # the rule that should fire; "none" for a faithful restatement
    draft_text: str
    draft_sentence: str
    source: str  # relative to OUTDIR
    source_text: str
    source_sentence: str


class Names:
    """Synthetic proper names, unique, from a vocabulary sized to the corpus."""

    def __init__(self, rng: random.Random, documents: int) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.places = [self.place() for _ in range(max(300, documents))]
        self.people = [self.person() for _ in range(max(300, documents))]
        self.orgs = [self.org() for _ in range(max(100, documents // 3))]

    def word(self) -> str:
        while True:
            parts = self.rng.sample(SYLLABLES, self.rng.choice((2, 3, 3)))
            name = ("".join(parts) + self.rng.choice(ENDINGS)).capitalize()
            if name not in self.used:
                self.used.add(name)
                return name

    def place(self) -> str:
        return self.word()

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.word()}"

    def org(self) -> str:
        return f"the {self.word()} {self.rng.choice(ORG_KINDS)}"


def figure(rng: random.Random) -> int:
    return rng.choice((rng.randint(3, 99), rng.randint(100, 999), rng.randint(1000, 20000)))


def written(n: int) -> str:
    return f"{n:,}"


def day(rng: random.Random) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2024)}"


def quotation(rng: random.Random, names: Names) -> str:
    start = rng.randrange(len(QUOTE_WORDS) - 14)
    words = list(QUOTE_WORDS[start : start + rng.randint(9, 14)])
    words.insert(rng.randrange(1, len(words)), f"in {rng.choice(names.places)}")
    text = " ".join(words)
    return text[0].upper() + text[1:]


def sentence(rng: random.Random, names: Names) -> str:
    """One ordinary source sentence of a random kind."""
    kind = rng.randrange(7)
    place, org, person = rng.choice(names.places), rng.choice(names.orgs), rng.choice(names.people)
    noun, verb = rng.choice(NOUNS)
    if kind == 0:
        qualifier = rng.choice(("", "at least ", "about ", "more than ", "nearly ", "fewer than "))
        return f"{qualifier.capitalize() or ''}{written(figure(rng))} {noun} were {verb} in {place}, {org} said."
    if kind == 1:
        return f"By {day(rng)}, {org} had counted {written(figure(rng))} {noun} {verb} since {rng.choice(EVENTS)}."
    if kind == 2:
        return f'"{quotation(rng, names)}," said {person}, {rng.choice(TITLES)} of {org}.'
    if kind == 3:
        return f"{rng.choice(VAGUE)} {rng.choice(EVENTS)} in {place} was handled badly."
    if kind == 4:
        return f"{org[0].upper()}{org[1:]} said {rng.randint(2, 95)}% of {noun} in {place} had been {verb}."
    if kind == 5:
        return f"{person} told reporters in {place} on {day(rng)} that talks would resume."
    return rng.choice(FILLER)


def draft_filler(rng: random.Random, names: Names) -> str:
    """A draft sentence that restates nothing: vague claims, comings and goings, background."""
    kind = rng.randrange(4)
    if kind == 0:
        return f"{rng.choice(VAGUE)} {rng.choice(EVENTS)} in {rng.choice(names.places)} was handled badly."
    if kind == 1:
        return f"{rng.choice(names.people)} travelled to {rng.choice(names.places)} to meet local officials."
    return rng.choice(FILLER)


def document(rng: random.Random, names: Names) -> list[str]:
    return [sentence(rng, names) for _ in range(rng.randint(16, 26))]


# --- planted pairs ---------------------------------------------------------


def number_pair(rng: random.Random, names: Names) -> tuple[str, str, str, str, str]:
    """(source sentence, source figure text, draft sentence, draft figure text, rule)."""
    noun, verb = rng.choice(NOUNS)
    place, event, org = rng.choice(names.places), rng.choice(EVENTS), rng.choice(names.orgs)
    value = rng.randint(40, 900)
    source_figure = f"{written(value)} {noun}"
    source = f"{written(value)} {noun} were {verb} in {place} during {event}, {org} said."
    if rng.random() < 0.7:
        qualifier = rng.choice(("at least", "more than", "over"))
        draft_figure = f"{qualifier} {written(value * rng.randint(4, 30))} {noun}"
    else:
        draft_figure = f"fewer than {written(max(2, value // rng.randint(3, 9)))} {noun}"
    draft = f"{draft_figure[0].upper()}{draft_figure[1:]} were {verb} in {place} during {event}, {org} said."
    return source, source_figure, draft, draft_figure, "number-conflict"


def faithful_number(rng: random.Random, names: Names) -> tuple[str, str, str, str, str]:
    noun, verb = rng.choice(NOUNS)
    place, event, org = rng.choice(names.places), rng.choice(EVENTS), rng.choice(names.orgs)
    value = rng.randint(40, 900)
    text = f"{written(value)} {noun}"
    source = f"{text} were {verb} in {place} during {event}, {org} said."
    draft = f"According to {org}, {text} were {verb} in {place} during {event}."
    return source, text, draft, text, "none"


def date_pair(rng: random.Random, names: Names) -> tuple[str, str, str, str, str]:
    place, org = rng.choice(names.places), rng.choice(names.orgs)
    year = rng.randint(2016, 2023)
    first, second = rng.sample(MONTHS, 2)
    source_day, draft_day = f"{rng.randint(1, 28)} {first} {year}", f"{rng.randint(1, 28)} {second} {year}"
    source = f"The {place} water plant was closed on {source_day}, {org} said."
    draft = f"The {place} water plant was closed on {draft_day}, {org} said."
    return source, source_day, draft, draft_day, "date-conflict"


def quote_pair(rng: random.Random, names: Names, misattribute: bool) -> tuple[str, str, str, str, str]:
    words = quotation(rng, names).split()
    speaker, other = rng.sample(names.people, 2)
    org = rng.choice(names.orgs)
    source_quote = " ".join(words)
    source = f'"{source_quote}," said {speaker}, {rng.choice(TITLES)} of {org}.'
    if misattribute:
        draft = f'"{source_quote}," said {other}.'
        return source, source_quote, draft, source_quote, "quote-misattributed"
    changed = list(words)
    i = rng.randrange(1, len(changed))
    changed[i] = rng.choice(("never", "always", "quietly", "entirely", "soon"))
    draft_quote = " ".join(changed)
    draft = f'"{draft_quote}," said {speaker}.'
    return source, source_quote, draft, draft_quote, "quote-mismatch"


def plants(rng: random.Random, names: Names) -> list[tuple[str, str, str, str, str]]:
    made = [number_pair(rng, names) for _ in range(12)]
    made += [date_pair(rng, names) for _ in range(3)]
    made += [quote_pair(rng, names, misattribute=False) for _ in range(5)]
    made += [quote_pair(rng, names, misattribute=True) for _ in range(5)]
    made += [faithful_number(rng, names) for _ in range(10)]
    rng.shuffle(made)
    return made


# --- writing ----------------------------------------------------------------


def source_path(i: int) -> str:
    return f"sources/{i // 1000:04d}/{i:07d}.txt"


def paragraphs(sentences: list[str], rng: random.Random) -> str:
    out, para = [], []
    for s in sentences:
        para.append(s)
        if len(para) >= rng.randint(2, 5):
            out.append(" ".join(para))
            para = []
    if para:
        out.append(" ".join(para))
    return "\n\n".join(out) + "\n"


def generate(documents: int, outdir: Path, seed: int = 1) -> list[Plant]:
    """Write the corpus; return what was planted."""
    rng = random.Random(seed)
    names = Names(rng, documents)
    pairs = plants(rng, names)
    homes = [rng.randrange(documents) for _ in pairs]
    by_home: dict[int, list[int]] = {}
    for p, home in enumerate(homes):
        by_home.setdefault(home, []).append(p)
    written_plants: list[Plant] = []
    for i in range(documents):
        sentences = document(rng, names)
        for p in by_home.get(i, []):
            sentences.insert(rng.randrange(len(sentences) + 1), pairs[p][0])
        path = outdir / source_path(i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{names.places[i % len(names.places)]} report {i}\n\n" + paragraphs(sentences, rng), "utf-8")
    draft: list[str] = []
    for p, (source, source_text, draft_sentence, draft_text, rule) in enumerate(pairs):
        draft += [draft_filler(rng, names) for _ in range(rng.randint(1, 3))] + [draft_sentence]
        written_plants.append(Plant(rule, draft_text, draft_sentence, source_path(homes[p]), source_text, source))
    while sum(len(s.split()) for s in draft) < 2000:
        draft.append(draft_filler(rng, names))
    (outdir / "draft.txt").write_text("Draft: the year in review\n\n" + paragraphs(draft, rng), "utf-8")
    truth = {
        "documents": documents,
        "seed": seed,
        "draft": "draft.txt",
        "plants": [asdict(p) for p in written_plants],
    }
    (outdir / "truth.json").write_text(json.dumps(truth, indent=1, sort_keys=True) + "\n", "utf-8")
    return written_plants


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("documents", type=int, help="how many source documents")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.documents < 1:
        parser.error("N must be at least 1")
    planted = generate(args.documents, args.outdir, args.seed)
    conflicts = sum(p.rule != "none" for p in planted)
    print(f"{args.documents} sources, a draft and {conflicts} planted conflicts in {args.outdir}")


if __name__ == "__main__":
    main()
