"""Dates: absolute, partial and relative, each with the interval it allows.

What a DateClaim's fields mean here:

- ``start``/``end`` are the calendar period the expression *names*, inclusive:
  "30 June 2020" is one day, "June 2021" the month, "in 2020" the year, "by the
  end of 2021" and "by the end of the year" the whole year (Jan 1 to Dec 31).
  How the dated event relates to that period is the ``qualifier`` ("by",
  "since", "before", "after", "until", "in", "on"): "by the end of 2021" is
  (2021-01-01, 2021-12-31, qualifier "by"), "since 2020" is (2020-01-01,
  2020-12-31, qualifier "since"). Keeping the named period and the direction
  apart lets a rule decide what "by" allows without the extractor guessing a
  lower bound.
- ``relative`` is true when the expression needs the publication date
  (``options.published``): "last year", "next month", "on Monday", "31 October"
  without a year. Without a publication date these stay unresolved
  (start = end = None), never guessed.
- A day or month written without a year, and a bare weekday, take the
  publication date's year or week, shifted by the sentence's tense: in a
  sentence about the future ("will", "is due to") it is the next such day on or
  after publication ("on Monday": the next Monday *after* it); otherwise the
  last one on or before it ("on Monday" in a past-tense report published on a
  Monday is that very day).
- The span holds the qualifier words when the date needs them to read as one
  ("in 2020", "on Monday", "by the end of the year", "since 2020"); before a
  date that stands alone ("on 30 June 2020") "in"/"on" are recorded as the
  qualifier but left out of the span.
- ``event`` is the content words of the date's clause, date words excluded.

Not dates: durations ("over the last 40 years", "for decades", "one year
after"), ages, times of day, and four-digit figures with a unit ("2000 people").
The date line at the top of a document (its publication date) is metadata, not
a claim, and is skipped.

Normalisation is hand-rolled: the patterns already split a date into day,
month and year, so only calendar arithmetic remains. Measured on the absolute
dates of tests/cases/dates.yaml, python-dateutil (fuzzy) got 12 of 13 (not
French "1er juillet 2020") and dateparser 11 of 13 (not "since 2020", "by the
end of 2021") at 1-2 orders of magnitude more time per expression.
"""

from __future__ import annotations

import bisect
import calendar
import itertools
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

from ..lexicons import lexicon
from ..model import DateClaim, Document, ExtractOptions, Granularity, Sentence, Span
from .patterns import trie_alternation
from .words import content_words, lemma

Period = tuple[date, date]


@dataclass(frozen=True, slots=True)
class _Found:
    """One date expression, parsed but not yet a claim."""

    span: Span
    period: Period | None
    granularity: Granularity
    relative: bool
    qualifier: str | None


@dataclass(frozen=True, slots=True)
class _Context:
    """What resolving a match may look at."""

    text: str  # Document.plain
    sentence: Sentence
    published: date | None

    @property
    def future(self) -> bool:
        """Does the sentence speak of the future? Asked only by the few relative dates."""
        span = self.sentence.span
        return _grammar().future.search(self.text, span.start, span.end) is not None


# --- the lexicon, compiled once ------------------------------------------------


def _forms(names: dict[str, int], lowercase: bool) -> dict[str, int]:
    """Each name as it may be written: Title and UPPER case, and lower case where the language writes it so."""
    out: dict[str, int] = {}
    for name, value in names.items():
        variants = {name.title(), name.upper(), name[:1].upper() + name[1:]}
        if lowercase:
            variants.add(name)
        for v in variants:
            out[v] = value
    return out


def _alternation(words: Sequence[str]) -> str:
    """A regex matching any of ``words``, the longest first (month and weekday names: long lists)."""
    return trie_alternation(words)


def _cased(words: Sequence[str]) -> list[str]:
    """Each word as written in lower, Title and UPPER case (cheaper for re than an ignore-case group)."""
    return [v for w in words for v in (w.lower(), w[:1].upper() + w[1:].lower(), w.upper())]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    months: dict[str, int]  # written form → month
    weekdays: dict[str, int]  # written form → ISO weekday
    full_months: frozenset[str]  # written forms that may stand without a day or year
    full_weekdays: frozenset[str]
    qualifiers: dict[str, str]  # lower-case phrase → qualifier
    detached: frozenset[str]
    relative: dict[str, tuple[str, int]]
    shifts: dict[str, int]
    units: dict[str, str]
    parts: dict[str, tuple[int, int]]
    ordinals: dict[str, int]
    numbers: dict[str, int]
    not_after: frozenset[str]
    not_before: frozenset[str]
    years: tuple[int, int]
    date_words: frozenset[str]  # lemmas never counted as the dated event
    raw: dict[str, Any]


