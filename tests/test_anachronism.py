"""The anachronism category on dated articles of our own: each check, each exemption,
across many offices, each defect with a correct twin that must stay silent."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import ROOT, lint_json
from linter.config import Settings
from linter.engine import Linter

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def linter() -> Linter:
    # Only this pack: the library API lets a caller pick packs, and other packs'
    # state must not decide these tests.
    settings = Settings()
    settings.builtin_rules = False
    settings.rule_dirs = [ROOT / "rules" / "anachronism.yaml"]
    settings.today = TODAY
    return Linter(settings)


def findings(linter: Linter, text: str, name: str = "story.md") -> list:
    return linter.lint_text(text, name).findings


def by_rule(found: list, rule: str) -> list[str]:
    return [f.match for f in found if f.rule == rule]


DATED_2025 = """---
date: 2025-03-10
---
# Envoys meet in Riyadh as ceasefire talks resume

U.S. Secretary of State Antony Blinken met Russian Foreign Minister Sergei Lavrov in Riyadh on Monday,
the first such meeting in three years.

NATO Secretary General Jens Stoltenberg warned that any deal must include Kyiv. UN Secretary-General
António Guterres welcomed the talks, and British Prime Minister Rishi Sunak said London would be consulted.

Treasury Secretary Scott Bessent said sanctions would stay in place for now.
"""

TWIN_2025 = DATED_2025.replace("Antony Blinken", "Marco Rubio").replace("Jens Stoltenberg", "Mark Rutte") \
    .replace("Rishi Sunak", "Keir Starmer")


def test_not_in_office_across_offices(linter):
    found = findings(linter, DATED_2025)
    flagged = by_rule(found, "anachronism.not-in-office")
    assert flagged == [
        "U.S. Secretary of State Antony Blinken",
        "NATO Secretary General Jens Stoltenberg",
        "British Prime Minister Rishi Sunak",
    ]
    blinken = next(f for f in found if "Blinken" in f.match)
    assert blinken.level == "warning"
    assert "Marco Rubio" in blinken.message and "2021-01-26 to 2025-01-20" in blinken.message
    assert "on 2025-03-10" in blinken.message


def test_correct_holders_are_silent(linter):
    assert findings(linter, TWIN_2025) == []


def test_name_before_title_forms(linter):
    text = """---
date: 2023-06-01
---
Rishi Sunak, the prime minister, met Olaf Scholz on Thursday. Johnson, the British prime minister,
was not present. Sergei Lavrov, Russia's foreign minister, did not comment.
"""
    flagged = by_rule(findings(linter, text), "anachronism.not-in-office")
    assert flagged == ["Johnson, the British prime minister"]


def test_lower_bound_date_checks_the_whole_range(linter):
    # No dateline: the latest past date (March 3, 2025) is a lower bound.
    text = """Washington weighs new tariffs

On March 3, 2025, the White House announced a review of steel imports. President Joe Biden
said the review was overdue, while Vice President JD Vance defended it.
"""
    found = findings(linter, text, "tariffs.txt")
    assert by_rule(found, "anachronism.not-in-office") == ["President Joe Biden"]
    assert "between 2025-03-03 and 2026-11-23" in found[0].message


def test_lower_bound_keeps_a_holder_still_in_office_silent(linter):
    text = """Kremlin rejects proposal

The proposal was first floated on June 12, 2024. Kremlin spokesman Dmitry Peskov said Moscow
would not accept it, and President Vladimir Putin did not comment.
"""
    assert findings(linter, text, "kremlin.txt") == []


@pytest.mark.parametrize("phrase", [
    "Former Secretary of State Antony Blinken",
    "former U.S. Secretary of State Antony Blinken",
    "then-Secretary of State Antony Blinken",
    "Ex-Prime Minister Rishi Sunak",
    "the outgoing NATO Secretary General Jens Stoltenberg",
    "Antony Blinken, the former secretary of state,",
])
def test_exemption_cues_silence(linter, phrase):
    text = f"---\ndate: 2025-05-02\n---\nIn a speech on Friday, {phrase} called for restraint in the region.\n"
    assert findings(linter, text) == []


def test_incoming_acting_designate_are_silent(linter):
    text = """---
date: 2024-11-20
---
Incoming Secretary of State Marco Rubio met diplomats in Washington. Secretary of State-designate
Marco Rubio said little. Acting Prime Minister Keir Starmer is not a thing, but the acting title is exempt.
"""
    assert findings(linter, text) == []


def test_sentence_with_its_own_past_year_is_silent(linter):
    text = """---
