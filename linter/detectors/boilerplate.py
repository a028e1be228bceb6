"""``type: boilerplate`` - classify lines as page residue (navigation, widgets, credits...).

Scraped articles carry the page's chrome as lines of their own. One phrase or pattern
rarely decides alone - "Subscribe" is a button on its own line and a verb in a
sentence - so every rule says WHERE its evidence must sit (the whole line, the start of
a line, or covering enough of a short line) and how strong it is:

- ``strong`` evidence flags a line wherever it is;
- ``weak`` evidence (a section name, a publisher's "our magazine") only counts inside
  the residue zones at the top and bottom of the article, next to strong evidence.

Structural rules add what phrases cannot see: glued menu labels
(``structure: glued-labels``), the descriptive alt-text sentence just above an image
credit (``alt-text``), and the short label/name/date lines that pile up around residue
at the edges of a page (``edge-zone``). Context keeps story text safe: a heading-like
label followed by body text is a subheading (``heading_guard``), the bare line above
top chrome with no headline below it is the headline, a picture still in the file keeps
its caption and credit, and table rows are content. Contiguous residue lines of one
rule make one finding spanning just them; debris ("0", "x") joins the block it touches.
"""
from __future__ import annotations

import bisect
import functools
import operator
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import ahocorasick_rs
import regex
from rapidfuzz import fuzz, process

from linter.detectors.base import Detector, Prepared, make_finding, option, string_list
from linter.detectors.residue_features import LineInfo, glued_joints, line_infos, may_hold_pictures_or_tables
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding
from linter.matching import QUANTIFIER, PhraseIndex, UnknownSyntax, group_head, required_literals
from linter.memo import UNSEEN, Memo
from linter.normalize import normalize_phrase
from linter.rules import Rule
from linter.sentences import sentences

MATCH_MODES = ("line", "start", "contains")
SPAN_MODES = ("line", "to-end", "match")
STRUCTURES = ("glued-labels", "alt-text", "edge-zone")
#: Fuzzy matching only for short lines and long-enough phrases ("Home" ~ "Hope" is noise).
FUZZY_MAX_WORDS = 6
FUZZY_MIN_CHARS = 8
#: Bound on the memo of fuzzy verdicts per line text.
_FUZZY_MEMO_LIMIT = 8192


@dataclass
class Spec:
    """One rule, compiled: where its evidence must sit and how much it weighs."""

    rule: Rule
    order: int
    match: str
    span: str
    strong: bool
    max_words: int
    min_coverage: float
    pattern: Patterns | None
    exclude: Patterns | None
    require: Patterns | None
    structure: str | None
    fuzzy: float | None
    follow: int
    anchors: tuple[str, ...]
    min_lines: int
    min_markers: int
    min_joints: int
    heading_guard: bool


@dataclass
class Hit:
    """Evidence that a line (or the tail of one) is residue."""

    spec: Spec
    start: int
    end: int
    whole: bool
    label: bool = False  # the whole line is one of the rule's phrases

    @property
    def strong(self) -> bool:
        return self.spec.strong


#: Anchored patterns without a gate are screened by the first characters of a line: a
#: pattern that cannot even begin a line starting with these (partial matching says so)
#: is not tried.
PREFIX = 2
#: Bound on the per-prefix memo of line plans (scripts with many letters make many prefixes).
_PREFIX_MEMO_LIMIT = 4096
#: Constructs partial matching is not trusted with, found outside escapes: such
#: patterns are always tried. (``^\(?(?i:`` is an optional bracket, no conditional.)
_UNSCREENED = ("(?=", "(?!", "(?<", "(?(", "(?P=", "(?r", "(?V")
_ESCAPE_OR_GROUP = regex.compile(r"\\.|\(\?[^\\]{0,2}", regex.DOTALL)


#: A pattern with at most this many required literals is tried only on lines holding
#: one of them (``matching.required_literals``), when its caller gives no line mask
#: (``exclude`` and ``require`` run on a few lines only).
GATE_LITERALS = 3
#: Punctuation of ordinary prose: nearly every line holds one, so no use as a gate.
_PROSE_MARKS = frozenset(" .,;:'\"-!?")


class Patterns:
    """A rule's regular expressions, tried one by one: an alternation of them all would
    lose each pattern's literal-prefix speed-up. Patterns anchored with ``^`` are only
    tried at the start of the line (``search`` would retry them at every position), and
    (see ``may_begin``) only on lines whose first characters can begin a match.

    Every pattern may also carry a gate: the literals (case-folded) and the rare
    characters ("(", "/", "@", "|") one of which each of its matches needs. The
    detector finds them all for a whole document in one Aho-Corasick pass
    (``GateScan``) and hands each line's findings over as a bit mask, so a pattern is
    only run on lines that hold what it needs. A test with ``in`` costs as much as a
    failing search on a long line (0.7 us for a 3-letter literal on 500 characters)."""

    def __init__(self, compiled: list[Any]) -> None:
        self.compiled = compiled
        self.tries = [(p.match if p.pattern.startswith("^") else p.search) for p in compiled]
        self._screened = [_screenable(p.pattern) for p in compiled]
        self._literals: list[tuple[str, ...] | None] | None = None

    @property
    def literals(self) -> list[tuple[str, ...] | None]:
        """Per pattern: the case-folded literals ``search`` tests first, or None
        (worked out on first use, not while the rules load)."""
        if self._literals is None:
            self._literals = [_gate_literals(p) for p in self.compiled]
        return self._literals

    def may_begin(self, k: int, prefix: str) -> bool:
        """False when pattern ``k`` cannot match a line beginning with ``prefix`` (its
        first PREFIX characters, or all of a shorter line)."""
        return not self._screened[k] or self.compiled[k].match(prefix, partial=True) is not None

    def search(self, text: str) -> Any:
        """The leftmost match of any pattern, or None (earlier patterns win ties)."""
        best = None
        folded = None
        for k, literals in enumerate(self.literals):
            if literals is not None:
                if folded is None:
                    folded = text.casefold()
                if not any(map(folded.__contains__, literals)):
                    continue  # none of the literals every match contains
            m = self.tries[k](text)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
                if not m.start():
                    break
        return best

    def search_line(self, text: str, tries: list[int], mask: int, literal_bits: list[int],
                    char_bits: list[int]) -> Any:
        """Like ``search``, over the patterns ``tries`` only, for a line whose gate
        literals and characters are the bits of ``mask``; per pattern, ``literal_bits``
        and ``char_bits`` are the bits it needs one of (0: none)."""
        best = None
        run = self.tries
        for k in tries:
            need = literal_bits[k]
            if need and not need & mask:
                continue
            need = char_bits[k]
            if need and not need & mask:
                continue
            m = run[k](text)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
                if not m.start():
                    break
        return best


