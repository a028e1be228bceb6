"""Split prose into paragraphs and sentences with offsets, fast and dependency-free.

News copy is full of abbreviations ("U.S.", "Mr.", "Jan.") and decimals; a boundary is
terminal punctuation, optional closing quotes or brackets, whitespace, then something
that can start a sentence - unless the word before the dot is a known abbreviation or
a single initial.
"""
from __future__ import annotations

import re
from typing import Iterable

Span = tuple[int, int]

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr rev gen lt col maj capt cmdr sgt adm gov sen rep pres
    hon fr mt ft no nos vol vols pp p fig figs ed eds approx est dept univ inc ltd co corp
    plc llc bros vs etc e.g i.e cf al jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun u.s u.k u.n e.u u.s.a a.m p.m d.c
    ave blvd rd hwy sq""".split()
)

#: Terminal punctuation, closing quotes or brackets, then whitespace and a sentence start.
#: The run is spelled ``[.!?…][.!?…]*`` (not ``[.!?…]+|\.\.\.``, whose second branch
#: never adds a match): a pattern that opens with a character class lets ``re`` jump
#: from one full stop to the next instead of trying the pattern at every position.
_BOUNDARY = re.compile(
    r"[.!?\u2026][.!?\u2026]*[\"'\u201d\u2019\u00bb)\]]*(?=\s+[\"'\u201c\u2018\u00ab(\[]?[A-Z0-9\u00C0-\u024F\u0400-\u04FF])"
)
_DOTTED_ACRONYM = re.compile(r"(?:\w\.)+\w")


def paragraphs(text: str, one_per_line: bool) -> list[Span]:
    """Paragraph spans: blank-line separated blocks, or every non-blank line.

    Plain-text articles pasted from the web usually put one paragraph per line, while
    Markdown hard-wraps paragraphs and separates them with blank lines.
    """
    spans: list[Span] = []
    if one_per_line:
        pos = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if stripped:
                lead = len(line) - len(line.lstrip())
                spans.append((pos + lead, pos + lead + len(stripped)))
            pos += len(line) + 1
        return spans
    for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text):
        chunk = m.group().rstrip()
        spans.append((m.start(), m.start() + len(chunk)))
    return spans


def sentences(text: str, span: Span) -> list[Span]:
    """Sentence spans inside one paragraph span of ``text``."""
    return sentences_in(text, (span,))


def sentences_in(text: str, spans: Iterable[Span]) -> list[Span]:
    """Sentence spans inside each paragraph span of ``text``, in order.

    One loop over the boundaries of every paragraph, scanned in place with
    ``pos``/``endpos`` (a paragraph is not copied out) and the abbreviation test inlined:
    this view is built for every article.
    """
    out: list[Span] = []
    append = out.append
    finditer = _BOUNDARY.finditer
    for start, end in spans:
        cursor = start
        for m in finditer(text, start, end):
            dot, stop = m.span()
            # A full stop (not an ellipsis) after an abbreviation or initial is no end.
            if text[dot] == "." and text[dot + 1] != "." and _is_abbreviation(text, start, dot):
                continue
            if stop > cursor:
                a, b = cursor, stop
                if text[a].isspace():
                    piece = text[a:b]
                    a += len(piece) - len(piece.lstrip())
                if text[b - 1].isspace():
                    piece = text[a:b]
                    b -= len(piece) - len(piece.rstrip())
                if b > a:
                    append((a, b))
            cursor = stop
        if cursor < end:
            piece = text[cursor:end]
            stripped = piece.strip()
            if stripped:
                a = cursor + len(piece) - len(piece.lstrip())
                append((a, a + len(stripped)))
    return out


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """True when the word before the full stop at ``dot`` (not before ``start``) is an
    abbreviation, a single initial ("J. Smith") or a dotted acronym ("U.S.").

    Scanning backwards costs the length of the word; a ``[\\w.]+$`` search up to ``dot``
    would cost the length of the paragraph at every full stop. The word ends just
    before a newline that precedes the dot.
    """
    stop = dot - 1 if dot > start and text[dot - 1] == "\n" else dot
    begin = stop
    while begin > start:
        ch = text[begin - 1]
        if ch.isalnum() or ch == "_" or ch == ".":
            begin -= 1
        else:
            break
    if begin == stop:
        return False
    word = text[begin:stop].lower().rstrip(".")
    if not word:
        return False
    if word in _ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha() or bool(_DOTTED_ACRONYM.fullmatch(word))