@cache
def _lexicon() -> _Lexicon:
    raw = lexicon("dates")
    lower = set(raw["lowercase_names"])
    abbreviations = {a.lower() for a in raw["abbreviations"]}
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for lang, names in raw["months"].items():
        months |= _forms(names, lang in lower)
    for lang, names in raw["weekdays"].items():
        weekdays |= _forms(names, lang in lower)
    words = [*raw["months"]["en"], *raw["months"]["fr"], *raw["weekdays"]["en"], *raw["weekdays"]["fr"]]
    words += [*raw["relative"], *raw["relative_shift"], *raw["units"], "end", "start", "beginning", "middle", "turn"]
    words += ["early", "mid", "late", "half", "ago", "quarter", "q1", "q2", "q3", "q4", "between"]
    words += [w for phrase in raw["qualifiers"] for w in str(phrase).split()]
    return _Lexicon(
        months=months,
        weekdays=weekdays,
        full_months=frozenset(m for m in months if m.lower() not in abbreviations),
        full_weekdays=frozenset(w for w in weekdays if w.lower() not in abbreviations),
        qualifiers={k.lower(): v for k, v in raw["qualifiers"].items()},
        detached=frozenset(raw["detached_before_full_dates"]),
        relative={k: (v["unit"], int(v["offset"])) for k, v in raw["relative"].items()},
        shifts={k: int(v) for k, v in raw["relative_shift"].items()},
        units=dict(raw["units"]),
        parts={k: (int(v[0]), int(v[1])) for k, v in raw["period_parts"].items()},
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        numbers={str(k): int(v) for k, v in raw["numbers"].items()},
        not_after=frozenset(w.lower() for w in raw["not_year_after"]),
        not_before=frozenset(w.lower() for w in raw["not_year_before"]),
        years=(int(raw["year_range"][0]), int(raw["year_range"][1])),
        date_words=frozenset(lemma(w) for w in words),
        raw=raw,
    )


# Written after a day's number ("1st", "1er"), and the periods "... ago" counts.
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th", "er")
_AGO_UNITS = ("day", "week", "month", "year")

# What may stand right before a date: white space, an opening bracket or quote, markup.
_SEPARATORS = " \t\n\r\f\v\u00a0([{\"“‘'*_–—"


@dataclass(frozen=True, slots=True)
class _Grammar:
    pattern: re.Pattern[str]  # a date after a character that may precede one
    anchored: re.Pattern[str]  # a date right here (at a sentence's start)
    rules: tuple[tuple[str, Callable[[re.Match[str], _Context], _Found | None]], ...]
    qualifier_before: re.Pattern[str]
    future: re.Pattern[str]
    boundary: re.Pattern[str]
    parenthetical: re.Pattern[str]
    full_date_line: re.Pattern[str]
    dateline: re.Pattern[str]
    label: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _GateWords:
    """The words a date may begin with, as the gate spells them (see ``_grammar``)."""

    names: list[str]  # month and weekday names, as written
    rare: list[str]  # other words a date may begin with, in three cases
    common: list[str]  # words that begin a date only before a digit, a name or one of ``follows``
    follows: list[str]


def _gate_words(lx: _Lexicon) -> _GateWords:
    return _GateWords(
        names=[*lx.months, *lx.weekdays],
        rare=_cased([*lx.relative, *(p.split()[0] for p in lx.parts if " " not in p), "between"]),
        common=_cased([*lx.shifts, *lx.numbers, "the"]),
        follows=_cased([*lx.units, *lx.ordinals, *(p.split()[1] for p in lx.parts if " " in p)]),
    )