def _gate_literals(pattern: Any) -> tuple[str, ...] | None:
    """The case-folded literals an unanchored pattern needs, when there are few enough,
    and long enough, to be worth testing first (an anchored one fails at once)."""
    if pattern.pattern.startswith("^"):
        return None
    literals = required_literals(pattern)
    if literals is None or len(literals) > GATE_LITERALS or min(map(len, literals)) < 3:
        return None
    return tuple(literal.casefold() for literal in literals)


def _screenable(source: str) -> bool:
    """Anchored, and free of lookarounds, conditionals, backreferences and reverse
    matching, whose partial matches might not tell a hopeless prefix."""
    if not source.startswith("^"):
        return False
    for m in _ESCAPE_OR_GROUP.finditer(source):
        token = m.group()
        if token.startswith(_UNSCREENED) or (token[0] == "\\" and token[1] in "123456789g"):
            return False
    return True


# ----- gates: what every match of a pattern needs in its line ----------------------------
class GateScan:
    """Finds, for every line of a document, which gate literals and gate characters of
    the detector's patterns it holds: Aho-Corasick passes over the case-folded document
    instead of a scan per pattern and line. Each literal and character has a bit; a
    line's mask is the OR of the bits of those it holds.

    Keys only rules for lines of at most ``limit`` words need ("follow", "more ",
    "here", "published") are looked for in those lines only, joined: the long lines of
    body text are most of an article and held four in five of their matches, none of
    them of use. One pass over the whole text finds the others."""

    def __init__(self, patterns: Iterable[tuple[Patterns, int]], limit: int) -> None:
        bits: dict[str, int] = {}
        wide: set[str] = set()
        digit_words = -1
        #: Per pattern list, per pattern: the bits of its literals and of its characters
        #: (0: no such gate). Kept here, not on the patterns: rule preparations are
        #: shared by detectors (``--profile`` runs each rule alone), and bits are not.
        self.needs: dict[Patterns, tuple[list[int], list[int]]] = {}
        for pats, max_words in patterns:
            literal_bits, char_bits = self.needs[pats] = ([0] * len(pats.compiled), [0] * len(pats.compiled))
            for k, compiled in enumerate(pats.compiled):
                chars = _required_chars(compiled)
                if chars:
                    char_bits[k] = _bits(bits, chars)
                # (A digit alone is no rare character: literals keep their length.)
                literals = _scan_literals(compiled, SCAN_MIN_CHARS + bool(chars and DIGIT not in chars))
                if literals:
                    literal_bits[k] = _bits(bits, literals)
                if max_words > limit:
                    wide.update(chars or ())
                    wide.update(literals or ())
                if chars and DIGIT in chars:
                    digit_words = max(digit_words, max_words)
        self.limit = limit
        #: The keys of the pass over the whole text and of the pass over short lines,
        #: with the mask bit of each.
        self.wide = [key for key in bits if key in wide and key != DIGIT]
        self.narrow = [key for key in bits if key not in wide and key != DIGIT]
        #: The bit of the digit gate, and the longest lines (in words) it is tested on.
        self.digit_bit = 1 << bits[DIGIT] if DIGIT in bits else 0
        self.digit_words = digit_words
        #: Whether every narrow key is found in a line with its blank runs squeezed
        #: whenever it is in the line (a key whose only blanks are lone spaces is), so
        #: that the short-line phrase pass may look for them too.
        self.squeezable = all(_squeeze_safe(key) for key in self.narrow)
        self.wide_bits = [1 << bits[key] for key in self.wide]
        self.narrow_bits = [1 << bits[key] for key in self.narrow]
        self._matchers: tuple[ahocorasick_rs.AhoCorasick, ahocorasick_rs.AhoCorasick] | None = None

    def __getstate__(self) -> dict[str, Any]:
        # The compiled matchers cannot be pickled; a copy rebuilds them on first use.
        return {**self.__dict__, "_matchers": None}

    @property
    def matchers(self) -> tuple[ahocorasick_rs.AhoCorasick, ahocorasick_rs.AhoCorasick]:
        """The automata for the wide and the narrow keys, built on first use (a linter
        that lints nothing never needs them). A DFA scans a whole article three times
        faster than the default automaton; the few hundred characters of short lines
        scan as fast with the default one, which builds in a fifth of the time."""
        if self._matchers is None:
            self._matchers = (
                ahocorasick_rs.AhoCorasick(self.wide, implementation=ahocorasick_rs.Implementation.DFA),
                ahocorasick_rs.AhoCorasick(self.narrow),
            )
        return self._matchers

    def line_masks(self, doc: Document, infos: list[LineInfo], narrow_masks: list[int] | None) -> list[int]:
        """Per line of ``infos``: the bits of the keys its case-folded text holds (of
        the narrow keys, only on lines of at most ``limit`` words), and the digit bit
        for a line that may hold a digit (and is short enough for a rule that needs one).
        ``narrow_masks``, when given, are the narrow keys' bits per line, found by the
        short-line phrase pass (``ShortLinePhrases.find``)."""
        masks = [0] * len(infos)
        if self.digit_bit:
            digit_bit, digit_words = self.digit_bit, self.digit_words
            for pos, info in enumerate(infos):
                if info.words <= digit_words and (not info.text.isascii() or _ASCII_DIGIT.search(info.text)):
                    masks[pos] = digit_bit
        if not (self.wide or self.narrow):
            return masks
        wide, narrow = self.matchers
        wide_bits, narrow_bits, limit = self.wide_bits, self.narrow_bits, self.limit
        text = _casefolded(doc)
        if text is None:
            for pos, info in enumerate(infos):
                line = info.text.casefold()
                mask = masks[pos]
                if wide_bits:
                    for number, _, _ in wide.find_matches_as_indexes(line, overlapping=True):
                        mask |= wide_bits[number]
                if narrow_bits and info.words <= limit:
                    for number, _, _ in narrow.find_matches_as_indexes(line, overlapping=True):
                        mask |= narrow_bits[number]
                masks[pos] = mask
            return masks
        if wide_bits:
            starts = [info.start for info in infos]
            for number, a, b in wide.find_matches_as_indexes(text, overlapping=True):
                pos = bisect.bisect_right(starts, a) - 1
                if pos >= 0 and b <= infos[pos].end:
                    masks[pos] |= wide_bits[number]
        if narrow_masks is not None:
            for pos, mask in enumerate(narrow_masks):
                if mask:
                    masks[pos] |= mask
        elif narrow_bits:
            short = [pos for pos, info in enumerate(infos) if info.words <= limit]
            if not short:
                return masks
            # The short lines joined by line breaks; where each starts and ends there.
            pieces = [text[infos[pos].start:infos[pos].end] for pos in short]
            offsets: list[int] = []
            ends: list[int] = []
            size = 0
            for piece in pieces:
                offsets.append(size)
                size += len(piece)
                ends.append(size)
                size += 1
            for number, a, b in narrow.find_matches_as_indexes("\n".join(pieces), overlapping=True):
                k = bisect.bisect_right(offsets, a) - 1
                if b <= ends[k]:
                    masks[short[k]] |= narrow_bits[number]
        return masks


