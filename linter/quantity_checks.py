"""The ``units`` checks: figures in one article that contradict each other.

Each check reads the quantities (``linter.quantities``) of a ``View`` and yields ``Hit``s
with the arithmetic spelled out, so an editor can redo it by hand. Every check ties
figures together only through tight, explicit wording ("from A to B", "A of B, or P%",
"A (about B)", "A, B and C, totalling X"); when the link is looser than that, or a
figure is a bound ("more than 40"), the check stays silent. Tolerances combine the
rule's own ``tolerance`` with the rounding each figure was written with.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Sequence

import ahocorasick_rs

from linter import conversions, currency_words, matching, quantities, rates
from linter.document import Document
from linter.quantities import Anchors, Quantity, format_value, thing_counted


@dataclass
class Hit:
    """One inconsistency: the span to flag, message values and the other figures involved."""

    quantity: Quantity
    values: dict[str, Any]
    related: list[tuple[Quantity, str]] = field(default_factory=list)


@dataclass
class Spec:
    """A rule's compiled options: tolerance, vocabulary regexes and data files."""

    tolerance: float
    vocabulary: dict[str, re.Pattern[str]]
    measures: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]
    systems: list[tuple[str, dict[str, str]]]
    pegs: Path | None
    max_ratio: float
    #: Smallest count the conflicting-values check compares (small tolls differ by event).
    min_value: float = 5.0
    #: Relative tolerance for multipliers ("doubled"), where ``tolerance`` is in points.
    ratio_tolerance: float = 0.15
    #: Tolerance, in points, for a change between two percentages ("from 61% to 64%, up 3 points").
    points_tolerance: float = 0.5
    #: Words that name the same measure ("economy" -> "gdp"), lower-case.
    aliases: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def measure_words(self) -> list[bytes] | None:
        """Words one of which every match of a measure's patterns contains (None when
        some pattern has none): where ``conflicting_values`` can find a measure."""
        out: list[str] = []
        for _, after, before in self.measures:
            for pattern in (after, before):
                if pattern is not None:
                    words = _required_words(pattern)
                    if words is None:
                        return None
                    out += words
        # a word containing another is found where that one is: leave it out
        return sorted({w.encode() for w in out if not any(o != w and o in w for o in out)})

    @functools.cached_property
    def marker_words(self) -> list[str] | None:
        """Words every per-capita marker contains (None without markers or such words)."""
        marker = self.vocabulary.get("markers")
        return _required_words(marker) if marker is not None else None

    @functools.cached_property
    def cue_words(self) -> list[tuple[bytes, str, Any]]:
        """The words of this rule's options its scope looks for (see ``CueIndex``): the
        words every per-capita marker contains ("marker"), ``measure_words`` ("measure"),
        and every spelling of a unit ``systems`` names ("unit", with its system, its
        variant and whether it starts with a letter)."""
        out: list[tuple[bytes, str, Any]] = [(word.encode(), "marker", None) for word in self.marker_words or []]
        for word in self.measure_words or []:
            out.append((word, "measure", None))
        for i, (_, variants) in enumerate(self.systems):
            for spelling, unit in quantities.UNITS.items():
                if unit in variants:
                    out.append((spelling.encode("latin-1"), "unit", (i, variants[unit], spelling[0].isalpha())))
        return out


class View(NamedTuple):
    """The figures the checks read: every figure of the document (``full``), or only those
    of the regions where some check can fire (``scoped``, see ``SCOPES``). Either way a
    sentence listed has all its figures, so each check finds exactly what it would find
    with every figure of the article."""

    figures: list[Quantity]
    sentences: list[tuple[tuple[int, int], list[Quantity]]]
    #: What several checks derive from the figures (conversion pairs), once per view.
    memo: dict[str, Any]

    @classmethod
    def full(cls, doc: Document) -> View:
        return cls(quantities.extract(doc), quantities.by_sentence(doc), {})

    @classmethod
    def scoped(cls, doc: Document, regions: list[tuple[int, int]]) -> View:
        figures, merged = quantities.read_regions(doc, regions)
        return cls(figures, quantities.group_by_sentence(doc, figures, merged), {})


Check = Callable[[Document, Spec, View], Iterator[Hit]]
#: Where a check can fire in a document, from its tokens and cue words alone: regions
#: (sentences, paragraphs, spans) outside which it finds nothing, or None for anywhere.
Scope = Callable[[Document, Spec, "Cues"], "list[tuple[int, int]] | None"]

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
#: A time phrase between a figure and its change: "$12.4 billion in the first half, up 17.7%",
#: "in July", "last year", "in 2023", "this quarter", "in fiscal 2024". Only periods: any
#: other words in between could tie the change to something else, so the check stays silent.
_PERIOD = (r"(?:\s+(?:in|during|for|over)\s+(?:the\s+)?(?:(?:first|second|third|fourth|final|last|past|latest|"
           r"opening|same)\s+)?(?:half|quarter|three\s+months|six\s+months|nine\s+months|12\s+months|"
           r"twelve\s+months|fiscal\s+year|financial\s+year|year|period)(?:\s+of\s+(?:the\s+year|this\s+year|"
           r"last\s+year|\d{4}))?(?:\s+(?:to|through|ended|ending)\s+" + _MONTH + r"(?:\s+\d{4})?)?"
           r"|\s+in\s+(?:(?:early|late|mid-?)\s*)?" + _MONTH + r"(?:\s+\d{4})?"
           r"|\s+(?:last|this|that)\s+(?:year|quarter|month|season|week|half)"
           r"|\s+in\s+(?:(?:fiscal|financial)\s+)?(?:year\s+)?\d{4}(?:[-/]\d{2,4})?"
           r"|\s+in\s+(?:Q[1-4]|H[12])(?:\s+\d{4})?)?")


