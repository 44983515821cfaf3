"""claims.yaml: discovery, safe loading, and strict validation with line:col.

The file is never constructed into Python objects wholesale: it is composed into
YAML nodes (safe loader, marks kept) and every value is read from its node, so
each mistake is reported at the key or value that caused it, as
``claims.yaml:LINE:COL: message``. Hostile files (alias bombs, huge or deeply
nested files, paths or symlinks leading out of the project, catastrophic
regexes) end in a ClaimcheckError, never in a hang or a traceback.
"""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import ClaimcheckError
from .model import LEVELS, DocMeta, Entity, ExtractOptions

if TYPE_CHECKING:
    import regex
    from yaml.nodes import Node

CONFIG_NAME = "claims.yaml"
MAX_BYTES = 1024 * 1024
MAX_ALIASES = 100
MAX_VALUES = 100_000  # scalars, lists and mappings, once aliases are expanded
MAX_DEPTH = 64
PATTERN_TIMEOUT_S = 1.0
RULE_LEVELS: tuple[str, ...] = (*LEVELS, "off")
PATTERN_KINDS: tuple[str, ...] = ("vague",)
ENTITY_KINDS: tuple[str, ...] = ("person", "organisation", "document")

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))

# --- the data -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentEntry:
    """A file or folder named under ``documents:``; a folder's documents are all sources."""

    path: Path  # absolute, relative paths joined to the config's folder (symlinks not resolved)
    role: Literal["draft", "source"] = "source"
    kind: Literal["primary", "secondary"] | None = None
    publisher: str | None = None
    published: date | None = None
    is_folder: bool = False
    line: int = 0
    column: int = 0

    @property
    def meta(self) -> DocMeta:
        return DocMeta(role=self.role, kind=self.kind, publisher=self.publisher, published=self.published)


@dataclass(frozen=True, slots=True)
class MeasureEntry:
    name: str
    words: tuple[str, ...]
    grows: bool = False  # a count that only grows over time (arrests, deaths)


@dataclass(frozen=True, slots=True)
class FactEntry:
    """A figure or statement the desk has verified: it counts as one more source."""

    text: str
    source: str | None = None
    published: date | None = None
    note: str | None = None
    line: int = 0
    column: int = 0


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """What claims.yaml says about one rule: only what the file sets."""

    level: str | None = None  # info | warning | error | off; None keeps the rule's default
    options: Mapping[str, object] = field(default_factory=dict)  # read-only by convention


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    """An accepted finding: its rule, and its text or its fingerprint, with the reason it was accepted."""

    rule: str
    reason: str
    text: str | None = None
    fingerprint: str | None = None
    until: date | None = None  # inclusive; the entry lapses the day after
    line: int = 0
    column: int = 0

    def active(self, today: date) -> bool:
        return self.until is None or today <= self.until


@dataclass(frozen=True, slots=True)
class PatternEntry:
    """A user regex; ``origin`` is the config path as given, so errors can point at the entry."""

    name: str
    pattern: str
    kind: str = "vague"
    origin: str = CONFIG_NAME
    line: int = 0
    column: int = 0


@dataclass(frozen=True, slots=True)
class Config:
    root: Path  # the folder paths are relative to; the project folder
    path: Path | None = None  # the claims.yaml read, if any
    documents: tuple[DocumentEntry, ...] = ()
    entities: tuple[Entity, ...] = ()
    measures: tuple[MeasureEntry, ...] = ()
    facts: tuple[FactEntry, ...] = ()
    rules: Mapping[str, RuleSetting] = field(default_factory=dict)  # rule id -> what the file sets
    vague_add: tuple[str, ...] = ()
    vague_remove: tuple[str, ...] = ()
    patterns: tuple[PatternEntry, ...] = ()
    ignore: tuple[IgnoreEntry, ...] = ()
    fail_level: str = "error"
    min_level: str = "info"
    min_confidence: float = 0.0
    baseline: Path | None = None
    allow_outside: bool = False

    @classmethod
    def default(cls, root: Path) -> Config:
        """The configuration of an ad-hoc run, without a claims.yaml."""
        return cls(root=Path(root).absolute().resolve())

    def drafts(self) -> tuple[DocumentEntry, ...]:
        return tuple(d for d in self.documents if d.role == "draft")

    def sources(self) -> tuple[DocumentEntry, ...]:
        return tuple(d for d in self.documents if d.role == "source")

    def level_of(self, rule: str, default: str) -> str:
        """The rule's level: the file's, else ``default``; "off" disables the rule."""
        setting = self.rules.get(rule)
        return setting.level if setting is not None and setting.level is not None else default

    def options_of(self, rule: str, defaults: Mapping[str, object]) -> dict[str, object]:
        setting = self.rules.get(rule)
        return {**defaults, **(setting.options if setting is not None else {})}

    def extract_options(self, published: date | None = None) -> ExtractOptions:
        return ExtractOptions(
            published=published,
            entities=self.entities,
            vague_add=self.vague_add,
            vague_remove=self.vague_remove,
            measures=tuple(m.words for m in self.measures),
        )