#: ASCII bytes: deleting them from UTF-8 leaves the other characters, still UTF-8.
_ASCII_BYTES = bytes(range(128))


def _casefolded(doc: Document) -> str | None:
    """``doc.folded.casefold()`` when it has the length of ``folded`` (offsets carry
    over), else None. That is nearly always ``doc.norm`` (lower-cased, shared by the
    phrase matchers): for any character that lowers to one, folding it equals folding
    its lower case, so ``norm`` is the case-folded text when no character of it
    changes under folding - and only its non-ASCII ones can. (Cached on the document:
    the short-line phrases and the gates both ask.)"""
    cached = doc.cache.get(_CASEFOLDED_KEY, UNSEEN)
    if cached is UNSEEN:
        cached = doc.cache[_CASEFOLDED_KEY] = _casefold(doc)
    return cached


_CASEFOLDED_KEY = "boilerplate.casefolded"


def _casefold(doc: Document) -> str | None:
    norm = doc.norm
    if norm.isascii():
        return norm
    rest = norm.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    if rest.casefold() == rest:
        return norm
    text = doc.folded.casefold()
    return text if len(text) == len(norm) else None


def _squeeze_safe(key: str) -> bool:
    """No blank in ``key`` but lone spaces: squeezing a blank run to one space keeps
    every occurrence of such a key (a run at its edge becomes its space)."""
    return "  " not in key and all(c == " " or not c.isspace() for c in key)


def _bits(bits: dict[str, int], keys: Iterable[str]) -> int:
    mask = 0
    for key in keys:
        mask |= 1 << bits.setdefault(key, len(bits))
    return mask


#: Literals shorter than this are no use as a gate (they are in nearly every line) and
#: would make the scan report matches by the hundred; a pattern gated by a character
#: takes literals one longer ("@" spares the months' "may", "dec", "mar").
SCAN_MIN_CHARS = 3


def _scan_literals(pattern: Any, min_chars: int) -> frozenset[str] | None:
    """The case-folded literals one of which every match of ``pattern`` holds, when
    they are long enough to be rare."""
    literals = required_literals(pattern)
    if literals is None or min(map(len, literals)) < min_chars:
        return None
    return frozenset(literal.casefold() for literal in literals)


_HEX = {"x": 2, "u": 4, "U": 8}


def _gate_char(c: str) -> bool:
    """Punctuation or a symbol without case (so no other character matches it when
    case is ignored) that ordinary prose seldom holds."""
    return (c not in _PROSE_MARKS and unicodedata.category(c)[0] in "PS"
            and c.casefold() == c == c.lower() == c.upper())


def _required_chars(pattern: Any) -> frozenset[str] | None:
    """Gate characters one of which every match of compiled ``pattern`` holds (in the
    match or in what a lookaround reads), or None. Unknown syntax gives None."""
    if pattern.flags & (regex.VERBOSE | regex.V1):
        return None
    src = pattern.pattern
    try:
        alternatives, end = _char_alternatives(src, 0)
        if end != len(src):
            return None
        return _char_union(alternatives)
    except (UnknownSyntax, IndexError, ValueError):
        return None


def _char_union(alternatives: list[list[frozenset[str]]]) -> frozenset[str] | None:
    """Characters one of which every alternative needs: the smallest set of each."""
    out: set[str] = set()
    for needs in alternatives:
        if not needs:
            return None
        out |= min(needs, key=_commonness)
    return frozenset(out)


#: Gate characters that news prose holds now and then: others ("@", "|") gate better.
_OCCASIONAL = frozenset("()/&%$")
#: Stands for "a decimal digit" (``\d`` or a digit written out) among the gate
#: characters: no character of text (U+FFFF is none), so no automaton looks for it;
#: ``GateScan`` tests the lines that need it instead. Digits are the commonest gate.
DIGIT = "\uffffdigit"
_DIGITS = frozenset([DIGIT])
#: A character ``\d`` matches in ASCII text (a line with other characters may hold a
#: digit of another script: it always passes the digit gate).
_ASCII_DIGIT = re.compile("[0-9]")


def _commonness(chars: frozenset[str]) -> tuple[int, int]:
    return (2 if DIGIT in chars else int(not _OCCASIONAL.isdisjoint(chars))), len(chars)


#: Pattern characters that stand for themselves and are no gate characters.
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ")


def _char_alternatives(src: str, i: int) -> tuple[list[list[frozenset[str]]], int]:
    """Per ``|``-separated alternative from ``i`` to the group's ``)``: the character
    sets of the items it must match at least once."""
    alternatives: list[list[frozenset[str]]] = [[]]
    size = len(src)
    while i < size and src[i] != ")":
        c = src[i]
        if c == "|":
            alternatives.append([])
            i += 1
            continue
        if c in _PLAIN:  # most of a pattern: no gate character, however repeated
            i += 1
            if i < size and src[i] in "?*+{":
                _, i = _char_repeats(src, i)
            continue
        need, i = _char_atom(src, i)
        low, i = _char_repeats(src, i)
        if need and low >= 1:
            alternatives[-1].append(need)
    return alternatives, i


def _char_repeats(src: str, i: int) -> tuple[int, int]:
    """The least number of repeats the quantifier at ``i`` allows (1 if none) and the
    index after it."""
    if i >= len(src) or src[i] not in "?*+{":
        return 1, i
    if src[i] == "{":
        m = QUANTIFIER.match(src, i)
        if m is None or (not m.group(2) and not m.group(1)):
            raise UnknownSyntax  # fuzzy matching or a literal brace
        low, i = int(m.group(1) or 0), m.end()
    else:
        low, i = (1 if src[i] == "+" else 0), i + 1
    if i < len(src) and src[i] in "?+":
        i += 1
    return low, i


