"""People and organisations a document names, and every other name it calls them by.

An entity is declared in claims.yaml or found in the text: an organisation by its
capitalised name ending in a word such as "International" or "Union"; a person
named in full beside a title ("Agnes Callamard, Secretary General of Amnesty
International") or beside a reporting verb ("said Anjhula Mya Singh Bais").
``EntityIndex.resolve`` maps a surname, a short form ("Amnesty"), a possessive,
a declared alias and — given a position — a pronoun or "the group" back to the
canonical name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ..lexicons import lexicon
from ..model import Document, Entity, ExtractOptions, Sentence
from .patterns import phrase_alternation, phrase_trie, trie_alternation

NAME_WORD = r"\p{Lu}[\p{Ll}\p{Lo}]+(?:-\p{Lu}?[\p{Ll}\p{Lo}]+)?"
PERSON = rf"{NAME_WORD}(?:\s(?:{NAME_WORD}|\p{{Lu}}\.))*\s{NAME_WORD}"


@dataclass(frozen=True, slots=True)
class Mention:
    """Where the text names a known entity by one of its names."""

    start: int
    end: int
    name: str  # canonical
    kind: str | None


@cache
def _lex() -> dict:
    return lexicon("entities")


@cache
def _org_pattern() -> regex.Pattern:
    heads = phrase_trie(_lex()["org_heads"])
    return regex.compile(rf"(?<![\p{{L}}'’])(?:{NAME_WORD}\s){{1,4}}?(?:{heads})(?![\p{{L}}'’])")


@cache
def _title_pattern() -> str:
    return phrase_trie(t.lower() for t in _lex()["titles"])  # matched ignoring case


@cache
def _person_patterns() -> tuple[regex.Pattern, ...]:
    """Person names: with a title after or before them, or beside a speech verb."""
    title = _title_pattern()
    said = _said()
    org = r"(?P<org>(?:\p{Lu}[\p{L}\-]*(?:['’]s)?\s?){1,5})"
    titles = trie_alternation(t.title() for t in _lex()["titles"])  # a space in them only a space
    return (
        regex.compile(
            rf"(?P<name>{PERSON}),\s(?:the\s|an?\s)?(?:[\p{{Ll}}\-]+\s){{0,2}}?(?P<title>(?i:{title}))"
            rf"(?:\s(?:of|at|for|with)\s(?:the\s)?{org})?"
        ),
        # a capitalised title before the name: "Secretary General Agnes Callamard"
        regex.compile(rf"(?<![\p{{L}}])(?P<title>{titles})\s(?P<name>{PERSON})"),
        regex.compile(rf"(?<![\p{{L}}])(?:{said})\s(?P<name>{PERSON})"),
        regex.compile(rf"(?P<name>{PERSON})(?=\s(?:{said})(?![\p{{L}}]))"),
    )


@lru_cache(maxsize=1 << 16)
def _fold(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


def _strip_possessive(name: str) -> str:
    for tail in ("'s", "’s", "'", "’"):
        if name.endswith(tail):
            return name[: -len(tail)]
    return name


class EntityIndex:
    """The entities of one document, and the names they go by."""

    __slots__ = ("_blocks", "_by_name", "_kinds", "_mention_starts", "_mentions", "_names", "entities")

    def __init__(self, entities: tuple[Entity, ...], mentions: tuple[Mention, ...], blocks: tuple[int, ...]):
        self.entities = entities
        self._names = _names_of(entities)
        self._kinds = {e.name: e.kind for e in entities}
        self._by_name: dict[str, Entity] = {}
        for e in entities:
            self._by_name.setdefault(e.name, e)
        self._mentions = mentions
        self._mention_starts = [m.start for m in mentions]
        self._blocks = blocks

    def entity(self, name: str) -> Entity | None:
        return self._by_name.get(name)

    def kind_of(self, name: str) -> str | None:
        return self._kinds.get(name)

    def mentions_in(self, start: int, end: int) -> tuple[Mention, ...]:
        i = bisect.bisect_left(self._mention_starts, start)
        j = bisect.bisect_left(self._mention_starts, end)
        return tuple(m for m in self._mentions[i:j] if m.end <= end)

    def resolve(self, name: str, at: int | None = None) -> str | None:
        """The canonical name that ``name`` stands for, or None."""
        key = _key(name)
        if not key:
            return None
        found = _looked_up(self._names, key)
        if found is None and at is not None:
            found = self._back_reference(key, at)
        return found

    def _back_reference(self, key: str, at: int) -> str | None:
        """A pronoun or "the group": the most recent fitting mention before ``at``, nearby."""
        lex = _lex()
        if key in lex["pronouns"]["person"]:
            kind, reach = "person", 1
        elif key in lex["pronouns"]["organisation"]:
            kind, reach = "organisation", 0
        elif key in lex["anaphors"]:
            kind, reach = "organisation", 1
        else:
            return None
        block = bisect.bisect_right(self._blocks, at) - 1
        floor = self._blocks[max(block - reach, 0)] if self._blocks else 0
        i = bisect.bisect_left(self._mention_starts, at) - 1
        while i >= 0 and self._mentions[i].start >= floor:
            m = self._mentions[i]
            if m.end <= at and (m.kind or "organisation") == kind:
                return m.name
            i -= 1
        return None


def _key(name: str) -> str:
    """A name as looked up: folded, without the punctuation around it."""
    return _fold(name).strip(" ,.;:!?\"“”‘'()[]")


def _looked_up(names: dict[str, str], key: str) -> str | None:
    """The canonical name a folded ``key`` stands for in ``names`` (from ``_names_of``), or None."""
    bare = _fold(_strip_possessive(key))
    for candidate in (key, bare, bare.removeprefix("the ")):
        if candidate in names:
            return names[candidate]
    # "Amnesty International Hong Kong", "Amnesty's International Board": the longest known prefix.
    parts = [_fold(_strip_possessive(p)) for p in bare.split()]
    for n in range(len(parts) - 1, 0, -1):
        prefix = " ".join(parts[:n])
        if prefix in names:
            return names[prefix]
    return None


def _names_of(entities: tuple[Entity, ...]) -> dict[str, str]:
    """Every name an entity goes by, folded, to its canonical name; the first entity claiming a name keeps it."""
    names: dict[str, str] = {}
    for e in entities:
        for n in (e.name, *e.aliases):
            names.setdefault(_fold(n), e.name)
    return names


def entities_in(document: Document, sentences: Sequence[Sentence], options: ExtractOptions) -> EntityIndex:
    """The declared entities, then those the text names, with where it names them."""
    plain = document.plain
    heads, titles = _occurrences_each(plain, (_head_words(), _title_first_words()))
    said = _occurrences(plain, _said_first_words())
    found = _merged(options.entities, [*_organisations(plain, heads), *_people(plain, said, [s for s, _ in titles])])
    owners, words = _owners(found), _Words(plain)
    entities = tuple(_with_short_forms(e, words, owners) for e in found)
    blocks = tuple(b.span.start for b in document.blocks) or (0,)
    return EntityIndex(entities, _mentions(plain, entities), blocks)


def _organisations(plain: str, heads: list[tuple[int, int]]) -> list[Entity]:
    """The organisations named before the words that end their names (``heads``: the spans of those words)."""
    out = []
    # a head with a letter after it ends no name: looking back from it for where a name starts is wasted
    checked = _heads_are_letters()
    ends = [at for at, end in heads if at and not (checked and _letter_or_apostrophe_at(plain, end))]
    for m in _matches_at(_org_pattern(), plain, _name_starts_before(plain, ends, ORG_RUN)):
        words = m.group().split()
        while words and words[0] in ("The", "A", "An"):
            words.pop(0)
        if len(words) >= 2:
            out.append(Entity(" ".join(words), kind="organisation"))
    return out


def _people(plain: str, said: list[int], titles: list[int]) -> list[Entity]:
    """The people named beside a title or a speech verb (``said``, ``titles``: where their first words stand)."""
    hits = []
    not_names = set(_lex()["not_names"])
    for pattern, starts in zip(_person_patterns(), _person_starts(plain, said, titles), strict=True):
        for m in _matches_at(pattern, plain, starts):
            words = m.group("name").split()
            while words and words[0] in not_names:
                words.pop(0)
            if len(words) < 2 or _looks_like_org(words):
                continue
            groups = m.groupdict()
            title = groups.get("title")
            org = (groups.get("org") or "").strip() or None
            hits.append((m.start("name"), Entity(" ".join(words), kind="person", title=title, member_of=org)))
    hits.sort(key=lambda h: h[0])
    return [e for _, e in hits]


def _matches_at(pattern: regex.Pattern | re.Pattern, text: str, starts: list[int]) -> Iterable[regex.Match | re.Match]:
    """What ``pattern.finditer(text)`` finds, given every place a match could start (in order), trying only there."""
    last = 0
    for at in starts:
        if at >= last:
            m = pattern.match(text, at)
            if m:
                yield m
                last = m.end()


def _person_starts(plain: str, said: list[int], titles: list[int]) -> tuple[list[int], ...]:
    """For each person pattern, every place a match could start: scanning the whole text for a name is slow.

    A name with a title after it ends at a comma followed by the title; one before a speech verb ends just before
    it; one after a capitalised title or a speech verb starts at that word. The name before the comma or verb can
    start at any capital letter of the run of letters, dots, hyphens and spaces there. ``said`` and ``titles`` are
    where the first words of speech verbs and of capitalised titles stand.
    """
    titled = [m.start() for m in _title_after().finditer(plain)]
    before_said = [at - 1 for at in said if at and _said_after().match(plain, at - 1)]
    return (
        _name_starts_before(plain, titled, PERSON_RUN),
        titles,
        said,
        _name_starts_before(plain, before_said, PERSON_RUN),
    )


def _occurrences(text: str, words: Iterable[str]) -> list[int]:
    """Every place one of ``words`` (letters only, case as given) stands in ``text``, unless inside another.

    Each word that does not begin with another is looked for with ``str.find``: for a few words much faster than
    a regex scan, which stops at every occurrence of their first letters. The alternation then tries only there.
    """
    words = tuple(words)
    starts = sorted({at for word in _shortest(words) for at in _finds(text, word)})
    return [m.start() for m in _matches_at(_finder(words), text, starts)]


def _finds(text: str, word: str) -> Iterable[int]:
    """Every place ``word`` stands in ``text``, overlapping ones too."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


