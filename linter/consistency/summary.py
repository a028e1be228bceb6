"""What one article leaves for the cross-article checks, and how findings point back.

Documents are gone when the corpus phase runs (they may even have been read in another
process), so each record keeps its text and position (``linter.names.Piece``) and
findings are placed with ``At`` instead of a ``Document``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Sequence

from linter.findings import Related
from linter.names import Piece, Title


class Person(NamedTuple):
    """A full name as one article writes it: every mention and every role given."""

    key: tuple[str, ...]
    spans: tuple[Piece, ...]
    titles: tuple[Title, ...]


class QuoteRecord(NamedTuple):
    """A quotation long enough to recognise elsewhere, with its speaker's surname."""

    span: Piece
    speaker: str | None
    #: The quote's prose (Markdown markup blanked) when it differs from ``span.text``.
    prose: str | None = None


class Figure(NamedTuple):
    """A number tied to a fact: what it counts, when, about what, and where it stands."""

    measure: str
    value: float
    exact: bool
    when: str
    day_precise: bool
    anchors: tuple[str, ...]
    span: Piece


class Summary(NamedTuple):
    """Everything the corpus checks need from one article."""

    date: str | None
    #: True when ``date`` is only the latest date the text mentions (a lower bound).
    date_is_lower_bound: bool = False
    people: tuple[Person, ...] = ()
    quotes: tuple[QuoteRecord, ...] = ()
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class At:
    """A stand-in for a document when building a finding: the path and one piece."""

    path: str
    piece: Piece

    @property
    def text(self) -> str:
        return self.piece.text

    def position(self, offset: int) -> tuple[int, int]:
        return self.piece.position(offset)


def related(path: str, span: Piece, message: str, start: int | None = None, end: int | None = None) -> Related:
    """A ``Related`` location for SARIF ``relatedLocations`` and the JSON report."""
    a = span.start if start is None else start
    b = span.end if end is None else end
    line, column = span.position(a)
    end_line, end_column = span.position(b)
    return Related(path, a, b, line, column, end_line, end_column, message)


def file_list(paths: Sequence[str], total: int | None = None, limit: int = 3) -> str:
    """"a.txt, b.txt and 2 more": the other articles, short enough for a message.

    ``paths`` may be just the first few of ``total`` articles.
    """
    names = [p.replace("\\", "/").rsplit("/", 1)[-1] for p in paths[:limit]]
    total = len(paths) if total is None else total
    if total <= len(names):
        return ", ".join(names)
    return f"{', '.join(names)} and {total - len(names)} more"