def _char_escape(src: str, i: int) -> tuple[str | None, int]:
    """The character the escape at ``i`` stands for (None: a class or an assertion)
    and the index after it."""
    e = src[i + 1]
    if e in _HEX:
        size = _HEX[e]
        return chr(int(src[i + 2:i + 2 + size], 16)), i + 2 + size
    if e in "pP":
        return None, (src.index("}", i) + 1 if src[i + 2] == "{" else i + 3)
    if e in "dDsSwWbBAZzGmMKtnrfae":
        return None, i + 2
    if e.isascii() and e.isalnum():
        raise UnknownSyntax  # backreferences, named characters, octal...
    return e, i + 2


def _char_class(src: str, i: int) -> tuple[frozenset[str] | None, int]:
    """The characters the class at ``i`` lists, when it lists only gate characters,
    and the index after it."""
    j = i + 1
    listed: set[str] = set()
    exact = src[j] != "^"  # a negated class needs no particular character
    if not exact:
        j += 1
    if src[j] == "]":
        listed.add("]")
        j += 1
    while src[j] != "]":
        if src[j] == "[":
            raise UnknownSyntax  # nested sets or POSIX classes
        if src[j] == "\\":
            c, j = _char_escape(src, j)
            if c is None:
                exact = False
            else:
                listed.add(c)
        else:
            listed.add(src[j])
            j += 1
        if src[j] == "-" and src[j + 1] != "]":
            exact = False  # a range
            j += 1
    if exact and listed and all(map(_gate_char, listed)):
        return frozenset(listed), j + 1
    return None, j + 1


def _char_atom(src: str, i: int) -> tuple[frozenset[str] | None, int]:
    """The characters one of which the item at ``i`` needs (None: none in particular)
    and the index after it."""
    c = src[i]
    if c == "\\":
        if src[i + 1] == "d":
            return _DIGITS, i + 2
        ch, i = _char_escape(src, i)
        return (frozenset(ch) if ch is not None and _gate_char(ch) else None), i
    if c in "0123456789":
        return _DIGITS, i + 1
    if c == "[":
        return _char_class(src, i)
    if c == "(":
        return _char_group(src, i)
    if c in "*+?{":
        raise UnknownSyntax  # a quantifier with nothing to repeat
    if c in ".^$":
        return None, i + 1
    return (frozenset(c) if _gate_char(c) else None), i + 1


def _char_group(src: str, i: int) -> tuple[frozenset[str] | None, int]:
    """A group's needs: a positive lookaround's count too (it reads the same line),
    a negative one's do not."""
    kind, start = group_head(src, i)
    if kind == "empty":
        return None, start
    alternatives, j = _char_alternatives(src, start)
    if src[j] != ")":
        raise UnknownSyntax
    return (_char_union(alternatives) if kind != "look-" else None), j + 1


def _regex_list(rule: Rule, key: str) -> Patterns | None:
    sources = string_list(rule, key, required=False)
    if not sources:
        return None
    compiled = []
    for source in sources:
        try:
            compiled.append(regex.compile(source))
        except regex.error as exc:
            raise FieldError(key, f"bad regular expression {source!r}: {exc}") from None
    return Patterns(compiled)


def _choice(rule: Rule, key: str, allowed: Sequence[str], default: str | None) -> str | None:
    value = option(rule, key, str, default)
    if value is not None and value not in allowed:
        raise FieldError(key, f"'{key}' must be one of {', '.join(allowed)}, not '{value}'")
    return value


def _number(rule: Rule, key: str, default: float, low: float, high: float) -> float:
    value = option(rule, key, (int, float), default)
    if not low <= value <= high:
        raise FieldError(key, f"'{key}' must be between {low} and {high}")
    return value


# ----- phrases on short lines -------------------------------------------------------------
#: Phrases all of whose rules stop at this many words are matched only on lines that
#: short: page chrome ("Ad", "Next", "Local") whose words a pass over the whole article
#: finds by the dozen in its prose, where no such rule could use them.
SHORT_LINE_WORDS = 30
_BLANK_RUN = re.compile(r"\s{2,}")
_END_THEN_START = operator.itemgetter(1, 0)
_BY_STOP_THEN_START = operator.itemgetter(2, 1)


