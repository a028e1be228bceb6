"""Find the quotes in an article and who said them.

One regex pass finds every quote mark; each mark is classed as opening, closing or an
apostrophe from its neighbours, so straight and curly double quotes, single-quote
quotations, guillemets and „low-high“ pairs all pair up the same way. A paragraph that
ends inside a quote and a next paragraph that opens with a mark form one quote (the
news convention for quotes running over paragraphs). Markdown block quotes are quotes too.

Each quote is then attributed by ``linter.speakers``: a speech cue ("said", "according
to", a colon, a dash) with a speaker phrase in its sentence, the sentences around it,
its paragraph, or the paragraph that introduces it. Short quoted terms with no speaker
in their sentence are scare quotes, and Title Case or "titled ..." quotes are titles:
neither needs a speaker.

Several detectors share the result: ``extract_quotes(doc)`` computes it once per
document and keeps it in ``doc.cache["quotes"]``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, Sequence

from linter.document import Document

if TYPE_CHECKING:
    from linter.quote_lexicon import Lexicon

Span = tuple[int, int]

SPEECH = "speech"
SCARE = "scare"
TITLE = "title"

#: Every mark that can open or close a quotation is one of these characters or a doubled
#: single (’’ '' ‘‘ ``: double quotes typed with two keystrokes, common in some
#: newsrooms' copy); a lone backtick is no mark.
_MARK_CHARS = "\"'`\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a\u201b"
_SINGLES = frozenset("'\u2018\u2019\u201a\u201b")
_DOUBLED = frozenset({"\u2019\u2019", "''", "\u2018\u2018", "``"})
_DOUBLE = frozenset("\"\u201c\u201d\u201e\u201f\u00ab\u00bb")
_OPEN_CONTEXT = frozenset("([{\u2014\u2013-/\u00a0") | _DOUBLE | frozenset("'\u2018\u2019\u201a")
_CLOSE_CONTEXT = frozenset(".,;:!?)]}\u2014\u2013-\u2026*_") | _DOUBLE | frozenset("'\u2018\u2019")
_WORD = re.compile(r"[^\W_]+(?:['\u2019.\-][^\W_]+)*")
_DASH_LINE = re.compile(r"[ \t]*(?:\u2014|\u2013|\u2015|--?)[ \t]*[^\W\d_]")
_BLOCKQUOTE_LINE = re.compile(r"^ {0,3}>[^\n]*(?:\n|$)", re.M)


@dataclass(frozen=True)
class Quote:
    """One quotation: where it is, what it says, what kind it is and who said it.

    ``start``/``end`` span the quote including its marks (a multi-paragraph quote runs
    from the first opening mark to the last closing one); ``text`` is the inner text,
    paragraphs joined by a newline. ``speaker`` is the phrase found (a name, a body, a
    pronoun, or the vague source itself), ``attribution`` the cue that tied it ("said",
    "according to", "dash", "colon", "context", ...), ``vague`` the vague-source phrase
    when the only source found is vague.
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    attribution: str | None = None
    vague: str | None = None
    parts: tuple[Span, ...] = ()
    block: bool = False
    #: False when no closing mark was found (a stray or cut-off quote): too unsure to report.
    closed: bool = True
    #: ``words``, counted once: attribution counts them anyway and checks read it often
    #: (-1 until counted; not an argument, so ``dataclasses.replace`` recounts).
    word_count: int = field(default=-1, init=False, repr=False, compare=False)

    @property
    def words(self) -> int:
        count = self.word_count
        if count < 0:
            count = len(_WORD.findall(self.text))
            object.__setattr__(self, "word_count", count)
        return count

    @property
    def attributed(self) -> bool:
        """True when a speaker that is not a vague source was found."""
        return self.speaker is not None and self.vague is None


@dataclass
class RawQuote:
    """A quote before attribution: its spans per paragraph (marks included)."""

    parts: list[Span]
    inner: list[Span]
    block: bool = False
    closed: bool = True

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def extract_quotes(doc: Document, lexicon: Lexicon | None = None) -> list[Quote]:
    """All quotes of ``doc`` in order, attributed; cached in ``doc.cache["quotes"]``.

    ``lexicon`` (a ``linter.quote_lexicon.Lexicon``) overrides the shipped word lists; results
    for a custom lexicon are cached under their own key.
    """
    from linter import speakers  # imported here: speakers builds on this module's types
    from linter.quote_lexicon import default_lexicon

    key = "quotes" if lexicon is None else ("quotes", id(lexicon))
    cached = doc.cache.get(key)
    if cached is not None:
        return cached
    raw = find_quotes(doc)
    quotes = speakers.attribute(doc, raw, lexicon or default_lexicon())
    doc.cache[key] = quotes
    return quotes


