"""The package's exceptions, raised by the native module with the engine's
error reports (the shape of the CLI's ``--json`` ``error`` and of the npm package)."""

from typing import Any, Dict, List, Optional, Union


class PatternError(ValueError):
    """A pattern AWS rejects. ``str(e)`` is AWS's whole message
    (``Event pattern is not valid. Reason: …``); ``reason`` is the part after ``Reason:``.

    ``line`` and ``column`` count from 1, the column in characters of the pattern text
    (for a dict, of its compact JSON); ``path`` is where in the pattern, e.g.
    ``["detail", "state", 0, "prefix"]``; ``kind`` is a stable kebab-case name
    (``"operand-invalid"``); ``plain`` says the error in one sentence; ``fixes`` are
    whole fixed patterns (``{"label", "pattern"}``, each checked valid); ``rule``
    names the ``RuleSet`` rule it belongs to.
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
        plain: str = "",
        fixes: Optional[List[Dict[str, str]]] = None,
        rule: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.kind = kind
        self.line = line
        self.column = column
        self.path = path
        self.plain = plain
        self.fixes = fixes if fixes is not None else []
        self.rule = rule

    @property
    def message(self) -> str:
        """AWS's whole message."""
        return str(self)

    def to_dict(self) -> Dict[str, Any]:
        """The error as the CLI's ``--json`` prints it under ``"error"``."""
        return {
            "reason": self.reason,
            "message": self.message,
            "kind": self.kind,
            "line": self.line,
            "column": self.column,
            "path": list(self.path),
            "plain": self.plain,
            "fixes": [dict(f) for f in self.fixes],
        }

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Keyword-only arguments: pickle (multiprocessing, Spark) needs them spelt out.
        fields = self.to_dict()
        del fields["message"]
        fields["rule"] = self.rule
        return (_rebuild, (PatternError, str(self), fields))


class EventError(ValueError):
    """An event that cannot be read (not JSON, or not an object). ``line`` and
    ``column`` count from 1 (characters; ``split_events`` knows only the line,
    its column is None); ``plain`` says it in one sentence; ``index`` is the
    event's position in a batch (``matches_many``, ``RuleSet.matching_many``),
    else None."""

    def __init__(
        self,
        message: str,
        *,
        line: int,
        column: Optional[int],
        plain: str = "",
        index: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.plain = plain
        self.index = index

    @property
    def reason(self) -> str:
        """The reader's reason (as AWS reports it)."""
        return str(self)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        fields = dict(line=self.line, column=self.column, plain=self.plain, index=self.index)
        return (_rebuild, (EventError, str(self), fields))


def _rebuild(cls, message, fields):  # type: ignore[no-untyped-def]
    return cls(message, **fields)
