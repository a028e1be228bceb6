"""The consistency category: cross-article names, titles, quotes, figures; spelling within one.

Each corpus below is a handful of short, realistic news articles written for these
tests. Every check has a twin that must stay silent: different people who share a
surname, a spelling used as often as its rival, a shortened or ellipsised quote, a
hedged or still-rising death toll, British text using -ize throughout.
"""
from __future__ import annotations

import difflib
import json
import os
import random
import re
from pathlib import Path

import pytest

from conftest import lint_json, run_cli
from linter.config import Settings
from linter.consistency import altered_quotes as aq
from linter.consistency import figures
from linter.consistency.people import persons
from linter.consistency.summary import (Person, QuoteRecord, Summary, pack_people, pack_quotes, people_of,
                                        quotes_of)
from linter.detectors.consistency import ConsistencyDetector
from linter.engine import Linter
from linter import names
from linter.names import Piece, Title
from linter.names import people as read_people
from linter.rules import builtin_rules_dir, load_rules

EMBASSY_1 = """\
Kenya opens embassy in Oslo as trade ties deepen

Kenya's new ambassador to Norway, Mohammed Abdi Farah, presented his credentials to King Harald on Tuesday, \
completing a process that began when Nairobi announced the mission last year.

"The opening of this embassy will strengthen the partnership between our two nations in trade, education and \
climate research," the Kenyan foreign ministry said in a statement.

Norway's ambassador to Kenya, Lars Berge, welcomed the move and said Norwegian companies were ready to invest \
in geothermal energy in the Rift Valley.
"""

EMBASSY_2 = """\
Nairobi and Oslo upgrade diplomatic ties

The Kenyan foreign ministry confirmed on Tuesday that Mohammed Abdi Farah, Kenya's new ambassador to Norway, \
had formally taken up his post.

"The opening of this embassy will strengthen the partnership between our two nations in trade, education and \
climate research," the ministry said, adding that direct flights were under discussion.

Speaking in Nairobi, Norway's ambassador to Kenya, Lars Berge, said the two governments would sign a tax treaty \
before the end of the year.
"""

EMBASSY_3 = """\
Kenya's mission in Norway begins work

Kenya's new ambassador to Norway, Mohamed Abdi Farah, arrived in Oslo this week, according to officials.

"The opening of this embassy will deepen the partnership between our two nations in trade, education and \
energy research," the foreign ministry said.

Norwegian special envoy Lars Berge said the embassy would help Kenyan students apply to Norwegian universities.
"""


