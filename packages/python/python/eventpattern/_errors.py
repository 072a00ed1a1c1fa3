"""The package's exceptions, raised by the native module with the engine's details."""

from typing import List, Optional, Union


class PatternError(ValueError):
    """A pattern AWS rejects. ``str(e)`` is AWS's whole message
    (``Event pattern is not valid. Reason: …``); ``reason`` is the part after ``Reason:``.

    ``line`` and ``column`` count from 1, the column in characters of the pattern text
    (for a dict, of its compact JSON); ``path`` is where in the pattern, e.g.
    ``["detail", "state", 0, "prefix"]``; ``kind`` is a stable kebab-case name
    (``"operand-invalid"``); ``rule`` names the ``RuleSet`` rule it belongs to.
    """

    def __init__(
        self,
        message: str,
        *,
        reason: str,
        kind: str,
        line: int,
        column: int,
        path: List[Union[str, int]],
        rule: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.kind = kind
        self.line = line
        self.column = column
        self.path = path
        self.rule = rule

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Keyword-only arguments: pickle (multiprocessing, Spark) needs them spelt out.
        fields = dict(
            reason=self.reason,
            kind=self.kind,
            line=self.line,
            column=self.column,
            path=self.path,
            rule=self.rule,
        )
        return (_rebuild, (PatternError, str(self), fields))


class EventError(ValueError):
    """An event that cannot be read (not JSON, or not an object). ``line`` and
    ``column`` count from 1 (characters; ``split_events`` knows only the line,
    its column is None); ``index`` is the event's position in a batch
    (``matches_many``, ``RuleSet.matching_many``), else None."""

    def __init__(
        self,
        message: str,
        *,
        line: int,
        column: Optional[int],
        index: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.index = index

    def __reduce__(self):  # type: ignore[no-untyped-def]
        fields = dict(line=self.line, column=self.column, index=self.index)
        return (_rebuild, (EventError, str(self), fields))


def _rebuild(cls, message, fields):  # type: ignore[no-untyped-def]
    return cls(message, **fields)
