"""The boilerplate category: page residue found, story text left alone.

Each article under ``fixtures/boilerplate/`` has a sibling ``.yaml`` written with it:
``residue`` lists every piece of page chrome planted in the article (each must be
overlapped by a finding) and ``clean`` lists story text that must never be touched.
Every finding must also land on planted residue, so the fixtures check precision as
well as recall.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, SEEDS, SHARED, lint_json, run_cli
from linter.config import Settings
from linter.engine import Linter

FIXTURES = ROOT / "tests" / "fixtures" / "boilerplate"
ARTICLES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
Span = tuple[int, int]


def _spans(text: str, needles: list[str], where: Path) -> list[Span]:
    out = []
    for needle in needles:
        at = text.find(needle)
        assert at >= 0, f"{where.name}: annotated text not in the article: {needle!r}"
        out.append((at, at + len(needle)))
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@pytest.fixture(scope="module")
def fixture_report() -> dict[str, list[dict[str, Any]]]:
    """One CLI run over all fixture articles, findings grouped by file name."""
    report = lint_json(str(FIXTURES), "--select", "boilerplate", "--no-cache", "--no-corpus")
    grouped: dict[str, list[dict[str, Any]]] = {p.name: [] for p in ARTICLES}
    for finding in report["findings"]:
        grouped[Path(finding["path"]).name].append(finding)
    return grouped


def test_fixtures_cover_every_kind_of_residue() -> None:
    kinds = {f["rule"] for f in _library_findings()}
    expected = {
        "boilerplate.navigation", "boilerplate.glued-labels", "boilerplate.glued-dateline",
        "boilerplate.page-control", "boilerplate.comment-widget", "boilerplate.adblock-wall",
        "boilerplate.consent-banner", "boilerplate.paywall-prompt", "boilerplate.social-cta",
        "boilerplate.ad-label", "boilerplate.image-credit", "boilerplate.inline-credit",
        "boilerplate.image-alt-text", "boilerplate.image-caption", "boilerplate.embedded-post",
        "boilerplate.author-bio", "boilerplate.publisher-promo", "boilerplate.address",
        "boilerplate.copyright", "boilerplate.related-links", "boilerplate.url-slug",
        "boilerplate.edge-residue", "boilerplate.relative-time", "boilerplate.publisher-notice",
        "boilerplate.agency-credit", "boilerplate.file-photo-caption",
    }
    assert expected <= kinds


def _library_findings() -> list[dict[str, Any]]:
    linter = Linter(Settings(select=["boilerplate"]))
    out = []
    for path in ARTICLES:
        result = linter.lint_text(path.read_text(encoding="utf-8"), str(path))
        out.extend(f.to_json() for f in result.findings)
    return out


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_fixture_residue_found_and_story_untouched(path: Path, fixture_report: dict[str, list[dict[str, Any]]]) -> None:
    text = path.read_text(encoding="utf-8")
    spec = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    residue = _spans(text, spec["residue"], path)
    clean = _spans(text, spec["clean"], path)
    findings = fixture_report[path.name]
    spans = [(f["start"], f["end"]) for f in findings]
    missed = [t for t, r in zip(spec["residue"], residue) if not any(_overlaps(r, s) for s in spans)]
    assert not missed, f"residue not reported: {missed}"
    for finding, span in zip(findings, spans):
        assert not any(_overlaps(span, c) for c in clean), f"story text flagged: {finding['match']!r}"
        assert any(_overlaps(span, r) for r in residue), f"unplanned finding: {finding['rule']} {finding['match']!r}"
        assert finding["category"] == "boilerplate"
        assert text[span[0]:span[1]] == finding["match"]
        assert finding["match"] == finding["match"].strip(), "a span must not include surrounding blanks"


def test_clean_articles_stay_silent(fixture_report: dict[str, list[dict[str, Any]]]) -> None:
    clean_articles = [p.name for p in ARTICLES if p.name.startswith("clean_")]
    assert clean_articles
    for name in clean_articles:
        assert fixture_report[name] == []


def test_widget_block_is_one_finding_and_tweet_span_is_tight() -> None:
    text = (FIXTURES / "web_residue.txt").read_text(encoding="utf-8")
    findings = Linter(Settings(select=["boilerplate"])).lint_text(text, "web_residue.txt").findings
    widget = [f for f in findings if f.rule == "boilerplate.comment-widget" and "Notify of" in f.match]
    assert len(widget) == 1 and widget[0].match.startswith("5 Comments") and widget[0].match.endswith("View all comments")
    tweet = next(f for f in findings if f.rule == "boilerplate.embedded-post")
    assert tweet.match.startswith("pic.twitter.com/") and tweet.match.endswith("March 4, 2025")


def _lint(text: str, name: str = "article.txt") -> list[str]:
    return [f.match for f in Linter(Settings(select=["boilerplate"])).lint_text(text, name).findings]


BODY = (
    "The harbour board approved the new ferry timetable on Thursday after a public consultation.\n\n"
    "Services will run every half hour in summer and every hour in winter, the board said.\n\n"
)


def test_related_heading_does_not_swallow_a_subheading_followed_by_body() -> None:
    text = BODY + "Related Articles\n\nWhat changes for commuters\n\n" + BODY
    found = _lint(text)
    assert found == ["Related Articles"]


def test_short_lines_at_the_end_need_other_evidence() -> None:
    assert _lint(BODY + "Sources\nHarbour Board\nCity Archive\n") == []
    flagged = _lint(BODY + "Harbour Board\nCity Archive\nShare\n")
    assert flagged == ["Harbour Board\nCity Archive", "Share"]


def test_phrases_inside_sentences_are_not_residue() -> None:
    text = BODY + (
        "Share of passengers using cards rose to 80%.\n\n"
        "Read more about the consultation results in the board's annual report, officials said.\n\n"
        "Follow the money, said one councillor, and the timetable makes sense.\n\n"
        "Ad blockers and cookie banners were not discussed.\n\n"
    ) + BODY
    assert _lint(text) == []


def test_markdown_image_keeps_its_credit_and_alt_text() -> None:
    text = "# Ferry Timetable\n\n" + BODY + "![Passengers boarding the morning ferry.](ferry.jpg)\n*Photo: Lena Ortiz*\n\n" + BODY
    assert _lint(text, "ferry.md") == []
    text = "# Ferry Timetable\n\n" + BODY + "Passengers boarding the morning ferry.\n\nPhoto: Lena Ortiz\n\n" + BODY
    assert _lint(text, "ferry.md") == ["Passengers boarding the morning ferry.", "Photo: Lena Ortiz"]


def test_seeds_meet_the_boilerplate_targets(tmp_path: Path) -> None:
    score = SHARED / "eval" / "score.py"
    gold = SHARED / "gold" / "seeds.yaml"
    if not (score.is_file() and gold.is_file()):
        pytest.skip("../shared/eval (scorer and gold) is not available")
    report = tmp_path / "report.json"
    result = run_cli("check", str(SEEDS), "--format", "json", "--output", str(report), "--fail-on", "never",
                     "--no-config", "--no-cache", "--select", "boilerplate")
    assert result.returncode == 0, result.stderr
    scored = subprocess.run(
        [sys.executable, str(score), "--gold", str(gold), "--docs", str(SEEDS), str(report),
         "--categories", "boilerplate", "--min-recall", "0.95", "--min-precision", "0.95"],
        capture_output=True, text=True, timeout=120,
    )
    assert scored.returncode == 0, scored.stdout + scored.stderr


def test_every_rule_is_documented() -> None:
    result = run_cli("rules", "--format", "json", "--all")
    assert result.returncode == 0, result.stderr
    rules = [r for r in json.loads(result.stdout) if r["id"].startswith("boilerplate.")]
    assert len(rules) >= 20
    for rule in rules:
        assert rule["category"] == "boilerplate" and rule["type"] == "boilerplate"
        for key in ("description", "why", "example", "fix_safety"):
            assert rule.get(key), f"{rule['id']} has no {key}"


@pytest.mark.parametrize("body, complaint", [
    ("structure: sideways", "'structure' must be one of"),
    ("patterns: ['(unclosed']", "bad regular expression"),
    ("phrases: [Share]\n    colour: red", "unknown key 'colour'"),
    ("match: everywhere\n    phrases: [Share]", "'match' must be one of"),
    ("min_coverage: 2\n    match: contains\n    phrases: [Share]", "'min_coverage' must be between"),
    ("evidence: strong", "needs 'phrases', 'patterns' or 'structure'"),
])
def test_bad_rule_is_one_line_error_with_file_and_line(tmp_path: Path, article, body: str, complaint: str) -> None:
    pack = tmp_path / "rules"
    pack.mkdir()
    (pack / "house.yaml").write_text(
        "rules:\n  - id: house.residue\n    category: boilerplate\n    level: warning\n"
        f"    message: residue\n    type: boilerplate\n    {body}\n",
        encoding="utf-8",
    )
    path = article(BODY)
    result = run_cli("check", "--no-config", "--rules", str(pack), str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "house.yaml:" in lines[0] and complaint in lines[0], result.stderr


def test_a_house_rule_needs_no_code(tmp_path: Path, article) -> None:
    pack = tmp_path / "rules"
    pack.mkdir()
    (pack / "house.yaml").write_text(
        "rules:\n  - id: house.newsroom-footer\n    category: boilerplate\n    level: info\n"
        "    message: \"Newsroom footer: '{line}'\"\n    type: boilerplate\n    match: line\n"
        "    phrases: [\"Filed from the river desk\"]\n",
        encoding="utf-8",
    )
    path = article(BODY + "Filed from the river desk\n")
    report = lint_json(str(path), "--rules", str(pack), "--select", "house")
    assert [f["match"] for f in report["findings"]] == ["Filed from the river desk"]


def test_counters_and_timestamps_between_paragraphs() -> None:
    text = BODY + "3 hours ago\n\n" + BODY + "1.2K views\n\n" + BODY + "12 Comments\n\n" + BODY + "Comments\n\n" + BODY
    assert _lint(text) == ["3 hours ago", "1.2K views", "12 Comments"]


def test_agency_credit_after_a_caption_is_cut_alone() -> None:
    text = BODY + "Smoke rises over the harbour on Monday. REUTERS/Jane Roe\n\n" + BODY
    assert _lint(text) == ["REUTERS/Jane Roe"]
    assert _lint(BODY + "A Reuters/Ipsos poll found that most voters back the plan.\n\n" + BODY) == []


def test_a_picture_still_in_the_file_keeps_its_credit_whatever_is_selected() -> None:
    text = "# Ferry Timetable\n\n" + BODY + "![Passengers boarding.](ferry.jpg)\n\nPhoto: Lena Ortiz\n\n" + BODY
    found = Linter(Settings(select=["boilerplate.image-credit"])).lint_text(text, "ferry.md").findings
    assert found == []


def test_a_list_introduced_by_a_colon_is_content() -> None:
    assert _lint(BODY + "The new routes will serve three regions:\nEurope\nAsia\nAfrica\n") == []
    assert _lint(BODY + "Europe\nAsia\nAfrica\n") == ["Europe\nAsia\nAfrica"]


def test_a_body_sentence_above_a_credit_is_not_alt_text() -> None:
    text = BODY + "Rescue teams were still searching for two missing hikers on Sunday evening.\n\nPhoto: Jane Roe/AFP\n\n" + BODY
    assert _lint(text) == ["Photo: Jane Roe/AFP"]
    text = BODY + "Rescue teams searching for two missing hikers near the summit.\n\nPhoto: Jane Roe/AFP\n\n" + BODY
    assert _lint(text) == ["Rescue teams searching for two missing hikers near the summit.", "Photo: Jane Roe/AFP"]


def test_labels_above_page_chrome_at_the_top_but_never_the_headline() -> None:
    text = "Culture & Society\nTrending\n\nFerry Timetable Changes\n\n" + BODY
    assert _lint(text) == ["Culture & Society", "Trending"]
    text = "Trending\n\nFerry Timetable Changes\n\n" + BODY
    assert _lint(text) == ["Trending"]
    text = "Ferry Timetable Changes\nShare\nTweet\n\n" + BODY
    assert _lint(text) == ["Share\nTweet"]


def test_a_fact_box_next_to_residue_is_content() -> None:
    text = BODY + "Key facts\nPopulation 4.2 million\nFounded in 1846\n\nShare this article\n"
    assert _lint(text) == ["Share this article"]


def test_credit_at_the_end_of_a_caption_line_is_cut_alone() -> None:
    text = BODY + "Delegates meeting in the harbour office. Image Source: Coast Times\n\n" + BODY
    assert _lint(text) == ["Image Source: Coast Times"]


def test_table_rows_are_content() -> None:
    table = "Year | Exports | Imports\n--- | --- | ---\nFirst Half | Rising | Falling\n"
    assert _lint("# Trade\n\n" + BODY + table + "\n" + BODY, "trade.md") == []
    assert _lint(BODY + "Analyst | Speaker | Founder of Example Labs\n") == ["Analyst | Speaker | Founder of Example Labs"]


def test_section_kicker_above_the_headline_is_one_block_and_spares_the_headline() -> None:
    text = "World\nBusiness\nSustainability\n\nFerry operator orders two electric boats\n\n" + BODY
    assert _lint(text) == ["World\nBusiness\nSustainability"]
    # One section name, or section names apart, may be the story's own kicker.
    assert _lint("Business\n\nFerry operator orders two electric boats\n\n" + BODY) == []
    assert _lint("World\n\nBusiness\n\nFerry operator orders two electric boats\n\n" + BODY) == []


def test_relative_time_is_cut_from_the_dateline_and_the_date_stays() -> None:
    text = BODY + "April 8, 2025 6:15 PM GMT+2 Updated 3 hours ago\n\n" + BODY
    assert _lint(text) == ["Updated 3 hours ago"]
    assert _lint(BODY + "Figures updated 3 hours ago showed a sharp rise.\n\n" + BODY) == []


def test_agency_credits_need_capitalised_names_and_a_non_byline_role() -> None:
    credit = "Reporting by Jane Roe in Dover and Ann Poe; Additional reporting by Tom Lee; Editing by Kay Orr"
    assert _lint(BODY + credit + "\n") == [credit]
    assert _lint(BODY + "(Editing by Kay Orr)\n") == ["(Editing by Kay Orr)"]
    assert _lint(BODY + "Reporting by Jane Roe\n") == []
    assert _lint(BODY + "Reporting by the coastguard showed the storm had passed; editing by hand was slow.\n") == []


def test_relative_time_leading_a_meta_line_but_not_a_sentence() -> None:
    assert _lint(BODY + "2 hours ago · 4 min read\n\n" + BODY) == ["2 hours ago · 4 min read"]
    assert _lint(BODY + "5 days ago - the council met\n\n" + BODY) == []


def _pattern_lines() -> list[str]:
    """Every line of the boilerplate fixtures and the seeds, and each rule's examples."""
    lines: list[str] = []
    for path in [*FIXTURES.rglob("*.md"), *FIXTURES.rglob("*.txt"), *SEEDS.rglob("*.md"), *SEEDS.rglob("*.txt")]:
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for rule in yaml.safe_load((ROOT / "rules" / "boilerplate.yaml").read_text(encoding="utf-8"))["rules"]:
        for example in (rule.get("example") or {}).values():
            lines += [line.strip() for line in str(example).splitlines() if line.strip()]
    return lines