@cache
def _shortest(words: tuple[str, ...]) -> frozenset[str]:
    """The words that do not begin with another of ``words``: where any of them stands, one of these does."""
    return frozenset(w for w in words if not any(w != v and w.startswith(v) for v in words))


def _occurrences_each(text: str, lists: tuple[tuple[str, ...], ...]) -> tuple[list[tuple[int, int]], ...]:
    """The spans of ``_occurrences`` of each word list, from one scan for every place where a word of any list begins.

    A scan costs the same for one list as for several: it is the walk over the text. Each list then keeps, in
    order, the places where its own alternation matches and that are not inside its previous match: what
    ``finditer`` of that alternation gives.
    """
    begins = [m.start() for m in _beginnings(lists).finditer(text)]
    out = []
    for words in lists:
        firsts = _first_letters(words)
        starts = [at for at in begins if text[at] in firsts]
        out.append([m.span() for m in _matches_at(_finder(words), text, starts)])
    return tuple(out)


@cache
def _beginnings(lists: tuple[tuple[str, ...], ...]) -> re.Pattern:
    """Every place where a word of ``lists`` begins, found by its first character with the rest looked ahead at.

    Each match is the first character alone, so the scan sees every place, even one inside another word.
    """
    rests: dict[str, list[str]] = {}
    for word in {w for words in lists for w in words}:
        rests.setdefault(word[0], []).append(word[1:])
    return re.compile(
        "|".join(f"{re.escape(first)}(?={trie_alternation(rest)})" for first, rest in sorted(rests.items()))
    )


