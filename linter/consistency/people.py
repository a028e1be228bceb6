"""Names and titles that disagree: across articles, and within one.

Cross-article checks index people by blocking keys, never comparing every article with
every other:

* name variants: key = (surname skeleton or first four letters, first initial, title
  head, affiliation). Two
  spellings meet only when they share a surname sound, an initial and a role ("the
  Kenyan ambassador"), so two namesakes in different roles never meet.
* title conflicts: key = the full name; each name's titles are compared among
  themselves.

Cost: O(M) to index M person records, plus the pairs inside each block, which stay
small because a block needs the same surname, initial, office and country; blocks
larger than ``MAX_BLOCK`` names are skipped rather than compared quadratically.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from typing import Any, Callable, Iterable, Iterator, Sequence

from rapidfuzz.distance import Indel

from linter.consistency.summary import Person
from linter.names import Mention, Piece, Title, skeleton

MAX_BLOCK = 60
#: Given-name similarity (rapidfuzz normalised Indel) for a spelling variant.
GIVEN_SIMILARITY = 0.6
#: Stricter similarity inside one article, where no role has to agree.
SPELLING_SIMILARITY = 0.8
#: For two spellings of one sound (same skeleton): "Mottaki"/"Muttaqi" pass at 0.71,
#: the different names "Hassan"/"Hussein" (0.62) do not.
SOUND_SIMILARITY = 0.7


def persons(mentions: Sequence[Mention]) -> tuple[Person, ...]:
    """Group an article's mentions by full name; titled surname-only mentions
    ("Ambassador X") join the one full name with that surname."""
    spans: dict[tuple[str, ...], list[Piece]] = defaultdict(list)
    titles: dict[tuple[str, ...], list[Title]] = defaultdict(list)
    for m in mentions:
        if len(m.key) >= 2:
            spans[m.key].append(m.span)
            if m.title is not None:
                titles[m.key].append(m.title)
    by_surname: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in spans:
        by_surname[key[-1]].append(key)
    for m in mentions:
        if len(m.key) == 1 and m.title is not None and len(by_surname.get(m.key[0], ())) == 1:
            titles[by_surname[m.key[0]][0]].append(m.title)
    return tuple(Person(key, tuple(s), tuple(titles.get(key, ()))) for key, s in spans.items())


def is_variant(a: tuple[str, ...], b: tuple[str, ...], threshold: float = GIVEN_SIMILARITY) -> bool:
    """True when ``a`` and ``b`` spell one name differently ("Mohammed Abdi Farah"
    / "Mohamed Farah"), not when one is a short form of the other ("Mohammed Farah")."""
    if a == b:
        return False
    rest_a = Counter(a) - Counter(b)
    rest_b = Counter(b) - Counter(a)
    if not rest_a or not rest_b:
        return False  # one name's words all appear in the other: a short form
    if a[-1] != b[-1] and not _similar(a[-1], b[-1], max(threshold, SPELLING_SIMILARITY)):
        return False
    shorter, longer = sorted((list(rest_a.elements()), list(rest_b.elements())), key=len)
    return all(any(_similar(w, v, threshold) for v in longer) for w in shorter)


def _similar(a: str, b: str, threshold: float) -> bool:
    if len(a) < 2 or len(b) < 2 or a[0] != b[0]:
        return False
    if Indel.normalized_similarity(a, b) >= threshold:
        return True
    short, long_ = sorted((a, b), key=len)
    # "Gul" inside "Ghulam" is one name spelt two ways; "Dan" before "Daniel" is a short form.
    return len(short) >= 3 and not long_.startswith(short) and _subsequence(short, long_)


def _subsequence(short: str, long_: str) -> bool:
    letters = iter(long_)
    return all(ch in letters for ch in short)


# Positions of ``Title`` fields: the corpus phase reads titles as plain tuples laid out
# like ``Title`` (``linter.consistency.summary.people_rows``), so it reads by position.
_HEAD, _DISTINGUISHING, _QUALIFIERS, _AFFILIATIONS, _PLACES, _TEMPORAL = range(6)
_KINDS = 7


def role_keys(title: Title | tuple[Any, ...]) -> Iterator[tuple[str, str]]:
    """(office, country-or-destination) pairs: what makes two mentions the same role."""
    if title[_TEMPORAL]:
        return
    office = "+".join((*title[_DISTINGUISHING], title[_HEAD]))
    for aff in title[_AFFILIATIONS]:
        yield office, "of:" + aff
    for place in title[_PLACES]:
        yield office, "to:" + place


# ----- cross-article: spelling variants of one person's name ----------------------
class NameIndex:
    """Name variants, built one article at a time (the corpus phase reads each
    article's persons once and keeps only keys): ``add`` each article, then ``variants``.

    Most names and blocks occur once, so a single article or key is stored as itself
    and becomes a set only when a second one arrives.
    """

    def __init__(self) -> None:
        self.articles: dict[tuple[str, ...], int | set[int]] = {}
        self.blocks: dict[tuple[str, str, str, str], tuple[str, ...] | set[tuple[str, ...]]] = {}

    def add(self, index: int, people: Iterable[Person | tuple[Any, ...]]) -> None:
        """Index one article's persons (``Person``s or rows laid out like them)."""
        articles, blocks = self.articles, self.blocks
        for key, _, titles in people:
            _add(articles, key, index)
            for title in titles:
                for office, place in role_keys(title):
                    # Two keys per surname: its sound and its first letters, so both a
                    # transliteration ("Mottaki") and a dropped letter ("Kowalcyk") meet.
                    for surname in (skeleton(key[-1]), key[-1][:4]):
                        _add(blocks, (surname, key[0][:1], office, place), key)

    def _articles(self, key: tuple[str, ...]) -> set[int]:
        found = self.articles[key]
        return {found} if isinstance(found, int) else found

    def variants(self, people_of: Callable[[int], Sequence[Person]]
                 ) -> Iterator[tuple[int, Person, tuple[str, ...], list[int]]]:
        """Yield ``(article, person, majority_key, majority_articles)`` for minority
        spellings; ``people_of(article)`` gives an article's persons again."""

        def count(key: tuple[str, ...]) -> int:
            found = self.articles[key]
            return 1 if isinstance(found, int) else len(found)

        minority: dict[tuple[str, ...], tuple[str, ...]] = {}
        for keys in self.blocks.values():
            if isinstance(keys, tuple) or len(keys) > MAX_BLOCK:
                continue
            ordered = sorted(keys)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    if not is_variant(a, b):
                        continue
                    small, large = sorted((a, b), key=lambda k: (count(k), k))
                    if count(large) >= 2 and count(large) > count(small):
                        best = minority.get(small)
                        if best is None or count(large) > count(best):
                            minority[small] = large
        for small, large in minority.items():
            others = sorted(self._articles(large) - self._articles(small))
            for index in sorted(self._articles(small)):
                for person in people_of(index):
                    if person.key == small:
                        yield index, person, large, others


def name_variants(items: Sequence[tuple[str, Sequence[Person]]]) -> Iterator[tuple[int, Person, tuple[str, ...], list[int]]]:
    """Yield ``(article, person, majority_key, majority_articles)`` for minority spellings."""
    index = NameIndex()
    for i, (_, people) in enumerate(items):
        index.add(i, people)
    return index.variants(lambda i: items[i][1])


# ----- cross-article: one person, conflicting titles ------------------------------
def _overlap(a: Iterable[str], b: Iterable[str]) -> bool:
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


#: (head, rank words, kind words, portfolio words) of a title.
Office = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
#: One title given to one person: (article, office, the title's affiliations, the
#: person's and the title's position in the article's persons).
_Use = tuple[int, Office, tuple[str, ...], int, int]


def _office(title: Title | tuple[Any, ...]) -> Office:
    return title[_HEAD], title[_DISTINGUISHING], title[_KINDS], title[_QUALIFIERS]


def _compatible_offices(a: Office, b: Office) -> bool:
    """Same office: same head and rank words, kind words both absent or both present
    ("special" and "presidential" envoy combine), one portfolio containing the other
    ("Foreign Minister" and "Minister" agree; "Deputy Foreign Minister" does not)."""
    if a[0] != b[0] or a[1] != b[1] or bool(a[2]) != bool(b[2]):
        return False
    qa, qb = set(a[3]), set(b[3])
    return qa <= qb or qb <= qa


class TitleIndex:
    """Title conflicts, built one article at a time: ``add`` each article with its
    publication date, then ``conflicts``. Each title is kept as a small reference
    (offices and keys shared between articles); persons and titles are read again only
    for the findings."""

    def __init__(self) -> None:
        self.uses: dict[tuple[str, ...], list[_Use]] = defaultdict(list)
        self.dates: list[dt.date | None] = []
        self._shared: dict[Any, Any] = {}

    def add(self, index: int, people: Sequence[Person | tuple[Any, ...]], date: dt.date | None) -> None:
        """Index one article's persons (``Person``s or rows laid out like them)."""
        while len(self.dates) <= index:
            self.dates.append(None)
        self.dates[index] = date
        share = self._shared.setdefault
        for p, (key, _, titles) in enumerate(people):
            for t, title in enumerate(titles):
                if not title[_TEMPORAL]:
                    office = _office(title)
                    affiliations = title[_AFFILIATIONS]
                    self.uses[share(key, key)].append(
                        (index, share(office, office), share(affiliations, affiliations), p, t))

    def conflicts(self, people_of: Callable[[int], Sequence[Person]], max_days: int | None, limit: int = 5
                  ) -> Iterator[tuple[int, Person, Title, int, list[tuple[int, Title]]]]:
        """Yield ``(article, person, minority_title, majority_count, majority_uses)``, the
        uses being the first ``limit`` other articles with the majority title.

        A person's titles are grouped by office first, so a name in thousands of articles
        costs the square of its few distinct offices, not of its mentions.
        """
        dates = self.dates

        def title_of(use: _Use) -> Title:
            return people_of(use[0])[use[3]].titles[use[4]]

        for found in self.uses.values():
            by_office: dict[Office, list[_Use]] = defaultdict(list)
            for use in found:
                by_office[use[1]].append(use)
            if len(by_office) < 2:
                continue
            offices = list(by_office)
            articles = {o: {u[0] for u in by_office[o]} for o in offices}
            countries = {o: {a for u in by_office[o] for a in u[2]} for o in offices}
            support = {o: set().union(*(articles[q] for q in offices if _compatible_offices(o, q))) for o in offices}
            # Per rival office: its uses and compatible ones in order, their articles'
            # dates, and those dates sorted - so a use counts the rival's articles inside
            # its date window by bisection instead of filtering every use again.
            pools: dict[Office, tuple[list[_Use], dict[int, dt.date | None], list[int], int]] = {}
            flagged: set[tuple[int, str]] = set()
            for office in offices:
                own = len(support[office])
                rivals = sorted((q for q in offices if len(support[q]) >= 2 and len(support[q]) > own
                                 and not _compatible_offices(office, q)), key=lambda q: -len(support[q]))
                for use in by_office[office] if rivals else ():
                    index = use[0]
                    title = title_of(use)
                    marker = (index, title.describe().lower())
                    if marker in flagged:
                        continue
                    for rival in rivals:
                        if use[2] and countries[rival] and not _overlap(use[2], countries[rival]):
                            continue  # another country's official who shares the name
                        pool = pools.get(rival)
                        if pool is None:
                            uses = [u for q in offices if _compatible_offices(q, rival) for u in by_office[q]]
                            when_of = {u[0]: dates[u[0]] for u in uses}
                            known = sorted(d.toordinal() for d in when_of.values() if d is not None)
                            pool = pools[rival] = (uses, when_of, known, len(when_of) - len(known))
                        uses, when_of, known, undated = pool
                        when = dates[index] if max_days is not None else None
                        if when is None or max_days is None:
                            near_count = len(when_of)
                        else:  # undated articles are always near (see ``_close``)
                            day = when.toordinal()
                            near_count = undated + bisect_right(known, day + max_days) - bisect_left(known, day - max_days)
                        # The article itself is near its own date.
                        count = near_count - (index in when_of)
                        if count >= 2:
                            flagged.add(marker)
                            person = people_of(index)[use[3]]
                            near = (u for u in uses if _close(when, dates[u[0]], max_days))
                            yield index, person, title, count, [
                                (j, title_of(u)) for j, u in _first_per_article(near, index, limit)]
                            break


def title_conflicts(items: Sequence[tuple[str, Sequence[Person], dt.date | None]], max_days: int | None,
                    limit: int = 5) -> Iterator[tuple[int, Person, Title, int, list[tuple[int, Title]]]]:
    """Yield ``(article, person, minority_title, majority_count, majority_uses)`` (see
    ``TitleIndex.conflicts``)."""
    index = TitleIndex()
    for i, (_, people, date) in enumerate(items):
        index.add(i, people, date)
    return index.conflicts(lambda i: items[i][1], max_days, limit)


def _first_per_article(uses: Iterable[_Use], skip: int, limit: int) -> list[tuple[int, _Use]]:
    out: dict[int, _Use] = {}
    for u in uses:
        j = u[0]
        if j != skip and j not in out:
            out[j] = u
            if len(out) == limit:
                break
    return sorted(out.items(), key=lambda x: x[0])


def _close(a: dt.date | None, b: dt.date | None, max_days: int | None) -> bool:
    return max_days is None or a is None or b is None or abs((a - b).days) <= max_days


# ----- within one article: one name spelled two ways -------------------------------
def spelling_conflicts(mentions: Sequence[Mention]) -> Iterator[tuple[Mention, Mention, int, int]]:
    """Yield ``(minority_mention, majority_mention, minority_count, majority_count)``.

    Two full names must differ in one word, spelt closely (similarity >= 0.8);
    a titled surname alone ("Ambassador X") must be a close spelling of exactly one
    full name's surname and match none exactly.
    """
    counts = Counter(m.key for m in mentions)
    first: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        first.setdefault(m.key, m)
    keys = list(first)
    full = [k for k in keys if len(k) >= 2]
    surnames = {k[-1] for k in full}
    seen: set[tuple[str, ...]] = set()
    # One article names a few dozen people at most: every pair is cheap to compare.
    # A slip changes one word of the name: "Anna Kowalcyk" for "Anna Kowalczyk".
    for i, a in enumerate(full):
        for b in full[i + 1:]:
            # Two names differing in their first and last words differ in two words.
            if len(a) != len(b) or (a[0] != b[0] and a[-1] != b[-1]):
                continue
            changed = [(x, y) for x, y in zip(a, b) if x != y]
            if len(changed) == 1 and _close_spelling(*changed[0]):
                yield from _minority(a, b, mentions, counts, first, seen)
    for k in keys:
        if len(k) != 1 or k[0] in surnames:
            continue
        close = [f for f in full if _similar(k[0], f[-1], SPELLING_SIMILARITY)]
        if len(close) == 1 and k not in seen and counts[k] <= counts[close[0]]:
            seen.add(k)
            for m in mentions:
                if m.key == k:
                    yield m, first[close[0]], counts[k], counts[close[0]]


def _close_spelling(a: str, b: str) -> bool:
    """A slip ("Kowalcyk") or a second transliteration of one sound ("Karadawi")."""
    return _similar(a, b, SPELLING_SIMILARITY) or (
        len(a) >= 5 and skeleton(a) == skeleton(b) and Indel.normalized_similarity(a, b) >= SOUND_SIMILARITY)


def _minority(a: tuple[str, ...], b: tuple[str, ...], mentions: Sequence[Mention], counts: Counter[tuple[str, ...]],
              first: dict[tuple[str, ...], Mention], seen: set[tuple[str, ...]]
              ) -> Iterator[tuple[Mention, Mention, int, int]]:
    # The rarer spelling is the odd one out; on a tie, the later one.
    small, large = (a, b) if (counts[a], -first[a].span.start) < (counts[b], -first[b].span.start) else (b, a)
    if small in seen:
        return
    seen.add(small)
    for m in mentions:
        if m.key == small:
            yield m, first[large], counts[small], counts[large]


def _add(index: dict[Any, Any], key: Any, value: Any) -> None:
    """Record ``value`` under ``key`` as itself, or as a set once a second one comes:
    most keys ever hold one value, and a set per key would triple the index's memory."""
    held = index.get(key)
    if held is None:
        index[key] = value
    elif isinstance(held, set):
        held.add(value)
    elif held != value:
        index[key] = {held, value}
