"""Who each sentence credits for what it says: a named entity, a document, a vague source, or no one.

A sentence's own credit is the strongest cue it holds — a named source beats a
document, which beats a vague source ("They argue …" after a list of named
bodies is named, not vague). A sentence without its own credit takes the
credit of the sentence before it in the same paragraph when it says it
continues it ("It also …", "Moreover, …"), or of the quotation it lies in.
"""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import cache

import regex

from ..lexicons import lexicon
from ..model import NO_ATTRIBUTION, Attribution, AttributionClaim, Document, ExtractOptions, Sentence, Span
from .entities import CASE_TRAPS, EntityIndex
from .patterns import phrase_alternation, phrase_trie, trie_alternation

RANK = {"named": 0, "document": 1, "vague": 2, "none": 3}
NOT_LETTER = r"(?![\p{L}\p{N}])"
NO_LETTER_BEFORE = r"(?<![\p{L}\p{N}])"


def _phrases(phrases: Iterable[str], reverse: bool = False) -> str:
    """A regex alternation of phrases, white space matching any run of it, a longer phrase tried before one it begins.

    For a pattern matched forwards it is shaped as a trie (``phrase_trie``): ``regex`` then rejects a position on its
    first letters instead of trying each of up to hundreds of phrases, several times faster. These patterns ignore
    case, so the trie is used only for lower-case ASCII phrases with single spaces (no two then differ only in case).
    Matched backwards ((?r)), phrases that end one another compete instead, which only the plain longest-first order
    settles.
    """
    unique = sorted(set(phrases))
    if reverse or any(not p.isascii() or p != " ".join(p.lower().split()) for p in unique):
        return phrase_alternation(unique)
    return phrase_trie(unique)


@cache
def _verbs() -> str:
    speech = lexicon("reporting_verbs")["speech"]
    return _phrases(form for forms in speech.values() for form in forms)


@cache
def _between(reverse: bool = False) -> str:
    return rf"(?:(?:{_phrases(lexicon('reporting_verbs')['between'], reverse)})\s+){{0,3}}"


@cache
def _doc_nouns() -> str:
    return _phrases(lexicon("entities")["document_nouns"])


@cache
def _back_words(reverse: bool = False) -> str:
    lex = lexicon("entities")
    return _phrases([*lex["pronouns"]["person"], *lex["pronouns"]["organisation"], *lex["anaphors"]], reverse)


@cache
def _vague_subject(reverse: bool = False) -> str:
    """A vague source: "analysts", "some rights monitors", "a number of observers"."""
    lex = lexicon("vague_sources")
    determiners, modifiers = _phrases(lex["determiners"], reverse), _phrases(lex["modifiers"], reverse)
    return rf"(?:(?:{determiners})\s+)?(?:(?:{modifiers})\s+){{0,3}}(?:{_phrases(lex['heads'], reverse)})"


DETERMINERS = (
    "the",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "a",
    "an",
    "our",
    "new",
    "latest",
    "recent",
    "same",
)


@cache
def _patterns() -> dict[str, regex.Pattern]:
    verbs, between, docs = _verbs(), _between(), _doc_nouns()
    publish = _phrases(lexicon("reporting_verbs")["publishing"])
    det = rf"(?:(?:{'|'.join(DETERMINERS)})\s+){{1,3}}"
    flags = regex.IGNORECASE
    return {
        # after a name: ", Secretary General of X," is an apposition between the name and its verb
        "after": regex.compile(rf"(?:\s*,[^,.;:\"“”]{{1,100}}?,)?\s+{between}(?P<verb>{verbs}){NOT_LETTER}", flags),
        "possessive": regex.compile(rf"['’]s?\s+(?:[\p{{L}}\-]+\s+){{0,2}}?(?P<verb>{docs}){NOT_LETTER}", flags),
        "publish": regex.compile(
            rf"\s+{between}(?P<verb>{publish})\s+(?:[\p{{L}}\-]+\s+){{0,4}}?(?:{docs}){NOT_LETTER}", flags
        ),
        "before": regex.compile(
            rf"{NO_LETTER_BEFORE}(?P<verb>{verbs}|according\s+to|cited\s+by|(?:{docs})\s+(?:from|by))\s+(?:the\s+)?\Z",
            flags,
        ),
        "back": regex.compile(
            rf"{NO_LETTER_BEFORE}(?:(?P<subj>{_back_words()})\s+{between}(?P<verb>{verbs})"
            rf"|(?P<verb2>{verbs})\s+(?P<subj2>{_back_words()})){NOT_LETTER}",
            flags,
        ),
        "document": regex.compile(
            rf"{NO_LETTER_BEFORE}(?P<np>{det}(?:[\p{{L}}\-]+\s+){{0,2}}?(?:{docs}))\s+{between}(?P<verb>{verbs}){NOT_LETTER}",
            flags,
        ),
        "owned_document": regex.compile(
            rf"[\s\"“‘']*(?:[\p{{L}}]+,\s+)?(?P<np>(?:the\s+[\p{{L}}\-]+['’]s|its|their|his|her)\s+"
            rf"(?:[\p{{L}}\-]+\s+){{0,2}}?(?:{docs})){NOT_LETTER}",
            flags,
        ),
        "according": regex.compile(
            rf"{NO_LETTER_BEFORE}(?P<verb>according\s+to)\s+(?P<np>[^,.;:!?\"“”()]{{1,80}}?)(?=\s*[,.;:!?\"“”()]|\s*\Z)",
            flags,
        ),
        "doc_noun": regex.compile(rf"{NO_LETTER_BEFORE}(?:{docs}){NOT_LETTER}", flags),
    }


