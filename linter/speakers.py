"""Attribute quotes to speakers: who said it, by which cue, and whether the source is vague.

News copy ties a quote to its speaker in a handful of ways: a speech verb next to a noun
phrase ("..., the ministry said", "said Smith", "Smith told reporters: ..."), "according
to X", a colon introduction, a dash after the quote ("...” — Name"), or the sentence or
paragraph around it. We look outward from the quote - its sentence, the sentences next
to it, its paragraph, the paragraph introducing it - and stop at the first level that
names anyone. Quoted text is masked first, so words inside quotes never count as cues.

A speaker phrase is *vague* when it contains one of the always-vague phrases ("official
sources", "people familiar with") or a group noun ("officials", "sources") with nothing
that names a body or person (a country adjective such as "U.S." names no one). A named
speaker anywhere in the quote's own sentence wins over a vague one: precision first.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from typing import Iterable, NamedTuple, Sequence

from linter.document import Document
from linter.quote_lexicon import Lexicon
from linter.quotes import SCARE, SPEECH, TITLE, Quote, RawQuote

Span = tuple[int, int]

# Words keep inner apostrophes, hyphens, dots and digit commas (U.S, 6,000); a word's
# final dot is split off as a token of its own (``\S``), and ``_tokens`` joins it back
# when the word is an abbreviation.
#: Plain repeats, not possessive ones (about 12% faster to split): those do not exist
#: before Python 3.11, and Python 3.11.2's ``re`` splits "U.S." wrongly with them.
_TOKEN_SPLIT = re.compile(r"([^\W_]+(?:['\-.,][^\W_]+)*|\x00+|\S)")
#: A comma between two letters or digits (inside a word); the leading literal lets ``re``
#: skip to each comma instead of testing every position.
_INNER_COMMA = re.compile(r",(?=[^\W_])(?<=[^\W_],)")
_new_tuple = tuple.__new__
_KEEP_DOT = frozenset(
    "mr mrs ms dr prof sen rep gov gen lt col capt sgt rev st hon maj adm cmdr insp det supt amb jr sr".split()
)
_MASK = "\x00"
_NOT_NEWLINE = re.compile(r"[^\n]")
_LOWER_RUN = re.compile(r"[a-z]+")
_QUOTE_WORD = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*")
_KEY_WORD = re.compile(r"\w+")
_bisect_right = bisect.bisect_right
_bisect_left = bisect.bisect_left
_HYPHEN_RUN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_DASH_AFTER = re.compile(r"[ \t]*(?:\n[ \t>]*)?(?:-{1,3}|\u2015)[ \t]*(?=[^\W\d_])")
_DASH_LINE = re.compile(r"^[ \t>]*(?:-{1,3}|\u2015)[ \t]*(?=[^\W\d_])")
_NAME_RUN = re.compile(r"[A-Z\u00C0-\u00DE][\w'\-.]*(?:[ \t]+(?:(?:of|the|de|al|bin|van|von|der|la|le|for)[ \t]+)*[A-Z\u00C0-\u00DE][\w'\-.]*)*")
_EMBED_CREDIT = re.compile(
    r"\s-{1,2}\s*([A-Z\u00C0-\u00DE][^\n(]{0,80}?)\s*\(@\w+\)"
)
_HEADLINE_COLON = re.compile(r"[ \t]*:[ \t]+([^\W\d_][\w'.\-]*(?:[ \t]+[\w'.\-]+){0,2})")
_DEMONYM = re.compile(r"(?:an|ian|ean|ese|ish|i)$")
_LISTENER_CUES = frozenset({"told", "tells", "telling", "urged", "urges", "thanked", "assured", "reassured",
                            "accused", "threatened", "begged", "asking"})
_FORWARD_CUES = frozenset({"according to", "quoting", "quoted", "citing", "cited"})
#: Characters before a quote in which ``may_be_title_cue`` first looks for the last word.
_TITLE_WINDOW = 40
#: The characters a dash attribution or a headline colon right after a quote starts with.
_DASH_OR_COLON_OPENERS = frozenset(" \t\n-\u2015:")
_FRAGMENT_WORDS = 6
_SHORT_WORDS = 3


@dataclass(slots=True)
class Candidate:
    """A speaker phrase found next to a cue."""

    start: int
    end: int
    text: str
    cue: str
    vague: str | None = None
    #: Where the cue itself starts (candidates of a range are those whose cue is in it).
    at: int = -1
    #: True when only a group noun ("officials") makes it vague, not a vague phrase.
    soft: bool = False


class _Token(NamedTuple):
    start: int
    end: int
    text: str
    lower: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


class _Toks(NamedTuple):
    """A sentence's tokens as four parallel lists: the phrase walkers read a field of a
    token at a time, and building a tuple per token would cost as much as finding it."""

    starts: list[int]
    ends: list[int]
    texts: list[str]
    lowers: list[str]

    def token(self, i: int) -> _Token:
        return _Token(self.starts[i], self.ends[i], self.texts[i], self.lowers[i])


def _tokens(text: str, a: int, b: int) -> _Toks:
    """Tokens of ``text[a:b]``; a word's final dot is its own token unless it abbreviates.

    One ``split`` finds every token and ``accumulate`` their offsets, so the per-token
    work runs in C. The split leaves every final dot apart already (the common case, a
    sentence's last word); only the few words that keep theirs (abbreviations, "U.S.")
    or hold a comma ("Hello,world") are found with ``str.find`` and redone by
    ``_split_word``. This is the attribution's hottest loop (a sentence is tokenised
    when a quote looks at it).
    """
    chunk = text[a:b]
    parts = _TOKEN_SPLIT.split(chunk)
    offsets = list(accumulate(map(len, parts), initial=a))
    words = parts[1::2]
    starts = offsets[1::2]
    ends = offsets[2::2]
    fixes: dict[int, tuple[int, list[_Token]]] = {}
    size = len(chunk)
    # A final dot: one right after a letter or digit and before none (else it is inside a word).
    dot = chunk.find(".")
    while dot != -1:
        if dot and chunk[dot - 1].isalnum() and not (dot + 1 < size and chunk[dot + 1].isalnum()):
            k = _bisect_right(starts, a + dot - 1) - 1
            stem = words[k]
            if "." in stem or stem.lower() in _KEEP_DOT or (len(stem) == 1 and stem.isupper()):
                word = stem + "."
                fixes[k] = (2, _split_word(_Token(starts[k], a + dot + 1, word, word.lower())))
        dot = chunk.find(".", dot + 1)
    # A comma inside a word; a word with a final dot keeps its commas unless it keeps its dot.
    for m in _INNER_COMMA.finditer(chunk) if "," in chunk else ():
        k = _bisect_right(starts, a + m.start()) - 1
        word = words[k]
        after = ends[k] - a
        if not (after < size and chunk[after] == ".") and not word.replace(",", "").isdigit():
            # (a figure such as 6,000 stays one token)
            fixes[k] = (1, _split_word(_Token(starts[k], ends[k], word, word.lower())))
    if not fixes:
        return _Toks(starts, ends, words, list(map(str.lower, words)))
    out = list(map(_new_tuple, repeat(_Token), zip(starts, ends, words, map(str.lower, words))))
    for k in sorted(fixes, reverse=True):
        span, repl = fixes[k]
        out[k:k + span] = repl
    return _Toks(*map(list, zip(*out)))


def _split_word(tok: _Token) -> list[_Token]:
    """A word token with a final dot or a comma, split the way ``_tokens`` promises."""
    word, start, end = tok.text, tok.start, tok.end
    if word[-1] == "." and len(word) > 1:
        stem = word[:-1]
        low = stem.lower()
        if not ("." in stem or low in _KEEP_DOT or (len(stem) == 1 and stem.isupper())):
            return [_Token(start, end - 1, stem, low), _Token(end - 1, end, ".", ".")]
    if "," in word and not word.replace(",", "").replace(".", "").isdigit():
        # "Hello,world" glued by a missing space: split at the comma.
        out: list[_Token] = []
        pos = start
        for piece in word.split(","):
            if piece:
                out.append(_Token(pos, pos + len(piece), piece, piece.lower()))
            pos += len(piece)
            if pos < end:
                out.append(_Token(pos, pos + 1, ",", ","))
                pos += 1
        return out
    return [tok]


def _has_letter(texts: list[str], first: int, last: int) -> bool:
    """True when a token in ``texts[first:last + 1]`` starts with a letter."""
    for k in range(first, last + 1):
        if texts[k][0].isalpha():
            return True
    return False


class _Attributor:
    """Attribution state for one document: the masked text and per-sentence caches."""

    def __init__(self, doc: Document, raw: Sequence[RawQuote], lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.masked = _mask(doc.folded, raw)
        self.paragraphs = doc.paragraphs
        self.para_starts = [a for a, _ in self.paragraphs]
        self.sentence_spans = doc.sentences
        self.sentence_starts = doc.sentence_starts
        # Tokens and cue candidates are built per sentence, only where a quote looks.
        self._tokens: dict[int, _Toks] = {}
        self._cands: dict[int, list[Candidate]] = {}
        self._vague: dict[int, list[tuple[int, int, str]]] | None = None
        self.apposition: Span | None = None
        self._vague_seen = _memo(lex.vague_pattern)
        self._group_seen = _memo(lex.group_pattern)
        # Word sets the phrase walkers test per token, built once instead of per test.
        self.leading = lex.determiners | {"'"}
        self.skip_after = lex.skip - {"in"}

    # ----- prefilters -----------------------------------------------------------
    def may_be_title_cue(self, a: int, b: int) -> bool:
        """False when the last word token in ``[a, b)`` can be no title cue's last word.

        ``[a, b)`` must be the start of one sentence and ``b`` no offset inside a word (a
        quote's opening mark). The last hyphenated run of letters and digits there is
        that word token whenever it is a title word (plain letters and hyphens).
        """
        words = self.lex.title_words
        if words is None:
            return True
        # The last run is the first one in the reversed text (runs read the same backwards).
        lo = b - _TITLE_WINDOW
        if lo > a:
            # Only the tail matters: a run starting two or more characters into it cannot
            # reach further left (a joining hyphen would need a letter before it there).
            low = self.masked[lo:b].lower()
            if len(low) != b - lo:
                return True
            last = _HYPHEN_RUN.search(low[::-1])
            if last is not None and last.end() <= b - lo - 2:
                return last.group()[::-1] in words
        low = self.masked[a:b].lower()
        if len(low) != b - a:
            return True
        last = _HYPHEN_RUN.search(low[::-1])
        return last is not None and last.group()[::-1] in words

    # ----- geometry -------------------------------------------------------------
    def para_index(self, offset: int) -> int:
        i = _bisect_right(self.para_starts, offset) - 1
        return i if i > 0 else 0

    def sentence_index(self, offset: int) -> int:
        i = _bisect_right(self.sentence_starts, offset) - 1
        return i if i > 0 else 0

    def sentence_tokens(self, index: int) -> _Toks:
        cached = self._tokens.get(index)
        if cached is None:
            a, b = self.sentence_spans[index] if self.sentence_spans else (0, 0)
            cached = self._tokens[index] = _tokens(self.masked, a, b)
        return cached

    def tokens_between(self, a: int, b: int) -> list[_Token]:
        """Tokens starting in ``[a, b)``."""
        out: list[_Token] = []
        for index in range(self.sentence_index(a), self.sentence_index(max(b - 1, a)) + 1):
            toks = self.sentence_tokens(index)
            starts = toks.starts
            out += [toks.token(i) for i in range(_bisect_left(starts, a), _bisect_left(starts, b))]
        return out

    def vague_spans(self, para: int) -> list[tuple[int, int, str]]:
        """Always-vague phrases in a paragraph, outside quotes (one pass per document)."""
        spans = self._vague if self._vague is not None else self.all_vague_spans()
        return spans.get(para, [])

    def all_vague_spans(self) -> dict[int, list[tuple[int, int, str]]]:
        """Always-vague phrases outside quotes by paragraph, found in one pass and kept."""
        found: dict[int, list[tuple[int, int, str]]] = {}
        index = self.lex.vague_index
        if index is not None:
            for a, b, phrase in index.find(self.doc):
                if self.masked[a] != _MASK:
                    found.setdefault(self.para_index(a), []).append((a, b, self.doc.text[a:b]))
            for spans in found.values():
                spans.sort()
        self._vague = found
        return found

    def sentence(self, offset: int) -> Span:
        found = self.doc.sentence_at(offset)
        if found is not None:
            return found
        return self.paragraphs[self.para_index(offset)]

    def sentences_of(self, para: int) -> list[Span]:
        a, b = self.paragraphs[para]
        starts = self.doc.sentence_starts
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b)
        return self.doc.sentences[lo:hi]

    # ----- candidates -----------------------------------------------------------
    def candidates(self, a: int, b: int) -> list[Candidate]:
        """Speaker phrases tied to a cue inside ``[a, b)`` (outside quotes)."""
        starts = self.sentence_starts
        if not starts:
            return []
        first = _bisect_right(starts, a) - 1
        last = _bisect_right(starts, b - 1 if b > a else a) - 1
        if first < 0:
            first = 0
        if last <= first:
            # One sentence (nearly every call): its cached list, filtered.
            found = self._cands.get(first)
            if found is None:
                found = self._cands[first] = self._sentence_candidates(first)
            return [c for c in found if a <= c.at < b] if found else []
        out: list[Candidate] = []
        for index in range(first, last + 1):
            found = self.sentence_candidates(index)
            if found:
                out += [c for c in found if a <= c.at < b]
        return out

    def sentence_candidates(self, index: int) -> list[Candidate]:
        """All candidates of sentence ``index`` (cached)."""
        found = self._cands.get(index)
        if found is None:
            found = self._cands[index] = self._sentence_candidates(index)
        return found

    def quotes_in_sentence(self, index: int) -> bool:
        """True when sentence ``index`` holds a quote and ``sentence()`` of any offset in it is itself."""
        a, b = self.sentence_spans[index]
        spans = self.sentence_spans
        alone = index + 1 == len(spans) or spans[index + 1][0] >= b
        return alone and a < b and _MASK in self.masked[a:b]

    def _sentence_candidates(self, index: int) -> list[Candidate]:
        sa, sb = self.sentence_spans[index]
        words = self.lex.cue_words
        if words is not None:
            # No cue token, no tokenising (the cost). A cue's first word is plain lower-case
            # letters, and a token starts at its sentence's start or after a character that
            # is no letter or digit, and ends likewise; so a cue token is one whole run of
            # ``[a-z]`` in the lower-cased text (unless lowering moved offsets, as "İ" does).
            low = self.masked[sa:sb].lower()
            if len(low) == sb - sa and words.isdisjoint(_LOWER_RUN.findall(low)):
                return []
        toks = self._tokens.get(index)
        if toks is None:
            toks = self._tokens[index] = _tokens(self.masked, sa, sb)
        index = self.lex.cues
        starts, ends, texts, lowers = toks
        found = index.keys() & lowers
        if not found:
            return []
        vague = self._vague if self._vague is not None else self.all_vague_spans()
        hidden = vague.get(self.para_index(sa)) if vague else None
        out: list[Candidate] = []
        lo, hi = 0, len(lowers)
        # Only the cue words' positions, found in C: the loop body is the real work.
        for i in compress(range(hi), map(found.__contains__, lowers)):
            low = lowers[i]
            for rest in index[low]:
                if not rest or all(i + 1 + k < hi and lowers[i + 1 + k] == w for k, w in enumerate(rest)):
                    break
            else:
                continue
            at = starts[i]
            if hidden and any(x <= at and ends[i] < y for x, y, _ in hidden):
                continue
            cue = " ".join((low, *rest)) if rest else low
            j = i + 1 + len(rest)
            span = None
            self.apposition = None
            if cue.endswith("ing") and i > 0 and texts[i - 1] == ",":
                # "..., saying ...": the speaker is the subject of the main clause.
                span = self._clause_subject(toks, i)
            elif cue not in _FORWARD_CUES:
                span = self._before(toks, i, lo)
            if span is None and cue not in _LISTENER_CUES and (cue in _FORWARD_CUES or self._inverted(toks, i, lo)):
                span = self._after(toks, j, hi)
            if span is not None:
                out.append(self._candidate(span, cue, toks, at))
        return out

    def _clause_subject(self, toks: _Toks, i: int) -> tuple[int, int] | None:
        """Token span of the first words of the sentence holding token ``i``."""
        texts, lowers = toks.texts, toks.lowers
        k = 0
        if lowers[k] in _STARTERS:
            comma = next((n for n in range(k, min(k + 8, i)) if texts[n] == ","), None)
            if comma is None:
                return None
            k = comma + 1
        while k < i and lowers[k] in self.lex.determiners:
            k += 1
        end = k
        while end < i and end - k < 4 and texts[end][0].isalnum() and lowers[end] not in self.lex.stop:
            end += 1
        if end == k or not texts[k][0].isalpha():
            return None
        return k, end - 1

    def _inverted(self, toks: _Toks, i: int, lo: int) -> bool:
        """True when the cue opens its clause: '“...,” said Smith' or 'Said Smith: ...'."""
        lowers, skip = toks.lowers, self.lex.skip
        j = i - 1
        while j >= lo and lowers[j] in skip:
            j -= 1
        if j < lo:
            return True
        t = toks.texts[j]
        return t in ',".!?' or t.startswith(_MASK)

    def _before(self, toks: _Toks, i: int, lo: int) -> tuple[int, int] | None:
        """The speaker phrase ending before cue token ``i``, as token indices.

        An apposition between speaker and cue ("Smith, a spokesman, said") is skipped;
        ``self.apposition`` keeps its span so a vague one ("who asked not to be named")
        still makes the source vague (the caller resets it per cue).
        """
        texts, lowers, skip = toks.texts, toks.lowers, self.lex.skip
        j = i - 1
        while j >= lo and lowers[j] in skip:
            j -= 1
        if j >= lo and texts[j] == ",":
            # "Smith, a spokesman for the ministry, said": skip the apposition.
            k = j - 1
            while k >= lo and k > j - 14 and texts[k] not in ",\"" and not texts[k].startswith(_MASK):
                k -= 1
            if k < lo or texts[k] != ",":
                return None
            self.apposition = (toks.starts[k], toks.ends[j])
            j = k - 1
        if j >= lo and lowers[j] in ("who", "which"):
            j -= 1
            if j >= lo and texts[j] == ",":
                j -= 1
        end = j
        stop, glue, cues = self.lex.stop, self.lex.glue, self.lex.cues
        while j >= lo and end - j < 8:
            text = texts[j]
            low = lowers[j]
            if text[0].isalnum() and (low not in stop or low in glue) and low not in cues:
                j -= 1
                continue
            if text in ("'", "&") and j > lo:
                j -= 1
                continue
            break
        first = j + 1
        leading = self.leading
        while first <= end and lowers[first] in leading:
            first += 1
        if first > end or not _has_letter(texts, first, end):
            return None
        return first, end

    def _after(self, toks: _Toks, j: int, hi: int) -> tuple[int, int] | None:
        texts, lowers, skip = toks.texts, toks.lowers, self.skip_after
        while j < hi and lowers[j] in skip:
            j += 1
        begin = j
        stop, glue = self.lex.stop, self.lex.glue
        while j < hi and j - begin < 9:
            low = lowers[j]
            if texts[j][0].isalnum() and (low not in stop or low in glue):
                j += 1
                continue
            break
        first = begin
        while first < j and lowers[first] in self.lex.determiners:
            first += 1
        # Trailing glue words ("of the") do not end a phrase.
        end = j - 1
        while end >= first and lowers[end] in glue:
            end -= 1
        if end < first or not _has_letter(texts, first, end):
            return None
        return first, end

    def _candidate(self, found: tuple[int, int], cue: str, toks: _Toks, at: int) -> Candidate:
        first, last = found
        # Keep the article for reading ("the Russian foreign ministry").
        lead = first - 1 if first > 0 and toks.lowers[first - 1] in self.lex.determiners else first
        start, end = toks.starts[lead], toks.ends[last]
        text = " ".join(self.doc.text[start:end].split())
        pattern = self.lex.vague_pattern
        phrase = _first_match(pattern, text, self._vague_seen) if pattern is not None else None
        if phrase is not None:
            vague, soft = phrase, False
        else:
            # Only a group noun can make it vague now: a soft vagueness.
            vague = self.group_vagueness(toks, first, last, text)
            soft = vague is not None
        if self.apposition is not None and self.lex.vague_pattern is not None:
            m = self.lex.vague_pattern.search(self.masked, *self.apposition)
            if m:
                vague, soft = m.group(), False
        return Candidate(start, end, text, cue, vague, at, soft)

    def group_vagueness(self, toks: _Toks, first: int, last: int, text: str) -> str | None:
        """``text`` (tokens ``first`` to ``last``) when a group noun ("officials") makes a
        speaker phrase with no vague phrase vague, or None when it names someone."""
        lex = self.lex
        if lex.group_pattern is None:
            return None
        if _first_match(lex.group_pattern, text, self._group_seen) is None:
            return None
        texts, lowers = toks.texts, toks.lowers
        for k in range(first, last + 1):
            low = lowers[k]
            if low in lex.bodies:
                return None
            initial = texts[k][0]
            if not initial.isalnum() or not initial.isupper():
                continue
            if low in lex.modifiers or low in lex.vague_words or low in lex.determiners or low in lex.skip:
                continue
            if low in lex.stop or low in lex.glue:
                continue
            if _DEMONYM.search(low) and len(low) > 3:
                continue
            return None
        return text

    def vague_in(self, a: int, b: int) -> Candidate | None:
        """An always-vague phrase ("it is believed") anywhere in ``[a, b)`` outside quotes."""
        for para in range(self.para_index(a), self.para_index(max(b - 1, a)) + 1):
            for x, y, phrase in self.vague_spans(para):
                if a <= x < b:
                    return Candidate(x, y, self.doc.text[x:y], "vague", phrase)
        return None

    def subject(self, a: int, b: int, *, strict: bool, loose: bool = False) -> Candidate | None:
        """The named subject opening ``[a, b)``: a pronoun or a capitalised name run.

        With ``loose``, a determiner phrase counts too ("The minister wondered ...").
        """
        toks = self.tokens_between(a, b)
        if not toks:
            return None
        first = toks[0]
        if first.lower in _STARTERS:
            # "For 40 years, Margaret Hale climbed ...": the subject follows the opener.
            comma = next((i for i, t in enumerate(toks[:8]) if t.text == ","), None)
            if comma is None or comma + 1 >= len(toks):
                return None
            first = toks[comma + 1]
        if first.lower in ("he", "she", "they", "we", "i"):
            return Candidate(first.start, first.end, first.text, "context")
        if loose and first.lower in self.lex.determiners:
            return self._determiner_phrase(toks, toks.index(first))
        m = _NAME_RUN.match(self.masked, first.start, b)
        if not m:
            return None
        words = m.group().split()
        if words[0].lower() in self.lex.stop | self.lex.determiners | self.lex.skip | _STARTERS:
            return None
        if strict and len(words) < 2:
            return None
        text = _clean(self.doc.text[m.start():m.end()])
        return Candidate(m.start(), m.end(), text, "context")

    def _determiner_phrase(self, toks: list[_Token], k: int) -> Candidate | None:
        """ "The minister" in "The minister wondered ...": up to four words, stopping at a verb-like word."""
        end = k + 1
        lex = self.lex
        while end < len(toks) and end - k <= 4:
            t = toks[end]
            if not t.is_word or t.lower in lex.stop or t.lower in lex.skip or t.lower in lex.cues or t.lower.endswith("ed"):
                break
            end += 1
        if end == k + 1:
            return None
        a, b = toks[k].start, toks[end - 1].end
        return Candidate(a, b, _clean(self.doc.text[a:b]), "context")

    def colon_intro(self, start: int) -> Candidate | None:
        """The speaker of a clause ending in a colon right before ``start``."""
        masked = self.masked
        k = start - 1
        if k < 0 or masked[k] != ":" and not masked[k].isspace():
            return None  # most quotes: a word or a mark right before them
        para = self.para_index(k)
        pa, _ = self.paragraphs[para]
        # The last character before ``start`` that is no whitespace, found without
        # copying the paragraph (most quotes have none or no colon there).
        while k >= pa and masked[k].isspace():
            k -= 1
        if k >= pa and masked[k] == ":":
            stop = k + 1
            sent = self.sentence(k)
            a = max(sent[0], pa)
            cands = [c for c in self.candidates(a, stop) if c.end <= start]
            if cands:
                c = cands[-1]
                return Candidate(c.start, c.end, c.text, "colon", c.vague, soft=c.soft)
            vague = self.vague_in(a, stop)
            if vague is not None:
                return Candidate(vague.start, vague.end, vague.text, "colon", vague.vague)
            subj = self.subject(a, stop, strict=False)
            if subj is not None:
                return Candidate(subj.start, subj.end, subj.text, "colon")
            # Any introducing clause ("The ruling reads:", "The chorus goes:") names a
            # source of some kind; keep its first words as the speaker.
            words = [t for t in self.tokens_between(a, stop) if t.is_word]
            if len(words) >= 2:
                first, last = words[0], words[min(3, len(words) - 1)]
                return Candidate(first.start, last.end, _clean(self.doc.text[first.start:last.end]), "colon")
        return None

    def headline_colon(self, end: int) -> Candidate | None:
        """A headline's "‘Quote’: Minister hails deal" - the words after the colon name the source."""
        m = _HEADLINE_COLON.match(self.doc.folded, end)
        if not m:
            return None
        a, b = m.span(1)
        name = _NAME_RUN.match(self.doc.folded, a, b)
        if name:
            b = name.end()
        return Candidate(a, b, _clean(self.doc.text[a:b]), "colon")

    def dash_after(self, end: int) -> Candidate | None:
        """A dash attribution right after a quote: “...” — Name, Title."""
        m = _DASH_AFTER.match(self.doc.folded, end)
        if not m:
            return None
        line_end = self.doc.text.find("\n", m.end())
        line_end = len(self.doc.text) if line_end == -1 else line_end
        name = _NAME_RUN.match(self.doc.folded, m.end(), line_end)
        if not name:
            return None
        text = _clean(self.doc.text[name.start():name.end()])
        return Candidate(name.start(), name.end(), text, "dash")

    def embed_credit(self, end: int) -> Candidate | None:
        """An embedded post's credit later on the quote's line: “...” pic.x.com/... — Name (@handle)."""
        if self.doc.folded.find("(@", end, end + 160) == -1:
            return None  # no handle: nearly every quote
        para = self.paragraphs[self.para_index(end)]
        m = _EMBED_CREDIT.search(self.doc.folded, end, min(para[1], end + 160))
        if not m:
            return None
        text = _clean(self.doc.text[m.start(1):m.end(1)])
        return Candidate(m.start(1), m.end(1), text, "dash")

    def dash_line(self, para: int) -> Candidate | None:
        """A paragraph (or block-quote line) that is only a dash attribution."""
        a, b = self.paragraphs[para]
        m = _DASH_LINE.match(self.doc.folded, a, b)
        if not m:
            return None
        name = _NAME_RUN.match(self.doc.folded, m.end(), b)
        if not name:
            return None
        text = _clean(self.doc.text[name.start():name.end()])
        return Candidate(name.start(), name.end(), text, "dash")


_STARTERS = frozenset("""but and however yet still now there here it this that in on at for with after before
during while when as if since although though despite meanwhile moreover furthermore also so then
thus instead today yesterday last next many some most all both each every no such another other one
two three follow read see click subscribe share watch listen sign asked her his their its our
my your for from when after before by under over speaking according writing
responding pressed referring interviewed reached contacted""".split())


def attribute(doc: Document, raw: Sequence[RawQuote], lex: Lexicon) -> list[Quote]:
    """Attribute every raw quote of ``doc`` and return the finished ``Quote`` records."""
    if not raw:
        return []
    state = _Attributor(doc, raw, lex)
    out: list[Quote] = []
    for q in raw:
        out.append(_attribute_one(state, q, out))
    return _reuse_repeated(out)


def _attribute_one(st: _Attributor, q: RawQuote, earlier: list[Quote]) -> Quote:
    doc = st.doc
    if len(q.inner) == 1:
        a, b = q.inner[0]
        text = " ".join(doc.text[a:b].split())
    else:
        text = "\n".join(" ".join(doc.text[a:b].split()) for a, b in q.inner).strip()
    words = len(_QUOTE_WORD.findall(text))
    start, end = q.start, q.end
    own = doc.sentence_at(start)
    first_sent = own if own is not None else st.paragraphs[st.para_index(start)]
    kind = TITLE if _is_title(st, q, text, words, own, first_sent) else SPEECH
    last_sent = st.sentence(end - 1)
    # 1. The quote's own sentences, a dash after it, a colon before it.
    if doc.folded[end:end + 1] in _DASH_OR_COLON_OPENERS:
        found = st.dash_after(end) or st.embed_credit(end) or st.headline_colon(end)
    else:
        found = st.embed_credit(end)  # no dash or colon can follow: most quotes
    if found is None:
        cands: list[Candidate] = []
        if len(q.parts) == 1:
            cands += st.candidates(first_sent[0], last_sent[1])
        else:
            for a, b in q.parts:
                s1, s2 = st.sentence(a), st.sentence(b - 1)
                cands += st.candidates(s1[0], s2[1])
        colon = st.colon_intro(start)
        if colon is not None:
            cands.append(colon)
        found = _pick(cands, (start, end)) or st.vague_in(first_sent[0], last_sent[1])
        if found is not None and found.soft and not any(c.vague and not c.soft for c in cands):
            found = _soften(st, found, q)
    short = words <= _SHORT_WORDS
    fragment = not short and words <= _FRAGMENT_WORDS and _is_fragment(st, q, text)
    if kind == TITLE:
        return _quote(q, text, words, TITLE, found if found is not None and found.vague is None else None)
    if short:
        if found is not None and found.vague is None:
            return _quote(q, text, words, SPEECH, _resolve(st, found, q, earlier))
        return _quote(q, text, words, SCARE, None)
    if found is None and first_sent[0] < start:
        # A quote inside the writer's sentence belongs to that sentence's subject.
        found = st.subject(first_sent[0], start, strict=False, loose=True)
    if found is None:
        found = _wider(st, q, first_sent, last_sent, earlier)
    if found is None and fragment:
        return _quote(q, text, words, SCARE, None)
    if found is not None and found.vague is None:
        found = _resolve(st, found, q, earlier)
    return _quote(q, text, words, kind, found)


def _wider(st: _Attributor, q: RawQuote, first_sent: Span, last_sent: Span, earlier: list[Quote]) -> Candidate | None:
    """Look around the quote: neighbouring sentences, paragraph, introducing paragraph."""
    para = st.para_index(q.start)
    last_para = st.para_index(q.end - 1)
    sents = st.sentences_of(para)
    before = [s for s in sents if s[1] <= first_sent[0]]
    after = [s for s in st.sentences_of(last_para) if s[0] >= last_sent[1]]
    # 2. The sentence before, then the sentence after.
    for sent in (before[-1:] + after[:1]):
        found = _pick(st.candidates(*sent)) or st.vague_in(*sent)
        if found is not None:
            return found
    # 3. Anywhere else in the paragraph(s).
    for p in range(para, last_para + 1):
        a, b = st.paragraphs[p]
        cands = [c for c in st.candidates(a, b) if not (q.start <= c.start < q.end)]
        found = _pick(cands) or st.vague_in(a, b)
        if found is not None:
            return found
    for sent in (before[-1:] + after[:1]):
        found = st.subject(*sent, strict=False)
        if found is not None:
            return found
    # 4. A dash line after the quote (block quotes, pull quotes).
    if q.block:
        found = st.dash_line(st.para_index(q.end - 1))
        if found is not None:
            return found
    if last_para + 1 < len(st.paragraphs):
        found = st.dash_line(last_para + 1)
        if found is not None:
            return found
    # 5. The paragraph before, when the quote opens its paragraph.
    pa, _ = st.paragraphs[para]
    if para > 0 and not st.masked[pa:q.start].strip():
        prev = para - 1
        a, b = st.paragraphs[prev]
        prior = [e for e in earlier if a <= e.start < b and e.speaker is not None]
        if prior:
            p = prior[-1]
            return Candidate(p.speaker_start or p.start, p.speaker_end or p.end, p.speaker or "",
                             "continued", p.vague)
        prev_sents = st.sentences_of(prev)
        if prev_sents and st.masked[a:b].rstrip().endswith(":"):
            colon = st.colon_intro(b)
            if colon is not None:
                return colon
        if prev_sents:
            last = prev_sents[-1]
            found = _pick(c for c in st.candidates(*last) if c.cue in st.lex.introducing) or st.vague_in(*last)
            if found is not None:
                return found
            found = st.subject(*last, strict=True)
            if found is not None:
                return found
            # Any named speaker of a plain reporting verb earlier in that paragraph.
            named = [c for c in st.candidates(a, last[0]) if c.cue in st.lex.introducing and c.vague is None]
            if named:
                return named[-1]
    # 6. A quote standing alone as a paragraph (a lead-in quote) is often attributed by
    # the first sentence after it: "“We were lucky.” / That is how Ana Ruiz remembers it."
    last_a, last_b = st.paragraphs[last_para]
    alone = not st.masked[pa:q.start].strip() and not st.masked[q.end:last_b].strip(" \t.,;:!?")
    if alone and last_para + 1 < len(st.paragraphs):
        next_sents = st.sentences_of(last_para + 1)
        # Only a sentence with no quote of its own: its cue is not someone else's.
        if next_sents and _MASK not in st.masked[next_sents[0][0]:next_sents[0][1]]:
            found = _pick(st.candidates(*next_sents[0]))
            if found is not None and found.vague is None:
                return Candidate(found.start, found.end, found.text, "context")
    return None


def _soften(st: _Attributor, found: Candidate, q: RawQuote) -> Candidate:
    """"Officials said" is not vague when a body or person was named as a source just before.

    The named source must be a capitalised name ("The Interior Ministry announced ...")
    in this paragraph or the one before, ahead of the quote, in a sentence that quotes
    nobody (else it is another quote's speaker).
    """
    para = st.para_index(q.start)
    a = st.paragraphs[max(para - 1, 0)][0]
    b = found.start
    if not st.sentence_spans:
        return found
    for index in range(st.sentence_index(a), st.sentence_index(max(b - 1, a)) + 1):
        if st.quotes_in_sentence(index):
            continue  # its names speak its quote (below): no need to find them
        for c in st.sentence_candidates(index):
            if not a <= c.at < b:
                continue
            if c.vague is not None or c.text.lower() in st.lex.pronouns or not _capitalised_name(c.text):
                continue
            sentence = st.sentence(c.at)
            if _MASK in st.masked[sentence[0]:sentence[1]]:
                continue  # that name is the speaker of another quote, not these officials' body
            return Candidate(found.start, found.end, found.text, found.cue)
    return found


def _capitalised_name(text: str) -> bool:
    """True when a phrase holds a capitalised word after its first (or is one name)."""
    words = text.split()
    return any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())


