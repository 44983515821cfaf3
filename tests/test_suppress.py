"""Inline directives, claims.yaml ignore entries and a baseline, as an editor writes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claimcheck.baseline import baseline_of
from claimcheck.model import DocMeta, Document, Finding, Span, line_starts_of
from claimcheck.suppress import SUPPRESSION_RULES, apply, directives, suppression_kind

TODAY = date(2025, 7, 1)
KNOWN = {"vague-attribution", "number-conflict", "missing-attribution"}


def draft(text: str, fmt: str = "markdown", path: str = "story.md") -> Document:
    return Document(path, text, text, (), fmt, meta=DocMeta(role="draft"), line_starts=line_starts_of(text))


def finding_at(doc: Document, needle: str, rule: str = "vague-attribution", nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(needle, start + 1)
    return Finding(rule, "warning", 0.8, doc.path, Span(start, start + len(needle)), needle, "vague", (),
                   f"fp-{rule}-{needle}-{nth}")  # fmt: skip


def run(doc: Document, findings: list[Finding], **kwargs) -> tuple[list[Finding], list[Finding]]:
    return apply(findings, [doc], today=TODAY, known_rules=KNOWN, **kwargs)


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def test_disable_next_line_with_reason_suppresses_that_line_only() -> None:
    doc = draft(
        "<!-- claimcheck: disable-next-line vague-attribution -- agreed with desk -->\n"
        "\n"
        "Analysts contend it rose.\n"
        "Critics say it fell.\n"
    )
    first, second = finding_at(doc, "Analysts contend"), finding_at(doc, "Critics say")
    kept, suppressed = run(doc, [first, second])
    assert kept == [second]
    assert [f.suppressed for f in suppressed] == ["agreed with desk"]
    assert suppression_kind(suppressed[0]) == "inSource"


def test_disable_enable_region_with_several_rules() -> None:
    doc = draft(
        "Critics say A.\n"
        "<!-- claimcheck: disable vague-attribution, number-conflict -- reviewed by legal -->\n"
        "Critics say B.\n"
        "<!-- claimcheck: enable vague-attribution -->\n"
        "Critics say C.\n"
    )
    findings = [finding_at(doc, "Critics say", nth=n) for n in range(3)]
    figure = finding_at(doc, "C.", rule="number-conflict")
    kept, suppressed = run(doc, [*findings, figure])
    assert [f.text for f in suppressed] == ["Critics say", "C."]
    assert [f.span.start for f in kept] == [findings[0].span.start, findings[2].span.start]


def test_directive_without_reason_is_an_error_and_suppresses_nothing() -> None:
    doc = draft("<!-- claimcheck: disable-next-line vague-attribution -->\nAnalysts contend it rose.\n")
    finding = finding_at(doc, "Analysts contend")
    kept, suppressed = run(doc, [finding])
    assert suppressed == []
    assert rules_of(kept) == ["invalid-suppression", "vague-attribution"]
    invalid = kept[0]
    assert invalid.level == "error" and "needs a reason" in invalid.message
    assert doc.line_col(invalid.span.start) == (1, 1) and invalid.fingerprint


def test_unknown_rule_and_missing_rule_are_errors() -> None:
    doc = draft(
        "<!-- claimcheck: disable-next-line vague-atribution -- typo -->\nA.\n"
        "<!-- claimcheck: disable -- no rule named -->\nB.\n"
        "<!-- claimcheck: disabel vague-attribution -- misspelt -->\n"
    )
    kept, _ = run(doc, [])
    messages = [f.message for f in kept]
    assert rules_of(kept) == ["invalid-suppression"] * 3
    assert "unknown rule 'vague-atribution'" in messages[0]
    assert "names no rule" in messages[1]
    assert "unknown directive 'disabel'" in messages[2]


def test_all_matches_every_rule() -> None:
    doc = draft("<!-- claimcheck: disable-next-line all -- desk checked the paragraph -->\nAnalysts contend 5.\n")
    kept, suppressed = run(doc, [finding_at(doc, "Analysts contend"), finding_at(doc, "5", rule="number-conflict")])
    assert kept == [] and len(suppressed) == 2


def test_unused_directive_is_reported_as_info() -> None:
    doc = draft("<!-- claimcheck: disable-next-line vague-attribution -- stale -->\nNothing to see.\n")
    kept, suppressed = run(doc, [])
    assert rules_of(kept) == ["unused-suppression"] and kept[0].level == "info" and suppressed == []


def test_plain_text_directive_on_its_own_line() -> None:
    doc = draft(
        "claimcheck: disable-next-line vague-attribution -- agreed with desk\nAnalysts contend it rose.\n", fmt="text"
    )
    kept, suppressed = run(doc, [finding_at(doc, "Analysts contend")])
    assert kept == [] and suppressed[0].suppressed == "agreed with desk"
    assert [d.action for d in directives(doc)] == ["disable-next-line"]


def test_plain_directive_without_reason_is_reported() -> None:
    doc = draft("claimcheck: disable vague-attribution\nAnalysts contend it rose.\n", fmt="text")
    kept, suppressed = run(doc, [finding_at(doc, "Analysts contend")])
    assert rules_of(kept) == ["invalid-suppression", "vague-attribution"] and suppressed == []


def test_plain_form_is_prose_in_markdown_and_prose_elsewhere() -> None:
    assert directives(draft("claimcheck: disable vague-attribution -- x\n")) == []
    assert directives(draft("claimcheck: a tool for editors\n", fmt="text")) == []


def test_html_comment_directive() -> None:
    doc = draft(
        "<p>x</p>\n<!-- claimcheck: disable-next-line vague-attribution -- ok -->\n<p>Critics say y</p>\n", fmt="html"
    )
    kept, suppressed = run(doc, [finding_at(doc, "Critics say")])
    assert kept == [] and len(suppressed) == 1


def test_no_inline_suppressions_ignores_directives_for_audits() -> None:
    doc = draft("<!-- claimcheck: disable-next-line vague-attribution -->\nAnalysts contend it rose.\n")
    finding = finding_at(doc, "Analysts contend")
    assert run(doc, [finding], inline=False) == ([finding], [])


def test_directives_in_sources_are_not_read() -> None:
    text = "<!-- claimcheck: disable-next-line vague-attribution -- x -->\nCritics say.\n"
    source = Document("s.md", text, text, (), "markdown", meta=DocMeta(role="source"))
    assert apply([], [source], today=TODAY) == ([], [])


@dataclass(frozen=True)
class Ignore:
    rule: str | None
    text: str | None
    fingerprint: str | None
    reason: str
    until: date | None
    line: int
    column: int


def test_ignore_entry_matches_folded_text_case_insensitively() -> None:
    doc = draft("Rights monitors\n   BELIEVE that it rose.\n")
    finding = finding_at(doc, "Rights monitors\n   BELIEVE")
    entry = Ignore("vague-attribution", "rights monitors believe", None, "desk call", None, 3, 5)
    kept, suppressed = run(doc, [finding], ignores=[entry])
    assert kept == [] and suppressed[0].suppressed == "claims.yaml: desk call"
    assert suppression_kind(suppressed[0]) == "external"


def test_ignore_entry_matches_sentence_or_fingerprint_but_not_another_rule() -> None:
    doc = draft("Analysts contend it rose sharply.\n")
    finding = Finding("vague-attribution", "warning", 0.8, doc.path, Span(0, 16), "Analysts contend", "m",
                      fingerprint="abc", sentence=Span(0, 33))  # fmt: skip
    by_sentence = Ignore("vague-attribution", "rose sharply", None, "r", None, 1, 1)
    by_fingerprint = Ignore(None, None, "abc", "r", None, 1, 1)
    other_rule = Ignore("number-conflict", "rose sharply", None, "r", None, 1, 1)
    assert run(doc, [finding], ignores=[by_sentence])[0] == []
    assert run(doc, [finding], ignores=[by_fingerprint])[0] == []
    kept, _ = run(doc, [finding], ignores=[other_rule])
    assert rules_of(kept) == ["unused-suppression", "vague-attribution"]


def test_lapsed_ignore_entry_does_not_apply(tmp_path: Path) -> None:
    doc = draft("Analysts contend it rose.\n")
    finding = finding_at(doc, "Analysts contend")
    lapsed = Ignore("vague-attribution", "analysts contend", None, "until the update", date(2025, 6, 30), 2, 3)
    current = Ignore("vague-attribution", "analysts contend", None, "until the update", TODAY, 2, 3)
    assert run(doc, [finding], ignores=[lapsed]) == ([finding], [])
    assert run(doc, [finding], ignores=[current])[0] == []


def test_unused_ignore_entry_points_into_claims_yaml(tmp_path: Path) -> None:
    config = tmp_path / "claims.yaml"
    config.write_text("ignore:\n  - rule: vague-attribution\n    text: gone\n", encoding="utf-8")
    entry = Ignore("vague-attribution", "gone", None, "r", None, 2, 5)
    kept, _ = apply([], [draft("x\n")], today=TODAY, ignores=[entry], config_path=str(config))
    (unused,) = kept
    assert unused.rule == "unused-suppression" and unused.path == str(config)
    assert config.read_text()[unused.span.start : unused.span.end] == "rule: vague-attribution"


def test_baseline_suppresses_by_fingerprint() -> None:
    doc = draft("Analysts contend it rose.\nCritics say it fell.\n")
    old, new = finding_at(doc, "Analysts contend"), finding_at(doc, "Critics say")
    baseline = baseline_of([old], date(2025, 1, 2))
    kept, suppressed = run(doc, [old, new], baseline=baseline)
    assert kept == [new]
    assert suppressed[0].suppressed == "baseline: recorded 2025-01-02"
    assert suppression_kind(suppressed[0]) == "external"


def test_suppression_rules_are_described() -> None:
    assert {(r.id, r.level) for r in SUPPRESSION_RULES} == {("invalid-suppression", "error"),
                                                             ("unused-suppression", "info")}  # fmt: skip
    assert all("Fails:" in r.doc and "Passes:" in r.doc for r in SUPPRESSION_RULES)