@cache
def _vague_patterns(add: tuple[str, ...]) -> tuple[regex.Pattern, regex.Pattern]:
    """A vague subject with its verb (or "according to" before it), and the fixed phrases."""
    lex = lexicon("vague_sources")
    subject = _vague_subject()
    speech = lexicon("reporting_verbs")["speech"].values()
    not_verbs = set(lex["not_verbs"])
    verbs = _phrases([*(f for forms in speech for f in forms if f not in not_verbs), *lex["verbs"]])
    flags = regex.IGNORECASE
    with_verb = regex.compile(
        rf"{NO_LETTER_BEFORE}(?:(?P<subj>{subject})\s+{_between()}(?P<verb>{verbs})"
        rf"|(?P<verb2>according\s+to)\s+(?P<subj2>{subject})){NOT_LETTER}",
        flags,
    )
    phrases = regex.compile(rf"{NO_LETTER_BEFORE}(?:{_phrases([*lex['phrases'], *add])}){NOT_LETTER}", flags)
    return with_verb, phrases


WORD = regex.compile(r"[\p{L}]+")


@cache
def _cue_words(add: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """The words that must occur in a sentence for each kind of pattern to have a chance, in any case."""
    speech = lexicon("reporting_verbs")["speech"].values()
    vague = lexicon("vague_sources")
    ents = lexicon("entities")

    def words_of(phrases) -> frozenset[str]:
        return frozenset(w for p in phrases for w in WORD.findall(p) for w in (w, w.lower(), w.title()))

    verbs = words_of(f for forms in speech for f in forms)
    return {
        "verbs": verbs,
        "according": words_of(["according", "According"]),
        "back": words_of([*ents["pronouns"]["person"], *ents["pronouns"]["organisation"], *ents["anaphors"]]),
        "documents": words_of(ents["document_nouns"]),
        "vague": words_of([*vague["heads"], *vague["phrases"], *add]),
    }


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def attributions(
    document: Document, sentences: Sequence[Sentence], options: ExtractOptions, entities: EntityIndex
) -> tuple[Attribution, ...]:
    """Exactly one Attribution per sentence, in sentence order."""
    plain = document.plain
    view = _ascii_doc_view(plain)
    own = _Scan(plain, view, options, entities).credits(sentences)
    quoted = _quote_credits(document, sentences, options, entities)
    out: list[Attribution] = []
    for i, s in enumerate(sentences):
        credit = own[i]
        if credit.kind == "none":
            if i in quoted:
                credit = quoted[i]
            elif i > 0 and out[i - 1].kind != "none" and _continues(plain, s, sentences[i - 1], out[i - 1], entities):
                credit = replace(out[i - 1], inherited=True)
        out.append(credit)
    return tuple(out)


def claims(document: Document, sentences: Sequence[Sentence], credits: Sequence[Attribution]) -> list[AttributionClaim]:
    """A claim for each sentence's own credit (not inherited ones), spanning the attribution phrase."""
    out = []
    for s, credit in zip(sentences, credits, strict=False):
        if credit.kind == "none" or credit.inherited or credit.span is None:
            continue
        span = credit.span
        text = document.plain[span.start : span.end]
        out.append(AttributionClaim(span=span, text=text, sentence=s.index, attribution=credit))
    return out


def _own(
    plain: str, sentence: Sentence, entities: EntityIndex, options: ExtractOptions, view: str | None = None
) -> Attribution:
    """The strongest credit the sentence itself gives."""
    start, end = sentence.span.start, sentence.span.end
    text = (view if view is not None else plain)[start:end]
    if view is None or not text.isascii():
        text = _ascii_view(text)  # type: ignore[assignment]
    # low: the sentence lower-cased, when it is ASCII once its punctuation is spaces (same length, same letters)
    low = text.lower() if text is not None else None
    vocabulary = frozenset(ASCII_WORD.findall(low)) if low is not None else _vocabulary(plain, start, end)
    words = vocabulary if end - start < 2000 else None
    cues = _cue_words(tuple(options.vague_add))
    mentions = entities.mentions_in(start, end)
    if words is not None and not mentions and words.isdisjoint(_any_cue(tuple(options.vague_add))):
        return NO_ATTRIBUTION  # nothing any pattern needs: no name, no verb, no document, no vague word

    def may(group: str) -> bool:
        # the full patterns are slow to try at every position: run them only where their words occur
        return words is None or not words.isdisjoint(cues[group])

    hits = _verb_hits(plain, start, end, vocabulary, low) if may("verbs") else []
    according = list(_according(plain, start, end, entities, options)) if may("according") else []
    inside = [c.span for c in according if c.span is not None]
    candidates = [
        *according,
        *(_named(plain, start, end, entities, inside, mentions, low, hits, words) if mentions else ()),
        *(_by_back_reference(plain, start, end, entities, hits) if hits and may("back") else ()),
    ]
    if not _settled(candidates, "document") and may("documents"):
        candidates.extend(_documents(plain, start, end, hits, low))
    if not _settled(candidates, "vague") and may("vague"):
        candidates.extend(_vague(plain, start, end, options, words, hits))
    return _strongest(candidates)


def _settled(candidates: list[Attribution], kind: str) -> bool:
    """Does a candidate outrank every credit of ``kind``? Then the checks that only find that kind need not run."""
    if not candidates:
        return False  # most sentences
    return any(RANK[c.kind] < RANK[kind] for c in candidates)


def _strongest(candidates: list[Attribution]) -> Attribution:
    """The best-ranked candidate, the earliest among equals; no credit when there is none."""
    if not candidates:
        return NO_ATTRIBUTION
    return min(candidates, key=lambda c: (RANK[c.kind], c.span.start if c.span else 0))


# What a cue word found by the trigger scan is a cue for: each kind lets some of a sentence's checks run.
VERB, ACCORDING, DOC_CUE, DOC_WORD, PHRASE, HEAD = 1, 2, 4, 8, 16, 32
# Bytes: ASCII letters lower-cased, every other byte a space (non-ASCII text is encoded as "?" first).
LETTERS_ONLY = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))


