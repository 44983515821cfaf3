"""Entities: who a document names, and every other name it calls them by."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import segment
from claimcheck.extract import entities
from claimcheck.load import document_from_text, read_document
from claimcheck.model import Document, Entity, ExtractOptions

ROOT = Path(__file__).resolve().parent.parent


def _index(document: Document, declared: tuple[Entity, ...] = ()) -> entities.EntityIndex:
    options = ExtractOptions(entities=declared)
    return entities.entities_in(document, segment.sentences(document), options)


def _seed(name: str) -> Document:
    return read_document(next((ROOT / "sources").glob(f"{name}_*.txt")))


def test_person_with_title_apposition() -> None:
    index = _index(_seed("002"))
    callamard = next(e for e in index.entities if e.name == "Agnes Callamard")
    assert (callamard.kind, callamard.title, callamard.member_of) == (
        "person",
        "Secretary General",
        "Amnesty International",
    )
    bais = next(e for e in index.entities if e.name == "Anjhula Mya Singh Bais")
    assert (bais.title, bais.member_of) == ("chair", "Amnesty International")


def test_resolve_names_surnames_short_forms_possessives() -> None:
    index = _index(_seed("002"))
    assert index.resolve("Callamard") == "Agnes Callamard"
    assert index.resolve("Bais") == "Anjhula Mya Singh Bais"
    assert index.resolve("Amnesty") == "Amnesty International"
    assert index.resolve("Amnesty's") == "Amnesty International"
    assert index.resolve("Amnesty’s") == "Amnesty International"
    assert index.resolve("Nobody Known") is None
    assert index.resolve("") is None


def test_declared_aliases_win() -> None:
    document = document_from_text("The group said it would close. The organization agreed.")
    index = _index(document, (Entity("Amnesty International", ("the group", "the organization")),))
    assert index.resolve("the group") == "Amnesty International"
    assert index.resolve("The Organization") == "Amnesty International"
    assert index.entities[0].name == "Amnesty International"


def test_pronouns_resolve_to_the_most_recent_fitting_entity() -> None:
    text = "Maria Lopez, director of the Hong Kong Journalists Association, spoke. She said it would close."
    document = document_from_text(text)
    index = _index(document)
    assert index.resolve("She", at=text.index("She said")) == "Maria Lopez"
    assert index.resolve("it", at=text.index("it would")) == "Hong Kong Journalists Association"
    assert index.resolve("She") is None


def test_pronouns_do_not_reach_into_other_paragraphs_for_organisations() -> None:
    text = "Amnesty International closed.\n\nThey often cite protesters as disruptors."
    document = document_from_text(text)
    assert _index(document).resolve("They", at=text.index("They")) is None


def test_organisations_found_in_text() -> None:
    names = {e.name for e in _index(_seed("003")).entities}
    assert {"Amnesty International", "United Nations", "European Union"} <= names


TEXT = st.lists(
    st.sampled_from(
        [
            "Agnes ",
            "Callamard",
            ", ",
            "Secretary General of ",
            "Amnesty International",
            "said ",
            "The ",
            "Union",
            ". ",
            "she ",
            "\n\n",
            "’s ",
            "x ",
        ]
    ),
    min_size=1,
    max_size=40,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=400))
def test_any_text_indexes_and_resolves_deterministically(text: str, at: int) -> None:
    if not text.strip():
        return
    document = document_from_text(text)
    index = _index(document)
    again = _index(document)
    assert index.entities == again.entities
    for word in ("she", "it", "they", "Callamard", "Amnesty", "the group"):
        assert index.resolve(word, at=min(at, len(text))) == again.resolve(word, at=min(at, len(text)))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="abcS", min_size=1, max_size=4), min_size=1, max_size=6),
    st.text(alphabet="abcS .", max_size=60),
)
def test_occurrences_match_the_longest_first_alternation(words, text):
    import re

    plain = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))))
    assert entities._occurrences(text, words) == [m.start() for m in plain.finditer(text)]
