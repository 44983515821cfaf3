"""Quotations: the words inside quotation marks, who said them, and whether they are only a quoted term.

Each mark is classified as an opener or a closer by its neighbours (a straight
double mark after a space opens, before one closes; a single mark between two
letters is an apostrophe), then paired with a stack, so nested and unbalanced
marks stay linear. A paragraph whose quotation is still open at its end, when
the next paragraph opens with a mark of the same family, is one part of a
multi-paragraph quotation: each part is its own claim, ``continues`` pointing at
the part before. Speakers come from a cue beside the quotation, else from the
other parts of the same quotation, else from the quotation before it in the
same run of quotation-only paragraphs.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from ..lexicons import lexicon
from ..model import NO_ATTRIBUTION, Attribution, Document, ExtractOptions, QuoteClaim, Sentence, Span
from .attribution import ASCII_WORD, _ascii_view, _back_words, _between, _phrases, _verb_first_words, _verbs
from .entities import EntityIndex

MARKS = "\"“”‘’'«»"
DOUBLE = frozenset('"“”«»')
OPENERS = frozenset("“‘«")
CLOSERS = frozenset("”»")
SPACE_LIKE = frozenset("([{—–-/")
CLOSE_SPACE_LIKE = frozenset(".,;:!?)]}—–-/")
NAME = r"\p{Lu}[\p{L}\-]*(?:['’]s)?(?:\s+\p{Lu}[\p{L}\-]*){0,4}"
TERM_WORDS = 6  # a quoted phrase this short, with no cue, is a term
MID_TERM_WORDS = 12  # longer ones are terms only inside a sentence
LOOK = 160  # how far before a quotation its cue may start


@dataclass(slots=True)
class _Raw:
    """A quotation being built: mutable while speakers are propagated."""

    open: int
    end: int  # end of the span (after the closing mark, or the end of the paragraph)
    inner: Span
    block: int
    prev_open: int | None = None  # the opener of the part this one continues
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    is_term: bool = False
    cued: bool = False


@cache
def _cue_patterns() -> dict[str, regex.Pattern]:
    verbs, between, back = _verbs(), _between(), _back_words()
    naming = _phrases(f for forms in lexicon("reporting_verbs")["naming"].values() for f in forms)
    who = rf"(?:{NAME}|(?i:{back}))"
    return {
        "after": regex.compile(
            rf"[\s,]*(?:(?P<verb>(?i:{verbs}))\s+(?P<name>{who})|(?P<name2>{who})\s+{between}(?P<verb2>(?i:{verbs})))"
            r"(?![\p{L}])"
        ),
        "before": regex.compile(
            rf"(?<![\p{{L}}])(?:(?P<name>{who})\s+{between}(?P<verb>(?i:{verbs}))"
            rf"|(?P<verb2>(?i:according\s+to))\s+(?P<name2>{who}))"
            r"(?:\s+[\p{L}]+){0,3}?\s*[:,]?\s*\Z"
        ),
        "naming": regex.compile(rf"(?i)(?<![\p{{L}}])(?P<verb>{naming})(?![\p{{L}}])"),
        "subject": regex.compile(rf"(?P<name>{who})\s+{between}\Z"),
    }


def extract(
    document: Document,
    sentences: Sequence[Sentence],
    options: ExtractOptions,
    entities: EntityIndex,
    credits: Sequence[Attribution] | None = None,
) -> list[QuoteClaim]:
    """Every quotation and quoted term, in order, with speaker and cue where the text gives them.

    ``credits``: each sentence's credit, when known, for the quotations in it to carry (else they carry none).
    """
    plain = document.plain
    raws = _found(document, sentences, options, entities)
    starts = [s.span.start for s in sentences]
    index = {r.open: i for i, r in enumerate(raws)}
    out = []
    for r in raws:
        sentence = _sentence_of(starts, r.open)
        credit = credits[sentence] if credits is not None else NO_ATTRIBUTION
        out.append(_claim(plain, r, sentence, index, entities, credit))
    return out


def spoken(
    document: Document, sentences: Sequence[Sentence], options: ExtractOptions, entities: EntityIndex
) -> list[tuple[Span, str, str | None, Span]]:
    """Each quotation (not a quoted term) whose speaker is known: the words inside its marks, the speaker, the cue,
    and where the speaker is named (the quotation itself when it is not)."""
    return [
        (r.inner, r.speaker, r.cue, r.speaker_span or Span(r.open, r.end))
        for r in _found(document, sentences, options, entities)
        if r.speaker and not r.is_term
    ]


def _found(
    document: Document, sentences: Sequence[Sentence], options: ExtractOptions, entities: EntityIndex
) -> tuple[_Raw, ...]:
    """The document's quotations, settled (not to be changed).

    The pipeline asks twice for one document (the attribution extractor credits the sentences inside quotations
    first): the second call, with the very same arguments, gets the first one's result.
    """
    global _last
    key = (document, sentences, options, entities)
    last = _last
    if last is not None and all(a is b for a, b in zip(last[0], key, strict=True)):
        return last[1]
    found = tuple(_extract(document, sentences, entities))
    _last = (key, found)
    return found


_last: tuple[tuple, tuple[_Raw, ...]] | None = None  # the arguments and result of the latest call


def _extract(document: Document, sentences: Sequence[Sentence], entities: EntityIndex) -> list[_Raw]:
    if not sentences:
        return []
    plain = document.plain
    blocks = _blocks(document)
    raws = _quotations(plain, blocks)
    starts = [s.span.start for s in sentences]
    for r in raws:
        _find_cue(plain, r, sentences[_sentence_of(starts, r.open)], entities)
    _share_within_quotations(raws)
    _share_within_runs(plain, blocks, raws)
    return raws


def _blocks(document: Document) -> list[tuple[int, int]]:
    """Paragraph bounds, trimmed of white space; the whole text when the document has no blocks."""
    spans = [(b.span.start, b.span.end) for b in document.blocks] or [(0, len(document.plain))]
    plain = document.plain
    out = []
    for start, end in spans:
        if start < end and not plain[start].isspace() and not plain[end - 1].isspace():
            out.append((start, end))  # already trimmed: most paragraphs
            continue
        text = plain[start:end]
        lead = len(text) - len(text.lstrip())
        out.append((start + lead, start + len(text.rstrip())))
    return out


def _sentence_of(starts: list[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _quotations(plain: str, blocks: list[tuple[int, int]]) -> list[_Raw]:
    """Pair the marks of each paragraph; an opener left at a paragraph's end may continue in the next."""
    out: list[_Raw] = []
    pending: tuple[int, bool] | None = None  # opener (and family) left open at the end of the previous paragraph
    marks = _marks(plain)
    for number, (start, end) in enumerate(blocks):
        stack: list[tuple[int, bool]] = []  # (offset, is_double)
        continued = None
        for i in marks[bisect.bisect_left(marks, start) : bisect.bisect_left(marks, end)]:
            role = _role(plain, i, start, end, stack)
            double = plain[i] in DOUBLE
            if role == "open":
                stack.append((i, double))
                if i == start and pending is not None and pending[1] == double:
                    continued = pending[0]
            elif role == "close":
                opener = _pop_matching(stack, double)
                if opener is not None:
                    out.append(_raw(plain, opener, i + 1, i, number, continued if opener == start else None))
        pending = None
        if stack and stack[0][0] == start:
            # an opening mark at the paragraph start, never closed: a part of a multi-paragraph quotation
            out.append(_raw(plain, start, end, end, number, continued))
            pending = (start, stack[0][1])
    # a single character between marks is an elision ("rock 'n' roll"), not a quotation
    out = [r for r in out if r.inner.end - r.inner.start > 1]
    out.sort(key=lambda r: (r.open, -r.end))
    return _dedup(out)


