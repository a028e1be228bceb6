"""One quotation, two wordings: find the same quote across articles and compare words.

Identical wordings are grouped first (a statement quoted verbatim by a thousand articles
is one entry). Distinct wordings are indexed by word 5-gram shingles (an n-gram
signature): two become a candidate pair only when they share at least ``MIN_SHARED``
shingles, i.e. a run of six or more identical words. Shingles shared by more than
``MAX_POSTINGS`` wordings (stock phrases) are dropped from the index, so the pair count
per shingle is bounded; a large corpus is indexed in passes of ``SHINGLES_PER_PASS``
shingles, so the index's memory is bounded too. Cost: O(W) to group and index W quote words, plus at most
MAX_POSTINGS² pairs per shingle, plus one word alignment (difflib's algorithm, O(n·m) on
two short quotes, with each wording indexed once) per candidate pair - linear in the
corpus for a fixed quote length. Each distinct quote text is split into words once.

Two wordings of one quote disagree when, inside the stretch both cover, words were
replaced, added or dropped; a quote that is merely shorter (a partial quote) or that
marks its cuts with an ellipsis agrees. The finding goes on the wording fewer articles
use; when both are used equally often no article is singled out.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from itertools import combinations, islice
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

from linter.consistency.summary import QuoteRecord
from linter.names import fold_name

SHINGLE = 5
MIN_SHARED = 2
MAX_POSTINGS = 40
#: Shingles indexed in one pass (about 150 bytes each while indexed).
SHINGLES_PER_PASS = 400_000
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


def words_of(text: str, cache: dict[str, tuple[str, int]] | None = None) -> tuple[str, ...]:
    """Lower-case, accent-free words; ellipses and [editorial insertions] become gaps.

    ``cache`` maps tokens already seen to their comparable form (see ``_split``)."""
    return _split(text, {} if cache is None else cache)[0]


def _split(text: str, cache: dict[str, tuple[str, int]]) -> tuple[tuple[str, ...], tuple[int, int]]:
    """``words_of`` the text, and which tokens as written hold a digit and which start
    with a capital (bit ``k`` for token ``k``): all that ``_slot`` reads of them.

    ``cache`` maps tokens already seen to their comparable form and those two marks: a
    corpus repeats most words, so each distinct token is folded once.
    """
    out: list[str] = []
    digits = capitals = 0
    for k, token in enumerate(_WORD.findall(text)):
        entry = cache.get(token)
        if entry is None:
            entry = cache[token] = (
                GAP if token in ("...", "\u2026") or token.startswith("[") else _comparable(token),
                (1 if any(map(str.isdigit, token)) else 0) | (2 if token[:1].isupper() else 0))
        word, marks = entry
        out.append(word)
        if marks:
            if marks & 1:
                digits |= 1 << k
            if marks & 2:
                capitals |= 1 << k
    return tuple(out), (digits, capitals)


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


def positions(words: Sequence[str]) -> dict[str, list[int]]:
    """Each word's indexes in ``words``: the index ``compare`` looks ``b``'s words up in."""
    b2j: dict[str, list[int]] = {}
    for j, word in enumerate(words):
        b2j.setdefault(word, []).append(j)
    return b2j


def _longest(a: Sequence[str], b2j: dict[str, list[int]], alo: int, ahi: int, blo: int, bhi: int
             ) -> tuple[int, int, int, bool]:
    """``difflib.SequenceMatcher.find_longest_match`` without junk: the longest common
    run, earliest in ``a`` and then in ``b`` (with no junk difflib's extension steps
    never apply, since the run found is already maximal), and whether another run of
    that length exists (a tie, which the reverse alignment may break the other way)."""
    besti, bestj, bestsize = alo, blo, 0
    tie = False
    j2len: dict[int, int] = {}
    for i in range(alo, ahi):
        newj2len: dict[int, int] = {}
        js = b2j.get(a[i])
        if js:
            get = j2len.get
            for j in js:
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = newj2len[j] = get(j - 1, 0) + 1
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
                    tie = False
                elif k == bestsize:
                    tie = True
        j2len = newj2len
    return besti, bestj, bestsize, tie


_NONE: dict[int, int] = {}  # never written: the run lengths of a row without matches


def _longest_whole(a: Sequence[str], b2j: dict[str, list[int]]) -> tuple[int, int, int, bool]:
    """``_longest`` over the whole of ``a`` and ``b`` (the first and costliest search of
    an alignment): no bounds to check, each word's positions looked up in one pass."""
    besti = bestj = bestsize = 0
    tie = False
    j2len = _NONE
    for i, js in enumerate(map(b2j.get, a)):
        if js is None:
            j2len = _NONE
            continue
        get = j2len.get
        j2len = {}
        for j in js:
            k = j2len[j] = get(j - 1, 0) + 1
            if k > bestsize:
                besti, bestj, bestsize = i - k + 1, j - k + 1, k
                tie = False
            elif k == bestsize:
                tie = True
    return besti, bestj, bestsize, tie