def words(items: Sequence[str]) -> re.Pattern[str]:
    """A case-insensitive, word-bounded alternation of ``items``."""
    body = "|".join(re.escape(w.lower()) for w in sorted(items, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.I)


def shown(q: Quantity) -> str:
    """A figure as the article wrote it, without hedging words ("approximately")."""
    return q.figure


def interval(q: Quantity, tolerance: float = 0.0) -> tuple[float, float]:
    """The values ``q`` may stand for, given rounding, hedging and the rule's tolerance."""
    width = q.tolerance() + tolerance
    low, high = q.value * (1 - width), (q.high if q.high is not None else q.value) * (1 + width)
    if q.bound == "min":
        high = float("inf")
    elif q.bound == "max":
        low = q.value * 0.5
    return low, high


def off(a: float, b: float) -> float:
    """Relative difference of two positive values, against the smaller one."""
    low = min(abs(a), abs(b))
    return abs(a - b) / low if low else float("inf")


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _before(doc: Document, q: Quantity, width: int, floor: int) -> str:
    return doc.folded[max(floor, q.start - width):q.start].lower()


def _after(doc: Document, q: Quantity, width: int, ceiling: int) -> str:
    return doc.folded[q.end:min(ceiling, q.end + width)].lower()


def _comparable(a: Quantity, b: Quantity) -> bool:
    """Same kind of figure in the same unit (money in a known, identical currency, or
    named by the same currency word: "11 billion rupees" and "18 billion rupees")."""
    if a.kind != b.kind or a.kind in ("year", "multiplier") or a.high is not None or b.high is not None:
        return False
    if a.kind == "currency":
        if not a.unit and not b.unit and a.unit_text[:1].isalpha():
            return a.unit_text.lower().rstrip("s") == b.unit_text.lower().rstrip("s")
        return bool(a.unit) and a.unit == b.unit
    return a.unit == b.unit


# ----- derived figures -----------------------------------------------------------------
def per_capita(doc: Document, spec: Spec, view: View) -> Iterator[Hit]:
    """A per-capita figure against total / population stated in the same paragraph."""
    marker, metric, qualifier = spec.vocabulary["markers"], spec.vocabulary["metrics"], spec.vocabulary["qualifiers"]
    population, people, places = spec.vocabulary["population"], spec.vocabulary["people"], spec.vocabulary["places"]
    paragraphs, starts = doc.paragraphs, doc.paragraph_starts
    by_paragraph: dict[int, list[Quantity]] = {}
    for q in view.figures:  # each figure to its paragraph (one bisect, not a scan per paragraph)
        if q.kind != "year":
            i = bisect.bisect_right(starts, q.start) - 1
            if i >= 0 and q.end <= paragraphs[i][1]:
                by_paragraph.setdefault(i, []).append(q)
    focus = doc.cache.get(("quantities:per-capita", id(spec)))  # what ``_per_capita_scope`` kept
    for index in sorted(by_paragraph):
        para_start, para_end = paragraphs[index]
        inside = by_paragraph[index]
        if len(inside) < 3 or focus is not None and paragraphs[index] not in focus \
                or not marker.search(doc.folded, para_start, para_end):
            continue
        pops, ratios, totals = [], [], []
        for i, q in enumerate(inside):
            floor = max(para_start, inside[i - 1].end if i else para_start)
            context = _before(doc, q, 60, floor)
            if q.kind == "count" and q.bound not in ("min", "max") and (population.search(context[-30:]) or (
                    people.fullmatch(thing_counted(doc, q) or "-") and places.search(context[-30:]))):
                pops.append(q)
                continue
            if q.kind not in ("currency", "unit") or q.high is not None or q.bound in ("min", "max"):
                continue
            after = _after(doc, q, 20, para_end)
            keys = frozenset(spec.aliases.get(k, k) for k in (m.group().lower() for m in metric.finditer(context)))
            quals = frozenset(m.group().lower() for m in qualifier.finditer(context))
            if marker.search(context) or marker.match(after.lstrip()):
                ratios.append((q, keys, quals))
            elif keys:
                totals.append((q, keys, quals))
        if len(pops) != 1:
            continue
        pop = pops[0]
        for q, keys, quals in ratios:
            match = [t for t, tkeys, tquals in totals
                     if t.unit == q.unit and q.unit and tkeys & keys and tquals == quals and t.value > q.value]
            if len(match) != 1 or pop.value < 1000 or match[0].value < 1000 * q.value:
                continue  # a total must be an aggregate, not another per-head figure
            total = match[0]
            if len({years for years in (_years_near(view, f) for f in (q, total, pop)) if years}) > 1:
                continue  # figures from different years need not agree
            computed = total.value / pop.value
            product = q.value * pop.value
            allowed = spec.tolerance + q.tolerance() + pop.tolerance() + total.tolerance()
            if off(product, total.value) <= allowed:
                continue
            yield Hit(q, {
                "computed": format_value(computed, q.unit, q.unit_text),
                "stated": shown(q),
                "total": shown(total),
                "computation": f"{shown(total)} / {shown(pop)} = {format_value(computed, q.unit, q.unit_text)}",
                "check": f"{shown(pop)} x {shown(q)} = {format_value(product, q.unit, q.unit_text)}",
            }, [(total, "total"), (pop, "population")])


def _years_near(view: View, q: Quantity) -> frozenset[int]:
    """The years named in the sentence of ``q``."""
    for (start, end), qs in view.sentences:
        if start <= q.start < end:
            return frozenset(int(o.value) for o in qs if o.kind == "year")
    return frozenset()


_SHARE_LINK = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|a\s+total\s+of\s+|all\s+)?", re.I)
_SHARE_TAIL = re.compile(r"(?:\s+[a-z][\w'-]*){0,4}\s*(?:,\s*or\s*|\(\s*)", re.I)
_SHARE_PAREN = re.compile(r"\s*\(\s*", re.I)
_OTHER_BASE = re.compile(r"\s+of\b", re.I)
_SHARE_CLOSE = re.compile(r"(?:\s+[a-z][\w'-]*){0,4}\s*\)", re.I)


