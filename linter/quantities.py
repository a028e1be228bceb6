"""Quantities stated in an article: value, scale, unit or currency, and what they count.

The ``units`` checks compare figures with each other, so they all need the same reading
of "US$88.38 billion", "42.6m people", "two million tons of wheat", "52%" or "doubled".
``extract`` reads them all (cached in ``doc.cache["quantities"]`` for any detector);
the ``units`` checks read only the regions where their wordings can link figures
(``Anchors``, ``read_regions``): the same figures there, at a fraction of the cost.

Each ``Quantity`` keeps the precision it was stated with (``step``): "US$1 billion" may
be anything from 0.5 to 1.5 billion after rounding, "US$1,365" only 1,364.5 to 1,365.5.
Checks widen their tolerance by it, so rounding in the copy is never reported as an error.
"""
from __future__ import annotations

import bisect
import codecs
import functools
import re
from typing import Any, Iterable, NamedTuple, Sequence

import ahocorasick_rs

from linter import currency_words
from linter.document import Document

CACHE_KEY = "quantities"

SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
    "lakh crore": 1e12, "lakh crores": 1e12, "thousand crore": 1e10, "thousand crores": 1e10,
}

WORD_NUMBERS: dict[str, float] = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "half a": 0.5,
    "a dozen": 12, "a few": 3,
}

#: Prefix symbols -> ISO code (None: ambiguous, e.g. "¥" is yen or yuan, "Rs" several rupees).
SYMBOLS: dict[str, str | None] = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD",
    "ca$": "CAD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL", "mex$": "MXN",
    "nt$": "TWD", "€": "EUR", "£": "GBP", "₹": "INR", "₽": "RUB", "₺": "TRY", "₩": "KRW",
    "₦": "NGN", "₪": "ILS", "₱": "PHP", "¥": None, "rs": None, "rs.": None,
}

#: ISO 4217 codes recognised before or after a number ("AED 3.67 billion", "5m USD").
CODES = frozenset(
    "AED AFN ARS AUD BDT BGN BHD BRL CAD CHF CLP CNY COP CZK DKK EGP EUR GBP HKD HUF IDR "
    "ILS INR IQD IRR ISK JOD JPY KES KRW KWD KZT LBP LKR MAD MXN MYR NGN NOK NZD OMR PAB "
    "PEN PHP PKR PLN QAR RON RUB SAR SEK SGD THB TRY TWD UAH USD UZS VND XAF XOF ZAR".split()
)

#: Currency names after a number ("17,002 lira", "3 billion rupees"): the ambiguous ones
#: are read as money of unknown currency; ``linter.currency_words.resolve`` picks the code.
CURRENCY_WORDS = currency_words.FORMS

#: Unit spellings -> canonical unit name (the conversion table is keyed by these).
UNITS: dict[str, str] = {
    "%": "%", "per cent": "%", "percent": "%", "percentage points": "pp", "percentage point": "pp",
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mi", "mile": "mi", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "feet": "ft", "ft": "ft", "foot": "ft", "yards": "yd", "yard": "yd", "cm": "cm",
    "centimetres": "cm", "centimeters": "cm", "inches": "in", "mm": "mm",
    "kg": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "lb": "lb", "lbs": "lb",
    "tonnes": "tonne", "tonne": "tonne", "metric tons": "tonne", "metric tonnes": "tonne",
    "tons": "ton", "ton": "ton", "grams": "g", "g": "g", "ounces": "oz", "oz": "oz",
    "°c": "degC", "degrees celsius": "degC", "degrees centigrade": "degC",
    "°f": "degF", "degrees fahrenheit": "degF",
    "km/h": "km/h", "kph": "km/h", "kilometres per hour": "km/h", "kilometers per hour": "km/h",
    "mph": "mph", "miles per hour": "mph", "knots": "kn",
    "square kilometres": "km2", "square kilometers": "km2", "sq km": "km2", "km2": "km2",
    "km²": "km2", "square miles": "mi2", "sq miles": "mi2", "sq mi": "mi2",
    "hectares": "ha", "acres": "acre", "litres": "l", "liters": "l",
    "gallons": "gal", "barrels": "bbl", "nautical miles": "nmi",
}

#: Words before a figure that make it approximate or a bound, not an exact value.
APPROX = {
    "about": "approx", "around": "approx", "approximately": "approx", "approx.": "approx",
    "roughly": "approx", "nearly": "max", "almost": "max", "some": "approx", "close to": "approx",
    "an estimated": "approx", "estimated": "approx", "more than": "min", "over": "min",
    "less than": "max", "under": "max", "fewer than": "max", "at least": "min", "up to": "max",
    "upwards of": "min", "just over": "min", "just under": "max", "~": "approx",
}

MULTIPLIER_WORDS: dict[str, float] = {
    "doubled": 2, "doubling": 2, "tripled": 3, "trebled": 3, "tripling": 3,
    "quadrupled": 4, "halved": 0.5,
}


def _alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, built as a trie ("ton(?:ne)?s?"...).

    A flat alternation of a hundred units is tried word by word after every number;
    a trie reads each character once. Continuations are greedy, so the longest word
    wins ("metric tons" over "metric"), as a longest-first alternation would.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = _alternation(WORD_NUMBERS)