class ShortLinePhrases:
    """Phrases with their rules, matched exactly like ``matching.PhraseIndex`` (on
    ``norm``, blank runs squeezed to one space, whole words at letter and digit edges,
    by end then longest first) but only on the lines of at most ``limit`` words: they
    are joined with line breaks, which no phrase holds and which end words as the
    blanks around a line do, and scanned in one pass.

    The same pass finds the gates' narrow keys (``GateScan``), which are only looked
    for in these lines: one automaton and one joined text fewer an article."""

    def __init__(self, payloads: dict[str, list[Spec]], limit: int) -> None:
        self.keys = list(payloads)
        self.payloads = [payloads[key] for key in self.keys]
        self.limit = limit
        #: Per automaton pattern (phrases first, then narrow keys no phrase spells):
        #: its rules, and the gate bit of its narrow key (0: a phrase only).
        self._payloads: list[list[Spec]] = []
        self._bits: list[int] = []
        self._gated = False  # some pattern is a narrow key
        self._matcher: ahocorasick_rs.AhoCorasick | None = None

    def __getstate__(self) -> dict[str, Any]:
        # The compiled matcher cannot be pickled; a copy rebuilds it on first use.
        return {**self.__dict__, "_matcher": None}

    def _build(self, gates: GateScan) -> ahocorasick_rs.AhoCorasick:
        """The automaton of the phrases and, when they may be found here (the same
        line limit, keys that survive squeezing), the gates' narrow keys."""
        keys = list(self.keys)
        payloads = list(self.payloads)
        bits = [0] * len(keys)
        if gates.limit == self.limit and gates.squeezable:
            number = {key: n for n, key in enumerate(keys)}
            for key, bit in zip(gates.narrow, gates.narrow_bits):
                n = number.get(key)
                if n is None:
                    n = number[key] = len(keys)
                    keys.append(key)
                    payloads.append([])
                    bits.append(0)
                bits[n] |= bit
        self._payloads, self._bits, self._gated = payloads, bits, any(bits)
        # The default automaton: a few hundred characters of short lines scan as fast
        # as with a DFA, which takes 5.7 ms to build against 1.3 ms.
        return ahocorasick_rs.AhoCorasick(keys)

    def find(self, doc: Document, infos: list[LineInfo],
             gates: GateScan) -> tuple[list[tuple[int, int, Spec]], list[int] | None]:
        """``(start, end, spec)`` in document offsets for every match on a short line;
        then the narrow gate bits of each line of ``infos``, or None when this pass
        does not find them (``norm`` is not the case-folded text, or they are not
        among its keys)."""
        if self._matcher is None:
            self._matcher = self._build(gates)
        if not self._payloads:
            return [], None
        narrow = [0] * len(infos) if self._gated and _casefolded(doc) is doc.norm else None
        norm, limit = doc.norm, self.limit
        pieces: list[str] = []
        offsets: list[int] = []  # where each line's piece starts in the joined text
        lines: list[tuple[int, list[int] | None]] = []  # its start, and where its squeezed characters were
        positions: list[int] = []  # its place in ``infos``
        size = 0
        for pos, info in enumerate(infos):
            if info.words > limit:
                continue
            piece = norm[info.start:info.end]
            where = None
            if _BLANK_RUN.search(piece):
                piece, where = _squeeze(piece)
            pieces.append(piece)
            offsets.append(size)
            lines.append((info.start, where))
            positions.append(pos)
            size += len(piece) + 1
        if not pieces:
            return [], narrow
        text = "\n".join(pieces)
        matches = self._matcher.find_matches_as_indexes(text, overlapping=True)
        size = len(text)
        payloads, bits = self._payloads, self._bits
        if narrow is not None:
            for number, start, stop in matches:
                bit = bits[number]
                if bit:
                    k = bisect.bisect_right(offsets, start) - 1
                    if stop <= offsets[k] + len(pieces[k]):
                        narrow[positions[k]] |= bit
        matches.sort(key=_BY_STOP_THEN_START)
        out: list[tuple[int, int, Spec]] = []
        for number, start, stop in matches:
            if not payloads[number]:
                continue  # a gate key only
            last = stop - 1
            if _is_word(text[start]) and start > 0 and _is_word(text[start - 1]):
                continue
            if _is_word(text[last]) and stop < size and _is_word(text[stop]):
                continue
            k = bisect.bisect_right(offsets, start) - 1
            base, where = lines[k]
            first, last = start - offsets[k], last - offsets[k]
            if where is not None:
                first, last = where[first], where[last]
            a, b = base + first, base + last + 1
            for spec in payloads[number]:
                out.append((a, b, spec))
        return out, narrow


def _squeeze(piece: str) -> tuple[str, list[int]]:
    """``piece`` with each blank run as one space, and where each character came from."""
    chars: list[str] = []
    where: list[int] = []
    last = 0
    for m in _BLANK_RUN.finditer(piece):
        chars.append(piece[last:m.start()])
        where.extend(range(last, m.start() + 1))
        chars.append(" ")
        last = m.end()
    chars.append(piece[last:])
    where.extend(range(last, len(piece)))
    return "".join(chars), where


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


#: One patterned rule to try on a line: its spec, its candidate patterns, the gate bits
#: one of which the line must hold (0: none needed), and each pattern's gate bits.
_Step = tuple[Spec, list[int], int, list[int], list[int]]