Blocks = list[tuple[int, int, int]]


def joined(words: Sequence[str]) -> str:
    """``words`` as one string with a separator around each word (no word contains it):
    one wording is a contiguous run of another exactly when its string is in the other's."""
    return "\x01" + "\x01".join(words) + "\x01"


def _contained(a: Sequence[str], b: Sequence[str], sa: str, sb: str) -> tuple[Blocks, None] | None:
    """``_matching_blocks`` when the shorter wording is a run of the longer one (a partial
    quote: most pairs), found by one substring search instead of the alignment; None
    when neither contains the other. The longest run is then the whole shorter wording
    at its first occurrence (in both directions), with nothing left to align on either
    side."""
    la, lb = len(a), len(b)
    if min(la, lb) < SHINGLE + 1:
        return None
    if la <= lb:
        at = sb.find(sa)
        if at == -1:
            return None
        return [(0, sb.count("\x01", 0, at), la)], None
    at = sa.find(sb)
    if at == -1:
        return None
    return [(sa.count("\x01", 0, at), 0, lb)], None


#: Where the reverse alignment may part from the forward one: the forward alignment's
#: blocks before merging, and the stretches ``(alo, ahi, blo, bhi)`` whose longest run
#: ties (below one, the reverse alignment does its own search).
Parting = tuple[Blocks, list[tuple[int, int, int, int]]]


def _matching_blocks(a: Sequence[str], b: Sequence[str], b2j: dict[str, list[int]]
                     ) -> tuple[Blocks, Parting | None] | None:
    """difflib's matching blocks of ``a`` and ``b`` (autojunk off, no junk), without
    the closing dummy block, and None when those of ``b`` and ``a`` are the same blocks
    swapped, else where the two alignments may part (``_reverse`` finishes the reverse
    one); None when the longest shared run is under ``SHINGLE + 1`` words (the longest
    run found first is the longest of all, so that needs no more).

    difflib itself rebuilds its index of ``b`` per pair; ``b2j`` is built once per
    wording. Both directions find the same longest run in a stretch unless two runs of
    that length tie, so they share every step outside the stretches below a tie: the
    reverse alignment searches only those, and only when its verdict is wanted.
    """
    la, lb = len(a), len(b)
    i, j, k, tie = _longest_whole(a, b2j)
    if k < SHINGLE + 1:
        return None
    found = [(i, j, k)]
    parts = [(0, la, 0, lb)] if tie else []
    queue = []
    if 0 < i and 0 < j:
        queue.append((0, i, 0, j))
    if i + k < la and j + k < lb:
        queue.append((i + k, la, j + k, lb))
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k, tie = _longest(a, b2j, alo, ahi, blo, bhi)
        if k:
            if tie:
                parts.append((alo, ahi, blo, bhi))
            found.append((i, j, k))
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    if len(found) == 1:
        return found, (found, parts) if parts else None
    blocks = _merged(found)
    return blocks, (found, parts) if parts else None


def _reverse(b: Sequence[str], a2i: dict[str, list[int]], parting: Parting) -> Blocks:
    """The matching blocks of ``b`` and ``a`` (``a2i``: ``positions(a)``) given where
    they may part from those of ``a`` and ``b`` (``_matching_blocks``): the forward
    blocks outside every stretch with a tie, swapped, and the reverse alignment's own
    search of the outermost such stretches."""
    found, parts = parting
    outer = [p for p in parts if not any(q[0] <= p[0] and p[1] <= q[1] and q[2] <= p[2] and p[3] <= q[3]
                                         for q in parts if q is not p)]
    kept = [(j, i, k) for i, j, k in found
            if not any(alo <= i and i + k <= ahi and blo <= j and j + k <= bhi for alo, ahi, blo, bhi in outer)]
    queue = [(blo, bhi, alo, ahi) for alo, ahi, blo, bhi in outer]
    while queue:
        blo, bhi, alo, ahi = queue.pop()
        j, i, k, _ = _longest(b, a2i, blo, bhi, alo, ahi)
        if k:
            kept.append((j, i, k))
            if blo < j and alo < i:
                queue.append((blo, j, alo, i))
            if j + k < bhi and i + k < ahi:
                queue.append((j + k, bhi, i + k, ahi))
    return _merged(kept)


