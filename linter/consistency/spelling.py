"""Mixed American and British spelling of one word inside one article.

Only the same word counts ("recognised" and "recognized" in one article): a British
text may legitimately use -ize (Oxford spelling), so "organisation" next to
"emphasized" proves nothing. The rarer spelling is reported; on a tie, the one that
appears later. One automaton (``PhraseIndex``) matches every form in one pass.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterator, NamedTuple

from linter.document import Document
from linter.errors import FieldError
from linter.matching import PhraseIndex
from linter.rules import load_yaml

#: Regular inflections: (American ending, British ending, endings both add).
_INFLECTIONS = (
    ("ize", "ise", ("s", "d", "r", "rs", "ing", "ation", "ations")),
    ("yze", "yse", ("d", "ing")),  # not "analyses": also the plural of "analysis"
    ("or", "our", ("s", "ed", "ing", "ful")),
    ("er", "re", ("s",)),
    ("ense", "ence", ("s",)),
    ("og", "ogue", ("s",)),
)


class Form(NamedTuple):
    family: str
    british: bool
    word: str


def load_pairs(path: Path) -> list[tuple[str, str]]:
    """Read ``pairs: [[american, british], ...]``; complain in terms of the rule key."""
    if not path.is_file():
        raise FieldError("pairs", f"'pairs' file not found: {path}")
    data = load_yaml(path)
    pairs = data.get("pairs") if isinstance(data, dict) else None
    if not isinstance(pairs, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) and w.strip() for w in p) for p in pairs):
        raise FieldError("pairs", f"{path}: expected 'pairs:' as a list of [american, british] word pairs")
    return [(us.strip().lower(), uk.strip().lower()) for us, uk in pairs]


def forms(american: str, british: str) -> Iterator[tuple[str, str]]:
    """The pair itself and its regular inflections, as (american, british) words."""
    yield american, british
    for us_end, uk_end, endings in _INFLECTIONS:
        if american.endswith(us_end) and british.endswith(uk_end):
            silent_e = american.endswith("e")
            for ending in endings:
                if ending in ("ing", "ation", "ations") and silent_e:
                    yield american[:-1] + ending, british[:-1] + ending
                elif ending in ("d", "r", "rs") and not silent_e:
                    continue
                else:
                    yield american + ending, british + ending
            break


class SpellingIndex:
    """Every form of every pair in one automaton, tagged with its family and side."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.index: PhraseIndex[Form] = PhraseIndex()
        for american, british in pairs:
            for us, uk in forms(american, british):
                if us != uk:
                    self.index.add(us, Form(american, False, us))
                    self.index.add(uk, Form(american, True, uk))
        self.index.build()

    def mixed(self, doc: Document) -> Iterator[tuple[int, int, Form, Form, int, int]]:
        """Yield ``(start, end, form, other_form, count, other_count)`` per minority use."""
        found: dict[str, dict[bool, list[tuple[int, int, Form]]]] = defaultdict(lambda: defaultdict(list))
        for start, end, form in self.index.find(doc):
            found[form.family][form.british].append((start, end, form))
        for sides in found.values():
            if len(sides) < 2:
                continue
            us, uk = sides[False], sides[True]
            if (len(us), -us[0][0]) < (len(uk), -uk[0][0]):
                minority, majority = us, uk
            else:
                minority, majority = uk, us
            for start, end, form in minority:
                yield start, end, form, majority[0][2], len(minority), len(majority)