@cache
def _first_letters(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w[0] for w in words)


@cache
def _finder(words: tuple[str, ...]) -> re.Pattern:
    """The alternation of ``words``, longest first, as a trie: the same matches, one branch tried per character."""
    return re.compile(trie_alternation(words))


# What may stand before the end of a match, read backwards from it: a person's name is a chain of name words and
# initials, each after one white space character, its first word perhaps the tail of a longer run ("McDonald");
# an organisation's name is one to four runs of letters and hyphens, each followed by one white space character.
PERSON_RUN = regex.compile(rf"(?r)[\p{{L}}\-.]*(?:\s(?:{NAME_WORD}|\p{{Lu}}\.))*")
ORG_RUN = regex.compile(r"(?r)(?:[\p{L}\-]+\s){1,4}")
UPPER = regex.compile(r"\p{Lu}")
LETTER = regex.compile(r"\p{L}")
ASCII_UPPER = re.compile(r"[A-Z]")


def _name_starts_before(text: str, ends: list[int], run_pattern: regex.Pattern) -> list[int]:
    """The capital letters of the run of name characters that ends at each of ``ends``: where a match may start."""
    out: set[int] = set()
    for end in ends:
        run = run_pattern.match(text, 0, end)
        if run:
            out.update(_capitals(text, run.start(), end))
    return sorted(out)


