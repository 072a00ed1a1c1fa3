"""Errors: AWS's reason and message, line and column in characters, the
pattern path (tests/error_positions.jsonl, worked out by hand), event errors."""

import json
import pickle

import pytest

import eventpattern

from conftest import ERROR_POSITIONS, is_aws_message


def positions():
    with open(ERROR_POSITIONS, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


POSITIONS = positions()


def test_the_position_file_is_whole():
    assert len(POSITIONS) >= 37


@pytest.mark.parametrize("case", POSITIONS, ids=[c["id"] for c in POSITIONS])
def test_error_position(case):
    with pytest.raises(eventpattern.PatternError) as info:
        eventpattern.validate(case["pattern"])
    e = info.value
    assert e.reason == case["reason"]
    assert e.kind == case["kind"]
    assert (e.line, e.column) == (case["line"], case["column_chars"])
    assert e.path == case["path"]
    assert is_aws_message(str(e), case["reason"]), str(e)
    assert e.rule is None


def test_every_entry_point_raises_the_same_error():
    bad = '{"detail": {"state": [{"prefix": 5}]}}'
    for call in (
        lambda: eventpattern.validate(bad),
        lambda: eventpattern.matches(bad, "{}"),
        lambda: eventpattern.matches_many(bad, ["{}"]),
        lambda: eventpattern.example(bad),
        lambda: eventpattern.Pattern(bad),
    ):
        with pytest.raises(ValueError) as info:
            call()
        assert isinstance(info.value, eventpattern.PatternError)
        assert info.value.path == ["detail", "state", 0, "prefix"]
        assert (info.value.line, info.value.column) == (1, 34)


def test_column_counts_characters_not_bytes():
    # "é" is two bytes in UTF-8, one character in Python.
    with pytest.raises(eventpattern.PatternError) as info:
        eventpattern.validate('{"é": [{"prefix": 5}]}')
    assert info.value.column == '{"é": [{"prefix": 5}]}'.index("5") + 1


def test_multi_line_position():
    text = '{\n  "source": ["aws.ec2"],\n  "detail": {"n": [{"numeric": [">", "x"]}]}\n}'
    with pytest.raises(eventpattern.PatternError) as info:
        eventpattern.validate(text)
    assert info.value.line == 3
    assert info.value.path[:2] == ["detail", "n"]


def test_error_survives_pickling():
    with pytest.raises(eventpattern.PatternError) as info:
        eventpattern.RuleSet({"r": '{"a": []}'})
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is eventpattern.PatternError
    assert (again.reason, again.rule, again.path, str(again)) == (
        info.value.reason,
        "r",
        ["a"],
        str(info.value),
    )


def test_event_errors():
    with pytest.raises(eventpattern.EventError) as info:
        eventpattern.matches({"a": ["x"]}, '{"a":\n  "x",,}')
    assert info.value.line == 2
    assert info.value.index is None
    assert isinstance(info.value, ValueError)
    with pytest.raises(eventpattern.EventError):
        eventpattern.matches({"a": ["x"]}, "[1, 2]")


def test_bytes_that_are_not_utf8():
    with pytest.raises(UnicodeDecodeError):
        eventpattern.matches({"a": ["x"]}, b'{"a": "\xff"}')


def test_values_json_cannot_write():
    with pytest.raises(TypeError):
        eventpattern.matches({"a": ["x"]}, {"a": {1, 2}})
    with pytest.raises(ValueError):
        eventpattern.matches({"a": ["x"]}, {"a": float("nan")})
