"""Amazon EventBridge event patterns, matched as AWS matches them.

>>> import eventpattern
>>> eventpattern.matches({"source": ["aws.ec2"]}, '{"source": "aws.ec2"}')
True

Patterns and events are JSON text (``str`` or ``bytes``, read as written: number
spellings are kept) or Python values (a ``dict``), serialised in key order.
"""

from ._errors import EventError, PatternError
from ._eventpattern import (
    Pattern,
    RuleSet,
    example,
    explain,
    lint,
    matches,
    matches_many,
    split_events,
    validate,
    wrap_cloudtrail,
)

__all__ = [
    "EventError",
    "Pattern",
    "PatternError",
    "RuleSet",
    "example",
    "explain",
    "lint",
    "matches",
    "matches_many",
    "split_events",
    "validate",
    "wrap_cloudtrail",
]
