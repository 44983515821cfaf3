"""For each draft claim, the candidate evidence in the sources, scored 0..1.

Scorers, chosen for the job (never rapidfuzz's WRatio default):

- figures and dates: what they count or date is a *set* of content words, so
  they are compared as weighted sets: each word weighs its inverse document
  frequency over the source sentences (rare words say more about a measure than
  "law" or "Hong Kong" do), words match exactly or through a declared measure
  group, and inflections the crude lemma misses match by ``fuzz.ratio`` >= 85;
- quotations: the quoted words are looked for *inside* source quotations and
  sentences, so ``fuzz.partial_ratio_alignment`` on normalised text, which also
  gives where in the source the words sit;
- paraphrase: F2 of the weighted share of a source sentence's content words that
  a draft sentence reuses and the share of the draft sentence drawn from it,
  plus the longest run of words they share in order.

Words are compared by their Snowball stem (or the key of a declared measure
group), so "operating" meets "operate" and "detained" meets "arrests".
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from .extract.words import content_words, lemma
from .lexicons import lexicon
from .model import Analysis, Claim, DateClaim, Interval, NumberClaim, QuoteClaim, Sentence, Span

WORD_FUZZ = 85  # fuzz.ratio at which two word forms count as the same word ("whomever"/"whomsoever")


@cache
def _stem(word: str) -> str:
    """Snowball's English stem ("operating" and "operate" → "oper"), cached: vocabularies are small."""
    return _stemmer().stemWord(word)


@cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@dataclass(frozen=True, slots=True)
class Match:
    """One piece of candidate evidence for a draft claim."""

    source: Analysis
    sentence: Sentence
    span: Span  # the evidence itself, into the source's plain text
    score: float  # 0..1: how sure we are that it speaks of the same thing
    claim: Claim | None = None


@cache
def _measure_groups() -> dict[str, str]:
    groups: dict[str, str] = {}
    for group in lexicon("measures")["groups"]:
        key = lemma(group[0])
        for word in group:
            groups[lemma(word)] = key
            groups[_stem(lemma(word))] = key
    return groups


def _grows_words() -> frozenset[str]:
    return frozenset(lemma(w) for w in lexicon("measures")["grows"])


