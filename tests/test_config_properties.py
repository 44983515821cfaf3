"""Whatever is in claims.yaml, loading it gives a Config or a one-line ClaimcheckError, never anything else."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.config import TOP_KEYS, Config, load_config
from claimcheck.errors import ClaimcheckError

RULES: dict[str, dict[str, object]] = {
    "number-conflict": {"tolerance": 0.05, "grows": True},
    "vague-attribution": {"window": 1, "phrases": []},
    "unsupported-claim": {},
}
KEYS = [
    *TOP_KEYS,
    "path",
    "role",
    "kind",
    "name",
    "aliases",
    "words",
    "grows",
    "text",
    "reason",
    "until",
    "rule",
    "fingerprint",
    "pattern",
    "patterns",
    "vague",
    "add",
    "remove",
    "level",
    "tolerance",
    "window",
    *RULES,
]
# Pieces of YAML syntax, so that generated text is often almost valid.
TOKENS = [
    *KEYS,
    ": ",
    ":",
    "- ",
    "\n",
    "  ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "*a",
    "!!str ",
    "!!python/object ",
    "? ",
    "|",
    ">",
    '"',
    "'",
    "#",
    "---\n",
    "...",
    "%YAML 1.1\n",
    "<<: ",
    "2021-02-30",
    "2021-10-25",
    "off",
    "yes",
    "~",
    ".nan",
    "1e999",
    "0x1F",
    "../",
    "/etc/passwd",
    "(a+)+$",
    "a.txt",
    "\x00",
    "\ufeff",
    "é",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.dates(),
    st.text(max_size=20),
    st.sampled_from(KEYS),
)
data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=4),
    ),
    max_leaves=20,
)
yamlish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=40).map("".join)


def outcome(content: bytes) -> str:
    """Load ``content`` as a project's claims.yaml: "ok" or the error's one line; anything else fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "a.txt").write_text("Text.\n", encoding="utf-8")
        path = root / "claims.yaml"
        path.write_bytes(content)
        try:
            assert isinstance(load_config(path, RULES), Config)
            return "ok"
        except ClaimcheckError as err:
            message = str(err)
            assert "\n" not in message and message.startswith(str(path))
            return message.removeprefix(str(path))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yamlish)
def test_arbitrary_yaml_like_text_gives_a_config_or_a_claimcheck_error(text: str):
    assert outcome(text.encode("utf-8")) == outcome(text.encode("utf-8"))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_give_a_config_or_a_claimcheck_error(content: bytes):
    outcome(content)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data)
def test_arbitrary_data_dumped_as_yaml_gives_a_config_or_a_claimcheck_error(value: object):
    outcome(yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(KEYS[:12]), data, max_size=5))
def test_arbitrary_top_level_mappings_give_a_config_or_a_claimcheck_error(value: dict):
    outcome(yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))
