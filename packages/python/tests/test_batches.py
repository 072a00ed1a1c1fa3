"""matches_many and RuleSet against the one-event functions over the corpus."""

import json
import pickle

import pytest

import eventpattern


def valid_cases(cases):
    out = []
    for c in cases:
        try:
            eventpattern.validate(c.pattern)
        except eventpattern.PatternError:
            continue
        out.append(c)
    return out


def test_matches_many_agrees_with_matches(cases):
    valid = valid_cases(cases)
    events = [c.event for c in valid]
    assert len(valid) >= 600
    checked = 0
    for c in valid[:120]:
        verdicts = eventpattern.matches_many(c.pattern, events)
        assert verdicts == [eventpattern.matches(c.pattern, e) for e in events]
        checked += sum(verdicts)
    assert checked > 0


def test_matches_many_takes_any_iterable_and_mixed_inputs():
    pattern = eventpattern.Pattern({"a": [1]})
    events = ('{"a": 1}', b'{"a": 2}', {"a": 1}, bytearray(b'{"a": [3, 1]}'))
    assert pattern.matches_many(iter(events)) == [True, False, True, True]
    assert eventpattern.matches_many('{"a": [1]}', []) == []


def test_matches_many_reports_the_bad_event_by_index():
    with pytest.raises(eventpattern.EventError) as info:
        eventpattern.matches_many({"a": [1]}, ['{"a": 1}', '{"a": 1}', '{"a": '])
    assert info.value.index == 2
    assert info.value.line == 1
    assert isinstance(info.value, ValueError)


def test_batches_longer_than_a_chunk():
    # The batch is read and matched in chunks: verdicts and indexes are the whole list's.
    events = [{"a": i % 3} for i in range(1000)]
    assert eventpattern.matches_many({"a": [1]}, (e for e in events)) == [
        e["a"] == 1 for e in events
    ]
    names = eventpattern.RuleSet({"one": {"a": [1]}, "two": {"a": [2]}}).matching_many(events)
    assert names == [{1: ["one"], 2: ["two"]}.get(e["a"], []) for e in events]
    bad = [json.dumps(e) for e in events]
    bad[700] = '{"a": 1'
    with pytest.raises(eventpattern.EventError) as info:
        eventpattern.matches_many({"a": [1]}, bad)
    assert info.value.index == 700
    with pytest.raises(eventpattern.EventError) as info:
        eventpattern.RuleSet({"one": {"a": [1]}}).matching_many(bad)
    assert info.value.index == 700


def test_rule_set_agrees_with_each_pattern(cases):
    valid = valid_cases(cases)
    rules = {c.id: c.pattern for c in valid}
    rule_set = eventpattern.RuleSet(rules)
    assert len(rule_set) == len(rules)
    assert rule_set.names() == list(rules)
    compiled = {name: eventpattern.Pattern(p) for name, p in rules.items()}
    events = [c.event for c in valid]
    batch = rule_set.matching_many(events)
    for event, found in zip(events, batch):
        want = [name for name, p in compiled.items() if p.matches(event)]
        assert rule_set.matching(event) == want
        assert found == want


def test_rule_set_names_the_invalid_rule():
    with pytest.raises(eventpattern.PatternError) as info:
        eventpattern.RuleSet({"ok": {"a": ["x"]}, "broken": '{"a": [{"prefix": 5}]}'})
    assert info.value.rule == "broken"
    assert info.value.reason == "prefix match pattern must be a string"
    assert info.value.path == ["a", 0, "prefix"]


def test_rule_set_accepts_compiled_patterns_and_pickles():
    rule_set = eventpattern.RuleSet(
        {"ec2": eventpattern.Pattern({"source": ["aws.ec2"]}), "any": '{"source": [{"exists": true}]}'}
    )
    again = pickle.loads(pickle.dumps(rule_set))
    event = {"source": "aws.ec2"}
    assert rule_set.matching(event) == ["ec2", "any"]
    assert again.matching(event) == ["ec2", "any"]
    assert "ec2" in again and "s3" not in again
    pattern = pickle.loads(pickle.dumps(eventpattern.Pattern('{"source": ["aws.s3"]}')))
    assert pattern.text == '{"source": ["aws.s3"]}'
    assert not pattern.matches(event)
