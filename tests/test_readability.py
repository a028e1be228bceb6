"""The readability pack: metric rules on sentences, paragraphs and articles, and the
fast Flesch-Kincaid estimate they use instead of textstat."""
from __future__ import annotations

import random
import re

import textstat

from conftest import lint_json
from linter.detectors.metric import fk_grade

LONG_SENTENCE = (
    "The minister, who had spent the whole morning in tense talks with union leaders that ran well past "
    "the deadline the mediators had set for both sides, told reporters waiting outside the building that "
    "the offer on the table was the last one the government could make without breaking its own spending "
    "rules, which the treasury had tightened in March after the last budget."
)
SHORT_SENTENCES = (
    "The minister spent the morning in talks with union leaders. The talks ran past the deadline. "
    "She told reporters the offer was final. The treasury tightened its spending rules in March."
)
DENSE = (
    "Notwithstanding the considerable institutional reorganisation contemplated by the intergovernmental "
    "memorandum, implementation responsibilities remain fundamentally ambiguous, particularly regarding "
    "interdepartmental coordination mechanisms, supplementary appropriations and the accountability "
    "arrangements applicable to subsidiary regulatory authorities operating under delegated statutory competencies."
)
PLAIN = (
    "The city council voted on Tuesday to build a new bridge over the river. Work will start in the spring "
    "and should take two years. The mayor said the old bridge was no longer safe for heavy trucks. Some "
    "residents worry about noise, but most welcomed the plan at a packed meeting in the town hall."
)


def rules_hit(report: dict) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in report["findings"]]


def test_a_very_long_sentence_is_flagged_and_its_split_twin_is_not(article) -> None:
    path = article(f"Strike talks stall\n\n{LONG_SENTENCE}\n\n{SHORT_SENTENCES}\n", "strike.txt")
    report = lint_json("--no-cache", "--select", "readability.long-sentence", str(path))
    (hit,) = report["findings"]
    assert hit["line"] == 3 and hit["level"] == "info"
    assert hit["match"] == LONG_SENTENCE
    assert "words" in hit["message"]


def test_a_dense_paragraph_is_flagged_and_plain_news_is_not(article) -> None:
    path = article(f"Agency shake-up\n\n{DENSE} {DENSE}\n\n{PLAIN}\n", "agency.txt")
    report = lint_json("--no-cache", "--select", "readability.dense-paragraph", str(path))
    assert rules_hit(report) == [("readability.dense-paragraph", 3)]


def test_a_wall_of_text_is_flagged(article) -> None:
    wall = " ".join([PLAIN] * 4)
    path = article(f"Bridge vote\n\n{wall}\n\n{PLAIN}\n", "bridge.txt")
    report = lint_json("--no-cache", "--select", "readability.long-paragraph", str(path))
    assert rules_hit(report) == [("readability.long-paragraph", 3)]


def test_the_textstat_rule_is_opt_in(article) -> None:
    text = "Report\n\n" + "\n\n".join([f"{DENSE} {DENSE}"] * 3) + "\n"
    path = article(text, "report.txt")
    default = lint_json("--no-cache", "--select", "readability", str(path))
    assert "readability.article-reading-ease" not in {f["rule"] for f in default["findings"]}
    opted = lint_json("--no-cache", "--select", "readability.article-reading-ease", str(path))
    assert [f["rule"] for f in opted["findings"]] == ["readability.article-reading-ease"]


def test_the_fast_grade_tracks_textstat() -> None:
    for text in (LONG_SENTENCE, SHORT_SENTENCES, DENSE, PLAIN):
        assert abs(fk_grade(text) - textstat.flesch_kincaid_grade(text)) < 2.5, text[:40]
    assert fk_grade(DENSE) > fk_grade(PLAIN) + 10
    assert fk_grade("") == 0.0