def _capitals(text: str, start: int, end: int) -> Iterable[int]:
    """Where ``UPPER`` matches in text[start:end]; in ASCII that is [A-Z], found by ``re`` at a fraction of the cost."""
    pattern = ASCII_UPPER if text[start:end].isascii() else UPPER
    return (m.start() for m in pattern.finditer(text, start, end))


@cache
def _head_words() -> tuple[str, ...]:
    return tuple(_lex()["org_heads"])


@cache
def _said() -> str:
    return phrase_trie(lexicon("reporting_verbs")["speech"]["say"] + lexicon("reporting_verbs")["speech"]["tell"])


@cache
def _said_first_words() -> tuple[str, ...]:
    return tuple(
        {
            f.split()[0]
            for f in [*lexicon("reporting_verbs")["speech"]["say"], *lexicon("reporting_verbs")["speech"]["tell"]]
        }
    )


@cache
def _heads_are_letters() -> bool:
    """Is every head word ASCII letters only? Then no head ends a name where the longest head there is followed by a
    letter: a shorter one is followed by the rest of the longer."""
    return all(w.isascii() and w.isalpha() for w in _head_words())


def _letter_or_apostrophe_at(text: str, at: int) -> bool:
    r"""Does ``[\p{L}'’]`` (what may not follow an organisation's name) match at ``at`` (False at the end)?"""
    c = text[at : at + 1]
    if c.isascii():
        return c.isalpha() or c == "'"
    return c == "’" or LETTER.match(c) is not None


@cache
def _title_first_words() -> tuple[str, ...]:
    """The first word of each capitalised title, cut at a hyphen ("Co" of "Co-Chair"): no word holds another."""
    return tuple({t.title().split(" ")[0].split("-")[0] for t in _lex()["titles"]})


@cache
def _said_after() -> regex.Pattern:
    """What follows a name before a speech verb (the last pattern of ``_person_patterns``), from the space."""
    return regex.compile(rf"\s(?:{_said()})(?![\p{{L}}])")


@cache
def _title_after() -> regex.Pattern:
    """What follows a name with a title after it (the first pattern of ``_person_patterns``), up to the title."""
    return regex.compile(rf",\s(?:the\s|an?\s)?(?:[\p{{Ll}}\-]+\s){{0,2}}?(?:(?i:{_title_pattern()}))")


def _looks_like_org(words: list[str]) -> bool:
    return any(w in _org_heads() for w in words)


@cache
def _org_heads() -> frozenset[str]:
    return frozenset(_lex()["org_heads"])


def _merged(declared: tuple[Entity, ...], found: list[Entity]) -> list[Entity]:
    """Declared entities first; a found one that a known name already covers adds only its title and organisation."""
    out: list[Entity] = list(declared)
    names = _names_of(tuple(out))
    first: dict[str, int] = {}  # each canonical name to where it first stands in ``out``
    for k, x in enumerate(out):
        first.setdefault(x.name, k)
    for e in found:
        key = _fold(e.name)
        if key in names:
            i = first[names[key]]
            old = out[i]
            member_of = old.member_of or e.member_of
            out[i] = Entity(old.name, old.aliases, old.kind or e.kind, old.title or e.title, member_of)
            continue
        first.setdefault(e.name, len(out))
        out.append(e)
        names.setdefault(key, e.name)
    return _with_organisations_resolved(out)


