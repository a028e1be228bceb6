"""Find officeholder mentions in an article: a title next to a name, and its place.

One ``PhraseIndex`` holds every title variant, every holder name (full names, aliases,
accent-free spellings, surnames) and every place word, so a document costs one pass.
Parsing happens only around title hits: "U.S. Secretary of State Antony Blinken",
"Russia's foreign minister, Sergei Lavrov", "Blinken, the secretary of state". The
place comes from a qualifier on the title ("Russian", "EU", "China's"), else from the
holder the name matches, else (for names the KB does not know) from the one place the
sentence or paragraph names. Exemption cues ("former", "then-", "acting"...) and
sentences that set their own past date are recorded, not judged, here.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable

import regex as re

from linter.document import Document
from linter.kb.model import KnowledgeBase, Office, Term, ascii_fold, person_key
from linter.matching import PhraseIndex, leftmost_longest
from linter.normalize import normalize_phrase

#: Words that make the title part of another office ("Deputy Foreign Minister").
_OTHER_OFFICE = frozenset({
    "deputy", "vice", "assistant", "under", "junior", "shadow", "associate", "principal",
    "first", "second", "regional", "provincial", "state", "opposition",
})
#: Cues that the writer knows the person is not (or not yet) the holder.
_EXEMPT = frozenset({
    "former", "ex", "then", "acting", "interim", "caretaker", "incoming", "outgoing", "late",
    "erstwhile", "one-time", "onetime", "future", "would-be", "designate", "designated",
    "elect", "nominee", "nominated", "previous", "past", "retiring", "departing", "new",
    "newly", "ousted", "deposed", "exiled", "disgraced", "sacked", "fired",
})
_FILLER = frozenset({"the", "a", "an", "'s", "'", "s", "its", "current", "sitting", "serving", "top", "own"})
#: Capitalised words that may stand right before a title without naming another office.
_CAPITAL_OK = frozenset({
    "the", "a", "an", "and", "but", "or", "as", "when", "while", "after", "before", "since", "said",
    "says", "meanwhile", "also", "today", "yesterday", "on", "in", "at", "by", "with", "for", "from",
    "to", "of", "if", "then", "former", "ex", "acting", "interim", "incoming", "outgoing", "new",
    "last", "this", "that", "both", "later", "earlier", "however", "still", "now", "why", "how",
})
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|Gen|General|Prof|Professor|Sheikh|Mawlawi|Maulvi)\.?\s+)?"
_NAME_GAP = re.compile(rf"(?:,\s*|\s+){_HONORIFIC}")
_OF_PLACE = re.compile(r"\s+of\s+(?:the\s+)?")
_TOKEN = r"\p{Lu}[\p{Ll}'’]+(?:-\p{L}[\p{Ll}'’]*)*"
_PARTICLE = r"(?:von|van|der|den|de|del|da|di|du|la|le|al|el|bin|ben|ibn|bint|dos|das)"
_UNKNOWN_NAME = re.compile(rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_TOKEN}){{1,2}}(?![\p{{L}}\d])")
_NOT_NAME = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "the", "on", "in", "at", "press", "conference", "briefing", "ministry",
    "office", "department", "government", "news", "daily", "times", "post", "agency", "spokesperson",
    "spokesman", "spokeswoman", "minister", "secretary", "president", "said", "told", "says", "and",
    "for", "of", "to", "with", "said", "regular", "foreign", "affairs", "state", "national", "council",
    "committee", "party", "house", "senate", "congress", "parliament", "embassy", "mission", "united",
    "nations", "republic", "kingdom", "union", "service", "tv", "radio", "twitter", "weibo",
})
#: Explicit time in a sentence that may put it before the article's own date.
_YEAR = re.compile(r"(?<![\d$€£.,])\b((?:19|20)\d\d)\b(?![\d%])")
_PAST_CUE = re.compile(
    r"(?i)\b(?:at the time|back then|years? ago|months? ago|decades? ago|in (?:his|her|their) (?:first|previous|earlier) (?:term|stint|tenure)|"
    r"under (?:the )?then|previous(?:ly)?|once served|had served|who served|while serving|during (?:his|her) (?:tenure|term)|"
    r"in the past|a decade earlier|years earlier|at that time)\b"
)


@dataclass
class Mention:
    """A title with a name: what was written, what the KB makes of it."""

    start: int
    end: int
    title: str
    name: str
    offices: list[Office]
    place: str | None
    place_explicit: bool
    known: list[str] = field(default_factory=list)  # person keys the name matches
    surname_only: bool = False
    exempt: str | None = None
    sentence_years: tuple[int, ...] = ()
    past_cue: bool = False


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    data: tuple


class MentionFinder:
    """Compile the KB once; find mentions in any number of documents."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.index: PhraseIndex[tuple] = PhraseIndex()
        self.titles: dict[str, list[Office]] = {}
        self.persons: dict[str, list[Term]] = {}
        self.surnames: dict[str, set[str]] = {}
        self._cased: dict[str, set[str]] = {}
        for place in kb.places.values():
            for word in place.words:
                self._add(word, ("place", place.id))
        for office in kb.offices.values():
            for title in office.titles:
                key = normalize_phrase(title)
                if office not in self.titles.setdefault(key, []):
                    self.titles[key].append(office)
            for term in office.terms:
                pkey = person_key(term.name)
                self.persons.setdefault(pkey, []).append(term)
                for spelling in {term.name, *term.aliases}:
                    for variant in {spelling, ascii_fold(spelling)}:
                        self._add(variant, ("name", pkey))
                for surname in term.surnames:
                    self.surnames.setdefault(person_key(surname), set()).add(pkey)
        for office in kb.offices.values():
            for title in office.titles:
                self._add(title, ("title", normalize_phrase(title)))
        for surname in self.surnames:
            self._add(surname, ("surname", surname))
        self.index.build()

    def _add(self, phrase: str, payload: tuple) -> None:
        key = self.index.add(phrase, payload)
        self._cased.setdefault(key, set()).add(phrase)

    # ----- hits -------------------------------------------------------------------------
    def _hits(self, doc: Document) -> dict[str, list[_Hit]]:
        text = doc.folded
        raw: dict[str, list[tuple[int, int, tuple]]] = {"title": [], "name": [], "place": []}
        for start, end, payload in self.index.find(doc):
            kind = payload[0]
            written = text[start:end]
            if kind in ("name", "surname"):
                if not _capitalised(written):
                    continue
                raw["name"].append((start, end, payload))
            else:
                if not self._case_ok(written, end - start):
                    continue
                raw[kind].append((start, end, payload))
        out: dict[str, list[_Hit]] = {}
        for kind, spans in raw.items():
            # Keep every payload of the surviving spans (one word can name several places).
            kept = {(a, b) for a, b, _ in leftmost_longest(spans)}
            merged: dict[tuple[int, int], list[tuple]] = {}
            for a, b, payload in spans:
                if (a, b) in kept:
                    merged.setdefault((a, b), []).append(payload)
            out[kind] = [_Hit(a, b, kind, tuple(p)) for (a, b), p in sorted(merged.items())]
        return out

    def _case_ok(self, written: str, length: int) -> bool:
        """All-capital words of a phrase ("US", "WHO", "PM") must be written in capitals."""
        key = normalize_phrase(written)
        variants = self._cased.get(key, ())
        for phrase in variants:
            words = phrase.replace(".", "").split()
            caps = [w for w in words if len(w) >= 2 and w.isupper()]
            if not caps:
                return True
            got = written.replace(".", "").split()
            if len(got) == len(words) and all(g.isupper() for g, w in zip(got, words) if w in caps):
                return True
        return not variants

    # ----- mentions ---------------------------------------------------------------------
    def find(self, doc: Document) -> list[Mention]:
        """Every title-and-name mention in ``doc``, with its place and cues."""
        cached = doc.cache.get("officeholder-mentions")
        if cached is not None and cached[0] is self:
            return cached[1]
        hits = self._hits(doc)
        mentions: list[Mention] = []
        if hits["title"]:
            names = hits["name"]
            name_starts = [h.start for h in names]
            places = hits["place"]
            place_ends = sorted((h.end, i) for i, h in enumerate(places))
            for title in hits["title"]:
                mention = self._mention(doc, title, names, name_starts, places, place_ends)
                if mention is not None:
                    mentions.append(mention)
        doc.cache["officeholder-mentions"] = (self, mentions)
        doc.cache["officeholder-places"] = hits["place"]
        return mentions

    def _mention(self, doc: Document, title: _Hit, names: list[_Hit], name_starts: list[int],
                 places: list[_Hit], place_ends: list[tuple[int, int]]) -> Mention | None:
        text = doc.folded
        key = title.data[0][1]
        offices = list(self.titles[key])
        sentence = doc.sentence_at(title.start) or (title.start, title.end)
        before_words = _words_before(text, sentence[0], title.start, 5)
        prev = before_words[-1] if before_words else ""
        if prev.lower().strip("-") in _OTHER_OFFICE:
            return None
        after = text[title.end:title.end + 3]
        if after[:1] == "-" or after.startswith("'s") or after.startswith("s'"):
            return None  # "President-elect", "the Prime Minister's office"
        # A qualifier place right before the title ("Russian", "EU", "China's").
        qualifier, q_start = self._qualifier(text, title.start, places, place_ends, sentence[0])
        if qualifier is None and prev and prev[0].isupper() and prev.lower().strip("-") not in _CAPITAL_OK \
                and prev.lower().strip("-") not in _EXEMPT:
            return None  # "Assembly President", "Bundestag President": another office
        # The name: right after the title, or before it ("Blinken, the secretary of state").
        name_hit, name_end, name_text = None, -1, ""
        pos = title.end
        m_of = _OF_PLACE.match(text, pos)
        if m_of and qualifier is None:
            for hit in places:
                if hit.start == m_of.end():
                    qualifier = {p[1] for p in hit.data}
                    pos = hit.end
                    break
        gap = _NAME_GAP.match(text, pos)
        name_start = gap.end() if gap and "\n" not in gap.group() else -1
        form = "after"
        if name_start >= 0:
            i = bisect.bisect_left(name_starts, name_start)
            if i < len(names) and names[i].start == name_start:
                name_hit = names[i]
                name_end = name_hit.end
            else:
                m = _UNKNOWN_NAME.match(text, name_start)
                if m and not any(w.lower() in _NOT_NAME for w in m.group().split()):
                    name_end, name_text = m.end(), m.group()
        if name_end < 0:
            name_hit = self._name_before(text, title.start, names, name_starts, places)
            if name_hit is None:
                return None
            form = "before"
        if name_hit is not None:
            name_text = text[name_hit.start:name_hit.end]
            if any(h.start < name_hit.end and name_hit.start < h.end for h in places) and name_hit.data[0][0] == "surname":
                return None
        if form == "after":
            start = min(title.start, q_start) if q_start is not None else title.start
            end = name_end
        else:
            start, end = name_hit.start, title.end
        if qualifier is not None:
            offices = [o for o in offices if o.place in qualifier]
            if not offices:
                return None
        mention = Mention(start, end, doc.text[title.start:title.end], name_text, offices,
                          next(iter(qualifier)) if qualifier and len(qualifier) == 1 else None,
                          qualifier is not None)
        if name_hit is not None:
            kind, value = name_hit.data[0][0], name_hit.data[0][1]
            if kind == "name":
                mention.known = sorted({p[1] for p in name_hit.data})
            else:
                mention.known = sorted({k for p in name_hit.data for k in self.surnames.get(p[1], ())})
                mention.surname_only = True
        mention.exempt = _exemption(text, sentence, start, end, before_words, form, title, name_hit)
        clause = text[sentence[0]:sentence[1]]
        mention.sentence_years = tuple(int(y) for y in _YEAR.findall(clause))
        mention.past_cue = bool(_PAST_CUE.search(clause))
        return mention

    def _qualifier(self, text: str, title_start: int, places: list[_Hit], place_ends: list[tuple[int, int]],
                   floor: int) -> tuple[set[str] | None, int | None]:
        i = bisect.bisect_right(place_ends, (title_start, len(places))) - 1
        while i >= 0:
            end, idx = place_ends[i]
            hit = places[idx]
            if hit.start < floor or title_start - end > 40:
                return None, None
            gap = text[end:title_start]
            words = [w for w in re.split(r"[\s-]+", gap.replace("'s", " 's")) if w]
            if all(w.lower() in _FILLER or w.lower() in _EXEMPT for w in words) and not any(c in gap for c in ",;:()\""):
                return {p[1] for p in hit.data}, hit.start
            if words:
                return None, None
            i -= 1
        return None, None

    def _name_before(self, text: str, title_start: int, names: list[_Hit], name_starts: list[int],
                     places: list[_Hit]) -> _Hit | None:
        """"Antony Blinken, the U.S. secretary of state": a name, a comma, filler, the title."""
        i = bisect.bisect_right(name_starts, title_start) - 1
        if i < 0:
            return None
        hit = names[i]
        gap = text[hit.end:title_start]
        if not gap.startswith(",") or len(gap) > 40 or "\n" in gap:
            return None
        rest = gap[1:]
        for place in places:
            if hit.end <= place.start and place.end <= title_start:
                a, b = place.start - hit.end - 1, place.end - hit.end - 1
                rest = rest[:a] + " " * (b - a) + rest[b:]
        words = [w for w in re.split(r"[\s-]+", rest.replace("'s", " 's")) if w]
        if all(w.lower() in _FILLER or w.lower() in _EXEMPT for w in words):
            return hit
        return None


