"""The real pre-commit runs this project's hook, as an editorial repo would configure it.

pre-commit clones this repository at its current commit (HEAD of the checkout the tests
run from) and builds the hook's environment with pip, so this needs PyPI on first use;
later runs reuse pre-commit's cache. Only committed files take part, like for any user.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, lint_json

CLEAN_ARTICLE = """\
# Library extends weekend opening hours

The central library will open on Sundays from next month, the city's culture department
said on Thursday, after a year-long trial at two branch libraries drew steady visitor numbers.

The change adds six hours of opening a week and will be staffed by existing employees
working rotating shifts, according to the department.

Visitors at the branch in the old market hall said the Sunday hours had made it easier
to bring children to reading sessions.
"""


def _pre_commit() -> str | None:
    beside_python = Path(sys.executable).with_name("pre-commit")
    return shutil.which("pre-commit") or (str(beside_python) if beside_python.exists() else None)


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repo whose .pre-commit-config.yaml uses this project at its current commit."""
    if _pre_commit() is None:
        pytest.skip("pre-commit is not installed (pip install 'contentlint[test]')")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of contentlint")
    rev = _git(ROOT, "rev-parse", "HEAD")
    listed = subprocess.run(["git", "cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml"], cwd=ROOT)
    assert listed.returncode == 0, ".pre-commit-hooks.yaml must be committed for pre-commit to find the hook"
    repo = tmp_path_factory.mktemp("precommit") / "newsroom"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "desk@example.org")
    _git(repo, "config", "user.name", "News Desk")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {json.dumps(str(ROOT))}\n    rev: {rev}\n    hooks:\n      - id: contentlint\n",
        encoding="utf-8")
    (repo / ".contentlint.yaml").write_text("fail_on: warning\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "set up the hook")
    return repo


def _run_hook(repo: Path, name: str) -> subprocess.CompletedProcess[str]:
    _git(repo, "add", name)
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("CONTENTLINT_CACHE_DIR", None)
    return subprocess.run([_pre_commit(), "run", "contentlint", "--color", "never", "--files", name],  # type: ignore[list-item]
                          cwd=repo, capture_output=True, text=True, env=env, timeout=900)


def test_clean_article_passes(newsroom: Path):
    (newsroom / "library.md").write_text(CLEAN_ARTICLE, encoding="utf-8")
    result = _run_hook(newsroom, "library.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_seed_fails_and_prints_the_finding(newsroom: Path):
    # The seed with the most findings that the repo's fail_on (warning) blocks.
    per_seed = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        findings = lint_json(str(seed), "--no-cache")["findings"]
        per_seed[seed] = [f for f in findings if f["level"] in ("warning", "error")]
    seed, blocking = max(per_seed.items(), key=lambda item: len(item[1]))
    assert blocking, "no seed has a warning-level finding to block on"
    shutil.copy(seed, newsroom / seed.name)
    result = _run_hook(newsroom, seed.name)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    # pre-commit runs the committed code, which may lag this checkout: match the shape.
    assert re.search(rf"^{re.escape(seed.name)}:\d+:\d+: (warning|error) [a-z]+\.[a-z0-9.-]+ ", result.stdout, re.M), \
        result.stdout
