"""The one exception type users ever see, turned into a message in cli.py only."""

from __future__ import annotations


class ClaimcheckError(Exception):
    """A problem with the user's input, configuration or environment.

    Rendered as ``path:line:col: message`` (the parts that are known), exit code 2.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.path, self.line, self.column) if p is not None)
        one_line = " ".join(self.message.split())
        return f"{where}: {one_line}" if where else one_line
