"""Figures: value, qualifier as an interval, unit or counted noun, and what is counted.

One compiled regex finds candidate figures (digits, number words, currency and
percent marks). Small functions then read the words before a candidate (its
qualifier), after it (multiplier, "-plus", unit, counted noun) and around it
(the clause that says what is counted), and drop what only looks like a count:
years, day numbers, references, list numbering, times, phone numbers, idioms,
quoted slogans. Everything that is language rather than logic lives in
lexicons/numbers.yaml.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any, NamedTuple

from ..lexicons import lexicon
from ..model import Document, ExtractOptions, Interval, NumberClaim, Sentence, Span
from .comparison import WINDOW, period_after
from .patterns import phrase_alternation, trie_alternation
from .words import WORD, content_key, is_stopword, lemma

_WS = r"\s+"
_OF = re.compile(r"\s+of\b", re.IGNORECASE)
_TOKEN = re.compile(r"\s*([^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*)")
_CONNECTOR = re.compile(r"\s*(–|—|-|\bto\b|\band\b)\s*", re.IGNORECASE)
_PHONE = re.compile(r"[0-9]{1,5}\)?(?:[ .-][0-9]{2,5}){2,}(?![\w])")
_ASCII_DIGITS = frozenset("0123456789")
_NONSPACE = re.compile(r"\S+")
_SPACES = re.compile(r"\s*")
_NUMERIC = re.compile(r"[0-9][\w.,]*")
_ARTICLE = re.compile(r"(?<![\w])[aA]\s+$")
_LABEL = re.compile(r"(?<![\w/.@$£€¥-])[A-Za-z][A-Za-z&]*(?:-[A-Za-z]+)*-?[0-9]+(?:-?[A-Za-z0-9]+)*(?![\w@/-])")
_LABEL_LEAD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz&-")  # what a name's digits follow
_FOLDS_ODDLY = ("ſ", "ı", "İ")  # match "s" or "i" under re.IGNORECASE, but str.lower() leaves them apart
_DASHES = "–—-"  # clause separators between white space
_FOLDS_TO_ASCII = (*_FOLDS_ODDLY, "\u212a")  # and the Kelvin sign, which lower-cases to "k"
# Bytes kept by ``_ascii_text``: ASCII letters (lower-cased) and digits; anything else, "?" included, is a space.
_ASCII_WORD_BYTES = (
    bytes(c | 0x20 if chr(c).isalpha() else c if chr(c).isdigit() else 0x20 for c in range(128)) + b" " * 128
)
_DECADE_NUMBER = r"(?P<digits>[1-9]0)['’]?s"  # "70s", "80’s": a decade in digits
_RATE = re.compile(r"/[^\W\d_]{2,}\b")  # "/month", "/user": a rate, not a fraction
_PHONE_OPENED = re.compile(r"[0-9]{1,5}\)?(?:[ .-]?[0-9]{2,5}){1,}(?![\w])")  # after "+" or "("
_RUN = re.compile(r"[0-9]+")
_REFERENCE = re.compile(r"(?<![\w.-])([A-Z][a-z]+) $")  # a capitalised word and one space, right before digits
_NOT_NAME = re.compile(r"[^0-9a-z]")
_LATIN = re.compile(r"[A-Za-z]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_START = operator.attrgetter("start")  # a figure's sort key, without a Python call per figure
_QUOTES = {"“": "”", "‘": "’", '"': '"'}
_QUOTE_REACH = 80  # how far a short quoted term may reach either side of a figure
_TERM_WORDS = 6  # a quotation this short is a term or slogan, not a count
_YEARS = (1800, 2100)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    figure: re.Pattern[str]
    qualifiers: dict[tuple[str, ...], str]
    qualifier_ends: frozenset[str]  # the last word of each qualifier
    post_qualifier: re.Pattern[str]
    unit_phrase: re.Pattern[str]
    currency_word: re.Pattern[str]
    time_after: re.Pattern[str]
    months: frozenset[str]
    year_before: frozenset[str]
    references: frozenset[str]
    age_owners: tuple[str, ...]  # "their " of "in their 70s": where an age decade can begin
    age_decade: re.Pattern[str]
    decade_number: re.Pattern[str]  # a decade in digits, tried where a run of digits begins
    decade_tokens: frozenset[str]  # the decades in words, alone or glued to a part ("earlytwenties")
    ascii_words: frozenset[bytes]  # what ``_ascii_words`` looks for: the words of ``stems`` and ``decade_tokens``
    decade_words: dict[str, float]
    decade_parts: dict[str, tuple[float, float]]
    not_names: frozenset[str]  # capitalised words that never name a thing with its number ("May 3", "About 30")
    scan_words: frozenset[str]  # the number words a figure may begin with
    stems: tuple[tuple[str, tuple[str, ...]], ...]  # what to look for, and the number words that begin with it
    prefixes: tuple[str, ...]
    prefix_ends: frozenset[str]
    idiom: re.Pattern[str]
    clause_break: re.Pattern[str]
    clause_mark: re.Pattern[str]  # what clause_break finds, by its first character, in lower-cased text
    shapes: dict[str, str]
    post_shapes: dict[str, str]
    currency: dict[str, str]
    currency_words: dict[str, str]
    unit_phrases: dict[str, str]
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    suffix_scales: dict[str, int]
    approximate: dict[str, tuple[int, int]]
    approximate_of: dict[str, int]
    counted: frozenset[str]
    fractions: frozenset[str]
    durations: frozenset[str]
    ambiguous_months: frozenset[str]
    plurals: frozenset[str]
    verbs: frozenset[str]
    pronouns: frozenset[str]
    openers: frozenset[str]
    determiners: frozenset[str]
    number_words: frozenset[str]
    ordinal: re.Pattern[str]
    ordinals: dict[str, int]
    ordinal_labels: dict[str, str]
    ordinal_idioms: frozenset[str]


class _Figure(NamedTuple):
    """A figure as found, before it becomes a ``NumberClaim``.

    A named tuple rather than a frozen dataclass, as ``_Core``: cheaper to build, and it never leaves this module.
    """

    start: int  # where the qualifier (or the figure) begins
    core_end: int  # end of the number with its multiplier, percent sign and "-plus"
    end: int  # end of the unit or counted noun, when there is one
    value: float
    interval: Interval
    qualifier: str | None
    unit: str | None
    head: str | None
    is_percent: bool
    is_money: bool


def extract(document: Document, sentences: Sequence[Sentence], options: ExtractOptions) -> list[NumberClaim]:
    """Every figure in ``document.plain``, in order of position, none overlapping."""
    if not sentences:
        return []
    plain = document.plain
    lex = _lexicon()
    digits = _digit_runs(plain)
    ascii_text = _ascii_text(plain)
    tokens = None if ascii_text is None else _ascii_words(ascii_text, lex)
    stems = _stems_present(tokens, lex)
    ages = _may_state_age(plain, digits, tokens, lex)
    scan = _scan_text(plain, ascii_text) if stems or ages else ""  # only the number-word and age scans read it
    words = _number_words(plain, scan, stems)
    figures = _figures(plain, _candidate_starts(plain, digits, words, lex), _block_starts(document), options)
    figures = _with_ordinals(figures, _ordinals(plain, digits, words, lex))
    figures = _with_ordinals(figures, _labels(plain, digits))
    figures = _with_ordinals(figures, _references(plain, digits, lex))
    figures = _with_ordinals(figures, _age_decades(plain, scan, lex) if ages else [])
    starts = [s.span.start for s in sentences]
    placed = [(f, _sentence_index(starts, f.start)) for f in figures]
    placed = _with_neighbour_heads(placed)
    return [_claim(plain, f, i, sentences) for f, i in placed]


def _figures(plain: str, starts: list[int], block_starts: list[int], options: ExtractOptions) -> list[_Figure]:
    lex = _lexicon()
    found: list[_Figure] = []
    cursor = 0
    for start in starts:
        if start < cursor:
            continue
        phone = _phone_end(plain, start)
        if phone:
            cursor = phone
            continue
        match = lex.figure.match(plain, start)
        if match is None:
            continue
        candidate = _candidate(plain, match, lex)
        if _date_part(plain, candidate, lex):
            continue
        if _in_quoted_term(plain, start):
            figure = _quoted_score(plain, match, lex)
        else:
            figure = _figure(plain, candidate, lex, options, block_starts)
        if figure is not None:
            found.append(figure)
            cursor = figure.end
    return found


def _quoted_score(plain: str, match: re.Match[str], lex: _Lexicon) -> _Figure | None:
    """A number word that is the whole of a quotation ("rated it a “five”"): a score as named, not a slogan.

    Its unit is "score": it is only ever checked for being stated, never compared as a count.
    """
    start, end = match.start(), match.end()
    if not match["words"] or start == 0 or plain[start - 1] not in _QUOTES:
        return None
    if plain[end : end + 1] != _QUOTES[plain[start - 1]]:
        return None
    parsed = _words_value(match["words"], lex)
    if parsed is None or parsed[1] != len(match["words"]):
        return None
    value = float(parsed[0])
    return _Figure(start, end, end, value, Interval.point(value), None, "score", None, False, False)


def _ordinals(plain: str, digits: list[int], words: list[tuple[int, str]], lex: _Lexicon) -> list[_Figure]:
    """Ranks with the noun they rank: "the third quarter", "2nd time", "first-year", "Q4".

    A rank with no noun after it ("the third in a row") says too little to be checked.
    """
    found = []
    for m in _ordinal_matches(plain, digits, words, lex):
        if m["label"]:
            value, head, end = int(m["n"]), lex.ordinal_labels[m["label"]], m.end()
        else:
            value = lex.ordinals[m["word"].lower()] if m["word"] else int(m["num"])
            token = _TOKEN.match(plain, m.end() + 1) if plain.startswith("-", m.end()) else _TOKEN.match(plain, m.end())
            word = token.group(1) if token else ""
            if not word[:1].islower() or not (word.lower() in lex.durations or _noun_like(word, lex)):
                continue
            if _fold(f"{m.group()} {word}") in lex.ordinal_idioms:
                continue
            head, end = lemma(word), token.end()
        point = Interval.point(float(value))
        found.append(_Figure(m.start(), m.end(), end, float(value), point, None, "ordinal", head, False, False))
    return found


def _age_decades(plain: str, scan: str, lex: _Lexicon) -> list[_Figure]:
    """An age by its decade: "in their 70s" is 70 to 79 years old, "in her early forties" 40 to 43.

    ``scan``: the text as ``_scan_text`` gives it, where the owner's closing space may stand for any other mark.
    """
    found = []
    for owner in lex.age_owners:
        i = scan.find(owner)
        while i >= 0:
            m = lex.age_decade.match(plain, i) if plain[i : i + len(owner)].lower() == owner else None
            if m and (i == 0 or not plain[i - 1].isalnum()):
                decade = float(m["digits"]) if m["digits"] else lex.decade_words[m["word"].casefold()]
                first, last = lex.decade_parts.get((m["part"] or "").casefold(), (0, 19 - decade if decade < 20 else 9))
                interval = Interval(decade + first, decade + last)
                found.append(
                    _Figure(m.start(), m.end(), m.end(), decade, interval, m["part"], "years old", None, False, False)
                )
            i = scan.find(owner, i + 1)
    return sorted(found, key=lambda f: f.start)


def _labels(plain: str, digits: list[int]) -> list[_Figure]:
    """Names with digits in them ("COVID-19", "SARS-CoV-2", "G20"): not counts, but checkable as whole tokens.

    The head is the name folded (lower case, no hyphens), so "Covid-19" and "COVID19" are one name.
    """
    found = []
    for m in _label_matches(plain, digits):
        digits = _RUN.findall(m.group())
        head = _NOT_NAME.sub("", m.group().lower())
        value = float(digits[-1])
        point = Interval.point(value)
        found.append(_Figure(m.start(), m.end(), m.end(), value, point, None, "label", head, False, False))
    return found


def _references(plain: str, digits: list[int], lex: _Lexicon) -> list[_Figure]:
    """Capitalised references with their number ("Tier 1", "Article 23", "Phase 3"): names, not counts.

    Like a name with digits, each is checkable only as a whole ("tier1"): "Tier 2" is not "Tier 1".
    """
    found = []
    for i in digits:
        word = _REFERENCE.search(plain, max(0, i - 16), i)
        run = _RUN.match(plain, i) if word else None  # most numbers follow no capitalised word
        if word is None or run is None:
            continue
        if word.group(1).lower() not in lex.references and not _names_a_thing(plain, word.start(1), run.end(), lex):
            continue
        end = run.end()
        if end < len(plain) and (
            plain[end].isalnum()
            or plain[end] in "_"
            or (plain.startswith((",", "."), end) and plain[end + 1 : end + 2].isdigit())
        ):
            continue
        head = _NOT_NAME.sub("", f"{word.group(1)}{run.group()}".lower())
        point = Interval.point(float(run.group()))
        found.append(_Figure(word.start(1), end, end, point.low, point, None, "label", head, False, False))
    return found


def _named(plain: str, start: int, lex: _Lexicon) -> bool:
    """Is the number at ``start`` the number of a name ("Sims 3"), not a count?"""
    if start < 2 or plain[start - 1] != " " or not plain[start - 2].islower():
        return False
    word, run = _REFERENCE.search(plain, max(0, start - 16), start), _RUN.match(plain, start)
    return bool(word and run and _names_a_thing(plain, word.start(1), run.end(), lex))


def _names_a_thing(plain: str, start: int, end: int, lex: _Lexicon) -> bool:
    """ "Sims 3", "Boeing 737", "Apollo 11": a capitalised word at ``start``, then one space and a short number
    ending at ``end``, name a thing.

    Only inside a sentence: the run of capitalised words the name ends must follow a lower-case word or a
    comma, and no capitalised word may follow the number, so a title-case headline ("Police Arrest 332
    Protesters") and a sentence's opening words keep their counts. Words of time and number words never name.
    """
    name, number = plain[start:end].split(" ", 1)
    if not number.isdigit() or len(number) > 4 or is_stopword(name) or name.lower() in lex.not_names:
        return False
    following = _TOKEN.match(plain, end)
    if following and following.group(1)[:1].isupper() and not plain[end : following.start(1)].strip():
        return False
    before = plain[max(0, start - 80) : start].split()
    while before and before[-1][:1].isupper() and before[-1][-1:].isalpha():
        before.pop()  # the rest of the name: "the Hong Kong 47"
    if not before:
        return False
    last = before[-1]
    return last[-1] in ",;(" or (last[:1].islower() and last[-1].isalpha())


def _with_ordinals(figures: list[_Figure], ranks: list[_Figure]) -> list[_Figure]:
    """Figures and ranks (or names) in order of position, a rank dropped where it overlaps a figure."""
    starts = [f.start for f in figures]
    reach = list(itertools.accumulate((f.end for f in figures), max))  # furthest end of any figure so far
    kept = []
    for r in ranks:
        i = bisect.bisect_left(starts, r.end) - 1  # the figures that begin before the rank ends
        if i < 0 or reach[i] <= r.start:
            kept.append(r)
    return sorted([*figures, *kept], key=_START)


def _ordinal_matches(
    plain: str, digits: list[int], words: list[tuple[int, str]], lex: _Lexicon
) -> Iterator[re.Match[str]]:
    """What ``lex.ordinal.finditer(plain)`` finds, trying the pattern only where a rank can begin.

    An ordinal word begins where ``_number_words`` found it (``words``): the pattern's own bounds
    are stricter than a whole word's. "3rd" and "Q4" begin at, or one character before, a run of
    digits (``digits``: where each begins). Letters that only match under re's case folding
    ("ſ", "ı") send the text the slow way.
    """
    if any(c in plain for c in _FOLDS_ODDLY):
        yield from lex.ordinal.finditer(plain)
        return
    starts = [i for i, word in words if word in lex.ordinals]
    starts.extend(digits)
    starts.extend(i - 1 for i in digits if i and plain[i - 1] in lex.ordinal_labels)
    cursor = 0
    for start in sorted(set(starts)):
        if start >= cursor:
            m = lex.ordinal.match(plain, start)
            if m:
                yield m
                cursor = m.end()


def _label_matches(plain: str, digits: list[int]) -> Iterator[re.Match[str]]:
    """What ``_LABEL.finditer(plain)`` finds, tried only within white-space delimited tokens that hold one.

    In a name a run of digits begins right after a letter, "&" or "-" ("G20", "COVID-19"), and
    a name never crosses white space, so each token holding such a run is searched on its own:
    the pattern's look-behind still sees the character before the token, and its look-ahead
    sees white space or the end alike.
    """
    cursor = 0
    for i in digits:
        if i < cursor or not (i and plain[i - 1] in _LABEL_LEAD):
            continue
        start = i
        while start > cursor and not plain[start - 1].isspace():
            start -= 1
        end = _NONSPACE.match(plain, i).end()
        yield from _LABEL.finditer(plain, start, end)
        cursor = end


def _digit_runs(plain: str) -> list[int]:
    """Where each number written in digits begins: what ``[0-9]+(?:[.,][0-9]+)*`` would find.

    A digit begins one unless it follows a digit, or a "." or "," that follows one ("1,000", "3.5").
    A ``str.find`` pass per digit runs at C speed; a regex scan tests every character in re's engine,
    about ten times slower, and digits are a few in a hundred characters.
    """
    found = []
    for digit in "0123456789":
        i = plain.find(digit)
        while i >= 0:
            found.append(i)
            i = plain.find(digit, i + 1)
    found.sort()
    return [i for i in found if not _continues_number(plain, i)]


def _continues_number(plain: str, i: int) -> bool:
    """Does the digit at ``i`` continue the number before it: after a digit, or a "." or "," after one?"""
    if i == 0:
        return False
    before = plain[i - 1]
    if before in _ASCII_DIGITS:
        return True
    return before in ".," and i >= 2 and plain[i - 2] in _ASCII_DIGITS


def _lowered(plain: str) -> str:
    """``plain`` in lower case, offsets kept: the few characters that lower-case to two stay as they are."""
    low = plain.lower()
    if len(low) != len(plain):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in plain)
    return low


def _ascii_text(plain: str) -> bytes | None:
    """``plain`` with ASCII letters lower-cased, digits kept and any other character a space, one byte for
    each character; None where a character other than an ASCII letter lower-cases or case-folds to one
    ("K", "ſ"), so that the text could hide a word."""
    if any(c in plain for c in _FOLDS_TO_ASCII):
        return None
    return plain.encode("ascii", "replace").translate(_ASCII_WORD_BYTES)


def _ascii_words(ascii_text: bytes, lex: _Lexicon) -> frozenset[str]:
    """The runs of letters and digits in ``ascii_text`` that are number words or decades (``lex.ascii_words``).

    Every whole number word or decade the scans below can find is one of these, so a word missing from
    them needs no ``str.find`` pass. Splitting the text costs about what a dozen passes do; it spares
    most of the two dozen passes for stems (a document holds one or two of them), the seven for age
    owners, and in documents with neither, the scan text. The runs stay bytes and are only looked up,
    never gathered into a set of their own: that would cost as much again.
    """
    return frozenset(w.decode("ascii") for w in lex.ascii_words.intersection(ascii_text.split()))


def _scan_text(plain: str, ascii_text: bytes | None) -> str:
    """What the number-word and age scans search: ``plain`` lower-cased, offsets kept.

    Only its lower-case ASCII letters are compared; the scans read word bounds from ``plain``. So
    ``ascii_text`` serves where there is one: it is that already, and lower-casing a text with
    non-ASCII characters in it costs many times more than decoding ASCII.
    """
    return _lowered(plain) if ascii_text is None else ascii_text.decode("ascii")


def _stems_present(tokens: frozenset[str] | None, lex: _Lexicon) -> list[tuple[str, tuple[str, ...]]]:
    """The stems of ``lex.stems`` with a word among ``tokens`` (all of them when ``tokens`` is None)."""
    if tokens is None:
        return list(lex.stems)
    return [(stem, words) for stem, words in lex.stems if not tokens.isdisjoint(words)]


def _may_state_age(plain: str, digits: list[int], tokens: frozenset[str] | None, lex: _Lexicon) -> bool:
    """Could ``lex.age_decade`` match anywhere: is there a decade ("70s", "twenties", "earlytwenties")?

    ``digits``: where each run of digits begins; ``tokens``: as ``_ascii_words`` gives them.
    """
    if tokens is None:
        return True
    return not tokens.isdisjoint(lex.decade_tokens) or any(lex.decade_number.match(plain, i) for i in digits)


def _number_words(plain: str, scan: str, stems: list[tuple[str, tuple[str, ...]]]) -> list[tuple[int, str]]:
    """Each whole number word, cardinal or ordinal, in ``plain``: where it begins, and the word (lower case).

    ``scan``: the text as ``_scan_text`` gives it; ``stems``: what to look for, and the words that begin
    with it, as in ``_Lexicon.stems``.
    A str.find pass per stem runs at C speed; one case-insensitive alternation over the whole
    text is many times slower. One pass serves figures and ranks alike, and the words that
    share a stem ("six", "sixty", "sixth") are looked for only where it is found.
    """
    found = []
    n = len(plain)
    for stem, words in stems:
        i = scan.find(stem)
        while i >= 0:
            if i == 0 or not plain[i - 1].isalnum():
                for word in words:
                    end = i + len(word)
                    if scan.startswith(word, i) and (end == n or not plain[end].isalnum()):
                        found.append((i, word))
            i = scan.find(stem, i + 1)
    return found


def _candidate_starts(plain: str, digits: list[int], words: list[tuple[int, str]], lex: _Lexicon) -> list[int]:
    """Where figures may begin: runs of digits (``digits``), and number words (``words``) with their article."""
    starts = list(digits)
    starts.extend(_with_article(plain, i, word, lex) for i, word in words if word in lex.scan_words)
    return sorted(set(starts))


def _with_article(plain: str, i: int, word: str, lex: _Lexicon) -> int:
    """ "a dozen", "a million": the article is part of the number."""
    found = _ARTICLE.search(plain, max(0, i - 8), i) if word in lex.scales else None
    return found.start() if found else i


def _phone_end(plain: str, start: int) -> int | None:
    """The end of a phone-like string ("+852 2385 5000", "(852) 2385-5000") that starts here."""
    if plain[start] not in _ASCII_DIGITS:  # both patterns begin with a digit: spare a number word the call
        return None
    if start > 0 and plain[start - 1] in "+(":
        found = _PHONE_OPENED.match(plain, start)
        return found.end() if found else None
    found = _PHONE.match(plain, start)
    return found.end() if found else None


def _in_quoted_term(plain: str, start: int) -> bool:
    """Is ``start`` inside a short quoted term ("one country, two systems")? Figures there are not counts."""
    lo = max(0, start - _QUOTE_REACH)
    for opening, closing in _QUOTES.items():
        i = plain.rfind(opening, lo, start)
        if i < 0 or (closing != opening and plain.rfind(closing, i, start) >= 0):
            continue
        if opening == '"' and (plain[i + 1 : i + 2].isspace() or plain.count('"', 0, i) % 2):
            continue
        j = plain.find(closing, start, start + _QUOTE_REACH)
        if j >= 0 and len(plain[i + 1 : j].split()) <= _TERM_WORDS:
            return True
    return False


def _sentence_index(starts: list[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _block_starts(document: Document) -> list[int]:
    return sorted(b.span.start for b in document.blocks)


# --- the lexicon, compiled once ------------------------------------------


@cache
def _lexicon() -> _Lexicon:
    data = lexicon("numbers")
    words = [*data["units"], *data["tens"], *data["scales"]]
    approx = phrase_alternation(data["approximate"])
    approx_of = phrase_alternation(data["approximate_of"])
    scales = phrase_alternation(data["scales"])
    number_words = phrase_alternation(words)
    suffixes = "|".join(sorted(data["suffix_scales"], key=lambda p: (-len(p), p)))
    percent = phrase_alternation(data["percent_words"])
    figure = re.compile(
        r"(?:(?P<digits>(?<![\w.,])[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|(?<![\w.,])[0-9]+(?:\.[0-9]+)?)"
        rf"|(?P<approx>(?i:\b(?:{approx})(?:\s+of\s+(?:{approx_of}))?\b))"
        rf"|(?P<words>(?i:\b(?:a\s+(?=(?:{scales})\b))?(?:{number_words})(?:(?:\s+(?:and\s+)?|-)(?:{number_words}))*\b)))"
        rf"(?P<mult>(?i:\s*(?:{scales})\b|(?:{suffixes})\b))?"
        r"(?P<plus>-plus\b|\+(?![\d+]))?"
        rf"(?P<pct>\s*%|(?i:\s*(?:{percent})\b))?"
    )
    shapes = {_fold(k): v for k, v in data["qualifiers"].items()}
    scan_words = [*words, *data["approximate"]]
    post = {_fold(k): v for k, v in data["post_qualifiers"].items()}
    clause_words = trie_alternation(data["clause_words"])
    stems = _stems(w for w in [*scan_words, *map(str.lower, data["ordinals"])] if w.isalpha())
    stems_words = [w for _, words in stems for w in words]
    decade_tokens = _decade_tokens(data["age_decades"])
    clause_firsts = re.escape("".join(sorted({w[0] for w in data["clause_words"]})))
    post_words = phrase_alternation(k for k in post if k[0].isalpha())
    return _Lexicon(
        figure=figure,
        qualifiers={tuple(k.split()): v for k, v in shapes.items()},
        qualifier_ends=frozenset(k.split()[-1] for k in shapes),
        post_qualifier=re.compile(rf"(?i)(-plus\b|\+(?!\d)|\s+(?:{post_words})\b)"),
        unit_phrase=re.compile(rf"(?i)\s*-?\s*({phrase_alternation(data['unit_phrases'])})\b"),
        currency_word=re.compile(rf"(?i)\s+({phrase_alternation(data['currency_words'])})\b"),
        time_after=re.compile(rf"(?i)(?:\s*(?:{phrase_alternation(data['time_words'])})(?![\w])|[:.]\d\d\b)"),
        months=frozenset(data["months"]),
        year_before=frozenset(data["year_before"]),
        references=frozenset(data["reference_words"]),
        age_owners=tuple(f"{w} " for w in data["age_decades"]["owners"]),
        age_decade=_age_decade_pattern(data["age_decades"]),
        decade_number=re.compile(rf"(?i){_DECADE_NUMBER}"),
        decade_tokens=decade_tokens,
        ascii_words=frozenset(w.encode() for w in [*stems_words, *decade_tokens]),
        decade_words={k: float(v) for k, v in data["age_decades"]["words"].items()},
        decade_parts={k: (float(a), float(b)) for k, (a, b) in data["age_decades"]["parts"].items()},
        not_names=frozenset(
            [*data["months"], *lexicon("dates")["weekdays"], *data["units"], *data["tens"], *data["scales"]]
            + [word for phrase in shapes for word in phrase.split()]
        ),
        scan_words=frozenset(w for w in scan_words if w.isalpha()),
        stems=stems,
        prefixes=tuple(sorted(data["currency_prefixes"], key=lambda p: (-len(p), p))),
        prefix_ends=frozenset(p[-1] for p in data["currency_prefixes"]),
        idiom=re.compile(rf"(?i)\b(?:{phrase_alternation(data['idioms'])})\b"),
        # Case is ignored only for the words; the first-letter look-ahead turns most word starts away at once.
        clause_break=re.compile(rf"[,;:](?=\s)|[()]|\s[–—-]+\s|\b(?=(?i:[{clause_firsts}]))(?i:{clause_words})\b"),
        clause_mark=_clause_mark_pattern(data["clause_words"]),
        shapes=shapes,
        post_shapes=post,
        currency=dict(data["currency_prefixes"]),
        currency_words={_fold(k): v for k, v in data["currency_words"].items()},
        unit_phrases={_fold(k): v for k, v in data["unit_phrases"].items()},
        units=dict(data["units"]),
        tens=dict(data["tens"]),
        scales=dict(data["scales"]),
        suffix_scales=dict(data["suffix_scales"]),
        approximate={k: (v[0], v[1]) for k, v in data["approximate"].items()},
        approximate_of=dict(data["approximate_of"]),
        counted=frozenset(data["counted_nouns"]),
        fractions=frozenset(data["fractions"]),
        durations=frozenset(data["duration_nouns"]),
        ambiguous_months=frozenset(data["ambiguous_months"]),
        plurals=frozenset(data["plurals"]),
        verbs=frozenset(data["verbs"]),
        pronouns=frozenset(data["back_pronouns"]),
        openers=frozenset(data["subjectless_openers"]),
        determiners=frozenset(data["determiners"]),
        number_words=frozenset(
            lemma(w) for w in [*words, *data["approximate"], *data["ordinals"], "plus", "per", "cent", "percent"]
        ),
        ordinal=re.compile(
            rf"(?<![\w.,-])(?:(?P<word>(?i:{phrase_alternation(data['ordinals'])}))|(?P<num>[0-9]{{1,3}})(?i:st|nd|rd|th)"
            rf"|(?P<label>{'|'.join(sorted(data['ordinal_labels']))})(?P<n>[1-4]))(?![\w])"
        ),
        ordinals={k.lower(): v for k, v in data["ordinals"].items()},
        ordinal_labels=dict(data["ordinal_labels"]),
        ordinal_idioms=frozenset(_fold(w.replace("-", " ")) for w in data["ordinal_idioms"]),
    )


def _clause_mark_pattern(clause_words: list[str]) -> re.Pattern[str]:
    """``clause_break`` for lower-cased text, each branch opening with a literal character.

    So re scans for the first characters at C speed instead of trying every branch at every position. Dashes
    are found at the first dash, the white space before them looked behind at; a clause word's start is
    left to the caller to check.
    """
    marks = [r",(?=\s)", r";(?=\s)", r":(?=\s)", r"\(", r"\)"]
    marks += [rf"{re.escape(dash)}(?<=\s.)[–—-]*\s" for dash in _DASHES]
    for first, words in itertools.groupby(sorted({w.lower() for w in clause_words}), key=lambda w: w[0]):
        marks.append(rf"{re.escape(first)}{trie_alternation(w[1:] for w in words)}\b")
    return re.compile("|".join(marks))


def _stems(words: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What to look for to find ``words``, each with the words that begin with it.

    A word that another begins is found where that one is ("six": six, sixteen, sixty, sixth),
    and words with the same first four letters where those are ("thir": third, thirteen, thirty).
    Four letters are rare enough inside other words that the few extra hits cost less than the
    str.find passes they save.
    """
    unique = sorted(set(words))
    roots = [w for w in unique if not any(w != r and w.startswith(r) for r in unique)]
    shared = {r[:4] for r in roots if sum(o.startswith(r[:4]) for o in roots) > 1}
    stems = sorted({r[:4] if r[:4] in shared else r for r in roots})
    return tuple((stem, tuple(w for w in unique if w.startswith(stem))) for stem in stems)


def _age_decade_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """ "their 70s", "her early forties", "his mid-'80s": an owner word, then a decade."""
    owners, parts, words = (phrase_alternation(data[k]) for k in ("owners", "parts", "words"))
    return re.compile(
        rf"(?i)(?:{owners})\s+(?:(?P<part>{parts})[\s-]*)?(?:['’]?{_DECADE_NUMBER}|(?P<word>{words}))(?![\w])"
    )


def _decade_tokens(data: dict[str, Any]) -> frozenset[str]:
    """What ``_ascii_words`` gives for a decade in words: the word, or a part glued to it ("midthirties").

    A part and its decade are single words; white space or hyphens between them split them into two.
    """
    words = [w.lower() for w in data["words"]]
    if not all(w.isascii() and w.isalpha() for w in [*words, *data["parts"]]):
        raise ValueError("age decade words and parts must be single ASCII words")
    return frozenset([*words, *(part.lower() + word for part in data["parts"] for word in words)])


def _fold(text: str) -> str:
    """Lower case, white-space runs as one space: how phrases are looked up."""
    return " ".join(text.lower().split())


# --- one figure ------------------------------------------------------------


class _Core(NamedTuple):
    """The number itself, before its context is read.

    A named tuple rather than a frozen dataclass: one is built for every candidate figure, three times
    faster, and it is just as immutable. It never leaves this module.
    """

    start: int
    end: int
    value: float
    low: float | None = None  # set for "hundreds" and ranges
    high: float | None = None
    currency: str | None = None
    percent: bool = False
    plus: bool = False
    written: bool = False  # spelled in words
    year_like: bool = False
    scaled: bool = False


class _Candidate(NamedTuple):
    """A match of ``lex.figure``, with what both ``_date_part`` and ``_figure`` read of it, read once."""

    match: re.Match[str]
    prefix: tuple[str, int] | None  # the currency mark written just before it, and where that begins
    year: bool  # shaped like a year (as ``_date_shape`` says), with no currency mark
    day: bool  # shaped like a day of the month, with no currency mark
    before: list[str]  # the word before the figure, its currency mark included: ``_words_before(..., 1)``


def _candidate(plain: str, match: re.Match[str], lex: _Lexicon) -> _Candidate:
    prefix = _currency_before(plain, match.start(), lex)
    year, day = (False, False) if prefix else _date_shape(match)
    before = _words_before(plain, prefix[1] if prefix else match.start(), 1)
    return _Candidate(match, prefix, year, day, before)


def _figure(
    plain: str, candidate: _Candidate, lex: _Lexicon, options: ExtractOptions, block_starts: list[int]
) -> _Figure | None:
    core = _core(plain, candidate, lex)
    if core is None:
        return None
    before = candidate.before  # the start stays where it is when the core widens to a range
    if _not_a_count(plain, core, lex, block_starts, before):
        return None
    qualifier = _qualifier_before(plain, core.start, lex, before)
    shape = lex.shapes[_fold(qualifier[0])] if qualifier else None
    start = qualifier[1] if qualifier else core.start
    core, connector = _with_range(plain, core, lex, qualifier)
    if core.year_like and _surely_a_year(plain, core.end, lex, before):
        return None
    if connector:
        shape = "range"
    if core.plus:
        shape = shape or "at_least"
    pos = core.end
    post = None if connector else _post_qualifier(plain, pos, lex)
    if post:
        shape, pos = shape or lex.post_shapes[_fold(post[0])], post[1]
    unit, head, end, adjacent = _unit_after(plain, pos, core, lex)
    if not post and unit and not connector:
        after = _post_qualifier(plain, end, lex)
        if after and not after[0].startswith(("-", "+")):
            post, shape, end = after, shape or lex.post_shapes[_fold(after[0])], after[1]
    if core.year_like and _a_year(core, unit, adjacent, lex, before):
        return None
    if core.written and not (qualifier or unit or connector or core.low is not None):
        return None
    if unit in lex.fractions:  # "two-thirds" is a share, not a count of two
        return None
    if core.written and _in_idiom(plain, core, lex):
        return None
    text_qualifier = _qualifier_text(plain, qualifier, post, connector, core)
    interval = _interval(shape, core, options.about_band)
    money = bool(core.currency)
    return _Figure(start, core.end, end, core.value, interval, text_qualifier, unit, head, core.percent, money)


def _surely_a_year(plain: str, end: int, lex: _Lexicon, before: list[str]) -> bool:
    """What ``_a_year`` will say, known before the unit is read: a year word before it, or nothing after it
    (it ends at ``end``) that could begin a counted noun ("in 2019", "2019,"). Most four-digit numbers are
    years; this is cheap. ``before``: the word before the number (``_words_before(plain, start, 1)``)."""
    if before and before[-1].rstrip("-") in lex.year_before:
        return True
    after = _SPACES.match(plain, end).end()
    return after == len(plain) or not (plain[after].isalnum() or plain[after] in "-+_")


def _a_year(core: _Core, unit: str | None, adjacent: bool, lex: _Lexicon, before: list[str]) -> bool:
    """Is a four-digit number a year? Only a counted noun right after it makes it a count ("2000 people")."""
    if not (unit and adjacent and unit in lex.counted):
        return True
    return bool(before) and before[-1].rstrip("-") in lex.year_before


def _core(plain: str, candidate: _Candidate, lex: _Lexicon, glued: bool = False) -> _Core | None:
    """The number a regex match spells, or None when it is part of a word, code or address.

    ``glued`` allows a number right after a dash: the second half of a range.
    """
    match, prefix = candidate.match, candidate.prefix
    start, end = match.start(), match.end()
    if end < len(plain) and (plain[end].isalnum() or plain[end] == "_" or _slash_not_rate(plain, end)):
        return None
    if (start > 0 and plain[start - 1] in "/#@:") or (not glued and _tail_of_token(plain, start)):
        return None
    currency = lex.currency[prefix[0]] if prefix else None
    digits, approx, words, mult, plus, pct = match.group("digits", "approx", "words", "mult", "plus", "pct")
    low = high = None
    if digits:
        number = digits.replace(",", "")
        value = _decimal(number) if mult else float(number)  # the float is the Decimal's, unless a scale multiplies it
        num_end = match.end("digits")
    elif approx:
        low, high = _approximate(approx, lex)
        value, num_end = low, match.end("approx")
    else:
        parsed = _words_value(words, lex)
        if parsed is None:
            return None
        value, used = parsed
        num_end = match.start("words") + used
        if num_end < match.end("words"):  # "two and three": the number ends early, and its suffixes go with it
            return _Core(prefix[1] if prefix else start, num_end, float(value), written=True, currency=currency)
    scale = _scale(mult, lex) if mult else 1
    value = value * scale
    low, high = (None if low is None else low * scale), (None if high is None else high * scale)
    return _Core(
        start=prefix[1] if prefix else start,
        end=end if mult or plus or pct else num_end,
        value=float(value),
        low=None if low is None else float(low),
        high=None if high is None else float(high),
        currency=currency,
        percent=bool(pct),
        plus=bool(plus),
        written=bool(words),
        year_like=candidate.year,
        scaled=bool(mult),
    )


def _date_shape(match: re.Match[str]) -> tuple[bool, bool]:
    """Could the figure be (a year, a day of the month)? Only bare digits can: no scale, percent or separator.

    A currency mark before the digits rules both out too; the caller knows whether there is one.
    """
    digits, mult, pct, plus = match.group("digits", "mult", "pct", "plus")
    if not digits or not digits.isdigit() or mult or pct:
        return False, False
    value = int(digits)
    return len(digits) == 4 and _YEARS[0] <= value <= _YEARS[1] and not plus, 1 <= value <= 31


def _slash_not_rate(plain: str, end: int) -> bool:
    """A slash after a number makes it a fraction or code ("3/4", "24/7"), unless a word follows: "$50/month"."""
    return plain[end] == "/" and not _RATE.match(plain, end)


def _currency_before(plain: str, start: int, lex: _Lexicon) -> tuple[str, int] | None:
    """The currency mark written just before a number ("HK$", "€", "USD ") and where it begins."""
    if start == 0:
        return None
    prev = plain[start - 1]
    if prev.isspace():  # only a code ("USD 5") is written apart from its number
        code = plain[max(0, start - 4) : start - 1]
        if not (code.isalpha() and code.isupper()):
            return None
    elif not (prev.isupper() or prev in lex.prefix_ends):
        return None
    for prefix in lex.prefixes:
        for written in (prefix, prefix + " ") if prefix.isalpha() else (prefix,):
            begin = start - len(written)
            if begin >= 0 and plain.startswith(written, begin) and (begin == 0 or not plain[begin - 1].isalnum()):
                return prefix, begin
    return None


def _words_before(plain: str, start: int, n: int) -> list[str]:
    """The last ``n`` white-space separated words before ``start``, lower-cased."""
    lo = max(0, start - 12 * n)
    found = plain[lo:start].lower().split()
    if found and lo > 0 and not plain[lo].isspace() and not plain[lo - 1].isspace():
        found = found[1:]  # cut mid-word
    return found[-n:]


def _tail_of_token(plain: str, start: int) -> bool:
    """Is this number glued to what precedes it: "COVID-19", the "20" of "2019-20", "v1.2"?"""
    if start >= 2 and plain[start - 1] in "-–." and plain[start - 2].isalnum():
        return True
    return start > 0 and plain[start - 1].isalnum()


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:  # the regex only lets digits through; kept for safety on odd Unicode digits
        return Decimal(0)


def _scale(written: str, lex: _Lexicon) -> int:
    key = written.strip().lower()
    return lex.scales.get(key) or lex.suffix_scales.get(key, 1)


def _approximate(written: str, lex: _Lexicon) -> tuple[int, int]:
    """ "hundreds" → (200, 999); "tens of thousands" → (20000, 99999)."""
    parts = written.lower().split()
    low, high = lex.approximate[parts[0]]
    if len(parts) == 3:
        scale = lex.approximate_of[parts[2]]
        return low * scale, (high + 1) * scale - 1
    return low, high


def _words_value(written: str, lex: _Lexicon) -> tuple[int, int] | None:
    """The value of "thirty-five", "a dozen", "ten million", and how many characters of ``written`` it uses.

    Parsing stops at the first word that cannot continue the number ("two and three" is two).
    """
    total = current = 0
    used = 0
    last = ""  # "unit", "ten", "scale"
    for token in _LATIN.finditer(written):
        word = token.group().lower()
        if word == "a" and not last:
            current, last = 1, "a"
        elif word == "and":
            if last != "scale":
                break
            continue
        elif word in lex.units and last in ("", "ten", "scale", "a") and not (last == "ten" and lex.units[word] >= 10):
            current += lex.units[word]
            last = "unit"
        elif word in lex.tens and last in ("", "scale"):
            current += lex.tens[word]
            last = "ten"
        elif word in lex.scales and last in ("", "unit", "ten", "a", "scale"):
            scale = lex.scales[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
            last = "scale"
        else:
            break
        used = token.end()
    if not used or last == "a":
        return None
    return total + current, used


# --- what is around a figure -------------------------------------------------


def _qualifier_before(plain: str, start: int, lex: _Lexicon, last: list[str]) -> tuple[str, int] | None:
    """The qualifier written just before ``start`` ("at least", "as young as") and where it begins.

    ``last``: the word before ``start``, as ``_words_before(plain, start, 1)`` gives it. When it
    is found it is also the last of the four words read here, and most figures have none.
    """
    if start == 0 or not plain[start - 1].isspace():
        return None
    if last and last[0] not in lex.qualifier_ends and last[0].lstrip('([“‘"') not in lex.qualifier_ends:
        return None
    before = _words_before(plain, start, 4)
    for k in range(len(before), 0, -1):
        key = (before[-k].lstrip('([“‘"'), *before[len(before) - k + 1 :])
        if key in lex.qualifiers:
            offset = _phrase_start(plain, start, key)
            if offset < start:  # not found as written (punctuation inside the words): no qualifier
                return plain[offset:start].rstrip(), offset
    return None


def _phrase_start(plain: str, end: int, words: tuple[str, ...]) -> int:
    """Where the words of a phrase that ends (before white space) at ``end`` begin."""
    found = _phrase_end_pattern(words).search(plain, max(0, end - 16 * len(words)), end)
    return found.start() if found else end


@cache
def _phrase_end_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_WS.join(re.escape(w) for w in words) + r"\s+$", re.IGNORECASE)


def _post_qualifier(plain: str, pos: int, lex: _Lexicon) -> tuple[str, int] | None:
    found = lex.post_qualifier.match(plain, pos)
    return (found.group(1).strip(), found.end()) if found else None


def _with_range(plain: str, core: _Core, lex: _Lexicon, qualifier: tuple[str, int] | None) -> tuple[_Core, str | None]:
    """The core widened to "X–Y", "X to Y" or "between X and Y", with the connector as written."""
    if core.low is not None:
        return core, None
    link = _CONNECTOR.match(plain, core.end)
    if link is None:
        return core, None
    word = link.group(1).lower()
    between = qualifier is not None and _fold(qualifier[0]) == "between"
    if (word == "and" and not between) or (word == "to" and _preceded_by(plain, core.start, "from")):
        return core, None
    other_match = lex.figure.match(plain, link.end())
    other = _core(plain, _candidate(plain, other_match, lex), lex, glued=True) if other_match else None
    if other is None or other.low is not None:
        return core, None
    first = core.value
    if other_match and other.scaled and not core.scaled:  # "between 10 and 20 million": the scale is shared
        scale = _scale(other_match["mult"], lex)
        first = first * scale if first * scale <= other.value else first
    if first > other.value:
        return core, None
    widened = core._replace(
        end=other.end,
        low=first,
        high=other.value,
        value=first,
        percent=core.percent or other.percent,
        currency=core.currency or other.currency,
        year_like=core.year_like and other.year_like,
    )
    return widened, "between" if between else word


def _preceded_by(plain: str, start: int, word: str) -> bool:
    before = plain[max(0, start - len(word) - 8) : start].lower().split()
    return bool(before) and before[-1] == word


def _unit_after(plain: str, pos: int, core: _Core, lex: _Lexicon) -> tuple[str | None, str | None, int, bool]:
    """The unit or counted noun after a figure: (unit as written, head lemma, end, directly adjacent)."""
    phrase = lex.unit_phrase.match(plain, pos)
    if phrase:
        unit = lex.unit_phrases[_fold(phrase.group(1))]
        return unit, lemma(unit.split()[0]), phrase.end(), True
    if core.percent:
        return "%", _of_noun(plain, pos, lex), pos, True
    money = lex.currency_word.match(plain, pos)
    if money and not core.currency:
        return lex.currency_words[_fold(money.group(1))], None, money.end(), True
    if core.currency:
        return core.currency, None, pos, True
    noun = _counted_noun(plain, pos, core, lex)
    if noun:
        word, end, adjacent = noun
        return word.lower(), lemma(word), end, adjacent
    return None, _object_noun(plain, pos, lex), pos, False


def _counted_noun(plain: str, pos: int, core: _Core, lex: _Lexicon) -> tuple[str, int, bool] | None:
    """The noun a figure counts: "332 arrests", "two Amnesty International offices", "one office"."""
    if core.low is not None and _OF.match(plain, pos):  # "hundreds of people"
        return _of_phrase(plain, pos, lex)
    if plain.startswith("-", pos):  # "a 10-day trial"
        token = _TOKEN.match(plain, pos + 1)
        if token and _noun_like(token.group(1), lex):
            return token.group(1), token.end(), True
        return None
    singular = core.value == 1 and core.low is None
    for i, token in enumerate(_tokens(plain, pos, 5)):
        word = token.group(1)
        if word.lower() in lex.durations:
            return word, token.end(), i == 0
        if is_stopword(word) or word.lower() in lex.verbs or word.lower().endswith("ly"):
            return None
        if _plural(word, lex) and not singular:
            return word, token.end(), i == 0
        if singular and word[0].islower():
            return (word, token.end(), i == 0) if _noun_like(word, lex) else None
        if word[0].islower() and i >= 2:
            return None
    return None


def _of_phrase(plain: str, pos: int, lex: _Lexicon) -> tuple[str, int, bool] | None:
    """ "hundreds of people": the noun after "of", skipping determiners."""
    of = _OF.match(plain, pos)
    if of is None:
        return None
    for token in _tokens(plain, of.end(), 6):
        word = token.group(1)
        if word.lower() in lex.determiners:
            continue
        if is_stopword(word):
            return None
        if _plural(word, lex):
            return word, token.end(), False
    return None


def _of_noun(plain: str, pos: int, lex: _Lexicon) -> str | None:
    """The lemma of what a percentage is of: "84.6% of these cases" → "case"."""
    noun = _of_phrase(plain, pos, lex)
    if noun:
        return lemma(noun[0])
    of = _OF.match(plain, pos)
    if of is None:
        return None
    for token in _tokens(plain, of.end(), 3):
        word = token.group(1)
        if word.lower() not in lex.determiners:
            return lemma(word) if _noun_like(word, lex) else None
    return None


def _object_noun(plain: str, pos: int, lex: _Lexicon) -> str | None:
    """With no noun after the figure (which ends at ``pos``), the object of its verb:
    "189 led to convictions" → "conviction"."""
    tokens = _tokens(plain, pos, 5)
    first = next(tokens, None)
    if first is None or not _verb_like(first.group(1), lex):
        return None
    for token in tokens:
        word = token.group(1)
        if is_stopword(word) or word.lower() in lex.determiners or _verb_like(word, lex):
            continue
        return lemma(word) if _plural(word, lex) else None
    return None


def _tokens(plain: str, pos: int, limit: int) -> Iterator[re.Match[str]]:
    """Up to ``limit`` words from ``pos``, stopping at punctuation.

    Matched one by one as they are asked for: most readers stop at the first or second.
    """
    for _ in range(limit):
        token = _TOKEN.match(plain, pos)
        if token is None:
            return
        yield token
        pos = token.end()


def _plural(word: str, lex: _Lexicon) -> bool:
    w = word.lower()
    if w in lex.plurals:
        return True
    return len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s")) and not is_stopword(w)


def _noun_like(word: str, lex: _Lexicon) -> bool:
    w = word.lower()
    return not (is_stopword(w) or _verb_like(w, lex) or w.endswith("ly"))


def _verb_like(word: str, lex: _Lexicon) -> bool:
    w = word.lower()
    return w in lex.verbs or (len(w) > 4 and w.endswith(("ed", "ing")))


# --- what is not a count -----------------------------------------------------


def _date_part(plain: str, candidate: _Candidate, lex: _Lexicon) -> bool:
    """Is the match the day or the year of a date ("23 April", "in 2019", "2019,")? Then it is no figure.

    Most bare numbers in news are these, so they are turned away here, from the match alone, before
    ``_figure`` reads qualifiers, ranges and units. A year that a connector may widen into a range
    ("2019 to 2021") is left to ``_figure``, which judges the range as a whole. Whatever a bare number
    in a short quoted term is, it is no figure either, so the quoted-term test can wait until after this.
    """
    year, day, before = candidate.year, candidate.day, candidate.before
    if not (year or day):
        return False
    end = candidate.match.end()  # a bare number's core ends where its match does, "-plus" or "+" included
    if day and _beside_month(plain, end, before, lex):
        return True
    return year and not _CONNECTOR.match(plain, end) and _surely_a_year(plain, end, lex, before)


def _beside_month(plain: str, end: int, before: list[str], lex: _Lexicon) -> bool:
    """Is a month named right after the number (which ends at ``end``) or right before it (``before``)?"""
    previous = before[0] if before else ""
    return _month(_next_word(plain, end), lex) or _month(previous.rstrip(".,"), lex)


def _not_a_count(plain: str, core: _Core, lex: _Lexicon, block_starts: list[int], before: list[str]) -> bool:
    """A reference number ("Article 23" written lower-case), a time ("5 pm", "10.30") or list numbering.

    Day numbers beside a month never get here: ``_date_part`` turned them away.
    """
    previous = before[0] if before else ""
    if previous.lstrip("(") in lex.references:
        return True
    if _named(plain, core.start, lex):
        return True
    if not core.percent and lex.time_after.match(plain, core.end):
        return True
    return _list_number(plain, core, block_starts)


def _month(name: str, lex: _Lexicon) -> bool:
    """A month name next to a day number; "may" and "march" only when capitalised."""
    if name.lower() not in lex.months:
        return False
    return name.lower() not in lex.ambiguous_months or name[0].isupper()


def _next_word(plain: str, pos: int) -> str:
    """The word after ``pos`` ("of" skipped, as in "the 30th of June")."""
    token = _TOKEN.match(plain, pos)
    if token and token.group(1).lower() == "of":
        token = _TOKEN.match(plain, token.end())
    return token.group(1) if token else ""


def _list_number(plain: str, core: _Core, block_starts: list[int]) -> bool:
    """ "1. First point": a number that opens a block or line, followed by "." or ")"."""
    after = plain[core.end : core.end + 2]
    if len(after) < 2 or after[0] not in ".)" or not after[1].isspace():
        return False
    i = bisect.bisect_right(block_starts, core.start) - 1
    line_start = plain.rfind("\n", 0, core.start) + 1
    start = max(block_starts[i] if i >= 0 else 0, line_start)
    return plain[start : core.start].strip(" \t(#*-") == ""


def _in_idiom(plain: str, core: _Core, lex: _Lexicon) -> bool:
    """ "No one", "one of the most", "one another": number words that count nothing."""
    lo, hi = max(0, core.start - 16), min(len(plain), core.end + 16)
    return any(m.start() <= core.start and core.end <= m.end() for m in lex.idiom.finditer(plain, lo, hi))


# --- the interval -------------------------------------------------------------


def _interval(shape: str | None, core: _Core, band: float) -> Interval:
    v = core.value
    if core.low is not None and core.high is not None:
        interval = Interval(core.low, core.high)
        if shape in ("at_least", "more_than"):
            interval = Interval(core.low, None, shape == "at_least", False)
        elif shape in ("at_most", "less_than"):
            interval = Interval(None, core.high, False, shape == "at_most")
    elif shape == "at_least":
        interval = Interval(v, None, True, False)
    elif shape == "more_than":
        interval = Interval(v, None, False, False)
    elif shape == "at_most":
        interval = Interval(None, v, False, True)
    elif shape == "less_than":
        interval = Interval(None, v, False, False)
    elif shape == "about":
        interval = Interval(v - abs(v) * band, v + abs(v) * band)
    elif shape == "nearly":
        interval = Interval(v - abs(v) * band, v, True, False)
    else:
        interval = Interval.point(v)
    return _clamped(interval) if core.percent and 0 <= v <= 100 else interval


def _clamped(interval: Interval) -> Interval:
    """A share lies in [0, 100]: "over 80%" is (80, 100]."""
    low, low_inc = (0.0, True) if interval.low is None or interval.low < 0 else (interval.low, interval.low_inclusive)
    high, high_inc = (
        (100.0, True) if interval.high is None or interval.high > 100 else (interval.high, interval.high_inclusive)
    )
    return Interval(low, high, low_inc, high_inc)


def _qualifier_text(
    plain: str,
    qualifier: tuple[str, int] | None,
    post: tuple[str, int] | None,
    connector: str | None,
    core: _Core,
) -> str | None:
    parts = [_fold(q[0]) for q in (qualifier, post) if q]
    if connector and "between" not in parts:
        parts.append(connector)
    if core.plus and not post:
        parts.append("-plus" if "plus" in plain[core.start : core.end].lower() else "+")
    return " ".join(parts) or None


# --- the claim and its measure ---------------------------------------------------


def _with_neighbour_heads(placed: list[tuple[_Figure, int]]) -> list[tuple[_Figure, int]]:
    """A bare figure ("…, 189 were freed") counts what its neighbour in the sentence counts ("332 arrests")."""
    result = []
    for k, (figure, sentence) in enumerate(placed):
        head = _neighbour_head(placed, k, sentence) if figure.head is None and figure.unit is None else None
        if head is not None:
            figure = figure._replace(head=head)
        result.append((figure, sentence))
    return result


def _neighbour_head(placed: list[tuple[_Figure, int]], k: int, sentence: int) -> str | None:
    order = [*range(k - 1, -1, -1), *range(k + 1, len(placed))]
    for j in order:
        other, where = placed[j]
        if where == sentence and other.head and not other.is_percent and not other.is_money:
            return other.head
    return None


def _claim(plain: str, figure: _Figure, index: int, sentences: Sequence[Sentence]) -> NumberClaim:
    return NumberClaim(
        span=Span(figure.start, figure.end),
        text=plain[figure.start : figure.end],
        sentence=index,
        value=figure.value,
        interval=figure.interval,
        qualifier=figure.qualifier,
        unit=figure.unit,
        head=figure.head,
        measure=_measure(plain, figure, index, sentences),
        is_percent=figure.is_percent,
        versus=period_after(plain[figure.end : min(figure.end + WINDOW, sentences[index].span.end)]),
    )


def _measure(plain: str, figure: _Figure, index: int, sentences: Sequence[Sentence]) -> frozenset[str]:
    """Content words of the figure's clause, and of the clause it refers back to."""
    lex = _lexicon()
    sentence = sentences[index]
    base = sentence.span.start
    text = sentence.text
    lo, hi = figure.start - base, figure.core_end - base
    if not 0 <= lo <= len(text):
        return frozenset({figure.head} if figure.head else ())
    clauses = _clauses(text)
    k = next((i for i, (s, e) in enumerate(clauses) if s <= lo < e), 0)
    s, e = clauses[k]
    own = _NUMERIC.sub(" ", text[s:lo] + " " + text[max(hi, s) : e])  # other figures' "bn", "m" say nothing
    found = _measure_words(own)
    earlier = k > 0 or (index > 0 and sentences[index - 1].block == sentence.block)
    if earlier and _refers_back(own, lex):  # read only where there is an earlier clause to lean on
        if k > 0:
            found |= _measure_words(text[clauses[0][0] : clauses[0][1]])
        else:
            previous = sentences[index - 1].text
            first = _clauses(previous)[0]
            found |= _measure_words(previous[first[0] : first[1]])
    head = figure.head
    if head and head not in lex.number_words and not _is_rank(head):
        found.add(head)
    return frozenset(found)


def _measure_words(text: str) -> set[str]:
    """The content words of ``text`` that can say what is counted: number words and ranks left out."""
    found = set(map(_measure_key, WORD.findall(text)))
    found.discard(None)
    return found  # type: ignore[return-value]


@cache
def _measure_key(word: str) -> str | None:
    """A word's lemma as ``_measure_words`` keeps it, or None. Cached: clause after clause holds the same words."""
    key = content_key(word)
    return None if key is None or key in _lexicon().number_words or _is_rank(key) else key


@cache
def _is_rank(word: str) -> bool:
    """ "Q2" in a figure's clause is another rank ("lower than Q2"), not what is counted.

    Cached like ``lemma``: the same few words come back in clause after clause.
    """
    return _lexicon().ordinal.fullmatch(word.upper()) is not None


@lru_cache(maxsize=1024)
def _clauses(text: str) -> tuple[tuple[int, int], ...]:
    """The clauses of a sentence, as (start, end) offsets, the separators left out."""
    spans, start = [], 0
    for begin, end in _clause_breaks(text):
        if begin > start:
            spans.append((start, begin))
        start = end
    spans.append((start, len(text)))
    return tuple(spans)


def _clause_breaks(text: str) -> Iterator[tuple[int, int]]:
    """Where ``lex.clause_break.finditer(text)`` finds separators, as (start, end) offsets.

    ``lex.clause_mark`` finds them in the lower-cased text by their first character, which re turns most
    positions away on at C speed; the bounds it cannot see are checked here. Letters that only match
    under re's case folding ("ſ", "ı") send the text the slow way.
    """
    lex = _lexicon()
    if any(c in text for c in _FOLDS_ODDLY):
        yield from (m.span() for m in lex.clause_break.finditer(text))
        return
    low = text.lower()
    cursor = 0
    for m in lex.clause_mark.finditer(low):
        start, end = m.span()
        if low[start] in _DASHES:
            start -= 1  # the white space before the dashes, unless the separator before took it
            if start < cursor:
                continue
        elif start and low[start].isalpha() and (low[start - 1].isalnum() or low[start - 1] == "_"):
            continue  # a clause word inside a longer word
        yield start, end
        cursor = end


def _refers_back(clause: str, lex: _Lexicon) -> bool:
    """Does the clause lean on another for its subject: a pronoun, or no subject of its own?"""
    found = _LETTERS.findall(clause)
    if not found:
        return True
    first = found[0].lower()
    return first in lex.openers or first.endswith("ing") or not lex.pronouns.isdisjoint(map(str.lower, found))
