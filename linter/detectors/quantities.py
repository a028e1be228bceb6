"""``type: quantities`` - figures in one article that contradict each other.

A rule names one ``check`` (``per-capita``, ``share``, ``change``,
``currency-conversion``, ``unit-conversion``, ``conflicting-values``, ``mixed-units``,
``total``; see ``linter.quantity_checks``) with its ``tolerance`` and word lists, so a
stricter or a second variant of a check is a YAML entry, not code.

Keys: ``tolerance`` (relative, or percentage points for shares and changes),
``ratio_tolerance`` and ``points_tolerance`` (changes), ``vocabulary`` (named word
lists a check reads), ``aliases`` (words naming the same measure), ``measures`` and
``max_ratio``/``min_value`` (conflicting values), ``systems`` (mixed units), ``pegs``
(a pegs file, relative to the pack), ``triggers`` (a cheap prefilter: the check runs
only on documents containing one of them). Messages get ``{computation}``,
``{computed}`` and ``{stated}`` (per-capita also ``{check}`` and ``{total}``).
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from linter import rates
from linter.detectors.base import Detector, Prepared, make_finding, option, string_list
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding, Related
from linter.quantities import anchors
from linter.quantity_checks import CHECKS, SCOPES, CueIndex, Spec, View, words
from linter.rules import Rule


def _vocabulary(rule: Rule) -> dict[str, re.Pattern[str]]:
    raw = rule.options.get("vocabulary") or {}
    if not isinstance(raw, dict):
        raise FieldError("vocabulary", "'vocabulary' must map names to lists of words")
    out = {}
    for name, items in raw.items():
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
            raise FieldError("vocabulary", f"vocabulary '{name}' must be a non-empty list of strings")
        out[str(name)] = words(items)
    return out


#: Vocabulary lists each check reads (a rule must provide them).
NEEDS: dict[str, tuple[str, ...]] = {
    "per-capita": ("markers", "metrics", "qualifiers", "population", "people", "places"),
    "change": ("up", "down", "change_nouns"),
    "conflicting-values": ("revision", "common_names", "victims"),
}


def _measures(rule: Rule) -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    raw = rule.options.get("measures") or []
    if not isinstance(raw, list):
        raise FieldError("measures", "'measures' must be a list of {name, after, before}")
    out = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not isinstance(entry.get("after"), str):
            raise FieldError("measures", "each measure needs a 'name' and an 'after' regex")
        try:
            after = re.compile(entry["after"], re.I)
            before = re.compile(entry["before"] + r"\s*$", re.I) if entry.get("before") else None
        except re.error as exc:
            raise FieldError("measures", f"measure '{entry['name']}': bad regex: {exc}") from None
        out.append((entry["name"], after, before))
    return out


def _systems(rule: Rule) -> list[tuple[str, dict[str, str]]]:
    raw = rule.options.get("systems") or []
    if not isinstance(raw, list):
        raise FieldError("systems", "'systems' must be a list of {name, variants}")
    out = []
    for entry in raw:
        variants = entry.get("variants") if isinstance(entry, dict) else None
        if not isinstance(variants, dict) or len(set(variants.values())) < 2 or not isinstance(entry.get("name"), str):
            raise FieldError("systems", "each system needs a 'name' and 'variants' (unit: system, two systems at least)")
        out.append((entry["name"], {str(k): str(v) for k, v in variants.items()}))
    return out


class QuantitiesDetector(Detector):
    name = "quantities"
    fields = {"check": True, "tolerance": False, "triggers": False, "vocabulary": False,
              "measures": False, "systems": False, "pegs": False, "max_ratio": False,
              "ratio_tolerance": False, "points_tolerance": False, "min_value": False,
              "aliases": False}

    @classmethod
    def prepare(cls, rule: Rule) -> dict[str, Any]:
        check = option(rule, "check", str)
        if check not in CHECKS:
            raise FieldError("check", f"'check' must be one of {', '.join(CHECKS)}")
        tolerance = float(option(rule, "tolerance", (int, float), 0.1))
        if tolerance < 0:
            raise FieldError("tolerance", "'tolerance' must not be negative")
        vocabulary = _vocabulary(rule)
        missing = [k for k in NEEDS.get(check, ()) if k not in vocabulary]
        if missing:
            raise FieldError("vocabulary", f"check '{check}' needs vocabulary: {', '.join(missing)}")
        pegs = None
        if "pegs" in rule.options:
            pegs = (rule.source.parent / option(rule, "pegs", str)).resolve()
            if not pegs.is_file():
                raise FieldError("pegs", f"pegs file not found: {pegs}")
            rates.load_pegs(pegs)  # a broken pegs file is a load error (file:line), not a crash mid-run
        elif check == "currency-conversion":
            raise FieldError("pegs", "a currency-conversion check needs a 'pegs' file")
        measures = _measures(rule)
        if check == "conflicting-values" and not measures:
            raise FieldError("measures", "a conflicting-values check needs 'measures'")
        systems = _systems(rule)
        if check == "mixed-units" and not systems:
            raise FieldError("systems", "a mixed-units check needs 'systems'")
        triggers = string_list(rule, "triggers", required=False)
        max_ratio = float(option(rule, "max_ratio", (int, float), 1.3))
        ratio_tolerance = float(option(rule, "ratio_tolerance", (int, float), 0.15))
        min_value = float(option(rule, "min_value", (int, float), 5))
        points_tolerance = float(option(rule, "points_tolerance", (int, float), 0.5))
        aliases = rule.options.get("aliases") or {}
        if not isinstance(aliases, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in aliases.items()):
            raise FieldError("aliases", "'aliases' must map words to the word they stand for")
        spec = Spec(tolerance, vocabulary, measures, systems, pegs, max_ratio, min_value, ratio_tolerance,
                    points_tolerance, {" ".join(k.lower().split()): v.lower() for k, v in aliases.items()})
        return {"check": CHECKS[check], "scope": SCOPES[check], "spec": spec,
                "triggers": [t.lower() for t in triggers]}

    def __init__(self, rules: Sequence[Prepared]) -> None:
        super().__init__(rules)
        self.triggers = tuple(sorted({t for _, compiled in self.rules for t in compiled["triggers"]}))
        self.cues = CueIndex([compiled["spec"] for _, compiled in self.rules], self.triggers)

    def check(self, doc: Document) -> Iterable[Finding]:
        found = anchors(doc)
        if not found.starts:
            return  # not a number in the article
        cues = self.cues.read(doc, found)
        present = self.cues.present(doc, cues)
        active = [(rule, compiled) for rule, compiled in self.rules
                  if not compiled["triggers"] or not present.isdisjoint(compiled["triggers"])]
        # Read figures only where an active check can fire (see ``quantity_checks.SCOPES``):
        # most of an article's figures are never compared with another.
        regions: list[tuple[int, int]] = []
        for _, compiled in active:
            scope = compiled["scope"](doc, compiled["spec"], cues)
            if scope is None:
                view = View.full(doc)
                break
            regions += scope
        else:
            if not regions:
                return
            view = View.scoped(doc, regions)
        for rule, compiled in active:
            for hit in compiled["check"](doc, compiled["spec"], view):
                q = hit.quantity
                start = q.end - len(q.figure)  # the figure itself, without "about"
                related = []
                for other, label in hit.related:
                    line, column = doc.position(other.start)
                    end_line, end_column = doc.position(other.end)
                    related.append(Related(doc.path, other.start, other.end, line, column, end_line, end_column,
                                           f"{label}: {other.text.strip()}"))
                yield make_finding(rule, doc, start, q.end, values=hit.values, related=related,
                                   data={"computed": hit.values.get("computed"), "stated": hit.values.get("stated")})
