"""``type: collocation`` - a word used with a partner it does not go with.

Paraphrasing tools ("spinners") and machine translation swap one word of a fixed
expression for a synonym: "unlock its full potential" becomes "discover its full
potential", "artificial intelligence" becomes "counterfeit consciousness". Each wrong
word alone is fine English, so a plain phrase list either misses the inflected and
split forms or flags idiomatic uses ("discovered a new species"). An entry therefore
names the wrong wording (``head``), optionally the partner that must stand near it
(``after`` or ``before``, within ``window`` words of the same sentence; ``#`` stands
for any number; ``requires`` words must fill the gap), the wording to use instead
(``suggest`` for the head, ``swap`` for single words of it, or a ``rewrite`` of the
whole span with ``{context}``), and ``exceptions`` that cancel a hit they overlap. A word
written ``word+`` matches all its inflections, and the suggestion takes the same form
("discovered ... potential" -> "unlocked"), so users add entries in YAML, not code::

    entries:
      - {head: "discover+", after: potential, window: 3, requires: [full], suggest: "unlock+"}
      - {head: "take+ place", after: ["a meeting", "talks"], rewrite: "{context} take+ place"}

All heads of all rules compile into one automaton; partners are checked only around
its hits, on a few tokens scanned locally, so a clean article costs one pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Any, Iterable, Sequence

from linter.detectors.base import Detector, Prepared, make_finding, option
from linter.detectors.substitution import match_case
from linter.document import Document
from linter.errors import FieldError
from linter.findings import LEVEL_RANK, Finding
from linter.inflection import apply_form, expand
from linter.matching import PhraseIndex, leftmost_longest
from linter.normalize import normalize_phrase
from linter.rules import Rule

ENTRY_KEYS = frozenset({"head", "after", "before", "window", "requires", "exceptions", "suggest", "swap", "rewrite", "note"})
MAX_WINDOW = 6
#: Same token shape as ``Document.tokens``, run on the normalised view.
_TOKEN = re.compile(r"\w+(?:['.\-]\w+)*")
#: How far to scan for partners: enough for MAX_WINDOW words plus a long partner.
_REACH = 160


@dataclass(frozen=True)
class Entry:
    """One compiled collocation: what to find, what must stand next to it, what to say."""

    rule: Rule
    after: tuple[tuple[tuple[str, ...], str], ...]
    before: tuple[tuple[tuple[str, ...], str], ...]
    window: int
    requires: frozenset[str]
    suggest: str | None
    swap: tuple[re.Pattern[str], dict[str, str]] | None
    rewrite: str | None
    note: str
    longest_context: int
    #: ``after``/``before`` indexed by the partner word nearest the head (see ``_Walk``).
    after_walk: _Walk | None = None
    before_walk: _Walk | None = None


def _strings(entry: dict[str, Any], key: str, where: str) -> list[str]:
    value = entry.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise FieldError("entries", f"{where}: '{key}' must be a phrase or a list of phrases")
    return [" ".join(v.split()) for v in value]


#: Written ``#`` in a partner: stands for any number ("since # years").
NUMBER = "#"


def _words(phrase: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in normalize_phrase(phrase).split():
        out.extend([NUMBER] if part == NUMBER else _TOKEN.findall(part))
    return tuple(out)


def _same(words: Sequence[str], ctx: tuple[str, ...]) -> bool:
    """Document words equal a partner's, ``#`` matching any number."""
    if len(words) != len(ctx):
        return False
    return all(w == c or (c == NUMBER and w[:1].isdigit()) for w, c in zip(words, ctx))


