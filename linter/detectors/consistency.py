"""``type: consistency`` - names, titles, quotes and figures that disagree.

Each rule names one ``check``:

* within one article (``check``): ``name-spelling`` (one person's name spelt two ways),
  ``spelling-convention`` (recognise/recognize mixed; ``pairs:`` names a word-pair
  file relative to the pack);
* across articles (``extract`` then ``check_corpus``, run when more than one file is
  linted or with ``--corpus``): ``name-variant``, ``title-conflict`` (``max_days``:
  only compare articles dated this close), ``altered-quote`` (``min_words``: shortest
  quote compared), ``figure-conflict`` (``max_days`` as above).

Complexity of the corpus phase for N articles: every check indexes the per-article
summaries under blocking keys - (surname skeleton, initial, office, country) for name
variants, the full name for titles, word 5-gram shingles for quotes, (measure, date,
anchor) for figures - and compares only records that share a key, with block and
posting-list sizes capped. Time and memory are O(N) for a bounded article size, never
O(N²). Extraction costs one regex pass over the article per record kind.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from operator import itemgetter
from typing import Any, Iterable, Iterator, Sequence

from linter.consistency import altered_quotes, figures, people
from linter.consistency.spelling import SpellingIndex, load_pairs
from linter.consistency.summary import (At, Person, QuoteRecord, Summary, file_list, pack_people, pack_quotes, person,
                                        people_rows, quotes_of, related)
from linter.detectors.base import Detector, Prepared, make_finding, option
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding, Related
from linter.names import Piece, fold_name, piece
from linter.names import people as read_people
from linter.rules import Rule

LOCAL = ("name-spelling", "spelling-convention")
CORPUS = ("name-variant", "title-conflict", "altered-quote", "figure-conflict")
#: How many other articles a finding lists as related locations.
MAX_RELATED = 5
#: Articles kept unpacked while findings are built (a few MB at most).
RECENT = 2048


class ConsistencyDetector(Detector):
    name = "consistency"
    fields = {"check": True, "pairs": False, "min_words": False, "max_days": False}
    corpus = True

    @classmethod
    def prepare(cls, rule: Rule) -> dict[str, Any]:
        check = option(rule, "check", str)
        if check not in LOCAL + CORPUS:
            raise FieldError("check", f"'check' must be one of {', '.join(LOCAL + CORPUS)}, not '{check}'")
        spec: dict[str, Any] = {"check": check}
        if check == "spelling-convention":
            name = option(rule, "pairs", str)
            if not name:
                raise FieldError("pairs", "'pairs' (a word-pair file) is required for spelling-convention")
            spec["pairs"] = load_pairs(rule.source.parent / name)
        elif "pairs" in rule.options:
            raise FieldError("pairs", "'pairs' only applies to check: spelling-convention")
        min_words = option(rule, "min_words", int, 8)
        if min_words < 6:
            raise FieldError("min_words", "'min_words' must be at least 6")
        spec["min_words"] = min_words
        max_days = option(rule, "max_days", int)
        if max_days is not None and max_days < 0:
            raise FieldError("max_days", "'max_days' must be zero or more")
        spec["max_days"] = max_days
        return spec

    def __init__(self, rules: Sequence[Prepared]) -> None:
        super().__init__(rules)
        self.by_check: dict[str, list[tuple[Rule, dict[str, Any]]]] = defaultdict(list)
        for rule, spec in rules:
            self.by_check[spec["check"]].append((rule, spec))
        self.spelling = [(rule, SpellingIndex(spec["pairs"])) for rule, spec in self.by_check["spelling-convention"]]

    # ----- one article -----------------------------------------------------------
    def check(self, doc: Document) -> Iterable[Finding]:
        for rule, index in self.spelling:
            for start, end, form, other, count, other_count in index.mixed(doc):
                yield make_finding(rule, doc, start, end, suggestion=_same_case(doc.text[start:end], other.word),
                                   values={"other": other.word, "count": count, "other_count": other_count})
        rules = self.by_check.get("name-spelling")
        if rules:
            for mention, majority, count, other_count in people.spelling_conflicts(read_people(doc)):
                for rule, _ in rules:
                    yield make_finding(
                        rule, doc, mention.span.start, mention.span.end,
                        values={"other": majority.span.text, "count": count, "other_count": other_count},
                        related=[related(doc.path, majority.span, f"spelt '{majority.span.text}' here")])

    def extract(self, doc: Document) -> Summary:
        wanted = self.by_check
        mentions = read_people(doc) if ("name-variant" in wanted or "title-conflict" in wanted) else []
        return Summary(
            date=doc.reference_date.isoformat() if doc.reference_date else None,
            date_is_lower_bound=doc.date_is_lower_bound,
            people=pack_people(people.persons(mentions)),
            quotes=pack_quotes(tuple(_quotes(doc, min(spec["min_words"] for _, spec in wanted["altered-quote"]))))
            if "altered-quote" in wanted else b"",
            figures=tuple(figures.extract(doc)) if "figure-conflict" in wanted else (),
        )

    # ----- across articles -------------------------------------------------------
    def check_corpus(self, items: Sequence[tuple[str, Any]]) -> Iterable[Finding]:
        items = [(path, s) for path, s in items if isinstance(s, Summary)]
        if len(items) < 2:
            return
        corpus = _Corpus(items)
        for rule, spec in self.by_check.get("name-variant", ()):
            yield from self._name_variants(rule, corpus)
        for rule, spec in self.by_check.get("title-conflict", ()):
            yield from self._title_conflicts(rule, spec, corpus)
        corpus.done_with_people()  # their indexes need not outlive their checks
        for rule, spec in self.by_check.get("altered-quote", ()):
            yield from self._altered_quotes(rule, spec, corpus)
        for rule, spec in self.by_check.get("figure-conflict", ()):
            yield from self._figure_conflicts(rule, spec, corpus)

    def _name_variants(self, rule: Rule, corpus: _Corpus) -> Iterator[Finding]:
        paths = corpus.paths
        for index, person, majority, others in corpus.names.variants(corpus.people):
            path = paths[index]
            spelled = corpus.first_span(others[0], majority)
            links = [related(paths[j], span, f"spelt '{span.text}' here")
                     for j in others[:MAX_RELATED] if (span := corpus.first_span(j, majority)) is not None]
            for span in person.spans:
                yield make_finding(rule, At(path, span), span.start, span.end, match=span.text,
                                   suggestion=spelled.text if spelled else None,
                                   values={"other": spelled.text if spelled else " ".join(majority),
                                           "count": len(others),
                                           "files": file_list([paths[j] for j in others[:MAX_RELATED]], len(others))},
                                   related=links)

    def _title_conflicts(self, rule: Rule, spec: dict[str, Any], corpus: _Corpus) -> Iterator[Finding]:
        paths = corpus.paths
        for index, person, title, count, uses in corpus.titles.conflicts(corpus.people, spec["max_days"], MAX_RELATED):
            path = paths[index]
            links = [related(paths[j], u.span, f"'{u.describe()}' here") for j, u in uses]
            span = title.span
            yield make_finding(rule, At(path, span), span.start, span.end, match=span.text,
                               values={"name": person.spans[0].text, "other": (uses[0][1].office or uses[0][1].describe()).lower(),
                                       "count": count, "files": file_list([paths[j] for j, _ in uses], count)},
                               related=links)

    def _altered_quotes(self, rule: Rule, spec: dict[str, Any], corpus: _Corpus) -> Iterator[Finding]:
        paths = corpus.paths
        records = corpus.quote_records

        # The wordings of one majority are the related locations of all its minority
        # wordings: a quote's location is built once while they are reported
        # (``Related`` is immutable, so findings may share one).
        @lru_cache(maxsize=RECENT)
        def link(a: int, q: int) -> Related:
            return related(paths[a], Piece._make(records[a][q][0]), "worded this way here")

        for alt in altered_quotes.altered(records, spec["min_words"]):
            path = paths[alt.article]
            span = Piece._make(records[alt.article][alt.quote][0])
            yield make_finding(rule, At(path, span), alt.start, alt.end,
                               match=span.text[alt.start - span.start: alt.end - span.start],
                               values={"mine": alt.mine, "other": alt.theirs, "count": len(alt.backers),
                                       "files": file_list([paths[a] for a in alt.backers[:MAX_RELATED]],
                                                          len(alt.backers))},
                               related=[link(a, q) for a, q in alt.others[:MAX_RELATED]])

    def _figure_conflicts(self, rule: Rule, spec: dict[str, Any], corpus: _Corpus) -> Iterator[Finding]:
        paths = corpus.paths
        rows = [(s.figures, _date(s.date), _publication_date(s)) for _, s in corpus.items]
        for index, figure, majority in figures.conflicts(rows, spec["max_days"]):
            path = paths[index]
            others = sorted({j for j, _ in majority})
            links = [related(paths[j], f.span, f"'{f.span.text}' here") for j, f in majority[:MAX_RELATED]]
            span = figure.span
            yield make_finding(rule, At(path, span), span.start, span.end, match=span.text,
                               values={"other": majority[0][1].span.text, "measure": figure.measure,
                                       "count": len(others), "files": file_list([paths[j] for j in others])},
                               related=links)


class _Records(Sequence[Sequence[Any]]):
    """Every article's quote records (rows laid out like ``QuoteRecord``), unpacked on
    access, the most recent ``RECENT`` articles kept: findings read the articles the
    comparison has just read, and a corpus of up to ``RECENT`` articles is unpacked once."""

    def __init__(self, packed: Sequence[tuple[QuoteRecord, ...] | bytes]) -> None:
        self.packed = packed
        self._cached = lru_cache(maxsize=RECENT)(lambda i: quotes_of(packed[i]))

    def __len__(self) -> int:
        return len(self.packed)

    def __getitem__(self, index: int) -> Sequence[Any]:  # type: ignore[override]
        return self._cached(index)

    def __iter__(self) -> Iterator[Sequence[Any]]:
        return map(self._cached, range(len(self.packed)))


class _Corpus:
    """The summaries of one corpus run, unpacked as the checks need them: people are
    read once into the name and title indexes (built on first use, shared by every rule)
    and kept for the last ``RECENT`` articles read, so findings read again only the
    articles of a larger corpus that have been let go."""

    def __init__(self, items: list[tuple[str, Summary]]) -> None:
        self.items = items
        self.paths = [path for path, _ in items]
        self._persons: dict[int, _Persons] = {}
        self.quote_records = _Records([s.quotes for _, s in items])
        self._indexes: tuple[people.NameIndex, people.TitleIndex] | None = None

    def people(self, index: int) -> _Persons:
        """Article ``index``'s persons."""
        found = self._persons.get(index)
        if found is None:
            found = self._keep(index, people_rows(self.items[index][1].people))
        return found

    def _keep(self, index: int, rows: Sequence[Any]) -> _Persons:
        kept = self._persons
        if len(kept) >= RECENT:
            del kept[next(iter(kept))]  # the one read first
        found = kept[index] = _Persons(rows)
        return found

    def _index(self) -> tuple[people.NameIndex, people.TitleIndex]:
        if self._indexes is None:
            names, titles = people.NameIndex(), people.TitleIndex()
            for index, (_, summary) in enumerate(self.items):
                found = people_rows(summary.people)
                names.add(index, found)
                titles.add(index, found, _publication_date(summary))
                self._keep(index, found)
            self._indexes = names, titles
        return self._indexes

    @property
    def names(self) -> people.NameIndex:
        return self._index()[0]

    @property
    def titles(self) -> people.TitleIndex:
        return self._index()[1]

    def done_with_people(self) -> None:
        self._indexes = None
        self._persons.clear()

    def first_span(self, index: int, key: tuple[str, ...]) -> Piece | None:
        return next((Piece._make(row[1][0]) for row in self.people(index).rows if row[0] == key), None)