def _reference_fk_grade(text: str) -> float:
    """The estimate as first written, a word at a time: the fast one must agree exactly."""
    strip = ".,;:!?\"'()[]\u201c\u201d\u2018\u2019"
    vowels_only = {i: " " for i in range(0x250)} | {ord(v): "a" for v in "aeiouyAEIOUY"}
    tokens = [t.strip(strip).lower() for t in text.split()]
    tokens = [t for t in tokens if t[:1].isalpha()]
    if not tokens:
        return 0.0
    groups = len(text.translate(vowels_only).split())
    silent = sum(1 for t in tokens if len(t) > 3 and t[-1] == "e" and t[-2] not in "aeiouyl")
    syllables = max(groups - silent, len(tokens))
    sentences = max(len(re.findall(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s|$)", text)), 1)
    return 0.39 * len(tokens) / sentences + 11.8 * syllables / len(tokens) - 15.59


def test_the_fast_grade_equals_the_word_by_word_estimate() -> None:
    rng = random.Random(7)
    alphabet = ("aeiouyAEIOUYbcdklmnrstEeLl" + " \t\n\x1c\u00a0\u2003\u3000\u1680" + ".,;:!?\"'()[]-/"
                + "\u201c\u201d\u2018\u2019\u2014\u00e9\u00c9\u0130\u03a3\u00b2\u2167\u0250\u0301\u200b")
    samples = [LONG_SENTENCE, SHORT_SENTENCES, DENSE, PLAIN, "", "   ", "(( ))", "'make' \"them\" (ride)."]
    for _ in range(3000):
        samples.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))))
    for text in samples:
        assert fk_grade(text) == _reference_fk_grade(text), repr(text)


def test_the_metrics_named_without_importing_textstat_are_textstat_functions() -> None:
    from linter.detectors.metric import TEXTSTAT_METRICS, metric_function

    for name in TEXTSTAT_METRICS:
        assert callable(getattr(textstat, name)), name
        assert metric_function(name)(PLAIN) == getattr(textstat, name)(PLAIN), name


def _random_article(rng: random.Random) -> str:
    words = ("the of a minister said notwithstanding institutional reorganisation queue eerie aye y "
             "2019 16.7% $5 \u20ac3 e.g. U.S. Mr. (quoted) [x] \u201cquoted\u201d \u2018single\u2019 don\u2019t "
             "\u2014 \u2013 \u2026 ... ?! a.b. caf\u00e9 \u00fcber \u0130stanbul \u03a3\u039f\u03a6\u0399\u0391 "
             "\u041c\u043e\u0441\u043a\u0432\u0430 \u5317\u4eac \u0250 'make' \"them\"").split()
    spaces = [" "] * 12 + ["  ", "\u00a0", "\u2009", "\u200b", "\u3000", "\u2000", "\u1680", "\x85", "\x1c", "\t"]
    ends = [".", "!", "?", ".\u201d", ".\u00bb", "\u2026", "", ".'", "?)", ".]"]
    paragraphs = []
    for _ in range(rng.randint(1, 6)):
        sentences = []
        for _ in range(rng.randint(1, 5)):
            picked = [rng.choice(words) for _ in range(rng.choice([3, 9, 30, 60]))]
            sentences.append("".join(w + rng.choice(spaces) for w in picked).rstrip() + rng.choice(ends))
        paragraphs.append(" ".join(sentences))
    return rng.choice(["\n", "\n\n"]).join(paragraphs) + "\n"


def test_byte_count_bounds_never_fall_below_the_exact_values() -> None:
    """A unit is skipped on these bounds alone, so each must be at least what it bounds."""
    from linter.detectors.metric import _Bounds
    from linter.document import Document

    rng = random.Random(11)
    for _ in range(300):
        doc = Document.from_text(_random_article(rng), "x.txt" if rng.random() < 0.7 else "x.md")
        bounds = _Bounds(doc)
        for start, end in doc.sentences + doc.paragraphs:
            chunk = doc.prose[start:end]
            words = len(chunk.split())
            most = bounds.words(start, end)
            assert most >= words, repr(chunk)
            if words:
                exact = fk_grade(chunk)
                assert bounds.grade(start, end, most, False) >= exact - 1e-9, repr(chunk)
                assert bounds.grade(start, end, most, True) >= exact - 1e-9, repr(chunk)


def test_byte_count_candidates_hold_every_unit_with_enough_words() -> None:
    from linter.detectors.metric import _Bounds
    from linter.document import Document

    rng = random.Random(12)
    for _ in range(300):
        doc = Document.from_text(_random_article(rng), "x.txt" if rng.random() < 0.7 else "x.md")
        for fewest in (2, 6, 20, 46):
            for scope, units in (("sentence", doc.sentences), ("paragraph", doc.paragraphs)):
                found = {(a, b): n for a, b, n in _Bounds(doc).candidates(scope, fewest)}
                for start, end in units:
                    words = len(doc.prose[start:end].split())
                    if words >= fewest:
                        assert found.get((start, end), -1) >= words, (scope, fewest, doc.prose[start:end])