def share(doc: Document, spec: Spec, view: View) -> Iterator[Hit]:
    """ "A of B ..., or P%" / "P% (A of B)": P must be A / B."""
    for q in view.figures:
        if q.unit == "%" and q.kind == "percent":
            break
    else:
        return  # every wording needs a percentage (P)
    text = doc.folded
    for _, qs in view.sentences:
        for i in range(len(qs) - 2):
            a, b, p = qs[i], qs[i + 1], qs[i + 2]
            if p.kind == "percent" and p.unit == "%" and _comparable(a, b) and a.kind != "percent":
                if not (_SHARE_LINK.fullmatch(text, a.end, b.start) and _SHARE_TAIL.fullmatch(text, b.end, p.start)):
                    continue
                yield from _share_hit(a, b, p, spec, text)
            p, a, b = qs[i], qs[i + 1], qs[i + 2]
            if p.kind == "percent" and p.unit == "%" and _comparable(a, b) and a.kind != "percent":
                if _SHARE_PAREN.fullmatch(text, p.end, a.start) and _SHARE_LINK.fullmatch(text, a.end, b.start) \
                        and _SHARE_CLOSE.match(text, b.end):
                    yield from _share_hit(a, b, p, spec, text)


def _share_hit(a: Quantity, b: Quantity, p: Quantity, spec: Spec, text: str) -> Iterator[Hit]:
    if not b.value or a.value > b.value or {a.bound, b.bound} & {"min", "max"}:
        return
    if a.value < 0.001 * b.value or _OTHER_BASE.match(text, p.end):
        return  # "3.2 of the 4.5 million" (scale shared), "or 80% of revenue" (another base)
    computed = 100 * a.value / b.value
    spread = computed * (a.tolerance() + b.tolerance())
    low, high = p.value - p.step - spec.tolerance, (p.high or p.value) + p.step + spec.tolerance
    if p.bound == "min":
        high = 100.0
    elif p.bound == "max":
        low = 0.0
    elif p.bound == "approx":
        low, high = low - 0.1 * p.value, high + 0.1 * p.value
    if low - spread <= computed <= high + spread:
        return
    yield Hit(p, {"computed": f"{computed:.3g}%", "stated": shown(p),
                  "computation": f"{shown(a)} / {shown(b)} = {computed:.3g}%"},
              [(a, "part"), (b, "whole")])


_FROM = re.compile(r"(?:from|between)\s+$", re.I)
_NOUNS = r"(?:\s+[a-z][\w'-]*){0,2}?"
_TO = re.compile(_NOUNS + _PERIOD + r"\s+(?:to|and)\s+", re.I)
#: Between a stated change and "from A to B": "by", hedges, adverbs, a time ("this season,").
_LEAD = re.compile(r"(?:\s+(?:by|of|nearly|almost|about|around|roughly|some|more\s+than|over|just|a|an|[a-z]+ly|"
                   r"this|last|that|the|in|on|during|since|year|season|month|week|quarter|day|decade|period|"
                   r"[A-Z][a-z]+|\d{4}))*,?\s+$")
_TRAIL = re.compile(r"(?:\s+[\w'-]+){0,4}?" + _PERIOD + r"\s*(?:,|\(|;|-)\s*(?:(?:a|an|or|up|down|representing|marking|an?\s+increase\s+of|"
                    r"an?\s+(?:rise|jump|drop|fall|decline|decrease)\s+of)\s+)*", re.I)


#: "rose 4.2% to $5 billion from $4.8 billion", "tripled to B from A": P, then B, then A.
_P_TO = re.compile(r"(?:\s+[a-z]+ly)?\s+to\s+")
_B_FROM = re.compile(_NOUNS + _PERIOD + r"\s+from\s+(?:[a-z]+\s+[a-z]+'s\s+)?", re.I)
#: "$5 billion, up 4.2% from $4.8 billion": B, then P, then A.
_B_UP = re.compile(_NOUNS + _PERIOD + r"\s*,?\s*(?:up|down|an?\s+(?:increase|rise|gain|drop|fall|decline|decrease)"
                   r"\s+of)\s+", re.I)
_P_FROM = re.compile(r"\s+(?:from|on|compared\s+with)\s+(?:[a-z]+\s+[a-z]+'s\s+)?", re.I)


def change(doc: Document, spec: Spec, view: View) -> Iterator[Hit]:
    """A stated change against the two values it links, in the three usual wordings.

    "rose P% from A to B" / "from A to B, a P% rise" / "doubled from A to B";
    "rose P% to B from A"; "B, up P% from A".
    """
    text = doc.folded
    for (s_start, _), qs in view.sentences:
        for q in qs:
            if q.kind in _STATED_KINDS:
                break
        else:
            continue  # every wording states the change as a percentage or a multiplier
        qs = [q for q in qs if q.kind != "year"]
        last = len(qs) - 1
        for i in range(last):
            # the first test of each wording inline: most neighbours fail it
            a, b = qs[i], qs[i + 1]
            found = None
            if a.kind == b.kind and _comparable(a, b):
                found = _from_to(doc, spec, qs, i, s_start)
            if found is None and i + 1 < last and (a.kind in _STATED_KINDS or b.kind == "percent"):
                found = _to_from(doc, spec, qs, i, s_start)
            if found is None:
                continue
            a, b, stated, verb_zone = found
            up, down = spec.vocabulary["up"], spec.vocabulary["down"]
            direction = 1 if up.search(verb_zone) else -1 if down.search(verb_zone) else 0
            if stated.kind == "multiplier":
                hit = _multiplier_hit(text, a, b, stated, direction, spec, s_start)
            else:
                hit = _percent_hit(a, b, stated, direction, spec)
            if hit:
                yield hit


Linked = tuple[Quantity, Quantity, Quantity, str]
_STATED_KINDS = frozenset({"percent", "multiplier"})


def _from_to(doc: Document, spec: Spec, qs: list[Quantity], i: int, s_start: int) -> Linked | None:
    """ "rose P% from A to B", "doubled from A to B", "from A to B, a P% rise" (A = qs[i])."""
    text = doc.folded
    a, b = qs[i], qs[i + 1]
    if not _comparable(a, b) or not _TO.fullmatch(text, a.end, b.start):
        return None
    lead = _FROM.search(text[max(s_start, a.start - 12):a.start])
    if not lead:
        return None
    from_at = a.start - len(lead.group())
    if i > 0 and qs[i - 1].kind in ("percent", "multiplier") and _LEAD.fullmatch(" " + text[qs[i - 1].end:from_at]):
        stated = qs[i - 1]
        return a, b, stated, text[max(s_start, stated.start - 30):stated.start]
    if i + 2 < len(qs) and qs[i + 2].kind in ("percent", "multiplier"):
        stated = qs[i + 2]
        gap = _TRAIL.fullmatch(text, b.end, stated.start)
        after = text[stated.end:stated.end + 20]
        up, down = spec.vocabulary["up"], spec.vocabulary["down"]
        if gap and (spec.vocabulary["change_nouns"].match(after.lstrip()) or up.search(gap.group())
                    or down.search(gap.group())):
            return a, b, stated, gap.group() + " " + after
    return None