date: 2025-07-04
---
In 2022, Secretary of State Antony Blinken said Russia's invasion would fail. Back in 2016,
Prime Minister David Cameron called the referendum. At the time, President Joe Biden backed Kyiv.
"""
    assert findings(linter, text) == []


def test_same_sentence_without_the_year_is_flagged(linter):
    text = "---\ndate: 2025-07-04\n---\nSecretary of State Antony Blinken said Russia's invasion would fail.\n"
    assert by_rule(findings(linter, text), "anachronism.not-in-office") == ["Secretary of State Antony Blinken"]


UNKNOWN = """---
date: 2025-07-04
---
# Beijing responds

China took a cautious line. Foreign Ministry spokesperson Zhou Binghai said Beijing respected the decisions
of other nations.

Kremlin spokesman Ivan Sokolov said Moscow had informed partners in advance.
"""


def test_unknown_holder_of_complete_offices(linter):
    found = findings(linter, UNKNOWN)
    assert by_rule(found, "anachronism.unknown-holder") == [
        "Foreign Ministry spokesperson Zhou Binghai", "Kremlin spokesman Ivan Sokolov"]
    first = found[0]
    assert "not a known holder" in first.message and "Mao Ning" in first.message


def test_known_spokespersons_are_silent(linter):
    text = UNKNOWN.replace("Zhou Binghai", "Mao Ning").replace("Ivan Sokolov", "Dmitry Peskov")
    assert findings(linter, text) == []


def test_unknown_name_needs_one_place_in_context(linter):
    # Two places in the sentence and paragraph: whose spokesperson is it? Stay silent.
    text = """---
date: 2025-07-04
---
Russia and China both reacted. Foreign Ministry spokesperson Zhang Wei said Moscow and Beijing agreed.
"""
    assert findings(linter, text) == []


def test_unknown_name_for_incomplete_office_is_silent(linter):
    # The State Department's spokesperson list is not complete (deputies brief too).
    text = "---\ndate: 2025-07-04\n---\nState Department spokesperson Jane Doherty said Washington was watching.\n"
    assert findings(linter, text) == []


def test_wrong_title_is_info(linter):
    text = """---
date: 2025-02-10
---
Russian Foreign Minister Dmitry Peskov told reporters that the talks would continue.
"""
    found = findings(linter, text)
    assert [(f.rule, f.level) for f in found] == [("anachronism.wrong-title", "info")]
    assert "Press Secretary of the President of Russia" in found[0].message


def test_right_title_twin_is_silent(linter):
    text = "---\ndate: 2025-02-10\n---\nKremlin spokesman Dmitry Peskov told reporters that the talks would continue.\n"
    assert findings(linter, text) == []


def test_other_offices_with_a_shared_title_word_are_ignored(linter):
    text = """---
date: 2025-09-20
---
UN General Assembly President Annalena Baerbock opened the session. Deputy Prime Minister Alexander Novak
and First Deputy Prime Minister Denis Manturov attended. The Prime Minister's office declined to comment.
"""
    assert findings(linter, text) == []


def test_no_date_gives_one_info_finding(linter):
    text = """Leaders gather for summit