def _marks(plain: str) -> list[int]:
    """Where ``plain`` has a quotation mark, in order: one search of the whole text per mark, as most paragraphs
    hold none (``str.find`` is many times faster than a regular expression here)."""
    out = []
    for mark in MARKS:
        at = plain.find(mark)
        while at >= 0:
            out.append(at)
            at = plain.find(mark, at + 1)
    out.sort()
    return out


def _dedup(raws: list[_Raw]) -> list[_Raw]:
    seen: set[int] = set()
    out = []
    for r in raws:
        if r.open not in seen:
            seen.add(r.open)
            out.append(r)
    return out


def _role(plain: str, i: int, start: int, end: int, stack: list[tuple[int, bool]]) -> str:
    """ "open", "close" or "none" (an apostrophe), from the mark and its neighbours."""
    c = plain[i]
    before = plain[i - 1] if i > start else " "
    after = plain[i + 1] if i + 1 < end else " "
    open_side = before.isspace() or before in SPACE_LIKE or before in DOUBLE or before in "‘'"
    close_side = after.isspace() or after in CLOSE_SPACE_LIKE or after in DOUBLE or after in "’'"
    if c in OPENERS:
        return "open"
    if c in CLOSERS:
        return "close"
    if c == '"':
        if open_side and not close_side:
            return "open"
        if close_side and not open_side:
            return "close"
        return "close" if stack and stack[-1][1] else "open"
    # ' and ’: between letters an apostrophe; after a letter a closer only when a single quote is open
    if before.isalnum() and after.isalnum():
        return "none"
    if open_side and after.isalpha():
        return "open"
    if close_side and any(not d for _, d in stack[-2:]):
        return "close"
    return "none"