def _to_from(doc: Document, spec: Spec, qs: list[Quantity], i: int, s_start: int) -> Linked | None:
    """ "rose P% to B from A" (P = qs[i]) or "B, up P% from A" (B = qs[i])."""
    if i + 2 >= len(qs):
        return None
    text = doc.folded
    first, second, third = qs[i], qs[i + 1], qs[i + 2]
    if first.kind in ("percent", "multiplier") and _comparable(second, third) and second.kind != "percent" \
            and _P_TO.fullmatch(text, first.end, second.start) and _B_FROM.fullmatch(text, second.end, third.start):
        return third, second, first, text[max(s_start, first.start - 30):first.start]
    if second.kind == "percent" and _comparable(first, third) and first.kind != "percent":
        gap = _B_UP.fullmatch(text, first.end, second.start)
        if gap and _P_FROM.fullmatch(text, second.end, third.start):
            return third, first, second, gap.group()
    return None


def _ratio_range(a: Quantity, b: Quantity) -> tuple[float, float] | None:
    if not a.value or a.bound in ("min", "max") or b.bound in ("min", "max"):
        return None
    ta, tb = min(a.tolerance(), 0.5), min(b.tolerance(), 0.5)
    return b.value * (1 - tb) / (a.value * (1 + ta)), b.value * (1 + tb) / (a.value * (1 - ta))


def _percent_hit(a: Quantity, b: Quantity, p: Quantity, direction: int, spec: Spec) -> Hit | None:
    ratio = _ratio_range(a, b)
    if ratio is None or p.high is not None:
        return None
    hedge = 0.1 * p.value if p.bound == "approx" else 0.0
    # (computed low, computed high, tolerance in points for the stated figure)
    options: list[tuple[float, float, float]] = []
    if p.unit == "%":
        options.append(((ratio[0] - 1) * 100, (ratio[1] - 1) * 100, spec.tolerance))
    if a.kind == "percent":  # "from 5% to 7%, up 2 per cent" may mean points
        points = b.value - a.value
        options.append((points - a.step - b.step, points + a.step + b.step, spec.points_tolerance))
    for sign in ([direction] if direction else [1, -1]):
        for low_c, high_c, tolerance in options:
            spread = p.step + tolerance + hedge
            low, high = sign * p.value - spread, sign * p.value + spread
            if p.bound == "min":
                low, high = (low, float("inf")) if sign > 0 else (float("-inf"), high)
            elif p.bound == "max":
                low, high = (0.0, high) if sign > 0 else (low, 0.0)
            if overlaps((low, high), (low_c, high_c)):
                return None
    computed = (b.value - a.value) / a.value * 100
    how = f"{shown(a)} -> {shown(b)} is a change of {computed:+.3g}%"
    if a.kind == "percent":
        how += f" ({b.value - a.value:+.3g} points)"
    stated = ("+" if direction > 0 else "-" if direction < 0 else "") + shown(p)
    return Hit(p, {"computed": f"{computed:+.3g}%", "stated": stated, "computation": how},
               [(a, "from"), (b, "to")])


_HEDGE = re.compile(r"(nearly|almost|more than|over|about|around|roughly|some|close to)\s+$", re.I)


def _multiplier_hit(text: str, a: Quantity, b: Quantity, m: Quantity, direction: int, spec: Spec,
                    floor: int) -> Hit | None:
    ratio = _ratio_range(a, b)
    if ratio is None:
        return None
    word = m.text.lower()
    if direction < 0 and m.value > 1:
        return None  # "fell fivefold": readers disagree on what that means
    candidates = [m.value] + ([m.value + 1] if word.endswith("times") else [])
    hedge = _HEDGE.search(text[max(floor, m.start - 14):m.start])
    kind = hedge.group(1).lower() if hedge else ""
    for value in candidates:
        low, high = value * (1 - spec.ratio_tolerance), value * (1 + spec.ratio_tolerance)
        if kind in ("nearly", "almost"):
            low = value * 0.7
        elif kind in ("more than", "over"):
            high = float("inf")
        elif kind:
            low, high = low * 0.85, high * 1.15
        if overlaps((low, high), ratio):
            return None
    actual = b.value / a.value
    return Hit(m, {"computed": f"x{actual:.3g}", "stated": m.text,
                   "computation": f"{shown(a)} -> {shown(b)} is x{actual:.3g}"},
               [(a, "from"), (b, "to")])


# ----- conversions ---------------------------------------------------------------------
_CONVERSION_GAP = re.compile(r"\s*(?:\(|,\s*or\s|-\s|,\s*(?:equivalent|equal)\s+to\s|\(\s*(?:or|equivalent to|"
                             r"equal to|roughly|about)\s)\s*", re.I)
#: After the converted figure: the parenthesis closes (a few words such as "at current rates" allowed).
_PAREN_CLOSE = re.compile(r"(?:\s+[a-z][\w'-]*){0,5}\s*\)", re.I)
_APPOSITION_END = re.compile(r"\s*(?:[,.;:)]|$)")
#: "€500 million, or $20 per resident" is not a conversion.
_RATE_WORD = re.compile(r"\s+(?:per|each|apiece|a\s+head)\b", re.I)
#: Signs that a bare "$" may not be the US dollar (checked with ``in`` on ``doc.norm``).
_DOLLAR_PLACES = ("australia", "canad", "ontario", "quebec", "alberta", "british columbia", "new zealand",
                  "singapore", "hong kong", "taiwan", "zimbabwe", "namibia", "jamaica", "fiji", "liberia")
_DOLLAR_PREFIXES = frozenset({"a", "au", "c", "ca", "nz", "hk", "s", "nt", "z", "mex", "ja", "fj"})


