"""The translation category: spinner swaps and calques fire on their artifacts, stay
silent on idiomatic twins and on well-edited news, and users extend it in YAML."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SEEDS, lint_json, run_cli
from linter.config import Settings
from linter.engine import Linter
from linter.inflection import apply_form, expand

PACK = ROOT / "rules" / "translation.yaml"
CLEAN = sorted((ROOT / "tests" / "fixtures" / "translation").glob("clean_*.txt"))


def pack_linter(*packs: Path) -> Linter:
    settings = Settings()
    settings.builtin_rules = False
    settings.rule_dirs = list(packs) or [PACK]
    return Linter(settings)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return pack_linter()


def found(linter: Linter, text: str, name: str = "story.txt") -> list:
    return [f for f in linter.lint_text(text, name).findings if f.category == "translation"]


# ----- the seed and the examples ---------------------------------------------
def test_seed_000_has_its_three_spun_phrases() -> None:
    report = lint_json("--no-cache", "--select", "translation", str(SEEDS / "000_04640255d03c0740.txt"))
    matches = {f["match"]: f for f in report["findings"]}
    assert "discover Afghanistan\u2019s full transit potential" in matches
    assert matches["discover Afghanistan\u2019s full transit potential"]["suggestion"] == \
        "unlock Afghanistan\u2019s full transit potential"
    assert matches["complete approach"]["suggestion"] == "comprehensive approach"
    assert "life-blood" in matches
    assert len(report["findings"]) == 3


def test_other_seeds_have_only_the_currency_for_the_adjective() -> None:
    others = [str(p) for p in sorted(SEEDS.glob("*.txt")) if not p.name.startswith("000_")]
    report = lint_json("--no-cache", "--select", "translation", *others)
    assert [(f["match"], f["suggestion"]) for f in report["findings"]] == [("Afghani imports", "Afghan imports")]


ARTICLE = """Railway deal signed in Tashkent

Officials at the forum said the new line would discover the region's full transit potential and open routes to the sea. Engineers discovered a new deposit of copper near the border last year.

The agreement reflects the government's complete approach to regional trade. Auditors published a complete list of the contracts on Friday.

On Monday took place a meeting of the transport ministers in the frames of the forum. The meeting took place a week after the summit.

Trade has become the life-blood of the border towns, and farming remains the lifeblood of the valley.

Researchers are testing counterfeit consciousness on the data, while a rival team uses artificial intelligence.
"""


@pytest.mark.parametrize("artifact, suggestion", [
    ("discover the region's full transit potential", "unlock the region's full transit potential"),
    ("complete approach", "comprehensive approach"),
    ("took place a meeting", "a meeting took place"),
    ("in the frames of", "as part of"),
    ("life-blood", "lifeblood"),
    ("counterfeit consciousness", "artificial intelligence"),
])
def test_artifacts_fire_with_their_suggestion(linter: Linter, artifact: str, suggestion: str) -> None:
    hits = {f.match: f.suggestion for f in found(linter, ARTICLE)}
    assert hits.get(artifact) == suggestion


@pytest.mark.parametrize("twin", [
    "discovered a new deposit", "complete list", "took place a week after", "lifeblood of the valley",
    "artificial intelligence",
])
def test_idiomatic_twins_stay_silent(linter: Linter, twin: str) -> None:
    start = ARTICLE.index(twin)
    spans = [(f.start, f.end) for f in found(linter, ARTICLE)]
    assert not any(a < start + len(twin) and start < b for a, b in spans)


def test_inflections_window_and_required_word(linter: Linter) -> None:
    text = ("The port discovered its full potential only after the war. "
            "The port is discovering the full economic potential of its hinterland. "
            "Scientists discovered the potential of the drug in 1998.\n")
    hits = {f.match: f.suggestion for f in found(linter, text)}
    assert hits == {
        "discovered its full potential": "unlocked its full potential",
        "discovering the full economic potential": "unlocking the full economic potential",
    }


def test_partner_must_be_in_the_same_sentence(linter: Linter) -> None:
    text = "Engineers will discover the full route. Its potential is clear.\n"
    assert found(linter, text) == []


def test_hits_inside_longer_words_are_ignored(linter: Linter) -> None:
    # "life-blood" must not match inside "real-life-blood"; "Center East" not in "Center Eastern".
    assert found(linter, "A real-life-blood drive. The Center Eastern Bank opened.\n") == []


def test_a_number_partner_and_its_exceptions(linter: Linter) -> None:
    text = "He has lived in Kyiv since 10 years. He arrived since 2015 and left since 10 years ago.\n"
    assert [(f.match, f.suggestion) for f in found(linter, text)] == [("since 10 years", "for 10 years")]


def test_exceptions_cancel_a_hit(linter: Linter) -> None:
    text = "The defence lawyer asked for a murder preliminary hearing. The murder preliminary began on Monday.\n"
    matches = [f.match for f in found(linter, text)]
    assert matches == ["murder preliminary"]


# ----- every entry of the pack: fires on its artifact, its fix is clean ----------------
def _entries() -> list[tuple[str, dict]]:
    data = yaml.safe_load(PACK.read_text(encoding="utf-8"))
    return [(rule["id"], entry) for rule in data["rules"] for entry in rule["entries"]]


def _plain(phrase: str) -> str:
    phrase = phrase.replace("#", "12")  # '#' in a partner stands for any number
    return apply_form(phrase, "base") if "+" in phrase else phrase


def _artifact(entry: dict) -> str:
    head = entry["head"][0] if isinstance(entry["head"], list) else entry["head"]
    head = _plain(head)
    after, before = entry.get("after"), entry.get("before")
    if after:
        partner = _plain(after[0] if isinstance(after, list) else after)
        gap = f" {entry['requires'][0]} " if entry.get("requires") else " "
        return f"{head}{gap}{partner}"
    if before:
        partner = _plain(before[0] if isinstance(before, list) else before)
        return f"{partner} {head}"
    return head


ENTRIES = _entries()


@pytest.mark.parametrize("rule_id, entry", ENTRIES, ids=[f"{r}:{i}" for i, (r, _) in enumerate(ENTRIES)])
def test_every_entry_fires_and_its_suggestion_is_clean(linter: Linter, rule_id: str, entry: dict) -> None:
    artifact = _artifact(entry)
    text = f"Officials said on Monday that {artifact} was on the agenda.\n"
    start = text.index(artifact)
    # Entries of different rules may cover the same wording; one finding per span is kept.
    hits = [f for f in found(linter, text) if f.start < start + len(artifact) and start < f.end]
    assert hits, f"{rule_id} did not fire on {artifact!r}"
    hit = hits[0]
    assert hit.suggestion, f"{rule_id} gave no suggestion for {artifact!r}"
    fixed = text[:hit.start] + hit.suggestion + text[hit.end:]
    assert [f.match for f in found(linter, fixed)] == [], f"the fix {hit.suggestion!r} still fires"


def test_every_head_spelling_is_generated_by_rule() -> None:
    assert expand("take+ place")["took place"] == "ed"
    assert expand("authorization+")["authorizations"] == "s"
    assert apply_form("unlock+", "ing") == "unlocking"
    assert apply_form("a meeting take+ place", "en") == "a meeting taken place"


# ----- precision on well-edited news -----------------------------------------------
@pytest.mark.parametrize("path", CLEAN, ids=[p.stem for p in CLEAN])
def test_well_edited_news_has_no_translation_findings(path: Path) -> None:
    report = lint_json("--no-cache", "--select", "translation", str(path))
    assert report["findings"] == [], [f["match"] for f in report["findings"]]


# ----- users add entries in YAML, with file:line errors ------------------------------
HOUSE_PACK = """rules:
  - id: house.spun-verbs
    category: translation
    level: warning
    type: collocation
    message: "'{match}': use '{suggestion}'"
    description: House list of swapped verbs.
    why: Our desk keeps seeing these.
    example: {bad: "The plan will boost its full potential.", good: "The plan will realise its full potential."}
    entries:
      - {head: "boost+", after: potential, window: 3, requires: [full], suggest: "realise+"}