def test_pattern_screens_never_skip_a_line_a_pattern_matches() -> None:
    """Prefix screening (partial matching) and required literals only skip patterns that
    cannot match: checked against every shipped pattern on real residue and prose."""
    from linter.detectors.boilerplate import PREFIX, BoilerplateDetector

    detector = next(d for d in Linter(Settings()).detectors if isinstance(d, BoilerplateDetector))
    lines = _pattern_lines()
    assert len(lines) > 500
    checked = 0
    for spec in detector.specs:
        for patterns in (spec.pattern, spec.exclude, spec.require):
            if patterns is None:
                continue
            for k, pattern in enumerate(patterns.compiled):
                literals = patterns.literals[k]
                for line in lines:
                    if pattern.search(line) is None:
                        continue
                    checked += 1
                    assert patterns.may_begin(k, line[:PREFIX]), (pattern.pattern, line)
                    assert literals is None or any(lit in line.casefold() for lit in literals), (pattern.pattern, line)
    assert checked > 100


def test_required_literals_of_typical_patterns() -> None:
    import regex

    from linter.matching import required_literals

    def lits(source: str) -> tuple[str, ...] | None:
        return required_literals(regex.compile(source))

    assert lits(r"pic\.twitter\.com/\w+") == ("pic.twitter.com/",)
    assert lits(r"(?r)(?<=[.!?]\s{1,3})(?:Getty Images|Shutterstock|Alamy(?: Stock Photo)?)$") == (
        "Alamy", "Getty Images", "Shutterstock")
    assert lits(r"(?i:\ball rights reserved\b|tous droits réservés)") == ("all rights reserved", "tous droits réservés")
    assert lits(r"https?://t\.co/") == ("://t.co/",)  # the optional "s" ends the first run
    assert lits(r"ab+c") == ("ab",)  # a repeated character ends a run
    assert lits(r"(?:foo)?bar|baz") == ("bar", "baz")
    assert lits(r"foo|\d+") is None  # one alternative needs no literal
    assert lits(r"(?:foo){0,2}") is None
    assert lits(r"(foo)\1") is None  # backreferences: not analysed
    assert lits(r"(?:foo){e<=1}") is None  # fuzzy matching
    assert lits(r"(?x)foo bar") is None  # verbose patterns


