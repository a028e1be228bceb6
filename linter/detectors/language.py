"""``type: language`` - an article, or a passage of it, in an unexpected language.

``scope: article`` flags an article whose language is not one of the configured ones
(``language:`` in the config, ``--language``); ``scope: passage`` flags paragraphs or
sentences in another language than the article's - untranslated quotes, press
releases pasted in the original. The detected language is also stored on the
document, so it appears in the JSON report's ``files`` entry.

A statistical model (langdetect, seeded so runs are repeatable) costs several
milliseconds a call, more than the whole run's budget, so it runs only when the cheap
function-word test (``linter.stopwords``) is inconclusive: an article whose first
paragraphs are clearly in one of the known languages never reaches it, and a passage
is sent to it only when it is clearly not in the article's language. Passages shorter
than ``min_words`` are never judged, so names and borrowed terms do not trip it.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, Iterable, Iterator

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from linter import stopwords
from linter.detectors.base import Detector, make_finding, option
from linter.document import Document
from linter.errors import FieldError
from linter.findings import Finding
from linter.normalize import norm_latin1
from linter.rules import Rule

DetectorFactory.seed = 0

SCOPES = ("article", "passage")
#: How much text the article-level verdict reads: enough for a stable answer.
SAMPLE_CHARS = 1000
#: A clear verdict from function words: this share of them, and twice the runner-up's.
CLEAR_SHARE = 0.22
#: Below this share of its function words a passage is not in the article's language.
FOREIGN_SHARE = 0.06
NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew",
    "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
    "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}


def primary(code: str) -> str:
    """``en-GB`` -> ``en``; ``zh-cn`` -> ``zh``."""
    return code.replace("_", "-").split("-")[0].lower()


def language_name(code: str) -> str:
    return NAMES.get(primary(code), code)


def model_guess(text: str) -> tuple[str, float] | None:
    """The model's best language for ``text`` and its probability (None if it cannot tell)."""
    try:
        ranked = detect_langs(text)
    except LangDetectException:
        return None
    totals: dict[str, float] = {}
    for guess in ranked:  # zh-cn and zh-tw are one language here
        code = primary(guess.lang)
        totals[code] = totals.get(code, 0.0) + float(guess.prob)
    if not totals:
        return None
    return max(totals.items(), key=lambda kv: kv[1])


@dataclass(frozen=True)
class Verdict:
    """The article's language and where it was read from."""

    code: str | None
    confidence: float
    span: tuple[int, int] | None
    words: int