def quotes_by(doc: Document, start: int, end: int) -> list[Quote]:
    """Quotes whose speaker phrase overlaps ``[start, end)``.

    Lets another check tie a finding about a person mention (say, an officeholder's
    out-of-date title) to the quotes that mention speaks.
    """
    return [
        q for q in extract_quotes(doc)
        if q.speaker_start is not None and q.speaker_end is not None
        and q.speaker_start < end and start < q.speaker_end
    ]


def find_quotes(doc: Document) -> list[RawQuote]:
    """Pair quote marks per paragraph, join quotes running over paragraphs, add block quotes."""
    prose = doc.prose
    marks = _find_marks(prose)
    if not marks and not doc.is_markdown:
        return []
    positions = [p for p, _ in marks]
    paragraphs = doc.paragraphs
    per_para: list[Paired] = []
    for a, b in paragraphs:
        lo = bisect.bisect_left(positions, a)
        hi = bisect.bisect_left(positions, b)
        per_para.append(_pair_paragraph(prose, marks[lo:hi], a, b) if hi > lo else _NO_MARKS)
    quotes = _join_paragraphs(prose, paragraphs, per_para)
    if doc.is_markdown:
        quotes = _add_block_quotes(doc, quotes)
    quotes.sort(key=lambda q: q.start)
    return quotes


def _find_marks(prose: str) -> list[tuple[int, str]]:
    """Every mark in ``prose`` but apostrophes, as ``(offset, mark)`` in order.

    A doubled single is one mark, taken leftmost first. ``str.find`` per mark character
    is several times faster than a regex scan of the article. A single mark between two letters or digits is an apostrophe (it's,
    Russia's; ``_role`` gives it no role): most of an article's marks, left out here.
    """
    hits: list[int] = []
    for char in _MARK_CHARS:
        i = prose.find(char)
        while i != -1:
            hits.append(i)
            i = prose.find(char, i + 1)
    if not hits:
        return []
    hits.sort()
    marks: list[tuple[int, str]] = []
    size = len(prose)
    taken = -1
    for pos in hits:
        if pos < taken:
            continue  # the second half of a doubled mark
        pair = prose[pos:pos + 2]
        if pair in _DOUBLED:
            marks.append((pos, pair))
            taken = pos + 2
            continue
        char = pair[0]
        if char == "`":
            continue
        if char in _SINGLES and 0 < pos < size - 1 and prose[pos - 1].isalnum() and prose[pos + 1].isalnum():
            continue
        marks.append((pos, char))
    return marks


def _role(prose: str, pos: int, mark: str) -> str | None:
    """'open', 'close', 'either' or None (an apostrophe or a stray mark)."""
    left = prose[pos - 1] if pos > 0 else "\n"
    after = pos + len(mark)
    right = prose[after] if after < len(prose) else "\n"
    left_open = left.isspace() or left in _OPEN_CONTEXT
    right_close = right.isspace() or right in _CLOSE_CONTEXT
    if mark in ("\u2018\u2018", "``"):
        return "open"
    if mark in _DOUBLED:
        mark = '"'
    if mark in "\u201e\u201f\u00ab\u2039":
        return "open"
    if mark in "\u00bb\u203a":
        return "close"
    if mark == "\u201c":
        if left_open:
            return "open" if not right.isspace() else None
        return "close"
    if mark == "\u201d":
        if left_open and right.isalnum():
            return "open"
        return "close" if not left.isspace() or right_close else None
    if mark == '"':
        if left_open and not right.isspace():
            return "open"
        if right_close and not left.isspace():
            return "close"
        if left.isdigit():
            return None
        return "either"
    # Single marks: letters on both sides make an apostrophe (it's, Russia's).
    if left.isalnum() and right.isalnum():
        return None
    if mark in "\u2018\u201a\u201b" or mark == "'":
        if left_open and right.isalpha():
            return "open"
    if mark in "\u2019'\u2018":
        if right_close and not left.isspace() and not left_open:
            return "close"
    return None


class Paired(NamedTuple):
    """The marks of one paragraph, paired.

    ``closed`` holds ``(start, end, inner_start, inner_end)`` per quote; ``unclosed`` an
    opening left open at the paragraph's end; ``lead_close`` a closing mark met before
    any opening (the end of a quote begun in the paragraph before, in hard-wrapped text).
    """

    closed: list[tuple[int, int, int, int]]
    unclosed: tuple[int, int] | None
    lead_close: int | None


_NO_MARKS = Paired([], None, None)


