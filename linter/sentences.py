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

#: What follows terminal punctuation at a boundary: more of it, closing quotes or
#: brackets, then whitespace (group 1) and something that can start a sentence.
_BOUNDARY_TAIL = (
    r"[.!?\u2026]*[\"'\u201d\u2019\u00bb)\]]*(?=(\s+)[\"'\u201c\u2018\u00ab(\[]?[A-Z0-9\u00C0-\u024F\u0400-\u04FF])"
)
#: A boundary: ``(?:[.!?…]+|\.\.\.)`` + tail, spelled so that ``re`` jumps from one
#: terminal character to the next (its second branch never added a match).
_BOUNDARY = re.compile(r"[.!?\u2026]" + _BOUNDARY_TAIL)
#: The same boundary per first character: a literal first character is found with a
#: ``memchr``-like scan, about 5x faster than testing each character against a class.
_BOUNDARY_AT = {char: re.compile(re.escape(char) + _BOUNDARY_TAIL) for char in ".!?\u2026"}
_LINE_BODY = re.compile(r"\S(?:[^\n]*\S)?")
#: A block of lines up to a blank line: ``\S(?:.|\n(?![ \t]*\n))*`` with each line's
#: characters taken as a run, not one alternation per character.
_BLOCK = re.compile(r"\S[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*")
_DOTTED_ACRONYM = re.compile(r"(?:\w\.)+\w")
#: The word of word characters and dots that ends where a search stops.
_WORD_END = re.compile(r"(?<![\w.])[\w.]*\Z")
_WINDOW = 8
assert max(map(len, _ABBREVIATIONS)) < _WINDOW


def paragraphs(text: str, one_per_line: bool) -> list[Span]:
    """Paragraph spans: blank-line separated blocks, or every non-blank line.

    Plain-text articles pasted from the web usually put one paragraph per line, while
    Markdown hard-wraps paragraphs and separates them with blank lines.
    """
    if one_per_line:
        # First to last non-space character of each line: what ``line.strip()`` keeps.
        return [m.span() for m in _LINE_BODY.finditer(text)]
    spans: list[Span] = []
    for m in _BLOCK.finditer(text):
        chunk = m.group().rstrip()
        spans.append((m.start(), m.start() + len(chunk)))
    return spans


def sentences(text: str, span: Span) -> list[Span]:
    """Sentence spans inside one paragraph span of ``text``."""
    return sentences_in(text, (span,))


def sentences_in(text: str, spans: Iterable[Span]) -> list[Span]:
    """Sentence spans inside each paragraph span of ``text``, in order.

    One loop over the boundaries of every paragraph, scanned in place with
    ``pos``/``endpos`` (a paragraph is not copied out): this view is built for every
    article. A boundary ends with punctuation or a closer and its lookahead captures the
    whitespace after it, so a sentence is trimmed without slicing it; only the first of
    a span may start with whitespace.
    """
    out: list[Span] = []
    append = out.append
    finditer = _BOUNDARY.finditer
    for start, end in spans:
        begin = start  # where the next sentence starts; the first is not trimmed yet
        trimmed = False
        for m in finditer(text, start, end):
            dot = m.start()
            # A full stop (not an ellipsis) after an abbreviation or initial is no end.
            if text[dot] == "." and text[dot + 1] != "." and _is_abbreviation(text, start, dot):
                continue
            if not trimmed and text[begin].isspace():
                piece = text[begin:dot]
                begin += len(piece) - len(piece.lstrip())
            append((begin, m.end()))
            begin = m.end(1)
            trimmed = True
        if trimmed:
            stop = end
            if text[stop - 1].isspace():
                stop = begin + len(text[begin:end].rstrip())
            append((begin, stop))
        elif start < end:
            piece = text[start:end]
            stripped = piece.strip()
            if stripped:
                first = start + len(piece) - len(piece.lstrip())
                append((first, first + len(stripped)))
    return out


def paragraph_sentences(text: str, paragraphs: list[Span]) -> list[Span]:
    """Sentence spans of all ``paragraphs`` of ``text``: ``sentences_in(text, paragraphs)``.

    ``paragraphs`` must be what ``paragraphs()`` returns: every non-space character of
    ``text`` lies in one, and each starts and ends with a non-space character. Then the
    boundaries of the whole text, found once, are those of each paragraph, except one
    that ends a paragraph (its lookahead saw past the paragraph, so it is dropped).
    """
    out: list[Span] = []
    append = out.append
    found = _boundaries(text)
    count = len(found)
    i = 0
    for start, end in paragraphs:
        begin = start
        while i < count:
            m = found[i]
            dot, stop = m.span()
            if dot >= end:
                break
            i += 1
            if stop >= end:
                continue
            if text[dot] == "." and text[dot + 1] != "." and _is_abbreviation(text, start, dot):
                continue
            append((begin, stop))
            begin = m.end(1)
        append((begin, end))
    return out


def _boundaries(text: str) -> list[re.Match[str]]:
    """``_BOUNDARY.finditer(text)`` as a list, from one literal-led scan per character.

    A match depends only on where it starts, so merging the scans in order of start and
    dropping a match that starts inside the one before gives what one scan would.
    """
    found = list(_BOUNDARY_AT["."].finditer(text))
    others = [m for char in "!?\u2026" if char in text for m in _BOUNDARY_AT[char].finditer(text)]
    if not others:
        return found
    merged: list[re.Match[str]] = []
    last = 0
    for m in sorted(found + others, key=_match_start):
        if m.start() >= last:
            merged.append(m)
            last = m.end()
    return merged


def _match_start(m: re.Match[str]) -> int:
    return m.start()


def _is_abbreviation(text: str, start: int, dot: int) -> bool:
    """True when the word before the full stop at ``dot`` (not before ``start``) is an
    abbreviation, a single initial ("J. Smith") or a dotted acronym ("U.S.").

    The word (word characters and dots) ends just before a newline that precedes the
    dot. One search in the 8 characters before it finds a shorter word's start; a
    longer word without a dot among them is none of the three (no abbreviation is
    longer than 6, and an acronym alternates dots). Only else is it scanned backwards
    (a search from ``start`` would cost the paragraph at every full stop).
    """
    stop = dot - 1 if dot > start and text[dot - 1] == "\n" else dot
    low = stop - _WINDOW
    found = _WORD_END.search(text, low, stop) if low > start else None
    if found is not None:
        begin = found.start()
    elif low > start and "." not in text[low:stop]:
        return False
    else:
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
    if len(word) == 1:
        return word.isalpha()
    return "." in word and _DOTTED_ACRONYM.fullmatch(word) is not None
