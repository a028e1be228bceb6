"""The ``units`` category: quantities read from copy and figures checked against each other.

Each check has an article in ``tests/fixtures/units/<name>.bad.txt`` with one wrong figure
and a twin ``<name>.good.txt`` that differs only in that figure and must stay silent.
Numbers-heavy articles with no error (``clean_*``) and the seeds guard precision.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from linter import rates
from linter.config import Settings
from linter.document import Document
from linter.engine import Linter
from linter.quantities import extract, thing_counted
from linter.rules import builtin_rules_dir

from conftest import ROOT, SEEDS, lint_json, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "units"
DATE = "2024-05-15"

#: fixture name -> (rule expected on the bad article, the flagged text, words the message must show)
CASES = {
    "per_capita": ("units.per-capita-mismatch", "$9,800", ["$38.5 billion / 6.4 million = $6,016", "$9,800"]),
    "share": ("units.share-mismatch", "58%", ["3,150 / 4,500 = 70%", "58%"]),
    "change": ("units.change-mismatch", "35%", ["$2.4 billion -> $3.9 billion", "+62.5%", "+35% is stated"]),
    "multiplier": ("units.change-mismatch", "tripled", ["x2", "tripled"]),
    "currency": ("units.currency-conversion", "$4.1 billion", ["€2.5 billion x 1.08", "$2.71 billion"]),
    "unit": ("units.unit-conversion", "21 miles", ["18 km = 11.18 miles", "21 miles"]),
    "conflicting": ("units.conflicting-values", "34", ["34 here, 38 on line 3"]),
    "mixed": ("units.mixed-units", "850,000 tons", ["tons here, tonnes 3 time(s)"]),
    "total": ("units.total-mismatch", "$2.8 billion",
              ["$1.2 billion + $850 million + $430 million = $2.48 billion", "$2.8 billion"]),
    "total_counts": ("units.total-mismatch", "$550 million", ["$300 million + $150 million = $450 million"]),
    "points": ("units.change-mismatch", "5 percentage points", ["61% -> 64%", "+3 points"]),
    "fall": ("units.change-mismatch", "15%", ["$10.00 -> $9.50 is a change of -5%", "-15% is stated"]),
    "temperature": ("units.unit-conversion", "39°F", ["-4°C = 24.8°F"]),
}


def units_findings(*paths: Path | str) -> list[dict]:
    report = lint_json(*map(str, paths), "--select", "units", "--date", DATE)
    return [f for f in report["findings"] if f["category"] == "units"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_check_flags_the_wrong_figure_and_shows_the_arithmetic(name: str) -> None:
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


def test_levels_come_from_the_pack() -> None:
    findings = units_findings(*(FIXTURES / f"{name}.bad.txt" for name in CASES))
    levels = {f["rule"]: f["level"] for f in findings}
    assert levels["units.mixed-units"] == "info"
    assert levels["units.per-capita-mismatch"] == "warning"


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("clean_*")))
def test_ordinary_numbers_heavy_articles_stay_silent(name: str) -> None:
    """Budgets, percentages, years, ages, dates, scores, tolls, elections, markets, two
    countries' tolls, correct conversions and changes: nothing to report."""
    assert units_findings(FIXTURES / name) == []


def test_seeds_only_the_per_capita_mismatch() -> None:
    report = lint_json(str(SEEDS), "--select", "units")
    found = [(Path(f["path"]).name, f["rule"], f["match"]) for f in report["findings"]]
    assert found == [("003_fc1c623aa0a43b0c.txt", "units.per-capita-mismatch", "US$1,365")]
    message = report["findings"][0]["message"]
    assert "US$88.38 billion / 42.6 million = US$2,075" in message
    assert "42.6 million x US$1,365 = US$58.1 billion" in message