class Aligner:
    """Candidate evidence across all sources, built once per check and shared by the rules."""

    def __init__(self, sources: Sequence[Analysis], measures: Iterable[Iterable[str]] = ()):
        self.sources = tuple(sources)
        self._number_of = {id(a): d for d, a in enumerate(self.sources)}
        self._groups = dict(_measure_groups())
        for group in measures:
            words = [lemma(w) for w in group]
            for w in words:
                self._groups[w] = words[0]
                self._groups[_stem(w)] = words[0]
        self._sentence_words: dict[tuple[int, int], frozenset[str]] = {}
        df: Counter[str] = Counter()
        self._postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for d, analysis in enumerate(self.sources):
            for s in analysis.sentences:
                key = (d, s.index)
                words = frozenset(self.canonical(w) for w in content_words(s.text))
                self._sentence_words[key] = words
                df.update(words)
                for w in words:
                    self._postings[w].append(key)
        self._n = max(1, len(self._sentence_words))
        self._df = df
        self._quote_cache: list | None = None
        self._weights: dict[str, float] = {}
        self._figures_by_word: dict[str, list[tuple[Analysis, NumberClaim]]] | None = None
        self._by_class: dict[str, tuple[list[float], list, list]] | None = None
        self._quotes = [
            (analysis, q)
            for analysis in self.sources
            for q in analysis.claims
            if isinstance(q, QuoteClaim) and not q.is_term
        ]

    # --- words ---------------------------------------------------------

    def canonical(self, word: str) -> str:
        """One key per word family: a declared measure group's key, else the word's stem."""
        return self._groups.get(word) or _stem(word)

    def weight(self, word: str) -> float:
        """Inverse document frequency over source sentences; unseen words weigh the most."""
        found = self._weights.get(word)
        if found is None:
            found = self._weights[word] = math.log((self._n + 1) / (self._df.get(word, 0) + 1)) + 1.0
        return found

    def canonical_set(self, words: Iterable[str]) -> frozenset[str]:
        return frozenset(self.canonical(w) for w in words)

    def covered(self, wanted: frozenset[str], have: frozenset[str]) -> frozenset[str]:
        """The words of ``wanted`` that ``have`` holds, exactly or as a close word form."""
        exact = wanted & have
        rest = [w for w in wanted - exact if len(w) > 3]
        pool = [w for w in have - exact if len(w) > 3]
        if not rest or not pool:
            return exact
        fuzzy = {w for w in rest if process.extractOne(w, pool, scorer=fuzz.ratio, score_cutoff=WORD_FUZZ)}
        return exact | fuzzy

    def coverage(self, wanted: frozenset[str], have: frozenset[str]) -> float:
        """Weighted share of ``wanted`` found in ``have``."""
        total = sum(self.weight(w) for w in wanted)
        if not total:
            return 0.0
        return sum(self.weight(w) for w in self.covered(wanted, have)) / total

    # --- figures -------------------------------------------------------

    def measure_score(self, a: NumberClaim, b: NumberClaim) -> float:
        """How sure we are that two figures count the same thing (0..1).

        Ranks ("third quarter", "Q3") are positions of the noun they rank: only ranks of the same
        noun are compared, by what else their clauses say ("net income ... in Q3" against
        "net income ... in the second quarter").
        """
        if unit_class(a) != unit_class(b) or unit_class(a) in ("label", "score"):
            return 0.0
        ha = self.canonical(a.head) if a.head else None
        hb = self.canonical(b.head) if b.head else None
        if unit_class(a) == "ordinal" and ha != hb:
            return 0.0  # a rank only ever speaks of the noun it ranks: "third quarter" and "third place" never meet
        wa, wb = self.canonical_set(a.measure), self.canonical_set(b.measure)
        if ha and hb and ha == hb:
            head = 1.0
        elif (hb and hb in wa) or (ha and ha in wb):
            head = 0.7
        else:
            head = 0.0
        # The counted nouns alone ("people") say too little: what else is said of them must meet too.
        wa, wb = wa - {ha, hb}, wb - {ha, hb}
        if not wa or not wb:
            return 0.0
        overlap = max(self.coverage(wb, wa), self.coverage(wa, wb) * 0.8)
        if not overlap:
            return 0.0
        return round(0.6 * overlap + 0.4 * head, 3)

    def agree(self, a: NumberClaim, b: NumberClaim, tolerance: float = 0.0) -> bool:
        """Can both figures hold, once each stands for every value that rounds to it as written?"""
        return _meet_rounded(a, a.interval, b, b.interval, tolerance)

    def same_value(self, a: NumberClaim, b: NumberClaim) -> bool:
        """Do two figures of one unit class state the same value ("$25 billion", "25 billion dollars")?

        Open-ended figures are compared by the bound they name ("over 80%" by 80), so
        "more than 70" never states the value 85.
        """
        if unit_class(a) != unit_class(b):
            return False
        if unit_class(a) == "label":
            return a.head == b.head  # a name with digits ("COVID-19") is matched as a whole token
        return _meet_rounded(a, anchor(a), b, anchor(b))

    def figures_valued(self, claim: NumberClaim) -> list[Match]:
        """Source figures stating the same value in a compatible unit, whatever words surround them, best first.

        A rank ("third quarter", "Q3") is stated by the same rank of the same thing; only
        where no source ranks that thing at all (a summary's paraphrase: "first
        validation" for "first verification") does the same rank of anything do.
        """
        figures = self._near_in_value(claim)
        if unit_class(claim) == "ordinal":
            head = self.canonical(claim.head or "")
            ranks = [(a, o) for a, o in figures if unit_class(o) == "ordinal"]
            figures = [(a, o) for a, o in ranks if self.canonical(o.head or "") == head] or ranks
        found = []
        for analysis, other in figures:
            if self.same_value(claim, other):
                score = max(0.5, self.measure_score(claim, other))
                found.append(Match(analysis, analysis.sentences[other.sentence], other.span, score, other))
        return sorted(found, key=_best_first)

    def _near_in_value(self, claim: NumberClaim) -> list[tuple[Analysis, NumberClaim]]:
        """Source figures of the claim's unit class whose value is within a factor of four of it.

        Rounding never moves a value that far, so nothing ``same_value`` would accept is
        left out; ranks and names with digits are not compared by size and all come back.
        """
        by_class = self._figures_by_class()
        cls = unit_class(claim)
        entries = by_class.get(cls, ([], [], []))
        lows, points, wide = entries
        low, high = _value_range(claim)
        if cls in ("ordinal", "label") or low is None or high is None or low <= 0:
            return [(a, o) for _, a, o in points] + [(a, o) for _, _, a, o in wide]
        i, j = bisect.bisect_left(lows, low / 4), bisect.bisect_right(lows, high * 4)
        near = [(a, o) for _, a, o in points[i:j]]
        near += [(a, o) for lo, hi, a, o in wide if lo <= high * 4 and hi >= low / 4]
        return sorted(near, key=lambda ao: (ao[0].document.path, ao[1].span.start))

    def _figures_by_class(self) -> dict[str, tuple[list[float], list, list]]:
        """Per unit class: point figures sorted by scaled value (values, entries), and the rest."""
        if self._by_class is None:
            points: dict[str, list] = defaultdict(list)
            wide: dict[str, list] = defaultdict(list)
            for analysis in self.sources:
                for other in analysis.claims:
                    if not isinstance(other, NumberClaim):
                        continue
                    low, high = _value_range(other)
                    cls = unit_class(other)
                    if low is not None and high is not None and low == high and low > 0:
                        points[cls].append((low, analysis, other))
                    else:
                        wide[cls].append(
                            (
                                low if low is not None else -math.inf,
                                high if high is not None else math.inf,
                                analysis,
                                other,
                            )
                        )
            self._by_class = {}
            for cls in set(points) | set(wide):
                ordered = sorted(points.get(cls, []), key=lambda e: (e[0], e[1].document.path, e[2].span.start))
                self._by_class[cls] = ([e[0] for e in ordered], ordered, wide.get(cls, []))
        return self._by_class

    def figures_stating(self, claim: NumberClaim, minimum: float, alone: int = 1, margin: float = 1.0) -> list[Match]:
        """Source figures stating the draft's value where it speaks of the same thing, best first.

        A round value alone says little once a source holds several figures of its class:
        "$10bn" is not supported by an aside about another firm's "$10bn" when the figure the
        draft talks about is "$5bn". So where the sources hold more than ``alone`` figures of
        the claim's class, a round figure ("$10bn", "50", "second") counts as stated only if
        the source figure's sentence holds at least ``minimum`` of the weighted words of what
        the draft's figure counts (its head aside), and no more than ``margin`` less than the
        sentence of any figure of its class that shares a measure word with the draft's: where
        "$5bn" stands in a sentence about the sales the draft speaks of, an aside that merely
        mentions sales does not state the draft's "$10bn". A figure written with a decimal part
        or three significant digits ("40.6%", "332"), in the draft or the source, rarely recurs
        by chance, and its value suffices ("about $95 million" for "$95.2 million").
        """
        found = self.figures_valued(claim)
        if unit_class(claim) == "score":
            return sorted([*found, *self._said(claim)], key=_best_first)
        if not found or distinctive(claim) or self._figures_of_class(claim) <= alone:
            return found
        wanted = self.canonical_set(claim.measure) - {self.canonical(claim.head or "")}
        if not wanted:
            return found
        floor = max(minimum, self._closest_context(claim, wanted) - margin)
        return [m for m in found if distinctive(m.claim) or self.coverage(wanted, self._words_of(m)) >= floor]

    def _closest_context(self, claim: NumberClaim, wanted: frozenset[str]) -> float:
        """The most of ``wanted`` that the sentence of any source figure of the claim's class holds.

        Only figures sharing a measure word with the claim are looked at (the postings), so an
        archive's figures about other things cost nothing.
        """
        cls, postings, best, seen = unit_class(claim), self._figure_postings(), 0.0, set()
        for word in self.canonical_set(claim.measure):
            for analysis, other in postings.get(word, ()):
                key = (id(analysis), other.sentence)
                if key in seen or unit_class(other) != cls:
                    continue
                seen.add(key)
                best = max(best, self.coverage(wanted, self._words_in(analysis, other.sentence)))
        return best

    def _said(self, claim: NumberClaim) -> list[Match]:
        """Source sentences that say a score's number at all, as a word or in digits.

        A score ("rated it a “five”") paraphrases talk ("I'd give it a five"), where a bare
        number word is no figure of its own; the same number said anywhere will do.
        """
        words = {normalised(claim.text), f"{claim.value:g}"}
        pattern = re.compile(r"(?<![\w.,])(?:" + "|".join(map(re.escape, sorted(words))) + r")(?![\w])", re.I)
        found = []
        for analysis in self.sources:
            plain = analysis.document.plain
            for sentence in analysis.sentences:
                hit = pattern.search(plain, sentence.span.start, sentence.span.end)
                if hit:
                    found.append(Match(analysis, sentence, Span(hit.start(), hit.end()), 0.5))
        return found

    def context_score(self, claim: NumberClaim, match: Match) -> float:
        """How much of what the draft's figure counts (its head aside) the evidence's sentence speaks of."""
        wanted = self.canonical_set(claim.measure) - {self.canonical(claim.head or "")}
        return self.coverage(wanted, self._words_of(match)) if wanted else 0.0

    def _figures_of_class(self, claim: NumberClaim) -> int:
        cls = unit_class(claim)
        return sum(1 for a in self.sources for o in a.claims if isinstance(o, NumberClaim) and unit_class(o) == cls)

    def _words_of(self, match: Match) -> frozenset[str]:
        return self._words_in(match.source, match.sentence.index)

    def _words_in(self, analysis: Analysis, sentence: int) -> frozenset[str]:
        """The canonical content words of one source sentence."""
        return self._sentence_words[(self._number_of[id(analysis)], sentence)]

    def figures_for(self, claim: NumberClaim, minimum: float) -> list[Match]:
        """Source figures that count the same thing, best first.

        Only figures sharing a measure word with the claim can score above zero, so an
        inverted index over those words picks what is scored.
        """
        postings = self._figure_postings()
        candidates = {id(o): (a, o) for w in self.canonical_set(claim.measure) for a, o in postings.get(w, ())}
        found = []
        for analysis, other in sorted(candidates.values(), key=lambda ao: (ao[0].document.path, ao[1].span.start)):
            score = self.measure_score(claim, other)
            if score >= minimum:
                found.append(Match(analysis, analysis.sentences[other.sentence], other.span, score, other))
        return sorted(found, key=_best_first)

    def _figure_postings(self) -> dict[str, list[tuple[Analysis, NumberClaim]]]:
        if self._figures_by_word is None:
            self._figures_by_word = defaultdict(list)
            for analysis in self.sources:
                for other in analysis.claims:
                    if isinstance(other, NumberClaim):
                        for word in self.canonical_set(other.measure):
                            self._figures_by_word[word].append((analysis, other))
        return self._figures_by_word

    def grows(self, claim: NumberClaim, declared: Iterable[str] = ()) -> bool:
        """Is this a count that only grows over time (arrests, deaths, members)?"""
        words = self.canonical_set([*claim.measure, *([claim.head] if claim.head else [])])
        growing = self.canonical_set([*_grows_words(), *(lemma(w) for w in declared)])
        return bool(words & growing)

    # --- dates ---------------------------------------------------------

    def dates_for(self, claim: DateClaim, minimum: float, draft: Analysis | None = None) -> list[Match]:
        """Source dates of the same event, best first: F1 of the two events' weighted coverages."""
        wanted = self._event(claim, draft)
        found = []
        if not wanted:
            return found
        for analysis in self.sources:
            for other in analysis.claims:
                if isinstance(other, DateClaim) and other.start is not None:
                    score = self._event_score(wanted, other, analysis)
                    if score >= minimum:
                        found.append(Match(analysis, analysis.sentences[other.sentence], other.span, score, other))
        return sorted(found, key=_best_first)

    def event_score(self, claim: DateClaim, draft: Analysis | None, match: Match) -> float:
        """How surely a source date (a Match from ``dates_for`` or ``dates_on``) dates the draft's event."""
        return self._event_score(self._event(claim, draft), match.claim, match.source)

    def _event_score(self, wanted: frozenset[str], other: DateClaim, analysis: Analysis) -> float:
        """F1 of the two events' weighted coverages."""
        have = self._event(other, analysis)
        a, b = self.coverage(wanted, have), self.coverage(have, wanted)
        return 2 * a * b / (a + b) if a and b else 0.0

    def dates_on(self, claim: DateClaim) -> list[Match]:
        """Source dates that state the draft's date, whatever they are the date of.

        A resolved date is stated by a source date whose period overlaps it and is no
        coarser ("in 2023" by "23 February 2023"; "31 August 2022" not by "August 2022").
        A relative date that cannot be resolved ("35 years ago", "on Thursday") is
        stated by a source date written the same way.
        """
        found = []
        wanted = _written_date(claim.text) if claim.start is None and claim.end is None else None
        for analysis in self.sources:
            for other in analysis.claims:
                if not isinstance(other, DateClaim):
                    continue
                if wanted is not None:
                    same = other.start is None and other.end is None and _written_date(other.text) == wanted
                else:
                    same = _states(other, claim)
                if same:
                    found.append(Match(analysis, analysis.sentences[other.sentence], other.span, 1.0, other))
        return sorted(found, key=_best_first)

    def _event(self, claim: DateClaim, analysis: Analysis | None) -> frozenset[str]:
        """What a date is the date of: its clause's words, or its sentence's where the clause says little."""
        words = set(claim.event)
        if len(words) < 3 and analysis is not None:
            words |= content_words(analysis.sentences[claim.sentence].text) - content_words(claim.text)
        return self.canonical_set(words)

    # --- quotations ----------------------------------------------------

    def quotes_for(self, quote: QuoteClaim, minimum: float) -> list[Match]:
        """Source quotations holding the draft's quoted words (or close to them), best first.

        A cheap ``fuzz.partial_ratio`` over normalised text drops quotations that
        share too little; the rest are aligned word by word (``quote_alignment``),
        which also says where in the source the words sit. Ellipses and [bracketed]
        insertions split the draft quotation into parts, each aligned on its own.
        """
        parts = [p.split() for p in quote_parts(quote.quoted)]
        if not parts:
            return []
        found = []
        flat = " ".join(" ".join(p) for p in parts)
        for (analysis, q), (words, bare, joined) in zip(self._quotes, self._quote_words(), strict=True):
            if not words or fuzz.partial_ratio(flat, joined) < minimum * 60:
                continue
            aligned = [quote_alignment(part, bare) for part in parts]
            if any(a is None for a in aligned):
                continue
            score = sum(a[0] * len(p) for a, p in zip(aligned, parts, strict=True)) / sum(len(p) for p in parts)
            if score < minimum:
                continue
            start = q.inner.start + min(words[a[1]][1] for a in aligned)
            end = q.inner.start + max(words[a[2] - 1][2] for a in aligned)
            found.append(Match(analysis, analysis.sentences[q.sentence], Span(start, end), round(score, 3), q))
        # Equally close quotations: the one said by someone of the draft speaker's name first.
        return sorted(
            found, key=lambda m: (-m.score, not _same_surname(quote.speaker, m.claim.speaker), *_best_first(m)[1:])
        )

    def _quote_words(self) -> list[tuple[list[tuple[str, int, int]], list[str], str]]:
        """Each source quotation's normalised words with offsets, bare, and joined: made once per aligner."""
        if self._quote_cache is None:
            self._quote_cache = []
            for analysis, q in self._quotes:
                words = words_with_offsets(analysis.document.plain[q.inner.start : q.inner.end])
                bare = [w for w, _, _ in words]
                self._quote_cache.append((words, bare, " ".join(bare)))
        return self._quote_cache

    # --- sentences -----------------------------------------------------

    def candidate_sentences(self, words: frozenset[str], limit: int = 200) -> list[tuple[int, int]]:
        """Source sentences sharing the rarest of ``words``: an inverted index narrows what is scored."""
        votes: Counter[tuple[int, int]] = Counter()
        for w in words:
            postings = self._postings.get(w, ())
            if postings and len(postings) <= max(50, self._n // 4):
                for key in postings:
                    votes[key] += self.weight(w)
        return [key for key, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]

    def sentences_like(self, text: str, minimum: float) -> list[Match]:
        """Source sentences that ``text`` reuses closely, best first.

        Score: F2 of two weighted coverages — how much of the source sentence the
        text reuses (counted twice as much: a paraphrase may sit inside a longer
        sentence) and how much of the text comes from the source sentence — raised
        a little for each word beyond three of the longest run they share in order.
        """
        mine = self.canonical_set(content_words(text))
        found = []
        for d, i in self.candidate_sentences(mine):
            analysis = self.sources[d]
            sentence = analysis.sentences[i]
            have = self._sentence_words[(d, i)]
            if len(have) < 4 or len(self.covered(have, mine)) < 4:
                continue
            theirs, ours = self.coverage(have, mine), self.coverage(mine, have)
            f2 = 5 * theirs * ours / (4 * ours + theirs) if theirs and ours else 0.0
            run = longest_shared_run(text, sentence.text)
            score = min(1.0, f2 + 0.03 * max(0, run - 3))
            if score >= minimum:
                found.append(Match(analysis, sentence, sentence.span, round(score, 3)))
        return sorted(found, key=_best_first)

    def support(self, text: str) -> tuple[float, list[Match]]:
        """How much of ``text``'s weighted content the sources hold, and the sentences holding it."""
        mine = self.canonical_set(content_words(text))
        if not mine:
            return 1.0, []
        total = sum(self.weight(w) for w in mine)
        ranked = []
        for d, i in self.candidate_sentences(mine, limit=50):
            shared = self.covered(mine, self._sentence_words[(d, i)])
            ranked.append((sum(self.weight(w) for w in shared), d, i, shared))
        ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
        held: set[str] = set()
        matches = []
        for _, d, i, shared in ranked[:3]:
            if shared - held:
                held |= shared
                s = self.sources[d].sentences[i]
                matches.append(Match(self.sources[d], s, s.span, round(len(shared) / len(mine), 3)))
        return sum(self.weight(w) for w in held) / total, matches


def _same_surname(a: str | None, b: str | None) -> bool:
    return bool(a and b) and a.split()[-1].lower() == b.split()[-1].lower()


def _best_first(m: Match) -> tuple:
    return (-m.score, m.source.document.path, m.span.start)


_GRAIN = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "decade": 5, "range": 5}
_WRITTEN = re.compile(r"[0-9][0-9,]*(?:\.([0-9]+))?")
_DATE_FILLER = frozenset({"on", "in", "at", "by", "the", "of", "since", "before", "after", "until", "from", "during"})