@cache
def _grammar() -> _Grammar:
    lx = _lexicon()
    month = f"(?:{_alternation(list(lx.months))})"
    full_month = f"(?:{_alternation(list(lx.full_months))})"
    weekday = f"(?:{_alternation(list(lx.weekdays))})"
    full_weekday = f"(?:{_alternation(list(lx.full_weekdays))})"
    ordinal = _alternation(list(lx.ordinals))
    parts = _alternation([p for p in lx.parts if " " not in p])
    halves = _alternation([p for p in lx.parts if " " in p])
    units = _alternation(list(lx.units))
    shifts = _alternation(list(lx.shifts))
    numbers = _alternation(list(lx.numbers))
    relative = _alternation(list(lx.relative))
    th = f"(?:{'|'.join(_ORDINAL_SUFFIXES)})?"
    year = r"\d{4}(?!\w)"
    wd = rf"(?:{weekday}\.?,?\s+)?"
    # Order matters: at one position the first alternative that matches wins,
    # so longer, more specific forms come first.
    alternatives = {
        "iso": r"(?P<iso_y>\d{4})-(?P<iso_m>\d\d?)-(?P<iso_d>\d\d?)(?![\w/-])",
        "dmy": rf"{wd}(?P<dmy_d>\d\d?){th}\s+(?:of\s+)?(?P<dmy_m>{month})\.?,?\s+(?P<dmy_y>{year})",
        "mdy": rf"{wd}(?P<mdy_m>{month})\.?\s+(?P<mdy_d>\d\d?){th},?\s+(?P<mdy_y>{year})",
        "between": rf"(?i:between)\s+(?P<bt_a>{year})\s+(?i:and)\s+(?P<bt_b>{year})",
        "span": rf"(?P<sp_a>{year})\s*(?:[–—-]|\s(?i:to|until|through)\s)\s*(?P<sp_b>\d{{4}}|\d\d)(?![\w%])",
        "dm": rf"{wd}(?P<dm_d>\d\d?){th}\s+(?:of\s+)?(?P<dm_m>{month})(?![\w])",
        "md": rf"{wd}(?P<md_m>{month})\.?\s+(?P<md_d>\d\d?){th}(?![\w%]|[.,:]\d)",
        "my": rf"(?P<my_m>{month})\.?,?\s+(?P<my_y>{year})",
        "quarter": rf"(?:Q(?P<qt_n>[1-4])|(?i:the)\s+(?P<qt_o>{ordinal})\s+quarter\s+of)\s+(?P<qt_y>{year})",
        "part": rf"(?:(?P<pt_w>(?i:{parts}))(?:\s+|-)|(?P<pt_h>(?i:{halves}))\s+)(?P<pt_y>{year})",
        "decade": r"(?:(?i:the)\s+)?(?:(?P<dc_y>\d{3}0)['’]?s(?!\w)|['’](?P<dc_s>\d0)s(?!\w))",
        "year": r"(?P<yr>\d{4})(?![\w%]|[.,]\d)",
        "ago": rf"(?P<ag_n>\d\d?|(?i:{numbers}))\s+(?P<ag_u>(?i:{'|'.join(_AGO_UNITS)}))s?\s+(?i:ago)(?!\w)",
        "word": rf"(?P<rw>(?i:{relative}))(?![\w'’-])",
        "shift": rf"(?P<sh>(?i:{shifts}))\s+(?P<sh_u>(?i:{units})(?!\w)|{full_weekday}(?!\w)|{full_month}(?!\w))",
        "the": rf"(?i:the)\s+(?P<th_u>(?i:{units}))(?![\w-])",
        "weekday": rf"(?P<wk>{full_weekday})(?![\w])",
        "month": rf"(?P<mo>{full_month})(?![\w])",
    }
    body = "|".join(f"(?P<{k}>{v})" for k, v in alternatives.items())
    # Python's re tries every alternative at every position; the gate (a
    # digit or the first word of some alternative) turns most word starts away
    # after a character or two, and the leading character class lets re skip
    # to the next possible word start in C. Together: ~10x faster.
    gw = _gate_words(lx)
    names, rare, common, follows = (_alternation(words) for words in (gw.names, gw.rare, gw.common, gw.follows))
    word_end = r"(?![^\W\d_])"
    gate = rf"(?=\d|['’]\d|Q[1-4]|(?:{names}|{rare}){word_end}|{common}\s+(?:\d|['’]\d|{names}|{follows}))"
    anchored = rf"(?P<at>{gate}(?:{body}))"
    pattern = rf"[{re.escape(_SEPARATORS)}]{anchored}"
    qualifiers = _alternation(list(lx.qualifiers)).replace(r"\ ", r"\s+")
    future = _alternation(lx.raw["future_markers"]).replace(r"\ ", r"\s+")
    labels = _alternation(lx.raw["dateline_labels"]).replace(r"\ ", r"\s+")
    dmy, mdy = rf"{wd}\d\d?{th}\s+(?:of\s+)?{month}\.?,?\s+{year}", rf"{wd}{month}\.?\s+\d\d?{th},?\s+{year}"
    full = rf"(?:{dmy}|{mdy}|\d{{4}}-\d\d?-\d\d?)"
    builders = _builders()
    return _Grammar(
        pattern=re.compile(pattern),
        anchored=re.compile(anchored),
        rules=tuple((k, builders[k]) for k in alternatives),
        qualifier_before=re.compile(rf"(?<![\w])(?i:{qualifiers})\s+$"),
        future=re.compile(rf"(?i)(?<![\w])(?:{future})(?![\w])"),
        boundary=re.compile(r"[;:,()\[\]]|\s[–—-]+\s|(?<![\w])(?:while|whereas|but|although|though|because)(?![\w])"),
        parenthetical=re.compile(r"\s[–—]\s[^–—]*?\s[–—]\s|\([^()]*\)"),
        full_date_line=re.compile(rf"\s*(?P<date>{full})(?:\s*$|\s*[,.;:|·•–—(-]|\s+(?i:par|by)\s)"),
        dateline=re.compile(rf"\s*[A-Z][A-Z.'’ -]+,\s+(?:[A-Z][a-z]+\s+)?(?P<date>{full})\s*[(,–—-]"),
        label=re.compile(rf"\s*(?i:{labels})\s*:?\s*"),
    )


