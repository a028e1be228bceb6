"""Golden tests for every report format, and SARIF validated against the official schema.

Set CONTENTLINT_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change,
then review the diff.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, run_cli

CORE = ROOT / "tests" / "fixtures" / "core"
GOLDEN = CORE / "golden"
SCHEMA = SHARED / "sarif" / "sarif-schema-2.1.0.json"
FORMATS = {"text": "txt", "json": "json", "sarif": "sarif", "github": "github"}


def _normalise(fmt: str, text: str) -> str:
    text = re.sub(r'"version": "[^"]+"', '"version": "X"', text)
    text = re.sub(r'"semanticVersion": "[^"]+"', '"semanticVersion": "X"', text)
    return re.sub(r'"uri": "file://[^"]*"', '"uri": "file:///SRCROOT/"', text)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden_report(fmt: str):
    result = run_cli("check", "article.md", "article.txt", "--format", fmt, "--no-color", cwd=CORE)
    assert result.returncode == 1, result.stderr
    actual = _normalise(fmt, result.stdout)
    golden = GOLDEN / f"report.{FORMATS[fmt]}"
    if os.environ.get("CONTENTLINT_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_json_offsets_and_columns_point_at_the_match():
    data = json.loads(run_cli("check", "article.md", "article.txt", "--format", "json", cwd=CORE).stdout)
    assert data["tool"]["name"] == "contentlint"
    assert {f["path"] for f in data["files"]} == {"article.md", "article.txt"}
    md = next(f for f in data["files"] if f["path"] == "article.md")
    assert (md["date"], md["date_source"], md["language"]) == ("2025-03-14", "front-matter", "en")
    for finding in data["findings"]:
        text = (CORE / finding["path"]).read_text(encoding="utf-8")
        raw = (CORE / finding["path"]).read_bytes().decode("utf-8")
        assert raw[finding["start"]:finding["end"]] == finding["match"]
        lines = raw.split("\n")
        if finding["line"] == finding["end_line"]:
            line = lines[finding["line"] - 1]
            assert line[finding["column"] - 1:finding["end_column"] - 1] == finding["match"]
        assert text  # the file is readable as text too
    assert data["summary"]["findings"] == len(data["findings"])


def test_markup_and_suppressed_text_is_not_reported():
    data = json.loads(run_cli("check", "article.md", "--format", "json", cwd=CORE).stdout)
    lines = {f["line"] for f in data["findings"]}
    # 10: code span + link target, 13: fenced code, 17: disable-next-line, 20: disabled block
    assert not lines & {10, 13, 17, 20}
    assert 8 in lines and 23 in lines


def test_fingerprints_survive_line_shifts(tmp_path: Path):
    (tmp_path / ".contentlint.yaml").write_text(f"builtin_rules: false\nrules: [{CORE / 'rules'}]\n")
    body = "First paragraph is fine.\n\nThey utilize a very unique plan.\n"
    (tmp_path / "a.txt").write_text(body)
    before = json.loads(run_cli("check", "a.txt", "--format", "json", cwd=tmp_path).stdout)["findings"]
    (tmp_path / "a.txt").write_text("A new opening line.\n\nAnother added paragraph here.\n\n" + body)
    after = json.loads(run_cli("check", "a.txt", "--format", "json", cwd=tmp_path).stdout)["findings"]
    assert [f["line"] for f in before] != [f["line"] for f in after]
    assert [f["fingerprint"] for f in before] == [f["fingerprint"] for f in after]


@pytest.mark.skipif(not SCHEMA.is_file(), reason="../shared/sarif/sarif-schema-2.1.0.json not present")
def test_sarif_validates_and_meets_github_ingestion_rules():
    import jsonschema

    sarif = json.loads(run_cli("check", "article.md", "article.txt", "--format", "sarif", cwd=CORE).stdout)
    jsonschema.validate(sarif, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run = sarif["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    for rule in rules:
        for key in ("shortDescription", "fullDescription", "help", "defaultConfiguration", "properties"):
            assert key in rule, (rule["id"], key)
        assert rule["properties"]["tags"]
    assert run["results"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "SRCROOT"
        assert not location["artifactLocation"]["uri"].startswith("/")
        region = location["region"]
        assert {"startLine", "startColumn", "endLine", "endColumn"} <= set(region)
        assert result["partialFingerprints"]["primaryLocationLineHash"]


def test_text_report_has_no_colour_when_piped():
    out = run_cli("check", "article.md", cwd=CORE).stdout
    assert "\033[" not in out
    assert out.strip().splitlines()[-2].startswith("5 findings in 1 file")


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_streamed_report_is_the_same_text_in_pieces(fmt: str):
    from linter import Linter, Settings
    from linter.reporters import FORMATS as RENDER
    from linter.reporters import chunks
    from linter.results import Report

    linter = Linter(Settings())
    results = linter.lint_files([str(CORE / "article.md"), str(CORE / "article.txt")])
    linter.run_corpus(results)
    report = Report(results, linter.rules)
    pieces = list(chunks(fmt, report))
    assert len(pieces) > len(report.files)  # several pieces, not one block: streamed
    assert b"".join(pieces).decode("utf-8") == RENDER[fmt](report)
    assert json.loads(b"".join(pieces)) == json.loads(RENDER[fmt](Report(results, linter.rules)))
    empty = Report([], linter.rules)
    assert b"".join(chunks(fmt, empty)).decode("utf-8") == RENDER[fmt](empty)


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_report_reaches_a_text_only_standard_output(fmt: str, monkeypatch: pytest.MonkeyPatch):
    """An embedding application's stdout may have no byte buffer; the report still arrives whole."""
    import io

    from typer.main import get_command

    from linter.cli import app

    done = run_cli("check", str(CORE / "article.md"), "--format", fmt, "--no-cache", "-q")
    captured = io.StringIO()  # text only: no ``buffer`` attribute
    monkeypatch.setattr("sys.stdout", captured)
    monkeypatch.chdir(ROOT)
    code = get_command(app).main(["check", str(CORE / "article.md"), "--format", fmt, "--no-cache", "-q"],
                                 standalone_mode=False)
    assert code == done.returncode
    assert captured.getvalue() == done.stdout and "article.md" in done.stdout