def _merged(found: Blocks) -> Blocks:
    """Blocks sorted, adjacent ones joined (as difflib's ``get_matching_blocks``)."""
    found.sort()
    i1 = j1 = k1 = 0
    blocks: Blocks = []
    for i2, j2, k2 in found:
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1:
                blocks.append((i1, j1, k1))
            i1, j1, k1 = i2, j2, k2
    if k1:
        blocks.append((i1, j1, k1))
    return blocks


def compare(a: tuple[str, ...], b: tuple[str, ...], b2j: dict[str, list[int]] | None = None
            ) -> tuple[bool, list[Difference]] | None:
    """None when not the same quote; else (agree, differences found in ``a``).

    The alignment is difflib's (``SequenceMatcher(None, a, b, autojunk=False)``);
    ``b2j`` is ``positions(b)`` when the caller keeps it.
    """
    found = _matching_blocks(a, b, positions(b) if b2j is None else b2j)
    return None if found is None else _judge(a, b, found[0])


def _judge(a: tuple[str, ...], b: tuple[str, ...], blocks: Blocks) -> tuple[bool, list[Difference]] | None:
    """``compare`` given the matching blocks of ``a`` and ``b``."""
    return _judge_both(a, b, blocks)[0]


Verdict = tuple[bool, list[Difference]] | None


def _judge_both(a: tuple[str, ...], b: tuple[str, ...], blocks: Blocks) -> tuple[Verdict, Verdict]:
    """``_judge`` of ``a`` against ``b`` and of ``b`` against ``a`` given the blocks of
    ``a`` and ``b`` (the reverse verdict holds when ``_matching_blocks`` found the
    alignments of both directions the same).

    Both directions see the same gaps between blocks, the same covered stretch and the
    same edge rule; they differ only in which side a gap's missing words point at. The
    gaps are difflib's opcodes other than ``equal``, read straight off the blocks."""
    same = 0
    for blk in blocks:
        same += blk[2]
    # The stretch both quotes cover: from the first to the last shared word.
    a_lo, b_lo, _ = blocks[0]
    i, j, k = blocks[-1]
    a_hi, b_hi = i + k, j + k
    if same < MIN_AGREEMENT * max(a_hi - a_lo, b_hi - b_lo):
        return None, None
    la, lb = len(a), len(b)
    # Both quotes start or end with a few different words: a changed wording, not a cut.
    if 0 < a_lo and 0 < b_lo and max(a_lo, b_lo) <= EDGE_WORDS:
        a_lo, b_lo = 0, 0
    if a_hi < la and b_hi < lb and max(la - a_hi, lb - b_hi) <= EDGE_WORDS:
        a_hi, b_hi = la, lb
    forward: list[Difference] = []
    backward: list[Difference] = []
    i = j = 0
    for ai, bj, size in (*blocks, (la, lb, 0)):
        if (i < ai or j < bj) and not (ai <= a_lo or i >= a_hi or bj <= b_lo or j >= b_hi):
            mine, theirs = a[i:ai], b[j:bj]
            # An ellipsis or [insertion] marks an acknowledged edit.
            if GAP not in mine and GAP not in theirs:
                said, other = " ".join(mine) or "(missing)", " ".join(theirs) or "(missing)"
                # Words missing on one side: point at the neighbours of the gap.
                if mine:
                    forward.append(Difference(i, ai, j, bj, said, other))
                elif max(i - 1, a_lo) < min(i + 1, a_hi):
                    forward.append(Difference(max(i - 1, a_lo), min(i + 1, a_hi), j, bj, said, other))
                if theirs:
                    backward.append(Difference(j, bj, i, ai, other, said))
                elif max(j - 1, b_lo) < min(j + 1, b_hi):
                    backward.append(Difference(max(j - 1, b_lo), min(j + 1, b_hi), i, ai, other, said))
        i, j = ai + size, bj + size
    # Many changes: another statement on a common template.
    return (None if len(forward) > MAX_DIFFERENCES else (not forward, forward),
            None if len(backward) > MAX_DIFFERENCES else (not backward, backward))