def rounding(claim: NumberClaim) -> float:
    """Half a unit in the last digit written: "$3.50" is 3.495..3.505, "$5bn" 4.5..5.5bn; words are exact."""
    found = _WRITTEN.search(claim.text)
    if found is None:
        return 0.0
    written = float(found.group().replace(",", ""))
    scale = claim.value / written if written and claim.value else 1.0
    return 0.5 * 10 ** -len(found.group(1) or "") * abs(scale)


def distinctive(claim: NumberClaim) -> bool:
    """Is the figure written precisely enough that the same value elsewhere is unlikely to be chance?

    A decimal part ("40.6%", "$3.1 billion") or three significant digits ("332", "1,250") is;
    round figures ("$10bn", "50", "2,000"), number words and ranks are not. Names with digits
    ("COVID-19") are matched as whole names, so they count as distinctive.
    """
    if unit_class(claim) == "label":
        return True
    found = _WRITTEN.search(claim.text)
    if found is None or unit_class(claim) == "ordinal":
        return False
    if found.group(1):
        return True
    return len(found.group().replace(",", "").strip("0")) >= 3


def magnitude(claim: NumberClaim) -> float:
    """What one unit of the figure is worth in its class's base unit ("two weeks" is 14 days)."""
    unit = lemma((claim.unit or "").split(" ")[0]) if claim.unit else ""
    return float(lexicon("measures").get("in_days", {}).get(unit, 1.0)) if unit_class(claim) == "duration" else 1.0