def _pick(cands: Iterable[Candidate | None], near: Span | None = None) -> Candidate | None:
    """The first named candidate (nearest to ``near`` when given), else the first vague one."""
    real = [c for c in cands if c is not None]
    if near is not None and len(real) > 1:
        real.sort(key=lambda c: min(abs(c.at - near[0]), abs(c.at - near[1])) if c.at >= 0 else 0)
    for c in real:
        if c.vague is None:
            return c
    return real[0] if real else None


def _resolve(st: _Attributor, c: Candidate, q: RawQuote, earlier: list[Quote]) -> Candidate:
    """Replace a pronoun speaker by the person named last before it, when there is one.

    The antecedent is the latest named speaker of a cue or named sentence subject in this
    paragraph or the one before, else the speaker of a recent quote, else the last
    multi-word name.
    """
    pronouns = st.lex.pronouns
    if c.text.lower() not in pronouns:
        return c
    para = st.para_index(c.start)
    for p in range(para, max(para - 2, -1), -1):
        for s in reversed([s for s in st.sentences_of(p) if s[0] < c.start]):
            stop = min(s[1], c.start)
            named = [x for x in st.candidates(s[0], stop) if x.vague is None and x.text.lower() not in pronouns]
            subject = st.subject(s[0], stop, strict=False)
            if subject is not None and subject.text.lower() not in pronouns:
                named.insert(0, subject)
            if named:
                best = named[-1]
                return Candidate(best.start, best.end, best.text, c.cue)
    for e in reversed(earlier):
        if e.speaker and e.speaker.lower() not in pronouns and e.vague is None and e.kind == SPEECH:
            if para - st.para_index(e.start) <= 3:
                return Candidate(e.speaker_start or c.start, e.speaker_end or c.end, e.speaker, c.cue)
            break
    lo = st.paragraphs[max(para - 1, 0)][0]
    names = [m for m in _NAME_RUN.finditer(st.masked, lo, c.start) if len(m.group().split()) >= 2]
    if names:
        m = names[-1]
        return Candidate(m.start(), m.end(), _clean(st.doc.text[m.start():m.end()]), c.cue)
    return c


