"""Document views: offsets into the original text always hold, whatever the typography."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter import Linter, Settings
from linter.document import Document
from tests_support import CORE_RULES

LINTER = Linter(Settings(builtin_rules=False, rule_dirs=[CORE_RULES], select=["house.no-very-unique"]))

filler = st.text(alphabet=st.sampled_from(list("abc xyz.,;\u00a0\u2019\u201c\u201d\u2014é漢\t")), max_size=40)
space = st.sampled_from([" ", "  ", "\u00a0", "\t", " \u00a0 "])
case = st.sampled_from(["very", "Very", "VERY", "vEry"])
prefix = st.sampled_from(["", "\ufeff", "# Title\n\n", "\r\n"])


@settings(max_examples=150, deadline=None)
@given(prefix, filler, case, space, filler)
def test_phrase_offsets_map_back_to_original_text(pre: str, before: str, word: str, gap: str, after: str):
    text = f"{pre}{before} {word}{gap}unique {after}"
    result = LINTER.lint_text(text, path="a.txt")
    assert result.findings, text
    for finding in result.findings:
        assert text[finding.start:finding.end] == finding.match
        assert finding.match.lower().split() == ["very", "unique"]
        line_start = text.rfind("\n", 0, finding.start) + 1
        assert finding.column == finding.start - line_start + 1
        assert finding.line == text.count("\n", 0, finding.start) + 1


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_views_keep_length(text: str):
    doc = Document.from_text(text, "a.md", is_markdown=True) if not text.startswith("---") else Document.from_text(text, "a.txt")
    assert len(doc.prose) == len(doc.norm) == len(doc.folded) == len(text)
    for start, end in doc.sentences + doc.paragraphs + doc.tokens:
        assert 0 <= start < end <= len(text)


def test_markdown_markup_is_blanked_but_offsets_kept():
    text = "---\ntitle: T\n---\nSee `code` and [link](http://x.y/very-unique) <!-- note -->.\n"
    doc = Document.from_text(text, "a.md")
    assert doc.meta == {"title": "T"}
    assert "code" not in doc.prose and "http" not in doc.prose and "note" not in doc.prose
    assert doc.prose.index("See") == text.index("See")
    assert "link" in doc.prose


def test_sentences_respect_abbreviations_and_decimals():
    text = "The U.S. envoy met Mr. Smith at 3.5 p.m. on Jan. 4. Talks ended. “It worked,” he said. Next"
    doc = Document.from_text(text, "a.txt")
    got = [text[a:b] for a, b in doc.sentences]
    assert got == ["The U.S. envoy met Mr. Smith at 3.5 p.m. on Jan. 4.", "Talks ended.", "“It worked,” he said.", "Next"]


def test_plain_text_paragraphs_are_lines_and_markdown_blocks_are_paragraphs():
    text = "One line.\nTwo line.\n\nThree."
    assert len(Document.from_text(text, "a.txt").paragraphs) == 3
    assert len(Document.from_text(text, "a.md").paragraphs) == 2


def test_phrases_do_not_match_across_paragraphs():
    result = LINTER.lint_text("It was very\nunique in a way.", path="a.txt")
    assert result.findings == []
    result = LINTER.lint_text("It was very\nunique in a way.", path="a.md")
    assert len(result.findings) == 1
