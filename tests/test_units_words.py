"""Currency words ("17,002 lira ($715)") and period phrases in changes, through the CLI.

Each form has an article in ``tests/fixtures/units_words/<name>.bad.txt`` with one wrong
figure and a twin ``<name>.good.txt`` that differs only there. Rates are the ECB's of
2024-08-05 (about 33.4 lira, 84.2 rupees, 19.7 pesos per dollar; 1.28 dollars per pound).
A currency word the article does not tie to one country, or a currency without a bundled
rate, must stay silent.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from linter.config import Settings
from linter.engine import Linter
from linter.quantities import extract

from conftest import ROOT, lint_json

FIXTURES = ROOT / "tests" / "fixtures" / "units_words"
DATE = "2024-08-05"

#: fixture -> (rule, flagged text, words the message must show)
CASES = {
    "lira": ("units.currency-conversion", "$715", ["17,002 lira x 0.02997 USD/TRY", "$510"]),
    "rupees": ("units.currency-conversion", "$63 million", ["3 billion rupees x 0.01188 USD/INR", "$35.7 million"]),
    "pounds": ("units.currency-conversion", "$31 million", ["40 million pounds x 1.277 USD/GBP", "$51.1 million"]),
    "pesos": ("units.currency-conversion", "$150 million", ["2 billion pesos x 0.05067 USD/MXN", "$101 million"]),
    "period_change": ("units.change-mismatch", "17.7%", ["$11.5 billion -> $12.4 billion", "+7.83%"]),
}


def units_findings(path: Path, date: str = DATE) -> list[dict]:
    report = lint_json(str(path), "--select", "units", "--date", date)
    return [f for f in report["findings"] if f["category"] == "units"]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_wrong_figure_is_flagged_with_the_arithmetic(name: str) -> None:
    rule, match, shown = CASES[name]
    findings = units_findings(FIXTURES / f"{name}.bad.txt")
    assert [(f["rule"], f["match"]) for f in findings] == [(rule, match)]
    for words in shown:
        assert words in findings[0]["message"]
    text = (FIXTURES / f"{name}.bad.txt").read_text(encoding="utf-8")
    assert text[findings[0]["start"]:findings[0]["end"]] == match


@pytest.mark.parametrize("name", sorted(CASES))
def test_correct_twin_stays_silent(name: str) -> None:
    bad = (FIXTURES / f"{name}.bad.txt").read_text(encoding="utf-8")
    good = (FIXTURES / f"{name}.good.txt").read_text(encoding="utf-8")
    assert bad != good
    assert units_findings(FIXTURES / f"{name}.good.txt") == []


def test_numbers_heavy_article_with_currency_words_stays_silent() -> None:
    """Shillings (no bundled rate), lira in a story naming Lebanon and Turkey, pounds of
    weight, "7 won" in a chess score, and correct yen and euro conversions."""
    assert units_findings(FIXTURES / "clean_currency_words.txt") == []


def test_lira_without_one_country_stays_silent(tmp_path: Path) -> None:
    """Turkish or Lebanese lira? Both countries are named, so no rate is assumed."""
    text = ("Traders in Beirut and Istanbul said the price of bread had reached 17,002 lira ($715), "
            "a record, as Lebanon and Turkey both battle inflation.\n")
    assert units_findings(_write(tmp_path, text)) == []


def test_lira_without_any_country_stays_silent(tmp_path: Path) -> None:
    text = "The monthly wage is 17,002 lira ($715), the union said.\n"
    assert units_findings(_write(tmp_path, text)) == []


def test_currency_without_a_bundled_rate_stays_silent(tmp_path: Path) -> None:
    """The Kenyan shilling is not among the ECB reference rates: a wrong figure is not provable."""
    text = "Kenya's treasury set aside 25 billion shillings ($900 million) for drought relief in Nairobi.\n"
    assert units_findings(_write(tmp_path, text)) == []


def test_pounds_of_weight_are_not_converted_as_money(tmp_path: Path) -> None:
    text = "In London, the winning pumpkin weighed 1,200 pounds (544 kg), the British fair's organisers said.\n"
    assert units_findings(_write(tmp_path, text)) == []


def test_lebanese_pound_cue_picks_a_currency_without_rate(tmp_path: Path) -> None:
    """Pounds in a Beirut story are Lebanese: no ECB rate, so a sterling rate is never used."""
    text = "In Beirut, a teacher earns 9 million pounds ($100) a month, the Lebanese union said.\n"
    assert units_findings(_write(tmp_path, text)) == []


@pytest.mark.parametrize("text, unit", [
    ("It costs 17,002 lira.", ""),
    ("Spending of 25 billion shillings was approved.", ""),
    ("A loan of 3 billion rupees was signed.", ""),
    ("The bank sold 500 million naira of bonds.", "NGN"),
    ("Poland raised 4 billion zlotys.", "PLN"),
    ("An extra budget of 13 trillion yen passed.", "JPY"),
    ("Exports reached 57 trillion won.", ""),
    ("Farmers get 500 million euros.", "EUR"),
])
def test_currency_words_are_read_as_money(text: str, unit: str) -> None:
    """Ambiguous words are money of unknown currency until the article settles the code."""
    doc = Linter(Settings()).document(text + "\n", "a.txt")
    found = [q for q in extract(doc) if q.kind != "year"]
    assert [(q.kind, q.unit) for q in found] == [("currency", unit)]


@pytest.mark.parametrize("text", [
    "The champion had 7 won and 2 drawn.",
    "A 2019 Rand study found the same.",
])
def test_words_that_are_not_money_here_are_not_read_as_money(text: str) -> None:
    doc = Linter(Settings()).document(text + "\n", "a.txt")
    assert all(q.kind != "currency" for q in extract(doc))


@pytest.mark.parametrize("period", ["in the first half", "in July", "last year", "in 2023", "this quarter",
                                    "in the three months to June", "in fiscal 2024"])
def test_change_allows_a_period_phrase_between_figure_and_change(tmp_path: Path, period: str) -> None:
    bad = f"Revenue reached $5 billion {period}, up 25% from $4.6 billion a year earlier, the company said.\n"
    good = bad.replace("up 25%", "up 8.7%")
    found = units_findings(_write(tmp_path, bad))
    assert [(f["rule"], f["match"]) for f in found] == [("units.change-mismatch", "25%")]
    assert units_findings(_write(tmp_path, good)) == []


def test_other_words_between_figure_and_change_keep_it_silent(tmp_path: Path) -> None:
    """ "$5 billion in its Asian unit, up 25%": the change may belong to something else."""
    text = "Revenue reached $5 billion in its fast-growing Asian unit, up 25% from $4.6 billion, it said.\n"
    assert units_findings(_write(tmp_path, text)) == []


def test_pounds_without_a_scale_or_sterling_are_not_assumed_money(tmp_path: Path) -> None:
    """ "a 20-pound lobster ($300)": weight beside a price, not a conversion."""
    text = "At a London market, the British lobster weighed 20 pounds ($300 at auction), traders said.\n"
    assert units_findings(_write(tmp_path, text)) == []


def test_change_between_figures_in_the_same_currency_word(tmp_path: Path) -> None:
    bad = ("MUMBAI - The Indian lender's profit rose to 18 billion rupees in the year to March, up 20% from "
           "11 billion rupees a year earlier.\n")
    good = bad.replace("up 20%", "up 64%")
    found = units_findings(_write(tmp_path, bad))
    assert [(f["rule"], f["match"]) for f in found] == [("units.change-mismatch", "20%")]
    assert "11 billion rupees -> 18 billion rupees" in found[0]["message"]
    assert units_findings(_write(tmp_path, good)) == []


def test_a_national_adjective_settles_the_currency(tmp_path: Path) -> None:
    """ "Turkish lira" names its currency even in a story that also names Lebanon."""
    bad = ("Lebanese traders said the monthly wage in Turkey is 17,002 Turkish lira ($715), "
           "a third of what it was.\n")
    good = bad.replace("$715", "$510")
    found = units_findings(_write(tmp_path, bad))
    assert [(f["rule"], f["match"]) for f in found] == [("units.currency-conversion", "$715")]
    assert "USD/TRY" in found[0]["message"]
    assert units_findings(_write(tmp_path, good)) == []


def test_dirhams_in_a_uae_story_use_the_peg(tmp_path: Path) -> None:
    """Dirhams are Emirati or Moroccan; a Dubai story settles it, and the AED peg applies."""
    bad = "The Dubai developer will spend 3.67 billion dirhams ($2 billion) on the new district.\n"
    good = bad.replace("$2 billion", "$1 billion")
    found = units_findings(_write(tmp_path, bad))
    assert [(f["rule"], f["match"]) for f in found] == [("units.currency-conversion", "$2 billion")]
    assert "USD/AED" in found[0]["message"]
    assert units_findings(_write(tmp_path, good)) == []
    both = "Dubai and Casablanca builders will spend 3.67 billion dirhams ($2 billion), analysts said.\n"
    assert units_findings(_write(tmp_path, both)) == []
