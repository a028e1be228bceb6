"""Names and titles that disagree: across articles, and within one.

Cross-article checks index people by blocking keys, never comparing every article with
every other:

* name variants: key = (surname skeleton, first initial, title head, affiliation). Two
  spellings meet only when they share a surname sound, an initial and a role ("the
  Afghan ambassador"), so two Hassans in different roles never meet.
* title conflicts: key = the full name; each name's titles are compared among
  themselves.

Cost: O(M) to index M person records, plus the pairs inside each block, which stay
small because a block needs the same surname, initial, office and country; blocks
larger than ``MAX_BLOCK`` names are skipped rather than compared quadratically.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Iterable, Iterator, Sequence

from rapidfuzz.distance import Indel

from linter.consistency.summary import Person
from linter.names import Mention, Piece, Title, skeleton

MAX_BLOCK = 60
#: Given-name similarity (rapidfuzz normalised Indel) for a spelling variant.
GIVEN_SIMILARITY = 0.6
#: Stricter similarity inside one article, where no role has to agree.
SPELLING_SIMILARITY = 0.8


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
    """True when ``a`` and ``b`` spell one name differently ("Gul Hassan Hassan" /
    "Ghulam Hassan"), not when one is a short form of the other ("Gul Hassan")."""
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
    return len(short) >= 3 and _subsequence(short, long_)


def _subsequence(short: str, long_: str) -> bool:
    letters = iter(long_)
    return all(ch in letters for ch in short)


def role_keys(title: Title) -> Iterator[tuple[str, str]]:
    """(office, country-or-destination) pairs: what makes two mentions the same role."""
    if title.temporal:
        return
    office = "+".join((*title.distinguishing, title.head))
    for aff in title.affiliations:
        yield office, "of:" + aff
    for place in title.places:
        yield office, "to:" + place


# ----- cross-article: spelling variants of one person's name ----------------------
def name_variants(items: Sequence[tuple[str, Sequence[Person]]]) -> Iterator[tuple[int, Person, tuple[str, ...], list[int]]]:
    """Yield ``(article, person, majority_key, majority_articles)`` for minority spellings."""
    articles: dict[tuple[str, ...], set[int]] = defaultdict(set)
    blocks: dict[tuple[str, str, str, str], set[tuple[str, ...]]] = defaultdict(set)
    for index, (_, people) in enumerate(items):
        for person in people:
            articles[person.key].add(index)
            for title in person.titles:
                for office, place in role_keys(title):
                    blocks[(skeleton(person.key[-1]), person.key[0][:1], office, place)].add(person.key)
    minority: dict[tuple[str, ...], tuple[str, ...]] = {}
    for keys in blocks.values():
        if len(keys) < 2 or len(keys) > MAX_BLOCK:
            continue
        ordered = sorted(keys)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if not is_variant(a, b):
                    continue
                small, large = sorted((a, b), key=lambda k: (len(articles[k]), k))
                if len(articles[large]) >= 2 and len(articles[large]) > len(articles[small]):
                    best = minority.get(small)
                    if best is None or len(articles[large]) > len(articles[best]):
                        minority[small] = large
    for small, large in minority.items():
        others = sorted(articles[large] - articles[small])
        for index in sorted(articles[small]):
            for person in items[index][1]:
                if person.key == small:
                    yield index, person, large, others


# ----- cross-article: one person, conflicting titles ------------------------------
def compatible(a: Title, b: Title) -> bool:
    """Same office: same head and rank words, and one portfolio contains the other."""
    if a.head != b.head or a.distinguishing != b.distinguishing:
        return False
    qa, qb = set(a.qualifiers), set(b.qualifiers)
    return qa <= qb or qb <= qa


def _same_side(a: Title, b: Title) -> bool:
    """Both titles may describe one person: no two different countries."""
    return not (a.affiliations and b.affiliations and not _overlap(a.affiliations, b.affiliations))


def _overlap(a: Iterable[str], b: Iterable[str]) -> bool:
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def title_conflicts(items: Sequence[tuple[str, Sequence[Person], dt.date | None]], max_days: int | None
                    ) -> Iterator[tuple[int, Person, Title, Title, list[tuple[int, Title]]]]:
    """Yield ``(article, person, minority_title, majority_title, majority_uses)``."""
    uses: dict[tuple[str, ...], list[tuple[int, Person, Title]]] = defaultdict(list)
    for index, (_, people, _) in enumerate(items):
        for person in people:
            for title in person.titles:
                if not title.temporal:
                    uses[person.key].append((index, person, title))
    for key, found in uses.items():
        if len({i for i, _, _ in found}) < 2:
            continue
        support = [len({j for j, _, u in found if compatible(t, u)}) for _, _, t in found]
        flagged: set[tuple[int, str]] = set()
        for (index, person, title), own in zip(found, support):
            best: tuple[int, Title, list[tuple[int, Title]]] | None = None
            for (other, _, rival), count in zip(found, support):
                if count < 2 or count <= own or compatible(title, rival) or not _same_side(title, rival):
                    continue
                near = [(j, u) for j, _, u in found if j != index and compatible(u, rival)
                         and _close(items[index][2], items[j][2], max_days)]
                if len({j for j, _ in near}) >= 2 and (best is None or count > best[0]):
                    best = (count, rival, near)
            marker = (index, title.describe().lower())
            if best is not None and marker not in flagged:
                flagged.add(marker)
                yield index, person, title, best[1], best[2]


def _close(a: dt.date | None, b: dt.date | None, max_days: int | None) -> bool:
    return max_days is None or a is None or b is None or abs((a - b).days) <= max_days


# ----- within one article: one name spelled two ways -------------------------------
def spelling_conflicts(mentions: Sequence[Mention]) -> Iterator[tuple[Mention, Mention, int, int]]:
    """Yield ``(minority_mention, majority_mention, minority_count, majority_count)``.

    Two full names must be close spellings (similarity >= 0.8 on the differing words);
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
    by_sound: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for k in full:
        by_sound[skeleton(k[-1])].append(k)
    seen: set[tuple[str, ...]] = set()
    for group in by_sound.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if is_variant(a, b, SPELLING_SIMILARITY) and len(a) == len(b):
                    yield from _minority(a, b, mentions, counts, first, seen)
    for k in keys:
        if len(k) != 1 or k[0] in surnames:
            continue
        close = [f for f in full if _similar(k[0], f[-1], SPELLING_SIMILARITY) and skeleton(k[0]) == skeleton(f[-1])]
        if len(close) == 1 and k not in seen and counts[k] <= counts[close[0]]:
            seen.add(k)
            for m in mentions:
                if m.key == k:
                    yield m, first[close[0]], counts[k], counts[close[0]]


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
