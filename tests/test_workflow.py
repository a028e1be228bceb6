"""The CI gate: baselines, --changed-since and the summary a CI log ends with."""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SEEDS, run_cli
from linter import progress
from workflow_articles import write_corpus

NEW_DEFECT = "Local officials called the agreement a very unique chance to rebuild trust."


def _check(cwd: Path, *args: str):
    return run_cli("check", "--no-config", "--no-cache", *args, cwd=cwd)


def _findings(result) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def _insert_after_paragraph(path: Path, index: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    lines.insert(filled[index] + 1, text)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_baseline_from_the_seeds_passes_and_one_new_defect_fails(tmp_path: Path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    everything = _findings(_check(tmp_path, "seeds", "--format", "json", "--fail-on", "never"))

    wrote = _check(tmp_path, "seeds", "--write-baseline", "ci/baseline.json", "--fail-on", "info")
    assert wrote.returncode == 0, wrote.stderr  # writing a baseline is not a gate
    assert "wrote the baseline" in wrote.stderr
    baseline = json.loads((tmp_path / "ci" / "baseline.json").read_text())
    assert len(baseline["findings"]) == len(everything)
    assert {e["path"] for e in baseline["findings"]} <= {f"../seeds/{p.name}" for p in SEEDS.glob("*.txt")}

    gate = _check(tmp_path, "seeds", "--baseline", "ci/baseline.json", "--fail-on", "info", "--format", "json")
    assert gate.returncode == 0, gate.stderr
    assert _findings(gate) == []
    assert f"{len(everything)} accepted by the baseline" in gate.stderr or not everything

    seed = sorted((tmp_path / "seeds").glob("*.txt"))[2]
    _insert_after_paragraph(seed, 3, NEW_DEFECT)
    failed = _check(tmp_path, "seeds", "--baseline", "ci/baseline.json", "--fail-on", "info", "--format", "json")
    assert failed.returncode == 1
    new = _findings(failed)
    assert len(new) == 1
    assert new[0]["path"] == f"seeds/{seed.name}" and new[0]["match"] == "very unique"
    assert seed.read_text(encoding="utf-8").split("\n")[new[0]["line"] - 1] == NEW_DEFECT


ARTICLE = """\
Ferry operator cuts winter timetable

The island ferry will run four crossings a day from November, down from seven, the operator said on Monday.

Tourism officials called the summer season a very unique success for the harbour towns.

Residents said the cuts would make hospital appointments on the mainland harder to reach.
"""


def test_fingerprints_survive_line_shifts_and_edits_elsewhere(tmp_path: Path):
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert _check(tmp_path, "ferry.txt", "--write-baseline", "base.json").returncode == 0
    assert len(json.loads((tmp_path / "base.json").read_text())["findings"]) == 1

    shifted = ARTICLE.replace(
        "Ferry operator cuts winter timetable\n",
        "Ferry operator cuts winter timetable\n\nBy a staff reporter\n\nUpdated on Tuesday with the operator's figures.\n")
    shifted = shifted.replace("four crossings a day", "only four crossings a day")
    article.write_text(shifted, encoding="utf-8")
    gate = _check(tmp_path, "ferry.txt", "--baseline", "base.json", "--fail-on", "info", "--format", "json")
    assert gate.returncode == 0 and _findings(gate) == []

    # The same defect written a second time is new, and only that one is reported.
    article.write_text(shifted + "\nTourism officials called the summer season a very unique success for the harbour towns.\n",
                       encoding="utf-8")
    again = _check(tmp_path, "ferry.txt", "--baseline", "base.json", "--fail-on", "info", "--format", "json")
    assert again.returncode == 1
    assert [f["line"] for f in _findings(again)] == [len(shifted.split("\n")) + 1]


def test_fixed_findings_are_counted_as_stale(tmp_path: Path):
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    _check(tmp_path, "ferry.txt", "--write-baseline", "base.json")
    article.write_text(ARTICLE.replace("a very unique success", "a record"), encoding="utf-8")
    gate = _check(tmp_path, "ferry.txt", "--baseline", "base.json", "--fail-on", "info")
    assert gate.returncode == 0
    assert "1 baseline entries fixed since" in gate.stderr


@pytest.mark.parametrize("content, message", [
    (None, "baseline file not found"),
    ('{"findings": [\n  {"path": "a.txt",\n', "baseline is not valid JSON"),
    ('{"findings": {"a.txt": 1}}', "not a contentlint baseline"),
])
def test_bad_baseline_is_a_one_line_error(tmp_path: Path, content: str | None, message: str):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    if content is not None:
        (tmp_path / "base.json").write_text(content, encoding="utf-8")
    result = _check(tmp_path, "a.txt", "--baseline", "base.json")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "base.json" in result.stderr and message in result.stderr


# ----- --changed-since -------------------------------------------------------------------
def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "archive"
    write_corpus(repo / "news", 6)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "desk@example.org")
    _git(repo, "config", "user.name", "News Desk")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "archive")
    return repo


