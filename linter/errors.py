"""User-facing errors: each becomes one line on stderr and exit code 2, never a traceback."""
from __future__ import annotations


class ContentlintError(Exception):
    """A problem with the user's input (files, rules, config) that stops the run."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.render())

    def render(self) -> str:
        """Return ``path:line: message`` with whichever parts are known."""
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return f"{where}{self.message}"


class RuleError(ContentlintError):
    """A malformed rule pack: bad YAML, unknown type, missing field, bad regex, duplicate id."""


class ConfigError(ContentlintError):
    """A malformed configuration file or option."""


class FieldError(Exception):
    """Raised by a detector while validating one rule; the loader adds file and line.

    ``field`` names the offending key so the loader can point at its line.
    """

    def __init__(self, field: str | None, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)