#: Per vague-source alternation (by source and flags): speaker phrase -> its first match.
_MATCHES: dict[tuple[str, int], dict[str, str | None]] = {}


def _memo(pattern: re.Pattern[str] | None) -> dict[str, str | None]:
    """The remembered matches of ``pattern`` (a fresh dict once it holds 4,096 phrases).

    Keyed by the pattern's source, not the pattern: hashing a pattern hashes its code.
    Fetched once per document, so each lookup is one dict access."""
    if pattern is None:
        return {}
    key = (pattern.pattern, pattern.flags)
    seen = _MATCHES.get(key)
    if seen is None or len(seen) > 4096:
        seen = _MATCHES[key] = {}
    return seen


def _first_match(pattern: re.Pattern[str], text: str, seen: dict[str, str | None]) -> str | None:
    """``pattern.search(text)``'s text, remembered in ``seen`` (``_memo(pattern)``): the
    vague-source alternations cost microseconds per phrase, and speaker phrases
    ("officials", "the ministry") recur."""
    if text in seen:
        return seen[text]
    m = pattern.search(text)
    found = seen[text] = m.group() if m else None
    return found


def _clean(text: str) -> str:
    """A phrase on one line, without a sentence's closing dot ("Lavrov." -> "Lavrov")."""
    text = " ".join(text.split())
    if text.endswith(".") and len(text.rsplit(" ", 1)[-1]) > 3:
        text = text[:-1]
    return text


