"""Per-line evidence for the boilerplate classifier, computed once per document.

Web residue lives on lines of its own: labels, buttons, credits, dates, widget debris.
Like jusText's block classification (but for text without HTML), we describe every
non-empty line by cheap surface features - length, terminal punctuation, capitalisation,
glued words, date shape, list markers - and let the detector combine them with phrase
evidence and the line's neighbours. Nothing here knows about rules: it only measures.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import regex

from linter.document import Document
from linter.matching import OTHER_SPACES

CACHE_KEY = "boilerplate.lines"
MARKS_KEY = "boilerplate.marks"

_MONTHS = (
    "jan(?:uary|\\.)?|feb(?:ruary|\\.)?|mar(?:ch|\\.)?|apr(?:il|\\.)?|may|june?|july?|aug(?:ust|\\.)?"
    "|sep(?:t|tember|\\.)?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?"
    "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
    "|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
    "|januar|februar|m[äa]rz|juni|juli|oktober|dezember"
    "|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    "|январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь"
)
_DAYS = (
    "mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
    "|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    "|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    "|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
)
#: A line that is only a date (optionally with a weekday and a time): a dateline,
#: or an entry in a list of related articles. The month names are written out twice,
#: not three times ("July 2025" shares the "July 4, 2025" branch): compiling them is
#: most of the cost of this pattern.
_DATE_ONLY = (
    rf"""^(?:(?:{_DAYS}|published|updated|posted)\.?,?:?\s+)?   # optional weekday
    (?:(?:{_MONTHS})\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?\d{{4}}   # July 4, 2025 / July 2025
      |\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTHS})(?:\s+de)?,?\s+\d{{4}}  # 4 July 2025 / 4 de julio de 2025
      |\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})
    (?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{{2,5}})?)?\.?$"""
)


@functools.cache
def date_only() -> Any:
    """``_DATE_ONLY`` compiled on first use: with its month and weekday names in four
    languages it takes 10 ms, which a linter that lints nothing should not pay."""
    return regex.compile(_DATE_ONLY, regex.IGNORECASE | regex.VERBOSE)


_CLOSERS = "\"')]\u00bb\u201d\u2019"
_TERMINALS = (".", "!", "?", "\u2026")
_BULLETS = frozenset("-*+\u2022\u00b7\u25aa\u25cf\u2013\u2014>")
_NUMBERED = regex.compile(r"\d{1,3}[.)]\s")
_TABLE_RULE = regex.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
#: Small words that stay lower-case inside Title-case labels and names.
_CONNECTORS = frozenset(
    "a an and at by for in of on or the to van von der den de del della di da du des la le les "
    "y e et und die das el los las и в на".split()
)
#: What every joint holds in ASCII text, where isupper/islower mean A-Z/a-z.
_ASCII_JOINT = re.compile(r"[a-z][A-Z]")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['\u2019.\-][\p{L}\p{N}]+)*")
_EDGE = regex.compile(r"^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$")


@dataclass(slots=True)
class LineInfo:
    """Surface features of one non-empty line; offsets point into ``doc.text``.

    ``terminal`` and ``date_only`` are worked out when first read: most lines are long
    body paragraphs, which no caller asks either (a paragraph of 25 words is prose
    whatever its end, and no date)."""

    number: int      # 0-based line number in the document
    start: int       # first non-blank character of the line's prose
    end: int         # end of the line's prose, trailing blanks excluded
    text: str        # folded text of [start, end): ASCII quotes/dashes, case kept
    words: int
    bullet: bool     # starts with a list marker in the original text
    image: bool      # the original line holds a picture (Markdown or HTML image)
    table: bool = False  # a row of a pipe table (next to a "---|---" separator): content
    _terminal: bool | None = None
    _date_only: bool | None = None

    @property
    def terminal(self) -> bool:
        """Ends like a sentence (. ! ? ...), closing quotes allowed."""
        value = self._terminal
        if value is None:
            value = self._terminal = self.text.rstrip(_CLOSERS).endswith(_TERMINALS)
        return value

    @property
    def date_only(self) -> bool:
        """The line is a date, perhaps with a weekday and a time (``_DATE_ONLY``)."""
        value = self._date_only
        if value is None:
            shown = self.text
            value = self._date_only = len(shown) <= 48 and _has_digit(shown[-12:]) and bool(date_only().match(shown))
        return value

    @property
    def letters(self) -> int:
        """Letters among the first 16 characters: callers only compare small counts."""
        return sum(1 for c in self.text[:16] if c.isalpha())

    @property
    def junk(self) -> bool:
        """Widget debris: a counter, a close button, an empty bracket pair."""
        return len(self.text) <= 3 and self.letters <= 1

    @property
    def core(self) -> str:
        """The text without leading/trailing punctuation and symbols."""
        return _EDGE.sub("", self.text)

    def prose_like(self, min_words: int = 8) -> bool:
        """A body paragraph: a sentence-shaped line of some length (one that ends with a
        colon introduces a list), or a long line."""
        if self.words >= 25:
            return True
        return self.words >= min_words and (self.terminal or self.text.endswith(":"))

    def label_like(self, max_words: int) -> bool:
        """A short Title-case line without figures: a label, a name, a section.

        Figures and lower-case words ("Population 4.2 million") mark a fact box or a
        list item, which is content even where it sits next to page residue.
        """
        if not 1 <= self.words <= max_words or self.terminal or self.bullet or self.letters < 2:
            return False
        for word in _WORD.findall(self.text):
            if word[0].isdigit() or (word[0].islower() and word.lower() not in _CONNECTORS):
                return False
        return True


def line_infos(doc: Document) -> list[LineInfo]:
    """Features of every non-empty line of ``doc`` (cached on the document)."""
    cached = doc.cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    prose, folded, text = doc.prose, doc.folded, doc.text
    out: list[LineInfo] = []
    # Whole-document tests that spare most lines a per-line one (a one-character test
    # first: it is a memchr, a two-character one is not).
    pictures = ("!" in text and "![" in text) or ("<" in text and "<img" in text)
    spaced = not any(c in folded for c in OTHER_SPACES)  # a space is the only blank in a line
    # The spans of ``doc.lines``, read off the line starts in this loop (no other
    # detector reads that view).
    starts = doc.line_starts
    size = len(text)
    last = len(starts) - 1
    for number, a in enumerate(starts):
        b = starts[number + 1] - 1 if number < last else size
        if a == b:
            continue
        if text[b - 1] == "\r":
            b -= 1
            if a == b:
                continue
        if prose[a].isspace() or prose[b - 1].isspace():
            chunk = prose[a:b]
            stripped = chunk.strip()
            if not stripped:
                continue
            start = a + (len(chunk) - len(chunk.lstrip()))
            end = start + len(stripped)
        else:
            start, end = a, b  # nothing to strip: spare three copies of the line
        shown = folded[start:end]
        first = text[a]  # a list marker starts the original line, perhaps after blanks
        if len(shown) < 160:
            words = len(_WORD.findall(shown))
        elif spaced and "  " not in shown and shown[0] != " " and shown[-1] != " ":
            words = shown.count(" ") + 1  # what split() counts, without building the words
        else:
            words = len(shown.split())
        out.append(LineInfo(
            number,
            start,
            end,
            shown,
            words,
            (first in _BULLETS or first.isdigit() or first.isspace()) and _is_bullet(_line_head(text, a, b)),
            pictures and (text.find("![", a, b) >= 0 or text.find("<img", a, b) >= 0),
        ))
    tables = "|" in text and "-" in text
    if tables:
        _mark_tables(out, doc)
    doc.cache[CACHE_KEY] = out
    doc.cache[MARKS_KEY] = pictures or tables
    return out


def may_hold_pictures_or_tables(doc: Document) -> bool:
    """False when no line of ``line_infos(doc)`` (computed first) is a picture or a
    table row: most articles, which then skip a pass that looks for them."""
    return doc.cache[MARKS_KEY]


def _mark_tables(infos: list[LineInfo], doc: Document) -> None:
    """Flag the rows around each pipe-table separator row ("---|:---:|---")."""
    raw = [doc.text[a:b] for a, b in (doc.lines[i.number] for i in infos)]
    for k, line in enumerate(raw):
        if not _TABLE_RULE.match(line):
            continue
        for step in (-1, 1):
            j = k
            while 0 <= j < len(infos) and "|" in raw[j] and abs(infos[j].number - infos[k].number) == abs(j - k):
                infos[j].table = True
                j += step


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _line_head(text: str, a: int, b: int) -> str:
    """``text[a:b].lstrip()``, or enough of its start for ``_is_bullet`` (five characters)
    without copying a long line."""
    head = text[a:min(b, a + 16)].lstrip()
    return head if len(head) >= 5 or b - a <= 16 else text[a:b].lstrip()


def _is_bullet(raw: str) -> bool:
    """Does the original line start with a list marker ("- ", "* ", "1. ")?"""
    if raw[:1] in _BULLETS:
        return raw[1:2] in (" ", "\t")
    return raw[:1].isdigit() and bool(_NUMBERED.match(raw))


def glued_joints(text: str) -> int:
    """How many words of ``text`` hide two Title-case words run together.

    "Culture & SocietyGlobal AffairsPolitics" has two ("SocietyGlobal",
    "AffairsPolitics"): the space between menu items was lost with the markup. A joint
    needs three lower-case letters before the capital, which spares "McDonald" and
    "YouTube"; the caller decides how many glued words make a label line.
    """
    if text.isascii() and _ASCII_JOINT.search(text) is None:
        return 0  # no lower-case letter right before a capital: no joint (most lines)
    count = 0
    for word in text.split():
        for i in range(4, len(word) - 1):
            if (word[i].isupper() and word[i + 1].islower() and word[i - 1].islower()
                    and word[i - 2].islower() and word[i - 3].islower()):
                count += 1
                break
    return count
