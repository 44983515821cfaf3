"""Findings the desk has accepted: inline directives, claims.yaml ignore entries, a baseline.

Inline directives live in a draft's own text (``Document.text``, not ``plain``,
which has the markup blanked). In Markdown and HTML::

    <!-- claimcheck: disable vague-attribution,missing-attribution -- agreed with desk -->
    ...
    <!-- claimcheck: enable vague-attribution -->
    <!-- claimcheck: disable-next-line number-conflict -- figure confirmed by phone -->

In plain text (and text extracted from PDF or DOCX) the same words stand on a
line of their own, without the comment marks. A rule may be ``all``. The reason
after ``--`` is required for ``disable`` and ``disable-next-line``: without one,
or naming an unknown rule, the directive suppresses nothing and is itself an
``invalid-suppression`` error. A directive or ignore entry that suppresses
nothing is reported as ``unused-suppression`` (info), so stale ones get cleaned.

``disable`` lasts until an ``enable`` naming the same rule (``enable all`` or a
bare ``enable`` ends every open one) or the end of the document;
``disable-next-line`` covers the next line that is neither blank nor a directive.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .model import Document, Finding, RuleInfo, Span, line_starts_of

if TYPE_CHECKING:
    from .baseline import Baseline

INVALID = "invalid-suppression"
UNUSED = "unused-suppression"
ACTIONS = ("disable", "enable", "disable-next-line")
IGNORE_PREFIX = "claims.yaml: "  # justifications from outside the draft start with these
BASELINE_PREFIX = "baseline: "

SUPPRESSION_RULES: tuple[RuleInfo, ...] = (
    RuleInfo(
        id=INVALID,
        level="error",
        reads=(),
        options=(),
        summary="A suppression directive without a reason, or naming an unknown rule.",
        doc=(
            "A suppression directive without a reason, or naming an unknown rule.\n\n"
            "Every accepted finding needs the reason it was accepted, so the next editor\n"
            "knows why. Such a directive suppresses nothing.\n\n"
            "Fails:   <!-- claimcheck: disable-next-line vague-attribution -->\n"
            "Passes:  <!-- claimcheck: disable-next-line vague-attribution -- agreed with desk -->"
        ),
    ),
    RuleInfo(
        id=UNUSED,
        level="info",
        reads=(),
        options=(),
        summary="A suppression directive or claims.yaml ignore entry that suppressed nothing.",
        doc=(
            "A suppression directive or claims.yaml ignore entry that suppressed nothing.\n\n"
            "The finding it was written for is gone (the draft changed); remove it so it\n"
            "does not hide a future finding.\n\n"
            "Fails:   <!-- claimcheck: disable-next-line number-conflict -- checked -->\n"
            "         followed by a line with no number-conflict finding\n"
            "Passes:  the same directive above the line whose finding it accepts"
        ),
    ),
)

_COMMENT = re.compile(r"<!--\s*claimcheck:(?P<body>.*?)-->", re.S)
_PLAIN = re.compile(r"^[ \t]*claimcheck:(?P<body>[^\r\n]*)$", re.M)
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")
_COMMENT_ONLY_FORMATS = ("markdown", "html")


@dataclass(frozen=True, slots=True)
class Directive:
    path: str
    action: str  # disable | enable | disable-next-line, or what was written instead
    rules: tuple[str, ...]
    reason: str | None
    span: Span  # the whole directive, in the file's text
    text: str


@dataclass(frozen=True, slots=True)
class _Scope:
    directive: Directive
    rule: str
    start: int
    end: int
    next_line: bool

    def covers(self, finding: Finding) -> bool:
        if finding.path != self.directive.path or self.rule not in ("all", finding.rule):
            return False
        span = finding.span
        inside = self.start <= span.start < self.end
        return inside or (self.next_line and span.start < self.end and self.start < span.end)


def directives(document: Document) -> list[Directive]:
    """Every directive in ``document``, in order of appearance."""
    found = [_directive(document, m, comment=True) for m in _COMMENT.finditer(document.text)]
    if document.format not in _COMMENT_ONLY_FORMATS:
        plain = [_directive(document, m, comment=False) for m in _PLAIN.finditer(document.text)]
        found += [d for d in plain if d.action in ACTIONS and not _inside_any(d.span, found)]
    return sorted(found, key=lambda d: d.span.start)


def _inside_any(span: Span, others: list[Directive]) -> bool:
    return any(o.span.overlaps(span) for o in others)


def _directive(document: Document, match: re.Match[str], *, comment: bool) -> Directive:
    action, rest = re.fullmatch(r"(\S*)\s*(.*)", match.group("body").strip(), re.S).groups()
    parts = _REASON.split(rest, maxsplit=1)
    rules = tuple(r for r in re.split(r"[\s,]+", parts[0]) if r)
    reason = " ".join(parts[1].split()) if len(parts) > 1 else None
    start = match.start() if comment else match.start("body") - len("claimcheck:")
    return Directive(document.path, action, rules, reason or None, Span(start, match.end()), match.group(0).strip())


def problem(directive: Directive, known_rules: Collection[str] | None) -> str | None:
    """Why ``directive`` is invalid, or None."""
    if directive.action not in ACTIONS:
        return f"unknown directive {directive.action!r}; use disable, enable or disable-next-line"
    if directive.action != "enable" and not directive.rules:
        return "suppression names no rule; name the rule ids, or 'all'"
    unknown = [r for r in directive.rules if r != "all" and known_rules is not None and r not in known_rules]
    if unknown:
        return f"unknown rule {unknown[0]!r} in suppression; 'claimcheck rules' lists them"
    if directive.action != "enable" and directive.reason is None:
        return f"suppression needs a reason: {directive.action} {','.join(directive.rules)} -- why it is accepted"
    return None


def scopes(document: Document, found: Sequence[Directive]) -> list[_Scope]:
    """What each valid disable directive covers, as offset ranges in the file's text."""
    starts = document.line_starts or line_starts_of(document.text)
    directive_lines = {_line_of(starts, d.span.start) for d in found}
    result: list[_Scope] = []
    open_: dict[str, tuple[Directive, int]] = {}
    for d in found:
        if d.action == "disable-next-line":
            start, end = _next_line(document.text, starts, _line_of(starts, d.span.end), directive_lines)
            result += [_Scope(d, rule, start, end, True) for rule in d.rules]
        elif d.action == "disable":
            for rule in d.rules:
                open_.setdefault(rule, (d, d.span.end))
        else:
            closing = [r for r in open_ if not d.rules or "all" in d.rules or r in d.rules]
            for rule in closing:
                opener, start = open_.pop(rule)
                result.append(_Scope(opener, rule, start, d.span.start, False))
    result += [_Scope(opener, rule, start, len(document.text), False) for rule, (opener, start) in open_.items()]
    return result