def _slot(marks: tuple[int, int], words: Sequence[str], first: int, last: int) -> bool:
    """True when the words changed are a number or a proper name (not the quote's first
    word): the mark of two statements on one template ("figures published on Tuesday
    showed 5,200 ..."), not of one statement reworded. ``marks`` (from ``_split``) say
    which words as written hold a digit and which start with a capital."""
    lo, hi = max(first, 0), min(last, len(words))
    if lo >= hi:
        return False
    changed = (1 << hi) - (1 << lo)
    digits, capitals = marks
    if digits & changed:
        return True
    named = capitals & changed & ~1
    if named and GAP in words:  # a capital right after a gap may just start a sentence
        return any(named >> k & 1 and words[k - 1] != GAP for k in range(max(lo, 1), hi))
    return bool(named)


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


def _text(record: QuoteRecord | tuple[Any, ...]) -> str:
    """The words of a record (a ``QuoteRecord`` or a row laid out like one)."""
    return record[2] or record[0][3]


def _shared_shingles(wordings: Sequence[_Wording]) -> Counter[tuple[int, int]]:
    """How many shingles each pair of wordings ``(x, y)``, ``x < y``, shares (shingles
    in more than ``MAX_POSTINGS`` wordings left out; pairs of two different named
    speakers, which are never compared, not counted).

    One text quoted with different speakers is several wordings with the same shingles,
    so texts are shingled and their pairs counted (a shingle weighs as many wordings as
    its texts hold), then each pair of texts hands its count to their wordings' pairs.

    The index holds at most about ``SHINGLES_PER_PASS`` shingles: a larger corpus is
    indexed in several passes, each over the shingles whose first word falls in one
    hash bucket - a shingle always lands in the same pass, so the counts are exact.
    """
    total = sum(max(0, len(w.words) - SHINGLE + 1) for w in wordings)
    passes = max(1, -(-total // SHINGLES_PER_PASS))
    same: dict[tuple[str, ...], list[int]] = {}
    for wi, wording in enumerate(wordings):
        found = same.get(wording.words)
        if found is None:
            same[wording.words] = [wi]
        else:
            found.append(wi)
    texts = list(same.values())
    del same
    weight = list(map(len, texts))
    pairs: Counter[tuple[int, int]] = Counter()
    #: Shingles counted within one text (shared by its wordings).
    alone: Counter[int] = Counter()
    # The posting where a text pair (or a text's own wordings) first met: the pairs of
    # wordings are counted in the order a scan of wording postings would meet them (the
    # order of findings later decides which line text their fingerprints read).
    #: ``(n, at)``: the pairs counted after the first ``n`` were first met at posting
    #: ``at`` (a Counter keeps its keys in the order they came, so this is all it takes).
    first: list[tuple[int, int]] = []
    first_alone: dict[int, int] = {}
    met = 0
    for bucket in range(passes):
        postings: dict[tuple[str, ...], int | list[int]] = {}
        for ti, quoted in enumerate(texts):
            words = wordings[quoted[0]].words
            shingles: Iterable[tuple[str, ...]]
            if passes > 1:
                shingles = [words[i:i + SHINGLE] for i in range(len(words) - SHINGLE + 1)
                            if hash(words[i]) % passes == bucket]
            else:  # zip builds the same tuples as slicing, without a Python-level loop
                shingles = zip(*(words[k:] for k in range(SHINGLE)))
            gap = GAP in words
            # dict.fromkeys: each shingle once.
            for shingle in dict.fromkeys(shingles):
                if gap and GAP in shingle:
                    continue
                members = postings.get(shingle)
                if members is None:
                    postings[shingle] = ti  # most shingles occur once: no list for them
                elif isinstance(members, int):
                    postings[shingle] = [members, ti]
                else:
                    members.append(ti)
        for members in postings.values():
            if isinstance(members, int):
                if 2 <= weight[members] <= MAX_POSTINGS:
                    alone[members] += 1
                    first_alone.setdefault(members, met)
                    met += 1
                continue
            if sum([weight[ti] for ti in members]) > MAX_POSTINGS:
                continue
            known = len(pairs)
            pairs.update(combinations(members, 2))
            if len(pairs) > known:
                first.append((known, met))
            for ti in members:
                if weight[ti] > 1:
                    alone[ti] += 1
                    first_alone.setdefault(ti, met)
            met += 1
    speakers = [w.speaker for w in wordings]
    found: list[tuple[int, int, int, int]] = []
    first.append((len(pairs), -1))  # the end
    step = 0
    for n, ((ta, tb), count) in enumerate(pairs.items()):
        if n == first[step + 1][0]:
            step += 1
        at = first[step][1]
        for x in texts[ta]:
            sx = speakers[x]
            for y in texts[tb]:
                sy = speakers[y]
                if not (sx and sy and sx != sy):  # two named speakers' words are never compared
                    found.append((at, x, y, count) if x < y else (at, y, x, count))
    for ti, count in alone.items():
        at = first_alone[ti]
        for x, y in combinations(texts[ti], 2):
            sx, sy = speakers[x], speakers[y]
            if not (sx and sy and sx != sy):
                found.append((at, x, y, count))
    found.sort()
    return Counter({(x, y): count for _, x, y, count in found})


def altered(items: Sequence[Sequence[QuoteRecord | tuple[Any, ...]]], min_words: int) -> Iterator[Alteration]:
    """Compare quote wordings across articles and yield wordings fewer articles use.

    Records may be ``QuoteRecord``s or rows laid out like them (read by position).

    Identical wordings are grouped first, so a statement quoted verbatim by a thousand
    articles is one entry; only distinct wordings are aligned. Each distinct text is
    split into words once, each distinct token folded once.
    """
    #: Keyed by plain ``(words, speaker)`` tuples (a ``_Wording`` equals its tuple):
    #: a named tuple is built per distinct wording, not per record.
    groups: dict[tuple[tuple[str, ...], str | None], list[tuple[int, int]]] = {}
    #: Per wording (in ``groups`` order): the ``_split`` marks of its first text.
    marks: list[tuple[int, int]] = []
    folded: dict[str, tuple[str, int]] = {}
    split: dict[str, tuple[tuple[str, ...], tuple[int, int]] | None] = {}
    for article, records in enumerate(items):
        for index, record in enumerate(records):
            text = record[2] or record[0][3]
            try:
                entry = split[text]
            except KeyError:
                entry = _split(text, folded)
                words = entry[0]
                if not min_words <= len(words) - words.count(GAP) <= MAX_WORDS:
                    entry = None
                split[text] = entry
            if entry is None:
                continue
            key = (entry[0], record[1])
            found = groups.get(key)
            if found is None:
                groups[key] = [(article, index)]
                marks.append(entry[1])
            else:
                found.append((article, index))
    del split, folded
    wordings = list(map(_Wording._make, groups))
    shared = _shared_shingles(wordings)
    # Article sets only for the wordings that meet another one (most never do).
    article_sets: dict[int, set[int]] = {}
    support_sets: dict[int, set[int]] = {}

    def articles(wi: int) -> set[int]:
        found = article_sets.get(wi)
        if found is None:
            found = article_sets[wi] = {a for a, _ in groups[wordings[wi]]}
        return found

    def support(wi: int) -> set[int]:
        """The articles backing wording ``wi``: its own and those of agreeing wordings."""
        found = support_sets.get(wi)
        if found is None:
            found = support_sets[wi] = set(articles(wi))
        return found

    clash: dict[int, dict[int, list[Difference]]] = defaultdict(dict)
    index: dict[int, dict[str, list[int]]] = {}
    as_text: dict[int, str] = {}

    def text_of(wi: int) -> str:
        found = as_text.get(text_id[wi])
        if found is None:
            found = as_text[text_id[wi]] = joined(wordings[wi].words)
        return found

    def align(a: int, b: int) -> tuple[Blocks, Parting | None] | None:
        """The word alignment of wording ``a`` with ``b`` (the word positions of ``b``'s
        text indexed once, on first need)."""
        by = index.get(text_id[b])
        if by is None:
            by = index[text_id[b]] = positions(wordings[b].words)
        return _matching_blocks(wordings[a].words, wordings[b].words, by)

    def agree(x: int, y: int) -> None:
        support(x).update(articles(y))
        support(y).update(articles(x))

    def verdicts(x: int, y: int) -> tuple[Verdict, Verdict] | bool:
        """Both verdicts on wordings ``x`` and ``y``; True when one is a run of the other
        (a partial quote: they agree both ways), False when either verdict is None."""
        wx, wy = wordings[x], wordings[y]
        if _contained(wx.words, wy.words, text_of(x), text_of(y)) is not None:
            return True
        aligned = align(x, y)
        if aligned is None:
            return False
        blocks, parting = aligned
        forward, backward = _judge_both(wx.words, wy.words, blocks)
        if forward is None:
            return False
        if parting is not None:
            by = index.get(text_id[x])
            if by is None:
                by = index[text_id[x]] = positions(wx.words)
            backward = _judge(wy.words, wx.words, _reverse(wy.words, by, parting))
        if backward is None:
            return False
        return forward, backward

    # Wordings of one text (quoted with other speakers) get the same verdicts: each pair
    # of texts is aligned and judged once.
    text_ids: dict[tuple[str, ...], int] = {}
    text_id = [text_ids.setdefault(w.words, len(text_ids)) for w in wordings]
    del text_ids
    judged: dict[tuple[int, int], tuple[Verdict, Verdict] | bool] = {}
    for (x, y), count in shared.items():
        if count < MIN_SHARED:
            continue
        wx, wy = wordings[x], wordings[y]
        sx = wx.speaker
        if sx:
            sy = wy.speaker
            if sy and sx != sy:
                continue
        key = (text_id[x], text_id[y])
        verdict = judged.get(key)
        if verdict is None:
            verdict = judged[key] = verdicts(x, y)
        if verdict is True:
            agree(x, y)
            continue
        if verdict is False:
            continue
        forward, backward = verdict
        if forward[1]:
            mx, my = marks[x], marks[y]
            if any(_slot(mx, wx.words, d.first, d.last) or _slot(my, wy.words, d.other_first, d.other_last)
                   for d in forward[1]):
                continue
        if forward[0] and backward[0]:
            agree(x, y)
        else:
            clash[x][y] = forward[1]
            clash[y][x] = backward[1]
    majorities: dict[tuple[int, ...], tuple[int, list[int], list[tuple[int, int]]]] = {}
    for x, rivals in clash.items():
        own = len(support(x))
        # Count the rival's articles other than this wording's own (an article may quote
        # twice): a wording's own articles are few, a rival's support may be thousands.
        mine_in = articles(x)
        strength = {}
        for y in rivals:
            backing = support(y)
            strength[y] = len(backing) - sum(a in backing for a in mine_in)
        strongest = max(strength.values())
        if strongest < 2 or strongest <= own:
            continue
        majority = [y for y in rivals if strength[y] == strongest]
        diffs = [d for y in majority for d in rivals[y]]
        if not diffs:
            continue
        first_word = min(d.first for d in diffs)
        last_word = max(d.last for d in diffs)
        # Minority wordings of one quote share their majority: its articles and quotes
        # are merged once, not once per minority wording.
        key = tuple(majority)
        merged = majorities.get(key)
        if merged is None:
            merged = majorities[key] = (
                min(majority, key=lambda y: groups[wordings[y]][0]),
                sorted(set().union(*(support(y) for y in majority))),
                sorted({q for y in majority for q in groups[wordings[y]]}))
        lead, backing, others = merged
        backers = backing
        for article in mine_in:
            at = bisect_left(backers, article)
            if at < len(backers) and backers[at] == article:
                backers = backers[:at] + backers[at + 1:]
        theirs = " ... ".join(d.theirs for d in sorted(rivals[lead]))
        mine = " ... ".join(d.mine for d in sorted(rivals[lead]))
        for article, quote in groups[wordings[x]]:
            record = items[article][quote]
            start, end = _word_bounds(_text(record), first_word, last_word - 1)
            base = record[0][0]
            # ``others`` is sorted: this article's own quotes are one run of it.
            lo, hi = bisect_left(others, (article,)), bisect_left(others, (article + 1,))
            yield Alteration(article, quote, base + start, base + end,
                             mine, theirs, others[:lo] + others[hi:], backers)


def _word_bounds(text: str, first: int, last: int) -> tuple[int, int]:
    """Where word ``first`` of ``text`` starts and word ``last`` ends (``first <= last``).

    ``islice`` skips the words before each in C, not one Python step per word."""
    words = _WORD.finditer(text)
    opening = next(islice(words, first, None), None)
    closing = opening if last == first else next(islice(words, last - first - 1, None), None)
    if opening is None or closing is None:
        raise IndexError(last)
    return opening.start(), closing.end()
