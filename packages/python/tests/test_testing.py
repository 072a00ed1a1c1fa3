"""eventpattern.testing from the installed wheel: the pytest fixture (found
through the package's pytest11 entry point, no conftest import), boto3 against
it with AWS's verdicts and exceptions, the endpoint stopped when the fixture
ends, and the README's pytest example run as a test."""

import re
import socket
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError

from eventpattern.testing import Endpoint, events_client

from conftest import CONFORMANCE, ROOT

# The boto3 client tests of the server (scripts/test-server.sh, tests/clients,
# on the path through conftest) choose the cases and check the answers.
from cases import envelope_cases  # noqa: E402
from expect import check  # noqa: E402

ENVELOPE_CASES = envelope_cases(CONFORMANCE)
#: An even sample (every fourth case); scripts/test-server.sh sends them all.
SAMPLE = ENVELOPE_CASES[::4]
EVENT = (ROOT / "examples" / "ec2-running.event.json").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def events(eventbridge_endpoint):
    return events_client(eventbridge_endpoint)


def ask(events, pattern, event):
    try:
        return "result", events.test_event_pattern(EventPattern=pattern, Event=event)["Result"]
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]


def refuses(url):
    """Whether nothing listens at `url` any more."""
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port), timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False


def test_the_fixture_yields_a_loopback_url(eventbridge_endpoint):
    parts = urlsplit(eventbridge_endpoint)
    assert (parts.scheme, parts.hostname) == ("http", "127.0.0.1")
    assert parts.port > 0 and not refuses(eventbridge_endpoint)


def test_the_sample_is_even_and_large():
    assert len(ENVELOPE_CASES) >= 330
    assert {c["expected"] for c in SAMPLE} == {"match", "no-match", "invalid"}


@pytest.mark.parametrize("case", SAMPLE, ids=[c["id"] for c in SAMPLE])
def test_conformance_case_through_boto3(events, case):
    kind, value = ask(events, case["pattern"], case["event"])
    assert check(case, kind, value) is None


def test_an_invalid_pattern_raises_aws_exception_and_message(events):
    pattern = '["not", "a", "dict", "but valid json"]'
    with pytest.raises(ClientError) as info:
        events.test_event_pattern(EventPattern=pattern, Event=EVENT)
    error = info.value.response["Error"]
    assert error["Code"] == "InvalidEventPatternException"
    # AWS's answer to this pattern, byte for byte (issue 9).
    assert error["Message"] == (
        "Event pattern is not valid. Reason: Filter is not an object\n"
        ' at [Source: (String)"["not", "a", "dict", "but valid json"]"; line: 1, column: 2]'
    )
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_an_event_without_the_envelope_raises_validation_exception(events):
    assert ask(events, '{"source": ["aws.ec2"]}', '{"testEvent": "value"}') == (
        "ValidationException",
        "Parameter Event is not valid.",
    )


def test_the_endpoint_stops_when_the_fixture_ends(pytester):
    """An inner session uses the fixture (from the entry point) and records
    its URL; once that session is over, nothing listens there."""
    record = pytester.path / "url.txt"
    pytester.makepyfile(
        test_inner=f"""
        from pathlib import Path
        from eventpattern.testing import events_client

        def test_uses_the_fixture(eventbridge_endpoint):
            Path({str(record)!r}).write_text(eventbridge_endpoint)
            events = events_client(eventbridge_endpoint)
            pattern = '{{"source": ["aws.ec2"]}}'
            assert events.test_event_pattern(EventPattern=pattern, Event={EVENT!r})["Result"]
        """
    )
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)
    url = record.read_text()
    assert refuses(url)
    with pytest.raises(EndpointConnectionError):
        events_client(url).test_event_pattern(EventPattern='{"source": ["aws.ec2"]}', Event=EVENT)


def test_the_readme_pytest_example_passes(pytester):
    """The README's pytest example ("Run AWS's TestEventPattern offline"), as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = next(s for s in re.split(r"^## ", readme, flags=re.M) if s.startswith("Run AWS's TestEventPattern offline"))
    [code] = [b for b in re.findall(r"^```python\n(.*?)^```$", section, re.S | re.M) if "eventbridge_endpoint" in b]
    assert len(code.rstrip("\n").split("\n")) <= 5
    (pytester.path / "examples").mkdir()
    (pytester.path / "examples" / "ec2-running.event.json").write_text(EVENT, encoding="utf-8")
    pytester.makepyfile(test_readme=code)
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_endpoint_as_a_context_manager():
    with Endpoint() as endpoint:
        assert endpoint.url == f"http://127.0.0.1:{endpoint.port}"
        assert not endpoint.closed and repr(endpoint) == f"<Endpoint {endpoint.url}>"
        assert ask(events_client(endpoint.url), '{"source": ["aws.ec2"]}', EVENT) == ("result", True)
    assert endpoint.closed and refuses(endpoint.url)
    assert repr(endpoint) == f"<Endpoint {endpoint.url} closed>"
    endpoint.close()  # a second close does nothing


def test_a_port_in_use_raises_oserror():
    with Endpoint() as first:
        with pytest.raises(OSError, match=f"127.0.0.1:{first.port}"):
            Endpoint(first.port)
        # two endpoints on free ports coexist
        with Endpoint() as second:
            assert second.port != first.port


def test_events_client_defaults_and_overrides(monkeypatch, tmp_path):
    """No configuration at all: a region and dummy credentials are supplied;
    what the caller passes wins."""
    for name in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    with Endpoint() as endpoint:
        events = events_client(endpoint.url)
        assert events.meta.region_name == "us-east-1"
        assert events.meta.endpoint_url == endpoint.url
        assert events.meta.config.retries["total_max_attempts"] == 1
        assert ask(events, '{"source": ["aws.ec2"]}', EVENT) == ("result", True)
        monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
        assert events_client(endpoint.url).meta.region_name == "eu-west-1"
        assert events_client(endpoint.url, region_name="ap-south-1").meta.region_name == "ap-south-1"


def test_importing_the_module_needs_no_boto3():
    code = "import sys, eventpattern.testing; sys.exit('boto3' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
