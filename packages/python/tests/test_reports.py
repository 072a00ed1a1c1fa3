"""explain() and lint(): the engine's reports, the shape the CLI's --json and
the npm package give (checked against the CLI itself when EVENTPATTERN_CLI
names its binary, as scripts/test-python.sh does)."""

import json
import os
import subprocess

import pytest

import eventpattern


def test_explain_agrees_with_matches_on_the_corpus(cases):
    explained = 0
    for case in cases:
        if case.expected == "invalid":
            continue
        trace = eventpattern.explain(case.pattern, case.event)
        assert trace["matched"] is (case.expected == "match"), case.id
        assert trace["matched"] is eventpattern.matches(case.pattern, case.event)
        assert len(trace["fields"]) >= 1
        explained += 1
    assert explained >= 600


def test_trace_shape():
    pattern = '{"source": ["aws.ec2"],\n "detail": {"state": ["Stopped"], "eventName": ["x"]}}'
    event = '{"source": "aws.ec2", "detail": {"state": "stopped"}}'
    trace = eventpattern.Pattern(pattern).explain(event)
    assert set(trace) == {"matched", "alternative", "alternatives", "fields", "inactive", "delivery"}
    assert (trace["matched"], trace["alternative"], trace["alternatives"]) == (False, 0, 1)
    source, state, name = trace["fields"]
    assert (source["path"], source["status"], source["outcome"]) == ("source", "matched", "matched")
    assert source["condition"] == '"aws.ec2"'
    assert source["value"]["value"] == '"aws.ec2"'
    assert source["value"]["type"] == "string"
    assert event[source["value"]["start"] : source["value"]["end"]] == '"aws.ec2"'
    assert (state["status"], state["outcome"]) == ("failed", "no-condition-met")
    assert state["pattern"]["line"] == 2
    assert pattern[state["pattern"]["start"] : state["pattern"]["end"]] == '"state"'
    [hint] = state["hints"]
    assert hint["kind"] == "case-differs"
    assert hint["suggestion"] == '{"equals-ignore-case": "Stopped"}'
    assert eventpattern.matches(hint["pattern"], event.replace("}}", ', "eventName": "x"}}'))
    assert (name["status"], name["outcome"]) == ("missing", "missing")
    assert "detail.eventName" in name["explanation"]


def test_explain_raises_like_matches():
    with pytest.raises(eventpattern.PatternError):
        eventpattern.explain('{"a": 1}', "{}")
    with pytest.raises(eventpattern.EventError) as info:
        eventpattern.explain({"a": ["x"]}, '{"a": }')
    assert (info.value.line, info.value.column) == (1, 7)
    assert info.value.plain


def test_lint_notes():
    pattern = {"source": ["aws.lambda"], "detail": {"eventName": ["CreateFunction"]}}
    [note] = eventpattern.lint(pattern)
    assert note["kind"] == "lambda-api-version"
    assert note["suggestion"] == '{"prefix": "CreateFunction"}'
    fixed = note["pattern"]
    assert eventpattern.matches(fixed, {"source": "aws.lambda", "detail": {"eventName": "CreateFunction20150331"}})
    assert eventpattern.lint({"source": ["aws.ec2"]}) == []
    with pytest.raises(eventpattern.PatternError):
        eventpattern.lint("[]")


def test_pattern_error_details():
    with pytest.raises(eventpattern.PatternError) as info:
        eventpattern.validate('{"a": ["x"')
    e = info.value
    assert e.kind == "syntax"
    assert e.plain.startswith("The list opened at line 1, column 7")
    assert [f["pattern"] for f in e.fixes] == ['{"a": ["x"]}']
    assert e.to_dict()["message"] == str(e) == e.message


CLI = os.environ.get("EVENTPATTERN_CLI")
needs_cli = pytest.mark.skipif(not CLI, reason="EVENTPATTERN_CLI names no CLI binary")


@needs_cli
def test_same_trace_as_the_cli(cases, tmp_path):
    compared = 0
    for case in cases[::7]:
        pattern_file, event_file = tmp_path / "p.json", tmp_path / "e.json"
        pattern_file.write_text(case.pattern, encoding="utf-8")
        event_file.write_text(case.event, encoding="utf-8")
        if case.expected == "invalid":
            out = _cli("validate", "-p", pattern_file, "--json")
            with pytest.raises(eventpattern.PatternError) as info:
                eventpattern.validate(case.pattern)
            assert out["error"] == info.value.to_dict(), case.id
        else:
            out = _cli("test", "-p", pattern_file, "-e", event_file, "--no-wrap", "--json")
            trace = eventpattern.explain(case.pattern, case.event)
            assert out["matched"] == trace["matched"]
            assert out["delivery"] == trace["delivery"]
            assert out["trace"] == {k: trace[k] for k in ("alternative", "alternatives", "fields", "inactive")}, case.id
            if out["matched"]:
                assert _cli("validate", "-p", pattern_file, "--json")["notes"] == eventpattern.lint(case.pattern)
        compared += 1
    assert compared >= 100


def _cli(*args):
    run = subprocess.run([CLI, *map(str, args)], capture_output=True, check=False)
    assert run.returncode in (0, 1, 2), run.stderr
    return json.loads(run.stdout)
