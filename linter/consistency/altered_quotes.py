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
from collections import Counter, defaultdict
from itertools import combinations
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


def words_of(text: str, cache: dict[str, str] | None = None) -> tuple[str, ...]:
    """Lower-case, accent-free words; ellipses and [editorial insertions] become gaps.

    ``cache`` maps tokens already seen to their comparable form: a corpus repeats most
    words, so each distinct token is folded once.
    """
    if cache is None:
        cache = {}
    out: list[str] = []
    for token in _WORD.findall(text):
        word = cache.get(token)
        if word is None:
            word = cache[token] = GAP if token in ("...", "\u2026") or token.startswith("[") else _comparable(token)
        out.append(word)
    return tuple(out)


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


Blocks = list[tuple[int, int, int]]


def joined(words: Sequence[str]) -> str:
    """``words`` as one string with a separator around each word (no word contains it):
    one wording is a contiguous run of another exactly when its string is in the other's."""
    return "\x01" + "\x01".join(words) + "\x01"


def _contained(a: Sequence[str], b: Sequence[str], sa: str, sb: str) -> tuple[Blocks, bool] | None:
    """``_matching_blocks`` when the shorter wording is a run of the longer one (a partial
    quote: most pairs), found by one substring search instead of the alignment; None
    when neither contains the other. The longest run is then the whole shorter wording
    at its first occurrence, with nothing left to align on either side; a second
    occurrence is a tie."""
    la, lb = len(a), len(b)
    if min(la, lb) < SHINGLE + 1:
        return None
    if la <= lb:
        at = sb.find(sa)
        if at == -1:
            return None
        return [(0, sb.count("\x01", 0, at), la)], sb.find(sa, at + 1) == -1
    at = sa.find(sb)
    if at == -1:
        return None
    return [(sa.count("\x01", 0, at), 0, lb)], sa.find(sb, at + 1) == -1