def test_changed_since_reports_only_what_changed(archive: Path):
    base = _git(archive, "rev-parse", "HEAD")
    edited = archive / "news" / "article-0002.txt"
    edited.write_text(edited.read_text() + "\nThe mayor called it a very unique budget.\n", encoding="utf-8")
    _git(archive, "commit", "-q", "-am", "edit one article")
    (archive / "news" / "article-0003.md").write_text("A very unique draft, not yet committed.\n", encoding="utf-8")
    (archive / "news" / "late.md").write_text("An untracked but very unique story.\n", encoding="utf-8")
    (archive / "news" / "article-0004.txt").unlink()

    for extra in ([], ["--corpus"]):
        result = _check(archive, "news", "--changed-since", base, "--format", "json", "--fail-on", "never", *extra)
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        changed = ["news/article-0002.txt", "news/article-0003.md", "news/late.md"]
        assert [f["path"] for f in report["files"]] == changed
        assert sorted({f["path"] for f in report["findings"] if f["rule"] == "style.very-unique"}) == changed
        assert "3 changed files reported" in result.stderr

    nothing = _check(archive, "news", "--changed-since", "HEAD~0", "--format", "json", "--fail-on", "info")
    assert nothing.returncode == 1  # the two uncommitted files still count as changed


@pytest.mark.parametrize("rev, message", [("no-such-branch", "--changed-since"), ("--output=x", "git revision")])
def test_changed_since_errors_are_one_line(archive: Path, rev: str, message: str):
    result = _check(archive, "news", f"--changed-since={rev}")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_changed_since_outside_a_repo_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = _check(tmp_path, "a.txt", "--changed-since", "HEAD")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "git" in result.stderr


# ----- the CI summary ---------------------------------------------------------------------
def test_summary_names_counts_top_rules_and_the_exit_reason(tmp_path: Path):
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    result = _check(tmp_path, "ferry.txt", "--format", "github", "--fail-on", "info")
    assert result.returncode == 1
    assert result.stdout.startswith("::notice file=ferry.txt,line=5")
    lines = result.stderr.splitlines()
    assert lines[0].startswith("1 finding in 1 file: 0 error, 0 warning, 1 info")
    assert "  style: 1 (1 info)" in lines
    assert "top rules: style.very-unique 1" in lines
    column = ARTICLE.split("\n")[4].index("very unique") + 1
    assert lines[-1] == f"exit 1: 1 finding at or above info (--fail-on info); first: ferry.txt:5:{column} style.very-unique"

    passing = _check(tmp_path, "ferry.txt", "--fail-on", "error")
    assert passing.returncode == 0
    assert passing.stderr.splitlines()[-1] == "exit 0: no findings at or above error (--fail-on error); 1 below it"
    # The text report already prints the counts on stdout; stderr adds only what it lacks.
    assert "finding in 1 file" not in passing.stderr and "finding in 1 file" in passing.stdout
    assert run_cli("check", "--no-config", "ferry.txt", "-q", cwd=tmp_path).stderr == ""


# ----- the progress bar ------------------------------------------------------------------
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_an_interactive_terminal(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert progress.wanted(None, _Terminal())
    assert not progress.wanted(None, io.StringIO())          # piped or redirected
    assert progress.wanted(False, _Terminal()) is False       # --no-progress
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(None, _Terminal())             # CI logs are not terminals
    # A run shorter than the delay never draws anything, even on a terminal.
    screen = _Terminal()
    with progress.Progress(50, enabled=True, stream=screen) as bar:
        for _ in range(50):
            bar.advance()
    assert screen.getvalue() == "" and bar.done == 50


def test_piped_run_has_no_control_codes(tmp_path: Path):
    write_corpus(tmp_path / "news", 30)
    result = _check(tmp_path, "news", "--fail-on", "never")
    assert result.returncode == 0
    assert "\x1b" not in result.stderr + result.stdout


def test_a_partial_run_cannot_overwrite_the_baseline(archive: Path):
    result = _check(archive, "news", "--changed-since", "HEAD", "--write-baseline", "base.json")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert not (archive / "base.json").exists()