def _other_dollars(doc: Document) -> bool:
    """True when the article mentions a dollar other than the US one."""
    norm, text = doc.norm, quantities.cue_text(doc)
    for place in _DOLLAR_PLACES:  # ``place in norm``: found in the one-byte cue text, confirmed in norm
        raw = place.encode()
        i = text.find(raw)
        while i >= 0:
            if norm.startswith(place, i):
                return True
            i = text.find(raw, i + 1)
    i = norm.find("$")
    while i != -1:
        j = i
        while j > 0 and norm[j - 1].isalpha():
            j -= 1
        if norm[j:i] in _DOLLAR_PREFIXES:
            return True
        i = norm.find("$", i + 1)
    return False


def _known(q: Quantity) -> bool:
    """A unit, or a currency word ("lira") whose code the article may settle (``_currency``)."""
    return bool(q.unit) or (q.kind == "currency" and q.unit_text[:1].isalpha() and not q.unit_text.isupper())


def _currency(doc: Document, q: Quantity) -> str:
    """The ISO code of a money figure, from the article's cues for a currency word."""
    return q.unit or currency_words.resolve(doc, q.unit_text, q.figure)


def _pairs(doc: Document, view: View, kind: str) -> list[tuple[Quantity, Quantity, tuple[int, int]]]:
    """Adjacent figures of ``kind`` linked as a conversion: "A (B)", "A, or B".

    Computed once per view for every kind: the conversion and mixed-units checks all ask.
    """
    cached = view.memo.get("pairs")
    if cached is None:
        cached = view.memo["pairs"] = _all_pairs(doc, view)
    return cached.get(kind, [])


def _all_pairs(doc: Document, view: View) -> dict[str, list[tuple[Quantity, Quantity, tuple[int, int]]]]:
    """``_pairs`` for every kind, in one walk over the sentences."""
    text = doc.folded
    out: dict[str, list[tuple[Quantity, Quantity, tuple[int, int]]]] = {}
    for sentence, qs in view.sentences:
        for a, b in zip(qs, qs[1:]):
            kind = a.kind
            if kind == b.kind and _known(a) and _known(b) and (a.unit != b.unit or not a.unit):
                gap = _CONVERSION_GAP.fullmatch(text, a.end, b.start)
                close = _PAREN_CLOSE if gap and "(" in gap.group() else _APPOSITION_END
                if gap and close.match(text, b.end) and not _RATE_WORD.match(text, a.end) \
                        and not _RATE_WORD.match(text, b.end):
                    out.setdefault(kind, []).append((a, b, sentence))
    return out


def currency_conversion(doc: Document, spec: Spec, view: View) -> Iterator[Hit]:
    """ "AED 3.67 billion (approximately $1 billion)": B must be A at the rate of the day."""
    pairs = _pairs(doc, view, "currency")
    if not pairs or spec.pegs is None:
        return
    pegs = rates.load_pegs(spec.pegs)
    ambiguous_dollar = _other_dollars(doc)
    for a, b, sentence in pairs:
        code_a, code_b = _currency(doc, a), _currency(doc, b)
        if not code_a or not code_b or code_a == code_b:
            continue  # a currency word the article does not pin down: stay silent
        if a.high is not None or b.high is not None or a.bound in ("min", "max") or b.bound in ("min", "max"):
            continue
        if ambiguous_dollar and "$" in (a.unit_text, b.unit_text):
            continue
        days = _dates(doc, view, sentence)
        # undated: a floating rate could be anything, only fixed pegs can be checked
        floating = doc.reference_date is not None
        per_day = [rates.rates(code_a, code_b, day, pegs, floating=floating) for day in days]
        if not per_day[0] or not all(per_day[len(days) - _named_years(view, sentence):]):
            continue  # a rate we do not know (the day's, or a year the sentence names)
        found = [r for found_rates in per_day for r in found_rates]
        stated = interval(b, spec.tolerance)
        source = interval(a)
        if any(overlaps(stated, (source[0] * r, source[1] * r)) for r in found):
            continue
        shown_day = len(days) - 1 if _named_years(view, sentence) else 0  # the year the sentence names
        rate = per_day[shown_day]
        value = a.value * rate[0]
        yield Hit(b, {
            "computed": format_value(value, b.unit, b.unit_text), "stated": shown(b),
            "computation": f"{shown(a)} x {rate[0]:.4g} {code_b}/{code_a} ({days[shown_day].isoformat()}) = "
                           f"{format_value(value, b.unit, b.unit_text)}",
        }, [(a, "converted figure")])


def _named_years(view: View, sentence: tuple[int, int]) -> int:
    return sum(1 for q in view.figures if sentence[0] <= q.start < sentence[1] and q.kind == "year")


def _dates(doc: Document, view: View, sentence: tuple[int, int]) -> list[dt.date]:
    """Days whose rate the copy may have used: the article's date (every year from it to
    today when it is only a lower bound), then mid-year of each year the sentence names
    (historic amounts); the named years come last."""
    day = doc.reference_date or doc.today
    out = [day]
    if doc.reference_date is not None and doc.date_is_lower_bound:
        out += [dt.date(year, 7, 1) for year in range(day.year, doc.today.year + 1)] + [doc.today]
    for q in view.figures:
        if sentence[0] <= q.start < sentence[1] and q.kind == "year":
            out.append(dt.date(int(q.value), 7, 1))
    return out


def unit_conversion(doc: Document, spec: Spec, view: View) -> Iterator[Hit]:
    """ "10 km (6.2 miles)", "30°C (86°F)": B must be A converted."""
    for a, b, _ in _pairs(doc, view, "unit"):
        if a.high is not None or b.high is not None or a.bound in ("min", "max") or b.bound in ("min", "max"):
            continue
        readings = conversions.convert(a.value, a.unit, b.unit)
        if not readings:
            continue
        if conversions.dimension(a.unit) == "temperature":
            # "warming of 1.5C (2.7F)" converts a difference: scale only, no offset
            readings = readings + [a.value * 1.8 if a.unit == "degC" else a.value / 1.8]
            slack = 1.0 + spec.tolerance * abs(b.value) + 1.8 * 0.5 + 0.5
            if any(abs(r - b.value) <= slack for r in readings):
                continue
        else:
            source = interval(a)
            spans = [(r * source[0] / a.value, r * source[1] / a.value) for r in readings] if a.value else []
            if any(overlaps(interval(b, spec.tolerance), s) for s in spans):
                continue
        value = readings[0]
        converted = f"{value:,.4g}{'' if b.unit_text.startswith('°') else ' '}{b.unit_text}"
        yield Hit(b, {"computed": converted, "stated": shown(b),
                      "computation": f"{shown(a)} = {converted}"}, [(a, "converted figure")])


