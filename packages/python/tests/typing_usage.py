"""Typed uses of the API: `test_stubs.py` runs mypy --strict on this file against the installed stubs."""

import eventpattern
from eventpattern import PatternError, EventError
from eventpattern.testing import Endpoint, events_client

p = eventpattern.Pattern({"source": ["aws.ec2"]})
ok: bool = p.matches('{"source": "aws.ec2"}')
many: list[bool] = eventpattern.matches_many(p, [b"{}", "{}"])
t = eventpattern.explain(p, "{}")
status: str = t["fields"][0]["status"]
notes = eventpattern.lint('{"a": ["x"]}')
kind: str = notes[0]["kind"] if notes else ""
rs = eventpattern.RuleSet({"a": p, "b": {"x": [1]}})
names: list[str] = rs.matching({"x": 1})
try:
    eventpattern.validate("{}")
except PatternError as e:
    line: int = e.line
    path = e.path
except EventError as e2:
    col: "int | None" = e2.column
ev: list[str] = eventpattern.split_events("{}", wrap=False)
ex = eventpattern.example(p)
w: str = eventpattern.wrap_cloudtrail({"eventSource": "s3.amazonaws.com"})
with Endpoint(0) as endpoint:
    url: str = endpoint.url
    port: int = endpoint.port
    client = events_client(url, region_name="eu-west-1")
endpoint.close()
closed: bool = endpoint.closed