def article_language(doc: Document, min_confidence: float) -> Verdict:
    """Detect the article's language once per document (cached for every rule)."""
    cached = doc.cache.get("language")
    if cached is not None:
        return cached
    prose = doc.prose
    # Every part of an article in Latin script only has a Latin share of 1.
    latin_only = _latin_only(doc)
    # Body paragraphs, not headlines or labels: 8+ words, or 30+ letters of a script
    # written without spaces.
    # (Tested only until the sample is full; with none at all, any paragraphs do.)
    chosen = _sample_spans(p for p in doc.paragraphs if prose.count(" ", p[0], p[1]) >= 7 or (
        not latin_only and p[1] - p[0] >= 30 and stopwords.latin_share(prose[p[0]:p[1]]) < 0.5))
    if not chosen:
        chosen = _sample_spans(iter(doc.paragraphs))
    sample = "" if latin_only else " ".join(doc.prose[a:b] for a, b in chosen)[: SAMPLE_CHARS * 2]
    tokens = " ".join(doc.norm[a:b] for a, b in chosen)[: SAMPLE_CHARS * 2].split()
    where = (chosen[0][0], chosen[0][1]) if chosen else None
    words = len(tokens)
    latin = stopwords.latin_share(sample) if tokens and not latin_only else 1.0
    if tokens and latin < 0.5:  # scripts without spaces: ~2 letters a word
        words = max(words, sum(c.isalpha() for c in sample) // 2)
    verdict = Verdict(None, 0.0, where, words)
    if tokens:
        code = _clear_language(tokens, latin)
        if code is not None:
            verdict = Verdict(code, 1.0, where, words)
        else:
            if latin_only:  # built only now: the model is rarely asked
                sample = " ".join(doc.prose[a:b] for a, b in chosen)[: SAMPLE_CHARS * 2]
            guess = model_guess(sample)
            if guess is not None and guess[1] >= min_confidence:
                verdict = Verdict(guess[0], guess[1], where, words)
    doc.cache["language"] = verdict
    if doc.language is None and verdict.code is not None:
        doc.language = verdict.code
    return verdict


def _sample_spans(spans: Iterator[tuple[int, int]]) -> list[tuple[int, int]]:
    """The first ``spans`` that together reach SAMPLE_CHARS (or all of them)."""
    chosen: list[tuple[int, int]] = []
    size = 0
    for span in spans:
        chosen.append(span)
        size += span[1] - span[0]
        if size >= SAMPLE_CHARS:
            break
    return chosen


def _clear_language(tokens: list[str], latin: float) -> str | None:
    """The language whose function words clearly dominate ``tokens`` (from a text whose
    letters are ``latin`` Latin script), if any."""
    if len(tokens) < 15 or latin < 0.9:
        return None
    ranked = sorted(stopwords.shares(tokens).items(), key=lambda kv: kv[1], reverse=True)
    (best, share), (_, runner_up) = ranked[0], ranked[1]
    if share >= CLEAR_SHARE and share >= 2 * runner_up:
        return best
    return None


class LanguageDetector(Detector):
    name = "language"
    fields = {"scope": True, "min_words": False, "min_confidence": False}

    @classmethod
    def prepare(cls, rule: Rule) -> dict[str, Any]:
        scope = option(rule, "scope", str)
        if scope not in SCOPES:
            raise FieldError("scope", f"'scope' must be one of {', '.join(SCOPES)}")
        min_words = option(rule, "min_words", int, 30 if scope == "article" else 8)
        if min_words < 3:
            raise FieldError("min_words", "'min_words' must be at least 3")
        confidence = option(rule, "min_confidence", (int, float), 0.9)
        if not 0.5 <= confidence <= 1.0:
            raise FieldError("min_confidence", "'min_confidence' must be between 0.5 and 1")
        return {"scope": scope, "min_words": min_words, "min_confidence": float(confidence)}

    def check(self, doc: Document) -> Iterable[Finding]:
        confidence = min((spec["min_confidence"] for _, spec in self.rules), default=0.9)
        verdict = article_language(doc, confidence)
        expected = {primary(code) for code in doc.languages}
        for rule, spec in self.rules:
            if spec["scope"] == "article":
                yield from self._article(rule, spec, doc, verdict, expected)
            else:
                yield from self._passages(rule, spec, doc, verdict, expected)

    @staticmethod
    def _article(rule: Rule, spec: dict[str, Any], doc: Document, verdict: Verdict,
                 expected: set[str]) -> Iterable[Finding]:
        if verdict.code is None or verdict.span is None or not expected:
            return
        if verdict.words < spec["min_words"] or verdict.confidence < spec["min_confidence"]:
            return
        if verdict.code in expected:
            return
        start, end = verdict.span
        yield make_finding(rule, doc, start, end, values={
            "language": language_name(verdict.code), "code": verdict.code,
            "expected": ", ".join(sorted(language_name(c) for c in expected))},
            data={"language": verdict.code, "confidence": round(verdict.confidence, 3)})

    @staticmethod
    def _passages(rule: Rule, spec: dict[str, Any], doc: Document, verdict: Verdict,
                  expected: set[str]) -> Iterable[Finding]:
        home = verdict.code or primary(doc.language or "") or next(iter(sorted(expected)), None)
        if home is None:
            return
        vocab = stopwords.STOPWORDS.get(home, frozenset())
        listed = home in stopwords.STOPWORDS
        min_words = spec["min_words"]
        if listed:
            windows = _foreign_windows(doc, home, -(-3 * min_words // 20))
            if windows is not None:
                yield from _passages_near(rule, spec, doc, home, windows)
                return
        norm = doc.norm
        all_sentences, starts = doc.sentences, doc.sentence_starts
        # Words and home function words once per sentence, in comprehensions over the
        # whole article; a paragraph's counts are the sums of its sentences' (split is
        # C-speed; punctuation rarely sticks to a function word, and a miss only sends
        # a passage on to the model).
        contains = vocab.__contains__
        counts = [(len(tokens), sum(map(contains, tokens)))
                  for a, b in all_sentences for tokens in [norm[a:b].split()]]
        words = [c[0] for c in counts]
        hits = [c[1] for c in counts]
        # _foreign's first tests, inline: most spans are decided by them.
        short = min_words * 2
        word_sums = [0, *accumulate(words)]
        hit_sums = [0, *accumulate(hits)]
        suspects = [i for i, (w, h) in enumerate(zip(words, hits))
                    if w * 8 >= short and not (listed and w >= min_words and h >= FOREIGN_SHARE * w)]
        n_suspects = len(suspects)
        next_suspect = 0  # index in ``suspects`` of the first sentence not yet passed
        for paragraph in doc.paragraphs:
            first = bisect.bisect_left(starts, paragraph[0])
            last = bisect.bisect_left(starts, paragraph[1], first)
            while next_suspect < n_suspects and suspects[next_suspect] < first:
                next_suspect += 1
            if first == last:  # no sentence: the paragraph alone
                tokens = norm[paragraph[0]:paragraph[1]].split()
                counted, found_hits = len(tokens), sum(map(contains, tokens))
            else:
                counted = word_sums[last] - word_sums[first]
                found_hits = hit_sums[last] - hit_sums[first]
            if counted * 8 >= short and not (listed and counted >= min_words and found_hits >= FOREIGN_SHARE * counted):
                found = _foreign(doc, paragraph, home, spec, counted, found_hits)
                if found is not None:
                    yield _passage_finding(rule, doc, paragraph, found, home)
                    continue
            if last - first < 2:
                continue
            while next_suspect < n_suspects and suspects[next_suspect] < last:
                i = suspects[next_suspect]
                next_suspect += 1
                found = _foreign(doc, all_sentences[i], home, spec, words[i], hits[i])
                if found is not None:
                    yield _passage_finding(rule, doc, all_sentences[i], found, home)


#: Letters past Latin script (``latin_share`` counts them) that ``norm`` lowers into it.
LOWERED_INTO_LATIN = "\u1e9e\u212a\u212b\u2c7e\u2c7f"


def _foreign_windows(doc: Document, home: str, least: int) -> list[tuple[int, int]] | None:
    """Where a passage of ``doc`` in another language must lie, or None for anywhere.

    A passage of an article written only in Latin script is flagged only when function
    words of another language are at least 15% of its words, and it has ``min_words``:
    ``least`` of them (``ceil(0.15 * min_words)``). So it spans ``least`` successive
    function words of one language: each such run is returned as its first and last
    word's offsets (none: no passage can be flagged). Most articles hold no or one such
    word ("no", "ha"), shown by one automaton pass, where counting words and function
    words for every sentence cost ~0.1 ms.
    """
    if not _latin_only(doc):
        return None
    least = max(least, 1)
    return [(offsets[k], offsets[k + least - 1])
            for offsets in stopwords.foreign_words(norm_latin1(doc), home).values()
            for k in range(len(offsets) - least + 1)]


def _latin_only(doc: Document) -> bool:
    """True when ``doc`` has no letter past Latin script (``latin_share`` of any part
    of it is 1), found without a regex scan of the article."""
    cached = doc.cache.get("language.latin-only")
    if cached is None:
        # Every letter past Latin script is past Latin-1 in ``norm`` too (a "?" in its
        # bytes), or one of the few that lowering brings back.
        norm, raw = doc.norm, norm_latin1(doc)
        find, match = raw.find, stopwords.NON_LATIN_LETTER.match
        cached = True
        i = find(b"?")
        while i >= 0:
            if match(norm, i):
                cached = False
                break
            i = find(b"?", i + 1)
        if cached:
            prose = doc.prose
            cached = not any(c in prose for c in LOWERED_INTO_LATIN)
        doc.cache["language.latin-only"] = cached
    return cached


def _passages_near(rule: Rule, spec: dict[str, Any], doc: Document, home: str,
                   windows: list[tuple[int, int]]) -> Iterator[Finding]:
    """``_passages`` for an article in Latin script, home language ``home`` (one with
    a word list): only paragraphs and sentences around a run of ``windows`` can be
    flagged, so only they are counted and judged, in the same order."""
    if not windows:
        return
    vocab = stopwords.STOPWORDS[home]
    contains = vocab.__contains__
    min_words = spec["min_words"]
    short = min_words * 2
    norm = doc.norm
    all_sentences, starts = doc.sentences, doc.sentence_starts
    for paragraph in doc.paragraphs:
        if not any(paragraph[0] <= a and b < paragraph[1] for a, b in windows):
            continue
        first = bisect.bisect_left(starts, paragraph[0])
        last = bisect.bisect_left(starts, paragraph[1], first)
        if first == last:  # no sentence: the paragraph alone
            tokens = norm[paragraph[0]:paragraph[1]].split()
            counts = [(len(tokens), sum(map(contains, tokens)))]
        else:
            counts = [(len(tokens), sum(map(contains, tokens)))
                      for a, b in all_sentences[first:last] for tokens in [norm[a:b].split()]]
        counted = sum(c[0] for c in counts)
        found_hits = sum(c[1] for c in counts)
        if counted * 8 >= short and not (counted >= min_words and found_hits >= FOREIGN_SHARE * counted):
            found = _foreign(doc, paragraph, home, spec, counted, found_hits)
            if found is not None:
                yield _passage_finding(rule, doc, paragraph, found, home)
                continue
        if last - first < 2:
            continue
        for i, (w, h) in enumerate(counts, first):
            span = all_sentences[i]
            if w * 8 >= short and not (w >= min_words and h >= FOREIGN_SHARE * w) \
                    and any(span[0] <= a and b < span[1] for a, b in windows):
                found = _foreign(doc, span, home, spec, w, h)
                if found is not None:
                    yield _passage_finding(rule, doc, span, found, home)


def _foreign(doc: Document, span: tuple[int, int], home: str, spec: dict[str, Any],
             words: int, hits: int) -> tuple[str, float] | None:
    """The language of ``span`` (``words`` long, ``hits`` of them home function words)
    when it is confidently not ``home``; None otherwise."""
    if words * 8 < spec["min_words"] * 2:
        return None  # too short even for a script without spaces (about 2 letters a word)
    vocab = stopwords.STOPWORDS.get(home)
    if vocab is not None and words >= spec["min_words"] and hits >= FOREIGN_SHARE * words:
        return None  # clearly in the article's language: the common case, decided here
    text = doc.prose[span[0]:span[1]]
    latin = stopwords.latin_share(text)
    tokens = stopwords.words(text)
    count = len(tokens) if latin >= 0.5 else max(len(tokens), sum(c.isalpha() for c in text) // 2)
    if count < spec["min_words"]:
        return None
    if vocab is not None and latin >= 0.9:
        shares = stopwords.shares(tokens)
        if max(share for lang, share in shares.items() if lang != home) < 0.15:
            return None  # lists of names, headlines, captions: no language's grammar
    elif latin >= 0.5 and vocab is None:
        return None  # an article in a language we have no word list for: trust only script changes
    guess = model_guess(text)
    if guess is None or guess[0] == home or guess[1] < spec["min_confidence"]:
        return None
    return guess


def _passage_finding(rule: Rule, doc: Document, span: tuple[int, int], found: tuple[str, float],
                     home: str) -> Finding:
    code, probability = found
    return make_finding(rule, doc, span[0], span[1], values={
        "language": language_name(code), "code": code, "article_language": language_name(home)},
        data={"language": code, "confidence": round(probability, 3)})