#: Gated patterns run only on lines holding what every match needs (a literal, folded
#: case, or a rare character), found for the whole document in one pass: each pair
#: is a line where the gate must open and the same line without the gate's key.
GATED = [
    ("boilerplate.embedded-post", "Ferry passengers queue at dawn. pic.twitter.com/Ab12Cd34",
     "pic.twitter.com/Ab12Cd34", "Ferry passengers queue at dawn. pic twitter com Ab12Cd34"),
    ("boilerplate.address", "E-mail: desk@harbourtimes.example",  # the character '@'
     "E-mail: desk@harbourtimes.example", "E-mail: desk at harbourtimes.example"),
    ("boilerplate.social-cta", "FOLLOW the Harbour Times on Twitter",  # literal 'follow', any case
     "FOLLOW the Harbour Times on Twitter", "Find the Harbour Times on Twitter"),
    ("boilerplate.navigation", "Home \u00bb Business \u00bb Ferries",
     "Home \u00bb Business \u00bb Ferries", "Home and Business and Ferries"),
    ("boilerplate.navigation", "Sign in | Register", "Sign in | Register", "Sign in and Register"),
    ("boilerplate.author-bio", "Analyst | Speaker | Founder of Example Labs",
     "Analyst | Speaker | Founder of Example Labs", "Analyst, Speaker, Founder of Example Labs"),
    # Digits (``\d`` or written out): any digit of any script opens the gate.
    ("boilerplate.glued-dateline", "June 4, 2025Officials said", "June 4, 2025Officials said",
     "June four, twentyOfficials said"),
    ("boilerplate.address", "Springfield, IL 62701", "Springfield, IL 62701", "Springfield, IL sixty"),
    ("boilerplate.address", "Springfield, IL \u0666\u0662\u0667\u0660\u0661",
     "Springfield, IL \u0666\u0662\u0667\u0660\u0661", "Springfield, IL"),
    # A long line: only the rules that take lines this long look at it.
    ("boilerplate.inline-credit",
     "Rescue teams were still searching for two missing hikers on Sunday evening, and officials said the "
     "weather would decide whether helicopters could fly at first light on Monday morning, when the wind "
     "is due to drop (Photo by Jane Roe) and the rain to ease.",
     "(Photo by Jane Roe)",
     "Rescue teams were still searching for two missing hikers on Sunday evening, and officials said the "
     "weather would decide whether helicopters could fly at first light on Monday morning, when the wind "
     "is due to drop, Photo by Jane Roe, and the rain to ease."),
]