_SCALE_WORDS = _alternation([w for w in SCALES if len(w) > 1])
_SYMBOL = r"(?:US|U\.S\.|AU|A|CA|C|NZ|HK|S|R|Mex|NT)?\$|€|£|₹|₽|₺|₩|₦|₪|₱|¥|Rs\.?"
_CODE = _alternation(CODES)
_MULT_NUM = r"two|three|four|five|six|seven|eight|nine|ten|\d+(?:\.\d+)?"


#: A figure's range ("3-4 billion", "$5 to $6"): tried right after its number.
_RANGE = r"(?:\s?(?:-|to)\s?(?P<cur2>" + _SYMBOL + r")?(?P<num2>" + _NUM + r"))?"
#: What may follow a figure's number and range: scale, currency code, unit or currency word.
_AFTER_NUMBER = (
    r"(?:\s?(?P<scale>(?i:" + _SCALE_WORDS + r"))\b|(?P<sfx>[mkb])(?![\w']))?"
    r"(?:\s?(?P<code2>(?:" + _CODE + r"))\b)?"
    r"(?:\s?(?P<unit>(?i:" + _alternation(UNITS) + r"))(?![\w])"
    r"|\s(?P<curword>" + _alternation(CURRENCY_WORDS) + r")(?![\w]))?"
)
#: The one extraction regex. Everything after the number is optional, so matching ``_NUMBER``
#: and then ``_AFTER`` at its end reads the same figure in two steps.
QUANTITY = re.compile(
    r"(?P<mult>\b(?:" + _alternation(MULTIPLIER_WORDS) + r")\b"
    r"|\b(?P<fold>" + _MULT_NUM + r")[- ]?fold\b"
    r"|(?<![\w.,$])(?P<times>" + _MULT_NUM + r") times\b)"
    r"|(?P<approx>(?<![\w])(?i:" + _alternation(APPROX) + r")\s+)?"
    r"(?:(?P<cur>(?:" + _SYMBOL + r")|(?:(?<![\w$])(?:" + _CODE + r")(?=\s?\d)))\s?)?"
    r"(?<![\w.,/])(?<!\w-)(?:(?P<num>" + _NUM + r")|(?P<word>(?i:" + _WORDNUM + r"))(?=\s(?i:" + _SCALE_WORDS + r")\b))"
    + _RANGE + _AFTER_NUMBER
)
#: ``QUANTITY`` from a digit on, up to the range: there neither a multiplier word, a hedge,
#: a sign nor a number word can start. The prefix, if any, comes from ``_PREFIX_REVERSED``.
_NUMBER = re.compile(r"(?<![\w.,/])(?<!\w-)(?P<num>" + _NUM + r")" + _RANGE)
#: The rest of a figure after its number (a false range is re-read from there).
_AFTER = re.compile(_AFTER_NUMBER)
#: After a number: where a multiplier ("3-fold", "3 times") may start instead of a figure.
_MULTIPLIER_AFTER = ("fold", "-fold", " fold", " times")
#: The digit anchors come from one scan that also reads the number run (as ``_NUM`` would
#: there), matched where ``_runs`` finds a digit; no digit inside a run is an anchor, so
#: none is skipped. Zero-width groups hand over the character before the number and the
#: word after its space, which the fast path for bare numbers tests.
_DIGIT_SCAN = re.compile(r"\d(?<![\d,.]\d)(?:(?<=([\s\S])\d)|)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)"
                         r"(?=\x20([^\s,;:()\"'!?]+)|)")


#: Letters above Latin-1 that case-insensitive patterns read as an ASCII letter.
_WIDE_LETTERS = {"\u017f": "s", "\u0130": "i", "\u0131": "i", "\u212a": "k"}


def _wide_digits(exc: UnicodeError) -> tuple[str, int]:
    """Encoding error handler for ``_digits``: a character above Latin-1 becomes "0" when it
    is a decimal digit (``str.isdecimal`` is exactly what ``\\d`` matches), " " when it is a
    space, the ASCII letter case-insensitive patterns read it as (``_WIDE_LETTERS``), else
    "?"; one byte per character, so byte offsets stay character offsets. (Only the digits
    matter for reading figures; the rest makes ``cue_text`` exact.)"""
    assert isinstance(exc, UnicodeEncodeError)
    chunk = exc.object[exc.start:exc.end]
    return "".join("0" if char.isdecimal() else " " if char.isspace() else _WIDE_LETTERS.get(char, "?")
                   for char in chunk), exc.end


_WIDE_DIGITS = "contentlint-quantities-digits"
codecs.register_error(_WIDE_DIGITS, _wide_digits)
#: Every decimal digit to "0" (and nothing else: "0" is one of them).
_ZERO = bytes.maketrans(b"123456789", b"000000000")


def _digits(text: str) -> bytes:
    """``text`` as one byte a character with every decimal digit as "0" (what ``_runs`` and
    ``anchors`` search)."""
    return text.encode("latin-1", _WIDE_DIGITS).translate(_ZERO)