def _is_title(st: _Attributor, q: RawQuote, text: str, words: int, sentence: Span | None, first_sent: Span) -> bool:
    """Title Case text, or a quote right after "titled", "the film", "the hashtag"...

    ``sentence`` is the sentence holding the quote's start (None if none does),
    ``first_sent`` that or its paragraph (``st.sentence(q.start)``).
    """
    if q.block or words == 0:
        return False
    if sentence is None or st.may_be_title_cue(sentence[0], q.start):
        before = st.tokens_between(first_sent[0], q.start)
        prev = [t.lower for t in before[-2:] if t.is_word]
        if prev and (prev[-1] in st.lex.title_cues or " ".join(prev) in st.lex.title_cues):
            return True
    if words < 2 or not text[0].isupper():
        return False  # (cheap tests first: no Title Case text either way)
    end = text.rstrip()[-1:]
    if words > 12 or "\n" in text or end in "!?;:" or (end in ".," and words > 8):
        return False
    significant = [w for w in _TITLE_WORD.findall(text) if len(w) > 3]
    return bool(significant) and all(w[0].isupper() for w in significant)


def _is_fragment(st: _Attributor, q: RawQuote, text: str) -> bool:
    """A lower-case piece of a sentence quoted inside the writer's own sentence."""
    if not text or not text[0].islower():
        return False
    before = st.masked[max(q.start - 3, 0):q.start].strip()
    return not before.endswith(":")