def anchor(claim: NumberClaim) -> Interval:
    """The values a figure names: its band or range, else the value it is written with."""
    i = claim.interval
    finite = i.low is not None and i.high is not None and i.low < i.high
    clamped = (
        claim.is_percent
        and claim.value not in (0, 100)
        and ((i.high == 100 and claim.value == i.low) or (i.low == 0 and claim.value == i.high))
    )
    return i if finite and not clamped else Interval.point(claim.value)


def _value_range(claim: NumberClaim) -> tuple[float | None, float | None]:
    """The claim's anchor, scaled to its class's common unit: what ``same_value`` compares."""
    a, f = anchor(claim), magnitude(claim)
    low = None if a.low is None else a.low * f
    high = None if a.high is None else a.high * f
    return low, high


def _meet_rounded(a: NumberClaim, ia: Interval, b: NumberClaim, ib: Interval, tolerance: float = 0.0) -> bool:
    """Does either figure, taken as every value that rounds to it, meet the other as written?

    Rounding windows are open, so "$1bn" (0.5..1.5bn) does not meet "$1.5bn", which rounds to 2.
    """
    fa, fb = magnitude(a), magnitude(b)
    ra, rb = _scaled(_rounded(ia, rounding(a)), fa), _scaled(_rounded(ib, rounding(b)), fb)
    return ra.meets(_scaled(ib, fb), tolerance) or _scaled(ia, fa).meets(rb, tolerance)