def _runs(text: str, digits: bytes, lo: int, hi: int) -> Iterable[re.Match[str]]:
    """``_DIGIT_SCAN.finditer(text)`` for the runs starting in ``[lo, hi)``, with the digits
    (``_digits(text)``) found by ``bytes.find`` instead of the regex engine: it tests a
    character class at every position (about 45 machine instructions a character, a fifth
    of the extraction), ``find`` runs at memory speed and the scan pattern is then only
    matched where a digit stands. No digit inside a run is an anchor, so the runs found
    from any ``lo`` are those a scan of the whole text finds there."""
    find, match = digits.find, _DIGIT_SCAN.match
    i = find(48, lo, hi)  # "0"
    while i >= 0:
        run = match(text, i)
        if run is None:
            i = find(48, i + 1, hi)  # a digit after "," or ".": not an anchor
        else:
            yield run
            i = find(48, run.end(), hi)


#: Where a quantity can start: a number's first digit, a number word before a scale, a
#: multiplier. The full pattern runs only there, which keeps extraction fast.
_SCALE_STEMS = ("million", "billion", "trillion", "thousand", "lakh", "crore")
_MULTIPLIER_STEMS = ("doubl", "tripl", "trebl", "quadrupl", "halved")
_MULT_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_STEMS = (*_SCALE_STEMS, *_MULTIPLIER_STEMS, "fold", "times")


def _reversed_alternation(words: Iterable[str]) -> str:
    return _alternation(w[::-1] for w in words)


_SYMBOL_TEXTS = ["$", "US$", "U.S.$", "AU$", "A$", "CA$", "C$", "NZ$", "HK$", "S$", "R$", "Mex$", "NT$",
                 "€", "£", "₹", "₽", "₺", "₩", "₦", "₪", "₱", "¥", "Rs", "Rs."]
#: Hedging words and a currency sign or code just before a number, matched on the reversed
#: text before it (an anchored match instead of a search: a few characters, not the line).
_APPROX_REVERSED = r"(?i:" + _reversed_alternation(APPROX) + r")(?!\w)"
_PREFIX_REVERSED = re.compile(
    r"(?:\s?(?P<cur>" + _reversed_alternation(_SYMBOL_TEXTS) + r"|(?:" + _reversed_alternation(CODES) + r")(?![\w$]))"
    r"(?:\s+(?P<hedge>" + _APPROX_REVERSED + r"))?|\s+(?P<alone>" + _APPROX_REVERSED + r"))?"
)


#: Last letters of the number words: what stands two characters before a scale they count.
_WORDNUM_ENDS = frozenset(w[-1] for w in WORD_NUMBERS)
_WORDNUM_BEFORE = re.compile(r"\s(?:" + _reversed_alternation(WORD_NUMBERS) + r")(?![a-z])")
_MULT_BEFORE = re.compile(r"(?:semit |dlof-?|dlof )(?:" + _reversed_alternation(_MULT_WORDS) + r")(?![a-z])")


@functools.cache
def _stem_index() -> Any:
    """One Aho-Corasick automaton for every stem: a single pass instead of a ``find`` per stem.

    Non-overlapping matches (three times faster than overlapping ones) miss only a stem
    that starts inside another stem ("thousandoubled"); such a stem follows a letter, and
    no stem is an anchor there (a multiplier needs a non-letter before it, a scale a space
    and a number word, "fold"/"times" a number word or "-", and no stem ends in one).
    No stem is a prefix of another, so none hides another at the same offset either.
    """
    return ahocorasick_rs.AhoCorasick(list(_STEMS), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)


def _word_anchors(norm: str) -> list[int]:
    """Start offsets, in order, of number words before a scale ("two million") and of
    multipliers ("doubled", "threefold", "three times"): rarer than digits, found from
    their stems."""
    extra = []
    for index, i, end in _stem_index().find_matches_as_indexes(norm):
        stem = _STEMS[index]
        if stem in _SCALE_STEMS:
            if i < 2 or norm[i - 2] not in _WORDNUM_ENDS:
                continue  # "5 million": no number word ends before the space
            m = _WORDNUM_BEFORE.match(norm[max(0, i - 12):i][::-1])
            if m:
                extra.append(i - m.end())
        elif stem in _MULTIPLIER_STEMS:
            if not i or not norm[i - 1].isalnum():
                extra.append(i)
        else:
            m = _MULT_BEFORE.match(norm[max(0, i - 8):end][::-1])
            if m:
                extra.append(end - m.end())
    return sorted(set(extra))


def _anchor_data(doc: Document) -> tuple[bytes, list[int]]:
    """``_digits(doc.folded)`` and the word anchors of ``doc`` (computed once per document)."""
    cached = doc.cache.get(CACHE_KEY + ":anchors")
    if cached is None:
        cached = doc.cache[CACHE_KEY + ":anchors"] = (_digits(doc.folded), _word_anchors(doc.norm))
    return cached


