"""What the functions accept: text read as written, dicts in key order."""

import json

import eventpattern

from conftest import CLOUDTRAIL_LOG


def test_dicts_and_text_agree_where_json_keeps_the_text(cases):
    """A dict goes through json.dumps; where that writes every number and key
    as the case does (no 1e2 → 100.0, no duplicate keys), the verdict is the text's."""
    compared = 0
    for case in cases:
        if case.expected == "invalid":
            continue
        try:
            pattern = _loads_keeping_spelling(case.pattern)
            event = _loads_keeping_spelling(case.event)
        except _Changed:
            continue
        want = eventpattern.matches(case.pattern, case.event)
        assert eventpattern.matches(pattern, event) is want, case.id
        assert eventpattern.matches(pattern, case.event) is want, case.id
        compared += 1
    assert compared >= 500


def test_number_text_is_kept_from_text():
    # 0.30000000000000001 is not a comparable number (its double prints as 0.3),
    # so AWS matches it by its text: the text must reach the engine as written.
    pattern = '{"n": [0.30000000000000001]}'
    assert eventpattern.matches(pattern, '{"n": 0.30000000000000001}')
    assert eventpattern.matches(pattern, b'{"n": 0.30000000000000001}')
    # a Python float has no spelling: json.dumps writes 0.3
    assert not eventpattern.matches(pattern, {"n": 0.30000000000000001})
    numeric = '{"n": [{"numeric": ["=", 100]}]}'
    assert eventpattern.matches(numeric, '{"n": 1e2}')
    assert eventpattern.matches(numeric, {"n": 100})


def test_dict_keys_keep_their_order_duplicates_as_written_in_text():
    # In text the later of two equal keys wins (AWS); a dict can hold only one.
    text = '{"x": ["y"], "x": ["z"]}'
    assert not eventpattern.matches(text, {"x": "y"})
    assert eventpattern.matches(text, {"x": "z"})


def test_non_ascii_and_lone_surrogates_in_dicts():
    assert eventpattern.matches({"city": ["Zürich"]}, {"city": "Zürich"})
    assert eventpattern.matches({"s": [{"prefix": "\ud800"}]}, {"s": "\ud800x"})
    assert not eventpattern.matches({"s": [{"prefix": "\ud800"}]}, {"s": "x"})


def test_example_matches_its_pattern():
    pattern = {"source": ["aws.ec2"], "detail": {"state": [{"prefix": "stop"}]}}
    event = eventpattern.example(pattern)
    assert event is not None
    assert json.loads(event)["source"] == "aws.ec2"
    assert eventpattern.matches(pattern, event)


def test_wrap_cloudtrail_gives_the_envelope():
    log = json.loads(CLOUDTRAIL_LOG.read_text(encoding="utf-8"))
    record = log["Records"][0]
    event = json.loads(eventpattern.wrap_cloudtrail(record))
    assert event["detail-type"] == "AWS API Call via CloudTrail"
    assert event["source"] == "aws." + record["eventSource"].split(".")[0]
    assert event["detail"] == record
    assert event["time"] == record["eventTime"]
    # the record is copied as written: text and dict give the same event
    # (the envelope id is derived from the record's text, so it may differ)
    from_text = json.loads(eventpattern.wrap_cloudtrail(json.dumps(record, indent=2)))
    assert from_text.keys() == event.keys()
    assert {k: v for k, v in from_text.items() if k != "id"} == {
        k: v for k, v in event.items() if k != "id"
    }


class _Changed(Exception):
    pass


def _loads_keeping_spelling(text):
    def number(spelling, value):
        if json.dumps(value) != spelling:
            raise _Changed
        return value

    def pairs(items):
        keys = [k for k, _ in items]
        if len(set(keys)) != len(keys):
            raise _Changed
        return dict(items)

    try:
        value = json.loads(
            text,
            parse_int=lambda s: number(s, int(s)),
            parse_float=lambda s: number(s, float(s)),
            parse_constant=lambda s: (_ for _ in ()).throw(_Changed()),
            object_pairs_hook=pairs,
        )
    except ValueError:
        raise _Changed
    return value
