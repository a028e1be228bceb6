"""The content-hash cache: an unchanged file is read back, not linted, with the same output."""
from __future__ import annotations

import json
import os
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import run_cli
from linter import Linter, Settings
from linter.cache import Cache, decode, encode
from linter.engine import FileResult
from linter.findings import Finding
from linter.suppression import Suppressions
from workflow_articles import write_corpus

HOUSE_RULE = """\
pack: house
description: A house style pack for the cache tests.
rules:
  - id: house.utilise
    category: style
    level: warning
    message: "Say 'use', not '{match}'"
    description: Plain words.
    type: phrase
    phrases: [utilise, utilize]
    why: Plain words read faster.
    example: {bad: "We utilise it.", good: "We use it."}
"""


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An editorial repo: 12 articles, a house pack, and its own cache folder."""
    write_corpus(tmp_path / "articles", 12)
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "house.yaml").write_text(HOUSE_RULE, encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("rules: [house]\nfail_on: never\n", encoding="utf-8")
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR", raising=False)
    return tmp_path


def _run(repo: Path, *args: str):
    result = run_cli("check", "articles", "--format", "json", "--jobs", "1", *args, cwd=repo)
    assert result.returncode == 0, result.stderr
    return result


def _cached(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if "(cached)" in line)


def test_second_run_reads_every_file_from_the_cache(newsroom: Path):
    first = _run(newsroom)
    assert "0 of 12 files unchanged (cached)" in _cached(first.stderr)
    assert (newsroom / ".contentlint_cache" / "CACHEDIR.TAG").is_file()
    second = _run(newsroom)
    assert "12 of 12 files unchanged (cached)" in _cached(second.stderr)
    assert second.stdout == first.stdout

    # Evidence that the second run did not lint: a finding edited inside the cache is
    # what gets reported, until --no-cache lints the file again.
    (newsroom / "articles" / "article-0003.md").write_text("We utilise the old ferry.\n", encoding="utf-8")
    _run(newsroom)
    entries = [p for p in (newsroom / ".contentlint_cache").rglob("*.pickle")
               if any(f.match == "utilise" for f in _entry_findings(p))]
    assert len(entries) == 1
    entry = decode(entries[0].read_bytes())
    entry.findings[0].message = "served from the cache"
    entries[0].write_bytes(encode(entry))
    # The stored whole run would answer first; without it the per-file entries are read.
    for stored_run in (newsroom / ".contentlint_cache").glob("*/runs/*.pickle"):
        stored_run.unlink()
    cached = json.loads(_run(newsroom).stdout)
    assert "served from the cache" in [f["message"] for f in cached["findings"]]
    fresh = json.loads(_run(newsroom, "--no-cache").stdout)
    assert "served from the cache" not in [f["message"] for f in fresh["findings"]]


def _entry_findings(path: Path) -> list[Finding]:
    try:
        return decode(path.read_bytes()).findings
    except ValueError:  # the stored rule set, not a file's entry
        return []


def test_an_edit_or_a_rule_change_is_linted_again(newsroom: Path):
    _run(newsroom)
    article = newsroom / "articles" / "article-0004.txt"
    article.write_text(article.read_text() + "\nThe council will utilize the reserve fund.\n", encoding="utf-8")
    after_edit = _run(newsroom)
    assert "11 of 12 files unchanged" in _cached(after_edit.stderr)
    assert any(f["rule"] == "house.utilise" for f in json.loads(after_edit.stdout)["findings"])

    pack = newsroom / "house" / "house.yaml"
    pack.write_text(pack.read_text().replace("level: warning", "level: error"), encoding="utf-8")
    after_rule = _run(newsroom)
    assert "0 of 12 files unchanged" in _cached(after_rule.stderr)
    levels = {f["level"] for f in json.loads(after_rule.stdout)["findings"] if f["rule"] == "house.utilise"}
    assert levels == {"error"}
    # Settings that reach detectors are part of the key too.
    assert "0 of 12 files unchanged" in _cached(_run(newsroom, "--date", "2024-05-01").stderr)
    assert "12 of 12 files unchanged" in _cached(_run(newsroom, "--date", "2024-05-01").stderr)


def test_cache_clean_removes_the_cache(newsroom: Path):
    _run(newsroom)
    assert (newsroom / ".contentlint_cache").is_dir()
    cleaned = run_cli("cache", "clean", cwd=newsroom)
    assert cleaned.returncode == 0 and "removed" in cleaned.stdout
    assert not (newsroom / ".contentlint_cache").exists()
    again = run_cli("cache", "clean", cwd=newsroom)
    assert again.returncode == 0 and "no cache" in again.stdout
    _run(newsroom, "--no-cache")
    assert not (newsroom / ".contentlint_cache").exists()


def test_cache_dir_from_the_environment(newsroom: Path, tmp_path_factory: pytest.TempPathFactory,
                                       monkeypatch: pytest.MonkeyPatch):
    elsewhere = tmp_path_factory.mktemp("cache") / "c"
    monkeypatch.setenv("CONTENTLINT_CACHE_DIR", str(elsewhere))
    _run(newsroom)
    assert (elsewhere / "CACHEDIR.TAG").is_file()
    assert not (newsroom / ".contentlint_cache").exists()


def _result(extracts: dict) -> FileResult:
    finding = Finding(rule="style.x", category="style", level="info", path="a.md", start=3, end=9, line=1,
                      column=4, end_line=1, end_column=10, message="m", match="utilis", fingerprint="ab:0")
    return FileResult(path="a.md", language="en", date="2024-01-02", date_source="front matter",
                      findings=[finding], extracts=extracts,
                      suppressions=Suppressions(ranges=[(0, 5, ("style",))], file_ignore=("numbers",)))


@pytest.mark.parametrize("extracts", [
    {"names": {"people": [["Maria Lopez", 2, 14]]}},
    {"names": [("Maria Lopez", (2, 14))], "ids": {3: "x"}, "seen": {"a"}},  # tuples, int keys, sets
])
def test_entries_round_trip_exactly_including_extracts(extracts: dict):
    original = _result(extracts)
    restored = decode(encode(original))
    assert restored.to_json() == original.to_json() and restored.suppressions == original.suppressions
    assert dict(restored.extracts) == original.extracts
    assert restored.extracts == extracts and type(restored.extracts["names"]) is type(extracts["names"])


def test_library_counts_hits_and_misses(tmp_path: Path):
    files = [str(p) for p in write_corpus(tmp_path / "a", 5)]
    linter = Linter(Settings())
    cache = Cache.for_settings(linter.settings, tmp_path / "cache")
    first = linter.lint_files(files, cache=cache)
    assert (cache.hits, cache.misses) == (0, 5)
    second = linter.lint_files(files, cache=cache)
    assert (cache.hits, cache.misses) == (5, 5)
    assert [r.to_json() for r in first] == [r.to_json() for r in second]
    assert [r.extracts for r in first] == [r.extracts for r in second]


def test_an_unchanged_set_of_files_is_read_back_as_one_run(newsroom: Path):
    first = _run(newsroom)
    runs = list((newsroom / ".contentlint_cache").glob("*/runs/*.pickle"))
    assert len(runs) == 1
    # Evidence the second run reads the stored run back instead of linting or running
    # the cross-article checks: a finding planted in it is reported as if found.
    planted = json.loads(first.stdout)["findings"][0] if json.loads(first.stdout)["findings"] else None
    assert planted is not None
    planted = {**planted, "message": "planted finding", "fingerprint": "planted:0"}
    stored = pickle.loads(runs[0].read_bytes())
    stored[planted["path"]].findings.append(Finding.from_json(planted))
    runs[0].write_bytes(pickle.dumps(stored))
    second = _run(newsroom)
    assert "12 of 12 files unchanged (cached)" in _cached(second.stderr)
    assert "planted finding" in [f["message"] for f in json.loads(second.stdout)["findings"]]
    # Any change to the set of files runs the cross-article checks again.
    (newsroom / "articles" / "article-0001.md").write_text("A short update on the ferry timetable.\n", encoding="utf-8")
    third = _run(newsroom)
    assert "11 of 12 files unchanged (cached)" in _cached(third.stderr)
    assert "planted finding" not in [f["message"] for f in json.loads(third.stdout)["findings"]]
    # Runs are content-addressed: restoring the old text restores the old set's run.
    (newsroom / "articles" / "article-0001.md").unlink()
    write_corpus(newsroom / "articles", 1, start=1)
    assert _run(newsroom).stdout == second.stdout
    # A run read back reports exactly what linting every file again reports.
    runs[0].write_bytes(pickle.dumps(pickle.loads(runs[0].read_bytes()) | {planted["path"]: None}))
    assert _run(newsroom).stdout == first.stdout == _run(newsroom, "--no-cache").stdout


def test_a_fully_cached_run_uses_the_stored_rule_set(newsroom: Path):
    _run(newsroom)
    stored = list((newsroom / ".contentlint_cache").glob("*/rules.pickle"))
    assert len(stored) == 1
    # Evidence that the warm run does not build the rule set again: a rule description
    # edited inside the stored rules is what the SARIF report describes.
    rules = pickle.loads(stored[0].read_bytes())
    house = next(r for r in rules if r.id == "house.utilise")
    rules[rules.index(house)] = replace(house, description="described by the stored rule set")
    stored[0].write_bytes(pickle.dumps(rules))
    sarif = json.loads(_run(newsroom, "--format", "sarif").stdout)
    described = {r["id"]: r["shortDescription"]["text"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert described["house.utilise"] == "described by the stored rule set"


def test_a_bad_selector_is_reported_even_when_every_file_is_cached(newsroom: Path):
    _run(newsroom)
    result = run_cli("check", "articles", "--select", "house.no-such-rule", cwd=newsroom)
    assert result.returncode == 2
    assert "house.no-such-rule" in result.stderr and "Traceback" not in result.stderr


def _stored_run(folder: Path, cache_root: Path) -> tuple[Linter, list[str]]:
    """Lint a small archive through the library and store the whole run."""
    files = [str(p) for p in write_corpus(folder, 4)]
    linter = Linter(Settings())
    cache = Cache.for_settings(linter.settings, cache_root)
    cache.key_all(files)
    cache.run_corpus(lambda: linter, linter.lint_files(files, cache=cache))
    return linter, files


def test_an_unchanged_archive_is_stat_ed_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("linter.cache.RACY_NS", 0)  # the files count as settled at once
    linter, files = _stored_run(tmp_path / "a", tmp_path / "cache")

    def no_reading(path: str) -> bytes:
        raise AssertionError(f"{path} was read although its stamp is unchanged")

    monkeypatch.setattr("linter.cache.read_bytes", no_reading)
    again = Cache.for_settings(linter.settings, tmp_path / "cache")
    assert again.load_run(files) is not None and again.hits == 4


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("linter.cache.RACY_NS", 0)
    linter, files = _stored_run(tmp_path / "a", tmp_path / "cache")
    target = Path(files[1])
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("council", "COUNCIL", 1), encoding="utf-8")  # same size
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # the old time, restored
    assert target.stat().st_size == before.st_size and target.stat().st_mtime_ns == before.st_mtime_ns
    again = Cache.for_settings(linter.settings, tmp_path / "cache")
    assert again.load_run(files) is None  # the changed file misses, so the run is linted again
    assert again.keys[files[1]] != Cache.for_settings(linter.settings, tmp_path / "cache").key(files[1], text.encode())


def test_a_file_written_just_now_is_read_again_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    linter, files = _stored_run(tmp_path / "a", tmp_path / "cache")  # written within RACY_NS
    reads: list[str] = []
    from linter import cache as cache_module

    real = cache_module.read_bytes
    monkeypatch.setattr("linter.cache.read_bytes", lambda path: reads.append(path) or real(path))
    again = Cache.for_settings(linter.settings, tmp_path / "cache")
    assert again.load_run(files) is not None
    assert sorted(reads) == sorted(files)  # its stamp could miss an edit in the same tick
