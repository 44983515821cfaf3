"""Every report format on one hand-built CheckResult: golden bytes, determinism, escaping, validity.

Set CLAIMCHECK_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.model import CheckResult, DocMeta, Document, Evidence, Finding, RuleInfo, Span, line_starts_of
from claimcheck.report import FORMATS, github_summary, render
from claimcheck.report.github import escape_data, escape_property

GOLDEN = Path(__file__).parent / "golden"
SARIF_SCHEMA = Path(__file__).resolve().parents[2] / "shared/schemas/sarif-schema-2.1.0.json"
EXTENSIONS = {"rich": "txt", "json": "json", "jsonl": "jsonl", "sarif": "sarif", "github": "txt", "junit": "xml",
              "markdown": "md"}  # fmt: skip

DRAFT = (
    "# Hong Kong arrests\n"
    "\n"
    "Rights monitors believe that at least 10,000 people\n"
    "have been impacted by the law.\n"
    "\n"
    "“We are leaving,” said the chair of Amnesty’s board.\n"
    "Analysts contend the city has changed since 2020.\n"
)
SOURCE = (
    "Amnesty International counted 332 arrests\r\n"
    "under the national security law.\r\n"
    '"We are leaving," said Agnes Chair, the board\'s chair.\r\n'
)
MESSAGE = 'draft “at least 10,000 people” vs source 332: 96.7% apart, check <figure> & "base" | `café`\r\nsee source'


def doc(path: str, text: str, role: str, fmt: str) -> Document:
    return Document(
        path, text, text, (), fmt, meta=DocMeta(role=role), sha256="0" * 64, line_starts=line_starts_of(text)
    )


def span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle))


def sample_result() -> CheckResult:
    draft = doc("drafts/story, v2.md", DRAFT, "draft", "markdown")
    source = doc("sources/amnesty.txt", SOURCE, "source", "text")
    figure_sentence = span(DRAFT, "Rights monitors believe that at least 10,000 people\nhave been impacted by the law.")
    quote_sentence = span(DRAFT, "“We are leaving,” said the chair of Amnesty’s board.")
    arrests = Evidence(
        source.path,
        span(SOURCE, "332 arrests"),
        "332 arrests",
        span(SOURCE, "Amnesty International counted 332 arrests\r\nunder the national security law."),
    )
    quote = Evidence(source.path, span(SOURCE, '"We are leaving,"'), '"We are leaving,"', None)
    findings = (
        Finding("number-conflict", "error", 0.91234, draft.path, span(DRAFT, "at least 10,000 people"),
                "at least 10,000 people", MESSAGE, (arrests,), "fp-number", figure_sentence),
        Finding("missing-attribution", "warning", 0.75, draft.path, span(DRAFT, "“We are leaving,”"),
                "“We are leaving,”", "quotation from sources/amnesty.txt credited to no one", (quote, arrests),
                "fp-quote", quote_sentence),
        Finding("vague-attribution", "warning", 0.8, draft.path, span(DRAFT, "Analysts contend"),
                "Analysts contend", "credited to vague sources: \"analysts contend\"", (), "fp-vague"),
        Finding("unsupported-claim", "info", 0.5, draft.path, span(DRAFT, "since 2020"),
                "since 2020", "no source gives this date", (), "fp-date"),
    )  # fmt: skip
    suppressed = (
        Finding("vague-attribution", "warning", 0.8, draft.path, span(DRAFT, "Rights monitors believe"),
                "Rights monitors believe", "credited to vague sources", (), "fp-monitors", figure_sentence,
                suppressed="agreed with desk, 3 May"),
        Finding("unsupported-claim", "info", 0.4, draft.path, span(DRAFT, "Hong Kong arrests"),
                "Hong Kong arrests", "headline claim", (), "fp-head", suppressed="baseline: recorded 2024-05-01"),
    )  # fmt: skip
    rules = tuple(
        RuleInfo(rule_id, level, (), (), f"{rule_id} summary", f"{rule_id} summary\n\nFails: x\nPasses: y")
        for rule_id, level in (
            ("number-conflict", "error"),
            ("missing-attribution", "warning"),
            ("vague-attribution", "warning"),
            ("unsupported-claim", "info"),
        )
    )
    return CheckResult((draft, source), findings, rules, suppressed, "error")


RENDERS = {
    **{fmt: (fmt, {}) for fmt in FORMATS},
    "rich-narrow": ("rich", {"width": 60}),
    "rich-color": ("rich", {"color": True}),
}


@pytest.mark.parametrize("name", sorted(RENDERS))
def test_matches_golden_file(name: str) -> None:
    fmt, options = RENDERS[name]
    out = render(fmt, sample_result(), **options)
    golden = GOLDEN / f"sample.{name}.{EXTENSIONS[fmt]}"
    if os.environ.get("CLAIMCHECK_UPDATE_GOLDEN") == "1":
        golden.write_bytes(out.encode("utf-8"))
    assert out.encode("utf-8") == golden.read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_renders_are_byte_identical(fmt: str) -> None:
    assert render(fmt, sample_result()) == render(fmt, sample_result())


def test_unknown_format_is_a_user_error() -> None:
    with pytest.raises(ClaimcheckError, match="unknown report format"):
        render("yaml", sample_result())


def test_json_follows_the_report_contract() -> None:
    data = json.loads(render("json", sample_result()))
    assert list(data) == ["schema", "documents", "findings", "summary"]
    assert data["schema"] == "claimcheck/report@1"
    assert [d["role"] for d in data["documents"]] == ["draft", "source"]
    first = data["findings"][0]
    assert list(first) == ["rule", "level", "confidence", "path", "start", "end", "line", "column", "end_line",
                           "end_column", "text", "message", "evidence", "fingerprint"]  # fmt: skip
    assert first["confidence"] == 0.912
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (3, 30, 3, 52)
    assert DRAFT[first["start"] : first["end"]] == first["text"]
    assert first["message"] == MESSAGE
    assert first["evidence"][0] == {"path": "sources/amnesty.txt", "start": 30, "end": 41, "line": 1, "column": 31,
                                    "text": "332 arrests"}  # fmt: skip
    assert data["summary"] == {"error": 1, "warning": 2, "info": 1}


def test_json_summary_has_every_level_when_nothing_is_found() -> None:
    empty = CheckResult(sample_result().documents, (), ())
    assert json.loads(render("json", empty))["summary"] == {"error": 0, "warning": 0, "info": 0}


def test_jsonl_is_one_finding_per_line() -> None:
    lines = render("jsonl", sample_result()).splitlines()
    assert len(lines) == 4
    assert [json.loads(line)["rule"] for line in lines] == [f.rule for f in sample_result().findings]
    assert json.loads(lines[0]) == json.loads(render("json", sample_result()))["findings"][0]


def test_sarif_validates_against_the_2_1_0_schema() -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA} (the shared folder next to the repository)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(render("sarif", sample_result()))
    jsonschema.validators.validator_for(schema)(schema).validate(log)


def test_sarif_carries_locations_evidence_fingerprints_and_suppressions() -> None:
    run = json.loads(render("sarif", sample_result()))["runs"][0]
    assert run["tool"]["driver"]["name"] == "claimcheck"
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"] == {"level": "error"}
    results = {r["partialFingerprints"]["claimcheck/v1"]: r for r in run["results"]}
    number = results["fp-number"]
    region = number["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (3, 30, 3, 52)
    assert number["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/story%2C%20v2.md"
    assert number["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert results["fp-date"]["level"] == "note"
    assert results["fp-monitors"]["suppressions"] == [{"kind": "inSource", "justification": "agreed with desk, 3 May"}]
    assert results["fp-head"]["suppressions"][0]["kind"] == "external"
    assert "suppressions" not in number


def test_github_escapes_messages_and_properties() -> None:
    assert escape_data("100%\r\nnext: a,b") == "100%25%0D%0Anext: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    lines = render("github", sample_result()).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(
        "::error file=drafts/story%2C v2.md,line=3,col=30,endLine=3,endColumn=52,title=claimcheck number-conflict::"
    )
    assert "96.7%25 apart" in lines[0] and "café`%0D%0Asee source" in lines[0]
    assert lines[2].startswith("::warning ") and lines[3].startswith("::notice ")


def test_github_summary_is_the_markdown_report() -> None:
    assert github_summary(sample_result()) == render("markdown", sample_result())


def test_junit_is_well_formed_with_a_failure_per_finding() -> None:
    root = ET.fromstring(render("junit", sample_result()))
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "drafts/story, v2.md"
    assert [c.get("name") for c in suite] == ["number-conflict", "missing-attribution", "vague-attribution",
                                              "unsupported-claim"]  # fmt: skip
    failures = suite.findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["error", "warning", "warning", "info"]
    assert failures[0].get("message") == " ".join(MESSAGE.split())
    assert "sources/amnesty.txt:1:31: 332 arrests" in (failures[0].text or "")


def test_markdown_escapes_table_cells() -> None:
    out = render("markdown", sample_result())
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 5
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 7  # six cells: no stray column from a | in the text
    assert r"\| \`café\`" in out and r"\<figure\> \& " in out
    assert "> sources/amnesty.txt:1:31: 332 arrests" in out


def test_rich_plain_marks_spans_and_sums_up() -> None:
    out = render("rich", sample_result(), width=200)
    assert "\x1b[" not in out and "\r" not in out
    assert "drafts/story, v2.md:3:30" in out
    assert "[[at least 10,000 people]]" in out and "[[332 arrests]]" in out
    assert "people]] have been impacted by the law." in out  # the hard-wrapped sentence is joined
    assert out.rstrip().endswith("1 error, 2 warnings, 1 info in 1 draft against 1 source")


def test_rich_color_uses_ansi_styles() -> None:
    out = render("rich", sample_result(), color=True)
    assert "\x1b[" in out and "[[" not in out


def test_rich_stacks_evidence_when_narrow() -> None:
    out = render("rich", sample_result(), width=60)
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "    source sources/amnesty.txt:1:31" in out


def test_rich_neutralises_control_characters() -> None:
    base = sample_result()
    hostile = replace(base.findings[0], message="red \x1b[31mALERT\x1b[0m")
    out = render("rich", CheckResult(base.documents, (hostile,), base.rules))
    assert "\x1b" not in out and "\ufffd[31mALERT" in out
