"""AWS's ``TestEventPattern`` API for test suites, served from inside the Python
process: code that calls ``events.test_event_pattern`` (boto3) is tested offline,
without credentials and without starting a server process.

With pytest the fixture ``eventbridge_endpoint`` is there once the package is
installed (a ``pytest11`` plugin): it serves on a free port of 127.0.0.1 for the
whole session and yields the endpoint URL::

    from eventpattern.testing import events_client

    def test_rule(eventbridge_endpoint):
        events = events_client(eventbridge_endpoint)
        assert events.test_event_pattern(EventPattern=pattern, Event=event)["Result"]

Elsewhere, ``Endpoint`` is the same server as a context manager
(``with Endpoint() as endpoint: ... endpoint.url``). The answers are AWS's: its
verdicts, and its exceptions and messages (``InvalidEventPatternException``,
``ValidationException``) byte for byte.
"""

from typing import Any, Dict, Iterator

from ._eventpattern import Endpoint

__all__ = ["Endpoint", "events_client"]


def events_client(url: str, **kwargs: Any) -> Any:
    """A boto3 ``events`` client pointed at the endpoint ``url``.

    ``kwargs`` go to ``boto3.Session.client`` and win over these defaults: the
    region configured (``AWS_DEFAULT_REGION``, ``~/.aws/config``), else
    ``us-east-1``; the credentials ``local``/``local`` — your own are never read,
    since the endpoint checks no signature and expired or SSO credentials would
    fail the call; no retries (a local endpoint answers or is down), merged
    into any ``config`` given. boto3 is imported here: the package does not
    require it.
    """
    import boto3  # type: ignore[import-untyped]
    from botocore.config import Config  # type: ignore[import-untyped]

    session = boto3.session.Session()
    options: Dict[str, Any] = {
        "endpoint_url": url,
        "region_name": session.region_name or "us-east-1",
        "aws_access_key_id": "local",
        "aws_secret_access_key": "local",
    }
    options.update(kwargs)
    no_retries = Config(retries={"total_max_attempts": 1})
    given = options.get("config")
    options["config"] = no_retries if given is None else no_retries.merge(given)
    return session.client("events", **options)


try:
    import pytest
except ImportError:  # outside pytest: Endpoint and events_client only
    pass
else:

    @pytest.fixture(scope="session")
    def eventbridge_endpoint() -> Iterator[str]:
        """The URL of a ``TestEventPattern`` endpoint on a free port of
        127.0.0.1, shared by the session (it keeps no state between requests)
        and stopped when the session ends."""
        with Endpoint() as endpoint:
            yield endpoint.url

    __all__ += ["eventbridge_endpoint"]