class _Scan:
    """One trigger scan per document: every cue word, found once in the document's lower-cased letters.

    A sentence that is ASCII once its common punctuation is spaces (see ``_ascii_view``), shorter than 2,000
    characters and with no letter either side of it, then runs only the checks its own cue words allow, each only
    where they stand; any other sentence goes through ``_own``. Both give the same credit.
    """

    def __init__(self, plain: str, view: str, options: ExtractOptions, entities: EntityIndex):
        self.plain, self.view, self.options, self.entities = plain, view, options, entities
        self.add = tuple(options.vague_add)
        self.triggers = _triggers(self.add)
        self.mentions = entities.mentions_in(0, len(plain))
        self.mention_starts = [m.start for m in self.mentions]
        # what the checks of every sentence use, looked up once
        self.verb, self.simple_verbs, self.back_gate_words = _anchored()["verb"], _simple_verbs(), _back_gate_words()
        self.document_gate = _document_gate_words()
        self.at: list[int] = []
        self.kinds: list[int] = []
        self.words: list[bytes] = []
        self.letters = b""
        if self.triggers is not None:
            pattern, kind_of = self.triggers
            self.letters = b" " + view.encode("ascii", "replace").translate(LETTERS_ONLY) + b" "
            found = list(pattern.finditer(self.letters))
            self.at = [m.start() for m in found]  # a word starts one byte after its space, at its place in ``plain``
            self.words = [m.group(1) for m in found]
            self.kinds = [kind_of[w] for w in self.words]
        # where a cue that may credit a sentence on its own stands: a name, or a trigger word other than a vague head
        # (which needs a verb) or a document word (which needs a document cue)
        strong = [a for a, k in zip(self.at, self.kinds, strict=True) if k & (VERB | ACCORDING | DOC_CUE | PHRASE)]
        self.cues = sorted([*strong, *self.mention_starts])

    def credits(self, sentences: Sequence[Sentence]) -> list[Attribution]:
        plain, view, letters, options, entities = self.plain, self.view, self.letters, self.options, self.entities
        fast, all_ascii = self.triggers is not None, view.isascii()
        cues, count = self.cues, len(self.cues)
        out = []
        for s in sentences:
            start, end = s.span.start, s.span.end
            if (
                fast
                and end - start < 2000
                and letters[start] == 32  # the byte before the sentence's first character
                and letters[end + 1] == 32  # the byte of the character after it
                and (all_ascii or view[start:end].isascii())
            ):
                first = bisect.bisect_left(cues, start)  # most sentences hold no cue: no credit, without a look
                out.append(self._own(start, end) if first < count and cues[first] < end else NO_ATTRIBUTION)
            else:
                out.append(_own(plain, s, entities, options, view))
        return out

    def _verb_hits(self, i: int, j: int, end: int) -> list[tuple[int, int, str]]:
        """Where the reporting verbs of the trigger words ``i`` to ``j`` stand: (start, end, the verb as written)."""
        at, kinds, words, plain = self.at, self.kinds, self.words, self.plain
        verb, simple = self.verb, self.simple_verbs
        hits = []
        for k in range(i, j):
            if kinds[k] & VERB:
                vstart = at[k]
                if words[k] in simple:  # the verb is the word, if no digit follows it (NOT_LETTER)
                    vend = vstart + len(words[k])
                    if vend == end or plain[vend] not in DIGITS:
                        hits.append((vstart, vend, plain[vstart:vend]))
                    continue
                m = verb.match(plain, vstart, end)
                if m:
                    hits.append((m.start(), m.end(), m.group()))
        return hits

    def _back_gate(self, start: int, end: int, vstart: int, vend: int) -> tuple[bool, bool]:
        """Could a back-reference stand before the verb (its last word, or a word that may stand between it and the
        verb, is the word just before), or after it (a white space, then its first word)?"""
        letters = self.letters  # the byte of ``plain[p]`` is ``letters[p + 1]``; a sentence has a space either side
        last, first = self.back_gate_words
        e = vstart  # the last letter before the verb (the sentence's own bytes are start + 1 to end)
        while e > start and letters[e] == 32:
            e -= 1
        may_before = e > start and letters[max(letters.rfind(b" ", start, e), start) + 1 : e + 1] in last
        b = vend + 1  # the first letter after the verb, when a space follows it
        if b > end or letters[b] != 32:
            return may_before, False
        while b <= end and letters[b] == 32:
            b += 1
        return may_before, b <= end and letters[b : letters.find(b" ", b)] in first

    def _may_own_document(self, start: int, end: int) -> bool:
        """Could an "owned_document" match open the sentence: its first or second word "its", "their", … , or "the"
        when the sentence has an apostrophe (for "the organization's")?"""
        first = self.letters[start + 1 : end + 1].split(None, 2)[:2]
        if not OWNER_WORDS.isdisjoint(first):
            return True
        sentence = self.plain[start:end]
        return b"the" in first and ("'" in sentence or "’" in sentence)

    def _may_follow_document(self, start: int, vstart: int) -> bool:
        """Could a document noun end just before the verb at ``vstart``, with only words that may stand between a
        subject and its verb in between ("the report has also found")?"""
        gate = self.document_gate
        if gate is None:
            return True
        last_words, between, most = gate
        before = self.letters[start + 1 : vstart + 1].rsplit(None, most + 1)
        for word in reversed(before[-most - 1 :]):
            if word in last_words:
                return True
            if word not in between:
                return False
        return False

    def _own(self, start: int, end: int) -> Attribution:
        """What ``_own`` gives the sentence, from its hits."""
        at, kinds = self.at, self.kinds
        i = bisect.bisect_left(at, start)
        j = bisect.bisect_left(at, end)
        m0 = bisect.bisect_left(self.mention_starts, start)
        m1 = bisect.bisect_left(self.mention_starts, end)
        mentions = tuple(m for m in self.mentions[m0:m1] if m.end <= end) if m0 < m1 else ()
        if i == j and not mentions:
            return NO_ATTRIBUTION
        flags = 0
        for k in range(i, j):
            flags |= kinds[k]
        if (
            not mentions
            and not flags & (VERB | ACCORDING | PHRASE)
            and not (flags & DOC_CUE and self._may_own_document(start, end))
        ):
            # a vague head needs a verb, a document word alone a cue for a document noun, and a document noun with
            # no verb an owner opening the sentence
            return NO_ATTRIBUTION
        plain, entities, options = self.plain, self.entities, self.options
        low = self.view[start:end].lower()
        hits = self._verb_hits(i, j, end) if flags & VERB else []
        accordings = [at[k] for k in range(i, j) if kinds[k] & ACCORDING] if flags & ACCORDING else []
        according = _according(plain, start, end, entities, options, accordings) if accordings else []
        inside = [c.span for c in according if c.span is not None]
        candidates = [
            *according,
            *(
                _named(plain, start, end, entities, inside, mentions, low, hits, no_docs=not flags & DOC_WORD)
                if mentions
                else ()
            ),
            *(_by_back_reference(plain, start, end, entities, hits, self._back_gate) if hits else ()),
        ]
        if flags & DOC_CUE and not _settled(candidates, "document"):
            verbs = [h for h in hits if self._may_follow_document(start, h[0])]
            candidates.extend(_documents(plain, start, end, verbs, low, self._may_own_document))
        if _settled(candidates, "vague"):
            return _strongest(candidates)
        heads = [at[k] for k in range(i, j) if kinds[k] & HEAD] if hits and flags & HEAD else []
        phrase = bool(flags & PHRASE) and _may_hold_phrase(frozenset(ASCII_WORD.findall(low)), self.add)
        if heads or phrase or accordings:
            candidates.extend(_vague(plain, start, end, options, None, hits, (heads, accordings, phrase, low)))
        return _strongest(candidates)