_new_object = object.__new__


def _quote(q: RawQuote, text: str, words: int, kind: str, found: Candidate | None) -> Quote:
    """The finished record; its fields are filled in one dict update (a frozen dataclass's
    ``__init__`` sets each of its 13 fields through ``object.__setattr__``)."""
    quote = _new_object(Quote)
    parts = q.parts
    if found is None:
        quote.__dict__.update(
            start=parts[0][0], end=parts[-1][1], text=text, kind=kind, speaker=None, speaker_start=None,
            speaker_end=None, attribution=None, vague=None, parts=tuple(parts), block=q.block, closed=q.closed,
            word_count=words,
        )
    else:
        quote.__dict__.update(
            start=parts[0][0], end=parts[-1][1], text=text, kind=kind, speaker=found.text or None,
            speaker_start=found.start, speaker_end=found.end, attribution=found.cue, vague=found.vague,
            parts=tuple(parts), block=q.block, closed=q.closed, word_count=words,
        )
    return quote


def _reuse_repeated(quotes: list[Quote]) -> list[Quote]:
    """A pull quote or a repeated quote takes the attribution of its attributed twin."""
    if not any(q.kind == SPEECH and q.speaker is None and len(q.text) >= 20 for q in quotes):
        return quotes  # no quote that could take a twin's attribution
    keyed: dict[str, Quote] = {}
    for q in quotes:
        if q.kind == SPEECH and q.attributed and len(q.text) >= 20:
            keyed.setdefault(_key(q.text), q)
    if not keyed:
        return quotes
    out = []
    for q in quotes:
        if q.kind == SPEECH and q.speaker is None and len(q.text) >= 20:
            key = _key(q.text)
            twin = keyed.get(key) or next((v for k, v in keyed.items() if key in k or k in key), None)
            if twin is not None:
                words = q.word_count
                q = Quote(q.start, q.end, q.text, q.kind, twin.speaker, twin.speaker_start, twin.speaker_end,
                          "repeated", None, q.parts, q.block, q.closed)
                object.__setattr__(q, "word_count", words)
        out.append(q)
    return out


