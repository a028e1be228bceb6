"""What every detector type provides, and the one way to build a finding.

A detector type is a class registered under a ``type:`` name. The loader calls
``prepare(rule)`` once per rule (validate its keys, compile patterns; raise
``FieldError`` naming the bad key), then builds one detector instance with all its
rules, so a type can compile them together (one automaton for all phrases).
Corpus-level types (cross-article checks) also implement ``extract``/``check_corpus``.
"""
from __future__ import annotations

import string
from functools import lru_cache
from typing import Any, ClassVar, Iterable, Mapping, Protocol, Sequence

from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding, Related
from linter.rules import Rule

Prepared = tuple[Rule, Any]


class Detector:
    """Base class for detector types: one instance checks all rules of its type."""

    #: The ``type:`` value rules use to select this detector.
    name: ClassVar[str] = ""
    #: Type-specific YAML keys: name -> required?
    fields: ClassVar[Mapping[str, bool]] = {}
    #: True when the type also checks across articles (see ``extract``).
    corpus: ClassVar[bool] = False

    def __init__(self, rules: Sequence[Prepared]) -> None:
        self.rules = list(rules)

    @classmethod
    def prepare(cls, rule: Rule) -> Any:
        """Validate ``rule.options`` and return whatever ``check`` needs compiled."""
        return None

    def check(self, doc: Document) -> Iterable[Finding]:
        """Findings for one document."""
        return ()

    # Corpus-level hooks; only called when ``corpus`` is True.
    def extract(self, doc: Document) -> Any:
        """A small, picklable summary of ``doc`` for ``check_corpus``."""
        return None

    def check_corpus(self, items: Sequence[tuple[str, Any]]) -> Iterable[Finding]:
        """Findings across documents, from ``(path, extract)`` pairs."""
        return ()


class Locator(Protocol):
    """Anything that maps offsets to positions: a Document, or a corpus summary."""

    path: str

    def position(self, offset: int) -> tuple[int, int]: ...


class _Placeholders(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_FORMATTER = string.Formatter()


@lru_cache(maxsize=1024)
def _parsed(template: str) -> tuple[tuple[str, str | None, str, str | None], ...] | None:
    """``template`` split into (literal, field, format spec, conversion) once per message
    template - every finding of a rule shares it; parsing it per finding cost more than
    filling it. None when a field needs the full ``vformat`` (positional, attribute or
    index fields, nested specs, bad conversions) or the template does not parse."""
    try:
        parts = tuple(_FORMATTER.parse(template))
    except ValueError:
        return None
    for _, name, spec, conversion in parts:
        if name is not None and (not name.isidentifier() or "{" in spec or conversion not in (None, "r", "s", "a")):
            return None
    return parts  # type: ignore[return-value]


_CONVERT = {"r": repr, "s": str, "a": ascii}


def format_message(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``{placeholders}``; unknown ones stay as written rather than crash."""
    parts = _parsed(template)
    if parts is None:
        try:
            return _FORMATTER.vformat(template, (), _Placeholders(values))
        except (ValueError, IndexError, AttributeError):
            return template
    out = []
    try:
        for literal, name, spec, conversion in parts:
            if literal:
                out.append(literal)
            if name is not None:
                value = values[name] if name in values else "{" + name + "}"
                if conversion is not None:
                    value = _CONVERT[conversion](value)
                out.append(format(value, spec))
    except (ValueError, IndexError, AttributeError):
        return template
    return "".join(out)


def make_finding(
    rule: Rule,
    doc: Locator,
    start: int,
    end: int,
    *,
    match: str | None = None,
    suggestion: str | None = None,
    values: Mapping[str, Any] | None = None,
    related: Iterable[Related] = (),
    data: dict[str, Any] | None = None,
    fixable: bool | None = None,
) -> Finding:
    """Build a ``Finding`` for ``rule`` at ``[start, end)`` of ``doc``."""
    if match is None:
        text = getattr(doc, "text")
        match = text[start:end]
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    fill = {"match": match, "suggestion": suggestion or "", **(values or {})}
    return Finding(
        rule=rule.id,
        category=rule.category,
        level=rule.level,
        path=doc.path,
        start=start,
        end=end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        message=format_message(rule.message, fill),
        match=match,
        suggestion=suggestion,
        fixable=rule.fixable if fixable is None else fixable,
        related=tuple(related),
        data=data or {},
    )


def option(rule: Rule, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
    """Read an option of the right Python type or raise ``FieldError`` naming it."""
    if key not in rule.options:
        return default
    value = rule.options[key]
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        raise FieldError(key, f"'{key}' must be a number")
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise FieldError(key, f"'{key}' must be of type {names}")
    return value


def string_list(rule: Rule, key: str, *, required: bool = True) -> list[str]:
    """Read a list of non-empty strings (a single string is accepted as a list of one)."""
    value = rule.options.get(key)
    if value is None:
        if required:
            raise FieldError(key, f"'{key}' is required")
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise FieldError(key, f"'{key}' must be a non-empty list of strings")
    return value