DIGITS = frozenset("0123456789")


@cache
def _simple_verbs() -> frozenset[bytes]:
    """Reporting verb forms that are one word, lower-case ASCII letters, and begin no longer form (before a non-letter):
    where the trigger scan finds one, the "verb" pattern matches just it, unless a digit follows."""
    forms = {f.lower() for forms in lexicon("reporting_verbs")["speech"].values() for f in forms}
    return frozenset(
        f.encode("ascii")
        for f in forms
        if _is_letters(f) and not any(g != f and g.startswith(f) and not g[len(f)].isalpha() for g in forms)
    )


@cache
def _back_gate_words() -> tuple[frozenset[bytes], frozenset[bytes]]:
    """The last ASCII-letter words of back-reference subjects and of words between a subject and its verb; the first
    words of back-reference subjects: what ``_Scan._back_gate`` looks for."""
    lex = lexicon("entities")
    subjects = [
        WORD.findall(w.lower())
        for w in [*lex["pronouns"]["person"], *lex["pronouns"]["organisation"], *lex["anaphors"]]
    ]
    between = [WORD.findall(w.lower()) for w in lexicon("reporting_verbs")["between"]]
    last = frozenset(w[-1].encode("ascii") for w in [*subjects, *between] if w and _is_letters(w[-1]))
    first = frozenset(w[0].encode("ascii") for w in subjects if w and _is_letters(w[0]))
    return last, first


# The words that own a document on their own; "the" needs a possessive after its next word.
OWNER_WORDS = frozenset([b"its", b"their", b"his", b"her"])


@cache
def _document_gate_words() -> tuple[frozenset[bytes], frozenset[bytes], int] | None:
    """What ``_Scan._may_follow_document`` looks for: the last word of every document noun, every word of the words
    between a subject and its verb, and how many words at most stand between a noun and its verb. None when one of
    them is not ASCII letters: it could match letters the trigger scan does not see."""
    nouns = [WORD.findall(d.lower()) for d in lexicon("entities")["document_nouns"]]
    between = [WORD.findall(w.lower()) for w in lexicon("reporting_verbs")["between"]]
    if not all(nouns) or not all(between) or not all(_is_letters(w) for words in [*nouns, *between] for w in words):
        return None
    last = frozenset(n[-1].encode("ascii") for n in nouns)
    return last, frozenset(w.encode("ascii") for b in between for w in b), 3 * max(map(len, between))


def _is_letters(word: str) -> bool:
    return word.isascii() and word.isalpha()


