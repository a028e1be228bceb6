"""One quotation, two wordings: find the same quote across articles and compare words.

Identical wordings are grouped first (a statement quoted verbatim by a thousand articles
is one entry). Distinct wordings are indexed by word 5-gram shingles (an n-gram
signature): two become a candidate pair only when they share at least ``MIN_SHARED``
shingles, i.e. a run of six or more identical words. Shingles shared by more than
``MAX_POSTINGS`` wordings (stock phrases) are dropped from the index, so the pair count
per shingle is bounded. Cost: O(W) to group and index W quote words, plus at most
MAX_POSTINGS² pairs per shingle, plus one word alignment (difflib, O(n·m) on two short
quotes) per candidate pair - linear in the corpus for a fixed quote length.

Two wordings of one quote disagree when, inside the stretch both cover, words were
replaced, added or dropped; a quote that is merely shorter (a partial quote) or that
marks its cuts with an ellipsis agrees. The finding goes on the wording fewer articles
use; when both are used equally often no article is singled out.
"""
from __future__ import annotations

import difflib
import re
from collections import defaultdict
from typing import Iterator, NamedTuple, Sequence

from linter.consistency.summary import QuoteRecord
from linter.names import fold_name

SHINGLE = 5
MIN_SHARED = 2
MAX_POSTINGS = 40
#: Share of the shorter quote's overlapping words that must agree to call it one quote.
MIN_AGREEMENT = 0.6
#: More separate changes than this: two statements on one template, not one altered quote.
MAX_DIFFERENCES = 3
#: Longer "quotes" are mostly unbalanced quote marks swallowing paragraphs.
MAX_WORDS = 80
#: A differing first or last stretch this short is a changed wording, not a cut.
EDGE_WORDS = 4
_WORD = re.compile(r"\.\.\.|\u2026|\[[^\]]*\]|[^\W_]+(?:['\u2019.-][^\W_]+)*")
GAP = "\x00gap"


class Words(NamedTuple):
    """A quote as comparable words, each with its offsets in the document."""

    article: int
    quote: int
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def words_of(article: int, index: int, record: QuoteRecord) -> Words:
    """Lower-case, accent-free words; ellipses and [editorial insertions] become gaps."""
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    base = record.span.start
    for m in _WORD.finditer(record.prose or record.span.text):
        token = m.group()
        words.append(GAP if token in ("...", "\u2026") or token.startswith("[") else _comparable(token))
        spans.append((base + m.start(), base + m.end()))
    return Words(article, index, tuple(words), tuple(spans))


#: British endings folded to American ones, so a quote restyled to an outlet's spelling
#: ("recognise" for "recognize", "colour" for "color") is not an altered quote. Both
#: sides are folded the same way, so a merged pair of real words does no harm.
_SPELLING = re.compile(
    r"(?<=[a-z]{2})(?:is(?=(?:e|ed|es|ing|ation|ations)$)|our(?=(?:s|ed|ing|ful)?$)|tre(?=s?$)|lled$|lling$)")
_SPELLING_TO = {"is": "iz", "our": "or", "tre": "ter", "lled": "led", "lling": "ling"}


def _comparable(token: str) -> str:
    word = fold_name(token).replace("\u2019", "'")
    return _SPELLING.sub(lambda m: _SPELLING_TO[m.group()], word)


class Difference(NamedTuple):
    """Where quote ``a`` departs from quote ``b``: word indexes in ``a``, both wordings."""

    first: int
    last: int
    other_first: int
    other_last: int
    mine: str
    theirs: str