def _line_of(starts: Sequence[int], offset: int) -> int:
    """0-based line index of ``offset``."""
    import bisect

    return bisect.bisect_right(starts, offset) - 1


def _next_line(text: str, starts: Sequence[int], after: int, skip: set[int]) -> tuple[int, int]:
    """The offsets of the first line after line ``after`` that is neither blank nor a directive."""
    for line in range(after + 1, len(starts)):
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(text)
        if text[start:end].strip() and line not in skip:
            return start, end
    return len(text), len(text)


def apply(
    findings: Sequence[Finding],
    documents: Sequence[Document],
    *,
    ignores: Iterable[Any] = (),
    baseline: Baseline | None = None,
    today: date,
    inline: bool = True,
    known_rules: Collection[str] | None = None,
    config_path: str | None = None,
) -> tuple[list[Finding], list[Finding]]:
    """(kept, suppressed): suppressed findings carry their justification in ``suppressed``.

    Kept gains ``invalid-suppression`` and ``unused-suppression`` findings. Inline
    directives are read from the drafts only, and ignored when ``inline`` is false
    (an audit); ``known_rules`` None accepts any rule name. Ignore entries are any
    objects with ``rule, text, fingerprint, reason, until, line, column``.
    """
    kept = list(findings)
    suppressed: list[Finding] = []
    if inline:
        kept, suppressed = _apply_inline(kept, documents, known_rules)
    kept, by_ignore = _apply_ignores(kept, documents, list(ignores), today, config_path)
    suppressed += by_ignore
    if baseline is not None:
        known = baseline.fingerprints
        suppressed += [
            replace(f, suppressed=f"{BASELINE_PREFIX}recorded {baseline.recorded(f.fingerprint)}")
            for f in kept
            if f.fingerprint in known
        ]
        kept = [f for f in kept if f.fingerprint not in known]
    return sorted(kept, key=_order), sorted(suppressed, key=_order)


def _order(finding: Finding) -> tuple[str, int, str, int]:
    return (finding.path, finding.span.start, finding.rule, finding.span.end)


def _apply_inline(
    findings: list[Finding], documents: Sequence[Document], known_rules: Collection[str] | None
) -> tuple[list[Finding], list[Finding]]:
    extra: list[Finding] = []
    all_scopes: list[_Scope] = []
    for doc in documents:
        if doc.meta.role != "draft":
            continue
        found = directives(doc)
        valid = []
        for d in found:
            why = problem(d, known_rules)
            if why is None:
                valid.append(d)
            else:
                extra.append(_finding(INVALID, "error", doc.path, d.span, d.text, why))
        all_scopes += scopes(doc, valid)
        extra += _enables_closing_nothing(doc, valid)
    kept, suppressed, used = [], [], set()
    for finding in findings:
        scope = next((s for s in all_scopes if s.covers(finding)), None)
        if scope is None:
            kept.append(finding)
            continue
        used.add(scope.directive)
        suppressed.append(replace(finding, suppressed=scope.directive.reason))
    unused = list(dict.fromkeys(s.directive for s in all_scopes if s.directive not in used))
    extra += [_unused_directive(d) for d in unused]
    return kept + _numbered(extra), suppressed


