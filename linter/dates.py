"""Work out each article's reference date, and say where it came from.

Order of trust: ``--date`` > front matter ``date`` > a dateline or "Published" line near
the top > the latest full date the text reports as past (a lower bound: the article
was written on or after it) > the latest past month ("in April 2025": a lower bound at
the first of that month, source ``text-month``) > the config's default date > unknown.
Dates inside future-tense context ("by July 1, 2030", "will ... on", "June 2026 is
the deadline") are not evidence.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}


def _stem(names: list[str]) -> str:
    """One month's names as a chain of optional suffixes, longest tried first.

    ``sep``, ``sept``, ``september`` -> ``sep(?:t(?:ember)?)?``: it matches what an
    alternation of the names sorted longest first matches, in the same order, but a
    word that starts no month fails at its first letter instead of at each of the
    23 names.
    """
    names = sorted(names, key=len)
    tail = ""
    for shorter, longer in zip(reversed(names[:-1]), reversed(names[1:])):
        if not longer.startswith(shorter):
            raise ValueError(f"month names '{shorter}' and '{longer}' do not share a stem")
        tail = f"(?:{re.escape(longer[len(shorter):])}{tail})?"
    return re.escape(names[0]) + tail


_MONTH_NAMES = "|".join(_stem([n for n, v in MONTHS.items() if v == month]) for month in range(1, 13))
#: A date or month starts with a digit or a month's first letter: checked first, this
#: lets the scan pass every other word start at once (dates were ~0.35 ms per 5 KB).
_DATE_START = r"(?=[\dadfjmnos])"


# The standard ``re`` wants a distinct name per group, so the day-first alternative
# tags its groups with "2"; it scans text about twice as fast as the ``regex`` module.
def _month(tag: str = "") -> str:
    return rf"(?P<month{tag}>{_MONTH_NAMES})\.?"


def _day(tag: str = "") -> str:
    return rf"(?P<day{tag}>[0-3]?\d)(?:st|nd|rd|th)?"


def _year(tag: str = "") -> str:
    return rf"(?P<year{tag}>(?:19|20)\d\d)"


FULL_DATE = re.compile(
    rf"(?i)(?<![\w-]){_DATE_START}(?:{_month()}\s+{_day()},?\s*{_year()}|{_day('2')}\s+(?:of\s+)?{_month('2')},?\s+{_year('2')}|"
    r"(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))(?!\d)"
)
MONTH_YEAR = re.compile(rf"(?i)(?<![\w-]){_DATE_START}{_month()}\s+(?:of\s+)?{_year()}(?!\d)")
_DATELINE_PREFIX = re.compile(
    r"(?i)^\W*(?:published|posted|updated|last updated|first published|date|dateline)\b[:\s-]*"
)
# A news dateline: a place in capitals, optional agency, then the date and a dash or
# comma ("NEW DELHI, March 2, 2023 —", "LONDON (Reuters), 3 May 2024 -").
_DATELINE_PLACE = re.compile(r"^[A-Z][A-Z .'\-]{1,40}(?:,\s*[A-Z][A-Za-z .]{1,30})?(?:\s*\([^)]{1,30}\))?\s*[,:]?\s*$")
_FUTURE_AFTER = re.compile(
    r"(?i)^[^.!?]{0,25}?\b(?:will|is expected|are expected|is scheduled|are scheduled|is due|deadline|target|is set to|are set to)\b"
)
_FUTURE_CUE = re.compile(
    r"(?i)\b(?:will|would|shall|by|until|till|before|scheduled|expected|planned|due|next|upcoming|deadline|set to|aims? to|from now)\b[^.!?]{0,40}$"
)


@dataclass(frozen=True)
class DateFound:
    """A date in the text and where it is."""

    date: dt.date
    start: int
    end: int
    full: bool


def iter_dates(text: str) -> Iterator[DateFound]:
    """Full dates (day, month, year) in ``text``; invalid calendar dates are skipped."""
    for m in FULL_DATE.finditer(text):
        try:
            if m.group("iy"):
                value = dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
            else:
                month = MONTHS[(m.group("month") or m.group("month2")).lower()]
                value = dt.date(int(m.group("year") or m.group("year2")), month,
                                int(m.group("day") or m.group("day2")))
        except ValueError:
            continue
        yield DateFound(value, m.start(), m.end(), True)


def iter_month_years(text: str) -> Iterator[DateFound]:
    for m in MONTH_YEAR.finditer(text):
        yield DateFound(dt.date(int(m.group("year")), MONTHS[m.group("month").lower()], 1), m.start(), m.end(), False)


def dateline(text: str, lines: int = 4) -> dt.date | None:
    """A date that opens one of the first non-empty lines, or follows "Published:"."""
    seen = 0
    for raw in _head_lines(text, lines):
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > lines:
            break
        body = _DATELINE_PREFIX.sub("", line)
        prefixed = body != line
        for found in iter_dates(body):
            placed = bool(_DATELINE_PLACE.match(body[:found.start]))
            if found.start == 0 or prefixed or placed or (len(line) <= 80 and not line.endswith(".")):
                return found.date
            break
    return None


def _head_lines(text: str, count: int, head: int = 2000) -> list[str]:
    """``text.splitlines()``, or a prefix of it that holds ``count`` non-blank lines.

    Splitting only the first ``head`` characters spares splitting a whole article to
    read its first lines; the last piece of the cut may be a partial line (or half of a
    ``\r\n``), so it is dropped, and too few lines left means splitting everything.
    """
    if len(text) > head:
        lines = text[:head].splitlines()[:-1]
        if sum(1 for line in lines if line and not line.isspace()) >= count:
            return lines
    return text.splitlines()


def is_future_context(text: str, start: int, end: int | None = None) -> bool:
    """True when the words just before ``start`` (or just after ``end``) put the date in the future."""
    # The window stops at a sentence end or a line break: a byline ("By Jane Doe") on
    # the line above a dateline is not the preposition "by".
    window = text[max(0, text.rfind(".", 0, start) + 1, text.rfind("\n", 0, start) + 1, start - 60):start]
    if _FUTURE_CUE.search(window):
        return True
    return end is not None and bool(_FUTURE_AFTER.match(text, end))


def latest_past_date(text: str, today: dt.date) -> dt.date | None:
    """The latest full date the text reports as past (a lower bound on its date)."""
    best: dt.date | None = None
    for found in iter_dates(text):
        if found.date > today or is_future_context(text, found.start, found.end):
            continue
        if best is None or found.date > best:
            best = found.date
    return best


def latest_past_month(text: str, today: dt.date) -> dt.date | None:
    """The first day of the latest month ("April 2025") the text reports as past.

    A weaker lower bound than a full date, used only when there is none: an article
    that reports what happened in April 2025 was written on or after 1 April 2025.
    """
    best: dt.date | None = None
    for found in iter_month_years(text):
        if not text[found.start].isupper():
            continue  # "it may 2030" is no month; real month names are capitalised
        if found.date > today or is_future_context(text, found.start, found.end):
            continue
        if best is None or found.date > best:
            best = found.date
    return best


def resolve(text: str, *, option: dt.date | None, front_matter: object, default: dt.date | None,
            today: dt.date) -> tuple[dt.date | None, str, bool]:
    """Return ``(date, source, is_lower_bound)`` for an article."""
    if option is not None:
        return option, "option", False
    if front_matter is not None:
        if isinstance(front_matter, dt.datetime):
            return front_matter.date(), "front-matter", False
        if isinstance(front_matter, dt.date):
            return front_matter, "front-matter", False
        found = next(iter_dates(str(front_matter)), None)
        if found:
            return found.date, "front-matter", False
        try:
            return dt.date.fromisoformat(str(front_matter)[:10]), "front-matter", False
        except ValueError:
            raise ValueError(f"front matter date '{front_matter}' is not a date (use YYYY-MM-DD)") from None
    found_line = dateline(text)
    if found_line is not None:
        return found_line, "dateline", False
    latest = latest_past_date(text, today)
    if latest is not None:
        return latest, "text", True
    month = latest_past_month(text, today)
    if month is not None:
        return month, "text-month", True
    if default is not None:
        return default, "config", False
    return None, "unknown", False


_BARE_YEAR = re.compile(r"(?<![\d$€£.,/-])\b(?P<year>(?:19|20)\d\d)\b(?![\d%/-])")
_BARE_MONTH = re.compile(rf"(?<![\w-]){_month()}(?:\s+{_day()})?(?![\w,]*\s*,?\s*(?:19|20)\d\d)(?!\w)", re.I)
_RELATIVE = {
    "last year": "last-year", "a year ago": "last-year", "the previous year": "last-year",
    "earlier this year": "this-year", "this year": "this-year",
}
_RELATIVE_RE = re.compile(r"(?i)\b(?:" + "|".join(_RELATIVE) + r")\b")


def time_ranges(text: str, ref: dt.date) -> list[tuple[dt.date, dt.date, str]]:
    """The periods a sentence names, as ``(first, last, label)`` ranges.

    Full dates, months with a year, bare years, month names without a year (read as
    the latest such month not after ``ref``) and "last year" / "earlier this year".
    Used to judge a sentence by its own time ("In 2022, Secretary ... said") rather
    than by the article's date.
    """
    out: list[tuple[dt.date, dt.date, str]] = []
    taken: list[tuple[int, int]] = []
    for found in iter_dates(text):
        out.append((found.date, found.date, found.date.isoformat()))
        taken.append((found.start, found.end))
    for found in iter_month_years(text):
        if any(a <= found.start < b for a, b in taken) or not text[found.start].isupper():
            continue
        last = _month_end(found.date)
        out.append((found.date, last, found.date.strftime("%B %Y")))
        taken.append((found.start, found.end))
    for m in _BARE_YEAR.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        year = int(m.group("year"))
        out.append((dt.date(year, 1, 1), dt.date(year, 12, 31), str(year)))
    for m in _BARE_MONTH.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or not text[m.start()].isupper():
            continue
        if m.group("month").lower() == "may" and not m.group("day"):
            continue  # "May" is as often a verb as a month
        month = MONTHS[m.group("month").lower()]
        year = ref.year if month <= ref.month else ref.year - 1
        first = dt.date(year, month, 1)
        out.append((first, _month_end(first), first.strftime("%B %Y")))
    for m in _RELATIVE_RE.finditer(text):
        kind = _RELATIVE[m.group().lower()]
        year = ref.year - 1 if kind == "last-year" else ref.year
        out.append((dt.date(year, 1, 1), dt.date(year, 12, 31) if kind == "last-year" else ref, m.group()))
    return out


def _month_end(first: dt.date) -> dt.date:
    nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)