def _rounded(interval: Interval, by: float) -> Interval:
    """Each finite end moved out by ``by``; the new ends are open, so "$0.13" and "$0.14" never meet."""
    if by <= 0:
        return interval
    low = None if interval.low is None else interval.low - by
    high = None if interval.high is None else interval.high + by
    return Interval(low, high, False, False)


def _scaled(interval: Interval, factor: float) -> Interval:
    if factor == 1.0:
        return interval
    low = None if interval.low is None else interval.low * factor
    high = None if interval.high is None else interval.high * factor
    return Interval(low, high, interval.low_inclusive, interval.high_inclusive)


def _states(source: DateClaim, draft: DateClaim) -> bool:
    """Does a source date state the draft's: periods overlap, the source's no coarser than the draft's?"""
    s_start, s_end = source.start or source.end, source.end or source.start
    d_start, d_end = draft.start or draft.end, draft.end or draft.start
    if s_start is None or d_start is None:
        return False
    if _GRAIN.get(source.granularity, 5) > _GRAIN.get(draft.granularity, 5):
        return False
    return s_start <= d_end and d_start <= s_end


def vague_date(claim: DateClaim) -> bool:
    """An unresolved relative date that names no count or day ("this year", "last week"): too vague to check."""
    if claim.start is not None or claim.end is not None:
        return False
    return not set(_written_date(claim.text)) - frozenset(lexicon("measures")["vague_dates"])


