"""The readability pack: metric rules on sentences, paragraphs and articles, and the
fast Flesch-Kincaid estimate they use instead of textstat."""
from __future__ import annotations

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
