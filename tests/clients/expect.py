"""What AWS answers for one conformance case, as (kind, detail):
("result", True|False), ("InvalidEventPatternException", reason or None) or
("ValidationException", None); and a check of one client's answer."""

import re

PREFIX = "Event pattern is not valid. Reason: "
# Zero, one or two parser locations after the reason (docs/SEMANTICS.md,
# "Where AWS says it stopped"); their exact text is checked by the engine's
# tests against AWS's answers.
LOCATION = re.compile(
    r'(\n at \[Source: \(String\)".*"(\[truncated \d+ chars\])?; line: \d+, column: \d+\]){0,2}',
    re.S,
)


def expected(case):
    if case["expected"] == "match":
        return ("result", True)
    if case["expected"] == "no-match":
        return ("result", False)
    if case["error"].startswith("ValidationException"):
        return ("ValidationException", None)
    return ("InvalidEventPatternException", case.get("error_reason"))


def check(case, kind, value):
    """None if the answer (kind, value) is AWS's for `case`, else why not.
    `value` is the Result for kind "result", else the error message."""
    want_kind, detail = expected(case)
    if kind != want_kind:
        return f"expected {want_kind} {detail!r}, got {kind} {value!r}"
    if kind == "result":
        return None if value is detail else f"expected Result {detail}, got {value!r}"
    if kind == "InvalidEventPatternException":
        if not value.startswith(PREFIX):
            return f"message lacks AWS's prefix: {value!r}"
        if detail is not None:
            rest = value[len(PREFIX):]
            if not rest.startswith(detail) or not LOCATION.fullmatch(rest[len(detail):]):
                return f"expected reason {detail!r} (+ location), got {value!r}"
    return None
