"""Reference-date resolution: the order of trust and what is not evidence."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import lint_json
from linter import dates

TODAY = dt.date(2026, 11, 23)


def resolve(text: str, **kw):
    args = {"option": None, "front_matter": None, "default": None, "today": TODAY, **kw}
    return dates.resolve(text, **args)


def test_option_beats_everything():
    assert resolve("Published: July 4, 2025\n", option=dt.date(2020, 1, 2), front_matter="2024-01-01") == \
        (dt.date(2020, 1, 2), "option", False)


def test_front_matter_beats_dateline():
    assert resolve("Published: July 4, 2025\n", front_matter=dt.date(2024, 1, 1)) == \
        (dt.date(2024, 1, 1), "front-matter", False)


def test_bad_front_matter_date_is_an_error():
    with pytest.raises(ValueError):
        resolve("text", front_matter="next tuesday")


@pytest.mark.parametrize("head", [
    "Published: July 4, 2025",
    "Updated 4 July 2025",
    "July 4, 2025",
    "2025-07-04 Clash Report",
])
def test_dateline_forms(head):
    assert resolve(f"{head}\n\nThe ministry said on Thursday that talks were over.\n") == \
        (dt.date(2025, 7, 4), "dateline", False)


def test_latest_past_full_date_is_a_lower_bound():
    text = ("Moscow moves\n\nThe decision was taken on April 17, 2025 and confirmed on July 3, 2025. "
            "Officials expect trade to double by January 1, 2030.\n")
    assert resolve(text) == (dt.date(2025, 7, 3), "text", True)


def test_future_dates_are_not_evidence():
    text = ("Plans\n\nThe plant will open on March 1, 2027. March 5, 2027 is the deadline for bids. "
            "Work began on May 2, 2024.\n")
    assert resolve(text) == (dt.date(2024, 5, 2), "text", True)


def test_month_year_is_a_weaker_lower_bound():
    text = "Sanctions lifted\n\nThe designation was lifted in April 2025, after talks in March 2025.\n"
    assert resolve(text) == (dt.date(2025, 4, 1), "text-month", True)


def test_month_year_in_future_context_or_lowercase_is_ignored():
    text = "Targets\n\nTrade may 2030 grow. The goal is to double it by June 2030. It fell in June 2023.\n"
    assert resolve(text) == (dt.date(2023, 6, 1), "text-month", True)


def test_config_default_then_unknown():
    assert resolve("No dates here at all.\n", default=dt.date(2020, 5, 5)) == (dt.date(2020, 5, 5), "config", False)
    assert resolve("No dates here at all.\n") == (None, "unknown", False)


def test_json_report_carries_date_and_source(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Trade\n\nThe agreement was lifted in April 2025 and took effect soon after.\n", encoding="utf-8")
    entry = lint_json(str(path), "--select", "anachronism")["files"][0]
    assert (entry["date"], entry["date_source"], entry["date_is_lower_bound"]) == ("2025-04-01", "text-month", True)


@pytest.mark.parametrize("sentence, expected", [
    ("In 2022, the minister said", [(dt.date(2022, 1, 1), dt.date(2022, 12, 31))]),
    ("On January 10, 2025, he left", [(dt.date(2025, 1, 10), dt.date(2025, 1, 10))]),
    ("In May 2023 he spoke", [(dt.date(2023, 5, 1), dt.date(2023, 5, 31))]),
    ("In January, she signed", [(dt.date(2025, 1, 1), dt.date(2025, 1, 31))]),
    ("In September, she signed", [(dt.date(2024, 9, 1), dt.date(2024, 9, 30))]),
    ("Last year, they met", [(dt.date(2024, 1, 1), dt.date(2024, 12, 31))]),
    ("They may meet again", []),
])
def test_time_ranges_of_a_sentence(sentence, expected):
    got = [(a, b) for a, b, _ in dates.time_ranges(sentence, dt.date(2025, 7, 4))]
    assert got == expected


@pytest.mark.parametrize("head", [
    "Lawmakers approve budget\n\nBy Maria Hernandez\n\nWASHINGTON, March 14, 2024 — The House passed the bill.",
    "Ministers split\n\nNEW DELHI, March 14, 2024 — Foreign ministers failed to agree.",
    "Deal signed\n\nLONDON (Reuters), 14 March 2024 - The companies agreed terms.",
])
def test_agency_datelines_after_a_byline(head):
    assert resolve(head + "\n\nMore text follows here.\n") == (dt.date(2024, 3, 14), "dateline", False)


@pytest.mark.parametrize("name", sorted(dates.MONTHS))
def test_every_month_name_and_abbreviation_is_read(name):
    month = dates.MONTHS[name]
    for written in (name, name.capitalize(), name.upper(), f"{name.capitalize()}."):
        assert [f.date for f in dates.iter_dates(f"On {written} 5, 2024 and 6 {written} 2023.")] == \
            [dt.date(2024, month, 5), dt.date(2023, month, 6)]
        assert [f.date for f in dates.iter_month_years(f"in {written} 2022")] == [dt.date(2022, month, 1)]
    # A longer word that merely starts with the name is no month.
    assert list(dates.iter_dates(f"{name}x 5, 2024")) == []
