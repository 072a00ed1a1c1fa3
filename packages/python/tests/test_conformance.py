"""The whole conformance corpus through the installed wheel: AWS's verdict and
AWS's reason for every case, with the texts as written (number spellings kept)."""

import pytest

import eventpattern

from conftest import conformance_cases, is_aws_message

CASES = conformance_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case):
    if case.expected == "invalid":
        with pytest.raises(eventpattern.PatternError) as info:
            eventpattern.validate(case.pattern)
        if case.error_reason is not None:
            assert info.value.reason == case.error_reason
        assert is_aws_message(str(info.value), info.value.reason), str(info.value)
        return
    want = case.expected == "match"
    assert eventpattern.matches(case.pattern, case.event) is want
    # bytes are the same text
    assert eventpattern.matches(case.pattern.encode(), case.event.encode()) is want


def test_corpus_size(cases):
    assert len(cases) >= 745
    assert {c.expected for c in cases} == {"match", "no-match", "invalid"}