@cache
def _triggers(add: tuple[str, ...]) -> tuple[re.Pattern, dict[bytes, int]] | None:
    """The trigger scan's pattern (a cue word between spaces, in ``LETTERS_ONLY`` bytes) and what each word is a cue
    for; None when the scan cannot stand in for the words of a sentence (then every sentence goes through ``_own``).

    A word that is not ASCII letters is never one of an ASCII sentence's words: it is left out.
    """
    lex = lexicon("vague_sources")
    heads = [WORD.findall(h.lower()) for h in lex["heads"]]
    if any(not h or not _is_letters(h[-1]) for h in heads):
        return None  # a head matched in any case could meet an ASCII sentence's letters: look at every verb
    kinds: dict[str, int] = {}

    def put(words: Iterable[str], kind: int) -> None:
        for w in words:
            if _is_letters(w):
                kinds[w] = kinds.get(w, 0) | kind

    put(_verb_first_words(), VERB)
    put(["according"], ACCORDING)
    put((w.lower() for w in _cue_words(add)["documents"]), DOC_CUE)
    put(_doc_words(), DOC_WORD)
    put((h[-1] for h in heads), HEAD)
    keys = []
    for words in _phrase_words(add):
        if not words:
            return None  # a phrase of no words: every sentence may hold it
        letters = sorted(w for w in words if _is_letters(w))
        if letters:  # else no ASCII sentence holds it: it needs no key
            known = [w for w in letters if w in kinds]
            keys.append(max(known or letters, key=len))
    put(keys, PHRASE)
    alternation = trie_alternation(sorted(kinds))
    pattern = re.compile(rb" (" + alternation.encode("ascii") + rb")(?= )")
    return pattern, {w.encode("ascii"): k for w, k in kinds.items()}


@cache
def _any_cue(add: tuple[str, ...]) -> frozenset[str]:
    """Every word that some group of cue words holds, lower-cased."""
    return frozenset(w.lower() for group in _cue_words(add).values() for w in group)


def _ascii_doc_view(plain: str) -> str:
    """``plain`` with its common non-ASCII punctuation as spaces (same length): see ``_ascii_view``."""
    if plain.isascii():
        return plain
    for mark in PUNCTUATION_MARKS:  # str.replace is much faster than str.translate on long text
        plain = plain.replace(mark, " ")
    return plain


def _named(
    plain: str,
    start: int,
    end: int,
    entities: EntityIndex,
    skip: list[Span],
    mentions: Sequence | None = None,
    low: str | None = None,
    hits: Sequence[tuple[int, int, str]] = (),
    words: frozenset[str] | None = None,
    no_docs: bool | None = None,
) -> list[Attribution]:
    """A known name beside a reporting verb, before a publishing verb, or owning a document.

    ``no_docs``: the sentence (ASCII, ``low``) has no word of a document noun, when the caller knows.
    """
    p = _patterns()
    out = []
    if mentions is None:
        mentions = entities.mentions_in(start, end)
    # In an ASCII sentence (``low``) a verb after a name is one of ``hits``, and a document noun is one of its words.
    fast = low is not None and (words is not None or no_docs is not None)
    if no_docs is None:
        no_docs = fast and words.isdisjoint(_doc_words())  # type: ignore[union-attr]
    last_verb = hits[-1][0] if hits else -1
    for m in mentions:
        if skip and any(s.contains(Span(m.start, m.end)) for s in skip):
            continue
        for key in ("after", "possessive", "publish"):
            if fast and (last_verb < m.end if key == "after" else no_docs):
                continue
            hit = p[key].match(plain, m.end, end)
            if hit:
                out.append(_credit("named", m.name, _fold(hit.group("verb")), m.start, hit.end()))
                break
        else:
            lookback = max(start, m.start - 60)
            if not _may_end_cue(plain[lookback : m.start]):
                continue
            if low is None:
                hit = p["before"].search(plain, lookback, m.start)
            else:
                hit = _before_at_words(plain, low, start, lookback, m.start)
            if hit:
                out.append(_credit("named", m.name, _fold(hit.group("verb")), hit.start(), m.end))
    return out


def _before_at_words(plain: str, low: str, start: int, lookback: int, end: int):
    """What ``_patterns()["before"].search(plain, lookback, end)`` finds, in the ASCII sentence ``low`` (from
    ``start``): a match starts at a word that starts a cue, so only those words are tried, left to right."""
    before, first = _patterns()["before"], _before_first_words()
    for w in ASCII_WORD.finditer(low, lookback - start, end - start):
        if w.group() in first:
            hit = before.match(plain, start + w.start(), end)
            if hit:
                return hit
    return None


@cache
def _before_first_words() -> frozenset[str]:
    """The first word of every cue the "before" pattern starts with, lower-cased."""
    return frozenset([*_verb_first_words(), "according", "cited", *_doc_first_words()])


@cache
def _doc_first_words() -> frozenset[str]:
    return frozenset(d.split()[0].lower() for d in lexicon("entities")["document_nouns"])


@cache
def _doc_words() -> frozenset[str]:
    return frozenset(w.lower() for d in lexicon("entities")["document_nouns"] for w in d.split())