def _with_organisations_resolved(entities: list[Entity]) -> list[Entity]:
    """Each ``member_of`` as its organisation's canonical name ("Amnesty's International Board" → Amnesty ...)."""
    if not any(e.member_of for e in entities):
        return entities
    orgs = [e for e in entities if e.kind == "organisation"]
    owners = _owners(orgs)
    # Resolved by the organisations' names alone: no acronym counts as standing in the text.
    names = _names_of(tuple(_with_short_forms(o, frozenset(), owners) for o in orgs))
    out = []
    for e in entities:
        if e.member_of:
            key = _key(e.member_of)
            org = (_looked_up(names, key) if key else None) or _owner(e.member_of)
            e = Entity(e.name, e.aliases, e.kind, e.title, org)
        out.append(e)
    return out


def _owner(phrase: str) -> str:
    """An unknown organisation's name: the possessor in "Amnesty's International Board", else the phrase."""
    words = phrase.split()
    for i, w in enumerate(words):
        if w.endswith(("'s", "’s")):
            return " ".join([*words[:i], w[:-2]])
    return " ".join(words)


def _owners(known: list[Entity]) -> dict[str, set[str]]:
    """Every name of the known entities, folded, to the canonical names of the entities that go by it."""
    owners: dict[str, set[str]] = {}
    for e in known:
        for n in (e.name, *e.aliases):
            owners.setdefault(_fold(n), set()).add(e.name)
    return owners


class _Words:
    """Whether a word stands in a text as a whole run of word characters: found in place, and remembered."""

    __slots__ = ("_known", "_text")

    def __init__(self, text: str):
        self._text = text
        self._known: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        if word not in self._known:
            self._known[word] = _whole_word(self._text, word)
        return self._known[word]


WORD_CHAR = regex.compile(r"\w")
WORD_RUN = regex.compile(r"\w+")


def _whole_word(text: str, word: str) -> bool:
    """Is ``word`` one of the runs of word characters of ``text`` (what ``regex.findall(r"\\w+", text)`` gives)?"""
    if not WORD_RUN.fullmatch(word):
        return False
    at = text.find(word)
    while at >= 0:
        if not (at and WORD_CHAR.match(text, at - 1)) and not WORD_CHAR.match(text, at + len(word)):
            return True
        at = text.find(word, at + 1)
    return False


def _with_short_forms(entity: Entity, words: Container[str], owners: dict[str, set[str]]) -> Entity:
    """Add the surname of a person, the short form and acronym of an organisation, unless another entity shares them."""
    short, acronym = _short_forms(entity.name, entity.kind)
    extra = list(short)
    if acronym is not None and acronym in words:  # the acronym as a whole word of the text
        extra.append(acronym)
    extra = [x for x in extra if not (owners.get(_fold(x), set()) - {entity.name}) and x not in entity.aliases]
    if not extra:
        return entity
    return Entity(entity.name, (*entity.aliases, *extra), entity.kind, entity.title, entity.member_of)


@lru_cache(maxsize=1 << 14)
def _short_forms(name: str, kind: str | None) -> tuple[tuple[str, ...], str | None]:
    """What ``_with_short_forms`` may add, whatever the text: the surname or short form, and the acronym if any."""
    names = name.split()
    if len(names) < 2:
        return (), None
    if kind == "person":
        return (names[-1],), None
    if kind != "organisation":
        return (), None
    short = (names[0],) if names[0] not in _not_short_forms() and len(names[0]) > 2 else ()
    acronym = "".join(w[0] for w in names if w[0].isupper())
    return short, acronym if len(acronym) >= 2 else None


@cache
def _not_short_forms() -> frozenset[str]:
    return frozenset(_lex()["not_short_forms"])


def _mentions(plain: str, entities: tuple[Entity, ...]) -> tuple[Mention, ...]:
    """Every place the text uses a name of an entity (proper names exactly, lower-case aliases in any case)."""
    by_name: dict[str, Entity] = {}
    for e in entities:
        for n in (e.name, *e.aliases):
            by_name.setdefault(_fold(n), e)
    if not by_name:
        return ()
    names = [n for e in entities for n in (e.name, *e.aliases)]
    exact = _ordered(n for n in names if n[:1].isupper())
    loose = _ordered(n for n in names if not n[:1].isupper())
    found = _found_by_words(plain, exact, loose)
    if found is None:
        found = _found_by_pattern(plain, exact, loose)
    out = []
    for start, end in found:
        e = by_name.get(_fold(plain[start:end]))
        if e is not None:
            out.append(Mention(start, end, e.name, e.kind))
    return tuple(out)