# --- discovery --------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The nearest claims.yaml in ``start`` (a folder, or a file's folder) or above it."""
    here = Path(start).absolute()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def is_inside(path: Path, root: Path) -> bool:
    """Does ``path``, with every symlink followed, stay within ``root``?"""
    try:
        return Path(path).resolve().is_relative_to(Path(root).resolve())
    except (OSError, RuntimeError, ValueError):  # a symlink loop resolves nowhere
        return False


# --- loading ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ctx:
    display: str  # the config path as given, for messages
    root: Path
    rules: Mapping[str, Mapping[str, object]]
    allow_outside: bool = False


def load_config(path: Path, rules: Mapping[str, Mapping[str, object]], display: str | None = None) -> Config:
    """Read and validate a claims.yaml; ``rules`` maps each known rule id to its option defaults.

    Errors name the file as ``display``; by default ``path`` as given, or
    relative to the working directory when an absolute path lies below it.
    """
    display = display or _shown(Path(path))
    text = _text_of(Path(path), display)
    root = Path(path).absolute().parent.resolve()
    node = _composed(text, display)
    ctx = _Ctx(display, root, rules)
    if node is None or (node.id == "scalar" and node.tag == _TAG + "null"):
        return Config(root=root, path=Path(path))
    return _config(ctx, node, Path(path))


def _shown(path: Path) -> str:
    if path.is_absolute() and path.is_relative_to(Path.cwd()):
        return str(path.relative_to(Path.cwd()))
    return str(path)


