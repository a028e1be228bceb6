"""The word lists quote attribution uses, read once from the shipped data files.

Cue verbs, stop words, title cues and the like live in ``rules/attribution/cues.yaml``;
the vague-source lists live in the ``attribution.vague-source`` rule of
``rules/attribution.yaml`` (so a team can see and extend them as rule data). Both are
compiled here into one ``Lexicon``: cue words as a token index, vague phrases as one
automaton for whole articles and one regex for short speaker phrases.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import yaml

from linter.matching import PhraseIndex
from linter.rules import builtin_rules_dir


@dataclass(frozen=True)
class Lexicon:
    """The word lists attribution uses, compiled once."""

    cues: dict[str, tuple[tuple[str, ...], ...]]
    introducing: frozenset[str]
    title_cues: frozenset[str]
    skip: frozenset[str]
    stop: frozenset[str]
    glue: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    modifiers: frozenset[str]
    bodies: frozenset[str]
    vague_phrases: tuple[str, ...]
    vague_groups: tuple[str, ...]
    vague_pattern: re.Pattern[str] | None = field(default=None)
    group_pattern: re.Pattern[str] | None = field(default=None)
    vague_words: frozenset[str] = frozenset()
    vague_index: PhraseIndex[str] | None = None
    #: Prefilters (see ``speakers``): each cue's first word when all are plain letters,
    #: each title cue's last word when all are letters and hyphens; else None.
    cue_words: frozenset[str] | None = None
    title_words: frozenset[str] | None = None

    @classmethod
    def build(cls, cues: dict[str, list[str]], phrases: Sequence[str], groups: Sequence[str]) -> Lexicon:
        def words(key: str) -> frozenset[str]:
            return frozenset(w.lower() for w in cues.get(key, []))

        vague_words = frozenset(w for p in [*phrases, *groups] for w in p.lower().split())
        cue_index = _cue_index(cues["speech_cues"])
        title_cues = words("title_cues")
        return cls(
            cues=cue_index,
            introducing=words("introducing_cues"),
            title_cues=title_cues,
            skip=words("skip_words"),
            stop=words("stop_words"),
            glue=words("forward_glue"),
            pronouns=words("pronouns"),
            determiners=words("determiners"),
            modifiers=words("group_modifiers"),
            bodies=words("bodies"),
            vague_phrases=tuple(phrases),
            vague_groups=tuple(groups),
            vague_pattern=_alternation(phrases) if phrases else None,
            group_pattern=_alternation(groups) if groups else None,
            vague_words=vague_words,
            vague_index=_phrase_index(phrases),
            **_prefilter_words(cue_index, title_cues),
        )

    def with_vague(self, phrases: Sequence[str], groups: Sequence[str]) -> Lexicon:
        """The same cues with another vague-source list (a rule's own ``phrases``/``groups``)."""
        vague_words = frozenset(w for p in [*phrases, *groups] for w in p.lower().split())
        return Lexicon(
            self.cues, self.introducing, self.title_cues, self.skip, self.stop, self.glue, self.pronouns,
            self.determiners, self.modifiers, self.bodies, tuple(phrases), tuple(groups),
            _alternation(phrases) if phrases else None, _alternation(groups) if groups else None,
            vague_words, _phrase_index(phrases), self.cue_words, self.title_words,
        )


def _cue_index(cues: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the rest of each cue starting with it, longest first (token matching)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for cue in cues:
        words = cue.lower().split()
        if words:
            index.setdefault(words[0], []).append(tuple(words[1:]))
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in index.items()}


def _prefilter_words(cues: dict[str, Any], title_cues: frozenset[str]) -> dict[str, frozenset[str] | None]:
    """``cue_words`` and ``title_words`` of a ``Lexicon``: None where a word breaks their shape."""
    first = frozenset(cues)
    last = frozenset(cue.rsplit(" ", 1)[-1] for cue in title_cues)
    return {
        "cue_words": first if all(_LETTERS.fullmatch(w) for w in first) else None,
        "title_words": last if all(_HYPHENATED.fullmatch(w) for w in last) else None,
    }


_LETTERS = re.compile(r"[a-z]+")
_HYPHENATED = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _phrase_index(phrases: Sequence[str]) -> PhraseIndex[str] | None:
    """One automaton for the always-vague phrases: a whole article costs one pass."""
    if not phrases:
        return None
    index: PhraseIndex[str] = PhraseIndex()
    for phrase in phrases:
        index.add(phrase, phrase)
    index.build()
    return index


def _alternation(phrases: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive, word-bounded regex for a phrase list, longest first."""
    parts = sorted({" ".join(p.lower().split()) for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)
    return re.compile(rf"(?<![\w\-])(?:{body})(?![\w\-'\u2019])", re.I)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """Cues from ``rules/attribution/cues.yaml``, vague sources from the shipped pack."""
    folder = builtin_rules_dir()
    cues = _read_yaml(folder / "attribution" / "cues.yaml")
    phrases: list[str] = []
    groups: list[str] = []
    pack = _read_yaml(folder / "attribution.yaml")
    for rule in pack.get("rules", []):
        if rule.get("id") == "attribution.vague-source":
            phrases = list(rule.get("phrases", []))
            groups = list(rule.get("groups", []))
    return Lexicon.build(cues, phrases, groups)


def _read_yaml(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        # libyaml when present: this data loads at every start, ~8x faster than pure Python.
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    return data if isinstance(data, dict) else {}