Prime Minister Rishi Sunak arrived first, followed by President Joe Biden.
"""
    found = findings(linter, text, "undated.txt")
    assert [(f.rule, f.level) for f in found] == [("anachronism.no-date", "info")]
    assert "has no date" in found[0].message


def test_no_date_with_only_current_holders_is_silent(linter):
    text = "Talks continue\n\nUN Secretary-General António Guterres urged calm.\n"
    assert findings(linter, text, "undated.txt") == []


def test_accent_free_spelling_matches(linter):
    text = "---\ndate: 2012-05-01\n---\nUN Secretary-General Antonio Guterres urged calm.\n"
    found = findings(linter, text)
    assert by_rule(found, "anachronism.not-in-office") == ["UN Secretary-General Antonio Guterres"]
    assert "Ban Ki-moon" in found[0].message


def test_cli_reports_date_and_findings(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Published: July 4, 2025\n\nEU foreign policy chief Josep Borrell said the bloc disagreed.\n",
                    encoding="utf-8")
    report = lint_json(str(path), "--select", "anachronism")
    entry = report["files"][0]
    assert (entry["date"], entry["date_source"], entry["date_is_lower_bound"]) == ("2025-07-04", "dateline", False)
    assert [f["match"] for f in report["findings"]] == ["EU foreign policy chief Josep Borrell"]
    assert "Kaja Kallas" in report["findings"][0]["message"]


def test_cli_date_option_overrides(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Published: July 4, 2025\n\nEU foreign policy chief Josep Borrell said the bloc disagreed.\n",
                    encoding="utf-8")
    report = lint_json(str(path), "--select", "anachronism", "--date", "2021-05-01")
    assert report["findings"] == []
    assert report["files"][0]["date_source"] == "option"


def test_explain_documents_every_rule():
    from conftest import run_cli
    for rule in ("anachronism.not-in-office", "anachronism.unknown-holder", "anachronism.wrong-title",
                 "anachronism.no-date"):
        result = run_cli("explain", rule, "--format", "json")
        assert result.returncode == 0, result.stderr
        doc = json.loads(result.stdout)
        assert doc["why"] and doc["example"]["bad"] and doc["example"]["good"]


def test_unknown_name_in_a_headline_or_beside_another_place_is_silent(linter):
    text = """---
date: 2025-07-04
---
# Foreign Ministry Spokesperson Zhou Binghai Says Beijing Respects The Decision

Foreign Ministry spokesperson Jeff Liu said Taipei was watching Beijing closely.
"""
    assert findings(linter, text) == []


def test_china_top_diplomat_is_its_own_office(linter):
    # From 2023 Wang Yi is China's top diplomat as foreign-affairs commission chief,
    # though not foreign minister between Dec 2022 and July 2023.
    text = """---
date: 2023-04-20
---
China's top diplomat Wang Yi met European envoys. Chinese Foreign Minister Qin Gang hosted them.
"""
    assert findings(linter, text) == []
    assert by_rule(findings(linter, text.replace("Qin Gang", "Wang Yi")), "anachronism.not-in-office") == [
        "Chinese Foreign Minister Wang Yi"]


def test_wrong_title_needs_a_recorded_holder_at_the_date(linter):
    # Netanyahu was also foreign minister in 2016, a period the KB does not list: silence.
    gap = "---\ndate: 2016-03-01\n---\nIsraeli Foreign Minister Benjamin Netanyahu met envoys in Jerusalem.\n"
    assert findings(linter, gap) == []
    known = "---\ndate: 2023-03-01\n---\nBritish Foreign Secretary Rishi Sunak met envoys in London.\n"
    found = findings(linter, known)
    assert [(f.rule, f.match) for f in found] == [("anachronism.wrong-title", "British Foreign Secretary Rishi Sunak")]
    assert "James Cleverly" in found[0].message


def test_sentence_time_without_year_or_relative_is_used(linter):
    text = """---
date: 2025-07-04
---
In January, President Joe Biden signed a last batch of pardons. On January 10, 2025, Secretary of State
Antony Blinken gave a farewell speech. Last year, Prime Minister Rishi Sunak called an election.
"""
    assert findings(linter, text) == []


def test_sentence_with_an_earlier_time_the_person_did_not_hold_it_is_flagged(linter):
    text = "---\ndate: 2025-07-04\n---\nIn 2010, Secretary of State Antony Blinken visited Kabul.\n"
    found = findings(linter, text)
    assert by_rule(found, "anachronism.not-in-office") == ["Secretary of State Antony Blinken"]
    assert "in 2010" in found[0].message and "Hillary Clinton" in found[0].message


def test_unknown_name_under_an_explicit_head_of_state_title(linter):
    text = "---\ndate: 2024-05-02\n---\nRussian President Ivan Petrov signed the decree on Thursday.\n"
    found = findings(linter, text)
    assert by_rule(found, "anachronism.unknown-holder") == ["Russian President Ivan Petrov"]
    assert "Vladimir Putin" in found[0].message


@pytest.mark.parametrize("sentence", [
    # A generic title never takes its country from context.
    "President Aidar Bekov said Russia remained a partner.",
    "The chancellor, John Smith, told the university in Britain that fees would rise.",
    "Secretary-General Ahmed Aboul Gheit said the UN must act.",
    # A spelling the KB lacks: the holder's surname is in the name.
    "Indian Prime Minister Narendra Damodardas Modi opened the summit.",
    "Russian President Wladimir Putin opened the summit.",
])
def test_unknown_holder_stays_silent_when_unsure(linter, sentence):
    assert findings(linter, f"---\ndate: 2024-05-02\n---\n{sentence}\n") == []


def test_unique_title_without_a_place_does_not_flag_unknown_names(linter):
    # "Foreign Secretary" is also an Indian civil-service post.
    text = "---\ndate: 2025-05-02\n---\nForeign Secretary Vikram Misri briefed reporters in New Delhi.\n"
    assert findings(linter, text) == []


def test_white_house_and_military_offices(linter):
    text = """---