# ----- consistency within the article --------------------------------------------------
_NAME = re.compile(r"(?<=[\w,;] )[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


def _names(doc: Document, span: tuple[int, int], ignore: re.Pattern[str]) -> frozenset[str]:
    """Capitalised names inside a sentence (not its first word): places, events, groups."""
    return frozenset(m.group() for m in _NAME.finditer(doc.folded, span[0], span[1]) if not ignore.fullmatch(m.group()))


def conflicting_values(doc: Document, spec: Spec, view: View) -> Iterator[Hit]:
    """The same measure ("149 killed") stated with a close but different value elsewhere.

    Kept apart: sentences that name different years, sentences that do not share their
    names (two countries' tolls), one sentence with two values, and sentences with
    revision words ("rose to", "initially").
    """
    text, revision, common = doc.folded, spec.vocabulary["revision"], spec.vocabulary["common_names"]
    seen: dict[tuple[str, str], list[tuple[Quantity, tuple[int, int], frozenset[int]]]] = {}
    focus = doc.cache.get(("quantities:measure-sentences", id(spec)))  # what ``_conflicting_scope`` kept
    for span, qs in view.sentences:
        if focus is not None and span not in focus:
            continue  # no measure word: no measure
        years: frozenset[int] | None = None  # read only for a sentence that states a measure
        for q in qs:
            if q.kind != "count" or q.value < spec.min_value or q.bound is not None or q.high is not None:
                continue  # not an exact count
            for name, after, before in spec.measures:
                m = after.match(text, q.end, span[1])
                subject = m.group("who").lower() if m and m.groupdict().get("who") else ""
                if not m and before is not None:
                    m = before.search(text[max(span[0], q.start - 40):q.start])
                    subject = thing_counted(doc, q) if m else ""  # "killed 40 soldiers"
                if not m:
                    continue
                if revision.search(text, span[0], span[1]):
                    break
                if years is None:
                    years = frozenset(int(o.value) for o in qs if o.kind == "year")
                key = (name, "" if subject in ("people", "persons") or not spec.vocabulary["victims"].fullmatch(subject or "-")
                       else subject)
                for other, other_span, other_years in seen.get(key, []):
                    if other.value == q.value:
                        break
                    if other_span == span or years != other_years:
                        continue  # one sentence, or not the same year(s): maybe another event
                    mine, theirs = _names(doc, span, common), _names(doc, other_span, common)
                    if (mine or theirs) and not mine & theirs:
                        continue  # "51 in Turkey" / "47 in Syria": not shown to be the same event
                    if max(q.value, other.value) / min(q.value, other.value) <= spec.max_ratio:
                        line = doc.position(other.start)[0]
                        yield Hit(q, {"computed": shown(other), "stated": shown(q),
                                      "computation": f"{name}: {shown(q)} here, {shown(other)} on line {line}"},
                                  [(other, "earlier value")])
                        break
                seen.setdefault(key, []).append((q, span, years))
                break


def mixed_units(doc: Document, spec: Spec, view: View) -> Iterator[Hit]:
    """One measure written in two systems or spellings (tons and tonnes) without conversion."""
    measures = [q for q in view.figures if q.kind == "unit"]
    if len(measures) < 2:
        return
    converted = {id(q) for pair in _pairs(doc, view, "unit") for q in pair[:2]}
    for name, variants in spec.systems:
        uses: dict[str, list[Quantity]] = {}
        for q in measures:
            if id(q) not in converted and q.unit in variants:
                uses.setdefault(variants[q.unit], []).append(q)
        if len(uses) < 2:
            continue
        ranked = sorted(uses.items(), key=lambda kv: (-len(kv[1]), kv[1][0].start))
        main_system, main = ranked[0]
        for system, qs in ranked[1:]:
            q = qs[0]
            yield Hit(q, {"computed": main_system, "stated": system,
                          "computation": f"{name}: {q.unit_text} here, {main[0].unit_text} "
                                         f"{len(main)} time(s) elsewhere"}, [(main[0], main_system)])


_TOTAL_LEAD = re.compile(r"(?:\s+[a-z][\w'-]*){0,3}\s*(?:(?:,|-|\()\s*(?:totall?ing|a\s+total\s+of|for\s+a\s+total\s+of|"
                         r"adding\s+up\s+to|in\s+total|together|(?:a\s+)?combined|altogether|making\s+a\s+total\s+of)"
                         r"|\s+for\s+a\s+total\s+of)\s*(?:(?:of|worth)\s+)?", re.I)
_LIST_GAP = re.compile(r"(?:\s+(?:[a-z][\w'-]*|\d[\d,.]*)){0,6}\s*(?:,\s*(?:and\s+)?|\s+and\s+|;\s*|\s+plus\s+)\s*"
                       r"(?:(?:another|a\s+further|further)\s+)?", re.I)


#: Before a list: its items are examples of a larger set, so they need not add up.
_PARTIAL = re.compile(r"\b(?:including|such\s+as|among\s+them|among\s+others|notably|e\.g\.)\s+$", re.I)


def total(doc: Document, spec: Spec, view: View) -> Iterator[Hit]:
    """ "A, B and C, totalling X": X must be A + B + C."""
    text = doc.folded
    for (s_start, _), found in view.sentences:
        for x in found:
            if x.high is not None or x.kind in ("percent", "multiplier", "year"):
                continue
            # the parts: figures comparable with the total; bare counts in between ("for 15
            # libraries") may sit in the gaps, any other figure breaks the list.
            qs = [q for q in found if q.end <= x.end and (_comparable(q, x) or q is x)]
            j = len(qs) - 1
            if j < 2:
                continue
            prev = qs[j - 1]
            if not _TOTAL_LEAD.fullmatch(text, prev.end, x.start):
                continue
            parts = [prev]
            k = j - 2
            while k >= 0 and _comparable(qs[k], x) and _LIST_GAP.fullmatch(text, qs[k].end, parts[0].start):
                parts.insert(0, qs[k])
                k -= 1
            if len(parts) < 2 or not all(_comparable(p, x) and p.bound is None for p in parts):
                continue
            head = text[max(s_start, parts[0].start - 25):parts[0].start].lower()
            if _PARTIAL.search(head):
                continue
            summed = sum(p.value for p in parts)
            error = sum(p.step for p in parts)
            low, high = interval(x, spec.tolerance)
            if low - error <= summed <= high + error:
                continue
            listing = " + ".join(shown(p) for p in parts)
            yield Hit(x, {"computed": format_value(summed, x.unit, x.unit_text), "stated": shown(x),
                          "computation": f"{listing} = {format_value(summed, x.unit, x.unit_text)}"},
                      [(p, "part") for p in parts])


# ----- where each check can fire --------------------------------------------------------
# A check ties figures together only through its wordings, all inside one sentence (a
# paragraph for per-capita figures). A sentence needs reading only when it has enough
# tokens (``Anchors``: a figure has one at least) and every cue its wordings need; the
# cues are searched with the flags of the patterns they stand for, so none is missed.

#: Cue words by kind, found in ``quantities.cue_text`` by one Aho-Corasick pass: the
#: patterns read them ignoring case (multipliers with case; their lower case is found too).
_CUE_WORDS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "percent", "per cent"),
    "multiplier": ("doubl", "tripl", "trebl", "quadrupl", "halved", "fold", "times"),
    "change": ("from", "between"),  # ``_FROM``, ``_B_FROM``, ``_P_FROM``
    "paren": ("(",),  # ``_SHARE_PAREN``, ``_SHARE_TAIL``, ``_CONVERSION_GAP``
    "total": ("total", "together", "combined", "adding"),  # ``_TOTAL_LEAD``
}
#: What ``\s`` matches, in ``cue_text`` (where wider spaces are " ").
_SPACE = rb"[\s\x1c-\x1f\x85\xa0]"
#: A percentage followed by "on" or "compared" (``_P_FROM``); patterns that start with a
#: literal, which the regex engine finds fast.
_CHANGE_ON = tuple(re.compile(start + _SPACE + rb"+(?:on|compared)" + _SPACE)
                   for start in (rb"%", rb"cent", rb"point", rb"points"))