@pytest.mark.parametrize("rule, opened, expected, closed", GATED, ids=[g[0] + ":" + g[3][:12] for g in GATED])
def test_a_gated_rule_fires_where_its_gate_opens_and_only_there(rule: str, opened: str, expected: str,
                                                                closed: str) -> None:
    linter = Linter(Settings(select=["boilerplate"]))
    for extra in ("", "Die Hauptstra\u00dfe bleibt gesperrt, sagte die Polizei am Montag.\n\n"):
        # The second article holds a character whose case folding is longer ("ß" ->
        # "ss"): gates are then found line by line, not in one pass over the document.
        found = linter.lint_text(BODY + opened + "\n\n" + extra + BODY, "article.txt").findings
        assert [(f.rule, f.match) for f in found] == [(rule, expected)]
        assert linter.lint_text(BODY + closed + "\n\n" + extra + BODY, "article.txt").findings == []


def test_a_gate_literal_is_found_through_case_folding() -> None:
    """'ſ' folds to 's' as the patterns' ignore-case matching does, though lower() keeps it."""
    assert _lint(BODY + "Tag\u017f: Harbour, Ferries\n\n" + BODY) == ["Tag\u017f: Harbour, Ferries"]
    assert _lint(BODY + "TAGS: Harbour, Ferries\n\n" + BODY) == ["TAGS: Harbour, Ferries"]
    assert _lint(BODY + "Bags: Harbour, Ferries\n\n" + BODY) == []
