"""The source index: reuse between runs, incremental updates, shared caches, damaged caches, search."""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import sqlite3
import stat
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import pipeline
from claimcheck.index import MemoryIndex, SourceIndex, open_index, sentence_terms
from claimcheck.index import build as index_build
from claimcheck.index import sqlite as index_sqlite
from claimcheck.model import (
    Analysis,
    Attribution,
    Block,
    DocMeta,
    Document,
    ExtractOptions,
    Interval,
    NumberClaim,
    Sentence,
    Span,
)

SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def analysed(text: str, path: str = "doc.txt") -> Analysis:
    """A hand-made Analysis: one sentence per full stop, every whole number a figure."""
    spans = [Span(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]
    document = Document(path, text, text, (Block(Span(0, len(text)), "paragraph"),))
    sentences = tuple(Sentence(s, text[s.start : s.end], i, 0) for i, s in enumerate(spans))
    figures = tuple(
        NumberClaim(
            span=Span(m.start(), m.end()),
            text=m.group(),
            sentence=next(i for i, s in enumerate(spans) if s.start <= m.start() < s.end),
            value=float(m.group()),
            interval=Interval.point(float(m.group())),
        )
        for m in re.finditer(r"\d+", text)
    )
    return Analysis(document, sentences, figures, tuple(Attribution() for _ in sentences))


@pytest.fixture(params=["memory", "sqlite"])
def index(request, tmp_path: Path):
    made, warnings = open_index(None if request.param == "memory" else tmp_path / "cache")
    assert warnings == []
    yield made
    made.close()


# --- search ---------------------------------------------------------------


def common_and_rare() -> list[Analysis]:
    filler = [analysed(f"Officials said the protest ended on day {i}.", f"/s/filler{i}.txt") for i in range(30)]
    rare = analysed("Officials said Quenvale police detained the marchers.", "/s/rare.txt")
    return [*filler, rare]


def test_a_sentence_sharing_rare_terms_ranks_above_ones_sharing_common_terms(index: SourceIndex) -> None:
    for analysis in common_and_rare():
        index.put(analysis)
    query = sentence_terms("Officials said the protest in Quenvale ended.")
    found = index.candidates(query, [], 5)
    assert found[0] == ("/s/rare.txt", 0)


def test_figures_find_sentences_and_rare_figures_count_more(index: SourceIndex) -> None:
    for analysis in common_and_rare():
        index.put(analysis)
    index.put(analysed("Some 212 people were held. Another 7 were freed.", "/s/fig.txt"))
    assert index.candidates([], [212.0], 3) == [("/s/fig.txt", 0)]
    assert index.candidates([], [212.00000001], 3) == [("/s/fig.txt", 0)]
    assert index.candidates([], [7.0, 212.0], 1) in ([("/s/fig.txt", 0)], [("/s/fig.txt", 1)])


def test_no_shared_term_or_figure_means_no_candidate(index: SourceIndex) -> None:
    index.put(analysed("Officials said the protest ended.", "/s/a.txt"))
    assert index.candidates(["zzyzx"], [99.0], 10) == []
    assert index.candidates([], [], 10) == []


DOCS = st.lists(
    st.lists(
        st.sampled_from(["alpha", "beta", "gamma", "delta", "omega", "5", "12", "Quenvale"]), min_size=1, max_size=5
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=25, deadline=None)
@given(DOCS, st.lists(st.sampled_from(["alpha", "beta", "omega", "quenvale", "zeta"]), max_size=3))
def test_sqlite_answers_exactly_as_the_reference_in_memory_index(tmp_path_factory, docs, query) -> None:
    memory = MemoryIndex()
    disk, _ = open_index(tmp_path_factory.mktemp("cache"))
    try:
        for i, words in enumerate(docs):
            analysis = analysed(" ".join(words) + ". Filler words here.", f"/d/{i}.txt")
            memory.put(analysis)
            disk.put(analysis)
        assert disk.candidates(query, [5.0], 50) == memory.candidates(query, [5.0], 50)
    finally:
        disk.close()


# --- storage --------------------------------------------------------------


def test_an_entry_is_found_only_with_its_own_hash_and_variant(index: SourceIndex) -> None:
    analysis = analysed("Officials said 5 people were hurt.", "/s/a.txt")
    index.put(analysis, "/s/a.txt", "h1", "v1")
    assert index.get("/s/a.txt", "h1", "v1") == analysis
    assert index.has("/s/a.txt", "h1", "v1")
    assert index.get("/s/a.txt", "h2", "v1") is None
    assert index.get("/s/a.txt", "h1", "v2") is None
    assert index.load("/s/a.txt") == analysis


def test_replacing_an_entry_replaces_its_postings(index: SourceIndex) -> None:
    index.put(analysed("Quenvale police detained 212 marchers.", "/s/a.txt"))
    index.put(analysed("Borsk police freed 7 marchers.", "/s/a.txt"))
    assert index.candidates(["quenvale"], [212.0], 5) == []
    assert index.candidates(["borsk"], [], 5) == [("/s/a.txt", 0)]


def test_forget_drops_only_vanished_files_under_the_folder(index: SourceIndex) -> None:
    for path in ("/s/a.txt", "/s/b.txt", "/s/sub/c.txt", "/other/d.txt", "/s2/e.txt"):
        index.put(analysed("Quenvale police detained marchers.", path))
    assert index.forget(["/s/a.txt"], under="/s") == 2
    assert index.load("/s/b.txt") is None and index.load("/s/sub/c.txt") is None
    assert index.load("/s/a.txt") and index.load("/other/d.txt") and index.load("/s2/e.txt")
    assert sorted(p for p, _ in index.candidates(["quenvale"], [], 10)) == ["/other/d.txt", "/s/a.txt", "/s2/e.txt"]


def test_the_index_persists_between_runs(tmp_path: Path) -> None:
    first, _ = open_index(tmp_path)
    analysis = analysed("Quenvale police detained 212 marchers.", "/s/a.txt")
    first.put(analysis, sha256="h")
    first.close()
    second, warnings = open_index(tmp_path)
    assert warnings == []
    assert second.get("/s/a.txt", "h") == analysis
    assert second.candidates(["quenvale"], [], 5) == [("/s/a.txt", 0)]
    second.close()


def test_a_new_extractor_version_empties_the_stored_analyses(tmp_path: Path, monkeypatch) -> None:
    first, _ = open_index(tmp_path)
    first.put(analysed("Quenvale police detained marchers.", "/s/a.txt"), sha256="h")
    first.close()
    monkeypatch.setattr(index_sqlite, "extractor_version", lambda: "lexicon changed")
    second, warnings = open_index(tmp_path)
    assert warnings == []
    assert second.get("/s/a.txt", "h") is None
    assert second.candidates(["quenvale"], [], 5) == []
    second.close()


# --- incremental builds ---------------------------------------------------


@pytest.fixture
def calls(monkeypatch) -> list[str]:
    """Count the pipeline's extractions, and make them independent of the real extractors."""
    seen: list[str] = []

    def fake(path: Path, options: ExtractOptions, display: str | None = None, meta: DocMeta | None = None) -> Analysis:
        seen.append(path.name)
        return analysed(path.read_text(encoding="utf-8"), display or str(path))

    monkeypatch.setattr(pipeline, "analyse_path", fake)
    return seen


DEFAULTS = ExtractOptions()


def run(folder: Path, index: SourceIndex, options: ExtractOptions = DEFAULTS) -> tuple[list[Analysis], list[str]]:
    paths = sorted(folder.glob("*.txt"))
    return index_build.analyses(paths, [p.name for p in paths], [None] * len(paths), options, index, folders=[folder])


def test_unchanged_sources_are_reused_changed_ones_reread_removed_ones_forgotten(tmp_path: Path, calls) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    for name, text in (
        ("a.txt", "Quenvale police detained 212 marchers."),
        ("b.txt", "Borsk freed 7."),
        ("c.txt", "Orlo."),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    index, _ = open_index(tmp_path / "cache")
    first, warnings = run(folder, index)
    assert warnings == [] and calls == ["a.txt", "b.txt", "c.txt"]
    index.close()

    index, _ = open_index(tmp_path / "cache")  # a second run: nothing changed, nothing re-extracted
    again, _ = run(folder, index)
    assert calls == ["a.txt", "b.txt", "c.txt"] and again == first

    (folder / "b.txt").write_text("Borsk freed 9.", encoding="utf-8")
    (folder / "c.txt").unlink()
    third, _ = run(folder, index)
    assert calls[3:] == ["b.txt"]
    assert [a.document.path for a in third] == ["a.txt", "b.txt"] and "9" in third[1].document.text
    assert index.load(index_build.key_of(folder / "c.txt")) is None
    assert index.candidates(["orlo"], [], 5) == []

    run(folder, index, ExtractOptions(about_band=0.2))  # changed options: everything re-extracted
    assert sorted(calls[4:]) == ["a.txt", "b.txt"]
    index.close()


def test_an_unreadable_source_is_a_warning_and_the_rest_go_on(tmp_path: Path, calls) -> None:
    (tmp_path / "a.txt").write_text("Quenvale.", encoding="utf-8")
    missing = tmp_path / "gone.txt"
    index = MemoryIndex()
    found, warnings = index_build.analyses(
        [tmp_path / "a.txt", missing], ["a.txt", "gone.txt"], [None, None], ExtractOptions(), index
    )
    assert [a.document.path for a in found] == ["a.txt"]
    assert len(warnings) == 1 and warnings[0].startswith("gone.txt: cannot read")


def test_indexed_updates_without_decoding_and_reports_keys(tmp_path: Path, calls) -> None:
    (tmp_path / "a.txt").write_text("Quenvale.", encoding="utf-8")
    index, _ = open_index(tmp_path / "cache")
    keys, _ = index_build.indexed([tmp_path / "a.txt"], [None], [None], ExtractOptions(), index)
    keys_again, _ = index_build.indexed([tmp_path / "a.txt"], [None], [None], ExtractOptions(), index)
    assert keys == keys_again == [str(tmp_path / "a.txt")] and calls == ["a.txt"]
    index.close()


# --- shared caches and faults ---------------------------------------------


def _writer(cache: str, name: str, count: int) -> None:
    index, _ = open_index(Path(cache))
    for i in range(count):
        index.put(analysed(f"Writer {name} item{i} said {i} things.", f"/{name}/{i}.txt"), sha256=str(i))
    index.close()


def test_two_runs_writing_one_cache_at_once_both_land(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_writer, args=(str(tmp_path), name, 60)) for name in ("one", "two")]
    for w in writers:
        w.start()
    for w in writers:
        w.join(60)
        assert w.exitcode == 0
    index, warnings = open_index(tmp_path)
    assert warnings == []
    for name in ("one", "two"):
        for i in range(60):
            assert index.get(f"/{name}/{i}.txt", str(i)) is not None
    assert index.candidates(["item59"], [], 5) == [("/one/59.txt", 0), ("/two/59.txt", 0)]
    index.close()


def _endless_writer(cache: str) -> None:
    index, _ = open_index(Path(cache))
    for i in range(10**6):
        text = " ".join(f"Sentence {j} of item{i} mentions word{j}." for j in range(40))
        index.put(analysed(text, f"/k/{i}.txt"), sha256=str(i))


def test_a_run_killed_mid_write_leaves_only_whole_documents(tmp_path: Path) -> None:
    process = multiprocessing.get_context("fork").Process(target=_endless_writer, args=(str(tmp_path),))
    process.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _stored(tmp_path) < 5:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.join()
    index, warnings = open_index(tmp_path)
    assert warnings == []
    stored = _stored(tmp_path)
    assert stored >= 5
    for i in range(stored):
        analysis = index.load(f"/k/{i}.txt")
        assert analysis is not None and len(analysis.sentences) == 40
        assert index.candidates([f"item{i}"], [], 100) == [(f"/k/{i}.txt", j) for j in range(40)]
    index.close()


def _stored(cache: Path) -> int:
    try:
        with sqlite3.connect(cache / index_sqlite.FILENAME, timeout=10) as db:
            return db.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0


def _filled(cache: Path, count: int = 80) -> None:
    index, _ = open_index(cache)
    for i in range(count):
        index.put(analysed(f"Item{i} " * 50 + f"had {i} parts.", f"/f/{i}.txt"), sha256=str(i))
    index.close()


def _garbage(file: Path) -> None:
    file.write_bytes(os.urandom(5000))


def _truncated(file: Path) -> None:
    data = file.read_bytes()
    file.write_bytes(data[: len(data) // 2])


def _foreign(file: Path) -> None:
    file.unlink()
    with sqlite3.connect(file) as db:
        db.execute("CREATE TABLE documents(path TEXT, sha256 TEXT)")
        db.execute("INSERT INTO documents VALUES ('/f/1.txt', '1')")


def _wrong_tables(file: Path) -> None:
    with sqlite3.connect(file) as db:
        db.execute("DROP TABLE figures")


@pytest.mark.parametrize("damage", [_garbage, _truncated, _foreign, _wrong_tables])
def test_a_damaged_or_foreign_cache_is_rebuilt_with_a_warning(tmp_path: Path, damage) -> None:
    _filled(tmp_path)
    file = tmp_path / index_sqlite.FILENAME
    damage(file)
    index, warnings = open_index(tmp_path)
    assert len(warnings) == 1 and str(file) in warnings[0] and "rebuilt" in warnings[0]
    assert isinstance(index, index_sqlite.SqliteIndex)
    assert index.get("/f/1.txt", "1") is None and index.candidates(["item1"], [], 5) == []
    index.put(analysed("Quenvale.", "/new.txt"))
    assert index.candidates(["quenvale"], [], 5) == [("/new.txt", 0)]
    index.close()
    again, warnings = open_index(tmp_path)
    assert warnings == [] and again.load("/new.txt") is not None
    again.close()


def test_a_damaged_stored_analysis_is_re_extracted_not_misread(tmp_path: Path) -> None:
    _filled(tmp_path, 3)
    with sqlite3.connect(tmp_path / index_sqlite.FILENAME) as db:
        db.execute("UPDATE documents SET analysis = x'00ff' WHERE path = '/f/1.txt'")
    index, _ = open_index(tmp_path)
    assert index.get("/f/1.txt", "1") is None
    assert any("/f/1.txt" in w for w in index.take_warnings())
    assert index.get("/f/2.txt", "2") is not None
    index.close()


def test_a_read_only_cache_folder_means_running_without_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(cache, os.W_OK):
            pytest.skip("running as a user who can write anyway (root)")
        index, warnings = open_index(cache)
        assert isinstance(index, MemoryIndex)
        assert len(warnings) == 1 and "read-only" in warnings[0] and str(cache) in warnings[0]
    finally:
        cache.chmod(stat.S_IRWXU)