def _capitalised(written: str) -> bool:
    words = [w for w in written.split() if w[:1].isalpha()]
    return bool(words) and words[0][0].isupper() and words[-1][0].isupper()


def _words_before(text: str, floor: int, pos: int, count: int) -> list[str]:
    window = text[max(floor, pos - 60):pos]
    return re.findall(r"[\w'.-]+", window)[-count:]


def _exemption(text: str, sentence: tuple[int, int], start: int, end: int, before: list[str], form: str,
               title: _Hit, name_hit: _Hit | None) -> str | None:
    """The cue that makes a mention historical or prospective, if any."""
    words = [w.lower().strip(".") for w in before[-4:]]
    if form == "before" and name_hit is not None:
        words += [w.lower() for w in re.findall(r"[\w'-]+", text[name_hit.end:title.start])]
    for word in words:
        for part in word.split("-"):
            if part in _EXEMPT:
                return part
    tail = text[end:min(sentence[1], end + 30)].lower()
    m = re.match(r"\s*[-,(]?\s*(designate|elect|nominee|\(acting\)|acting|who was then|at the time)", tail)
    if m:
        return m.group(1).strip("()")
    return None


def places_near(doc: Document, span: tuple[int, int] | None) -> set[str]:
    """Place ids named in ``span`` (a sentence or paragraph) of ``doc``."""
    if span is None:
        return set()
    found: set[str] = set()
    for hit in doc.cache.get("officeholder-places", ()):
        if span[0] <= hit.start and hit.end <= span[1]:
            found.update(p[1] for p in hit.data)
    return found