class BoilerplateDetector(Detector):
    name = "boilerplate"
    fields = {
        "phrases": False, "patterns": False, "exclude": False, "require": False,
        "structure": False, "match": False, "span": False, "evidence": False,
        "max_words": False, "min_coverage": False, "fuzzy": False, "follow": False,
        "anchors": False, "min_lines": False, "min_markers": False, "min_joints": False,
        "heading_guard": False,
    }

    @classmethod
    def prepare(cls, rule: Rule) -> dict[str, Any]:
        phrases = string_list(rule, "phrases", required=False)
        structure = _choice(rule, "structure", STRUCTURES, None)
        pattern = _regex_list(rule, "patterns")
        if not phrases and pattern is None and structure is None:
            raise FieldError("phrases", "a boilerplate rule needs 'phrases', 'patterns' or 'structure'")
        evidence = _choice(rule, "evidence", ("strong", "weak"), "strong")
        fuzzy = option(rule, "fuzzy", (int, float))
        if fuzzy is not None and not 80 <= fuzzy <= 100:
            raise FieldError("fuzzy", "'fuzzy' must be a score between 80 and 100")
        anchors = string_list(rule, "anchors", required=structure == "alt-text")
        for anchor in anchors:
            if not anchor.startswith(rule.category + "."):
                raise FieldError("anchors", f"anchor '{anchor}' must be a rule id of category '{rule.category}'")
        return {
            "phrases": phrases,
            "match": _choice(rule, "match", MATCH_MODES, "line"),
            "span": _choice(rule, "span", SPAN_MODES, "line"),
            "strong": evidence == "strong",
            "max_words": int(_number(rule, "max_words", 12, 1, 400)),
            "min_coverage": float(_number(rule, "min_coverage", 0.0, 0.0, 1.0)),
            "pattern": pattern,
            "exclude": _regex_list(rule, "exclude"),
            "require": _regex_list(rule, "require"),
            "structure": structure,
            "fuzzy": fuzzy,
            "follow": int(_number(rule, "follow", 0, 0, 60)),
            "anchors": tuple(anchors),
            "min_lines": int(_number(rule, "min_lines", 3, 1, 100)),
            "min_markers": int(_number(rule, "min_markers", 2, 0, 100)),
            "min_joints": int(_number(rule, "min_joints", 2, 1, 20)),
            "heading_guard": bool(option(rule, "heading_guard", bool, False)),
        }

    def __init__(self, rules: list[Prepared]) -> None:
        super().__init__(rules)
        self.specs: list[Spec] = []
        phrases: dict[str, list[Spec]] = {}
        fuzzy_keys: list[str] = []
        self.fuzzy_specs: list[Spec] = []
        for order, (rule, compiled) in enumerate(rules):
            fields = {k: v for k, v in compiled.items() if k != "phrases"}
            spec = Spec(rule=rule, order=order, **fields)
            self.specs.append(spec)
            for phrase in compiled["phrases"]:
                key = normalize_phrase(phrase)
                if not key:
                    raise ValueError("empty phrase")
                phrases.setdefault(key, []).append(spec)
                if spec.fuzzy is not None and spec.match == "line" and len(key) >= FUZZY_MIN_CHARS:
                    fuzzy_keys.append(key)
                    self.fuzzy_specs.append(spec)
        # Phrases whose rules all look at short lines only are matched on those lines;
        # the others over the whole document.
        self.index: PhraseIndex[Spec] = PhraseIndex()
        short: dict[str, list[Spec]] = {}
        for key, specs in phrases.items():
            if max(s.max_words for s in specs) <= SHORT_LINE_WORDS:
                short[key] = specs
            else:
                for spec in specs:
                    self.index.add(key, spec)
        self.index.build()
        self.short_phrases = ShortLinePhrases(short, SHORT_LINE_WORDS)
        self.fuzzy_keys = fuzzy_keys
        self.fuzzy_cutoff = min((s.fuzzy for s in self.fuzzy_specs if s.fuzzy), default=100.0)
        self._near: dict[int, tuple[list[str], list[Spec]]] = {}
        #: Verdicts of the fuzzy comparison per (line text, word count): the short lines
        #: it reads (section names, labels, bylines) recur from article to article, and
        #: one comparison with a few hundred phrases costs 10-30 us.
        self._fuzzy_memo: Memo[tuple[str, int], Spec | None] = Memo(_FUZZY_MEMO_LIMIT)
        # Longest lines first, so a line stops at the first rule that cannot take it.
        self.patterned = sorted((s for s in self.specs if s.pattern is not None), key=lambda s: -s.max_words)
        self._gates: GateScan | None = None
        self._plans: dict[str, tuple[list[_Step], list[_Step]]] = {}
        self.glued = [s for s in self.specs if s.structure == "glued-labels"]
        #: Lines longer than this are no glued labels for any rule.
        self._glued_words = max((s.max_words for s in self.glued), default=-1)
        self.alt_text = [s for s in self.specs if s.structure == "alt-text"]
        self.edge = next((s for s in self.specs if s.structure == "edge-zone"), None)

    # ----- evidence per line -----------------------------------------------------------
    def check(self, doc: Document) -> Iterable[Finding]:
        infos = line_infos(doc)
        if not infos:
            return []
        hits: dict[int, Hit] = {}
        partial: list[tuple[int, Hit]] = []
        narrow = self._phrase_hits(doc, infos, hits, partial)
        self._line_hits(doc, infos, hits, partial, narrow)
        self._fuzzy_hits(infos, hits)
        if may_hold_pictures_or_tables(doc):
            self._spare_pictures(infos, hits)
        self._alt_text_hits(doc, infos, hits)
        self._drop_subheadings(infos, hits)
        self._follow_hits(infos, hits)
        kept = self._zones(infos, hits)
        for pos in [p for p, h in hits.items() if not h.strong and p not in kept]:
            del hits[pos]
        partial = [(p, h) for p, h in partial if h.strong or p in kept]
        self._absorb_debris(infos, hits, kept)
        return list(self._findings(doc, infos, hits, partial))

    @staticmethod
    def _add(hits: dict[int, Hit], pos: int, hit: Hit) -> None:
        """Keep the stronger evidence, then the earlier rule; within one rule a pattern
        ("12 Comments") is more specific than a bare label ("Comments")."""
        old = hits.get(pos)
        if old is None or (hit.strong and not old.strong) or (hit.strong == old.strong and (
            hit.spec.order < old.spec.order or (hit.spec is old.spec and old.label and not hit.label)
        )):
            hits[pos] = hit

    def _phrase_hits(self, doc: Document, infos: list[LineInfo], hits: dict[int, Hit],
                     partial: list[tuple[int, Hit]]) -> list[int] | None:
        """Evidence of the phrases; returns the narrow gate bits of each line when the
        short-line pass found them (see ``ShortLinePhrases.find``)."""
        found, narrow = self.short_phrases.find(doc, infos, self.gates)
        if len(self.index):
            found += self.index.find(doc)
            # In the order of one pass over the document: by end, then longest first.
            found.sort(key=_END_THEN_START)
        if not found:
            return narrow
        starts = [i.start for i in infos]
        folded = doc.folded
        covered: dict[tuple[int, int], int] = {}
        for a, b, spec in found:
            pos = bisect.bisect_right(starts, a) - 1
            if pos < 0:
                continue
            info = infos[pos]
            if b > info.end or info.words > spec.max_words:
                continue
            if spec.exclude is not None and spec.exclude.search(info.text):
                continue
            left_ok = _residue_ok(folded[info.start:a])
            if spec.match == "line":
                if left_ok and _residue_ok(folded[b:info.end]):
                    self._add(hits, pos, Hit(spec, info.start, info.end, True, label=True))
            elif spec.match == "start":
                if left_ok:
                    self._add(hits, pos, Hit(spec, info.start, info.end, True))
            else:
                key = (pos, spec.order)
                covered[key] = covered.get(key, 0) + len(folded[a:b].split())
                if covered[key] >= spec.min_coverage * info.words:
                    if spec.span == "line" or left_ok:
                        self._add(hits, pos, Hit(spec, info.start, info.end, True))
                    else:
                        partial.append((pos, Hit(spec, a, info.end if spec.span == "to-end" else b, False)))
        return narrow

    def _line_hits(self, doc: Document, infos: list[LineInfo], hits: dict[int, Hit],
                   partial: list[tuple[int, Hit]], narrow: list[int] | None) -> None:
        masks = self.gates.line_masks(doc, infos, narrow)
        plans = self._plans
        glued_words = self._glued_words
        for pos, info in enumerate(infos):
            text = info.text
            words = info.words
            mask = masks[pos]
            prefix = text[:PREFIX]
            plan, ungated = plans.get(prefix) or self._line_plan(prefix)
            for spec, tries, needs, literal_bits, char_bits in plan if mask else ungated:
                if words > spec.max_words:
                    break
                if needs and not needs & mask:
                    continue  # every pattern left lacks what it needs
                held = hits.get(pos)
                if held is not None and held.strong and held.whole and held.spec.order < spec.order:
                    continue  # a stronger-ranked rule already owns the whole line
                m = spec.pattern.search_line(text, tries, mask, literal_bits, char_bits)
                if m is None or (spec.exclude is not None and spec.exclude.search(text)):
                    continue
                a = info.start + m.start()
                if spec.span == "line" or not text[: m.start()].strip():
                    self._add(hits, pos, Hit(spec, info.start, info.end, True))
                else:
                    end = info.end if spec.span == "to-end" else info.start + m.end()
                    partial.append((pos, Hit(spec, a, end, False)))
            if words <= glued_words:
                self._glued_hits(pos, info, hits)

    @property
    def gates(self) -> GateScan:
        """The patterns' gates, worked out on first use (not while the rules load)."""
        if self._gates is None:
            self._gates = GateScan(((s.pattern, s.max_words) for s in self.patterned), SHORT_LINE_WORDS)
        return self._gates

    def _line_plan(self, prefix: str) -> tuple[list[_Step], list[_Step]]:
        """The patterned rules (longest lines first) with the patterns that may match a
        line beginning with ``prefix`` (rules with none are left out), and the gate bits
        one of which a line needs for any of them to run (0: some always runs); then
        those with no gate, all a line without gate literals or characters needs.

        Only patterns without a gate are screened by prefix: a gated one runs on few
        lines anyway (half a failing match per article more), and screening it would
        cost a partial match for each new prefix (most of 5 ms a run)."""
        plan = self._plans.get(prefix)
        if plan is None:
            steps = []
            for spec in self.patterned:
                pats = spec.pattern
                literal_bits, char_bits = self.gates.needs[pats]
                tries = [k for k in range(len(literal_bits))
                         if literal_bits[k] or char_bits[k] or pats.may_begin(k, prefix)]
                if tries:
                    gates = [literal_bits[k] or char_bits[k] for k in tries]
                    needs = 0 if not all(gates) else functools.reduce(operator.or_, gates)
                    steps.append((spec, tries, needs, literal_bits, char_bits))
            if len(self._plans) >= _PREFIX_MEMO_LIMIT:
                self._plans.clear()
            plan = self._plans[prefix] = (steps, [step for step in steps if not step[2]])
        return plan

    def _glued_hits(self, pos: int, info: LineInfo, hits: dict[int, Hit]) -> None:
        for spec in self.glued:
            if (info.words <= spec.max_words and not info.terminal
                    and glued_joints(info.text) >= spec.min_joints):
                self._add(hits, pos, Hit(spec, info.start, info.end, True))

    def _fuzzy_hits(self, infos: list[LineInfo], hits: dict[int, Hit]) -> None:
        if not self.fuzzy_keys:
            return
        memo = self._fuzzy_memo
        for pos, info in enumerate(infos):
            if pos in hits or not 1 <= info.words <= FUZZY_MAX_WORDS or info.terminal or info.letters < 4:
                continue
            key = (info.text, info.words)
            spec = memo.get(key, UNSEEN)
            if spec is UNSEEN:
                spec = memo.keep(key, self._fuzzy_spec(info))
            if spec is not None:
                self._add(hits, pos, Hit(spec, info.start, info.end, True, label=True))

    def _fuzzy_spec(self, info: LineInfo) -> Spec | None:
        """The rule whose phrase the line spells nearly (its text and word count decide)."""
        line = normalize_phrase(info.core)
        keys, specs = self._fuzzy_near(len(line))
        if not keys:
            return None
        found = process.extractOne(line, keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_cutoff)
        if found is None:
            return None
        spec = specs[found[2]]
        if spec.fuzzy is not None and found[1] >= spec.fuzzy and info.words <= spec.max_words:
            return spec
        return None

    def _fuzzy_near(self, size: int) -> tuple[list[str], list[Spec]]:
        """Keys long enough and short enough to reach the cutoff against a line of ``size``
        characters (ratio = 2 * common / total length), so most keys are never compared."""
        cached = self._near.get(size)
        if cached is None:
            cut = self.fuzzy_cutoff / 100.0
            low, high = size * cut / (2 - cut), size * (2 - cut) / cut
            pairs = [(k, s) for k, s in zip(self.fuzzy_keys, self.fuzzy_specs) if low <= len(k) <= high]
            cached = ([k for k, _ in pairs], [s for _, s in pairs])
            self._near[size] = cached
        return cached

    @staticmethod
    def _spare_pictures(infos: list[LineInfo], hits: dict[int, Hit]) -> None:
        """A picture that is still in the file (Markdown/HTML image) keeps its caption and
        credit: the line holding it and the line right under it are not residue. Rows
        of a table are content too ("Year | Exports | Imports" is no bio line)."""
        for pos, info in enumerate(infos):
            if info.table:
                hits.pop(pos, None)
            if not info.image:
                continue
            hits.pop(pos, None)
            below = pos + 1
            if below < len(infos) and infos[below].number - info.number <= 2:
                hits.pop(below, None)

    def _alt_text_hits(self, doc: Document, infos: list[LineInfo], hits: dict[int, Hit]) -> None:
        """The image's alt text, left as a sentence right above its credit line."""
        for spec in self.alt_text:
            anchored = [p for p, h in hits.items() if h.whole and h.spec.rule.id in spec.anchors]
            for pos in anchored:
                above = pos - 1
                if above < 0 or above in hits or infos[above].image:
                    continue
                info = infos[above]
                if infos[pos].number - info.number > 2 or not info.terminal or info.words > spec.max_words:
                    continue
                if '"' in info.text or (spec.exclude is not None and spec.exclude.search(info.text)):
                    continue
                if spec.require is not None and not spec.require.search(info.text):
                    continue
                if len(sentences(doc.prose, (info.start, info.end))) != 1:
                    continue
                hits[above] = Hit(spec, info.start, info.end, True)

    @staticmethod
    def _drop_subheadings(infos: list[LineInfo], hits: dict[int, Hit]) -> None:
        """A label that could be a heading ("Menu", "Comments") and is followed by body
        text is the story's subheading, not residue (rules with ``heading_guard``).
        Above the story's first paragraph there are no subheadings, only page chrome."""
        first = next((i for i, info in enumerate(infos) if info.prose_like()), len(infos))
        for pos in [p for p, h in hits.items() if h.label and h.spec.heading_guard and p > first]:
            after = pos + 1
            if after < len(infos) and after not in hits and infos[after].prose_like():
                del hits[pos]

    def _follow_hits(self, infos: list[LineInfo], hits: dict[int, Hit]) -> None:
        """Headlines, sections and dates listed under a "Related Articles" heading."""
        for pos in sorted(p for p, h in hits.items() if h.whole and h.spec.follow):
            spec = hits[pos].spec
            k = pos + 1
            while k < len(infos) and k not in hits:
                info = infos[k]
                if not _list_item(info, spec.follow):
                    break
                after = k + 1
                if after < len(infos) and after not in hits and infos[after].prose_like():
                    break  # a heading followed by body text: the story goes on
                hits[k] = Hit(spec, info.start, info.end, True)
                k += 1

    # ----- context: the residue zones at both ends -------------------------------------
    def _zones(self, infos: list[LineInfo], hits: dict[int, Hit]) -> set[int]:
        """Lines of the top and bottom residue zones whose weak evidence may count."""
        kept: set[int] = set()
        edge = self.edge
        # Bottom: walk up over residue-looking lines until the story's last paragraph.
        zone: list[int] = []
        k = len(infos) - 1
        while k >= 0:
            info, hit = infos[k], hits.get(k)
            if (hit is not None and hit.whole) or info.junk or (
                edge is not None and (info.date_only or info.label_like(edge.max_words))
            ):
                zone.append(k)
                k -= 1
            else:
                break
        zone.reverse()
        # A prose-like line with only weak evidence needs residue on both sides.
        while zone and zone[0] in hits and not hits[zone[0]].strong and infos[zone[0]].prose_like():
            zone.pop(0)
        strong = any(p in hits and hits[p].strong for p in zone)
        markers = sum(1 for p in zone if infos[p].date_only or (p in hits and hits[p].spec is edge))
        # Short lines after "...the following regions:" are the list it introduces.
        introduced = bool(zone) and zone[0] > 0 and infos[zone[0] - 1].text.endswith(":")
        run = edge is not None and len(zone) >= edge.min_lines and markers >= edge.min_markers and not introduced
        if zone and (strong or run):
            kept.update(zone)
            if edge is not None:
                for p in zone:
                    if p not in hits and not infos[p].junk:
                        info = infos[p]
                        hits[p] = Hit(edge, info.start, info.end, True)
        # Top: bare labels count only above strong evidence, and only when a headline
        # still follows it - otherwise the bare line on top IS the headline.
        top: list[int] = []
        for k, info in enumerate(infos):
            hit = hits.get(k)
            if (hit is not None and hit.whole) or info.junk or (
                edge is not None and info.label_like(edge.max_words)
            ):
                top.append(k)
            else:
                break
        strong_at = [i for i, p in enumerate(top) if p in hits and hits[p].strong]
        sections = [i for i, p in enumerate(top) if p in hits and hits[p].spec is edge and hits[p].label]
        run_end = _section_run(infos, top, sections) if edge is not None and len(sections) >= edge.min_markers else None
        if run_end is not None:
            # A kicker of section labels ("World / Business / Markets") above the
            # headline: the page's breadcrumb, even with no stronger chrome around it.
            strong_at = sorted({*strong_at, run_end})
        if strong_at:
            top = top[: strong_at[-1] + 1]
            kept.update(top)
            after = top[-1] + 1
            headline_below = after < len(infos) and _headline_like(infos[after])
            if edge is not None and headline_below:
                for p in top:
                    if p not in hits and not infos[p].junk:
                        hits[p] = Hit(edge, infos[p].start, infos[p].end, True)
        return kept

    @staticmethod
    def _absorb_debris(infos: list[LineInfo], hits: dict[int, Hit], kept: set[int]) -> None:
        """Counters and close buttons ("0", "()", "x") join the residue they touch."""
        for pos, info in enumerate(infos):
            if len(info.text) > 3 or pos in hits or not info.junk:
                continue
            prev = hits.get(pos - 1)
            nxt = hits.get(pos + 1)
            if prev is not None and prev.whole and infos[pos - 1].number == info.number - 1:
                hits[pos] = Hit(prev.spec, info.start, info.end, True)
            elif nxt is not None and nxt.whole and infos[pos + 1].number == info.number + 1:
                hits[pos] = Hit(nxt.spec, info.start, info.end, True)
        # Debris alone between blank lines inside an accepted zone.
        for pos in sorted(kept):
            if pos not in hits and infos[pos].junk:
                near = hits.get(pos - 1) or hits.get(pos + 1)
                if near is not None:
                    hits[pos] = Hit(near.spec, infos[pos].start, infos[pos].end, True)

    # ----- reporting ---------------------------------------------------------------------
    def _findings(self, doc: Document, infos: list[LineInfo], hits: dict[int, Hit],
                  partial: list[tuple[int, Hit]]) -> Iterable[Finding]:
        block: list[int] = []
        for pos in sorted(hits):
            if block and (hits[block[-1]].spec is hits[pos].spec
                          and infos[pos].number == infos[block[-1]].number + 1):
                block.append(pos)
                continue
            if block:
                yield self._block_finding(doc, infos, hits, block)
            block = [pos]
        if block:
            yield self._block_finding(doc, infos, hits, block)
        seen: set[tuple[int, int]] = set()
        for pos, hit in partial:
            if pos in hits or (hit.start, hit.end) in seen:
                continue
            seen.add((hit.start, hit.end))
            first = doc.folded[hit.start:hit.end]
            yield make_finding(hit.spec.rule, doc, hit.start, hit.end,
                               values={"line": _short(first), "lines": 1})

    @staticmethod
    def _block_finding(doc: Document, infos: list[LineInfo], hits: dict[int, Hit], block: list[int]) -> Finding:
        spec = hits[block[0]].spec
        start, end = infos[block[0]].start, infos[block[-1]].end
        return make_finding(spec.rule, doc, start, end,
                            values={"line": _short(infos[block[0]].text), "lines": len(block)})