def cue_text(doc: Document) -> bytes:
    """``doc.folded`` as one byte a character, lower-case, for cheap cue searches: digits as
    "0", other characters above Latin-1 as in ``_wide_digits``. Where a case-insensitive
    pattern matches a word of ASCII letters (or ``%``, ``(``, spaces) in ``doc.folded``, that
    word stands here in lower case, so finding it here is a safe test (computed once)."""
    cached = doc.cache.get(CACHE_KEY + ":cues")
    if cached is None:
        cached = doc.cache[CACHE_KEY + ":cues"] = _anchor_data(doc)[0].lower()
    return cached


#: A number token of ``_digits``: digits joined by single commas or points ("1,000.5"), at
#: least the run ``_DIGIT_SCAN`` reads there. Every anchor starts one.
_NUMBER_TOKEN = re.compile(rb"0(?:[,.]?0)*")
_SPAN = re.Match.span
#: A word anchor's own extent, at most: "a dozen", "quadrupled", "seven times".
_WORD_SPAN = 1 + max(len(w) for w in [*WORD_NUMBERS, *MULTIPLIER_WORDS, *(m + " times" for m in _MULT_WORDS)])
#: The most a figure reads after its last number: a scale, a code, then a unit or a currency
#: word, each after at most one space (a range's second number is itself a token).
_TAIL = (1 + max(map(len, SCALES)) + 1 + max(map(len, CODES))
         + 1 + max(max(map(len, UNITS)), max(map(len, CURRENCY_WORDS))))
#: Tokens this far apart never share a figure, and the read state at the later one is
#: clean: the earlier figure ended at least 31 characters before it, so neither a prefix
#: window (30 characters) nor the skipping of anchors inside a figure depends on it.
_GAP = _TAIL + 32


class Anchors(NamedTuple):
    """Where figures may stand in a document, found without reading them: the starts and
    ends of its number tokens and word anchors (a word anchor's end is ``_WORD_SPAN`` on),
    in text order. Every figure starts at, or at most 30 characters before, one of them.

    The checks compare figures only where their wording can link them; ``read_regions``
    then reads the figures of those few regions alone, from a clean start before each
    (``_clean_start``), instead of every figure of the article.
    """

    starts: Sequence[int]
    ends: Sequence[int]


def anchors(doc: Document) -> Anchors:
    """The ``Anchors`` of ``doc`` (computed once per document)."""
    cached = doc.cache.get(CACHE_KEY + ":tokens")
    if cached is not None:
        return cached
    digits, words = _anchor_data(doc)
    spans = list(map(_SPAN, _NUMBER_TOKEN.finditer(digits)))
    if words:
        spans += [(w, w + _WORD_SPAN) for w in words]
        spans.sort()
    out = Anchors(*zip(*spans)) if spans else Anchors((), ())
    doc.cache[CACHE_KEY + ":tokens"] = out
    return out


def _clean_start(found: Anchors, at: int) -> int:
    """Where reading must start so that the figures from ``at`` on come out as a reading of
    the whole text finds them: ``at`` when no token before it may reach it, else the first
    token of the cluster (tokens less than ``_GAP`` apart) that does.

    The tokens before token ``j`` end by ``ends[j - 1] + _WORD_SPAN`` at the latest (a
    number token ends before the next token starts, a word token ``_WORD_SPAN`` after its
    start): a safe bound, so a cluster may come out longer than it is, never shorter.
    """
    starts, ends = found
    k = bisect.bisect_left(starts, at)
    if not k or ends[k - 1] + _WORD_SPAN + _GAP <= at:
        return at
    j = k - 1
    while j and starts[j] - ends[j - 1] - _WORD_SPAN < _GAP:
        j -= 1
    return starts[j]


def read_regions(doc: Document, regions: Iterable[tuple[int, int]]) -> tuple[list[Quantity], list[tuple[int, int]]]:
    """The quantities of ``extract(doc)`` that start in ``regions`` (and a few more from
    around them, also of ``extract(doc)``), in text order, read without the rest; and the
    regions merged (a sentence inside one has all its figures).

    A figure starting before ``end`` has its anchor before ``end + 30`` (a prefix is at most
    30 characters), so each region is read from its clean start to there.
    """
    found = anchors(doc)
    text = doc.folded
    digits, words = _anchor_data(doc)
    out: list[Quantity] = []
    merged: list[tuple[int, int]] = []
    lo = hi = -1
    for start, end in sorted(regions):
        start = max(start, 0)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
        begin = _clean_start(found, start)  # never before the previous region's (tokens are in order)
        if begin > hi:
            if hi > lo:
                _read_range(text, digits, words, lo, hi, out)
            lo = begin
        hi = max(hi, end + 31)
    if hi > lo:
        _read_range(text, digits, words, lo, hi, out)
    return out, merged


_CONTEXT_WORD = re.compile(r"[A-Za-z][\w'-]*")
_FILLER = frozenset({"of", "the", "a", "an", "in", "worth", "more", "fewer", "additional", "extra"})


