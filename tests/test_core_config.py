"""Configuration files, per-rule levels and inline suppressions, through the CLI."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli
from tests_support import CORE_RULES


def _findings(tmp_path: Path, *args: str) -> list[dict]:
    result = run_cli("check", *args, "--format", "json", "--fail-on", "never", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["findings"]


def test_config_is_found_upwards_and_sets_levels(tmp_path: Path):
    (tmp_path / ".contentlint.yaml").write_text(
        f"builtin_rules: false\nrules: [{CORE_RULES}]\nlevels:\n  house.no-very-unique: error\nignore: [house.utilize]\n")
    sub = tmp_path / "deep" / "er"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text("We utilize a very unique plan.\n")
    found = _findings(sub, "a.txt")
    assert [(f["rule"], f["level"]) for f in found] == [("house.no-very-unique", "error")]
    assert run_cli("check", "a.txt", cwd=sub).returncode == 1


def test_pyproject_table_is_read(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\n\n[tool.contentlint]\nbuiltin_rules = false\nrules = ["{CORE_RULES}"]\n'
        'select = ["house.utilize"]\n')
    (tmp_path / "a.txt").write_text("We utilize a very unique plan.\n")
    assert [f["rule"] for f in _findings(tmp_path, "a.txt")] == ["house.utilize"]


def test_bad_config_names_file_and_line(tmp_path: Path):
    (tmp_path / ".contentlint.yaml").write_text("select: [house]\nfail_on: sometimes\n")
    (tmp_path / "a.txt").write_text("x\n")
    result = run_cli("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert ".contentlint.yaml:2: fail_on must be one of" in result.stderr
    (tmp_path / ".contentlint.yaml").write_text("colour: red\n")
    result = run_cli("check", "a.txt", cwd=tmp_path)
    assert ".contentlint.yaml:1: unknown config key 'colour'" in result.stderr


def test_plain_text_directives(tmp_path: Path):
    (tmp_path / ".contentlint.yaml").write_text(f"builtin_rules: false\nrules: [{CORE_RULES}]\n")
    (tmp_path / "a.txt").write_text(
        "A very unique start.\n"
        "# contentlint: disable style\n"
        "Silenced: very unique, utilize!!\n"
        "# contentlint: enable\n"
        "Loud again: very unique. # trailing text is prose\n"
        "This one utilize too. \n")
    (tmp_path / "a.txt").write_text((tmp_path / "a.txt").read_text().replace(
        "This one utilize too. \n", "# contentlint: disable-next-line house.utilize\nThis one utilize too.\n"))
    found = _findings(tmp_path, "a.txt")
    assert [(f["line"], f["rule"]) for f in found] == [(1, "house.no-very-unique"), (3 + 2, "house.no-very-unique")]
    assert all(f["line"] != 3 for f in found)


def test_front_matter_ignore_and_date(tmp_path: Path):
    (tmp_path / ".contentlint.yaml").write_text(f"builtin_rules: false\nrules: [{CORE_RULES}]\n")
    (tmp_path / "a.md").write_text("---\ndate: 2024-02-03\ncontentlint:\n  ignore: [house.utilize]\n---\n"
                                   "We utilize a very unique plan.\n")
    result = run_cli("check", "a.md", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert [f["rule"] for f in data["findings"]] == ["house.no-very-unique"]
    assert data["files"][0]["date"] == "2024-02-03"
    assert data["files"][0]["date_source"] == "front-matter"


def test_bad_front_matter_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "a.md").write_text("---\ntitle: [unclosed\n---\nBody.\n")
    result = run_cli("check", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("contentlint: error: a.md:")
    assert "front matter" in result.stderr


def test_date_option_beats_front_matter(tmp_path: Path):
    (tmp_path / "a.md").write_text("---\ndate: 2024-02-03\n---\nBody.\n")
    result = run_cli("check", "a.md", "--date", "2020-01-01", "--format", "json", "--fail-on", "never",
                     "--no-config", cwd=tmp_path)
    file = json.loads(result.stdout)["files"][0]
    assert (file["date"], file["date_source"]) == ("2020-01-01", "option")