def _written_date(text: str) -> tuple[str, ...]:
    """A relative date as written, its prepositions dropped: "on Thursday" and "Thursday" are one."""
    return tuple(w for w in normalised(text).split() if w not in _DATE_FILLER)


def unit_class(claim: NumberClaim) -> str:
    """Figures are only compared within one class: a share is not a count, dollars are not euros."""
    return _unit_class(claim.is_percent, claim.unit)


@cache
def _unit_class(is_percent: bool, unit: str | None) -> str:
    if is_percent or unit == "%":
        return "percent"
    if unit in ("ordinal", "label", "score"):
        return unit
    unit = (unit or "").lower()
    currencies = lexicon("measures")["currencies"]
    if unit in currencies or unit.upper() in currencies:
        return "money:" + unit.upper()
    for cls, words in lexicon("measures")["classes"].items():
        if unit in words:
            return cls
    return "count"


# --- text normalisation for quotations --------------------------------------

_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-"})
_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.\s?\.|…)\s*|\s*\[[^\]]*\]\s*")


@cache
def _spellings() -> dict[str, str]:
    return dict(lexicon("measures")["house_style"])


def normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """Lower-case words joined by single spaces, house-style spellings unified, and where each char came from."""
    out: list[str] = []
    offsets: list[int] = []
    spellings = _spellings()
    for m in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text.translate(_FOLD)):
        word = unicodedata.normalize("NFKC", m.group()).lower().replace("’", "'")
        word = spellings.get(word, word)
        if out:
            out.append(" ")
            offsets.append(m.start())
        out.append(word)
        offsets.extend(min(m.start() + k, m.end() - 1) for k in range(len(word)))
    return "".join(out), offsets