def _pop_matching(stack: list[tuple[int, bool]], double: bool) -> int | None:
    """Pop the nearest opener of the same family (looking at most two deep, to stay linear)."""
    for depth in (1, 2):
        if len(stack) >= depth and stack[-depth][1] == double:
            opener = stack[-depth][0]
            del stack[-depth:]
            return opener
    return None


def _raw(plain: str, open_: int, end: int, inner_end: int, block: int, prev_open: int | None) -> _Raw:
    text = plain[open_ + 1 : inner_end]
    lead = len(text) - len(text.lstrip())
    inner = Span(open_ + 1 + lead, max(open_ + 1 + len(text.rstrip()), open_ + 1 + lead))
    return _Raw(open=open_, end=end, inner=inner, block=block, prev_open=prev_open)


def _find_cue(plain: str, r: _Raw, sentence: Sentence, entities: EntityIndex) -> None:
    """The speaker and cue beside the quotation; whether it is only a quoted term."""
    p = _cue_patterns()
    line_end = plain.find("\n", r.end)
    stop = min(r.end + LOOK, len(plain) if line_end < 0 else line_end)
    after = p["after"].match(plain, r.end, stop)
    if after:
        _set_speaker(r, after, entities)
    else:
        floor = max(r.open - LOOK, sentence.span.start if sentence.span.start <= r.open else 0, 0)
        before = _cue_before(plain, floor, r.open)
        if before:
            _set_speaker(r, before, entities)
        else:
            _set_naming(plain, r, sentence, entities)
    r.is_term = not r.cued and _looks_like_term(plain, r, sentence)


def _cue_before(plain: str, start: int, end: int) -> regex.Match | None:
    """What the "before" pattern's search of ``plain[start:end]`` finds.

    In ASCII text a match starts at a run of letters: a capitalised one (a name), "according" or the first word of a
    back-reference. Trying the pattern only there, left to right, finds what the search would, without trying it at
    each of up to ``LOOK`` places.
    """
    pattern = _cue_patterns()["before"]
    view = _ascii_view(plain[start:end])
    starts = _cue_starts()
    if view is None or starts is None or _cue_tail() is None:
        return pattern.search(plain, start, end)  # a letter outside ASCII may match an ASCII one in any case
    if not _may_hold_cue(view):
        return None
    for w in ASCII_WORD.finditer(view):
        word = w.group()
        if word[0].isupper() or word.lower() in starts:
            m = pattern.match(plain, start + w.start(), end)
            if m:
                return m
    return None