def _text_of(path: Path, display: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ClaimcheckError(f"file is {size / MAX_BYTES:.1f} MiB; a claims file is limited to 1 MiB", display)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # a FIFO or device has no honest size
    except IsADirectoryError:
        raise ClaimcheckError("is a folder, not a claims file", display) from None
    except (OSError, ValueError) as err:
        reason = getattr(err, "strerror", None) or err
        raise ClaimcheckError(f"cannot read: {reason}", display) from None
    if len(data) > MAX_BYTES:
        raise ClaimcheckError("file is over 1 MiB; a claims file is limited to 1 MiB", display)
    return _decoded(data, display)


def _decoded(data: bytes, display: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        message = f"not valid UTF-8 (byte 0x{data[err.start]:02x}); save the file as UTF-8"
        raise ClaimcheckError(message, display, before.count(b"\n") + 1, column) from None
    return text.removeprefix("\ufeff")


@cache
def _loader_class() -> type:
    import yaml

    class Loader(yaml.SafeLoader):
        """Counts aliases and depth while composing, so an alias bomb or a deep nest stops early."""

        aliases = 0
        depth = 0

        def compose_node(self, parent: Node | None, index: object) -> Node | None:
            mark = self.peek_event().start_mark
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise _Refused(f"too many aliases (more than {MAX_ALIASES})", mark.line + 1, mark.column + 1)
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise _Refused(f"nested too deeply (more than {MAX_DEPTH} levels)", mark.line + 1, mark.column + 1)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return Loader


class _Refused(Exception):
    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def _composed(text: str, display: str) -> Node | None:
    import yaml

    loader = None
    try:
        loader = _loader_class()(text)
        node = loader.get_single_node()
    except _Refused as err:
        raise ClaimcheckError(err.message, display, err.line, err.column) from None
    except yaml.reader.ReaderError as err:
        line, column = _line_col(text, err.position)
        raise ClaimcheckError(
            f"character {_code_point(err.character)} is not allowed in YAML", display, line, column
        ) from None
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(text, display, err) from None
    except yaml.YAMLError as err:
        raise ClaimcheckError(f"YAML error: {err}", display) from None
    except RecursionError:
        raise ClaimcheckError(f"nested too deeply (more than {MAX_DEPTH} levels)", display) from None
    finally:
        if loader is not None:
            loader.dispose()
    if node is not None:
        _check_graph(node, display)
    return node


def _code_point(character: int | str) -> str:
    return f"U+{character if isinstance(character, int) else ord(character[:1] or chr(0)):04X}"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _syntax_error(text: str, display: str, err: Any) -> ClaimcheckError:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else None
    tab = _first_tab_indent(text)
    if tab is not None and (line is None or tab[0] <= line):
        return ClaimcheckError("tab used for indentation; YAML needs spaces", display, *tab)
    said = ", ".join(p for p in (err.context, err.problem) if p)
    return ClaimcheckError(f"YAML syntax error: {said}", display, line, mark.column + 1 if mark else None)


def _first_tab_indent(text: str) -> tuple[int, int] | None:
    """Where a tab first appears in a line's leading white space (lines of white space only do not count)."""
    for number, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return number, indent.index("\t") + 1
    return None


def _check_graph(root: Node, display: str) -> None:
    """Refuse recursive aliases, alias expansions past MAX_VALUES and nesting past MAX_DEPTH.

    Sizes are memoised per node, so a billion-laughs file is measured in the
    time it takes to read it, never expanded.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def refuse(node: Node, message: str) -> ClaimcheckError:
        return ClaimcheckError(message, display, node.start_mark.line + 1, node.start_mark.column + 1)

    def size(node: Node, depth: int) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        if id(node) in open_nodes:
            raise refuse(node, "recursive alias: a value contains itself")
        if depth > MAX_DEPTH:
            raise refuse(node, f"nested too deeply (more than {MAX_DEPTH} levels)")
        open_nodes.add(id(node))
        total = 1 + sum(size(child, depth + 1) for child in _children(node))
        open_nodes.discard(id(node))
        if total > MAX_VALUES:
            raise refuse(node, f"aliases expand to more than {MAX_VALUES} values")
        sizes[id(node)] = total
        return total

    size(root, 0)


def _children(node: Node) -> list[Node]:
    if node.id == "mapping":
        return [n for pair in node.value for n in pair]
    if node.id == "sequence":
        return list(node.value)
    return []


# --- reading nodes ----------------------------------------------------------


def _error(ctx: _Ctx, node: Node, message: str) -> ClaimcheckError:
    return ClaimcheckError(message, ctx.display, node.start_mark.line + 1, node.start_mark.column + 1)


def _kind_of(node: Node) -> str:
    if node.id == "mapping":
        return "a mapping"
    if node.id == "sequence":
        return "a list"
    names = {"int": "a number", "float": "a number", "bool": "true/false", "null": "empty", "timestamp": "a date"}
    return names.get(node.tag.removeprefix(_TAG), f"{node.value!r}" if node.tag == _TAG + "str" else "a value")


def _described(node: Node) -> str:
    """How a wrong value is quoted back: short scalars as written, the rest by kind."""
    if node.id == "scalar" and node.tag != _TAG + "null" and len(node.value) <= 40:
        return repr(node.value)
    return _kind_of(node)


def _named(what: str) -> str:
    """A key quoted as written ('grows'); a phrase about one (option 'x' of rule) as it stands."""
    return what if " " in what else repr(what)


def _scalar(ctx: _Ctx, node: Node) -> object:
    """A scalar's value, typed by the safe resolver; a collection is returned as the node."""
    if node.id != "scalar":
        if node.tag not in (_TAG + "map", _TAG + "seq"):
            raise _error(ctx, node, f"unsupported tag {node.tag!r}")
        return node
    if node.tag not in _SCALAR_TAGS:
        raise _error(ctx, node, f"unsupported tag {node.tag!r}")
    if node.tag == _TAG + "str":
        return node.value
    import yaml

    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError) as err:
        what = "date" if node.tag == _TAG + "timestamp" else "value"
        raise _error(ctx, node, f"invalid {what} {node.value!r}: {err}") from None


def _suggestion(word: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _mapping(ctx: _Ctx, node: Node, allowed: tuple[str, ...], what: str) -> dict[str, tuple[Node, Node]]:
    """The keys of a mapping node, each with its key and value nodes; unknown or repeated keys refused."""
    if node.id != "mapping":
        raise _error(ctx, node, f"{what} must be a mapping, not {_kind_of(node)}")
    _scalar(ctx, node)
    found: dict[str, tuple[Node, Node]] = {}
    for key, value in node.value:
        if key.id != "scalar":
            raise _error(ctx, key, f"keys in {what} must be plain words, not {_kind_of(key)}")
        name = key.value
        if name in found:
            raise _error(ctx, key, f"duplicate key {name!r} (first at line {found[name][0].start_mark.line + 1})")
        if allowed and name not in allowed:
            allowed_list = ", ".join(allowed)
            hint = _suggestion(name, allowed)
            raise _error(ctx, key, f"unknown key {name!r} in {what}{hint} (allowed: {allowed_list})")
        found[name] = (key, value)
    return found


def _list(ctx: _Ctx, node: Node, what: str) -> list[Node]:
    if node.id == "scalar" and node.tag == _TAG + "null":
        return []
    if node.id != "sequence":
        raise _error(ctx, node, f"{_named(what)} must be a list, not {_kind_of(node)}")
    _scalar(ctx, node)
    return list(node.value)


def _text(ctx: _Ctx, node: Node, what: str) -> str:
    value = _scalar(ctx, node)
    # A number, date or yes/no where text is expected is meant as the words written ("2021", "No").
    if node.id == "scalar" and node.tag in (_TAG + "int", _TAG + "float", _TAG + "timestamp", _TAG + "bool"):
        return node.value
    if not isinstance(value, str) or not value.strip():
        raise _error(ctx, node, f"{_named(what)} must be non-empty text, not {_described(node)}")
    return value


def _texts(ctx: _Ctx, node: Node, what: str) -> tuple[str, ...]:
    if node.id != "sequence":
        raise _error(ctx, node, f"{_named(what)} must be a list of text, not {_kind_of(node)}")
    return tuple(_text(ctx, item, f"an item of {what}") for item in _list(ctx, node, what))


def _bool(ctx: _Ctx, node: Node, what: str) -> bool:
    value = _scalar(ctx, node)
    if not isinstance(value, bool):
        raise _error(ctx, node, f"{_named(what)} must be true or false, not {_described(node)}")
    return value


def _choice(ctx: _Ctx, node: Node, what: str, choices: tuple[str, ...]) -> str:
    value = _scalar(ctx, node)
    if value is False and "off" in choices:  # YAML 1.1 reads a bare `off` as false
        return "off"
    if not isinstance(value, str) or value not in choices:
        options = f"{', '.join(choices[:-1])} or {choices[-1]}" if len(choices) > 1 else choices[0]
        raise _error(ctx, node, f"{_named(what)} must be {options}, not {_described(node)}")
    return value


def _date(ctx: _Ctx, node: Node, what: str) -> date:
    value = _scalar(ctx, node)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError as err:
            raise _error(ctx, node, f"invalid date {value!r}: {err}; write YYYY-MM-DD") from None
    raise _error(ctx, node, f"{_named(what)} must be a date (YYYY-MM-DD), not {_described(node)}")


def _fraction(ctx: _Ctx, node: Node, what: str) -> float:
    value = _scalar(ctx, node)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise _error(ctx, node, f"{_named(what)} must be a number from 0 to 1, not {_described(node)}")
    return float(value)


def _required(ctx: _Ctx, node: Node, keys: Mapping[str, object], name: str, what: str) -> None:
    if name not in keys:
        raise _error(ctx, node, f"{what} needs {name!r}")


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long, or holding a NUL, names nothing
        return False


def _path(ctx: _Ctx, node: Node, what: str, must_exist: bool) -> Path:
    """A path joined to the config's folder: it must exist (if asked) and stay inside the project."""
    raw = _text(ctx, node, what)
    joined = Path(os.path.normpath(ctx.root / raw))
    if must_exist and not _exists(joined):
        shown = raw if raw.isprintable() else repr(raw)  # never put control characters on a terminal
        raise _error(ctx, node, f"no such file or folder: {shown}")
    if not ctx.allow_outside and not is_inside(joined, ctx.root):
        hint = "set 'allow-outside: true' to allow it"
        raise _error(ctx, node, f"{raw!r} leads outside the project folder (where {CONFIG_NAME} is); {hint}")
    return joined


# --- sections ---------------------------------------------------------------

TOP_KEYS = (
    "documents",
    "entities",
    "measures",
    "facts",
    "rules",
    "phrases",
    "ignore",
    "fail-level",
    "min-level",
    "min-confidence",
    "baseline",
    "allow-outside",
)


def _config(ctx: _Ctx, node: Node, path: Path) -> Config:
    if node.id != "mapping":
        raise _error(ctx, node, f"the top level must be a mapping of keys such as 'documents', not {_kind_of(node)}")
    top = _mapping(ctx, node, TOP_KEYS, "the top level")
    if "allow-outside" in top:  # read first: it decides how every path below is checked
        ctx = _Ctx(ctx.display, ctx.root, ctx.rules, _bool(ctx, top["allow-outside"][1], "allow-outside"))
    read: dict[str, Callable[[_Ctx, Node], object]] = {
        "documents": _documents,
        "entities": _entities,
        "measures": _measures,
        "facts": _facts,
        "rules": _rules,
        "ignore": _ignores,
        "fail-level": lambda c, n: _choice(c, n, "fail-level", LEVELS),
        "min-level": lambda c, n: _choice(c, n, "min-level", LEVELS),
        "min-confidence": lambda c, n: _fraction(c, n, "min-confidence"),
        "baseline": lambda c, n: _path(c, n, "baseline", must_exist=False),
        "allow-outside": lambda c, n: ctx.allow_outside,
    }
    fields: dict[str, Any] = {k.replace("-", "_"): read[k](ctx, v) for k, (_, v) in top.items() if k in read}
    if "phrases" in top:
        fields.update(_phrases(ctx, top["phrases"][1]))
    return Config(root=ctx.root, path=path, **fields)


DOCUMENT_KEYS = ("path", "role", "kind", "publisher", "published")


def _documents(ctx: _Ctx, node: Node) -> tuple[DocumentEntry, ...]:
    entries = tuple(_document(ctx, item) for item in _list(ctx, node, "documents"))
    seen: dict[Path, DocumentEntry] = {}
    for entry, item in zip(entries, _list(ctx, node, "documents"), strict=True):
        if entry.path in seen:
            raise _error(
                ctx, item, f"document {entry.path.name!r} is listed twice (first at line {seen[entry.path].line})"
            )
        seen[entry.path] = entry
    return entries


def _document(ctx: _Ctx, node: Node) -> DocumentEntry:
    keys = _mapping(ctx, node, DOCUMENT_KEYS, "a document entry")
    _required(ctx, node, keys, "path", "a document entry")
    path = _path(ctx, keys["path"][1], "path", must_exist=True)
    values = {k: v for k, (_, v) in keys.items()}
    return DocumentEntry(
        path=path,
        role=_choice(ctx, values["role"], "role", ("draft", "source")) if "role" in values else "source",  # type: ignore[arg-type]
        kind=_choice(ctx, values["kind"], "kind", ("primary", "secondary")) if "kind" in values else None,  # type: ignore[arg-type]
        publisher=_text(ctx, values["publisher"], "publisher") if "publisher" in values else None,
        published=_date(ctx, values["published"], "published") if "published" in values else None,
        is_folder=_exists(path) and path.is_dir(),
        line=node.start_mark.line + 1,
        column=node.start_mark.column + 1,
    )


ENTITY_KEYS = ("name", "kind", "aliases", "title", "member_of")


def _entities(ctx: _Ctx, node: Node) -> tuple[Entity, ...]:
    entities: list[Entity] = []
    for item in _list(ctx, node, "entities"):
        entity = _entity(ctx, item)
        if any(e.name == entity.name for e in entities):
            raise _error(ctx, item, f"entity {entity.name!r} is declared twice")
        entities.append(entity)
    return tuple(entities)


def _entity(ctx: _Ctx, node: Node) -> Entity:
    keys = _mapping(ctx, node, ENTITY_KEYS, "an entity")
    _required(ctx, node, keys, "name", "an entity")
    values = {k: v for k, (_, v) in keys.items()}
    kind = None
    if "kind" in values:
        # Accept the American spelling too; store the one spelling the model uses.
        raw = _scalar(ctx, values["kind"])
        kind = "organisation" if raw == "organization" else _choice(ctx, values["kind"], "kind", ENTITY_KINDS)
    return Entity(
        name=_text(ctx, values["name"], "name"),
        aliases=_texts(ctx, values["aliases"], "aliases") if "aliases" in values else (),
        kind=kind,  # type: ignore[arg-type]
        title=_text(ctx, values["title"], "title") if "title" in values else None,
        member_of=_text(ctx, values["member_of"], "member_of") if "member_of" in values else None,
    )


def _measures(ctx: _Ctx, node: Node) -> tuple[MeasureEntry, ...]:
    return tuple(_measure(ctx, item) for item in _list(ctx, node, "measures"))


def _measure(ctx: _Ctx, node: Node) -> MeasureEntry:
    keys = _mapping(ctx, node, ("name", "words", "grows"), "a measure")
    for name in ("name", "words"):
        _required(ctx, node, keys, name, "a measure")
    words = _texts(ctx, keys["words"][1], "words")
    if not words:
        raise _error(ctx, keys["words"][1], "'words' must list at least one word")
    return MeasureEntry(
        name=_text(ctx, keys["name"][1], "name"),
        words=words,
        grows=_bool(ctx, keys["grows"][1], "grows") if "grows" in keys else False,
    )


def _facts(ctx: _Ctx, node: Node) -> tuple[FactEntry, ...]:
    return tuple(_fact(ctx, item) for item in _list(ctx, node, "facts"))


def _fact(ctx: _Ctx, node: Node) -> FactEntry:
    keys = _mapping(ctx, node, ("text", "source", "published", "note"), "a fact")
    _required(ctx, node, keys, "text", "a fact")
    values = {k: v for k, (_, v) in keys.items()}
    return FactEntry(
        text=_text(ctx, values["text"], "text"),
        source=_text(ctx, values["source"], "source") if "source" in values else None,
        published=_date(ctx, values["published"], "published") if "published" in values else None,
        note=_text(ctx, values["note"], "note") if "note" in values else None,
        line=node.start_mark.line + 1,
        column=node.start_mark.column + 1,
    )


def _rule_id(ctx: _Ctx, node: Node) -> str:
    name = node.value if node.id == "scalar" else ""
    if name not in ctx.rules:
        known = tuple(sorted(ctx.rules))
        raise _error(ctx, node, f"unknown rule {name!r}{_suggestion(name, known)}")
    return name


def _rules(ctx: _Ctx, node: Node) -> dict[str, RuleSetting]:
    settings: dict[str, RuleSetting] = {}
    for key, value in _mapping(ctx, node, (), "'rules'").values():
        rule = _rule_id(ctx, key)  # before its setting: options are checked against this rule's
        settings[rule] = _rule_setting(ctx, rule, value)
    return settings


def _rule_setting(ctx: _Ctx, rule: str, node: Node) -> RuleSetting:
    if node.id != "mapping":
        return RuleSetting(level=_choice(ctx, node, f"level of {rule}", RULE_LEVELS))
    defaults = ctx.rules[rule]
    keys = _mapping(ctx, node, ("level", *sorted(defaults)), f"rule {rule}")
    level = _choice(ctx, keys["level"][1], f"level of {rule}", RULE_LEVELS) if "level" in keys else None
    options = {
        name: _option(ctx, rule, name, defaults[name], value) for name, (_, value) in keys.items() if name != "level"
    }
    return RuleSetting(level=level, options=options)


def _option(ctx: _Ctx, rule: str, name: str, default: object, node: Node) -> object:
    """An option's value, checked against the type of its default."""
    value = _scalar(ctx, node)
    what = f"option {name!r} of {rule}"
    if isinstance(default, bool):
        return _bool(ctx, node, what)
    if isinstance(default, int) and not isinstance(value, bool) and isinstance(value, int):
        return value
    number = not isinstance(value, bool) and isinstance(value, int | float)
    if isinstance(default, float) and number and math.isfinite(value):  # type: ignore[arg-type]
        return float(value)  # type: ignore[arg-type]
    if isinstance(default, str) and name.endswith("level"):  # e.g. organisation-level: a level like any other
        return _choice(ctx, node, what, RULE_LEVELS)
    if isinstance(default, str) and isinstance(value, str):
        return value
    if isinstance(default, list | tuple) and node.id == "sequence":
        return type(default)(_texts(ctx, node, what))
    if default is None and node.id == "scalar":
        return value
    if isinstance(default, dict) and node.id == "mapping":
        return {k: _option(ctx, rule, f"{name}.{k}", None, v) for k, (_, v) in _mapping(ctx, node, (), what).items()}
    expected = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}
    wanted = next((v for t, v in expected.items() if isinstance(default, t)), "a list of text")
    raise _error(ctx, node, f"{what} must be {wanted}, not {_described(node)}")


def _phrases(ctx: _Ctx, node: Node) -> dict[str, Any]:
    keys = _mapping(ctx, node, ("vague", "patterns"), "'phrases'")
    found: dict[str, Any] = {}
    if "vague" in keys:
        vague = _mapping(ctx, keys["vague"][1], ("add", "remove"), "'vague'")
        found["vague_add"] = _texts(ctx, vague["add"][1], "add") if "add" in vague else ()
        found["vague_remove"] = _texts(ctx, vague["remove"][1], "remove") if "remove" in vague else ()
    if "patterns" in keys:
        found["patterns"] = tuple(_pattern(ctx, item) for item in _list(ctx, keys["patterns"][1], "patterns"))
    return found


def _pattern(ctx: _Ctx, node: Node) -> PatternEntry:
    keys = _mapping(ctx, node, ("name", "pattern", "kind"), "a pattern")
    for name in ("name", "pattern"):
        _required(ctx, node, keys, name, "a pattern")
    entry = PatternEntry(
        name=_text(ctx, keys["name"][1], "name"),
        pattern=_text(ctx, keys["pattern"][1], "pattern"),
        kind=_choice(ctx, keys["kind"][1], "kind", PATTERN_KINDS) if "kind" in keys else "vague",
        origin=ctx.display,
        line=keys["pattern"][1].start_mark.line + 1,
        column=keys["pattern"][1].start_mark.column + 1,
    )
    compile_pattern(entry)
    return entry


IGNORE_KEYS = ("rule", "text", "fingerprint", "reason", "until")


def _ignores(ctx: _Ctx, node: Node) -> tuple[IgnoreEntry, ...]:
    return tuple(_ignore(ctx, item) for item in _list(ctx, node, "ignore"))


def _ignore(ctx: _Ctx, node: Node) -> IgnoreEntry:
    keys = _mapping(ctx, node, IGNORE_KEYS, "an ignore entry")
    _required(ctx, node, keys, "rule", "an ignore entry")
    _required(ctx, node, keys, "reason", "an ignore entry (say why the finding is accepted)")
    if ("text" in keys) == ("fingerprint" in keys):
        raise _error(ctx, node, "an ignore entry needs either 'text' or 'fingerprint' (one of them)")
    values = {k: v for k, (_, v) in keys.items()}
    return IgnoreEntry(
        rule=_rule_id(ctx, values["rule"]),
        reason=_text(ctx, values["reason"], "reason"),
        text=_text(ctx, values["text"], "text") if "text" in values else None,
        fingerprint=_text(ctx, values["fingerprint"], "fingerprint") if "fingerprint" in values else None,
        until=_date(ctx, values["until"], "until") if "until" in values else None,
        line=node.start_mark.line + 1,
        column=node.start_mark.column + 1,
    )


# --- user patterns ----------------------------------------------------------


def compile_pattern(entry: PatternEntry) -> regex.Pattern[str]:
    """The entry's regex, case-insensitive (``(?-i)`` turns that off); a bad regex is a config error."""
    import regex

    try:
        return regex.compile(entry.pattern, regex.IGNORECASE)
    except (regex.error, ValueError, OverflowError, RecursionError) as err:
        message = f"invalid pattern {entry.name!r}: {err}"
        raise ClaimcheckError(message, entry.origin, entry.line, entry.column) from None


def search_with_timeout(
    entry: PatternEntry,
    text: str,
    file: str,
    timeout_s: float = PATTERN_TIMEOUT_S,
    compiled: regex.Pattern[str] | None = None,
) -> tuple[tuple[int, int], ...]:
    """Every match of the entry's pattern in ``text`` as (start, end), within ``timeout_s`` in all.

    A pattern that backtracks catastrophically ends the run with an error at the
    pattern's line in claims.yaml rather than hanging CI.
    """
    pattern = compiled if compiled is not None else compile_pattern(entry)
    try:
        return tuple(m.span() for m in pattern.finditer(text, timeout=timeout_s))
    except TimeoutError:
        message = f"pattern {entry.name!r} timed out after {timeout_s:g}s on {file}; simplify it"
        raise ClaimcheckError(message, entry.origin, entry.line, entry.column) from None
