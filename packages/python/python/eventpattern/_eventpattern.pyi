"""Types of the native module (crates/eventpattern-py)."""

from types import TracebackType
from typing import Any, Dict, Iterable, List, Mapping, Optional, Type, TypedDict, Union

#: JSON text (read as written) or a value ``json.dumps`` writes (a dict, in key order).
Json = Union[str, bytes, bytearray, Dict[str, Any]]
PatternLike = Union[Json, "Pattern"]

class Place(TypedDict):
    """Where a span lies: line and column from 1, offsets from 0 (characters)."""

    line: int
    column: int
    start: int
    end: int

class Value(TypedDict):
    path: str
    value: str
    type: str  # string, number, boolean or null
    line: int
    column: int
    start: int
    end: int

class Hint(TypedDict):
    kind: str
    text: str
    suggestion: Optional[str]
    edit: Optional[str]  # condition or key
    pattern: Optional[str]

class Field(TypedDict, total=False):
    path: str
    status: str  # matched, failed or missing
    pattern: Place
    explanation: str
    hints: List[Hint]
    # matched, absent-as-required, missing, not-a-leaf, no-condition-met, array-conflict
    outcome: str
    condition: str  # matched
    value: Value  # matched, array-conflict
    holds: str  # not-a-leaf
    values: List[Value]  # no-condition-met
    conflicts_with: str  # array-conflict

class Delivery(TypedDict):
    kind: str
    text: str
    doc: str

class Trace(TypedDict):
    """The engine's trace report, as the CLI's ``--json`` and the npm package give it."""

    matched: bool
    alternative: int
    alternatives: int
    fields: List[Field]
    inactive: List[str]
    delivery: List[Delivery]

class Note(TypedDict):
    line: int
    column: int
    note: str
    suggestion: Optional[str]
    kind: str
    start: int
    end: int
    pattern: Optional[str]

class Pattern:
    """A valid, compiled pattern; raises ``PatternError`` if AWS would reject it."""

    def __init__(self, pattern: Json) -> None: ...
    @property
    def text(self) -> str: ...
    def matches(self, event: Json) -> bool: ...
    def matches_many(self, events: Iterable[Json]) -> List[bool]: ...
    def explain(self, event: Json) -> Trace: ...
    def lint(self) -> List[Note]: ...
    def example(self) -> Optional[str]: ...

class RuleSet:
    """Named patterns matched together; an invalid one raises ``PatternError`` (``.rule`` set)."""

    def __init__(self, rules: Mapping[str, PatternLike]) -> None: ...
    def matching(self, event: Json) -> List[str]: ...
    def matching_many(self, events: Iterable[Json]) -> List[List[str]]: ...
    def names(self) -> List[str]: ...
    def __len__(self) -> int: ...
    def __contains__(self, name: str) -> bool: ...

class Endpoint:
    """AWS's ``TestEventPattern`` API on 127.0.0.1 (``eventpattern.testing``); port 0 picks a free port."""

    def __init__(self, port: int = 0) -> None: ...
    @property
    def url(self) -> str: ...
    @property
    def port(self) -> int: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def __enter__(self) -> "Endpoint": ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> bool: ...

def matches(pattern: PatternLike, event: Json) -> bool: ...
def matches_many(pattern: PatternLike, events: Iterable[Json]) -> List[bool]: ...
def validate(pattern: PatternLike) -> None: ...
def explain(pattern: PatternLike, event: Json) -> Trace: ...
def lint(pattern: PatternLike) -> List[Note]: ...
def example(pattern: PatternLike) -> Optional[str]: ...
def wrap_cloudtrail(record: Json) -> str: ...
def split_events(data: Union[str, bytes, bytearray], wrap: bool = True) -> List[str]: ...