def _pair_paragraph(prose: str, marks: Sequence[tuple[int, str]], para_start: int, para_end: int) -> Paired:
    """Pair a paragraph's marks: doubles first, then singles outside double quotes."""
    closed: list[tuple[int, int, int, int]] = []
    opened: int | None = None
    lead_close: int | None = None
    seen_open = False
    singles: list[tuple[int, str]] = []
    opened_len = 1
    for pos, mark in marks:
        if mark not in _DOUBLE and mark not in _DOUBLED:
            if opened is None:
                singles.append((pos, mark))
            continue
        role = _role(prose, pos, mark)
        if role is None:
            continue
        if opened is None:
            if role in ("open", "either"):
                opened, opened_len = pos, len(mark)
                seen_open = True
            elif not seen_open and lead_close is None:
                lead_close = pos
        elif role in ("close", "either"):
            closed.append((opened, pos + len(mark), opened + opened_len, pos))
            opened = None
        else:
            opened, opened_len = pos, len(mark)  # two openings in a row: the first was stray
    unclosed = (opened, para_end) if opened is not None else None
    covered = [(a, b) for a, b, _, _ in closed]
    if unclosed:
        covered.append(unclosed)
    if lead_close is not None:
        covered.append((para_start, lead_close + _mark_length(prose, lead_close)))
    single_open: int | None = None
    for pos, mark in singles:
        role = _role(prose, pos, mark)
        if role is None or covered and any(a <= pos < b for a, b in covered):
            continue
        if role == "open" and single_open is None:
            single_open = pos
        elif role == "close" and single_open is not None:
            if pos - single_open > 2:
                closed.append((single_open, pos + 1, single_open + 1, pos))
            single_open = None
    closed.sort()
    return Paired(closed, unclosed, lead_close)


def _mark_length(prose: str, pos: int) -> int:
    """2 for a doubled single mark (’’ '' ‘‘ ``) at ``pos``, else 1."""
    return 2 if prose[pos:pos + 2] in _DOUBLED else 1


def _join_paragraphs(prose: str, paragraphs: Sequence[Span], per_para: Sequence[Paired]) -> list[RawQuote]:
    """Turn per-paragraph pairs into quotes, chaining unclosed ones over paragraphs.

    A quote left open continues into the next paragraph when that paragraph opens with
    a mark (the news convention) or closes one before opening any (a hard line wrap).
    """
    out: list[RawQuote] = []
    chain: RawQuote | None = None
    for index, (closed, unclosed, lead_close) in enumerate(per_para):
        para_start = paragraphs[index][0]
        items = list(closed)
        if chain is not None:
            if lead_close is not None:
                chain.parts.append((para_start, lead_close + _mark_length(prose, lead_close)))
                chain.inner.append((para_start, lead_close))
                chain.closed = True
                out.append(chain)
                chain = None
            elif unclosed is not None and unclosed[0] == para_start and not items:
                chain.parts.append((para_start, unclosed[1]))
                chain.inner.append((para_start + _mark_length(prose, para_start), unclosed[1]))
                continue
            else:
                if items and items[0][0] == para_start:
                    a, b, ia, ib = items.pop(0)
                    chain.parts.append((a, b))
                    chain.inner.append((ia, ib))
                    chain.closed = True
                out.append(chain)
                chain = None
        for a, b, ia, ib in items:
            out.append(RawQuote([(a, b)], [(ia, ib)]))
        if unclosed is not None:
            a, b = unclosed
            starts_para = a == para_start or prose[para_start:a].rstrip().endswith(":")
            if starts_para or _next_continues(paragraphs, per_para, index):
                chain = RawQuote([(a, b)], [(a + _mark_length(prose, a), b)], closed=False)
    if chain is not None:
        out.append(chain)
    return [q for q in out if prose[q.inner[0][0]:q.inner[-1][1]].strip()]


def _next_continues(paragraphs: Sequence[Span], per_para: Sequence[Paired], index: int) -> bool:
    """True when the paragraph after ``index`` opens with a mark or closes one first."""
    if index + 1 >= len(paragraphs):
        return False
    start = paragraphs[index + 1][0]
    closed, unclosed, lead_close = per_para[index + 1]
    return (lead_close is not None or bool(closed and closed[0][0] == start)
            or bool(unclosed and unclosed[0] == start))


def _add_block_quotes(doc: Document, quotes: list[RawQuote]) -> list[RawQuote]:
    """Markdown ``>`` blocks are quotes unless they already are one quoted passage."""
    text = doc.text
    if ">" not in text:
        return quotes  # no block quote: skip the line-by-line regex scan
    prose = doc.prose
    blocks: list[Span] = []
    for m in _BLOCKQUOTE_LINE.finditer(text):
        if not prose[m.start():m.end()].strip():
            continue
        if blocks and blocks[-1][1] >= m.start():
            blocks[-1] = (blocks[-1][0], m.end())
        else:
            blocks.append((m.start(), m.end()))
    for a, b in blocks:
        # A closing "— Name" line is the attribution, not part of the quote.
        last = prose.rfind("\n", a, b - 1)
        if last > a and _DASH_LINE.match(prose, last + 1, b):
            b = last
        chunk = prose[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        start, end = a + lead, b - trail
        if end <= start:
            continue
        if any(q.start == start for q in quotes):
            continue  # the block is a quoted passage already
        quotes.append(RawQuote([(start, end)], [(start, end)], block=True))
    return quotes
