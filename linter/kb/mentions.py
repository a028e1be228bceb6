"""Find officeholder mentions in an article: a title next to a name, and its place.

One ``PhraseIndex`` holds every title variant and every holder name (full names,
aliases, accent-free spellings); all-capital phrases ("UN chief", "PM") match
case-sensitively from a table keyed by their first token. Surnames and place words are
looked up only around title hits, never matched over the whole text.

Forms: "U.S. Secretary of State Antony Blinken", "the President of Russia, Vladimir
Putin", "Blinken, the secretary of state", "Russia's foreign minister, Sergei Lavrov".
The place comes from a qualifier on the title ("Russian", "EU", "China's") or the title
itself ("Kremlin spokesman"), else from the holder the name matches; for names the KB
does not know the detector may take it from the sentence or paragraph. Exemption cues
("former", "then-", "acting"...) and the sentence span are recorded here, not judged.
"""
from __future__ import annotations

import bisect
import functools
import re as stdre
from dataclasses import dataclass, field
from typing import Iterable

import ahocorasick_rs
import regex as re

from linter.document import Document
from linter.kb.model import KnowledgeBase, Office, Term, ascii_fold, person_key
from linter.matching import PhraseIndex
from linter.memo import UNSEEN, Memo
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
#: A capitalised token that may open a case-sensitive phrase ("US", "U.S.", "WHO", "PM").
_CAPS_TOKEN = stdre.compile(r"(?<![\w.])[A-Z](?:\.?[A-Z])+\.?(?![\w])")
_CAPS_WORD = stdre.compile(r"[A-Z](?:\.?[A-Z])+\.?")
_PLACE_TOKEN = re.compile(r"[\w.'-]+")
#: The same tokens in ASCII text, where ``re`` and ``regex`` agree on ``\w`` and ``re``
#: iterates faster.
_ASCII_TOKEN = stdre.compile(r"[\w.'-]+")
#: Where the clause before a title starts: the last separator or sentence end
#: (searched backwards, so one step finds the last of them).
_CLAUSE_START = re.compile(r"(?r)[,;:()\"\n]|(?<=[a-z0-9)\]\"'])[.!?](?=\s)")
_NONSPACE = re.compile(r"\S+")
_LETTERS = re.compile(r"[\p{L}'-]+")
_WORDS = re.compile(r"[\w'-]+")
_EXEMPT_AFTER = re.compile(r"\s*[-,(]?\s*(designate|elect|nominee|\(acting\)|acting|who was then|at the time)")


# The three biggest patterns (~6 ms to compile with ``regex``) are compiled on first
# use, so a run that lints nothing (every file cached) does not pay for them.
@functools.cache
def _word_run() -> re.Pattern[str]:
    return re.compile(rf"(?:{_PARTICLE}\s+){{0,2}}{_TOKEN}(?:\s+(?:{_PARTICLE}\s+){{0,2}}{_TOKEN}){{0,2}}")


@functools.cache
def _unknown_name() -> re.Pattern[str]:
    return re.compile(rf"{_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_TOKEN}){{1,2}}(?![\p{{L}}\d])")


_NOT_NAME = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "the", "on", "in", "at", "press", "conference", "briefing", "ministry",
    "office", "department", "government", "news", "daily", "times", "post", "agency", "spokesperson",
    "spokesman", "spokeswoman", "minister", "secretary", "president", "said", "told", "says", "and",
    "for", "of", "to", "with", "said", "regular", "foreign", "affairs", "state", "national", "council",
    "committee", "party", "house", "senate", "congress", "parliament", "embassy", "mission", "united",
    "nations", "republic", "kingdom", "union", "service", "tv", "radio", "twitter", "weibo",
    "palace", "street", "hall", "administration", "cabinet", "summit", "forum", "airport",
})