@cache
def _cue_starts() -> frozenset[str] | None:
    """The words a "before" match that is not a capitalised name starts with: "according" and the first words of the
    back-references, lower-cased; None when a back-reference does not start with ASCII letters."""
    firsts = [regex.match(r"[A-Za-z]+", w) for w in _back_set()]
    if any(m is None for m in firsts):
        return None
    return frozenset(["according", *(m.group().lower() for m in firsts)])  # type: ignore[union-attr]


def _may_hold_cue(view: str) -> bool:
    """Could the "before" pattern match ``view`` (an ASCII view of the text, see ``_ascii_view``), up to its end? A
    quick necessary test: the text holds "according", or a reporting verb among its last few words, right after a
    word that ends in a letter or a hyphen (the speaker's name, or a word like "also" between them: "Hana Drama,
    minister at the Ministry, said:" has none).
    """
    tail = _cue_tail()
    low = view.lower()
    if "according" in low:
        return True
    words, firsts = low.split(), _verb_first_words()
    for i in range(max(len(words) - tail, 1), len(words)):  # type: ignore[operator]
        first = ASCII_WORD.match(words[i])
        if first and first.group() in firsts and (words[i - 1][-1].isalpha() or words[i - 1][-1] == "-"):
            return True
    return False


@cache
def _cue_tail() -> int | None:
    """How many words at most a "before" match holds from its verb on: the verb's, three more and a colon. None when
    the lexicons leave the test of ``_may_hold_cue`` unsound: a verb not of ASCII letters, a word between a speaker
    and the verb, or a back-reference, not ending in a letter."""
    forms = [f for forms in lexicon("reporting_verbs")["speech"].values() for f in forms]
    ends = [*lexicon("reporting_verbs")["between"], *_back_set()]
    letters = all(w.isascii() and w.isalpha() for f in forms for w in f.split())
    if not letters or not all(e[-1:].isalpha() for e in ends):
        return None
    return max(len(f.split()) for f in forms) + 4


def _may_hold(plain: str, start: int, end: int, words: frozenset[str] | None) -> bool:
    """Does the text hold one of ``words`` (lower-case ASCII words, None: not known), as a pattern that needs one of
    them to match would? A quick necessary test."""
    if words is None:
        return True
    view = _ascii_view(plain[start:end])
    if view is None:
        return True  # a letter outside ASCII may match an ASCII one in any case
    return not words.isdisjoint(ASCII_WORD.findall(view.lower()))


@cache
def _naming_first_words() -> frozenset[str] | None:
    """The first ASCII-letter word of every naming verb, lower-cased; None when one does not start with one."""
    forms = [f for forms in lexicon("reporting_verbs")["naming"].values() for f in forms]
    firsts = [regex.match(r"\p{L}+", f.lower()) for f in forms]
    if any(m is None or not m.group().isascii() for m in firsts):
        return None
    return frozenset(m.group() for m in firsts)  # type: ignore[union-attr]


def _set_speaker(r: _Raw, m: regex.Match, entities: EntityIndex) -> None:
    group = "name" if m.group("name") else "name2"
    r.cue = " ".join((m.group("verb") or m.group("verb2")).lower().split())
    r.cued = True
    r.speaker = _canonical(m.group(group), m.start(group), entities)
    if r.speaker:
        r.speaker_span = Span(m.start(group), m.end(group))


def _set_naming(plain: str, r: _Raw, sentence: Sentence, entities: EntityIndex) -> None:
    """ "cite protesters as “disruptors”", "called it “a disgrace”": speech put in the subject's mouth."""
    p = _cue_patterns()
    floor = max(sentence.span.start, r.open - 2 * LOOK)
    if floor > r.open or not _may_hold(plain, floor, r.open, _naming_first_words()):
        return
    verbs = list(p["naming"].finditer(plain, floor, r.open))
    if not verbs:
        return
    verb = verbs[-1]
    r.cue, r.cued = verb.group("verb").lower(), True
    subject = p["subject"].search(plain, max(floor, verb.start() - 80), verb.start())
    if subject:
        r.speaker = _canonical(subject.group("name"), subject.start("name"), entities)
        if r.speaker:
            r.speaker_span = Span(subject.start("name"), subject.end("name"))