# --- where a date may start --------------------------------------------------------
#
# Trying the grammar after every separator costs ~2,000 instructions a word, and
# nearly every word is no date's first. A skeleton of the text, one byte per
# character, lets a small bytes pattern pick the few places worth trying: re
# finds its leading space by a byte compare, and the words it then tests are
# spelt as the skeleton spells them. The places it picks include every place
# the grammar's gate accepts, so the matches found are the same.


def _skeleton_table() -> bytes:
    """The skeleton of each latin-1 byte: a space for separators and white space (and for ``'`` and ``?``, which
    encoding puts for any character past latin-1), ``0`` for a digit, a letter in lower case; others unchanged."""
    out = bytearray(range(256))
    for b in range(256):
        c = chr(b)
        if c in _SEPARATORS or c.isspace() or c == "?":
            out[b] = ord(" ")
        elif c in "0123456789":
            out[b] = ord("0")
        elif c.isalpha() and len(c.lower()) == 1 and ord(c.lower()) < 256:
            out[b] = ord(c.lower())
    return bytes(out)


# How much of a word after "the", "next", ... the skeleton pattern checks: enough to turn most words away, little
# enough to keep the pattern quick to compile.
_FOLLOW_LETTERS = 4


@dataclass(frozen=True, slots=True)
class _Starts:
    table: bytes
    pattern: re.Pattern[bytes]  # consumes no space after its first: no later start is skipped


@cache
def _starts() -> _Starts:
    gw, table = _gate_words(_lexicon()), _skeleton_table()
    firsts, commons = _spelt([*gw.names, *gw.rare], table), _spelt(gw.common, table)
    follows = {w[:_FOLLOW_LETTERS] for w in _spelt([*gw.names, *gw.follows], table)}
    letters = re.escape("".join(sorted({chr(b) for b in table if chr(b).isalpha()})))
    kinds = ((firsts, rf"(?![{letters}])"), (commons, rf"(?= +(?:0|{trie_alternation(follows)}))"))
    groups = [_first_letter_group(head, kinds) for head in sorted({w[0] for w in firsts + commons})]
    # A number starts a date only as four digits (a year, an ISO date) or as a day or a count before a month or
    # a unit ("25 May", "3 weeks ago"); the units are matched ignoring case, so each is cut before a letter that
    # re then also matches past latin-1 (the skeleton shows that as a space).
    after_number = [*(w[:3] for w in _spelt(_lexicon().months, table)), *(_before_folds(u) for u in _AGO_UNITS)]
    number = rf"0(?=000|0?(?:{'|'.join(_ORDINAL_SUFFIXES)})? +(?:of +)?{trie_alternation(after_number)})"
    # the gate's alternatives as the skeleton spells them: a number, Q1-Q4, the words
    return _Starts(table, re.compile(" (?:{})".format("|".join([number, "q0", *groups])).encode("latin-1")))


# The ASCII letters that re, ignoring case, also matches with a character past latin-1 (İ ı, K, ſ).
_FOLDED_PAST_LATIN1 = "iks"


def _before_folds(word: str) -> str:
    """``word`` up to its first letter that ignoring case may be written past latin-1."""
    return re.split(f"[{_FOLDED_PAST_LATIN1}]", word)[0]


def _first_letter_group(head: str, kinds: Sequence[tuple[list[str], str]]) -> str:
    """The words that start with ``head``: for each kind, its words as one tree, then the kind's tail pattern.

    One such group per first letter lets re turn most words away after comparing their first letter only.
    """
    rests = [
        (trie_alternation(rest), tail) for words, tail in kinds if (rest := [w[1:] for w in words if w[0] == head])
    ]
    return re.escape(head) + "(?:" + "|".join(tree + tail for tree, tail in rests) + ")"


def _spelt(words: Sequence[str], table: bytes) -> list[str]:
    """``words`` as the skeleton spells them, each cut at its first space (what follows it could be a new start)."""
    return sorted({w.encode("latin-1", "replace").translate(table).decode("latin-1").split(" ")[0] for w in words})


def _start_positions(text: str) -> list[int] | None:
    """Where ``_grammar().pattern`` may match in ``text`` (at a separator), in order; every real match is among them.

    None for a text with a digit past ASCII (rare): the skeleton shows it as a space, so it is scanned in full.
    """
    st = _starts()
    raw = text.encode("latin-1", "replace")
    found = [m.start() for m in st.pattern.finditer(raw.translate(st.table))]
    quoted = []  # before a quote and a digit ("’90s", "'20s"): the skeleton shows the quote as a space
    for mark in (b"'", b"?"):
        at = raw.find(mark)
        while at >= 0:
            c = text[at]
            if c.isdecimal():
                return None
            if at > 0 and c in "'’" and text[at + 1 : at + 2].isdecimal():
                quoted.append(at - 1)
            at = raw.find(mark, at + 1)
    return sorted({*found, *quoted}) if quoted else found