def _enables_closing_nothing(doc: Document, valid: list[Directive]) -> list[Finding]:
    open_rules: set[str] = set()
    out = []
    for d in valid:
        if d.action == "disable":
            open_rules.update(d.rules)
        elif d.action == "enable":
            closes = open_rules if not d.rules or "all" in d.rules else open_rules & set(d.rules)
            if not closes:
                out.append(_finding(UNUSED, "info", doc.path, d.span, d.text, "enable with no disable before it"))
            open_rules -= set(closes)
    return out


def _unused_directive(d: Directive) -> Finding:
    message = f"suppression of {', '.join(d.rules)} matched no finding; remove it"
    return _finding(UNUSED, "info", d.path, d.span, d.text, message)


def _apply_ignores(
    findings: list[Finding], documents: Sequence[Document], ignores: list[Any], today: date, config_path: str | None
) -> tuple[list[Finding], list[Finding]]:
    texts = {d.path: d.text for d in documents}
    live = [e for e in ignores if getattr(e, "until", None) is None or e.until >= today]
    kept, suppressed, used = [], [], set()
    for finding in findings:
        entry = next((e for e in live if ignore_matches(e, finding, texts.get(finding.path, ""))), None)
        if entry is None:
            kept.append(finding)
            continue
        used.add(id(entry))
        suppressed.append(replace(finding, suppressed=f"{IGNORE_PREFIX}{entry.reason}"))
    kept += _numbered([_unused_ignore(e, config_path) for e in live if id(e) not in used])
    return kept, suppressed


def ignore_matches(entry: Any, finding: Finding, text: str) -> bool:
    """Same rule (or none given), and the text within the finding or its sentence, or the fingerprint."""
    rule = getattr(entry, "rule", None)
    if rule not in (None, "all", finding.rule):
        return False
    wanted = getattr(entry, "text", None)
    fingerprint = getattr(entry, "fingerprint", None)
    if not wanted and not fingerprint:
        return True
    if fingerprint and fingerprint == finding.fingerprint:
        return True
    if not wanted:
        return False
    needle = _key(wanted)
    sentence = text[finding.sentence.start : finding.sentence.end] if finding.sentence else ""
    return needle in _key(finding.text) or needle in _key(sentence)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _unused_ignore(entry: Any, config_path: str | None) -> Finding:
    path = config_path or getattr(entry, "path", None) or "claims.yaml"
    span, text = _config_span(str(path), getattr(entry, "line", 1) or 1, getattr(entry, "column", 1) or 1)
    what = getattr(entry, "text", None) or getattr(entry, "fingerprint", None) or entry.rule
    message = f"ignore entry for {entry.rule or 'all rules'} ({what!s}) matched no finding; remove it"
    return _finding(UNUSED, "info", str(path), span, text, message)


def _config_span(path: str, line: int, column: int) -> tuple[Span, str]:
    """The entry's line in claims.yaml, from its column to the line's end, as file offsets."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return Span(0, 0), ""
    starts = line_starts_of(text)
    line_start = starts[min(line, len(starts)) - 1]
    line_end = starts[line] if line < len(starts) else len(text)
    start = min(line_start + column - 1, line_end)
    end = max(start, len(text[:line_end].rstrip("\r\n")))
    return Span(start, end), text[start:end]


def _finding(rule: str, level: Any, path: str, span: Span, text: str, message: str) -> Finding:
    return Finding(rule, level, 1.0, path, span, text, message)


def _numbered(findings: list[Finding]) -> list[Finding]:
    """Fingerprints as the engine makes them: rule, file name, folded text, occurrence; never a line number."""
    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for f in sorted(findings, key=_order):
        key = (f.rule, os.path.basename(f.path), " ".join(f.text.split()))
        seen[key] = seen.get(key, -1) + 1
        digest = hashlib.sha256("\x1f".join((*key, str(seen[key]))).encode("utf-8")).hexdigest()[:32]
        out.append(replace(f, fingerprint=digest))
    return out


def suppression_kind(finding: Finding) -> Literal["inSource", "external"]:
    """SARIF's word for where a suppression was written: in the draft, or outside it."""
    justification = finding.suppressed or ""
    return "external" if justification.startswith((IGNORE_PREFIX, BASELINE_PREFIX)) else "inSource"
