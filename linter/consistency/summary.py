"""What one article leaves for the cross-article checks, and how findings point back.

Documents are gone when the corpus phase runs (they may even have been read in another
process), so each record keeps its text and position (``linter.names.Piece``) and
findings are placed with ``At`` instead of a ``Document``.

The parent process holds every article's summary until the corpus phase, so people and
quotes travel packed: plain tuples pickled to ``bytes``, about 2 KB an article instead
of ~12 KB of live objects. (Compressing the quotes would save a third of that, but zlib
costs ~25 us an article in the workers and ~8 us to inflate again in the serial corpus
phase.) A person's key is not stored: it is the folded words of its first
span. ``people_of``/``quotes_of`` unpack (and accept unpacked tuples, as tests build them).
"""
from __future__ import annotations

import pickle
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple, Sequence

from linter.findings import Related
from linter.names import Piece, Title, fold_name


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
    #: ``pack_people`` bytes (or the persons themselves).
    people: tuple[Person, ...] | bytes = ()
    #: ``pack_quotes`` bytes (or the records themselves).
    quotes: tuple[QuoteRecord, ...] | bytes = ()
    figures: tuple[Figure, ...] = ()


def _piece(p: Piece) -> tuple[int, int, int, str]:
    return p.start, p.line, p.column, p.text


def pack_people(persons: Sequence[Person]) -> bytes:
    """Persons as pickled plain tuples; b"" for none. Equal texts (a name mentioned
    twice, a title repeated) become one object, which pickle writes once."""
    if not persons:
        return b""
    same: dict[str, str] = {}

    def piece(p: Piece) -> tuple[int, int, int, str]:
        return p.start, p.line, p.column, same.setdefault(p.text, p.text)

    return pickle.dumps(tuple(
        (tuple(map(piece, person.spans)),
         tuple((t.head, t.distinguishing, t.qualifiers, t.affiliations, t.places, t.temporal, piece(t.span),
                t.kinds, same.setdefault(t.office, t.office)) for t in person.titles))
        for person in persons), protocol=pickle.HIGHEST_PROTOCOL)


def people_rows(data: tuple[Person, ...] | bytes) -> Sequence[Any]:
    """The persons ``pack_people`` packed, as plain tuples laid out like ``Person``
    (spans like ``Piece``, titles like ``Title``): cheap to unpack, read by position."""
    if not isinstance(data, bytes):
        return data
    if not data:
        return ()
    return [(_key(spans[0][3]), spans, titles)
            for spans, titles in pickle.loads(data)]  # noqa: S301 - our own worker's data


@lru_cache(maxsize=1 << 14)
def _key(name: str) -> tuple[str, ...]:
    """A person's key from the first span's text: one name recurs across many articles."""
    return tuple(map(fold_name, name.split(" ")))


def person(row: Any) -> Person:
    """A ``people_rows`` row as a ``Person``."""
    if isinstance(row, Person):
        return row
    key, spans, titles = row
    # ``_make`` builds a named tuple from a tuple without ``__new__``'s argument parsing.
    return Person(key, tuple(map(Piece._make, spans)),
                  tuple([Title._make((*t[:6], Piece._make(t[6]), *t[7:])) for t in titles]))


def people_of(data: tuple[Person, ...] | bytes) -> tuple[Person, ...]:
    """The persons ``pack_people`` packed."""
    return tuple(map(person, people_rows(data)))


def pack_quotes(records: Sequence[QuoteRecord]) -> bytes:
    """Quote records as pickled plain tuples; b"" for none."""
    if not records:
        return b""
    return pickle.dumps(tuple([(_piece(r.span), r.speaker, r.prose) for r in records]),
                        protocol=pickle.HIGHEST_PROTOCOL)


def quotes_of(data: tuple[QuoteRecord, ...] | bytes) -> Sequence[Any]:
    """The records ``pack_quotes`` packed, as plain tuples laid out like ``QuoteRecord``
    (the span like ``Piece``): read by position, ``Piece(*row[0])`` gives the span."""
    if not isinstance(data, bytes):
        return data
    if not data:
        return ()
    return pickle.loads(data)  # type: ignore[no-any-return]  # noqa: S301 - our own data


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