def _key(text: str) -> str:
    return " ".join(_KEY_WORD.findall(text.lower()))


def _mask(folded: str, raw: Sequence[RawQuote]) -> str:
    """``folded`` with every quote's inside blanked, so quoted words never act as cues.

    Marks become a plain '"', the inside becomes ``_MASK`` (line breaks kept, so
    paragraphs and offsets do not move).
    """
    spans: list[tuple[int, int, bool]] = []
    for q in raw:
        for a, b in q.parts:
            spans.append((a, b, q.block))
    spans.sort()
    pieces: list[str] = []
    pos = 0
    for a, b, block in spans:
        if a < pos:
            continue  # a block quote around quotes already masked
        pieces.append(folded[pos:a])
        if block:
            pieces.append(_blank(folded[a:b]))
        else:
            closes = folded[b - 1] in "\"'" and b - a > 1
            inner_end = b - 1 if closes else b
            pieces.append('"')
            pieces.append(_blank(folded[a + 1:inner_end]))
            if closes:
                pieces.append('"')
        pos = b
    pieces.append(folded[pos:])
    return "".join(pieces)


def _blank(chunk: str) -> str:
    """``chunk`` with every character but line breaks turned into ``_MASK``."""
    return _NOT_NEWLINE.sub(_MASK, chunk) if "\n" in chunk else _MASK * len(chunk)