"""


def test_a_user_pack_needs_no_code(tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(HOUSE_PACK, encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("The reform boosted the sector's full potential. Sales boosted profits.\n", encoding="utf-8")
    report = lint_json("--no-cache", "--rules", str(pack), "--select", "house", str(story))
    assert [(f["match"], f["suggestion"]) for f in report["findings"]] == [
        ("boosted the sector's full potential", "realised the sector's full potential")]


def test_a_bad_entry_is_a_one_line_error_with_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(HOUSE_PACK.replace("requires: [full]", "requires: [full], wndow: 2"), encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Text.\n", encoding="utf-8")
    result = run_cli("check", "--no-config", "--no-cache", "--rules", str(pack), str(story))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{pack}:" in result.stderr and "unknown key 'wndow'" in result.stderr and "line 11" in result.stderr


def test_the_json_report_carries_rule_and_suggestion(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Delegates met in the frames of the summit.\n", encoding="utf-8")
    report = lint_json("--no-cache", "--select", "translation", str(story))
    (finding,) = report["findings"]
    assert finding["rule"] == "translation.calque"
    assert finding["category"] == "translation"
    assert finding["suggestion"] == "as part of"
    assert json.dumps(finding)  # serialisable as is


def test_squeezing_finds_the_same_whitespace_runs_as_the_regex() -> None:
    """``matching._runs`` scans with ``str.find`` when only spaces and newlines occur;
    it must find exactly the runs ``_RUN`` does, and ``OTHER_SPACES`` must list every
    whitespace character that ``normalize.fold`` leaves alone."""
    import random

    from linter import matching
    from linter.normalize import _FOLD

    others = "".join(chr(c) for c in range(0x110000) if chr(c).isspace() and chr(c) not in _FOLD and chr(c) not in " \n")
    assert others == matching.OTHER_SPACES
    rng = random.Random(5)
    for alphabet in (" \nab", " \n\na", "  \n\x0bab\u2028", " a", "\n"):
        for _ in range(5000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            assert matching._runs(text) == [m.span() for m in matching._RUN.finditer(text)], repr(text)


def test_folding_a_long_text_maps_each_character_on_its_own() -> None:
    """``normalize.fold`` replaces character by character on long texts: the same as
    mapping every character through ``_FOLD``."""
    import random

    from linter import normalize

    rng = random.Random(11)
    alphabet = "ab \t\r\n\u00e9\u20ac" + "".join(normalize._FOLD)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(200, 700)))
        assert normalize.fold(text) == "".join(normalize._FOLD.get(c, c) for c in text)