def words_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """Normalised words (as ``normalised`` makes them) with their start and end in ``text``."""
    spellings = _spellings()
    found = []
    for m in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text.translate(_FOLD)):
        word = unicodedata.normalize("NFKC", m.group()).lower().replace("’", "'")
        found.append((spellings.get(word, word), m.start(), m.end()))
    return found


def quote_alignment(draft: list[str], source: list[str]) -> tuple[float, int, int] | None:
    """The stretch of ``source`` words that best matches ``draft``: (Dice score, first word, end word).

    Matching blocks come from difflib on word lists; the best stretch is the run
    of consecutive blocks with the highest 2·matched / (draft words + stretch words),
    so scattered common words far apart never make a match.
    """
    blocks = [b for b in difflib.SequenceMatcher(None, source, draft, autojunk=False).get_matching_blocks() if b.size]
    best = None
    for i, first in enumerate(blocks):
        matched = 0
        for last in blocks[i:]:
            matched += last.size
            stretch = last.a + last.size - first.a
            score = 2 * matched / (len(draft) + stretch)
            if best is None or score > best[0]:
                best = (score, first.a, last.a + last.size)
    return best


def normalised(text: str) -> str:
    return normalised_with_offsets(text)[0]


def quote_parts(quoted: str) -> list[str]:
    """The stretches of a quotation that must appear in the source: ellipses and [insertions] split it."""
    return [p for p in (normalised(part) for part in _ELLIPSIS.split(quoted)) if p]


def longest_shared_run(a: str, b: str) -> int:
    """The longest run of words (normalised) that two texts share in order."""
    wa, wb = _word_list(a), _word_list(b)
    if not wa or not wb:
        return 0
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match().size


@lru_cache(maxsize=1 << 15)
def _word_list(text: str) -> tuple[str, ...]:
    """Normalised words, remembered: the same source sentences are compared with many draft sentences."""
    return tuple(normalised(text).split())