def _by_back_reference(
    plain: str, start: int, end: int, entities: EntityIndex, hits: list, gate: Callable | None = None
) -> list[Attribution]:
    """ "she added", "They argue", "the organization announced": resolved to the entity meant.

    ``gate(start, end, vstart, vend)``: whether a back-reference may stand before and after the verb, if known.
    """
    anchored = _anchored()
    before, after = anchored["back_before"], anchored["back_after"]
    out = []
    for vstart, vend, verb in hits:
        may_before, may_after = gate(start, end, vstart, vend) if gate is not None else (True, True)
        m = before.match(plain, max(start, vstart - 80), vstart) if may_before else None
        span = (m.start(), vend) if m else None
        if m is None and may_after:
            m = after.match(plain, vend, end)
            span = (vstart, m.end()) if m else None
        if m and span:
            name = entities.resolve(m.group("subj"), at=m.start("subj"))
            if name:
                out.append(_credit("named", name, _fold(verb), *span))
    return out


def _vocabulary(plain: str, start: int, end: int) -> frozenset[str]:
    """The words of ``plain[start:end]``, lower-cased."""
    text = plain[start:end]
    ascii_text = _ascii_view(text)
    if ascii_text is not None:  # lower-casing first is the same, and one call
        return frozenset(ASCII_WORD.findall(ascii_text.lower()))
    return frozenset(w.lower() for w in WORD.findall(text))


ASCII_WORD = re.compile(r"[A-Za-z]+")
# Punctuation common in news text outside ASCII: none of it is a letter, so a space stands in for it.
PUNCTUATION_MARKS = "\u00a0\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026"
PUNCTUATION_AS_SPACE = str.maketrans(dict.fromkeys(PUNCTUATION_MARKS, " "))


def _ascii_view(text: str) -> str | None:
    """``text`` with its non-ASCII punctuation as spaces, when that leaves it ASCII: same length, same letters."""
    if text.isascii():
        return text
    view = text.translate(PUNCTUATION_AS_SPACE)
    return view if view.isascii() else None


def _verb_hits(
    plain: str, start: int, end: int, vocabulary: frozenset[str], low: str | None = None
) -> list[tuple[int, int, str]]:
    """Where the sentence has a reporting verb: (start, end, the verb as written).

    ``low``: the sentence's ASCII view (see ``_ascii_view``) lower-cased, when it has one.
    """
    first, verb = _verb_first_words(), _anchored()["verb"]
    present = first & vocabulary
    if not present:
        return []
    if low is None:
        text = _ascii_view(plain[start:end])
        low = text.lower() if text is not None else None
    if low is not None:  # find the few candidate words, rather than looking at every word
        ats = sorted(start + at for w in present for at in _whole_word_at(low, w))
    else:
        ats = [w.start() for w in WORD.finditer(plain, start, end) if w.group().lower() in first]
    out = []
    for at in ats:
        m = verb.match(plain, at, end)
        if m:
            out.append((m.start(), m.end(), m.group()))
    return out


def _whole_word_at(text: str, word: str) -> list[int]:
    """Where ``word`` stands in the ASCII ``text`` as a whole word (no letter either side)."""
    out = []
    at = text.find(word)
    while at >= 0:
        after = at + len(word)
        if (at == 0 or not text[at - 1].isalpha()) and (after == len(text) or not text[after].isalpha()):
            out.append(at)
        at = text.find(word, at + 1)
    return out


def _may_end_cue(text: str) -> bool:
    """Could ``text`` end with a cue before a name ("said", "according to", "cited by the")? A quick necessary test."""
    if not text.isascii():
        return True
    rest, last = _last_word(text)
    ends = _cue_last_words()
    if last in ends:
        return True
    return last == "the" and _last_word(rest)[1] in ends


def _last_word(text: str) -> tuple[str, str]:
    """The ASCII ``text`` without its trailing white space, split before its last run of letters; that run is
    lower-cased ("" when the text does not end with a letter)."""
    text = text.rstrip()
    rest = text.rstrip(string.ascii_letters)
    return rest, text[len(rest) :].lower()


@cache
def _cue_last_words() -> frozenset[str]:
    """The last word of every cue the "before" pattern knows, lower-cased."""
    speech = lexicon("reporting_verbs")["speech"].values()
    return frozenset([*(f.split()[-1].lower() for forms in speech for f in forms), "to", "by", "from"])


@cache
def _verb_first_words() -> frozenset[str]:
    speech = lexicon("reporting_verbs")["speech"].values()
    return frozenset(f.split()[0].lower() for forms in speech for f in forms)


@cache
def _anchored() -> dict[str, regex.Pattern]:
    """Patterns matched backwards from a verb ((?r): they end where the verb starts) or forwards from it."""
    flags = regex.IGNORECASE
    back, between, vague = _back_words(reverse=True), _between(reverse=True), _vague_subject(reverse=True)
    return {
        "verb": regex.compile(rf"(?:{_verbs()}){NOT_LETTER}", flags),
        "back_before": regex.compile(rf"(?r){NO_LETTER_BEFORE}(?P<subj>{back})\s+{between}", flags),
        "back_after": regex.compile(rf"\s+(?P<subj>{_back_words()}){NOT_LETTER}", flags),
        "vague_before": regex.compile(rf"(?r){NO_LETTER_BEFORE}(?P<subj>{vague})\s+{between}", flags),
    }