def _scan(text: str) -> Iterator[re.Match[str]]:
    """What ``_grammar().pattern.finditer(text)`` yields, trying the pattern only where a date may start."""
    pattern = _grammar().pattern
    starts = _start_positions(text)
    if starts is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for p in starts:
        if p >= end and (m := pattern.match(text, p)) is not None:
            end = m.end()
            yield m


# --- calendar arithmetic -------------------------------------------------------


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_period(year: int, month: int) -> Period:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _months_period(year: int, first: int, last: int) -> Period:
    return date(year, first, 1), _month_period(year, last)[1]


def _year_period(year: int) -> Period:
    return date(year, 1, 1), date(year, 12, 31)


def _shifted_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _unit_period(unit: str, anchor: date, by: int) -> Period | None:
    """The calendar ``unit`` (day, week, ...) ``by`` units away from the one holding ``anchor``."""
    try:
        if unit == "day":
            d = anchor + timedelta(days=by)
            return d, d
        if unit == "week":
            monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=by)
            return monday, monday + timedelta(days=6)
        if unit == "month":
            return _month_period(*_shifted_month(anchor.year, anchor.month, by))
        if unit == "quarter":
            year, month = _shifted_month(anchor.year, (anchor.month - 1) // 3 * 3 + 1, 3 * by)
            return _months_period(year, month, month + 2)
        if unit == "year":
            return _year_period(anchor.year + by)
        if unit == "decade":
            first = anchor.year // 10 * 10 + 10 * by
            return date(first, 1, 1), date(first + 9, 12, 31)
    except (ValueError, OverflowError):
        return None
    return None


def _weekday_near(anchor: date, weekday: int, direction: int) -> date:
    """The ``weekday`` (1 = Monday) on or before ``anchor`` (direction 0), strictly before (-1) or after (1)."""
    back = (anchor.isoweekday() - weekday) % 7
    if direction > 0:
        return anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7 or 7)
    if direction < 0:
        return anchor - timedelta(days=back or 7)
    return anchor - timedelta(days=back)


def _year_for(month: int, day: int, ctx: _Context) -> int | None:
    """The year of a day written without one: the publication's, moved by the sentence's tense."""
    if ctx.published is None:
        return None
    year = ctx.published.year
    written = (month, day)
    now = (ctx.published.month, ctx.published.day)
    if ctx.future and written < now:
        return year + 1
    if not ctx.future and written > now:
        return year - 1
    return year


# --- one builder per alternative ---------------------------------------------


def _found(m: re.Match[str], period: Period | None, granularity: Granularity, relative: bool = False) -> _Found:
    return _Found(Span(m.start("at"), m.end()), period, granularity, relative, None)


def _absolute_day(y: str, mo: int, d: str) -> Period | None:
    day = _day(int(y), mo, int(d))
    return None if day is None else (day, day)


def _iso(m: re.Match[str], ctx: _Context) -> _Found | None:
    period = _absolute_day(m["iso_y"], int(m["iso_m"]), m["iso_d"])
    return None if period is None else _found(m, period, "day")


def _dmy(m: re.Match[str], ctx: _Context) -> _Found | None:
    period = _absolute_day(m["dmy_y"], _lexicon().months[m["dmy_m"]], m["dmy_d"])
    return None if period is None else _found(m, period, "day")


def _mdy(m: re.Match[str], ctx: _Context) -> _Found | None:
    period = _absolute_day(m["mdy_y"], _lexicon().months[m["mdy_m"]], m["mdy_d"])
    return None if period is None else _found(m, period, "day")


def _day_month(m: re.Match[str], ctx: _Context, month: int, day: int) -> _Found | None:
    if _day(2000, month, day) is None:  # 2000 is a leap year: any real day-month exists in it
        return None
    year = _year_for(month, day, ctx)
    when = None if year is None else _day(year, month, day)
    return _found(m, None if when is None else (when, when), "day", relative=True)


