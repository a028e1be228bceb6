"""``type: quotes`` - report direct quotes with no speaker or only a vague source.

All the work is in ``linter.quotes`` (finding quotes) and ``linter.speakers`` (finding
who said them); this type only turns the shared, cached result into findings. A rule
picks what it reports with ``check: unattributed`` or ``check: vague``; a vague-source
rule may carry its own ``phrases`` (always vague) and ``groups`` (vague unless a body
or person is named) instead of the shipped lists.
"""
from __future__ import annotations

from typing import Any, Iterable

from linter.detectors.base import Detector, Prepared, make_finding, string_list
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding
from linter.quotes import SPEECH, Quote, extract_quotes
from linter.rules import Rule
from linter.quote_lexicon import Lexicon, default_lexicon

CHECKS = ("unattributed", "vague")
_ENGLISH = frozenset(
    "the a an and of to in is was are were that it for on with as by at from said says this be has have".encode().split()
)
#: Bytes to keep as they are (a-z) or blank: ``[a-z]+`` runs of a text are the words of its
#: UTF-8 bytes so translated (every other character's bytes are not a-z), found ~3x faster.
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
#: The same with every letter an 'a': counting b" a" counts the words after the first.
_LETTER_RUNS = bytes(97 if 97 <= c <= 122 else 32 for c in range(256))
_EXCERPT = 60


class QuotesDetector(Detector):
    name = "quotes"
    fields = {"check": True, "phrases": False, "groups": False}

    @classmethod
    def prepare(cls, rule: Rule) -> dict[str, Any]:
        check = rule.options.get("check")
        if check not in CHECKS:
            raise FieldError("check", f"'check' must be one of {', '.join(CHECKS)}")
        phrases = string_list(rule, "phrases", required=False)
        groups = string_list(rule, "groups", required=False)
        if check != "vague" and (phrases or groups):
            raise FieldError("phrases" if phrases else "groups", "vague-source lists need 'check: vague'")
        return {"check": check, "phrases": phrases, "groups": groups}

    def __init__(self, rules: list[Prepared]) -> None:
        super().__init__(rules)
        default = default_lexicon()
        self.lexicons: dict[str, Lexicon | None] = {}
        for rule, spec in rules:
            custom = (spec["phrases"] or spec["groups"]) and (
                tuple(spec["phrases"]) != default.vague_phrases or tuple(spec["groups"]) != default.vague_groups
            )
            self.lexicons[rule.id] = default.with_vague(spec["phrases"], spec["groups"]) if custom else None

    def check(self, doc: Document) -> Iterable[Finding]:
        english: bool | None = None
        for rule, spec in self.rules:
            for quote in extract_quotes(doc, self.lexicons[rule.id]):
                if quote.kind != SPEECH:
                    continue
                wanted = (
                    spec["check"] == "unattributed" and quote.speaker is None and quote.closed
                    or spec["check"] == "vague" and quote.vague is not None
                )
                if not wanted:
                    continue
                if english is None:
                    english = _reads_as_english(doc)
                if english:
                    yield self._finding(rule, doc, quote)

    @staticmethod
    def _finding(rule: Rule, doc: Document, quote: Quote) -> Finding:
        text = " ".join(quote.text.split())
        excerpt = text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "\u2026"
        return make_finding(
            rule, doc, quote.start, quote.end,
            values={"excerpt": excerpt, "source": _source(quote), "speaker": quote.speaker or ""},
            data={"speaker": quote.speaker, "cue": quote.attribution, "kind": quote.kind, "vague": quote.vague},
        )


def _reads_as_english(doc: Document) -> bool:
    """The cue lists are English: elsewhere every quote would look unattributed.

    A language declared in front matter decides; otherwise English function words must
    make up a fair share of the words (checked only when there is something to report).
    The words are counted with one ``bytes.count`` and read a third of the text at a
    time, stopping once the share is reached (English prose passes within its first
    half: these words are a quarter or more of it).
    """
    declared = (doc.language or "").lower()
    if declared:
        return declared.startswith("en")
    raw = doc.norm.encode("utf-8", "surrogatepass")
    letters = raw.translate(_LETTERS_ONLY)
    # Words are the a-z runs: one starts at each blank followed by a letter, or at 0.
    total = raw.translate(_LETTER_RUNS).count(b" a") + (letters[:1] not in (b"", b" "))
    if total < 20:
        return True
    need = 0.08 * total
    found = 0
    size = len(letters)
    step = size // 3 + 1
    pos = 0
    while pos < size:
        cut = letters.find(b" ", pos + step)
        if cut == -1:
            cut = size
        found += sum(map(_ENGLISH.__contains__, letters[pos:cut].split()))
        if found >= need:
            return True
        pos = cut
    return False


def _source(quote: Quote) -> str:
    """The speaker as written, plus the vague phrase when it is not part of it."""
    speaker = quote.speaker or ""
    vague = quote.vague or ""
    if vague and vague.lower() not in speaker.lower():
        return f"{speaker}, {vague}" if speaker else vague
    return speaker
