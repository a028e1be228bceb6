"""The benchmark script keeps working (not a timed test: speed is not asserted here)."""
from __future__ import annotations

import hashlib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

SCRIPT = ROOT / "bench" / "benchmark.py"


def _load_bench():
    spec = importlib.util.spec_from_file_location("contentlint_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_benchmark_runs_and_prints_results(tmp_path: Path) -> None:
    out = tmp_path / "bench"
    report = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--articles", "20", "--skip-proselint", "--out", str(out),
         "--json", str(report)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "corpus: 20 articles" in done.stdout
    row = re.search(r"^cold\s+([\d.]+)\s+(\d+)\s+(\d+|\?)\s", done.stdout, re.M)
    assert row, done.stdout
    assert float(row.group(1)) > 0 and int(row.group(2)) > 0
    files = sorted(p for p in (out / "corpus-20").rglob("*") if p.suffix in (".txt", ".md"))
    assert len(files) == 20
    assert {p.suffix for p in files} == {".txt", ".md"}
    assert '"articles": 20' in report.read_text()


def test_corpus_is_reproducible_distinct_and_article_sized() -> None:
    bench = _load_bench()
    pool = bench.seed_paragraphs()
    first = [bench.article(i, pool) for i in range(30)]
    again = [bench.article(i, pool) for i in range(30)]
    assert first == again
    digests = {hashlib.sha1(text.encode()).hexdigest() for _, text in first}
    assert len(digests) == 30
    for _, text in first:
        assert 800 <= len(text.split()) <= 1300


def test_profile_prints_time_per_detector_and_rule_without_changing_the_report() -> None:
    from conftest import run_cli

    args = ("check", "seeds", "--format", "json", "--fail-on", "never", "--no-config")
    plain = run_cli(*args)
    profiled = run_cli(*args, "--profile")
    assert plain.returncode == profiled.returncode == 0, profiled.stderr
    assert plain.stdout == profiled.stdout
    table = profiled.stderr
    assert "profile: 5 article(s)" in table
    assert "detector type" in table and "(document views)" in table and "(measured total)" in table
    assert "rule (alone, views prebuilt)" in table
    assert re.search(r"^phrase\s+[\d.]+\s+[\d.]+\s+[\d.]+%", table, re.M), table


def test_phrase_index_survives_pickling_for_worker_processes() -> None:
    import pickle

    from linter.document import Document
    from linter.matching import PhraseIndex

    index: PhraseIndex[str] = PhraseIndex()
    index.add("very unique", "a")
    index.add("unique", "b")
    doc = Document.from_text("A Very\u00a0 unique offer, not a uniqueness claim.", "x.txt")
    before = list(index.find(doc))
    copy = pickle.loads(pickle.dumps(index))
    assert list(copy.find(doc)) == before == [(2, 14, "a"), (8, 14, "b")]