def _dm(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _day_month(m, ctx, _lexicon().months[m["dm_m"]], int(m["dm_d"]))


def _md(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _day_month(m, ctx, _lexicon().months[m["md_m"]], int(m["md_d"]))


def _my(m: re.Match[str], ctx: _Context) -> _Found | None:
    if not _is_year(int(m["my_y"])):
        return None
    return _found(m, _month_period(int(m["my_y"]), _lexicon().months[m["my_m"]]), "month")


def _year_range(m: re.Match[str], first: str, last: str) -> _Found | None:
    a = int(first)
    b = int(last) if len(last) == 4 else a // 100 * 100 + int(last)
    if not (_is_year(a) and _is_year(b)) or b <= a:
        return None
    return _found(m, (date(a, 1, 1), date(b, 12, 31)), "range")


def _between(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _year_range(m, m["bt_a"], m["bt_b"])


def _span(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _year_range(m, m["sp_a"], m["sp_b"])


def _quarter(m: re.Match[str], ctx: _Context) -> _Found | None:
    n = int(m["qt_n"]) if m["qt_n"] else _lexicon().ordinals[m["qt_o"].lower()]
    year = int(m["qt_y"])
    if not _is_year(year):
        return None
    return _found(m, _months_period(year, 3 * n - 2, 3 * n), "quarter")


def _part(m: re.Match[str], ctx: _Context) -> _Found | None:
    year = int(m["pt_y"])
    key = " ".join((m["pt_w"] or m["pt_h"]).lower().split())
    if not _is_year(year):
        return None
    return _found(m, _months_period(year, *_lexicon().parts[key]), "range")


def _decade(m: re.Match[str], ctx: _Context) -> _Found | None:
    if m["dc_y"]:
        first = int(m["dc_y"])
    else:
        short = int(m["dc_s"])
        # "'90s" is the 1990s and "'20s" the 2020s: two-digit decades up to the
        # current century's third are read as this century's.
        first = 2000 + short if short <= 20 else 1900 + short
    if not _is_year(first):
        return None
    return _found(m, (date(first, 1, 1), date(first + 9, 12, 31)), "decade")


def _is_year(value: int) -> bool:
    low, high = _lexicon().years
    return low <= value <= high


def _year(m: re.Match[str], ctx: _Context) -> _Found | None:
    value = int(m["yr"])
    if not _is_year(value) or _counts_something(ctx.text, m.start("at"), m.end()):
        return None
    return _found(m, _year_period(value), "year")


def _counts_something(text: str, start: int, end: int) -> bool:
    """Is the four-digit number at [start, end) a figure ("2000 people", "page 1997") rather than a year?"""
    lx = _lexicon()
    after = re.match(r"\s+([^\W\d_]+)", text[end : end + 40])
    if after and after[1].lower() in lx.not_after:
        return True
    before = re.search(r"([^\W\d_]+)\.?\s+$", text[max(0, start - 40) : start])
    return bool(before and before[1].lower() in lx.not_before)


def _ago(m: re.Match[str], ctx: _Context) -> _Found | None:
    raw = m["ag_n"].lower()
    n = int(raw) if raw.isdigit() else _lexicon().numbers[raw]
    unit = m["ag_u"].lower()
    period = None if ctx.published is None else _unit_period(unit, ctx.published, -n)
    return _found(m, period, unit, relative=True)  # type: ignore[arg-type]


def _word(m: re.Match[str], ctx: _Context) -> _Found | None:
    unit, offset = _lexicon().relative[m["rw"].lower()]
    period = None if ctx.published is None else _unit_period(unit, ctx.published, offset)
    return _found(m, period, unit, relative=True)  # type: ignore[arg-type]


def _shift(m: re.Match[str], ctx: _Context) -> _Found | None:
    lx = _lexicon()
    if _preceding_word(ctx.text, m.start("at")) in {"the", "its", "their", "his", "her", "our", "my", "your"}:
        return None  # "over the last year" is a duration, not a calendar year
    by = lx.shifts[m["sh"].lower()]
    target = m["sh_u"]
    if target.lower() in lx.units:
        unit = lx.units[target.lower()]
        period = None if ctx.published is None else _unit_period(unit, ctx.published, by)
        return _found(m, period, unit, relative=True)  # type: ignore[arg-type]
    if target in lx.weekdays:
        return _found(m, _weekday_period(lx.weekdays[target], ctx, by), "day", relative=True)
    return _found(m, _month_alone(lx.months[target], ctx, by), "month", relative=True)


def _the(m: re.Match[str], ctx: _Context) -> _Found | None:
    # "the year" is a date only after "the end of" and its kin; a builder
    # cannot see the qualifier, so _claims_in checks that and drops it otherwise.
    unit = _lexicon().units[m["th_u"].lower()]
    period = None if ctx.published is None else _unit_period(unit, ctx.published, 0)
    return _found(m, period, unit, relative=True)  # type: ignore[arg-type]


def _weekday(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _found(m, _weekday_period(_lexicon().weekdays[m["wk"]], ctx, 0), "day", relative=True)


def _weekday_period(weekday: int, ctx: _Context, by: int) -> Period | None:
    if ctx.published is None:
        return None
    direction = by if by else (1 if ctx.future else 0)
    day = _weekday_near(ctx.published, weekday, direction)
    return day, day


def _month(m: re.Match[str], ctx: _Context) -> _Found | None:
    return _found(m, _month_alone(_lexicon().months[m["mo"]], ctx, 0), "month", relative=True)


def _month_alone(month: int, ctx: _Context, by: int) -> Period | None:
    """A month named without a year: last/next such month for "last"/"next", else by tense."""
    if ctx.published is None:
        return None
    year, now = ctx.published.year, ctx.published.month
    if by < 0 or (by == 0 and not ctx.future):
        year = year if month < now or (by == 0 and month == now) else year - 1
    else:
        year = year if month > now or (by == 0 and month == now) else year + 1
    return _month_period(year, month)


def _builders() -> dict[str, Callable[[re.Match[str], _Context], _Found | None]]:
    return {
        "iso": _iso,
        "dmy": _dmy,
        "mdy": _mdy,
        "between": _between,
        "span": _span,
        "dm": _dm,
        "md": _md,
        "my": _my,
        "quarter": _quarter,
        "part": _part,
        "decade": _decade,
        "year": _year,
        "ago": _ago,
        "word": _word,
        "shift": _shift,
        "the": _the,
        "weekday": _weekday,
        "month": _month,
    }


# Alternatives that read as a date on their own; "in"/"on" before them stay out of the span.
_STANDALONE = frozenset({"iso", "dmy", "mdy", "dm", "md", "my", "quarter"})
# Alternatives that are a date only with a qualifier in front ("in May", "by the end of the year").
_NEEDS_QUALIFIER = frozenset({"month", "the"})


def _preceding_word(text: str, start: int) -> str:
    m = re.search(r"([^\W\d_]+)\s+$", text[max(0, start - 40) : start])
    return m[1].lower() if m else ""


# --- from matches to claims -----------------------------------------------------


def _rule_of(m: re.Match[str]) -> str:
    return next(name for name, _ in _grammar().rules if m.group(name) is not None)


def _with_qualifier(found: _Found, rule: str, ctx: _Context) -> _Found | None:
    """The match with the qualifier written in front of it, if any, taken into the span or not."""
    g, lx = _grammar(), _lexicon()
    window_start = max(ctx.sentence.span.start, found.span.start - 80)
    window_start = _last_words_start(ctx.text, window_start, found.span.start, _qualifier_words())
    q = g.qualifier_before.search(ctx.text, window_start, found.span.start)
    phrase = " ".join(q.group().split()).lower() if q else ""
    if rule in _NEEDS_QUALIFIER and not q:
        return None
    if rule == "the" and not phrase.endswith(" of"):
        return None
    if not q:
        return found
    qualifier = lx.qualifiers[phrase]
    if rule in ("between", "span"):
        # "from 2019 to 2021" is the range itself, not a date the event follows
        return _Found(Span(q.start(), found.span.end), *_rest(found), None)
    if rule in _STANDALONE and phrase in lx.detached:
        return _Found(found.span, *_rest(found), qualifier)
    return _Found(Span(q.start(), found.span.end), *_rest(found), qualifier)


@cache
def _qualifier_words() -> int:
    """The most words a qualifier has ("by the end of": 4)."""
    return max(len(q.split()) for q in _lexicon().qualifiers)


def _last_words_start(text: str, start: int, end: int, n: int) -> int:
    """A start for searching text[start:end] for a phrase of at most ``n`` words that ends it: no match begins
    before its last ``n`` words (searching re tries every position, so a shorter window is cheaper)."""
    words = text[start:end].rsplit(None, n)
    return start + len(words[0]) if len(words) > n else start


def _rest(found: _Found) -> tuple[Period | None, Granularity, bool]:
    return found.period, found.granularity, found.relative


def _matches(g: _Grammar, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Date matches in text[start:end]: one at the very start, then each after a separating character."""
    first = g.anchored.match(text, start, end)
    if first is not None:
        yield first
        start = first.end()
    yield from g.pattern.finditer(text, start, end)


def _built(m: re.Match[str], ctx: _Context) -> _Found | None:
    """The date a match stands for, with its qualifier, or None when it is not one after all."""
    g = _grammar()
    rule = _rule_of(m)
    found = next(b for name, b in g.rules if name == rule)(m, ctx)
    return None if found is None else _with_qualifier(found, rule, ctx)


def _sentence_matches(text: str, ordered: Sequence[Sentence]) -> list[tuple[int, re.Match[str]]]:
    """(position in ``ordered``, match) for every date inside a sentence, in text order.

    One scan of the whole text is much faster than one per sentence; the few
    matches that run over a sentence's end send their sentences to be scanned
    one by one, so no date ever crosses a sentence boundary.
    """
    g = _grammar()
    starts = [s.span.start for s in ordered]
    hits: list[tuple[int, re.Match[str]]] = []
    alone: set[int] = set()
    for m in _scan(text):
        i = bisect.bisect_right(starts, m.start("at")) - 1
        if i < 0 or m.start("at") >= ordered[i].span.end:
            continue
        if m.end() <= ordered[i].span.end:
            hits.append((i, m))
            continue
        j = i
        while j < len(ordered) and ordered[j].span.start < m.end():
            alone.add(j)
            j += 1
    hits = [h for h in hits if h[0] not in alone]
    for i, sentence in enumerate(ordered):
        start, end = sentence.span.start, sentence.span.end
        if i in alone:
            hits.extend((i, m) for m in _matches(g, text, start, end))
        elif start == 0 or text[start - 1] not in _SEPARATORS:
            first = g.anchored.match(text, start, end)
            if first is not None:
                hits.append((i, first))
    return _disjoint(hits)


def _disjoint(hits: list[tuple[int, re.Match[str]]]) -> list[tuple[int, re.Match[str]]]:
    """Hits in text order, each overlapping none before it (the earlier, longer one kept)."""
    hits.sort(key=lambda h: (h[1].start("at"), -h[1].end()))
    kept: list[tuple[int, re.Match[str]]] = []
    for hit in hits:
        if not kept or hit[1].start("at") >= kept[-1][1].end():
            kept.append(hit)
    return kept


def _event(text: str, sentence: Sentence, span: Span) -> frozenset[str]:
    """Content words of the clause around ``span``, the date's own words left out.

    The clause runs between the nearest clause breaks (commas, semicolons,
    dashes, "while", "but") around the date, after asides in paired dashes or
    brackets are set aside, so that "the regional office – which is part of … –
    is due to close by the end of 2021" dates the regional office's closing.
    Where that clause holds no content word ("On Monday, Amnesty released …")
    it reaches one break further, forward first.
    """
    g = _grammar()
    s0 = sentence.span.start
    a, b = span.start - s0, span.end - s0
    clause = _without_asides(text[s0 : sentence.span.end], a)
    before = [0, 0, *(c.start() for c in g.boundary.finditer(clause, 0, a))]
    after = [c.start() for c in itertools.islice(g.boundary.finditer(clause, b), 2)] + [len(clause)] * 2
    for lo, hi in ((before[-1], after[0]), (before[-1], after[1]), (before[-2], after[0])):
        words = content_words(clause[lo:a] + " " + clause[b:hi]) - _lexicon().date_words
        if words:
            return words
    return frozenset()


def _without_asides(sentence: str, keep: int) -> str:
    """The sentence with dash and bracket asides blanked, except the one holding offset ``keep``."""
    if "(" not in sentence and "–" not in sentence and "—" not in sentence:
        return sentence
    for p in _grammar().parenthetical.finditer(sentence):
        if not p.start() <= keep < p.end():
            sentence = sentence[: p.start()] + " " * (p.end() - p.start()) + sentence[p.end() :]
    return sentence


@lru_cache(maxsize=1)
def _date_line(plain: str) -> tuple[date, Span] | None:
    """The publication date from a date line or dateline near the top of ``Document.plain``, and the line holding it.

    Remembered for the last text: the pipeline asks for it twice per document (its publication date, then the
    line whose dates are not claims).
    """
    g, lx = _grammar(), _lexicon()
    budget = int(lx.raw["dateline_lines"])
    for line in re.finditer(r"[^\n\r]+", plain):
        if not line.group().strip():
            continue
        budget -= 1
        if budget < 0:
            return None
        when = _line_date(line, g)
        if when is not None:
            return when, Span(line.start(), line.end())
    return None


def _line_date(line: re.Match[str], g: _Grammar) -> date | None:
    text = line.group()
    label = g.label.match(text)
    at = label.end() if label else 0
    m = g.full_date_line.match(text, at) or g.dateline.match(text)
    if m is None:
        return None
    found = g.anchored.match(m["date"])
    if found is None:
        return None
    rule = _rule_of(found)
    built = next(b for name, b in g.rules if name == rule)(found, _Context(m["date"], _NO_SENTENCE, None))
    return None if built is None or built.period is None else built.period[0]


_NO_SENTENCE = Sentence(Span(0, 0), "", 0, 0)


# --- the public interface ---------------------------------------------------------


def publication_date(document: Document) -> date | None:
    """The date on the document's date line or dateline near the top, or None when it has none.

    A line that is only a date ("June 30, 2025"), a line starting with a date
    ("lundi 25 octobre 2021, par …", "Published: 30 June 2020"), or a wire
    dateline with a year ("HONG KONG, Oct 25, 2021 (Reuters) -"). A dateline
    without a year gives None: its year would be a guess.
    """
    found = _date_line(document.plain)
    return None if found is None else found[0]


def extract(document: Document, sentences: Sequence[Sentence], options: ExtractOptions) -> list[DateClaim]:
    """Every date in the document's sentences, in text order."""
    line = _date_line(document.plain)
    skip = line[1] if line else None
    text = document.plain
    ordered = sorted(sentences, key=_SPAN_ORDER)
    claims: list[DateClaim] = []
    for i, m in _sentence_matches(text, ordered):
        found = _built(m, _Context(text, ordered[i], options.published))
        if found is not None and not (skip is not None and skip.contains(found.span)):
            claims.append(_claim(document, ordered[i], found))
    return claims


_SPAN_ORDER = operator.attrgetter("span.start", "span.end")


def _claim(document: Document, sentence: Sentence, found: _Found) -> DateClaim:
    start, end = found.period if found.period else (None, None)
    return DateClaim(
        span=found.span,
        text=document.plain[found.span.start : found.span.end],
        sentence=sentence.index,
        start=start,
        end=end,
        granularity=found.granularity,
        relative=found.relative,
        qualifier=found.qualifier,
        event=_event(document.plain, sentence, found.span),
    )