def _documents(
    plain: str, start: int, end: int, hits: list, low: str | None = None, may_own: Callable | None = None
) -> list[Attribution]:
    """ "The research suggests", "the report found"; "The organization's findings" opening a sentence.

    A document noun with its verb needs a reporting verb in the sentence (``hits``: those a document noun may stand
    before, or more), unless a letter there matches another in any case but lower-cases differently.
    """
    p = _patterns()
    out = []
    # an ASCII sentence (``low``) has no case trap
    slow = hits or (low is None and not CASE_TRAPS.isdisjoint(plain[start:end]))
    if not slow:
        found: Iterable = ()
    elif low is None:
        found = p["document"].finditer(plain, start, end)
    else:  # a match starts at a determiner: try only there, as finditer would
        # ... before the last document noun, itself before the last reporting verb (one of ``hits``)
        verb_at = hits[-1][0] - start
        nouns = _words_at(low, _doc_first_words(), verb_at)
        dets = [start + at for at in _words_at(low, DETERMINER_WORDS, nouns[-1])] if nouns else []
        found = _matches_at(p["document"], plain, end, dets)
    for m in found:
        out.append(_credit("document", m.group("np"), _fold(m.group("verb")), m.start(), m.end()))
    m = p["owned_document"].match(plain, start, end) if may_own is None or may_own(start, end) else None
    if m:
        np = m.group("np")
        out.append(_credit("document", np, _fold(np.split()[-1]), m.start("np"), m.end("np")))
    return out


def _matches_at(pattern: regex.Pattern, text: str, end: int, starts: list[int]) -> Iterable[regex.Match]:
    """What ``pattern.finditer(text, starts[0], end)`` finds, given every place a match could start (in order)."""
    last = 0
    for at in starts:
        if at >= last:
            m = pattern.match(text, at, end)
            if m:
                yield m
                last = m.end()


# Lower-case ASCII words, looked up as whole words rather than by a regular expression, which takes milliseconds to
# compile from an alternation of them: a cost the first document to need one pays.
DETERMINER_WORDS = frozenset(DETERMINERS)


def _words_at(low: str, words: frozenset[str], end: int) -> list[int]:
    """Where ``low`` (ASCII, lower-cased) holds one of ``words`` as a whole word (no ASCII letter either side) before
    ``end``, in order, as a ``finditer`` of their alternation between ``(?<![a-z])`` and ``(?![a-z])`` would find."""
    finder = _whole_words(words)
    if finder is None:  # each word is a whole run of letters
        return [w.start() for w in ASCII_WORD.finditer(low, 0, end) if w.group() in words]
    return [w.start() for w in finder.finditer(low, 0, end)]


@cache
def _whole_words(words: frozenset[str]) -> re.Pattern | None:
    """The whole-word alternation of ``words``; None when they are all ASCII letters and need none."""
    if all(map(_is_letters, words)):
        return None
    return re.compile(rf"(?<![a-z])(?:{trie_alternation(words)})(?![a-z])")


def _according(
    plain: str, start: int, end: int, entities: EntityIndex, options: ExtractOptions, starts: list[int] | None = None
) -> list[Attribution]:
    """ "according to X": a document, a vague source or a named one, by what X is.

    ``starts``: where the sentence has the word "according", in order, if known (a match starts at one).
    """
    out = []
    pattern = _patterns()["according"]
    found = pattern.finditer(plain, start, end) if starts is None else _matches_at(pattern, plain, end, starts)
    for m in found:
        np = " ".join(m.group("np").split())
        kind, source = _according_source(np, entities, m.start("np"), options)
        if kind != "none":
            out.append(_credit(kind, source, "according to", m.start(), m.end()))
    return out


def _according_source(np: str, entities: EntityIndex, at: int, options: ExtractOptions) -> tuple[str, str]:
    with_verb, phrases = _vague_patterns(tuple(options.vague_add))
    removed = {_fold(r) for r in options.vague_remove}
    vague = with_verb.fullmatch("according to " + np) or phrases.fullmatch("according to " + np)
    if vague and not _is_removed("according to " + np, removed):
        return "vague", np
    if _patterns()["doc_noun"].search(" ".join(np.split()[:4])):
        return "document", np
    name = entities.resolve(np, at=at)
    if name:
        return "named", name
    bare = regex.sub(r"^(?:the|a|an)\s+", "", np, flags=regex.IGNORECASE)
    if bare[:1].isupper():
        return "named", bare
    return "none", np


def _vague(
    plain: str,
    start: int,
    end: int,
    options: ExtractOptions,
    words: frozenset[str] | None,
    hits: list,
    gates: tuple[list[int], list[int], bool, str] | None = None,
) -> list[Attribution]:
    """``gates``, when the caller knows them (an ASCII sentence): where the sentence has the last word of a vague
    head, where it has the word "according", whether it may hold a fixed phrase, and the sentence lower-cased."""
    with_verb, phrases = _vague_patterns(tuple(options.vague_add))
    removed = _removed(tuple(options.vague_remove))
    not_verbs = _not_verbs()
    heads = gates[0] if gates is not None else None
    subject_before = _anchored()["vague_before"]
    found = []
    for vstart, vend, verb in hits:
        if verb.lower() in not_verbs:
            continue
        if heads is not None:  # a vague subject ends with a head, in the window before the verb
            window = max(start, vstart - 120)
            if not any(window <= h < vstart for h in heads):
                continue
        m = subject_before.match(plain, max(start, vstart - 120), vstart)
        if m:
            found.append((m.group("subj"), verb, m.start(), vend))
    if gates is not None and gates[1] and _according_alone():
        # a match of "according to" X starts at the word "according", and no other match holds that word
        matches: Iterable = (m for m in _matches_at(with_verb, plain, end, gates[1]) if m.start() in gates[1])
    elif gates[1] if gates is not None else (words is None or "according" in words or "According" in words):
        matches = with_verb.finditer(plain, start, end)
    else:
        matches = ()
    if matches:
        for m in matches:
            if m.group("verb2"):
                found.append((m.group("subj2"), m.group("verb2"), m.start(), m.end()))
    out = []
    for subj, verb, s, e in found:
        if not _is_removed(plain[s:e], removed):
            out.append(_credit("vague", " ".join(subj.split()), _fold(verb), s, e))
    if gates[2] if gates is not None else (words is None or _may_hold_phrase(words, tuple(options.vague_add))):
        first = _phrase_first_words(tuple(options.vague_add)) if gates is not None else None
        if first is not None:  # a match starts where a fixed phrase's first word stands
            at = [start + at for at in _words_at(gates[3], first, end - start)]  # type: ignore[index]
            found_phrases: Iterable = _matches_at(phrases, plain, end, at)
        else:
            found_phrases = phrases.finditer(plain, start, end)
        for m in found_phrases:
            if not _is_removed(m.group(), removed):
                phrase = _fold(m.group())
                out.append(_credit("vague", phrase, phrase, m.start(), m.end()))
    return out