class Quantity(NamedTuple):
    """One stated figure. ``value`` is in base units (1e9 for "1 billion").

    A NamedTuple rather than a dataclass: an article has dozens of figures and a tuple
    is several times cheaper to build.
    """

    start: int
    end: int
    text: str
    value: float
    #: Upper end of a range ("3-4 billion"), else None.
    high: float | None
    #: Half the last stated digit, in base units: the rounding error the copy allows.
    step: float
    #: None (exact), "approx", "min" (more than) or "max" (less than, nearly).
    bound: str | None
    #: "currency", "unit", "percent", "multiplier", "count" or "year".
    kind: str
    #: ISO code for money ("" when the currency is ambiguous), canonical unit otherwise.
    unit: str
    #: How the unit or currency was written ("US$", "tonnes"), for messages and spelling checks.
    unit_text: str
    #: The figure as written, without hedging words ("US$88.38 billion" of "around US$88.38 billion").
    figure: str

    @property
    def exact(self) -> bool:
        return self.bound is None and self.high is None

    def tolerance(self) -> float:
        """Relative error the way the figure was written allows (rounding plus hedging)."""
        if not self.value:
            return 1.0
        extra = 0.05 if self.bound else 0.0
        return self.step / abs(self.value) + extra


#: Builds a Quantity from a tuple without the generated ``__new__`` (a Python frame with
#: keyword handling): half the cost, for the thousands of figures a corpus holds.
_new = tuple.__new__


@functools.lru_cache(maxsize=4096)
def _parse_number(raw: str) -> tuple[float, float]:
    """Value and rounding allowance of a written number ("1,365" -> 0.5; "170" -> 5; "40" -> 0.5).

    Memoised: years and small counts recur in every article.
    """
    digits = raw.replace(",", "")
    if "." in digits:
        decimals = len(digits.split(".", 1)[1])
        return float(digits), 0.5 * 10 ** -decimals
    value = float(digits)
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped) if stripped else 0
    if len(stripped) <= 1:
        # "40", "4,000", "$1 billion": copy rounds to about two significant figures, so
        # "4,000" is 3,950-4,050 and "$1 billion" 0.95-1.05 billion, not 0.5-1.5 billion.
        return value, 0.5 * 10 ** (zeros - 1) if zeros else 0.05 * value
    return value, 0.5 * 10 ** zeros


def thing_counted(doc: Document, q: Quantity) -> str:
    """What a figure counts: the first content word after it ("tons of wheat" -> "wheat").

    Computed on demand: only a few checks ask, and most figures are never asked about.
    """
    text, pos = doc.folded, q.end
    for _ in range(3):
        m = _CONTEXT_WORD.match(text, pos + 1) if text[pos:pos + 1] == " " else None
        if not m:
            return ""
        word = m.group().lower()
        if word not in _FILLER:
            return word
        pos = m.end()
    return ""


#: Currency words that are also common English words after a count ("seven won").
_VERB_WORDS = frozenset({"won"})


def _build(m: re.Match[str], text: str, after: re.Match[str] | None = None) -> Quantity | None:
    """The quantity a ``QUANTITY`` match reads, or None when it is none; ``after`` re-reads
    the end of a false range (``_AFTER`` at the end of the number)."""
    # every group in one call (a call per group costs more than the rest of this function)
    if after is None:
        start, end = m.span()
        mult, fold, times, approx, cur_raw, raw_num, word, _, num2, scale_raw, sfx, code2, unit_raw, curword = m.groups()
    else:
        start, end = m.start(), after.end()
        mult, fold, times, approx, cur_raw, raw_num, word = m.groups()[:7]
        scale_raw, sfx, code2, unit_raw, curword = after.groups()
        num2 = None
    if text[end:end + 1].isalnum():
        return None  # "16th", "3D", "4x4": not a quantity
    if mult is not None:
        lowered = mult.lower()
        if lowered in MULTIPLIER_WORDS:
            value = MULTIPLIER_WORDS[lowered]
        else:
            raw = (fold or times).lower()
            value = WORD_NUMBERS.get(raw) or float(raw)
        figure = m.group()
        return Quantity(start, end, figure, float(value), None, 0.0, None, "multiplier", "x", "", figure)
    if raw_num is not None:
        value, step = _parse_number(raw_num)
        num_start = m.start(6)  # the "num" group
    else:
        value, step = float(WORD_NUMBERS[word.lower()]), 0.5
        num_start = -1
    return _assemble(text, start, end, approx, m.end(4), cur_raw, raw_num, num_start, value, step, num2, scale_raw,
                     sfx, code2, unit_raw, curword)


