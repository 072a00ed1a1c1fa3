"""Shared helpers: the repository's corpora, read as the Rust suite reads them."""

import json
import re
import sys
from pathlib import Path

import pytest

# test_testing.py runs inner pytest sessions (the fixture's start and end).
pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[3]
CONFORMANCE = ROOT / "tests" / "conformance.jsonl"
ERROR_POSITIONS = ROOT / "crates" / "eventpattern" / "tests" / "error_positions.jsonl"
CLOUDTRAIL_LOG = ROOT / "examples" / "cloudtrail-log.json"

# The server's client tests (tests/clients) choose the envelope cases and know
# the shape of AWS's messages; test_testing.py and the error checks reuse them.
sys.path.insert(0, str(ROOT / "tests" / "clients"))

from expect import LOCATION, PREFIX  # noqa: E402


def is_aws_message(message: str, reason: str) -> bool:
    """Whether ``message`` is AWS's whole InvalidEventPatternException text for
    ``reason``: the prefix, the reason, then the parser location(s) AWS appends
    where it does (their exact text is checked by the engine's Rust tests)."""
    head = PREFIX + reason
    return message.startswith(head) and LOCATION.fullmatch(message[len(head):]) is not None

_WS = re.compile(r"[ \t\r\n]*")
_DECODER = json.JSONDecoder()


def raw_members(line: str) -> dict:
    """The members of the JSON object on ``line`` as their exact source text
    (numbers keep their spelling, as the Rust suite's RawValue does)."""
    out = {}
    i = _WS.match(line, 0).end()
    assert line[i] == "{"
    i += 1
    while True:
        i = _WS.match(line, i).end()
        if line[i] == "}":
            return out
        key, i = _DECODER.raw_decode(line, i)
        i = _WS.match(line, i).end()
        assert line[i] == ":"
        i = _WS.match(line, i + 1).end()
        _, end = _DECODER.raw_decode(line, i)
        out[key] = line[i:end]
        i = _WS.match(line, end).end()
        if line[i] == ",":
            i += 1


def case_text(raw: str) -> str:
    """A case's pattern or event text: a JSON string holds the text itself."""
    return json.loads(raw) if raw.startswith('"') else raw


class Case:
    """One conformance case: the texts fed to the engine and AWS's answer."""

    def __init__(self, line: str) -> None:
        raw = raw_members(line)
        whole = json.loads(line)
        self.id = whole["id"]
        self.expected = whole["expected"]
        self.error_reason = whole.get("error_reason")
        self.pattern = case_text(raw["pattern"])
        self.event = case_text(raw["event"])

    def __repr__(self) -> str:
        return self.id


def conformance_cases():
    with open(CONFORMANCE, encoding="utf-8") as f:
        return [Case(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def cases():
    found = conformance_cases()
    # The file has 745 cases; a truncated copy must fail, not pass quietly.
    assert len(found) >= 745
    return found