class _Persons(Sequence[Person]):
    """One article's persons (``people_rows``), each made a ``Person`` when first read:
    a finding reads one or two of an article's persons, not all of them."""

    def __init__(self, rows: Sequence[Any]) -> None:
        self.rows = rows
        self._made: dict[int, Person] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> Person:  # type: ignore[override]
        found = self._made.get(index)
        if found is None:
            found = self._made[index] = person(self.rows[index])
        return found


def _publication_date(summary: Summary) -> dt.date | None:
    """The date an article was published, or None when only a lower bound is known
    (windows like ``max_days`` then compare rather than guess)."""
    return None if summary.date_is_lower_bound else _date(summary.date)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _same_case(found: str, word: str) -> str:
    if found.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if found[:1].isupper() else word


def _quotes(doc: Document, min_words: int) -> Iterator[QuoteRecord]:
    """Spoken quotations of ``min_words`` or more (scare quotes and titles are not
    statements), with the speaker's surname when the speaker is a named person."""
    try:
        from linter.quotes import SPEECH, extract_quotes
    except ImportError:  # the quotes module is optional for this check
        return
    text, prose_view = doc.text, doc.prose
    for q in extract_quotes(doc):
        if q.kind != SPEECH or q.words < min_words:
            continue
        words = q.speaker.split() if q.speaker and q.vague is None else ()
        # A named person: every word of the speaker capitalised (words of split() are
        # never empty, so each has a first letter).
        named = bool(words) and all(map(str.isupper, map(itemgetter(0), words)))
        prose = None
        if prose_view is not text:  # Markdown: markup blanked in the prose view
            prose = prose_view[q.start:q.end]
            if prose == text[q.start:q.end]:
                prose = None
        yield QuoteRecord(piece(doc, q.start, q.end), fold_name(words[-1]) if named else None, prose)