date: 2025-03-20
---
White House press secretary Karine Jean-Pierre told reporters the plan was on track. Ukraine's
commander-in-chief Oleksandr Syrskyi said the front was holding. White House press secretary Emily Carter
added that talks would resume, and FBI Director Christopher Wray declined to comment.
"""
    found = findings(linter, text)
    assert [(f.rule, f.match) for f in found] == [
        ("anachronism.not-in-office", "White House press secretary Karine Jean-Pierre"),
        ("anachronism.unknown-holder", "White House press secretary Emily Carter"),
        ("anachronism.not-in-office", "FBI Director Christopher Wray"),
    ]
    assert "Karoline Leavitt" in found[0].message and "Kash Patel" in found[2].message


def test_paragraph_told_in_the_past_is_silent(linter):
    text = """---
date: 2025-06-24
---
In June 2016 Britain voted to leave the European Union. Prime Minister David Cameron resigned the
next morning, and Chancellor George Osborne stayed out of sight.

Prime Minister David Cameron told reporters on Tuesday that the deal was done.
"""
    found = findings(linter, text)
    assert [f.match for f in found] == ["Prime Minister David Cameron"]
    assert found[0].line == 7


def test_title_of_place_forms(linter):
    text = """---
date: 2010-06-01
---
The Foreign Minister of Russia, Sergei Lavrov, met the President of Russia Vladimir Putin. The President
of the United States, Barack Obama, called the Prime Minister of Russia, Vladimir Putin.
"""
    assert by_rule(findings(linter, text), "anachronism.not-in-office") == ["President of Russia Vladimir Putin"]


def test_place_or_institution_after_a_title_is_no_unknown_name(linter):
    text = """---
date: 2024-03-01
---
A British Prime Minister Downing Street aide said no. The French President Elysee Palace officials agreed.
"""
    assert findings(linter, text) == []


def test_unknown_holder_not_judged_after_the_list_was_last_checked(linter):
    # The shipped lists are complete to a date; a 2026 article may name a newer holder.
    text = "---\ndate: 2026-06-01\n---\nKremlin spokesman Ivan Sokolov said Moscow had informed partners.\n"
    assert findings(linter, text) == []


def test_title_inside_another_institution_name_is_ignored(linter):
    text = "---\ndate: 2024-04-01\n---\nElection Commission chief Rajiv Kumar announced the polling dates in New Delhi.\n"
    assert findings(linter, text) == []


@pytest.mark.parametrize("sentence", [
    "In 1987, U.S. President Ronald Reagan stood at the Brandenburg Gate.",
    "Back in 1995, Chinese Foreign Ministry spokesperson Shen Guofang said the talks had failed.",
])
def test_sentences_set_before_the_kb_are_not_judged(linter, sentence):
    text = f"---\ndate: 2024-05-02\n---\nA look back\n\n{sentence} Historians still debate it.\n"
    assert findings(linter, text) == []


def test_an_anachronistic_speaker_links_the_quote(tmp_path):
    from conftest import run_cli
    path = tmp_path / "story.txt"
    path.write_text("Published: July 4, 2025\n\nSecretary of State Antony Blinken called it “a dangerous "
                    "precedent that undermines collective efforts.” The talks continue.\n", encoding="utf-8")
    finding = lint_json(str(path), "--select", "anachronism")["findings"][0]
    assert finding["rule"] == "anachronism.not-in-office"
    assert finding["data"]["quotes"] == ["a dangerous precedent that undermines collective efforts."]
    related = finding["related"][0]
    assert path.read_text(encoding="utf-8")[related["start"]:related["end"]].startswith("“a dangerous precedent")
    sarif = json.loads(run_cli("check", str(path), "--select", "anachronism", "--format", "sarif",
                               "--no-config", "--fail-on", "never").stdout)
    assert sarif["runs"][0]["results"][0]["relatedLocations"][0]["message"]["text"] == "quote attributed under this title"
