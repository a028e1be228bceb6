"""``type: officeholders`` - officials named with a title they did not hold at the time.

Mentions come from ``linter.kb.mentions``; this module judges them against the
article's reference date and the KB. Each rule picks one ``check``:

- ``not-in-office``: the named person held the office, but not at the article's date
  (with only a lower bound, not at any day from it to today);
- ``unknown-holder``: the office's holder list is complete and the name is not on it;
- ``wrong-title``: the KB knows the person, for another office of the same place;
- ``no-date``: the article has no date, so mentions of past holders cannot be checked.

A sentence that names its own time ("In 2022, ...", "last year", "In January") is
judged by that time. Precision first: exemption cues ("former", "then-", "acting"),
KB gaps and coarse KB dates all silence a finding; none creates one.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable, Sequence

from linter.detectors.base import Detector, Prepared, make_finding, option
from linter.document import Document
from linter.dates import time_ranges
from linter.errors import ConfigError, FieldError
from linter.findings import Finding, Related
from linter.kb.compiled import shipped_finder
from linter.kb.load import builtin_kb_dir, load_kb
from linter.kb.mentions import Mention, MentionFinder
from linter.kb.model import KnowledgeBase, Term, person_key
from linter.quotes import quotes_by
from linter.rules import Rule

CHECKS = ("not-in-office", "unknown-holder", "wrong-title", "no-date")
#: Days of slack around a term's start and end: hand-overs, time zones, late copy.
DEFAULT_GRACE = 3
#: The KB covers offices from this year on; earlier dates are not judged.
KB_FROM = dt.date(2000, 1, 1)

_FINDERS: dict[tuple[str, ...], MentionFinder] = {}


def finder_for(folders: Sequence[Path] | None) -> MentionFinder:
    """One compiled finder per KB (shipped + extra folders), shared by detector instances.

    Extra folders come from the config: ``options: {officeholders: {kb: [my-kb/]}}``.
    """
    key = tuple(str(p) for p in folders) if folders else ()
    if key not in _FINDERS:
        if not folders:
            _FINDERS[key] = shipped_finder()
        else:
            shipped = [builtin_kb_dir()]
            _FINDERS[key] = MentionFinder(load_kb(shipped + [p for p in folders if p.resolve() != shipped[0].resolve()]))
    return _FINDERS[key]


class OfficeholderDetector(Detector):
    name = "officeholders"
    fields = {"check": True, "grace_days": False}

    @classmethod
    def prepare(cls, rule: Rule) -> dict[str, Any]:
        check = option(rule, "check", str)
        if check not in CHECKS:
            raise FieldError("check", f"'check' must be one of {', '.join(CHECKS)}")
        grace = option(rule, "grace_days", int, DEFAULT_GRACE)
        if grace < 0:
            raise FieldError("grace_days", "'grace_days' must be 0 or more")
        return {"check": check, "grace": grace}

    def __init__(self, rules: list[Prepared]) -> None:
        super().__init__(rules)
        self.by_check: dict[str, tuple[Rule, dict[str, Any]]] = {spec["check"]: (rule, spec) for rule, spec in rules}
        self._finder: MentionFinder | None = None
        #: ``_terms`` by candidate offices and people: a corpus names its officials again and again.
        self._terms_memo: dict[tuple[frozenset[str], tuple[str, ...]], dict[str, list[Term]]] = {}

    @property
    def finder(self) -> MentionFinder:
        if self._finder is None:
            options = getattr(getattr(self, "settings", None), "options", {}) or {}
            mine = options.get(self.name) or {}
            extra = mine.get("kb") if isinstance(mine, dict) else None
            extra = [extra] if isinstance(extra, str) else extra or []
            if not isinstance(extra, list) or not all(isinstance(p, str) for p in extra):
                raise ConfigError(f"options: {self.name}: 'kb' must be a folder or a list of folders")
            self._finder = finder_for([Path(p) for p in extra] or None)
        return self._finder

    @property
    def kb(self) -> KnowledgeBase:
        return self.finder.kb

    def check(self, doc: Document) -> Iterable[Finding]:
        mentions = self.finder.find(doc)
        if not mentions:
            return []
        if doc.reference_date is None:
            return self._no_date(doc, mentions)
        first = doc.reference_date
        last = doc.today if doc.date_is_lower_bound else first
        out: list[Finding] = []
        for mention in mentions:
            if mention.exempt:
                continue
            if mention.known:
                found = self._known(doc, mention, first, last)
            elif "unknown-holder" in self.by_check:
                found = self._unknown(doc, mention, first, last)
            else:
                continue
            # A past cue in the sentence ("at the time", "years ago") silences a finding:
            # looked for only once there is one, since most mentions have none.
            if found and not mention.past_cue:
                out.extend(found)
        for finding in out:
            _link_quotes(doc, finding)
        return out

    # ----- judgments ----------------------------------------------------------------------
    def _terms(self, mention: Mention) -> dict[str, list[Term]]:
        """The matched people's terms in the mention's candidate offices, by person
        (shared between mentions: callers only read them)."""
        ids = mention.office_ids
        key = (ids, tuple(mention.known))
        found = self._terms_memo.get(key)
        if found is None:
            if len(self._terms_memo) > 50_000:
                self._terms_memo.clear()
            persons = self.finder.persons
            found = self._terms_memo[key] = {p: [t for t in persons[p] if t.office in ids] for p in mention.known}
        return found

    def _known(self, doc: Document, mention: Mention, first: dt.date, last: dt.date) -> list[Finding]:
        terms = {p: ts for p, ts in self._terms(mention).items() if ts}
        if not terms:
            return self._wrong_title(doc, mention, first, last)
        if "not-in-office" not in self.by_check or last < KB_FROM:
            return []
        rule, spec = self.by_check["not-in-office"]
        all_terms = [t for ts in terms.values() for t in ts]
        if any(t.overlaps(first, last, spec["grace"]) for t in all_terms):
            return []
        # A sentence that names its own time ("In 2022, ...", "last year", "In January")
        # is judged by that time: in office then means no finding.
        own = time_ranges(doc.folded[mention.sentence[0]:mention.sentence[1]], first)
        if any(t.overlaps(a, b, spec["grace"]) for a, b, _ in own for t in all_terms):
            return []
        # A story told in the past: "In 2016 Britain voted to leave. Prime Minister David
        # Cameron resigned the next day." An earlier time in the paragraph also counts.
        paragraph = doc.paragraph_at(mention.start)
        if not own and paragraph is not None:
            before = time_ranges(doc.folded[paragraph[0]:mention.sentence[0]], first)
            if any(t.overlaps(a, b, spec["grace"]) for a, b, _ in before for t in all_terms):
                return []
        past = [(a, b, label) for a, b, label in own if b < first]
        if past:
            first, last = past[0][0], past[0][1]
            if last < KB_FROM:
                return []  # "In 1987, ...": before the KB's coverage, so nothing to say
        if len(terms) > 1:
            return []  # a surname shared by several holders: say nothing rather than guess
        person_terms = next(iter(terms.values()))
        office = self.kb.offices[person_terms[0].office]
        if len({t.office for t in person_terms}) > 1:
            return []
        holders = office.holders_between(first, last)
        if past:
            when = f"in {past[0][2]}, the time the sentence gives" if not past[0][2][:1].isdigit() or len(past[0][2]) == 4 \
                else f"on {past[0][2]}, the date the sentence gives"
        else:
            when = f"on {first.isoformat()}" if first == last else f"between {first.isoformat()} and {last.isoformat()}"
        held = "; ".join(t.span_text() for t in sorted(person_terms, key=lambda t: t.start.earliest))
        who = ", ".join(f"{t.name} ({t.span_text()})" for t in holders) or "no holder recorded in the KB"
        return [make_finding(rule, doc, mention.start, mention.end,
                             suggestion=holders[-1].name if len(holders) == 1 else None,
                             values={"person": person_terms[0].name, "office": office.name, "when": when,
                                     "held": held, "holders": who, "title": mention.title},
                             data={"office": office.id, "person": person_terms[0].name,
                                   "holders": [t.name for t in holders], "sources": sorted({t.source for t in person_terms})})]

    def _wrong_title(self, doc: Document, mention: Mention, first: dt.date, last: dt.date) -> list[Finding]:
        """A known person under an explicitly placed title of another tracked office.

        Only when the KB records who held the titled office then (and it is someone
        else): where the KB has a gap, the person may well have held it.
        """
        if "wrong-title" not in self.by_check or not mention.place_explicit or mention.surname_only:
            return []
        if len(mention.known) != 1 or len(mention.offices) != 1:
            return []
        rule, _ = self.by_check["wrong-title"]
        person = mention.known[0]
        office = mention.offices[0]
        holders = office.holders_between(first, last)
        if not holders or any(t.name == mention.name for t in holders):
            return []
        other = [t for t in self.finder.persons[person] if self.kb.offices[t.office].place == office.place]
        if not other:
            return []
        offices = sorted({self.kb.offices[t.office].name for t in other})
        return [make_finding(rule, doc, mention.start, mention.end,
                             values={"person": other[0].name, "title": mention.title, "offices": "; ".join(offices),
                                     "holders": ", ".join(t.name for t in holders)},
                             data={"person": other[0].name, "offices": [t.office for t in other]})]

    def _unknown(self, doc: Document, mention: Mention, first: dt.date, last: dt.date) -> list[Finding]:
        if first < KB_FROM or not mention.name:
            return []
        # A list complete to a date says nothing of holders appointed after it.
        complete = [o for o in mention.offices if o.complete and (o.complete_until is None or first <= o.complete_until)]
        if not complete:
            return []
        sentence = doc.sentence_at(mention.start)
        if sentence is not None and _title_case(doc.text[sentence[0]:sentence[1]]):
            return []  # a headline: where the name ends cannot be told
        if sentence is not None and any(
                b < first for _, b, _ in time_ranges(doc.folded[sentence[0]:sentence[1]], first)):
            return []  # "In 1987, President ...": a past the article's date does not describe
        if mention.place is not None:
            office_places = {mention.place}
        else:
            # Only titles marked so ("Foreign Ministry spokesperson", not "President")
            # take their place from context: the one place the sentence names (else its
            # paragraph), and none when another is named too ("Taipei", "Moscow and Beijing").
            if not all(o.place_from_context for o in mention.offices):
                return []
            office_places = (self.finder.places_in(doc.folded, sentence)
                             or self.finder.places_in(doc.folded, doc.paragraph_at(mention.start)))
            if len(office_places) != 1:
                return []
        offices = [o for o in complete if o.place in office_places]
        if len(offices) != 1:
            return []
        office = offices[0]
        # "Wladimir Putin", "Narendra Damodardas Modi": a holder's surname in the name
        # means a spelling the KB lacks, not an unknown person.
        surnames = {person_key(s) for t in office.terms for s in t.surnames}
        if surnames & {person_key(w) for w in mention.name.split()}:
            return []
        rule, _ = self.by_check["unknown-holder"]
        holders = office.holders_between(first, last)
        if not holders:
            return []  # the KB has no holder for that time: it cannot call a name unknown
        who = ", ".join(t.name for t in holders)
        return [make_finding(rule, doc, mention.start, mention.end,
                             values={"person": mention.name, "office": office.name, "holders": who,
                                     "title": mention.title},
                             data={"office": office.id, "holders": [t.name for t in holders]})]

    def _no_date(self, doc: Document, mentions: list[Mention]) -> list[Finding]:
        """One info finding when past holders are named and nothing dates the article."""
        if "no-date" not in self.by_check:
            return []
        rule, _ = self.by_check["no-date"]
        today = doc.today
        for mention in mentions:
            if mention.exempt or not mention.known:
                continue
            terms = [t for ts in self._terms(mention).values() for t in ts]
            if terms and not any(t.overlaps(today, today) for t in terms):
                return [make_finding(rule, doc, mention.start, mention.end,
                                     values={"person": terms[0].name, "office": self.kb.offices[terms[0].office].name,
                                             "held": terms[0].span_text()})]
        return []


def _link_quotes(doc: Document, finding: Finding) -> None:
    """Point an officeholder finding at the quotes its mention speaks.

    A quote credited to "Secretary of State X" at a date X did not hold the office is
    as doubtful as the title: the editor should see both together.
    """
    quotes = quotes_by(doc, finding.start, finding.end)
    if not quotes:
        return
    finding.related = finding.related + tuple(
        Related(doc.path, q.start, q.end, *doc.position(q.start), *doc.position(q.end),
                "quote attributed under this title")
        for q in quotes)
    finding.data["quotes"] = [q.text for q in quotes]


def _title_case(text: str) -> bool:
    """True for headline-style text, where most words are capitalised."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.6