def _residue_ok(rest: str) -> bool:
    """What may surround a whole-line phrase: a counter, an arrow, a bullet - no words."""
    rest = rest.strip()
    return len(rest) <= 5 and not any(c.isalpha() for c in rest)


def _section_run(infos: list[LineInfo], top: list[int], sections: list[int]) -> int | None:
    """Where a block of known section names in ``top`` ends (an index into ``top``),
    if the block is a kicker above the headline: adjacent lines, perhaps followed by
    more one-word labels, then a headline. Section names apart, or with no headline
    under them, may be a kicker and a one-word headline: None, left alone."""
    i, j = sections[0], sections[-1]
    if infos[top[j]].number - infos[top[i]].number != j - i:
        return None  # a blank line inside the run
    while j + 1 < len(top) and infos[top[j + 1]].words == 1 and infos[top[j + 1]].number == infos[top[j]].number + 1:
        j += 1
    after = top[j] + 1
    return j if after < len(infos) and _headline_like(infos[after]) else None


def _headline_like(info: LineInfo) -> bool:
    """A title: a few words, not a sentence."""
    return 2 <= info.words <= 25 and not info.terminal and not info.prose_like()


def _list_item(info: LineInfo, max_words: int) -> bool:
    """A headline, section name, date or rank number ("1", "2") as listed under a
    related-links heading."""
    if info.date_only or info.junk:
        return True
    if info.words > max_words or info.letters < 2:
        return False
    return not info.terminal or info.text.rstrip("\"')").endswith(("?", "!"))


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."