def test_pegged_conversion_in_seed_000_is_read_and_accepted(tmp_path: Path) -> None:
    """The AED peg (3.6725 per US dollar) makes "AED 3.67 billion (approximately $1 billion)" right."""
    good = "Trade reached AED 3.67 billion (approximately $1 billion) in 2023, officials said.\n"
    bad = "Trade reached AED 3.67 billion (approximately $2 billion) in 2023, officials said.\n"
    (tmp_path / "good.txt").write_text(good, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(bad, encoding="utf-8")
    assert units_findings(tmp_path / "good.txt") == []
    found = units_findings(tmp_path / "bad.txt")
    assert [f["rule"] for f in found] == ["units.currency-conversion"]
    assert "0.2723 USD/AED" in found[0]["message"]


def test_unknown_rate_means_silence(tmp_path: Path) -> None:
    """The ECB stopped quoting the rouble in March 2022: no rate, no claim."""
    path = tmp_path / "a.txt"
    path.write_text("The deal is worth ₽90 billion ($5 billion), the ministry said.\n", encoding="utf-8")
    report = lint_json(str(path), "--select", "units", "--date", "2025-07-04")
    assert report["findings"] == []
    report = lint_json(str(path), "--select", "units", "--date", "2021-06-01")
    assert [f["rule"] for f in report["findings"]] == ["units.currency-conversion"]


def test_bare_dollar_is_not_assumed_american_in_a_canadian_story(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Ontario will spend $500 million (€340 million) on transit, the province said.\n",
                    encoding="utf-8")
    assert units_findings(path) == []


def test_per_capita_reads_the_economy_as_gdp_and_flags_only_the_figure() -> None:
    linter = Linter(Settings(select=["units"], date=dt.date.fromisoformat(DATE)))
    text = ("India's economy, the world's fifth largest at $3.7 trillion, is forecast to grow 7.3%. "
            "With a population of 1.4 billion, GDP per capita is about $3,600.\n")
    findings = linter.lint_text(text, "a.txt").findings
    assert [(f.rule, f.match) for f in findings] == [("units.per-capita-mismatch", "$3,600")]
    assert "$3.7 trillion / 1.4 billion = $2,643" in findings[0].message


@pytest.mark.parametrize("text, flagged", [
    ("Revenue rose 14.2% to $5 billion from $4.8 billion a year earlier.", "14.2%"),
    ("Revenue was $5 billion, up 24% from $4.8 billion a year earlier.", "24%"),
    ("Revenue was $5 billion in 2023, down 4% from last year's $4.8 billion.", "4%"),
    ("Net profit doubled to $16.6 billion from $6.2 billion a year earlier.", "doubled"),
    ("Measles cases rose from 1,200 to 1,800 in a week, a 30% increase.", "30%"),
])
def test_change_is_read_in_its_usual_wordings(text: str, flagged: str) -> None:
    linter = Linter(Settings(select=["units"], date=dt.date.fromisoformat(DATE)))
    findings = linter.lint_text(text + "\n", "a.txt").findings
    assert [(f.rule, f.match) for f in findings] == [("units.change-mismatch", flagged)]
    right = {"14.2%": "4.2%", "24%": "4.2%", "4%": "up 4%", "30%": "50%", "doubled": "nearly tripled"}[flagged]
    fixed = text.replace("down 4%", "up 4%") if flagged == "4%" else text.replace(flagged, right, 1)
    assert linter.lint_text(fixed + "\n", "a.txt").findings == []


# ----- extraction (library API) --------------------------------------------------------
def quantities(text: str) -> list:
    return extract(Document.from_text(text))


@pytest.mark.parametrize("text, value, kind, unit", [
    ("GDP of US$88.38 billion", 88.38e9, "currency", "USD"),
    ("a $1.2bn contract", 1.2e9, "currency", "USD"),
    ("raised €42.6m from investors", 42.6e6, "currency", "EUR"),
    ("a budget of Rs 5 crore", 5e7, "currency", ""),
    ("a grant of ₹3 lakh", 3e5, "currency", "INR"),
    ("capital spending of ₹11.11 lakh crore", 11.11e12, "currency", "INR"),
    ("₹5,000 crore for roads", 5e10, "currency", "INR"),
    ("AED 3.67 billion in trade", 3.67e9, "currency", "AED"),
    ("a fine of 5m USD", 5e6, "currency", "USD"),
    ("losses of 400 million roubles", 4e8, "currency", "RUB"),
    ("£3bn of savings", 3e9, "currency", "GBP"),
    ("₽90 billion budget", 9e10, "currency", "RUB"),
    ("two million tons of wheat", 2e6, "unit", "ton"),
    ("10,000 tonnes of grain", 1e4, "unit", "tonne"),
    ("a 42.2 km route", 42.2, "unit", "km"),
    ("it reached 43°C yesterday", 43, "unit", "degC"),
    ("inflation of 2.3%", 2.3, "percent", "%"),
    ("up 5 per cent", 5, "percent", "%"),
    ("rose 1.5 percentage points", 1.5, "percent", "pp"),
    ("half a million people", 5e5, "count", ""),
    ("killed 149 people", 149, "count", ""),
])
def test_extraction_reads_value_scale_and_unit(text: str, value: float, kind: str, unit: str) -> None:
    found = [q for q in quantities(text) if q.kind != "year"]
    assert len(found) == 1, found
    q = found[0]
    assert q.value == pytest.approx(value)
    assert (q.kind, q.unit) == (kind, unit)
    assert text[q.start:q.end] == q.text


def test_extraction_reads_hedges_ranges_years_nouns_and_multipliers() -> None:
    text = ("With a population of approximately 42.6 million, exports of more than $3-4 billion, "
            "two million tons of wheat, trade grew five times in 2023, then doubled, a threefold rise, "
            "and 1,200 of the 4,000 workers.")
    doc = Document.from_text(text)
    found = {q.text: q for q in extract(doc)}
    assert found["approximately 42.6 million"].bound == "approx"
    assert found["approximately 42.6 million"].figure == "42.6 million"
    assert found["more than $3-4 billion"].bound == "min"
    assert found["more than $3-4 billion"].high == pytest.approx(4e9)
    assert thing_counted(doc, found["two million tons"]) == "wheat"
    assert found["2023"].kind == "year"
    assert [found[w].value for w in ("five times", "doubled", "threefold")] == [5, 2, 3]
    assert thing_counted(doc, found["4,000"]) == "workers"


def test_extraction_skips_ordinals_codes_and_year_ranges() -> None:
    text = "The 16th forum, COVID-19, the F-16 and the 2023-2025 plan, then from 2021 to US$170 million."
    found = [q.text for q in quantities(text) if q.kind != "year"]
    assert found == ["US$170 million"]


def test_rounding_allowance_follows_the_digits_written() -> None:
    q1365, q170, q40, qbn = quantities("US$1,365, 170 people, 40 people and $1 billion")
    assert q1365.step == 0.5
    assert q170.step == 5
    assert q40.step == 0.5
    assert qbn.step == pytest.approx(0.05e9)


def test_extraction_is_cached_per_document() -> None:
    doc = Document.from_text("Sales rose 5% to $2 billion.")
    assert extract(doc) is extract(doc)


# ----- rates ---------------------------------------------------------------------------
def test_pegs_chain_through_their_anchor() -> None:
    pegs = rates.load_pegs(builtin_rules_dir() / "units" / "pegs.yaml")
    assert all(peg.source for peg in pegs.values())
    assert rates.rates("AED", "USD", dt.date(2025, 7, 4), pegs) == [pytest.approx(1 / 3.6725)]
    assert rates.rates("USD", "SAR", dt.date(2025, 7, 4), pegs) == [pytest.approx(3.75)]
    eur_usd = rates.rates("EUR", "USD", dt.date(2024, 5, 15), pegs)
    assert len(eur_usd) == 1 and 1.0 < eur_usd[0] < 1.2
    assert rates.rates("AFN", "USD", dt.date(2025, 7, 4), pegs) == []


# ----- rule validation ----------------------------------------------------------------
def test_bad_check_name_is_a_file_line_error(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: mine.sums\n"
        "    category: units\n"
        "    level: warning\n"
        "    message: '{computation}'\n"
        "    type: quantities\n"
        "    check: sums\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = run_cli("check", "a.txt", "--no-config", "--rules", str(pack), cwd=tmp_path)
    assert result.returncode == 2
    assert "mine.yaml:7:" in result.stderr and "'check' must be one of" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_second_variant_of_a_check_is_yaml_only(tmp_path: Path) -> None:
    """A stricter copy of a shipped check needs no code: same type, other tolerance."""
    pack = tmp_path / "strict.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: house.strict-share\n"
        "    category: units\n"
        "    level: error\n"
        "    message: 'share: {computation}, not {stated}'\n"
        "    type: quantities\n"
        "    check: share\n"
        "    tolerance: 0.1\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("In all, 1,005 of the 4,000 members, or 24%, voted.\n", encoding="utf-8")
    linter = Linter(Settings(builtin_rules=False, rule_dirs=[pack]))
    findings = linter.lint_file(str(article)).findings
    assert [(f.rule, f.level, f.match) for f in findings] == [("house.strict-share", "error", "24%")]
    assert "1,005 / 4,000 = 25.1%" in findings[0].message


# ----- precision: wordings that look like a check but are not -------------------------
SILENT = [
    # a temperature difference converts without the 32-degree offset
    "The goal is to limit warming to 1.5 degrees Celsius (2.7 degrees Fahrenheit) this century.",
    # no reference rate before 1999 for the year the sentence names
    "In 1990, the company paid £10 million ($16 million) for the site.",
    # a per-head figure is not an aggregate total
    "Median household income is $70,000 in the state of 3 million people; income per person is $30,000.",
    # the scale belongs to both figures; the share is of another base
    "Some 3.2 of the 4.5 million voters, or 71%, took part.",
    "The top 10 of the 50 companies (30% of the total) earn most of the revenue.",
    # two events, two tolls
    "The Paris attacks killed 130 people. The March attack killed 145 people, officials said.",
    # "economy" names the GDP, and the figures agree
    "With a population of 10.4 million, the economy of about €210 billion is one of the smallest "
    "in the bloc; GDP per capita is roughly €20,200.",
    # a per-capita figure of another year
    "With a population of 10 million, the country had a GDP of $50 billion in 2010. "
    "In 2023, GDP per capita was $8,000.",
    # a toll in a sentence that names another year is another event
    "The blast killed 120 people. In 2019, a similar blast killed 112 people.",
    # different victims
    "The blast killed 40 soldiers. Officials said 35 civilians were killed.",
    # a toll that was revised
    "The crash killed 34 people. The toll later rose to 38 people killed, officials said.",
    # ranges, bounds and hedges are not exact enough to contradict anything
    "Exports rose more than 20% from $40 million to $60 million.",
    "Between 3,000 and 4,000 of the 10,000 residents, or about 35%, left the town.",
    # a conversion rate stated per unit is not a conversion of the amount
    "The scheme costs €500 million, or $20 per resident.",
    # parts listed as examples need not add up
    "The package, including $2 million for schools and $3 million for roads, totalling $9 million, passed.",
    # sports scores, dates and times
    "United won 3-1 on 12 May 2024, from 2-0 down at 9:45 p.m., to move 4 points clear.",
]


@pytest.mark.parametrize("text", SILENT)
def test_wordings_that_only_look_like_a_check_stay_silent(text: str) -> None:
    linter = Linter(Settings(select=["units"], date=dt.date.fromisoformat(DATE)))
    assert [f.message for f in linter.lint_text(text + "\n", "a.txt").findings] == []


def test_every_units_rule_example_behaves_as_documented() -> None:
    """`contentlint explain` shows each example: the bad one must be flagged, the good one not."""
    linter = Linter(Settings(select=["units"], date=dt.date.fromisoformat(DATE)))
    units_rules = [r for r in linter.all_rules if r.category == "units"]
    assert len(units_rules) >= 8
    for rule in units_rules:
        example = rule.docs["example"]
        bad = [f.rule for f in linter.lint_text(example["bad"] + "\n", "a.txt").findings]
        good = [f.rule for f in linter.lint_text(example["good"] + "\n", "a.txt").findings]
        assert bad == [rule.id], (rule.id, bad)
        assert good == [], (rule.id, good)


def test_broken_pegs_file_is_a_file_line_error(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "pegs.yaml").write_text(
        "pegs:\n  - code: AED\n    anchor: USD\n    rate: 3.6725\n", encoding="utf-8")
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "rules:\n"
        "  - id: mine.fx\n"
        "    category: units\n"
        "    level: warning\n"
        "    message: '{computation}'\n"
        "    type: quantities\n"
        "    check: currency-conversion\n"
        "    pegs: data/pegs.yaml\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    result = run_cli("check", "a.txt", "--no-config", "--rules", str(pack), cwd=tmp_path)
    assert result.returncode == 2
    assert "pegs.yaml:2:" in result.stderr and "source" in result.stderr
    assert "Traceback" not in result.stderr


def test_exchange_rate_history_is_loaded_only_for_a_conversion_to_check() -> None:
    """Reading the ECB history costs ~0.3 s: articles without a floating-rate pair never pay it."""
    script = (
        "import datetime, sys\n"
        "from linter.config import Settings\n"
        "from linter.engine import Linter\n"
        "linter = Linter(Settings(select=['units'], date=datetime.date(2024, 5, 15)))\n"
        "linter.lint_text('Trade reached AED 3.67 billion (approximately $1 billion), up 5%.\\n', 'a.txt')\n"
        "print('currency_converter' in sys.modules)\n"
        "linter.lint_text('The deal is worth €500 million ($540 million).\\n', 'b.txt')\n"
        "print('currency_converter' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_undated_article_checks_only_pegged_conversions(tmp_path: Path) -> None:
    """Without a date a floating rate could be anything (EUR/USD has ranged 0.83-1.60)."""
    path = tmp_path / "a.txt"
    path.write_text("The contract is worth €500 million ($900 million).\n"
                    "The partner adds SAR 3 billion ($1.5 billion).\n", encoding="utf-8")
    report = lint_json(str(path), "--select", "units")
    assert report["files"][0]["date"] is None
    assert [f["match"] for f in report["findings"]] == ["$1.5 billion"]