def compare(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[bool, list[Difference]] | None:
    """None when not the same quote; else (agree, differences found in ``a``)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks = [blk for blk in matcher.get_matching_blocks() if blk.size]
    same = sum(blk.size for blk in blocks)
    if not blocks or max(blk.size for blk in blocks) < SHINGLE + 1:
        return None
    # The stretch both quotes cover: from the first to the last shared word.
    a_lo, b_lo = blocks[0].a, blocks[0].b
    a_hi, b_hi = blocks[-1].a + blocks[-1].size, blocks[-1].b + blocks[-1].size
    if same < MIN_AGREEMENT * max(a_hi - a_lo, b_hi - b_lo):
        return None
    opcodes = matcher.get_opcodes()
    # Both quotes start or end with a few different words: a changed wording, not a cut.
    op, i1, i2, j1, j2 = opcodes[0]
    if op == "replace" and i1 == 0 and j1 == 0 and max(i2 - i1, j2 - j1) <= EDGE_WORDS:
        a_lo, b_lo = 0, 0
    op, i1, i2, j1, j2 = opcodes[-1]
    if op == "replace" and i2 == len(a) and j2 == len(b) and max(i2 - i1, j2 - j1) <= EDGE_WORDS:
        a_hi, b_hi = i2, j2
    diffs: list[Difference] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal" or i2 <= a_lo or i1 >= a_hi or j2 <= b_lo or j1 >= b_hi:
            continue
        mine, theirs = a[i1:i2], b[j1:j2]
        if GAP in mine or GAP in theirs:
            continue  # an ellipsis or [insertion] marks an acknowledged edit
        if not mine:
            # Words missing here: point at the neighbours of the gap.
            i1, i2 = max(i1 - 1, a_lo), min(i1 + 1, a_hi)
            if i1 >= i2:
                continue
        diffs.append(Difference(i1, i2, j1, j2, " ".join(mine) or "(missing)", " ".join(theirs) or "(missing)"))
    if len(diffs) > MAX_DIFFERENCES:
        return None  # many changes: another statement on a common template
    return not diffs, diffs


def _slot(words: Words, first: int, last: int, text: str, base: int) -> bool:
    """True when the words changed are a number or a proper name (not the quote's first
    word): the mark of two statements on one template ("figures published on Tuesday
    showed 5,200 ..."), not of one statement reworded."""
    for k in range(max(first, 0), min(last, len(words.spans))):
        a, b = words.spans[k]
        token = text[a - base:b - base]
        if any(ch.isdigit() for ch in token) or (k > 0 and token[:1].isupper() and words.words[k - 1] != GAP):
            return True
    return False


class Alteration(NamedTuple):
    """A minority wording: where it is, and the majority wording's articles."""

    article: int
    quote: int
    start: int
    end: int
    mine: str
    theirs: str
    #: (article, quote) of the majority wording, for related locations.
    others: list[tuple[int, int]]
    #: Every other article backing the majority wording (verbatim or shortened).
    backers: list[int]


class _Wording(NamedTuple):
    words: tuple[str, ...]
    speaker: str | None


def altered(items: Sequence[Sequence[QuoteRecord]], min_words: int) -> Iterator[Alteration]:
    """Compare quote wordings across articles and yield wordings fewer articles use.

    Identical wordings are grouped first, so a statement quoted verbatim by a thousand
    articles is one entry; only distinct wordings are aligned.
    """
    groups: dict[_Wording, list[Words]] = defaultdict(list)
    for article, records in enumerate(items):
        for index, record in enumerate(records):
            w = words_of(article, index, record)
            if min_words <= sum(1 for x in w.words if x != GAP) <= MAX_WORDS:
                groups[_Wording(w.words, record.speaker)].append(w)
    wordings = list(groups)
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for wi, wording in enumerate(wordings):
        seen: set[tuple[str, ...]] = set()
        words = wording.words
        for i in range(len(words) - SHINGLE + 1):
            shingle = words[i:i + SHINGLE]
            if GAP not in shingle and shingle not in seen:
                seen.add(shingle)
                postings[shingle].append(wi)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if len(members) < 2 or len(members) > MAX_POSTINGS:
            continue
        for i, x in enumerate(members):
            for y in members[i + 1:]:
                shared[(x, y)] += 1
    articles = [{q.article for q in groups[w]} for w in wordings]
    support = [set(a) for a in articles]
    clash: dict[int, dict[int, list[Difference]]] = defaultdict(dict)
    for (x, y), count in shared.items():
        sx, sy = wordings[x].speaker, wordings[y].speaker
        if count < MIN_SHARED or (sx and sy and sx != sy):
            continue
        forward = compare(wordings[x].words, wordings[y].words)
        backward = compare(wordings[y].words, wordings[x].words)
        if forward is None or backward is None:
            continue
        qx, qy = groups[wordings[x]][0], groups[wordings[y]][0]
        rx, ry = items[qx.article][qx.quote], items[qy.article][qy.quote]
        if any(_slot(qx, d.first, d.last, rx.prose or rx.span.text, rx.span.start)
               or _slot(qy, d.other_first, d.other_last, ry.prose or ry.span.text, ry.span.start)
               for d in forward[1]):
            continue
        if forward[0] and backward[0]:
            support[x] |= articles[y]
            support[y] |= articles[x]
        else:
            clash[x][y] = forward[1]
            clash[y][x] = backward[1]
    for x, rivals in clash.items():
        own = len(support[x])
        # Count the rival's articles other than this wording's own (an article may quote twice).
        strength = {y: len(support[y] - articles[x]) for y in rivals}
        strongest = max(strength.values())
        if strongest < 2 or strongest <= own:
            continue
        majority = [y for y in rivals if strength[y] == strongest]
        backers = sorted(set().union(*(support[y] for y in majority)) - articles[x])
        diffs = [d for y in majority for d in rivals[y]]
        if not diffs:
            continue
        first_word = min(d.first for d in diffs)
        last_word = max(d.last for d in diffs)
        lead = min(majority, key=lambda y: min((q.article, q.quote) for q in groups[wordings[y]]))
        theirs = " ... ".join(d.theirs for d in sorted(rivals[lead]))
        mine = " ... ".join(d.mine for d in sorted(rivals[lead]))
        others = sorted({(q.article, q.quote) for y in majority for q in groups[wordings[y]]})
        for q in groups[wordings[x]]:
            yield Alteration(q.article, q.quote, q.spans[first_word][0], q.spans[last_word - 1][1],
                             mine, theirs, [o for o in others if o[0] != q.article], backers)