def _matching_blocks(a: Sequence[str], b: Sequence[str], b2j: dict[str, list[int]]) -> tuple[Blocks, bool] | None:
    """difflib's matching blocks of ``a`` and ``b`` (autojunk off, no junk), without
    the closing dummy block, and whether they are also the blocks of ``b`` and ``a``
    swapped; None when the longest shared run is under ``SHINGLE + 1`` words (the
    longest run found first is the longest of all, so that needs no more).

    difflib itself rebuilds its index of ``b`` per pair; ``b2j`` is built once per
    wording. Without a tie for the longest run at any step, every step of the reverse
    alignment picks the same run, so one alignment serves both directions.
    """
    la, lb = len(a), len(b)
    i, j, k, tie = _longest(a, b2j, 0, la, 0, lb)
    if k < SHINGLE + 1:
        return None
    found = [(i, j, k)]
    symmetric = not tie
    queue = []
    if 0 < i and 0 < j:
        queue.append((0, i, 0, j))
    if i + k < la and j + k < lb:
        queue.append((i + k, la, j + k, lb))
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k, tie = _longest(a, b2j, alo, ahi, blo, bhi)
        if k:
            symmetric = symmetric and not tie
            found.append((i, j, k))
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    if len(found) == 1:
        return found, symmetric
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
    return blocks, symmetric


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
    same = sum(blk[2] for blk in blocks)
    # The stretch both quotes cover: from the first to the last shared word.
    a_lo, b_lo = blocks[0][0], blocks[0][1]
    a_hi, b_hi = blocks[-1][0] + blocks[-1][2], blocks[-1][1] + blocks[-1][2]
    if same < MIN_AGREEMENT * max(a_hi - a_lo, b_hi - b_lo):
        return None
    opcodes: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for ai, bj, size in (*blocks, (len(a), len(b), 0)):
        if i < ai:
            opcodes.append(("replace" if j < bj else "delete", i, ai, j, bj))
        elif j < bj:
            opcodes.append(("insert", i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            opcodes.append(("equal", ai, i, bj, j))
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


def _slot(tokens: Sequence[str], words: Sequence[str], first: int, last: int) -> bool:
    """True when the words changed are a number or a proper name (not the quote's first
    word): the mark of two statements on one template ("figures published on Tuesday
    showed 5,200 ..."), not of one statement reworded. ``tokens`` are the words as written."""
    for k in range(max(first, 0), min(last, len(tokens))):
        token = tokens[k]
        if any(map(str.isdigit, token)) or (k > 0 and token[:1].isupper() and words[k - 1] != GAP):
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


def _text(record: QuoteRecord | tuple[Any, ...]) -> str:
    """The words of a record (a ``QuoteRecord`` or a row laid out like one)."""
    return record[2] or record[0][3]


def _shared_shingles(wordings: Sequence[_Wording]) -> Counter[tuple[int, int]]:
    """How many shingles each pair of wordings ``(x, y)``, ``x < y``, shares (shingles
    in more than ``MAX_POSTINGS`` wordings left out; pairs of two different named
    speakers, which are never compared, not counted).

    The index holds at most about ``SHINGLES_PER_PASS`` shingles: a larger corpus is
    indexed in several passes, each over the shingles whose first word falls in one
    hash bucket - a shingle always lands in the same pass, so the counts are exact.
    """
    total = sum(max(0, len(w.words) - SHINGLE + 1) for w in wordings)
    passes = max(1, -(-total // SHINGLES_PER_PASS))
    shared: Counter[tuple[int, int]] = Counter()
    speakers = [w.speaker for w in wordings]
    for bucket in range(passes):
        postings: dict[tuple[str, ...], int | list[int]] = {}
        for wi, wording in enumerate(wordings):
            words = wording.words
            shingles: Iterable[tuple[str, ...]]
            if passes > 1:
                shingles = [words[i:i + SHINGLE] for i in range(len(words) - SHINGLE + 1)
                            if hash(words[i]) % passes == bucket]
            else:  # zip builds the same tuples as slicing, without a Python-level loop
                shingles = zip(*(words[k:] for k in range(SHINGLE)))
            gap = GAP in words
            # dict.fromkeys: each shingle once, in order of first use.
            for shingle in dict.fromkeys(shingles):
                if gap and GAP in shingle:
                    continue
                members = postings.get(shingle)
                if members is None:
                    postings[shingle] = wi  # most shingles occur once: no list for them
                elif isinstance(members, int):
                    postings[shingle] = [members, wi]
                else:
                    members.append(wi)
        for members in postings.values():
            if isinstance(members, int) or len(members) > MAX_POSTINGS:
                continue
            named = {speakers[m] for m in members if speakers[m]}
            if len(named) <= 1:
                shared.update(combinations(members, 2))
            else:  # two named speakers' words are never compared: no need to count them
                shared.update((x, y) for x, y in combinations(members, 2)
                              if not (speakers[x] and speakers[y] and speakers[x] != speakers[y]))
    return shared


def altered(items: Sequence[Sequence[QuoteRecord | tuple[Any, ...]]], min_words: int) -> Iterator[Alteration]:
    """Compare quote wordings across articles and yield wordings fewer articles use.

    Records may be ``QuoteRecord``s or rows laid out like them (read by position).

    Identical wordings are grouped first, so a statement quoted verbatim by a thousand
    articles is one entry; only distinct wordings are aligned. Each distinct text is
    split into words once, each distinct token folded once.
    """
    groups: dict[_Wording, list[tuple[int, int]]] = defaultdict(list)
    folded: dict[str, str] = {}
    split: dict[str, tuple[str, ...]] = {}
    for article, records in enumerate(items):
        for index, record in enumerate(records):
            text = _text(record)
            words = split.get(text)
            if words is None:
                words = split[text] = words_of(text, folded)
            if min_words <= len(words) - words.count(GAP) <= MAX_WORDS:
                groups[_Wording(words, record[1])].append((article, index))
    del split, folded
    wordings = list(groups)
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
    written: dict[int, list[str]] = {}

    def tokens(wi: int) -> list[str]:
        found = written.get(wi)
        if found is None:
            article, quote = groups[wordings[wi]][0]
            found = written[wi] = _WORD.findall(_text(items[article][quote]))
        return found

    as_text: dict[int, str] = {}

    def text_of(wi: int) -> str:
        found = as_text.get(wi)
        if found is None:
            found = as_text[wi] = joined(wordings[wi].words)
        return found

    def align(a: int, b: int) -> Any:
        """How wording ``a`` maps onto ``b``: one contained in the other, else the
        word alignment (``b``'s word positions indexed once, on first need)."""
        wa, wb = wordings[a].words, wordings[b].words
        found = _contained(wa, wb, text_of(a), text_of(b))
        if found is None:
            by = index.get(b)
            if by is None:
                by = index[b] = positions(wb)
            found = _matching_blocks(wa, wb, by)
        return found

    for (x, y), count in shared.items():
        wx, wy = wordings[x], wordings[y]
        sx, sy = wx.speaker, wy.speaker
        if count < MIN_SHARED or (sx and sy and sx != sy):
            continue
        aligned = align(x, y)
        if aligned is None:
            continue
        blocks, symmetric = aligned
        forward = _judge(wx.words, wy.words, blocks)
        if forward is None:
            continue
        if symmetric:
            blocks = [(j, i, k) for i, j, k in blocks]
        else:
            reverse = align(y, x)
            if reverse is None:
                continue
            blocks = reverse[0]
        backward = _judge(wy.words, wx.words, blocks)
        if backward is None:
            continue
        if forward[1]:
            tx, ty = tokens(x), tokens(y)
            if any(_slot(tx, wx.words, d.first, d.last) or _slot(ty, wy.words, d.other_first, d.other_last)
                   for d in forward[1]):
                continue
        if forward[0] and backward[0]:
            support(x).update(articles(y))
            support(y).update(articles(x))
        else:
            clash[x][y] = forward[1]
            clash[y][x] = backward[1]
    for x, rivals in clash.items():
        own = len(support(x))
        # Count the rival's articles other than this wording's own (an article may quote twice).
        strength = {y: len(support(y) - articles(x)) for y in rivals}
        strongest = max(strength.values())
        if strongest < 2 or strongest <= own:
            continue
        majority = [y for y in rivals if strength[y] == strongest]
        backers = sorted(set().union(*(support(y) for y in majority)) - articles(x))
        diffs = [d for y in majority for d in rivals[y]]
        if not diffs:
            continue
        first_word = min(d.first for d in diffs)
        last_word = max(d.last for d in diffs)
        lead = min(majority, key=lambda y: min(groups[wordings[y]]))
        theirs = " ... ".join(d.theirs for d in sorted(rivals[lead]))
        mine = " ... ".join(d.mine for d in sorted(rivals[lead]))
        others = sorted({q for y in majority for q in groups[wordings[y]]})
        for article, quote in groups[wordings[x]]:
            record = items[article][quote]
            spans = [m.span() for m in _WORD.finditer(_text(record))]
            base = record[0][0]
            yield Alteration(article, quote, base + spans[first_word][0], base + spans[last_word - 1][1],
                             mine, theirs, [o for o in others if o[0] != article], backers)