def _ordered(phrases: Iterable[str]) -> list[str]:
    """Phrases in the order an alternation tries them: longest first."""
    return sorted(set(phrases), key=lambda p: (-len(p), p))


LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")
SPACES = regex.compile(r"\s+")
CASE_TRAPS = frozenset("\u0130\u017f\u212a")  # match an ASCII letter in any case, but lower-case to something else


def _found_by_pattern(plain: str, exact: list[str], loose: list[str]) -> list[tuple[int, int]]:
    """The spans of the names, by one alternation of them all: exact, but slow to compile."""
    parts = [f"(?:{phrase_alternation(exact)})"] if exact else []
    if loose:
        parts.append(f"(?i:{phrase_alternation(loose)})")
    pattern = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{'|'.join(parts)})(?![\p{{L}}\p{{N}}])")
    return [m.span() for m in pattern.finditer(plain)]


def _found_by_words(plain: str, exact: list[str], loose: list[str]) -> list[tuple[int, int]] | None:
    """What ``_found_by_pattern`` finds, by finding each name's first word and checking the rest in place.

    None when a name or the text is outside what this handles exactly: a name that does not begin and end with a
    letter or digit, a lower-case name with a non-ASCII letter, a text whose letters change length or meet an
    ASCII letter in another case when lower-cased.
    """
    loose_text = ""
    if loose:
        if any(not n.isascii() for n in loose) or not CASE_TRAPS.isdisjoint(plain):
            return None
        loose_text = plain.lower()
        if len(loose_text) != len(plain):
            return None
    tries: dict[int, list[tuple[int, list[str], bool]]] = {}  # start -> (rank in the alternation, words, any case)
    by_first: dict[tuple[str, bool], list[tuple[int, list[str], bool]]] = {}  # names found by one first word
    for rank, (name, folded) in enumerate([*((n, False) for n in exact), *((n, True) for n in loose)]):
        words = _name_words(name)
        if words is None:
            return None
        if folded:
            words = [w.lower() for w in words]
        by_first.setdefault((words[0], folded), []).append((rank, words, folded))
    for (first, folded), entries in by_first.items():
        text = loose_text if folded else plain
        at = text.find(first)
        while at >= 0:
            tries.setdefault(at, []).extend(entries)
            at = text.find(first, at + 1)
    out: list[tuple[int, int]] = []
    last = 0
    for start in sorted(tries):
        if start < last or (start > 0 and _letter_or_digit_at(plain, start - 1)):
            continue
        for _, words, folded in sorted(tries[start]):  # by rank, each name's own
            end = _match_words(loose_text if folded else plain, start, words)
            if end is not None and not _letter_or_digit_at(plain, end):
                out.append((start, end))
                last = end
                break
    return out


@lru_cache(maxsize=1 << 14)
def _name_words(name: str) -> list[str] | None:
    """A name's words; None if it does not begin and end with a letter or digit."""
    words = name.split()
    if not words or not (_letter_or_digit_at(name, 0) and _letter_or_digit_at(name, len(name) - 1)):
        return None
    return words


def _match_words(text: str, at: int, words: list[str]) -> int | None:
    """Where ``words``, separated by any run of white space, end if they stand in ``text`` at ``at``."""
    for i, w in enumerate(words):
        if i:
            after = _after_spaces(text, at)
            if after is None:
                return None
            at = after
        if not text.startswith(w, at):
            return None
        at += len(w)
    return at


# A call into ``regex`` has a high fixed cost, paid for nothing on the ASCII characters most texts are made of.
def _letter_or_digit_at(text: str, at: int) -> bool:
    """Does ``LETTER_OR_DIGIT`` match at ``at`` (False at the end of the text)?"""
    c = text[at : at + 1]
    return c.isalnum() if c.isascii() else LETTER_OR_DIGIT.match(c) is not None


def _after_spaces(text: str, at: int) -> int | None:
    """Where the run of white space (``SPACES``) at ``at`` ends; None if there is none."""
    # Every character \s matches is one str.isspace accepts: a lone space ends before a character it refuses.
    if text[at : at + 1] == " " and not text[at + 1 : at + 2].isspace():
        return at + 1
    space = SPACES.match(text, at)
    return space.end() if space else None
