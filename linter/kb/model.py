"""Records of the officeholder knowledge base.

Dates may be given to the day, the month or only the year: a fact known to the year is
still a fact. Each date keeps its earliest and latest possible day, and every check
reads them generously (a term starts at its earliest day and ends at its latest), so a
coarse date can only silence a finding, never create one.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FuzzyDate:
    """A day, month or year, as the earliest and latest day it may stand for."""

    earliest: dt.date
    latest: dt.date
    text: str

    @classmethod
    def parse(cls, value: object) -> FuzzyDate:
        """Read ``2024-12-01``, ``2024-12`` or ``2024``; raise ``ValueError`` otherwise."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value, value, value.isoformat())
        text = str(value).strip()
        parts = text.split("-")
        if not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or len(parts) > 3:
            raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)")
        year = int(parts[0])
        if len(parts) == 1:
            return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), text)
        month = int(parts[1])
        if len(parts) == 2:
            first = dt.date(year, month, 1)
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            return cls(first, nxt - dt.timedelta(days=1), text)
        day = dt.date(year, month, int(parts[2]))
        return cls(day, day, day.isoformat())


@dataclass(frozen=True)
class Term:
    """One holder's time in one office; ``end`` is None while the term runs."""

    office: str
    name: str
    aliases: tuple[str, ...]
    surnames: tuple[str, ...]
    start: FuzzyDate
    end: FuzzyDate | None
    source: str
    file: str
    line: int

    def overlaps(self, first: dt.date, last: dt.date, grace: int = 0) -> bool:
        """True when the term may include some day of ``[first, last]``."""
        pad = dt.timedelta(days=grace)
        start = self.start.earliest - pad
        end = self.end.latest + pad if self.end else dt.date.max
        return start <= last and first <= end

    def span_text(self) -> str:
        return f"{self.start.text} to {self.end.text}" if self.end else f"since {self.start.text}"


@dataclass
class Office:
    """An office, the place or organisation it belongs to, its titles and holders."""

    id: str
    place: str
    name: str
    titles: tuple[str, ...]
    complete: bool
    source: str
    file: str
    line: int
    #: With ``complete``: the last day the holder list is known to be complete.
    complete_until: dt.date | None = None
    #: Several holders at once (spokespersons): overlapping terms are expected.
    concurrent: bool = False
    #: Writers use its titles without a country ("Foreign Ministry spokesperson"): an
    #: unknown name may take the place the sentence and paragraph name.
    place_from_context: bool = False
    terms: list[Term] = field(default_factory=list)

    def holders_between(self, first: dt.date, last: dt.date) -> list[Term]:
        """Terms that include some day of ``[first, last]``, oldest first."""
        return sorted((t for t in self.terms if t.overlaps(first, last)), key=lambda t: t.start.earliest)


@dataclass(frozen=True)
class Place:
    """A country or organisation and the words that name it ("Russia", "Russian", "Moscow")."""

    id: str
    name: str
    words: tuple[str, ...]


@dataclass
class KnowledgeBase:
    """All places and offices, with the files they came from."""

    places: dict[str, Place] = field(default_factory=dict)
    offices: dict[str, Office] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def person_key(name: str) -> str:
    """One key per person across offices and spellings of accents and case."""
    return " ".join(ascii_fold(name).lower().replace(".", "").split())


def ascii_fold(text: str) -> str:
    """Strip accents ("António" -> "Antonio") so both spellings match."""
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
