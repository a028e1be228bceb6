"""The same fact, different figures: casualty counts and dates of one named event.

A figure is only comparable when its sentence ties it to an event with confidence: a
casualty count ("killed 149 people", "claimed 149 lives", "a death toll of 149") in a
sentence that also gives the event's date and names it. The date must be a full date,
or a month with a multi-word proper name ("the Riverside Mall bombing in May
2021"); a month and a city alone fit many incidents. Tolls of events still unfolding
change from article to article, so an event is compared only when it happened well
before both articles, and hedged counts ("at least 60") are never compared.

An event's date is compared only when the date is written right next to the event's
name ("the Riverside Mall bombing on 3 May 2021", "the 3 May 2021 Riverside Mall
bombing"), the name has two or more capitalised words, and the day is given; two
articles then disagree when they put the same named event of one year on other days.

Figures are indexed by (measure, event date, anchor name): O(F) for F figures plus the
figures sharing one key.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from functools import cache
from typing import Iterator, Sequence

import ahocorasick_rs

from linter.consistency.summary import Figure
from linter.document import Document
from linter.names import piece

#: Days an event must lie before an article for its toll to count as settled.
SETTLED_DAYS = 14
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_HEDGE = re.compile(r"(?:at least|more than|over|nearly|almost|about|around|some|up to|roughly|approximately|"
                    r"an estimated|as many as|dozens|hundreds|thousands|fewer than|less than)\s+$", re.I)
_FIGURE = re.compile(
    rf"\b(?:(?P<n1>{_NUMBER})\s+(?:(?:people|persons|civilians|soldiers|troops|residents|workers|"
    rf"passengers|children|others)\s+)?(?:(?:were|have been|had been)\s+)?(?P<m1>killed|dead|died|lives|deaths|"
    rf"fatalities|injured|wounded)"
    rf"|(?P<m2>killed|killing|claimed|claiming|death toll (?:of|rose to|reached|stands at|at)|injuring|wounding)"
    rf"\s+(?:(?:at least|more than|over|nearly|about|some)\s+)?(?P<n2>{_NUMBER})\b)", re.I)
#: Cheap prefilter on the lower-case view: most articles report no casualties. Searched
#: by one Aho-Corasick pass (a regex scan of the whole article costs several times more).
_KEYWORDS = ("kill", "dead", "died", "lives", "deaths", "fatalit", "injur", "wound", "toll")
_DATE = re.compile(rf"\b(?:(?P<d1>\d{{1,2}})\s+)?(?P<month>{_MONTH})\s+(?:(?P<d2>\d{{1,2}}),?\s+)?(?P<year>(?:19|20)\d{{2}})\b")
_PROPER = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b")


_EVENT = (r"(?:attack|attacks|bombing|bombings|shooting|massacre|earthquake|crash|explosion|blast|fire|floods?|"
          r"summit|election|referendum|coup|siege|raid|hijacking|landslide|storm|hurricane|cyclone|typhoon|tsunami)")
#: The words ``_EVENT`` matches ("floods?" is "flood" and "floods").
_EVENT_WORDS = frozenset(w for alt in _EVENT[3:-1].split("|")
                         for w in ((alt[:-2], alt[:-1]) if alt.endswith("s?") else (alt,)))
_EVENT_NAME = r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+)"
#: Full dates first: they are rare, so the event patterns only run next to one. A date
#: starts at its month name or up to three characters before it ("3 May", "13 May").
_FULL_DATE = re.compile(rf"(?:\d{{1,2}} {_MONTH},? |{_MONTH} \d{{1,2}}, )(?:19|20)\d\d\b")
_MONTH_NAMES = tuple(m.title() for m in _MONTHS)
_DIGIT = re.compile(r"\d")
_NAME_BEFORE_DATE = re.compile(rf"{_EVENT_NAME} (?P<noun>{_EVENT}) (?:on|of) $")
_NAME_AFTER_DATE = re.compile(rf" {_EVENT_NAME} (?P<noun>{_EVENT})\b")


def _measure(word: str) -> str:
    return "injured" if word.lower() in ("injured", "wounded", "injuring", "wounding") else "deaths"


def extract(doc: Document) -> Iterator[Figure]:
    """Casualty figures with their event date and anchors, and dates of named events."""
    text = doc.folded
    # One pass over the lower-case view finds the casualty words and the month names;
    # ``norm`` has ``folded``'s offsets, so a month counts where ``folded`` capitalises it.
    keywords: list[int] = []
    months: list[int] = []
    for number, at, _ in _automaton(_KEYWORDS + _MONTHS).find_matches_as_indexes(doc.norm, overlapping=True):
        if number < len(_KEYWORDS):
            keywords.append(at)
        elif text.startswith(_MONTH_NAMES[number - len(_KEYWORDS)], at):
            months.append(at)
    sentences = sorted({s for at in keywords if (s := doc.sentence_at(at))})
    for a, b in sentences:
        yield from _figures_in(doc, text, a, b)
    yield from _event_dates(doc, text, months)


@cache
def _automaton(words: tuple[str, ...]) -> ahocorasick_rs.AhoCorasick:
    return ahocorasick_rs.AhoCorasick(list(words))


def _occurrences(text: str, words: tuple[str, ...]) -> list[int]:
    """Every offset where one of ``words`` starts (overlaps included)."""
    return [start for _, start, _ in _automaton(words).find_matches_as_indexes(text, overlapping=True)]


def _full_dates(text: str, months: list[int] | None = None) -> Iterator[re.Match[str]]:
    """For each year that ends a full date, the date starting furthest left - found
    where a month name is written, not by scanning the text for years.

    A date holds no other year and no other date, so ordered by start the dates are
    ordered by end, and dates ending at one year come together.
    """
    if months is None:  # where a month name is written
        months = _occurrences(text, _MONTH_NAMES)
    # A date has a digit two characters before its month ("3 May", "13 May") or within
    # the few after it ("May 3,"): most month names have neither and are not tried.
    starts = sorted({s for at in months
                     if (at >= 2 and _DIGIT.match(text, at - 2)) or _DIGIT.search(text, at + 4, at + 11)
                     for s in (at - 3, at - 2, at) if s >= 0})
    end = 0
    for start in starts:
        date = _FULL_DATE.match(text, start)
        if date is not None and date.end() > end:
            end = date.end()
            yield date


def _figures_in(doc: Document, text: str, a: int, b: int) -> Iterator[Figure]:
    for m in _FIGURE.finditer(text, a, b):
        number = m.group("n1") or m.group("n2")
        word = m.group("m1") or m.group("m2")
        start = m.start("n1") if m.group("n1") else m.start("n2")
        end = start + len(number)
        dated = _DATE.search(text, a, b)
        if dated is None:
            continue
        day = dated.group("d1") or dated.group("d2")
        month = _MONTHS.index(dated.group("month").lower()) + 1
        when = f"{dated.group('year')}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        anchors = tuple(sorted({" ".join(p.lower().split()) for p in _PROPER.findall(text, a, b)
                                if p.split()[0].lower() not in _MONTHS}))
        if not anchors:
            continue
        exact = not _HEDGE.search(text, max(a, start - 20), start) and not re.match(r"\S*\s*(?:or more|\+)", text[end:end + 10])
        yield Figure(_measure(word), float(number.replace(",", "")), exact, when, bool(day), anchors,
                     piece(doc, start, end))


def _event_dates(doc: Document, text: str, months: list[int] | None = None) -> Iterator[Figure]:
    """"the Riverside Mall bombing on 3 May 2021": the day a named event happened
    (``months``: where month names start in ``text``, if known)."""
    for date in _full_dates(text, months):
        # The name-first form ends in " on " or " of " right before the date.
        at = date.start()
        named = ((text.startswith((" on ", " of "), max(0, at - 4), at)
                  # the word before " on " must be an event noun: one word read, not a
                  # regex tried at each of the 80 characters before the date
                  and text[text.rfind(" ", 0, at - 4) + 1:at - 4] in _EVENT_WORDS
                  and _NAME_BEFORE_DATE.search(text, max(0, at - 80), at))
                 or _NAME_AFTER_DATE.match(text, date.end()))
        if named is None:
            continue
        words = named.group("name").split()
        while words and words[0].lower() in ("the", "a", "an", "this", "that", "last"):
            words = words[1:]
        if len(words) < 2 or words[0].lower() in _MONTHS:
            continue
        day = _DATE.fullmatch(date.group().replace(",", ""))
        if day is None:
            continue
        try:
            when = dt.date(int(day.group("year")), _MONTHS.index(day.group("month").lower()) + 1,
                           int(day.group("d1") or day.group("d2")))
        except ValueError:
            continue
        noun = named.group("noun").lower().rstrip("s")
        anchor = " ".join(w.lower() for w in words) + " " + noun
        yield Figure(f"as the date of the {noun}", float(when.toordinal()), True, str(when.year), True,
                     (anchor,), piece(doc, date.start(), date.end()))


def _settled(figure: Figure, article: dt.date | None) -> bool:
    if article is None:
        return False
    parts = [int(p) for p in figure.when.split("-")]
    if len(parts) == 1:  # an event date: the figure is the date itself
        event = dt.date.fromordinal(int(figure.value))
    else:
        event = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 28)
    return (article - event).days >= SETTLED_DAYS


def conflicts(rows: Sequence[tuple[Sequence[Figure], dt.date | None, dt.date | None]], max_days: int | None
              ) -> Iterator[tuple[int, Figure, list[tuple[int, Figure]]]]:
    """Yield ``(article, minority_figure, [(article, majority_figure), ...])``.

    Each row is (figures, earliest possible date, publication date if known): the first
    decides whether the event is settled, the second the ``max_days`` window.
    """
    index: dict[tuple[str, str, str], list[tuple[int, Figure]]] = defaultdict(list)
    for article, (found, date, _) in enumerate(rows):
        for figure in found:
            if not figure.exact or not _settled(figure, date):
                continue
            anchors = figure.anchors if figure.day_precise else [a for a in figure.anchors if " " in a or "-" in a]
            for anchor in anchors:
                index[(figure.measure, figure.when, anchor)].append((article, figure))
    reported: set[tuple[int, int]] = set()
    for group in index.values():
        values: dict[int, set[float]] = defaultdict(set)
        for article, figure in group:
            values[article].add(figure.value)
        single = {a: next(iter(v)) for a, v in values.items() if len(v) == 1}
        if len(single) < 3:
            continue
        counts = Counter(single.values())
        (top, top_count), *rest = counts.most_common()
        if top_count < 2 or (rest and rest[0][1] == top_count):
            continue
        for article, figure in group:
            value = single.get(article)
            if value is None or value == top or (article, figure.span.start) in reported:
                continue
            majority = [(j, f) for j, f in group if single.get(j) == top
                        and (max_days is None or rows[j][2] is None or rows[article][2] is None
                             or abs((rows[j][2] - rows[article][2]).days) <= max_days)]
            if len({j for j, _ in majority}) < 2:
                continue
            reported.add((article, figure.span.start))
            yield article, figure, majority