def _assemble(text: str, start: int, end: int, approx: str | None, approx_end: int, cur_raw: str | None,
              raw_num: str | None, num_start: int, value: float, step: float, num2: str | None,
              scale_raw: str | None, sfx: str | None, code2: str | None, unit_raw: str | None,
              curword: str | None) -> Quantity | None:
    """A quantity from the parts of its match (the groups of ``QUANTITY``); None when the
    parts are not a quantity after all. ``text[end]`` is not alphanumeric."""
    if raw_num is not None and not approx and not cur_raw and not num2 and scale_raw is None and sfx is None \
            and code2 is None and unit_raw is None and curword is None:
        # a bare number: the common case, built without the slow path
        kind = "year" if len(raw_num) == 4 and raw_num.isdigit() and 1800 <= value <= 2100 else "count"
        return _new(Quantity, (start, end, raw_num, value, None, step, None, kind, "", "", raw_num))
    scale_word = (scale_raw or sfx or "").lower()
    cur_raw = cur_raw or ""
    unit_text = unit_raw or ""
    unit_raw = unit_text.lower()
    curword = curword or ""
    code2 = code2 or ""
    if scale_word in ("m", "k", "b") and not cur_raw and not code2:
        # "42.6m people" is a count, "100m" a distance: without money we cannot tell.
        if scale_word == "m" and not unit_raw and not curword:
            return None
    if curword in _VERB_WORDS and not scale_word and not cur_raw and value < 1000:
        return None  # "seven won, three lost": a verb, unless a scale makes it money
    if unit_raw in UNITS and scale_word in ("m", "k", "b") and sfx:
        return None
    scale = SCALES.get(scale_word, 1.0)
    high = None
    if num2:
        high = _parse_number(num2)[0] * scale
    kind, unit = "count", ""
    if cur_raw:
        kind, unit_text = "currency", cur_raw
        if cur_raw.upper() in CODES:
            unit = cur_raw.upper()
        else:
            unit = SYMBOLS.get(cur_raw.lower().replace(" ", "")) or ""
        if curword and currency_words.code_of(curword) not in ("", unit):
            unit = ""  # "$5 million euros": contradictory, treat as unknown money
    elif code2:
        kind, unit, unit_text = "currency", code2, code2
    elif curword:
        kind, unit, unit_text = "currency", currency_words.code_of(curword), curword
    elif unit_raw:
        unit = UNITS[unit_raw]
        kind = "percent" if unit in ("%", "pp") else "unit"
    else:
        unit_text = ""
        if not scale_word and raw_num and "," not in raw_num and "." not in raw_num and len(raw_num) == 4 \
                and 1800 <= value <= 2100:
            kind = "year"
    bound = APPROX.get(" ".join(approx.lower().split())) if approx else None
    if unit in ("degC", "degF") and raw_num and text[start - 1:start] == "-" and start == num_start:
        start, value = start - 1, -value  # "-4°C": the only unit where a sign is part of the figure
    figure_start = approx_end if approx else start
    return _new(Quantity, (start, end, text[start:end], value * scale, high, step * scale, bound, kind, unit,
                           unit_text, text[figure_start:end].strip()))


def _real_range(m: re.Match[str], text: str) -> bool:
    """ "2021 to US$170 million", "2023-2025" or "from $10 to $9.50" is not one quantity."""
    return _is_range(text, m.start(), m.group("num"), m.group("num2"), m.group("cur"), m.group("cur2"))


def _is_range(text: str, start: int, first: str | None, second: str, cur: str | None, cur2: str | None) -> bool:
    if first and len(first) == 4 and first.isdigit() and 1800 <= int(first) <= 2100:
        return False
    if cur2 and not cur:
        return False
    if text[max(0, start - 5):start].lower() == "from ":
        return False  # "from A to B" is a change, read by the checks as two figures
    return not first or float(second.replace(",", "")) > float(first.replace(",", ""))


#: First words that can continue a figure (scale, unit, currency, range, multiplier).
_FOLLOWERS = frozenset(
    w.split()[0].lower().rstrip(".") for w in [*SCALES, *UNITS, *CURRENCY_WORDS, *CODES, "to", "times", "fold"]
)


_SYMBOL_ENDS = frozenset(t[-1] for t in _SYMBOL_TEXTS)
#: Last words of the hedges and the codes: what may stand just before a number's space.
_PREFIX_WORDS = frozenset([*(w.split()[-1].lower() for w in APPROX), *(c.lower() for c in CODES)])




#: Prefix words that are a whole hedge or code: the prefix regex is run for them as is.
_WHOLE_PREFIXES = frozenset([*(w.lower() for w in APPROX if " " not in w), *(c.lower() for c in CODES)])