def _corpus(tmp_path: Path, **articles: str) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    for name, text in articles.items():
        (folder / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return folder


PACK = builtin_rules_dir() / "consistency.yaml"


@pytest.fixture(autouse=True)
def _only_this_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the shipped consistency pack alone, so other packs cannot change the result."""
    config = tmp_path / "consistency-only.yaml"
    config.write_text(f"builtin_rules: false\nrules: ['{PACK}']\n", encoding="utf-8")
    monkeypatch.setenv("CONSISTENCY_TEST_CONFIG", str(config))


def _config() -> list[str]:
    return ["--config", os.environ["CONSISTENCY_TEST_CONFIG"]]


def _findings(*args: str) -> list[dict]:
    return lint_json(*args, *_config(), "--select", "consistency")["findings"]


def _by_rule(findings: list[dict], rule: str) -> list[dict]:
    return [f for f in findings if f["rule"] == rule]


# ----- cross-article ----------------------------------------------------------------
def test_corpus_reports_minority_name_title_and_quote(tmp_path: Path):
    folder = _corpus(tmp_path, a1_txt=EMBASSY_1, a2_txt=EMBASSY_2, a3_txt=EMBASSY_3)
    findings = _findings(str(folder))
    assert {f["path"].rsplit("/", 1)[-1] for f in findings} == {"a3.txt"}

    [name] = _by_rule(findings, "consistency.name-variant")
    assert name["match"] == "Mohamed Abdi Farah"
    assert name["suggestion"] == "Mohammed Abdi Farah"
    assert "a1.txt" in name["message"] and "a2.txt" in name["message"]
    assert {r["path"].rsplit("/", 1)[-1] for r in name["related"]} == {"a1.txt", "a2.txt"}
    related_text = (folder / "a1.txt").read_text()
    first = name["related"][0] if name["related"][0]["path"].endswith("a1.txt") else name["related"][1]
    assert related_text[first["start"]:first["end"]] == "Mohammed Abdi Farah"

    [title] = _by_rule(findings, "consistency.title-conflict")
    assert title["level"] == "info"
    assert title["match"] == "Norwegian special envoy"
    assert "Lars Berge" in title["message"]

    [quote] = _by_rule(findings, "consistency.altered-quote")
    text = (folder / "a3.txt").read_text()
    assert text[quote["start"]:quote["end"]] == quote["match"]
    assert quote["match"].startswith("deepen") and quote["match"].endswith("energy")
    assert "strengthen" in quote["message"] and "climate" in quote["message"]


def test_single_article_and_no_corpus_report_nothing_across(tmp_path: Path):
    folder = _corpus(tmp_path, a1_txt=EMBASSY_1, a2_txt=EMBASSY_2, a3_txt=EMBASSY_3)
    assert _findings(str(folder / "a3.txt")) == []
    assert _findings(str(folder), "--no-corpus") == []


def test_corpus_flag_runs_checks_on_one_file(tmp_path: Path):
    # One file is a corpus of one: no other article, so nothing to disagree with.
    folder = _corpus(tmp_path, a3_txt=EMBASSY_3)
    assert _findings(str(folder / "a3.txt"), "--corpus") == []


def test_tie_between_spellings_names_no_culprit(tmp_path: Path):
    folder = _corpus(tmp_path, a1_txt=EMBASSY_1, a3_txt=EMBASSY_3)
    assert _findings(str(folder)) == []


HASSAN_AMBASSADOR = """\
Egypt and Kenya sign water pact

Egypt's ambassador to Kenya, Omar Hassan, signed a memorandum on Nile basin data sharing in Nairobi on Monday.
"We want every drop to be counted," Hassan said at the ceremony.
"""

HASSAN_AMBASSADOR_2 = """\
Cairo envoy pushes Nile data deal

Speaking after the signing, Egypt's ambassador to Kenya, Omar Hassan, said technical teams would meet monthly.
"""

HASSAN_MINISTER = """\
Somalia's budget passes parliament

Somali Finance Minister Omer Hassan told lawmakers in Mogadishu that the budget would cut the deficit by half.
"""


MERGER_1 = """\
Nordvik Energy agrees merger with Baltic Grid

Nordvik Energy chief executive Maria Lindqvist said on Monday that the merger would be completed by March.
"This merger creates a stronger company for our customers and for the people who work here," Lindqvist said.

Norway's finance minister, Jonas Berg, welcomed the deal. Former finance minister Erik Berg called it overdue.
"""

MERGER_2 = """\
Investors cheer Nordvik deal

Maria Lindqvist, Nordvik Energy's CEO, told analysts the combined company would cut prices next year.
"This merger creates a stronger company for our customers," she said, declining to discuss job cuts.

Finance Minister Jonas Berg said the government would not block the deal. President-elect Anne Holm did not comment.
"""

MERGER_3 = """\
What the Nordvik merger means for bills

Nordvik CEO Maria Lindqvist has promised lower prices. "This merger creates a stronger company for our \
customers and for the people who work here," Ms. Lindqvist said on Monday.

Jonas Berg, the finance minister, said competition rules had been respected, and Anne Holm, the president-elect, \
said she would review the decision.
"""


def test_consistent_corpus_with_varied_references_is_silent(tmp_path: Path):
    # CEO / chief executive, a partial quote, a former minister sharing a surname,
    # a president-elect: all consistent.
    folder = _corpus(tmp_path, m1_txt=MERGER_1, m2_txt=MERGER_2, m3_txt=MERGER_3)
    assert _findings(str(folder)) == []


def test_similar_names_in_different_roles_stay_silent(tmp_path: Path):
    folder = _corpus(tmp_path, h1_txt=HASSAN_AMBASSADOR, h2_txt=HASSAN_AMBASSADOR_2, h3_txt=HASSAN_MINISTER)
    assert _by_rule(_findings(str(folder)), "consistency.name-variant") == []


def test_short_form_of_a_name_is_not_a_variant(tmp_path: Path):
    short = EMBASSY_3.replace("Mohamed Abdi Farah", "Mohammed Farah")
    folder = _corpus(tmp_path, a1_txt=EMBASSY_1, a2_txt=EMBASSY_2, a3_txt=short)
    assert _by_rule(_findings(str(folder)), "consistency.name-variant") == []


def test_shortened_and_ellipsised_quotes_agree(tmp_path: Path):
    partial = EMBASSY_3.replace(
        '"The opening of this embassy will deepen the partnership between our two nations in trade, education and '
        'energy research,"',
        '"The opening of this embassy will strengthen the partnership between our two nations ... in trade,"')
    folder = _corpus(tmp_path, a1_txt=EMBASSY_1, a2_txt=EMBASSY_2, a3_txt=partial)
    assert _by_rule(_findings(str(folder)), "consistency.altered-quote") == []


def test_quote_restyled_to_british_spelling_is_not_altered(tmp_path: Path):
    american = "climate research, which our government has prioritized,\""
    british = EMBASSY_3.replace("will deepen the partnership", "will strengthen the partnership")
    british = british.replace("energy research,\"", "climate research, which our government has prioritised,\"")
    folder = _corpus(tmp_path, a1_txt=EMBASSY_1.replace("climate research,\"", american),
                     a2_txt=EMBASSY_2.replace("climate research,\"", american), a3_txt=british)
    assert "prioritised" in (folder / "a3.txt").read_text()
    assert _by_rule(_findings(str(folder)), "consistency.altered-quote") == []


def test_markdown_link_inside_a_quote_is_not_a_word(tmp_path: Path):
    linked = EMBASSY_3.replace("will deepen the partnership", "will [strengthen](https://example.org/k) the partnership")
    linked = linked.replace("and energy research", "and climate research")
    folder = _corpus(tmp_path, a1_txt=EMBASSY_1, a2_txt=EMBASSY_2, a3_md=linked)
    assert _by_rule(_findings(str(folder)), "consistency.altered-quote") == []


def _dated(date: str, text: str) -> str:
    return f"---\ndate: {date}\n---\n{text}"


def test_titles_far_apart_in_time_are_not_compared(tmp_path: Path):
    # A year later the same person may well hold another post.
    folder = _corpus(tmp_path, a1_md=_dated("2024-01-10", EMBASSY_1), a2_md=_dated("2024-01-11", EMBASSY_2),
                     a3_md=_dated("2025-03-01", EMBASSY_3))
    findings = _findings(str(folder))
    assert _by_rule(findings, "consistency.title-conflict") == []
    assert _by_rule(findings, "consistency.name-variant") != []


def test_compatible_titles_do_not_conflict(tmp_path: Path):
    same = EMBASSY_3.replace("Norwegian special envoy Lars Berge", "Norwegian Ambassador Lars Berge")
    folder = _corpus(tmp_path, a1_txt=EMBASSY_1, a2_txt=EMBASSY_2, a3_txt=same)
    assert _by_rule(_findings(str(folder)), "consistency.title-conflict") == []


def _bombing(date: str, toll: str, extra: str = "") -> str:
    return f"""\
---
date: {date}
---
# Riverside Mall families mark anniversary

Relatives gathered in Port Harcourt on Sunday to remember the victims of the Riverside Mall bombing on \
3 May 2021, which killed {toll} people and injured dozens more.

{extra}The state government has promised a permanent memorial near the site.
"""


def test_settled_death_toll_that_differs_is_reported(tmp_path: Path):
    folder = _corpus(tmp_path, b1_md=_bombing("2024-05-04", "44"), b2_md=_bombing("2024-05-05", "44"),
                     b3_md=_bombing("2024-05-05", "41"))
    [figure] = _by_rule(_findings(str(folder)), "consistency.figure-conflict")
    assert figure["path"].endswith("b3.md")
    assert figure["match"] == "41"
    assert "44" in figure["message"]


def test_event_put_on_another_day_is_reported(tmp_path: Path):
    wrong = _bombing("2024-05-05", "44").replace("bombing on 3 May 2021", "bombing on 4 May 2021")
    folder = _corpus(tmp_path, b1_md=_bombing("2024-05-04", "44"), b2_md=_bombing("2024-05-05", "44"), b3_md=wrong)
    [figure] = _by_rule(_findings(str(folder)), "consistency.figure-conflict")
    assert figure["path"].endswith("b3.md")
    assert figure["match"] == "4 May 2021"
    assert "3 May 2021" in figure["message"] and "bombing" in figure["message"]


@pytest.mark.parametrize("toll, when", [("at least 41", "2024-05-05"), ("41", "2021-05-04")])
def test_hedged_or_unfolding_tolls_are_not_compared(tmp_path: Path, toll: str, when: str):
    folder = _corpus(tmp_path, b1_md=_bombing(when, "44"), b2_md=_bombing(when, "44"),
                     b3_md=_bombing(when, toll))
    assert _by_rule(_findings(str(folder)), "consistency.figure-conflict") == []


def test_sarif_carries_related_locations(tmp_path: Path):
    folder = _corpus(tmp_path, a1_txt=EMBASSY_1, a2_txt=EMBASSY_2, a3_txt=EMBASSY_3)
    result = run_cli("check", str(folder), "--select", "consistency", "--format", "sarif", *_config(),
                     "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)["runs"][0]["results"]
    variant = next(r for r in results if r["ruleId"] == "consistency.name-variant")
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1]
            for loc in variant["relatedLocations"]}
    assert uris == {"a1.txt", "a2.txt"}


# ----- within one article -------------------------------------------------------------
MINISTER = """\
Poland backs grain corridor

Foreign Minister Anna Kowalczyk said on Friday that Poland would fund rail links to the Black Sea ports.

Anna Kowalczyk told reporters in Warsaw that the first trains could run by autumn. Critics said the \
plan ignored farmers, but Anna Kowalcyk said compensation would follow.
"""


def test_name_spelt_two_ways_in_one_article(article):
    findings = _findings(str(article(MINISTER)))
    [finding] = _by_rule(findings, "consistency.name-spelling")
    assert finding["match"] == "Anna Kowalcyk"
    assert "Anna Kowalczyk" in finding["message"]


def test_titled_surname_spelt_differently_from_the_full_name(article):
    text = MINISTER.replace("but Anna Kowalcyk said", "but Minister Kowalcyk said")
    [finding] = _by_rule(_findings(str(article(text))), "consistency.name-spelling")
    assert finding["match"] == "Kowalcyk"


def test_two_transliterations_in_one_article(article):
    text = ("Qatar's trade minister Kamal Qaradawi arrived in Ankara on Monday. Kamal Qaradawi "
            "said talks would focus on gas. Later, Kamal Karadawi told reporters the visit was useful.\n")
    [finding] = _by_rule(_findings(str(article(text))), "consistency.name-spelling")
    assert finding["match"] == "Kamal Karadawi"


def test_different_names_with_one_sound_are_not_a_misspelling(article):
    text = ("Iraqi Trade Minister Ali Hassan met Ali Hussein, the head of the port authority, in Basra. "
            "Ali Hassan said exports would rise. Ali Hussein said the port was ready.\n")
    assert _by_rule(_findings(str(article(text))), "consistency.name-spelling") == []


def test_relatives_with_one_surname_are_not_a_misspelling(article):
    text = MINISTER.replace("but Anna Kowalcyk said", "but her brother, Piotr Kowalczyk, said")
    assert _by_rule(_findings(str(article(text))), "consistency.name-spelling") == []


SPELLING = """\
Council backs flood plan

The council recognised the risk to riverside homes last winter and has organised three public meetings since.

Officials said the plan, recognised by insurers as sound, would be finalised in June. The mayor said the scheme \
was recognized nationally as a model.
"""


def test_same_word_in_two_spelling_conventions(article):
    findings = _by_rule(_findings(str(article(SPELLING))), "consistency.spelling-convention")
    assert [f["match"] for f in findings] == ["recognized"]
    assert findings[0]["level"] == "info"
    assert findings[0]["suggestion"] == "recognised"


def test_spelling_inside_a_link_is_not_prose(article):
    text = SPELLING.replace("was recognized nationally as a model.",
                            "was praised (see https://example.org/flood-plan-recognized) as a model.")
    assert _by_rule(_findings(str(article(text))), "consistency.spelling-convention") == []


def test_oxford_spelling_is_not_mixed(article):
    # British -ise next to a different -ize word is a house style, not a slip.
    text = SPELLING.replace("was recognized nationally", "was emphasized nationally")
    assert _by_rule(_findings(str(article(text))), "consistency.spelling-convention") == []


def test_library_api_result_does_not_depend_on_file_order():
    settings = Settings(builtin_rules=False, rule_dirs=[PACK])
    linter = Linter(settings)
    texts = {"a1.txt": EMBASSY_1, "a2.txt": EMBASSY_2, "a3.txt": EMBASSY_3}

    def run(order: list[str]) -> list[tuple[str, str, int]]:
        results = [linter.lint_text(texts[name], name) for name in order]
        linter.run_corpus(results)
        return sorted((f.path, f.rule, f.start) for r in results for f in r.findings)

    forward = run(["a1.txt", "a2.txt", "a3.txt"])
    assert forward == run(["a3.txt", "a2.txt", "a1.txt"])
    assert {path for path, _, _ in forward} == {"a3.txt"}


# ----- rules and scale ------------------------------------------------------------------
def test_bad_check_name_is_a_one_line_rule_error(tmp_path: Path):
    pack = tmp_path / "rules"
    pack.mkdir()
    (pack / "mine.yaml").write_text(
        "rules:\n  - id: consistency.mine\n    category: consistency\n    level: info\n"
        "    message: m\n    type: consistency\n    check: everything\n")
    (tmp_path / "a.txt").write_text("Hello.\n")
    result = run_cli("check", "a.txt", "--rules", str(pack), *_config(), cwd=tmp_path)
    assert result.returncode == 2
    assert "mine.yaml:7" in result.stderr and "'check' must be one of" in result.stderr


def _synthetic_corpus(count: int, seed: int = 7) -> list[tuple[str, Summary]]:
    """Summaries shaped like real ones: six people per article drawn from a pool of
    20,000, each with a fixed office and country (one use in fifty gives another
    office), a head of state in 40% of articles, quotes repeated verbatim across a
    topic's articles, and one stock quote in every article."""
    rng = random.Random(seed)
    given = ["amir", "sara", "omar", "lena", "ivan", "mei", "raj", "ana", "yusuf", "eva"]
    surnames = ["".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(2000)]
    offices = ["minister", "ambassador", "president", "spokesperson", "governor"]
    countries = ["kenya", "norwa", "egypt", "chile", "japan", "india", "peru", "ghana"]
    pool = [((given[i % 10], surnames[i // 10]), offices[i % 5], countries[i % 8]) for i in range(20_000)]

    def span(text: str) -> Piece:
        return Piece(0, 1, 1, text)

    def person(key: tuple[str, str], office: str, country: str) -> Person:
        title = Title(office, (), (), (country,), (), False, span(office.title()))
        return Person(key, (span(" ".join(key)),), (title,))

    usual = [person(*entry) for entry in pool]
    odd = [person(key, offices[(offices.index(office) + 1) % 5], country) for key, office, country in pool]
    head = person(("anna", "head"), "president", "kenya")
    stock = QuoteRecord(span("thank you all for coming today and for your patience with us this morning"), None)
    topics = [QuoteRecord(span(f"we will keep working with our partners on topic {t} for as long as it takes"), None)
              for t in range(count // 20 + 1)]
    out = []
    for i in range(count):
        people = [(odd if rng.random() < 0.02 else usual)[rng.randrange(len(pool))] for _ in range(6)]
        if rng.random() < 0.4:
            people.append(head)
        quotes = (rng.choice(topics), stock)
        out.append((f"a{i}.txt", Summary("2024-01-01", False, tuple(people), quotes, ())))
    return out


def test_corpus_phase_scales_to_many_articles():
    # Not a timing test: 50,000 articles must simply complete, which a quadratic
    # comparison could not. Blocking keys and capped postings keep it linear.
    rules = load_rules([builtin_rules_dir() / "consistency.yaml"])
    detector = ConsistencyDetector([(r, ConsistencyDetector.prepare(r)) for r in rules])
    items = _synthetic_corpus(50_000)
    findings = list(detector.check_corpus(items))
    assert all(f.category == "consistency" for f in findings)


# ----- fast paths that must agree with the plain algorithms ------------------------------
def test_alignment_matches_difflib():
    """``compare`` re-implements difflib's alignment (index built once per wording, one
    pass for both directions): same blocks both ways, same verdicts."""
    rng = random.Random(3)
    for _ in range(3000):
        alphabet = [str(c) for c in range(rng.choice([2, 3, 6, 20]))] + [aq.GAP]
        a = tuple(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        b = list(a)
        for _ in range(rng.randint(0, 5)):
            at = rng.randrange(len(b) + 1)
            if rng.random() < 0.4:
                b.insert(at, rng.choice(alphabet))
            elif b:
                b[min(at, len(b) - 1)] = rng.choice(alphabet)
        b = tuple(b)
        blocks = [tuple(m) for m in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if m.size]
        found = aq._matching_blocks(a, b, aq.positions(b))
        if max((k for _, _, k in blocks), default=0) < aq.SHINGLE + 1:
            assert found is None
            continue
        assert found is not None and found[0] == blocks
        reverse = [tuple(m) for m in difflib.SequenceMatcher(None, b, a, autojunk=False).get_matching_blocks() if m.size]
        if found[1] is None:
            assert [(j, i, k) for i, j, k in found[0]] == reverse
        else:
            assert aq._reverse(b, aq.positions(a), found[1]) == reverse


def test_contained_wording_matches_the_alignment():
    """A wording that is a run of the other (a partial quote) skips the alignment: same
    blocks as ``_matching_blocks`` (which difflib's test above pins), both ways."""
    rng = random.Random(4)
    hits = 0
    for _ in range(3000):
        alphabet = [str(c) for c in range(rng.choice([2, 3, 6, 20]))] + [aq.GAP]
        a = tuple(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        b = a
        if rng.random() < 0.8:
            b = (tuple(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) + a
                 + tuple(rng.choice(alphabet) for _ in range(rng.randint(0, 8))))
        if rng.random() < 0.3:
            a = a[:-1] + tuple(rng.choice(alphabet) for _ in range(1))
        if rng.random() < 0.5:
            a, b = b, a
        found = aq._contained(a, b, aq.joined(a), aq.joined(b))
        if found is None:
            assert not (min(len(a), len(b)) > aq.SHINGLE and (aq.joined(a) in aq.joined(b) or aq.joined(b) in aq.joined(a)))
            continue
        hits += 1
        aligned = aq._matching_blocks(a, b, aq.positions(b))
        assert aligned is not None and found[0] == aligned[0] and found[1] is None
        if aligned[1] is not None:  # a tie the reverse alignment breaks the same way
            assert aq._reverse(b, aq.positions(a), aligned[1]) == [(j, i, k) for i, j, k in found[0]]
    assert hits > 1000


def test_lead_prefilter_never_skips_a_text_the_pattern_matches():
    """The cheap test before ``_LEAD`` never skips a text ``_LEAD`` matches."""
    rng = random.Random(11)
    atoms = ["Ab", "c", " ", "  ", "De", "'s", "-", "X", "\n", ",", "\u00c9t", "to ", "for ", "the ", "Minister ", "1"]
    for _ in range(20000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 14)))
        for base in range(len(text) + 1):
            if names._LEAD.search(text, max(0, base - 40), base):
                assert text[base - 1:base].isspace()
                assert text[max(0, base - 40):base].rstrip().endswith(("to", "for", "the"))


def test_shingle_passes_count_the_same(monkeypatch: pytest.MonkeyPatch):
    rng = random.Random(5)
    words = [f"w{i}" for i in range(60)]
    wordings = [aq._Wording(tuple(rng.choice(words) for _ in range(rng.randint(6, 30))), None) for _ in range(300)]
    whole = aq._shared_shingles(wordings)
    monkeypatch.setattr(aq, "SHINGLES_PER_PASS", 500)
    assert aq._shared_shingles(wordings) == whole


def test_full_dates_match_the_year_scan():
    """Dates found from month names equal those found by scanning every year."""
    year = re.compile(r"\b(?:19|20)\d\d\b")
    ending = re.compile(rf"(?:\d{{1,2}} {figures._MONTH},? |{figures._MONTH} \d{{1,2}}, )(?:19|20)\d\d$")
    rng = random.Random(9)
    atoms = ["May ", "June ", "1", "12", "3 ", " ", ", ", "2021", "1999", "20", "x", "Mayo ", "19", ",",
             "May 3, 2020", "12 May 2021", "\n", "September ", "13, ", "2012", "\u00e9"]
    for _ in range(20000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 15)))
        expected = [m.span() for y in year.finditer(text)
                    if (m := ending.search(text, max(0, y.start() - 20), y.end()))]
        assert [m.span() for m in figures._full_dates(text)] == expected


def test_packed_summaries_round_trip():
    linter = Linter(Settings(builtin_rules=False, rule_dirs=[PACK]))
    doc = linter.document(EMBASSY_1 + EMBASSY_3, "a.txt")
    found = persons(read_people(doc))
    assert found and people_of(pack_people(found)) == found
    detector = next(d for d in linter.detectors if d.name == "consistency")
    summary = detector.extract(doc)
    assert isinstance(summary.quotes, bytes) and isinstance(summary.people, bytes)
    rows = quotes_of(summary.quotes)
    records = [QuoteRecord(Piece(*span), speaker, prose) for span, speaker, prose in rows]
    assert pack_quotes(records) == summary.quotes
    assert all(doc.text[r.span.start:r.span.end] == r.span.text for r in records)