@cache
def _phrase_first_words(add: tuple[str, ...]) -> frozenset[str] | None:
    """The first words of the fixed phrases, lower-cased ASCII letters; None when a phrase does not start with ASCII
    letters (its matches could start elsewhere)."""
    firsts = set()
    for phrase in [*lexicon("vague_sources")["phrases"], *add]:
        words = phrase.lower().split()
        head = LETTERS.match(words[0]).group() if words else ""  # type: ignore[union-attr]
        if not head or not _is_letters(head):
            return None
        firsts.add(head)
    return frozenset(firsts)


LETTERS = regex.compile(r"\p{L}*")  # compiled once: each ``regex.match`` of a pattern string looks it up again


@cache
def _according_alone() -> bool:
    """Is "according" no word of a vague subject, of the words between it and its verb, or of those verbs? Then a
    vague match other than "according to …" never holds the word "according"."""
    lex = lexicon("vague_sources")
    speech = [f for forms in lexicon("reporting_verbs")["speech"].values() for f in forms]
    phrases = [*lex["determiners"], *lex["modifiers"], *lex["heads"], *lex["verbs"], *speech]
    phrases += lexicon("reporting_verbs")["between"]
    return all("according" not in p.lower() for p in phrases)


@cache
def _phrase_words(add: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """Each fixed phrase as the lower-case words a sentence must hold for it to occur."""
    return tuple(frozenset(WORD.findall(p.lower())) for p in [*lexicon("vague_sources")["phrases"], *add])


@cache
def _phrases_by_word(add: tuple[str, ...]) -> dict[str, tuple[frozenset[str], ...]]:
    """Each fixed phrase's words, filed under its longest word: a sentence without that word lacks the phrase."""
    out: dict[str, list[frozenset[str]]] = {}
    for words in _phrase_words(add):
        key = max(sorted(words), key=len, default="")
        out.setdefault(key, []).append(words)
    return {k: tuple(v) for k, v in out.items()}


def _may_hold_phrase(words: frozenset[str], add: tuple[str, ...]) -> bool:
    """Does the sentence hold every word of some fixed phrase?"""
    by_word = _phrases_by_word(add)
    if "" in by_word:  # a phrase of no words: held by every sentence
        return True
    return any(p <= words for w in words if w in by_word for p in by_word[w])


@cache
def _removed(phrases: tuple[str, ...]) -> set[str]:
    return {_fold(r) for r in phrases}


@cache
def _not_verbs() -> frozenset[str]:
    return frozenset(lexicon("vague_sources")["not_verbs"])


def _is_removed(text: str, removed: set[str]) -> bool:
    """A vague match the desk said not to treat as vague: it holds a removed phrase as whole words."""
    folded = f" {_fold(text)} "
    return any(f" {r} " in folded for r in removed)


def _credit(kind: str, source: str, cue: str, start: int, end: int) -> Attribution:
    return Attribution(kind=kind, source=source, cue=" ".join(cue.split()), span=Span(start, end))  # type: ignore[arg-type]


def _continues(plain: str, sentence: Sentence, previous: Sentence, before: Attribution, entities: EntityIndex) -> bool:
    """Does the sentence say it goes on with what the sentence before it (same paragraph) credited?"""
    if previous.block != sentence.block or before.kind == "none":
        return False
    head = _fold(plain[sentence.span.start : sentence.span.start + 60]).lstrip("\"“‘' ")
    if _continuation().match(head):
        return True
    first = head.split(" ", 1)[0].strip(",")
    return before.kind == "named" and entities.resolve(first, at=sentence.span.start) == before.source


@cache
def _continuation() -> re.Pattern:
    """A continuation phrase ("also", "moreover", "the report also") opening folded text, as a whole word."""
    phrases = lexicon("reporting_verbs")["continuations"]
    return re.compile(rf"(?:{'|'.join(map(re.escape, phrases))})(?![^ ,])")


def _quote_credits(
    document: Document, sentences: Sequence[Sentence], options: ExtractOptions, entities: EntityIndex
) -> dict[int, Attribution]:
    """Sentences inside a quotation whose speaker is known are credited to that speaker."""
    from .quotes import spoken

    out: dict[int, Attribution] = {}
    starts = [s.span.start for s in sentences]
    for inner, speaker, cue, named_at in spoken(document, sentences, options, entities):
        credit = Attribution("named", speaker, cue, named_at, inherited=True)
        first = bisect.bisect_left(starts, inner.start)
        for i in range(max(first - 1, 0), len(sentences)):
            s = sentences[i].span
            if s.start >= inner.end:
                break
            if s.overlaps(inner):
                out.setdefault(i, credit)
    return out