@functools.cache
def _past_cue() -> re.Pattern[str]:
    """Explicit time in a sentence that may put it before the article's own date."""
    return re.compile(
        r"(?i)\b(?:at the time|back then|years? ago|months? ago|decades? ago|in (?:his|her|their) (?:first|previous|earlier) (?:term|stint|tenure)|"
        r"under (?:the )?then|previous(?:ly)?|once served|had served|who served|while serving|during (?:his|her) (?:tenure|term)|"
        r"in the past|a decade earlier|years earlier|at that time|that year|the same year|the next day|"
        r"the following (?:day|week|month|year)|at that point)\b"
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
    sentence: tuple[int, int] = (0, 0)
    #: The sentence's folded text, which ``past_cue`` searches.
    clause: str = field(default="", repr=False)

    @functools.cached_property
    def office_ids(self) -> frozenset[str]:
        """The ids of ``offices`` (the finder sets them from its memo)."""
        return frozenset(o.id for o in self.offices)

    @functools.cached_property
    def past_cue(self) -> bool:
        """True when the sentence names a time that may put it before the article's date.

        Searched on first use only: a cue can only silence a finding, so most mentions
        (in office at the article's date) never need it.
        """
        return bool(_past_cue().search(self.clause))


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    data: tuple


Token = tuple[int, int, str]


class MentionFinder:
    """Compile the KB once; find mentions in any number of documents."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.index: PhraseIndex[tuple] = PhraseIndex()
        self.titles: dict[str, list[Office]] = {}
        self.persons: dict[str, list[Term]] = {}
        self.surnames: dict[str, set[str]] = {}
        self.place_exact: dict[str, set[str]] = {}
        self.place_lower: dict[str, set[str]] = {}
        self._added: set[tuple[str, tuple]] = set()
        self._cased: dict[str, set[tuple]] = {}
        for place in kb.places.values():
            for word in place.words:
                key = " ".join(word.split())
                if _has_caps(key):
                    self.place_exact.setdefault(key, set()).add(place.id)
                else:
                    self.place_lower.setdefault(key.lower(), set()).add(place.id)
        #: First words of every place phrase, lower-cased: a word not among them opens
        #: no place, which spares the lookups of longer phrases from it.
        self._place_heads = frozenset(k.split(" ")[0].lower() for k in [*self.place_exact, *self.place_lower])
        for office in kb.offices.values():
            for title in office.titles:
                key = normalize_phrase(title)
                if office not in self.titles.setdefault(key, []):
                    self.titles[key].append(office)
                self._add(title, ("title", key))
            for term in office.terms:
                pkey = person_key(term.name)
                self.persons.setdefault(pkey, []).append(term)
                for spelling in {term.name, *term.aliases}:
                    for variant in {spelling, ascii_fold(spelling)}:
                        self._add(variant, ("name", pkey))
                for surname in term.surnames:
                    self.surnames.setdefault(person_key(surname), set()).add(pkey)
        self.index.build()
        self._surname_heads = frozenset(k.split(" ")[0] for k in self.surnames)
        self._cased_patterns: dict[str, list[tuple[re.Pattern[str], set[tuple]]]] = {}
        # Only a key _CAPS_TOKEN can yield is ever looked up ("UN", "U.S."); phrases that
        # open with another word ("Director of the CIA") never match there.
        self._cased_keys = frozenset(k for k in {p.split()[0] for p in self._cased} if _CAPS_WORD.fullmatch(k))
        self._cased_start = self._cased_matcher()
        #: Place ids a title's own words name ("Kremlin spokesman"), by the title as written.
        self._title_places: dict[str, set[str]] = {}
        self._new_memos()

    def _new_memos(self) -> None:
        """Readings of short stretches of text, by the stretch as written.

        Each is a function of the stretch alone (offsets are kept relative to it), and
        articles and a corpus repeat them: the clause before a title (" the ", " Russian
        Deputy "), the words between a comma and a title, the capitalised run after one.
        """
        self._left_memo: Memo[str, tuple[set[str] | None, int | None, tuple[str, ...], str | None] | None] = Memo()
        self._between_memo: Memo[str, bool] = Memo()
        self._surname_memo: Memo[str, tuple[int, str] | None] = Memo()
        self._unknown_memo: Memo[str, bool] = Memo()
        self._surname_before_memo: Memo[str, tuple[int, str] | None] = Memo()
        #: A title's candidate offices and their ids, by title key and qualifying places.
        self._offices_memo: Memo[tuple[str, frozenset[str] | None], tuple[list[Office], frozenset[str]]] = Memo()

    def __getstate__(self) -> dict[str, object]:
        # The compiled KB is kept pickled (``linter.kb.compiled``); the Aho-Corasick
        # matchers cannot be pickled and are rebuilt (in about a millisecond).
        state = dict(self.__dict__)
        state.update(_cased_start=None, _cased_patterns={}, _title_places={}, _added=set(), _left_memo={},
                     _between_memo={}, _surname_memo={}, _unknown_memo={}, _surname_before_memo={},
                     _offices_memo={})
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._cased_start = self._cased_matcher()
        self._new_memos()

    def _cased_matcher(self) -> ahocorasick_rs.AhoCorasick | None:
        """Where a caps token that opens a case-sensitive phrase may start.

        One case-sensitive Aho-Corasick pass over the keys, far cheaper than trying
        ``_CAPS_TOKEN`` at every position. Leftmost matching reports every place a key
        starts that no earlier match covers, and a match covering a token's start would
        put a capital or a dot right before it, where no token starts.
        """
        if not self._cased_keys:
            return None
        return ahocorasick_rs.AhoCorasick(sorted(self._cased_keys), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)

    def _add(self, phrase: str, payload: tuple) -> None:
        """Index ``phrase``; all-capital ones ("US", "UN chief") go to the case-sensitive table."""
        if _has_caps(phrase):
            self._cased.setdefault(" ".join(phrase.split()), set()).add(payload)
        elif (phrase, payload) not in self._added:  # a second term adds nothing to match
            self._added.add((phrase, payload))
            self.index.add(phrase, payload)

    def _cased_for(self, token: str) -> list[tuple[re.Pattern[str], set[tuple]]]:
        """The patterns of the phrases opening with ``token`` ("U.S.", "UN"), longest first.

        Compiled on first sight of the token: compiling all of them costs ~15 ms at
        start-up, and an article names only a few.
        """
        table = self._cased_patterns.get(token)
        if table is None:
            table = []
            for phrase in sorted(self._cased, key=len, reverse=True):
                words = phrase.split()
                if words[0] == token:
                    pattern = re.compile(r"[^\S\n]+".join(re.escape(w) for w in words) + r"(?![\w])")
                    table.append((pattern, self._cased[phrase]))
            self._cased_patterns[token] = table
        return table

    # ----- places -----------------------------------------------------------------------
    def place(self, words: list[str]) -> set[str] | None:
        """Place ids named by ``words`` ("Russia's", "U.S.", "White House"), if any."""
        if not words:
            return None
        last = words[-1]
        if last.endswith("'s"):
            last = last[:-2]
        elif last.endswith("'"):
            last = last[:-1]
        key = " ".join([*words[:-1], last])
        return self.place_exact.get(key) or self.place_lower.get(key.lower())

    def _may_open(self, word: str) -> bool:
        """False when no place phrase starts with ``word`` (as written or as "X's")."""
        head = word.lower()
        heads = self._place_heads
        return head in heads or (head.endswith("'s") and head[:-2] in heads) \
            or (head.endswith("'") and head[:-1] in heads)

    def places_in(self, text: str, span: tuple[int, int] | None) -> set[str]:
        """Every place id named in ``text[span]`` (a sentence or paragraph)."""
        found: set[str] = set()
        if span is None:
            return found
        words = [w for _, _, w in _tokens(text, span[0], span[1])]
        i = 0
        while i < len(words):
            if not self._may_open(words[i]):
                i += 1
                continue
            for n in (3, 2, 1):
                ids = self.place(words[i:i + n]) if i + n <= len(words) else None
                if ids:
                    found |= ids
                    i += n
                    break
            else:
                i += 1
        return found

    def _places_in_title(self, written: str) -> set[str]:
        """``places_in`` over a title, memoised: the same few titles recur in every article."""
        found = self._title_places.get(written)
        if found is None:
            found = self._title_places[written] = self.places_in(written, (0, len(written)))
        return found

    # ----- hits -------------------------------------------------------------------------
    def _hits(self, doc: Document) -> tuple[list[_Hit], list[_Hit]]:
        """Title hits and full-name hits, each leftmost-longest."""
        text = doc.folded
        raw: dict[str, list[tuple[int, int, tuple]]] = {"title": [], "name": []}
        titles, names = raw["title"], raw["name"]
        for start, end, payload in self.index.find(doc):
            if payload[0] == "title":
                titles.append((start, end, payload))
            elif _capitalised(text[start:end]):
                names.append((start, end, payload))
        # A caps token can start only where one of the keys does, and tokens never
        # overlap, so matching _CAPS_TOKEN at those places finds the same tokens.
        starts = self._cased_start.find_matches_as_indexes(text) if self._cased_start is not None else ()
        for _, candidate, _ in starts:
            token = _CAPS_TOKEN.match(text, candidate)
            if token is None or token.group() not in self._cased_keys:
                continue
            for pattern, payloads in self._cased_for(token.group()):
                m = pattern.match(text, token.start())
                if m:
                    for payload in payloads:
                        raw[payload[0]].append((m.start(), m.end(), payload))
                    break
        return _leftmost_longest(titles, "title"), _leftmost_longest(names, "name")

    # ----- mentions ---------------------------------------------------------------------
    def find(self, doc: Document) -> list[Mention]:
        """Every title-and-name mention in ``doc``, with its place and cues."""
        cached = doc.cache.get("officeholder-mentions")
        if cached is not None and cached[0] is self:
            return cached[1]
        titles, names = self._hits(doc)
        mentions: list[Mention] = []
        if titles:
            name_starts = [h.start for h in names]
            for title in titles:
                mention = self._mention(doc, title, names, name_starts)
                if mention is not None:
                    mentions.append(mention)
        doc.cache["officeholder-mentions"] = (self, mentions)
        return mentions

    def _mention(self, doc: Document, title: _Hit, names: list[_Hit], name_starts: list[int]) -> Mention | None:
        text = doc.folded
        after = text[title.end:title.end + 3]
        if after[:1] == "-" or after.startswith("'s") or after.startswith("s'"):
            return None  # "President-elect", "the Prime Minister's office"
        # The name: right after the title ("... of Russia Vladimir Putin"), or before it.
        # Most titles have none, and unless "of <place>" follows, where to look does not
        # depend on the words before the title: then look first, and read those only
        # for a title with a name.
        m_of = _OF_PLACE.match(text, title.end)
        name = self._name(text, title, title.end, names, name_starts) if m_of is None else None
        if m_of is None and name is None:
            return None
        clause_start, left = self._left(text, title.start)
        if left is None:
            return None  # "Deputy Foreign Minister", "Assembly President": another office
        qualifier, q_start, words, cue = left
        if q_start is not None:
            q_start += clause_start
        if qualifier is None:
            # A title that names its place itself: "Kremlin spokesman", "UN chief".
            qualifier = self._places_in_title(text[title.start:title.end]) or None
        if m_of is not None:
            pos = title.end
            if qualifier is None:
                ahead = _tokens(text, m_of.end(), min(len(text), m_of.end() + 40))
                for n in (3, 2, 1):
                    ids = self.place([w for _, _, w in ahead[:n]]) if len(ahead) >= n else None
                    if ids:
                        qualifier, pos = ids, ahead[n - 1][1]
                        break
            name = self._name(text, title, pos, names, name_starts)
            if name is None:
                return None
        name_hit, name_end, name_text, form = name
        if name_hit is not None:
            name_text = text[name_hit.start:name_hit.end]
        if form == "after":
            start, end = (q_start if q_start is not None else title.start), name_end
        else:
            start, end = name_hit.start, title.end
        offices, office_ids = self._offices(title.data[0][1], qualifier)
        if not offices:
            return None  # no office of that title belongs to the place named
        mention = Mention(start, end, doc.text[title.start:title.end], name_text, list(offices),
                          next(iter(qualifier)) if qualifier and len(qualifier) == 1 else None,
                          qualifier is not None)
        mention.office_ids = office_ids
        if name_hit is not None:
            if name_hit.data[0][0] == "name":
                mention.known = sorted({p[1] for p in name_hit.data})
            else:
                mention.known = sorted({k for p in name_hit.data for k in self.surnames.get(p[1], ())})
                mention.surname_only = True
        if cue is None and form == "before" and name_hit is not None:
            cue = _word_cue(_WORDS.findall(text[name_hit.end:title.start]))
        mention.exempt = cue or _cue_after(text[end:end + 30].split("\n")[0])
        sentence = doc.sentence_at(title.start) or (start, end)
        mention.sentence = sentence
        mention.clause = text[sentence[0]:sentence[1]]
        return mention

    def _offices(self, key: str, qualifier: set[str] | None) -> tuple[list[Office], frozenset[str]]:
        """The offices titled ``key`` (of the places in ``qualifier`` when given) and
        their ids: a title such as "President" has dozens, filtered once per place."""
        memo_key = (key, frozenset(qualifier) if qualifier is not None else None)
        found = self._offices_memo.get(memo_key, UNSEEN)
        if found is UNSEEN:
            offices = self.titles[key]
            if qualifier is not None:
                offices = [o for o in offices if o.place in qualifier]
            found = self._offices_memo.keep(memo_key, (offices, frozenset(o.id for o in offices)))
        return found

    def _name(self, text: str, title: _Hit, pos: int, names: list[_Hit],
              name_starts: list[int]) -> tuple[_Hit | None, int, str, str] | None:
        """The name after ``pos`` (known, a known surname or an unknown name), else one
        before the title: ``(hit, end, unknown name, "after" or "before")``, or None."""
        gap = _NAME_GAP.match(text, pos)
        if gap and "\n" not in gap.group():
            name_start = gap.end()
            i = bisect.bisect_left(name_starts, name_start)
            if i < len(names) and names[i].start == name_start:
                return names[i], names[i].end, "", "after"
            hit = self._surname_at(text, name_start)
            if hit is not None:
                return hit, hit.end, "", "after"
            m = _unknown_name().match(text, name_start)
            if m and self._may_be_name(m.group()):
                return None, m.end(), m.group(), "after"
        hit = self._name_before(text, title.start, names, name_starts)
        return (hit, -1, "", "before") if hit is not None else None

    def _may_be_name(self, run: str) -> bool:
        """Whether a capitalised run after a title may be an unknown name: no word of it
        is never one, and it names no place ("Downing Street", "Elysee Palace")."""
        ok = self._unknown_memo.get(run, UNSEEN)
        if ok is UNSEEN:
            ok = self._unknown_memo.keep(run, not any(w.lower() in _NOT_NAME for w in run.split())
                                         and not self.places_in(run, (0, len(run))))
        return ok

    def _left(self, text: str, pos: int
              ) -> tuple[int, tuple[set[str] | None, int | None, tuple[str, ...], str | None] | None]:
        """Where the clause before ``pos`` starts, and what its words say of the title
        there (see ``_read_left``), read once per distinct clause."""
        floor = max(0, pos - 60)
        m = _CLAUSE_START.search(text[floor:pos])
        start = floor + (m.start() if m else -1) + 1
        clause = text[start:pos]
        read = self._left_memo.get(clause, UNSEEN)
        if read is UNSEEN:
            read = self._left_memo.keep(clause, self._read_left(clause))
        return start, read

    def _read_left(self, clause: str) -> tuple[set[str] | None, int | None, tuple[str, ...], str | None] | None:
        """The clause before a title: None when its last word makes the title part of
        another office; else the place qualifying the title and where it starts (offset
        in ``clause``), the clause's last four words and the exemption cue among them."""
        left = _tokens(clause, 0, len(clause))
        prev = left[-1][2].lower().strip("-") if left else ""
        if prev in _OTHER_OFFICE:
            return None
        qualifier, q_start = self._qualifier(left)
        if qualifier is None and left and left[-1][2][0].isupper() and prev not in _CAPITAL_OK and prev not in _EXEMPT:
            return None  # "Assembly President", "Election Commission chief": another office
        words = tuple(w for _, _, w in left[-4:])
        return qualifier, q_start, words, _word_cue(words)

    def _qualifier(self, left: list[Token]) -> tuple[set[str] | None, int | None]:
        """A place right before the title, past filler ("the EU's", "Russia's new")."""
        tail = list(left)
        for _ in range(2):
            if tail and (tail[-1][2].lower() in _FILLER or tail[-1][2].lower().strip("-") in _EXEMPT):
                tail.pop()
        for n in (3, 2, 1):
            if len(tail) >= n and self._may_open(tail[-n][2]):
                ids = self.place([w for _, _, w in tail[-n:]])
                if ids:
                    return ids, tail[-n][0]
        return None, None

    def _surname_at(self, text: str, pos: int) -> _Hit | None:
        """A known surname at ``pos`` ("Blinken", "von der Leyen"): looked up, not indexed.

        Surnames only count next to a title, so a dictionary lookup there is cheaper than
        matching every short surname ("Li", "Xi", "Ban") all over the text.
        """
        m = _word_run().match(text, pos)
        if not m:
            return None
        run = m.group()
        found = self._surname_memo.get(run, UNSEEN)
        if found is UNSEEN:
            found = self._surname_memo.keep(run, self._surname_in(run))
        if found is None:
            return None
        return _Hit(pos, pos + found[0], "name", (("surname", found[1]),))

    def _surname_in(self, run: str) -> tuple[int, str] | None:
        """The longest known surname opening ``run``: where it ends and its key."""
        ends = [a.end() for a in _NONSPACE.finditer(run)]
        # Every key tried starts with the first word's: most runs stop there.
        head = person_key(run[:ends[0]])
        if head and head.split(" ")[0] not in self._surname_heads:
            return None
        for end in reversed(ends):
            key = person_key(run[:end])
            if key in self.surnames:
                return end, key
        return None

    def _surname_before(self, text: str, end: int) -> _Hit | None:
        """A known surname ending at ``end`` (just before "Surname, the title")."""
        base = max(0, end - 40)
        window = text[base:end]
        found = self._surname_before_memo.get(window, UNSEEN)
        if found is UNSEEN:
            found = self._surname_before_memo.keep(window, self._surname_ending(window))
        if found is None:
            return None
        return _Hit(base + found[0], end, "name", (("surname", found[1]),))

    def _surname_ending(self, window: str) -> tuple[int, str] | None:
        """The known surname (of up to three words) ending ``window``: where it starts
        and its key."""
        words = list(_LETTERS.finditer(window))
        if not words or words[-1].end() != len(window):
            return None
        for n in range(min(3, len(words)), 0, -1):
            start = words[-n].start()
            key = person_key(window[start:])
            if key in self.surnames and window[start].isupper():
                return start, key
        return None

    def _name_before(self, text: str, title_start: int, names: list[_Hit], name_starts: list[int]) -> _Hit | None:
        """"Antony Blinken, the U.S. secretary of state": a name, a comma, filler, the title."""
        comma = text.rfind(",", max(0, title_start - 40), title_start)
        if comma < 0:
            return None
        between = text[comma + 1:title_start]
        plain = self._between_memo.get(between, UNSEEN)
        if plain is UNSEEN:
            plain = self._between_memo.keep(between, "\n" not in between and self._only_places_and_filler(between))
        if not plain:
            return None
        j = bisect.bisect_right(name_starts, comma) - 1
        if j >= 0 and names[j].end == comma:
            return names[j]
        return self._surname_before(text, comma)

    def _only_places_and_filler(self, between: str) -> bool:
        """True when the words between a name's comma and a title are only places and
        filler ("the U.S.", "Russia's top")."""
        words = [w for _, _, w in _tokens(between, 0, len(between))]
        i = 0
        while i < len(words):
            for n in (3, 2, 1) if self._may_open(words[i]) else ():
                if i + n <= len(words) and self.place(words[i:i + n]):
                    i += n
                    break
            else:
                if words[i].lower() not in _FILLER and words[i].lower().strip("-") not in _EXEMPT:
                    return False
                i += 1
        return True


def _start_then_longest(span: tuple[int, int, tuple]) -> tuple[int, int]:
    """Sort key of ``matching.leftmost_longest``: by start, the longest first."""
    return span[0], span[0] - span[1]


def _leftmost_longest(spans: list[tuple[int, int, tuple]], kind: str) -> list[_Hit]:
    """``matching.leftmost_longest`` of ``spans`` as hits in text order, each with the
    payloads of every span of its extent (in the order ``spans`` gives them).

    One pass over the sorted spans: the sort is stable and puts spans of one extent
    side by side, the first of them where leftmost-longest keeps it.
    """
    if len(spans) > 1:
        spans = sorted(spans, key=_start_then_longest)
    hits: list[_Hit] = []
    groups: list[list[tuple]] = []
    last_end = -1
    for a, b, payload in spans:
        if a >= last_end:
            hits.append(_Hit(a, b, kind, ()))
            groups.append([payload])
            last_end = b
        elif b == last_end and a == hits[-1].start:
            groups[-1].append(payload)
    for hit, group in zip(hits, groups):
        hit.data = tuple(group)
    return hits


def _has_caps(phrase: str) -> bool:
    return any(len(w) >= 2 and w.isupper() for w in phrase.replace(".", "").split())


def _capitalised(written: str) -> bool:
    words = [w for w in written.split() if w[:1].isalpha()]
    return bool(words) and words[0][0].isupper() and words[-1][0].isupper()


def _tokens(text: str, start: int, end: int) -> list[Token]:
    """Words of ``text[start:end]`` with their offsets; a sentence-final dot is dropped
    ("Russia." -> "Russia") but abbreviations keep theirs ("U.S.")."""
    out: list[Token] = []
    chunk = text[start:end]
    for m in (_ASCII_TOKEN if chunk.isascii() else _PLACE_TOKEN).finditer(chunk):
        word = m.group()
        if word[-1] == "." and "." not in word[:-1]:
            word = word[:-1]
        if word:
            at = start + m.start()
            out.append((at, at + len(word), word))
    return out


def _word_cue(words: Iterable[str]) -> str | None:
    """The first cue among ``words`` that makes a mention historical or prospective."""
    for word in words:
        for part in word.lower().strip(".").split("-"):
            if part in _EXEMPT:
                return part
    return None


def _cue_after(tail: str) -> str | None:
    """Such a cue right after a mention ("..., who was then", "-designate")."""
    m = _EXEMPT_AFTER.match(tail.lower())
    return m.group(1).strip("()") if m else None