#: ", or P%" (``_SHARE_TAIL``).
_SHARE_OR = re.compile(rb"," + _SPACE + rb"*or" + _SPACE)
#: What links a conversion besides a parenthesis (``_CONVERSION_GAP``).
_CONVERSION_LINKS = (re.compile(rb"-" + _SPACE), re.compile(rb"," + _SPACE + rb"*(?:or|equivalent|equal)" + _SPACE))


class Cues(NamedTuple):
    """Where a document's figures may stand (``found``) and where the cue words of a
    detector's checks stand in it (``hits``: per kind of cue, or per rule option as
    (role, ``id(spec)``), the start, end and payload of each)."""

    found: Anchors
    hits: dict[Any, list[tuple[int, int, Any]]]

    def sentences(self, doc: Document, key: Any) -> set[int]:
        """Indices of the sentences where a cue of ``key`` starts."""
        starts, right = doc.sentence_starts, bisect.bisect_right
        return {right(starts, start) - 1 for start, _, _ in self.hits.get(key, ())}


class CueIndex:
    """One Aho-Corasick automaton over every cue word the scopes of a detector's rules
    look for (``_CUE_WORDS`` and each rule's ``Spec.cue_words``) and the rules' triggers:
    one pass over ``quantities.cue_text`` per document, not one per kind of cue."""

    def __init__(self, specs: Sequence[Spec], triggers: Sequence[str] = ()) -> None:
        owners: dict[bytes, list[tuple[Any, Any]]] = {}
        for kind, cue_words in _CUE_WORDS.items():
            for word in cue_words:
                owners.setdefault(word.encode(), []).append((kind, None))
        for spec in specs:
            for word, role, payload in spec.cue_words:
                owners.setdefault(word, []).append(((role, id(spec)), payload))
        #: Triggers ``cue_text`` holds wherever ``doc.norm`` does (ASCII without digits);
        #: a hit there is confirmed in ``doc.norm``. The others are looked up there.
        self.looked_up = [t for t in triggers if not t.isascii() or any(c.isdigit() for c in t)]
        for trigger in triggers:
            if trigger not in self.looked_up:
                owners.setdefault(trigger.encode(), []).append(("trigger", trigger))
        words = list(owners)
        self.owners = [owners[word] for word in words]
        self.matcher = ahocorasick_rs.BytesAhoCorasick(words)

    def read(self, doc: Document, found: Anchors) -> Cues:
        hits: dict[Any, list[tuple[int, int, Any]]] = {}
        owners = self.owners
        for index, start, end in self.matcher.find_matches_as_indexes(quantities.cue_text(doc), overlapping=True):
            for key, payload in owners[index]:
                hits.setdefault(key, []).append((start, end, payload))
        return Cues(found, hits)

    def present(self, doc: Document, cues: Cues) -> set[str]:
        """The triggers in ``doc.norm`` (exactly those ``t in doc.norm`` finds)."""
        norm = doc.norm
        out = {trigger for trigger in self.looked_up if trigger in norm}
        for start, _, trigger in cues.hits.get("trigger", ()):
            if trigger not in out and norm.startswith(trigger, start):
                out.add(trigger)
        return out


def _kinds(doc: Document, cues: Cues) -> dict[str, set[int]]:
    """Per kind of ``_CUE_WORDS``, the sentences where one starts (once per document)."""
    cached = doc.cache.get("quantities:cue-sentences")
    if cached is None:
        cached = doc.cache["quantities:cue-sentences"] = {kind: cues.sentences(doc, kind) for kind in _CUE_WORDS}
    return cached


def _tokens(found: Anchors, start: int, end: int) -> int:
    return bisect.bisect_left(found.starts, end) - bisect.bisect_left(found.starts, start)


def _searched(text: bytes, start: int, end: int, patterns: tuple[re.Pattern[bytes], ...]) -> bool:
    for pattern in patterns:
        if pattern.search(text, start, end) is not None:
            return True
    return False