@dataclass(frozen=True, eq=False)
class _Walk:
    """Partners by the word a walk away from the head meets first (the first word after
    the head, the last one before it): at each step only partners starting with the
    word found there (or with a number, ``#``) are compared, in their listed order."""

    by_word: dict[str, tuple[tuple[int, tuple[str, ...]], ...]]
    numbers: tuple[tuple[int, tuple[str, ...]], ...]

    @classmethod
    def of(cls, contexts: tuple[tuple[tuple[str, ...], str], ...], backwards: bool) -> _Walk:
        by_word: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        numbers: list[tuple[int, tuple[str, ...]]] = []
        for order, (ctx, _) in enumerate(contexts):
            first = ctx[-1] if backwards else ctx[0]
            (numbers if first == NUMBER else by_word.setdefault(first, [])).append((order, ctx))
        return cls({word: tuple(found) for word, found in by_word.items()}, tuple(numbers))

    def candidates(self, word: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """The partners that may start at ``word``, in their listed order."""
        found = self.by_word.get(word, ())
        if self.numbers and word[:1].isdigit():
            return tuple(sorted(found + self.numbers)) if found else self.numbers
        return found


def _contexts(phrases: list[str]) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Every inflected spelling of each partner as a word tuple, with its form."""
    out: dict[tuple[str, ...], str] = {}
    for phrase in phrases:
        for spelling, form in expand(phrase).items():
            words = _words(spelling)
            if words:
                out.setdefault(words, form)
    return tuple(out.items())


class CollocationDetector(Detector):
    name = "collocation"
    fields = {"entries": True, "window": False}

    @classmethod
    def prepare(cls, rule: Rule) -> list[dict[str, Any]]:
        entries = rule.options.get("entries")
        if not isinstance(entries, list) or not entries:
            raise FieldError("entries", "'entries' must be a non-empty list of mappings")
        default_window = option(rule, "window", int, 0)
        if not 0 <= default_window <= MAX_WINDOW:
            raise FieldError("window", f"'window' must be between 0 and {MAX_WINDOW}")
        return [cls._entry(raw, i, default_window) for i, raw in enumerate(entries, 1)]

    @staticmethod
    def _entry(raw: Any, number: int, default_window: int) -> dict[str, Any]:
        line = getattr(raw, "line", None)
        where = f"entry {number}" + (f" (line {line})" if line else "")
        if not isinstance(raw, dict):
            raise FieldError("entries", f"{where}: must be a mapping with at least 'head'")
        unknown = sorted(set(raw) - ENTRY_KEYS)
        if unknown:
            raise FieldError("entries", f"{where}: unknown key '{unknown[0]}' (allowed: {', '.join(sorted(ENTRY_KEYS))})")
        heads = _strings(raw, "head", where)
        if not heads:
            raise FieldError("entries", f"{where}: 'head' is required")
        window = raw.get("window", default_window)
        if isinstance(window, bool) or not isinstance(window, int) or not 0 <= window <= MAX_WINDOW:
            raise FieldError("entries", f"{where}: 'window' must be a whole number from 0 to {MAX_WINDOW}")
        for key in ("suggest", "rewrite", "note"):
            if key in raw and not isinstance(raw[key], str):
                raise FieldError("entries", f"{where}: '{key}' must be a string")
        after = _strings(raw, "after", where)
        before = _strings(raw, "before", where)
        swap = raw.get("swap")
        if swap is not None and (not isinstance(swap, dict) or not swap or not all(
                isinstance(k, str) and k.strip() and isinstance(v, str) for k, v in swap.items())):
            raise FieldError("entries", f"{where}: 'swap' must map words of the head to their replacements")
        if not any(raw.get(k) is not None for k in ("suggest", "swap", "rewrite")):
            raise FieldError("entries", f"{where}: give 'suggest', 'swap' or 'rewrite' (the wording to use instead)")
        if raw.get("rewrite") and "{context}" in raw["rewrite"] and not (after or before):
            raise FieldError("entries", f"{where}: 'rewrite' uses {{context}} but the entry has no partner")
        return {
            "heads": heads,
            "after": after,
            "before": before,
            "window": window,
            "requires": [normalize_phrase(w) for w in _strings(raw, "requires", where)],
            "exceptions": _strings(raw, "exceptions", where),
            "suggest": raw.get("suggest"),
            "swap": _compile_swap(swap) if swap else None,
            "rewrite": raw.get("rewrite"),
            "note": raw.get("note", ""),
        }

    def __init__(self, rules: Sequence[Prepared]) -> None:
        super().__init__(rules)
        self.index: PhraseIndex[tuple[int, str]] = PhraseIndex()
        self.exceptions: PhraseIndex[int] = PhraseIndex()
        self.entries: list[Entry] = []
        for rule, specs in rules:
            for spec in specs:
                number = len(self.entries)
                after, before = _contexts(spec["after"]), _contexts(spec["before"])
                longest = max((len(w) for w, _ in after + before), default=0)
                self.entries.append(Entry(
                    rule=rule, after=after, before=before, window=spec["window"],
                    requires=frozenset(spec["requires"]), suggest=spec["suggest"], swap=spec["swap"],
                    rewrite=spec["rewrite"], note=spec["note"], longest_context=longest,
                    after_walk=_Walk.of(after, backwards=False), before_walk=_Walk.of(before, backwards=True)))
                for head in spec["heads"]:
                    for spelling, form in expand(head).items():
                        self.index.add(spelling, (number, form))
                for phrase in spec["exceptions"]:
                    for spelling in expand(phrase):
                        self.exceptions.add(spelling, number)
        self.index.build()
        self.exceptions.build()

    def check(self, doc: Document) -> Iterable[Finding]:
        hits: list[tuple[int, int, tuple[int, str, tuple[int, int], tuple[int, int] | None]]] = []
        for start, end, (number, form) in self.index.find(doc):
            if not _token_aligned(doc.norm, start, end):
                continue
            context = self._context(doc, self.entries[number], start, end)
            if context is False:
                continue
            span_start = min(start, context[0]) if context else start
            span_end = max(end, context[1]) if context else end
            hits.append((span_start, span_end, (number, form, (start, end), context or None)))
        if not hits:
            return
        excepted: dict[int, list[tuple[int, int]]] = {}
        for a, b, number in self.exceptions.find(doc):
            excepted.setdefault(number, []).append((a, b))
        kept = [hit for hit in hits if not any(x < hit[1] and hit[0] < y for x, y in excepted.get(hit[2][0], ()))]
        # Of two hits on the same span, the more severe rule's is kept, then the entry
        # listed first (packs list fixed phrases before the looser collocations).
        kept.sort(key=lambda hit: (-LEVEL_RANK[self.entries[hit[2][0]].rule.level], hit[2][0]))
        for a, b, (number, form, head, context) in leftmost_longest(kept):
            entry = self.entries[number]
            data = {"note": entry.note} if entry.note else {}
            yield make_finding(entry.rule, doc, a, b, suggestion=self._suggestion(doc, entry, form, a, b, head, context),
                               values={"note": entry.note}, data=data)

    @staticmethod
    def _context(doc: Document, entry: Entry, start: int, end: int) -> tuple[int, int] | None | bool:
        """The partner's span, None when the entry needs none, False when it is missing."""
        if not entry.after and not entry.before:
            return None
        norm = doc.norm
        plain = not doc.is_markdown
        if entry.after:
            # Only the first window + partner tokens are looked at: stop the scan there.
            scan = _TOKEN.finditer(norm, end, min(len(norm), end + _REACH))
            tokens = [m.span() for m in islice(scan, entry.window + entry.longest_context)]
            seps = [norm[end:tokens[0][0]]] if tokens else []
            seps += [norm[tokens[i][1]:tokens[i + 1][0]] for i in range(len(tokens) - 1)]
            found = _partner([norm[a:b] for a, b in tokens], seps, entry.after_walk, entry, plain, backwards=False)
            if found is not None:
                gap, n = found
                return tokens[gap][0], tokens[gap + n - 1][1]
            if not entry.before:
                return False
        lo = max(0, start - _REACH)
        tokens = [m.span() for m in _TOKEN.finditer(norm, lo, start)]
        if lo > 0 and tokens:
            tokens = tokens[1:]  # the first may be cut off
        tokens = tokens[-(entry.window + entry.longest_context):]
        tokens.reverse()
        seps = [norm[tokens[0][1]:start]] if tokens else []
        seps += [norm[tokens[i + 1][1]:tokens[i][0]] for i in range(len(tokens) - 1)]
        found = _partner([norm[a:b] for a, b in tokens], seps, entry.before_walk, entry, plain, backwards=True)
        if found is not None:
            gap, n = found
            return tokens[gap + n - 1][0], tokens[gap][1]
        return False


    @staticmethod
    def _suggestion(doc: Document, entry: Entry, form: str, a: int, b: int,
                    head: tuple[int, int], context: tuple[int, int] | None) -> str | None:
        """The span rewritten: the head replaced (in its matched form), or ``rewrite`` filled in."""
        text = doc.text
        if entry.rewrite is not None:
            filled = apply_form(entry.rewrite, form)
            if context is not None:
                filled = filled.replace("{context}", text[context[0]:context[1]])
            return match_case(text[a:b], " ".join(filled.split()))
        old_head = text[head[0]:head[1]]
        if entry.suggest is not None:
            new_head = match_case(old_head, apply_form(entry.suggest, form))
        elif entry.swap is not None:
            pattern, replacements = entry.swap
            new_head = pattern.sub(lambda m: match_case(m.group(), replacements[normalize_phrase(m.group())]), old_head)
        else:
            return None
        return text[a:head[0]] + new_head + text[head[1]:b]


def _compile_swap(swap: dict[str, str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every spelling of the words to swap, and each one's replacement."""
    replacements: dict[str, str] = {}
    for word, replacement in swap.items():
        for spelling, form in expand(word).items():
            replacements.setdefault(normalize_phrase(spelling), apply_form(replacement, form))
    alternatives = sorted(replacements, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in a.split()) for a in alternatives)
    pattern = re.compile(r"(?<![\w'-])(?:" + body + r")(?![\w'-])", re.I)
    return pattern, replacements


def _token_aligned(norm: str, start: int, end: int) -> bool:
    """False when a hit is part of a longer token ("life" in "life-blood", "Afghan" in "Afghan's")."""
    if start >= 2 and norm[start - 1] in "'-." and norm[start - 2].isalnum():
        return False
    if end + 1 < len(norm) and norm[end] in "'-." and norm[end + 1].isalnum():
        return False
    return True


def _joins(separator: str, plain: bool) -> bool:
    """True when two words are separated only by spaces within one paragraph and sentence."""
    if separator.strip():
        return False
    return "\n" not in separator if plain else separator.count("\n") < 2


def _partner(words: list[str], seps: list[str], walk: _Walk, entry: Entry, plain: bool,
             *, backwards: bool) -> tuple[int, int] | None:
    """``(gap, length)`` of the first partner within the window, walking away from the head.

    ``words``/``seps`` run outwards from the head word (reversed when looking before it),
    so one walk serves both directions; a break in the text (a separator that does not
    join words) ends the search.
    """
    for gap in range(min(entry.window, len(words)) + 1):
        if not all(_joins(s, plain) for s in seps[: gap + 1]):
            break
        if gap >= len(words):
            continue
        for _, ctx in walk.candidates(words[gap]):
            n = len(ctx)
            candidate = words[gap:gap + n]
            if backwards:
                candidate = candidate[::-1]
            if _same(candidate, ctx) and all(_joins(s, plain) for s in seps[gap + 1:gap + n]):
                if entry.requires and not entry.requires & set(words[:gap]):
                    continue
                return gap, n
    return None
