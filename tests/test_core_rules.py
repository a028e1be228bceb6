"""Rule packs are data: a user adds a rule without code, and a broken pack is one clear error."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli

ISSUE_EXAMPLE = """rules:
  - id: house.no-very-unique
    category: style
    level: warning
    message: "Avoid '{match}'"
    type: phrase
    phrases: ["very unique"]
"""


def test_users_rule_from_the_docs_fires_without_code(tmp_path: Path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "house.yaml").write_text(ISSUE_EXAMPLE)
    (tmp_path / "a.md").write_text("# Title\n\nA Very\n   Unique offer.\n")
    result = run_cli("check", "a.md", "--rules", "house", "--select", "house", "--format", "json", cwd=tmp_path)
    finding = json.loads(result.stdout)["findings"][0]
    assert finding["rule"] == "house.no-very-unique"
    assert finding["message"] == "Avoid 'Very\n   Unique'"
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (3, 3, 4, 10)


def test_fuzzy_phrase_catches_near_misses(tmp_path: Path):
    (tmp_path / "p.yaml").write_text(
        "rules:\n  - id: house.widget\n    category: style\n    level: info\n    message: m\n"
        "    type: phrase\n    phrases: ['view all comments']\n    fuzzy: 90\n")
    (tmp_path / "a.txt").write_text("Veiw all comments\nView all comments\nview all the comments today\n")
    data = json.loads(run_cli("check", "a.txt", "--rules", "p.yaml", "--select", "house", "--format", "json",
                              cwd=tmp_path).stdout)
    assert [f["line"] for f in data["findings"]] == [1, 2]


BROKEN = {
    "bad yaml": ("rules:\n\t- id: a.b\n", 2, "invalid YAML"),
    "unknown type": ("rules:\n  - id: a.b\n    category: c\n    level: info\n    message: m\n    type: magic\n", 6,
                     "unknown type 'magic'"),
    "missing field": ("rules:\n  - id: a.b\n    category: c\n    level: info\n    type: phrase\n    phrases: [x]\n", 2,
                      "missing required key 'message'"),
    "bad regex": ("rules:\n  - id: a.b\n    category: c\n    level: info\n    message: m\n    type: pattern\n"
                  "    patterns: ['(unclosed']\n", 7, "bad regular expression"),
    "unknown key": ("rules:\n  - id: a.b\n    category: c\n    level: info\n    message: m\n    type: phrase\n"
                    "    phrases: [x]\n    phrasez: [y]\n", 8, "unknown key 'phrasez'"),
    "bad level": ("rules:\n  - id: a.b\n    category: c\n    level: fatal\n    message: m\n    type: phrase\n"
                  "    phrases: [x]\n", 4, "level must be one of"),
    "bad id": ("rules:\n  - id: NoDots\n    category: c\n    level: info\n    message: m\n    type: phrase\n"
               "    phrases: [x]\n", 2, "must be dotted"),
    "duplicate key": ("rules:\n  - id: a.b\n    id: a.c\n", 3, "duplicate key 'id'"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_pack_gives_file_line_error_and_exit_2(tmp_path: Path, name: str):
    text, line, message = BROKEN[name]
    (tmp_path / "broken.yaml").write_text(text)
    (tmp_path / "a.txt").write_text("x\n")
    result = run_cli("check", "a.txt", "--rules", "broken.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert f"broken.yaml:{line}: " in result.stderr, result.stderr
    assert message in result.stderr


def test_duplicate_id_across_packs_names_both(tmp_path: Path):
    for name in ("one.yaml", "two.yaml"):
        (tmp_path / "packs").mkdir(exist_ok=True)
        (tmp_path / "packs" / name).write_text(ISSUE_EXAMPLE)
    result = run_cli("rules", "--rules", "packs", cwd=tmp_path)
    assert result.returncode == 2
    assert "two.yaml:2: duplicate rule id 'house.no-very-unique' (first defined at" in result.stderr
    assert "one.yaml:2" in result.stderr


def test_slow_pattern_cannot_hang(tmp_path: Path):
    """The time limit is enforced by the regex engine; a sane pattern still completes."""
    (tmp_path / "p.yaml").write_text(
        "rules:\n  - id: house.nested\n    category: style\n    level: info\n    message: m\n"
        "    type: pattern\n    patterns: ['(\\w+\\s?)*!']\n")
    (tmp_path / "a.txt").write_text(("word " * 3000) + "\n")
    result = run_cli("check", "a.txt", "--rules", "p.yaml", "--select", "house", cwd=tmp_path)
    assert result.returncode in (0, 1)


def test_every_shipped_rule_is_documented():
    from linter import Linter, Settings

    linter = Linter(Settings())
    for rule in linter.all_rules:
        assert rule.id.startswith(rule.category + "."), rule.id
        assert rule.description and rule.description != rule.message, rule.id
        assert rule.docs.get("why"), f"{rule.id} has no 'why'"
        assert rule.docs.get("example"), f"{rule.id} has no 'example'"


def test_impossible_date_in_a_pack_is_a_located_error(tmp_path: Path):
    (tmp_path / "p.yaml").write_text(ISSUE_EXAMPLE + "    enabled: true\n    since: 2020-13-01\n")
    (tmp_path / "a.txt").write_text("x\n")
    result = run_cli("check", "a.txt", "--rules", "p.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "p.yaml:9: invalid date '2020-13-01'" in result.stderr