def _once(scope: Callable[[Document, Cues], list[tuple[int, int]]]) -> Scope:
    """A scope that reads no option of its rule, computed once per document (rules share it)."""
    key = "quantities:scope:" + scope.__name__

    def shared(doc: Document, spec: Spec, cues: Cues) -> list[tuple[int, int]]:
        cached = doc.cache.get(key)
        if cached is None:
            cached = doc.cache[key] = scope(doc, cues)
        return cached

    return shared


@_once
def _share_scope(doc: Document, cues: Cues) -> list[tuple[int, int]]:
    """Sentences with three tokens, a percentage, and a parenthesis or ", or"."""
    kinds, text, spans, found = _kinds(doc, cues), quantities.cue_text(doc), doc.sentences, cues.found
    return [spans[i] for i in kinds["percent"] if i >= 0 and _tokens(found, *spans[i]) >= 3
            and (i in kinds["paren"] or _SHARE_OR.search(text, *spans[i]))]


@_once
def _change_scope(doc: Document, cues: Cues) -> list[tuple[int, int]]:
    """Sentences with three tokens, a percentage or multiplier, and "from", "between" or
    a percentage "on" or "compared" with."""
    kinds, text, spans, found = _kinds(doc, cues), quantities.cue_text(doc), doc.sentences, cues.found
    return [spans[i] for i in kinds["percent"] | kinds["multiplier"] if i >= 0 and _tokens(found, *spans[i]) >= 3
            and (i in kinds["change"] or _searched(text, *spans[i], _CHANGE_ON))]


@_once
def _conversion_scope(doc: Document, cues: Cues) -> list[tuple[int, int]]:
    """Sentences with two tokens and a parenthesis, a dash or ", or", ", equivalent to"."""
    text, spans, starts, found = quantities.cue_text(doc), doc.sentences, doc.sentence_starts, cues.found
    linked = set(_kinds(doc, cues)["paren"])
    for pattern in _CONVERSION_LINKS:
        linked.update(bisect.bisect_right(starts, m.start()) - 1 for m in pattern.finditer(text))
    return [spans[i] for i in linked if i >= 0 and _tokens(found, *spans[i]) >= 2]


@_once
def _total_scope(doc: Document, cues: Cues) -> list[tuple[int, int]]:
    """Sentences with three tokens and a word announcing a total."""
    spans = doc.sentences
    return [spans[i] for i in _kinds(doc, cues)["total"] if i >= 0 and _tokens(cues.found, *spans[i]) >= 3]


def _per_capita_scope(doc: Document, spec: Spec, cues: Cues) -> list[tuple[int, int]]:
    """Paragraphs with three tokens and a per-capita marker (only those holding a word
    every marker contains, when the markers have such words)."""
    marker, text, paragraphs = spec.vocabulary["markers"], doc.folded, doc.paragraphs
    if not spec.marker_words:
        candidates: Iterable[tuple[int, int]] = paragraphs
    else:
        starts, right = doc.paragraph_starts, bisect.bisect_right
        marked = {right(starts, start) - 1 for start, _, _ in cues.hits.get(("marker", id(spec)), ())}
        candidates = [paragraphs[i] for i in marked if i >= 0]
    out = [(start, end) for start, end in candidates
           if _tokens(cues.found, start, end) >= 3 and marker.search(text, start, end)]
    doc.cache[("quantities:per-capita", id(spec))] = set(out)  # ``per_capita`` looks at these alone
    return out


def _conflicting_scope(doc: Document, spec: Spec, cues: Cues) -> list[tuple[int, int]] | None:
    """Sentences with a token and a word every match of some measure contains."""
    if spec.measure_words is None:
        return None
    spans = doc.sentences
    out = [spans[i] for i in cues.sentences(doc, ("measure", id(spec))) if i >= 0 and _tokens(cues.found, *spans[i])]
    doc.cache[("quantities:measure-sentences", id(spec))] = set(out)  # ``conflicting_values`` looks at these alone
    return out


def _required_words(pattern: re.Pattern[str]) -> list[str] | None:
    """Words (lower-case ASCII) one of which every match of ``pattern`` contains, from the
    shared pattern analysis (``matching.required_literals``); None when there are none or
    one is not ASCII (the cue text the scopes search is lower-case ASCII)."""
    found = matching.required_literals(pattern)
    if found is None or not all(word.isascii() for word in found):
        return None
    return [word.lower() for word in found]


def _mixed_scope(doc: Document, spec: Spec, cues: Cues) -> list[tuple[int, int]]:
    """Around every spelling of a unit of a system that two of its variants' spellings name
    (where a unit may follow a number: no letter before it, none after), and where a
    conversion may pair figures (converted figures are not counted)."""
    text = quantities.cue_text(doc)
    seen: dict[int, set[str]] = {}
    hits = []
    for start, end, (system, variant, letter) in cues.hits.get(("unit", id(spec)), ()):
        if letter and start and text[start - 1:start].isalpha() or text[end:end + 1].isalnum():
            continue  # (ASCII tests: a letter above it is kept, which is safe)
        seen.setdefault(system, set()).add(variant)
        hits.append((system, start, end))
    live = {system for system, variants in seen.items() if len(variants) > 1}
    if not live:
        return []
    # a unit starts at most 21 characters after its number's last token: from 32 before
    # it, reading (from a clean start) reaches the figure's first token
    return [(start - 32, end) for system, start, end in hits if system in live] + _conversion_scope(doc, spec, cues)


CHECKS: dict[str, Check] = {
    "per-capita": per_capita,
    "share": share,
    "change": change,
    "currency-conversion": currency_conversion,
    "unit-conversion": unit_conversion,
    "conflicting-values": conflicting_values,
    "mixed-units": mixed_units,
    "total": total,
}

SCOPES: dict[str, Scope] = {
    "per-capita": _per_capita_scope,
    "share": _share_scope,
    "change": _change_scope,
    "currency-conversion": _conversion_scope,
    "unit-conversion": _conversion_scope,
    "conflicting-values": _conflicting_scope,
    "mixed-units": _mixed_scope,
    "total": _total_scope,
}