def _by_last(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for t in texts:
        out[t[-1]] = (*out.get(t[-1], ()), t)
    return out


#: What a prefix can end with, by last character: a sign or code as written (the prefix
#: regex reads them case-sensitively), a hedge in lower case.
_SIGN_ENDS = _by_last([*_SYMBOL_TEXTS, *CODES])
_HEDGE_ENDS = _by_last(w.lower() for w in APPROX)


def _prefix_possible(head: str, token: str) -> bool:
    """False when ``_PREFIX_REVERSED`` surely matches nothing before a number whose space
    follows ``head`` (the 15 characters before it, ending in ``token``): a sign or code must
    then end the token, or a hedge end the head. The regex is case-insensitive for hedges,
    so text with non-ASCII letters is always left to it. Saves the regex for the many
    "of 5" ("upwards of" is a hedge) and "was 5" (a word ending like "Rs").
    """
    if not head.isascii():
        return True
    signs = _SIGN_ENDS.get(token[-1])
    if signs and token.endswith(signs):
        return True
    hedges = _HEDGE_ENDS.get(token[-1].lower())
    return bool(hedges) and head.lower().endswith(hedges)


def _may_have_prefix(text: str, at: int) -> bool:
    """Cheap test before the prefix regex: a currency sign, a code or a hedge word before ``at``."""
    before = text[at - 1:at]
    if before in _SYMBOL_ENDS:
        return True
    if before != " ":
        return False
    head = text[max(0, at - 16):at - 1]  # the word before the space: 15 characters at most
    if not head or head[-1].isspace():
        return False
    word = head.split()[-1].lower()
    return word in _PREFIX_WORDS or word[-1] in _SYMBOL_ENDS


def _full(text: str, start: int, at: int) -> tuple[re.Match[str], re.Match[str] | None] | None:
    """``QUANTITY`` at ``start`` (a prefix before the anchor ``at``) or at ``at``, and the
    re-read end of a false range (``_AFTER`` at the end of the number) if it had one."""
    m = QUANTITY.match(text, start)
    if m is None or m.end() <= at:
        m = QUANTITY.match(text, at)
        if m is None:
            return None
    if m.group("num2") and not _real_range(m, text):
        return m, _AFTER.match(text, m.end("num"))
    return m, None


def extract(doc: Document) -> list[Quantity]:
    """Every quantity of ``doc``, in text order (computed once per document)."""
    cached = doc.cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    text = doc.folded
    out: list[Quantity] = []
    if text:
        digits, words = _anchor_data(doc)
        _read_range(text, digits, words, 0, len(text), out)
    doc.cache[CACHE_KEY] = out
    return out


def _read_range(text: str, digits: bytes, words: list[int], lo: int, hi: int, out: list[Quantity]) -> None:
    """Append to ``out`` the quantities read at the anchors in ``[lo, hi)``, in text order.

    Exactly what reading the whole text finds there when no figure read before ``lo``
    reaches within 31 characters of it (see ``Anchors``): the read state (``done``, the end
    of the last figure) then cuts no prefix window and skips no anchor.

    Anchors are read in order; each one inside the previous figure is skipped. A prefix
    (sign, code, hedge) moves the start back. A bare number or percentage is built right
    here: most of an article's figures, and the hot loop of the ``units`` pack, so it is
    written out inline. Anything that could continue the figure (a letter, a unit or
    scale word, a range) or make it part of another token goes through ``QUANTITY``.
    """
    done = 0
    w, last_word = bisect.bisect_left(words, lo), bisect.bisect_left(words, hi)
    for run in _runs(text, digits, lo, hi):
        at = run.start()
        while w < last_word and words[w] < at:
            # a word anchor ("two million", "doubled"): always the full pattern
            if words[w] >= done:
                done = _read_word(text, words[w], done, out)
            w += 1
        if at < done:
            continue
        before, follow = run.groups()  # before is None at the start of the text
        start = at
        prefix = None
        if before == " ":
            head = text[at - 16 if at > 16 else 0:at - 1]  # the word before: 15 characters at most
            if head and not head[-1].isspace():
                token = head.rsplit(None, 1)[-1]
                word = token.lower()
                if (word in _PREFIX_WORDS or word[-1] in _SYMBOL_ENDS) and (
                        word in _WHOLE_PREFIXES or _prefix_possible(head, token)):
                    prefix = _PREFIX_REVERSED.match(text[max(done, at - 30):at][::-1])
                    start = at - prefix.end()
            free = True  # nothing glued before the number
        elif before in _SYMBOL_ENDS:
            prefix = _PREFIX_REVERSED.match(text[max(done, at - 30):at][::-1])
            start = at - prefix.end()
            free = not (before.isalnum() or before == ".")
        else:
            free = before is None or not (before.isalnum() or before in "_.,/" or (
                before == "-" and text[at - 2:at - 1].isalnum()))
        if start == at and free:
            end = run.end()
            after = text[end:end + 1]
            if after == " ":
                plain = follow is None or (follow[0].isalnum() and follow.lower().rstrip(".") not in _FOLLOWERS)
            elif after == "%":
                following = text[end + 1:end + 2]
                if not (following.isalnum() or following == "_" or (before == "-" and text[at - 2:at - 1] == "_")):
                    # as ``QUANTITY`` and ``_build`` read a bare percentage (its look-behind
                    # also refuses "_-" before the number, where the bare test does not)
                    raw = run.group()
                    value, step = _parse_number(raw)
                    figure = raw + "%"
                    out.append(_new(Quantity, (at, end + 1, figure, value, None, step, None, "percent", "%", "%",
                                               figure)))
                    done = end + 1
                    continue
                plain = False
            else:
                plain = not (after.isalnum() or after in "-°$€£")
            if plain:
                raw = run.group()
                value, step = _parse_number(raw)
                kind = "year" if len(raw) == 4 and raw.isdigit() and 1800 <= value <= 2100 else "count"
                out.append(_new(Quantity, (at, end, raw, value, None, step, None, kind, "", "", raw)))
                done = end
                continue
        if start == at and text.startswith(_MULTIPLIER_AFTER, run.end()):
            tail = None  # "3-fold", "3 times": the full pattern reads the multiplier
        elif start != at and start == max(done, at - 30) and start:
            # the prefix fills the cut window: whether a letter stands before it (which
            # ``QUANTITY`` refuses) was not seen, so the full pattern decides
            tail = None
        else:
            tail = _NUMBER.match(text, at)
        if tail is None:
            found = _full(text, start, at)
            if found is None:
                continue
            m, after = found
            done = m.end() if after is None else after.end()
            q = _build(m, text, after)
        else:
            done, q = _read_tail(text, start, at, prefix, tail)
        if q is not None:
            out.append(q)
    for word_at in words[w:last_word]:
        if word_at >= done:
            done = _read_word(text, word_at, done, out)


def _read_tail(text: str, start: int, at: int, prefix: re.Match[str] | None,
               tail: re.Match[str]) -> tuple[int, Quantity | None]:
    """The end and quantity ``QUANTITY`` would read at ``start``, from the parts already in
    hand: the prefix (``_PREFIX_REVERSED`` on the reversed text before the digit ``at``,
    which matched exactly the hedge and sign ``QUANTITY`` reads forward) and ``_NUMBER`` at
    the digit. Saves reading the prefix twice and trying every kind of figure at ``start``.
    """
    approx = cur_raw = None
    approx_end = at
    if start != at:
        assert prefix is not None
        cur_from, cur_to = prefix.span(1)  # offsets in the reversed text: at - 1 - offset
        if cur_from >= 0:
            cur_raw = text[at - cur_to:at - cur_from]
            if prefix.start(2) >= 0:
                approx, approx_end = text[start:at - cur_to], at - cur_to
        else:
            approx = text[start:at]
    raw_num, cur2, num2 = tail.groups()
    if num2 and not _is_range(text, start, raw_num, num2, cur_raw, cur2):
        after = _AFTER.match(text, tail.end(1))
        num2 = None
    else:
        after = _AFTER.match(text, tail.end())
    scale_raw, sfx, code2, unit_raw, curword = after.groups()
    end = after.end()
    if text[end:end + 1].isalnum():
        return end, None  # "16th", "3D", "4x4": not a quantity
    value, step = _parse_number(raw_num)
    return end, _assemble(text, start, end, approx, approx_end, cur_raw, raw_num, at, value, step, num2, scale_raw,
                          sfx, code2, unit_raw, curword)


def _read_word(text: str, at: int, done: int, out: list[Quantity]) -> int:
    """Read the figure at the word anchor ``at`` into ``out``; the new end of the read text."""
    start = at  # a letter: never a bare number
    if _may_have_prefix(text, at):
        start = at - _PREFIX_REVERSED.match(text[max(done, at - 30):at][::-1]).end()
    found = _full(text, start, at)
    if found is None:
        return done
    m, after = found
    q = _build(m, text, after)
    if q is not None:
        out.append(q)
    return m.end() if after is None else after.end()


def by_sentence(doc: Document) -> list[tuple[tuple[int, int], list[Quantity]]]:
    """Each sentence of ``doc`` that holds quantities, with them (computed once per document)."""
    cached = doc.cache.get(CACHE_KEY + ":sentences")
    if cached is None:
        cached = doc.cache[CACHE_KEY + ":sentences"] = group_by_sentence(doc, extract(doc))
    return cached


def group_by_sentence(doc: Document, quantities: list[Quantity],
                      within: list[tuple[int, int]] | None = None) -> list[tuple[tuple[int, int], list[Quantity]]]:
    """Each sentence that holds some of ``quantities`` (in text order), with them; only the
    sentences inside one of ``within`` (sorted, disjoint spans) when it is given."""
    out: list[tuple[tuple[int, int], list[Quantity]]] = []
    if quantities:
        spans = doc.sentences
        starts = doc.sentence_starts
        bisect_right = bisect.bisect_right
        append = out.append
        last = -1
        group: list[Quantity] = []
        for q in quantities:  # in text order, so each sentence's figures come in one run
            i = bisect_right(starts, q.start) - 1
            if i >= 0 and q.end <= spans[i][1]:
                if i != last:
                    group, last = [], i
                    if within is not None and not _inside(spans[i], within):
                        group = []  # read, but not every figure of the sentence may have been
                        continue
                    append((spans[i], group))
                group.append(q)
    return out


def _inside(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_right(regions, (span[0], float("inf"))) - 1
    return k >= 0 and regions[k][1] >= span[1]


def format_value(value: float, unit: str = "", unit_text: str = "") -> str:
    """A readable figure for messages: 58100000000 -> "58.1 billion", with its unit."""
    magnitude = abs(value)
    for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if magnitude >= size:
            number = f"{value / size:,.3g} {word}" if value / size < 1000 else f"{value / size:,.0f} {word}"
            break
    else:
        number = f"{value:,.0f}" if magnitude >= 100 else f"{value:,.3g}"
    if unit == "%":
        return f"{number}%"
    if unit_text and not unit_text[0].isalpha() or unit_text.isupper():
        sep = " " if unit_text.isalpha() else ""
        return f"{unit_text}{sep}{number}"
    if unit_text:
        return f"{number} {unit_text}"
    return number
