"""``check --fix`` / ``--diff``: residue removed, everything else byte-identical.

Articles here are assembled from story paragraphs and residue blocks, so the expected
result of a fix is simply the story paragraphs joined the same way.
"""
from __future__ import annotations

import hashlib
import shutil
import stat
from pathlib import Path

import pytest
import yaml

from conftest import SEEDS, SHARED, lint_json, run_cli
from linter.config import Settings
from linter.engine import Linter
from linter.findings import Finding
from linter.fix import fix_text, plan_fixes

STORY = [
    "Ferry Timetable Changes From Monday",
    "The harbour board approved the new ferry timetable on Thursday after a public consultation.",
    "Services will run every half hour in summer and every hour in winter, the board said.",
    "What changes for commuters",
    "The first crossing will leave at 5.40 a.m., twenty minutes earlier than now.",
]
RESIDUE_TOP = "World NewsLocal NewsHarbour & Coast\nTrending"
RESIDUE_MIDDLE = "Passengers waiting on the quay in light rain.\n\nPhoto: Lena Ortiz/Getty Images"
RESIDUE_BOTTOM = "Show More\n\n0 Comments\nNotify of\nguest\n\nRelated Articles\n\nScroll to Top"


def _assemble(newline: str, *, residue: bool, final_newline: bool = True) -> str:
    parts = [STORY[0], STORY[1], STORY[2], STORY[3], STORY[4]]
    if residue:
        parts = [RESIDUE_TOP, STORY[0], STORY[1], RESIDUE_MIDDLE, STORY[2], STORY[3], STORY[4], RESIDUE_BOTTOM]
    text = "\n\n".join(parts) + ("\n" if final_newline else "")
    return text.replace("\n", newline)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_diff_names_relative_paths_git_style(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(_assemble("\n", residue=True), encoding="utf-8")
    result = run_cli("check", "ferry.txt", "--no-config", "--no-cache", "--select", "boilerplate", "--diff",
                     cwd=tmp_path)
    assert result.stdout.splitlines()[:2] == ["--- a/ferry.txt", "+++ b/ferry.txt"]


def test_check_without_fix_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(_assemble("\n", residue=True), encoding="utf-8")
    before = (_sha(path), path.stat().st_mtime_ns)
    report = lint_json(str(path), "--select", "boilerplate", "--no-cache")
    assert report["findings"]
    assert (_sha(path), path.stat().st_mtime_ns) == before


def test_diff_previews_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(_assemble("\n", residue=True), encoding="utf-8")
    before = _sha(path)
    result = run_cli("check", str(path), "--no-config", "--no-cache", "--select", "boilerplate", "--diff")
    assert result.returncode == 1
    assert _sha(path) == before
    assert result.stdout.splitlines()[:2] == [f"--- {path.as_posix()}", f"+++ {path.as_posix()}"]
    removed = [line[1:] for line in result.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert "Trending" in removed and "Photo: Lena Ortiz/Getty Images" in removed and "Scroll to Top" in removed
    assert not any(line.startswith("+") and not line.startswith("+++") for line in result.stdout.splitlines())


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("bom", [False, True], ids=["plain", "bom"])
@pytest.mark.parametrize("final_newline", [True, False], ids=["eol", "no-eol"])
def test_fix_removes_residue_and_keeps_the_rest_byte_identical(
    tmp_path: Path, newline: str, bom: bool, final_newline: bool
) -> None:
    prefix = b"\xef\xbb\xbf" if bom else b""
    path = tmp_path / "ferry.txt"
    path.write_bytes(prefix + _assemble(newline, residue=True, final_newline=final_newline).encode("utf-8"))
    path.chmod(0o640)
    result = run_cli("check", str(path), "--no-config", "--no-cache", "--select", "boilerplate", "--fix",
                     "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    assert "fixed" in result.stderr
    expected = prefix + _assemble(newline, residue=False, final_newline=final_newline).encode("utf-8")
    assert path.read_bytes() == expected
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["ferry.txt"], "no temporary file left behind"
    again = run_cli("check", str(path), "--no-config", "--no-cache", "--select", "boilerplate", "--diff")
    assert again.returncode == 0 and again.stdout == ""


def test_fix_cuts_only_the_span_inside_a_line(tmp_path: Path) -> None:
    line = ("The water authority said the works would start soon pic.twitter.com/Ab12Cd34Ef "
            "\u2014 River Authority (@RiverAuth) May 2, 2025")
    text = "\n\n".join([STORY[1], line, STORY[2]]) + "\n"
    path = tmp_path / "tweet.txt"
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", str(path), "--no-config", "--no-cache", "--select", "boilerplate", "--fix")
    assert result.returncode == 0, result.stderr
    expected = "\n\n".join([STORY[1], "The water authority said the works would start soon", STORY[2]]) + "\n"
    assert path.read_text(encoding="utf-8") == expected


def test_unfixable_findings_stay_in_the_file(tmp_path: Path) -> None:
    promo = ("\"Stories worth telling: at Coast Media we bring them to life. Our magazine follows the people "
             "who keep the harbour moving.\"")
    text = "\n".join([STORY[1], STORY[2], "Follow us on Facebook for more updates", promo,
                      "Copyright \u00a9 2025 Coast Media. All rights reserved."]) + "\n"
    path = tmp_path / "promo.txt"
    path.write_text(text, encoding="utf-8")
    report = lint_json(str(path), "--select", "boilerplate", "--no-cache")
    rules = {f["rule"]: f["fixable"] for f in report["findings"]}
    assert rules.get("boilerplate.publisher-promo") is False
    run_cli("check", str(path), "--no-config", "--no-cache", "--select", "boilerplate", "--fix")
    assert path.read_text(encoding="utf-8") == "\n".join([STORY[1], STORY[2], promo]) + "\n"


def test_fix_refuses_standard_input() -> None:
    result = run_cli("check", "-", "--no-config", "--select", "boilerplate", "--fix", stdin="Trending\n" + STORY[1])
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "standard input" in result.stderr


def test_fix_skips_a_file_that_changed_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text("Trending\n\n" + STORY[1] + "\n", encoding="utf-8")
    linter = Linter(Settings(select=["boilerplate"]))
    results = [linter.lint_file(str(path))]
    assert [f.match for f in results[0].findings] == ["Trending"]
    assert [f.fixed for f in plan_fixes(results)] == [STORY[1] + "\n"]
    path.write_text("Breaking\n\n" + STORY[1] + "\n", encoding="utf-8")  # edited meanwhile
    assert plan_fixes(results) == []


def test_fix_on_seeds_keeps_every_clean_span(tmp_path: Path) -> None:
    gold_path = SHARED / "gold" / "seeds.yaml"
    if not gold_path.is_file():
        pytest.skip("../shared/gold/seeds.yaml is not available")
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    for seed in sorted(SEEDS.glob("*.txt")):
        target = tmp_path / seed.name
        shutil.copyfile(seed, target)
        target.chmod(0o644)
    result = run_cli("check", str(tmp_path), "--no-config", "--no-cache", "--select", "boilerplate", "--fix",
                     "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    changed = 0
    for doc in gold["documents"]:
        original = (SEEDS / doc["file"]).read_text(encoding="utf-8")
        fixed = (tmp_path / doc["file"]).read_text(encoding="utf-8")
        changed += fixed != original
        for item in doc.get("clean", []):
            assert fixed.count(item["text"]) == original.count(item["text"]), (doc["file"], item["text"])
        for item in doc.get("expect", []):
            if item["category"] == "boilerplate" and len(item["text"]) > 12:
                assert item["text"] not in fixed or item["text"] in _unfixable_text(original), (doc["file"], item["text"])
    assert changed == len(gold["documents"])


def _unfixable_text(original: str) -> str:
    """Residue that --fix leaves on purpose (rules marked fixable: false)."""
    return "\n".join(line for line in original.splitlines() if "our magazine" in line.lower())


def test_overlapping_findings_are_cut_once() -> None:
    line = "Talks resumed on Monday (Photo: Jane Roe/Reuters) pic.twitter.com/Ab12 - Port (@port) May 2, 2025"
    text = STORY[1] + "\n" + line + "\n"
    start = text.index("(Photo")

    def finding(a: int, b: int) -> Finding:
        return Finding(rule="boilerplate.x", category="boilerplate", level="warning", path="t.txt", start=a, end=b,
                       line=2, column=1, end_line=2, end_column=1, message="", match=text[a:b], fixable=True)

    fixed = fix_text(text, [finding(start, len(text) - 1), finding(start + 1, start + 20)])
    assert fixed == STORY[1] + "\nTalks resumed on Monday\n"