def _canonical(name: str, at: int, entities: EntityIndex) -> str | None:
    found = entities.resolve(name, at=at)
    if found:
        return found
    if name.lower() in _back_set() or not name[:1].isupper():
        return None
    return name.removesuffix("'s").removesuffix("’s")


@cache
def _back_set() -> frozenset[str]:
    lex = lexicon("entities")
    return frozenset([*lex["pronouns"]["person"], *lex["pronouns"]["organisation"], *lex["anaphors"]])


def _looks_like_term(plain: str, r: _Raw, sentence: Sentence) -> bool:
    """Short, inside a sentence, no sentence-final punctuation: a quoted term or scare quote."""
    if r.prev_open is not None or r.end == r.inner.end:
        return False  # a part of a multi-paragraph quotation
    inner = plain[r.inner.start : r.inner.end]
    if inner.rstrip().endswith((".", "!", "?", "…", ",")):
        return False
    words = len(inner.split())
    if words <= TERM_WORDS:
        return True
    before = plain[sentence.span.start : r.open] if sentence.span.start <= r.open else ""
    return words <= MID_TERM_WORDS and any(ch.isalpha() for ch in before)


def _share_within_quotations(raws: list[_Raw]) -> None:
    """Every part of a multi-paragraph quotation has the speaker any part names."""
    by_open = {r.open: r for r in raws}
    chains: dict[int, list[_Raw]] = {}
    for r in raws:
        root = r
        while root.prev_open is not None and root.prev_open in by_open and root.prev_open != root.open:
            root = by_open[root.prev_open]
        chains.setdefault(root.open, []).append(r)
    for parts in chains.values():
        named = next((p for p in parts if p.speaker), None)
        if named is None:
            continue
        for p in parts:
            if not p.speaker:
                p.speaker, p.speaker_span, p.cue = named.speaker, named.speaker_span, p.cue or named.cue


def _share_within_runs(plain: str, blocks: list[tuple[int, int]], raws: list[_Raw]) -> None:
    """A quotation-only paragraph keeps the speaker of the quotation before it in the same run."""
    last: tuple[int, _Raw] | None = None  # (block, the last spoken quotation of that block)
    for r in raws:
        if r.is_term:
            continue
        start, end = blocks[r.block]
        leads = r.open == start
        if not leads:
            last = (r.block, r) if r.speaker else last
            continue
        if not r.speaker and last is not None and last[0] == r.block - 1 and _only_quotation(plain, r, start, end):
            r.speaker, r.speaker_span, r.cue = last[1].speaker, last[1].speaker_span, last[1].cue
        last = (r.block, r) if r.speaker else None


def _only_quotation(plain: str, r: _Raw, start: int, end: int) -> bool:
    return r.open == start and not any(ch.isalpha() for ch in plain[r.end : end])


def _claim(
    plain: str, r: _Raw, sentence: int, index: dict[int, int], entities: EntityIndex, credit: Attribution
) -> QuoteClaim:
    entity = entities.entity(r.speaker) if r.speaker else None
    span = Span(r.open, r.end)
    return QuoteClaim(
        span=span,
        text=plain[span.start : span.end],
        sentence=sentence,
        quoted=" ".join(plain[r.inner.start : r.inner.end].split()),
        inner=r.inner,
        speaker=r.speaker,
        speaker_span=r.speaker_span,
        cue=r.cue,
        is_term=r.is_term,
        continues=index.get(r.prev_open) if r.prev_open is not None else None,
        speaker_org=entity.member_of if entity else None,
        attribution=credit,
    )
