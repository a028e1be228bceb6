"""--jobs N gives the same report, byte for byte and in the same order, as --jobs 1."""
from __future__ import annotations

import concurrent.futures
import json
from pathlib import Path

import pytest

from conftest import run_cli
from linter import Linter, Settings, parallel
from workflow_articles import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parallel") / "articles"
    write_corpus(folder, 40)
    return folder


def _check(folder: Path, *args: str) -> str:
    result = run_cli("check", "articles", "--no-config", "--fail-on", "never", *args, cwd=folder.parent)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_jobs_two_is_byte_identical_to_jobs_one(corpus: Path):
    one = _check(corpus, "--format", "json", "--jobs", "1", "--no-cache")
    two = _check(corpus, "--format", "json", "--jobs", "2", "--no-cache")
    assert one == two
    report = json.loads(one)
    paths = [f["path"] for f in report["findings"]]
    assert paths == sorted(paths)  # files in discovery order, not in order of completion
    # The same holds for the text report, and when workers write and then read the cache.
    assert _check(corpus, "--jobs", "1", "--no-cache") == _check(corpus, "--jobs", "2", "--no-cache")
    cold = _check(corpus, "--format", "json", "--jobs", "2")
    warm = _check(corpus, "--format", "json", "--jobs", "2")
    assert cold == warm == one


class _CountingPool(concurrent.futures.ProcessPoolExecutor):
    started = 0

    def __init__(self, *args, **kwargs):
        type(self).started += 1
        super().__init__(*args, **kwargs)


@pytest.mark.parametrize("fork", [True, False], ids=["fork", "spawn"])
def test_library_pool_matches_one_process(corpus: Path, monkeypatch: pytest.MonkeyPatch, fork: bool):
    linter = Linter(Settings())
    files = linter.files([str(corpus)])
    expected = [r.to_json() for r in linter.lint_files(files, jobs=1)]
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _CountingPool)  # imported per pool
    if not fork:  # spawned workers compile the rule set themselves from the settings
        monkeypatch.setattr(parallel, "_can_fork", lambda: False)
    _CountingPool.started = 0
    finished: list[int] = []
    results = linter.lint_files(files, jobs=2, advance=finished.append)
    assert _CountingPool.started == 1  # the files really went to worker processes
    assert [r.to_json() for r in results] == expected
    assert sum(finished) == len(files)


def test_small_runs_stay_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    files = [str(p) for p in write_corpus(tmp_path, 3)]
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", _CountingPool)  # imported per pool
    _CountingPool.started = 0
    Linter(Settings()).lint_files(files, jobs=8)
    assert _CountingPool.started == 0


def test_bad_file_in_a_parallel_run_is_the_same_one_line_error(corpus: Path, tmp_path: Path):
    folder = tmp_path / "articles"
    write_corpus(folder, 40)
    (folder / "article-0025.txt").write_bytes(b"Caf\xe9 owners say rents doubled.\n")
    one = run_cli("check", "articles", "--no-config", "--jobs", "1", "--no-cache", cwd=tmp_path)
    two = run_cli("check", "articles", "--no-config", "--jobs", "2", "--no-cache", cwd=tmp_path)
    assert one.returncode == two.returncode == 2
    assert one.stderr == two.stderr
    assert two.stderr.count("\n") == 1 and "article-0025.txt:1: not valid UTF-8" in two.stderr
