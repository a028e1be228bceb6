"""The command line as a user meets it: exit codes, options, errors without tracebacks."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

CORE = ROOT / "tests" / "fixtures" / "core"


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("contentlint ")


def test_rules_lists_id_category_level_description():
    result = run_cli("rules", cwd=CORE)
    assert result.returncode == 0
    line = next(l for l in result.stdout.splitlines() if l.startswith("house.utilize"))
    assert line.split()[1:3] == ["style", "info"]
    assert "Plain words over inflated ones." in line


def test_explain_prints_docs_and_example():
    result = run_cli("explain", "style.very-unique")
    assert result.returncode == 0
    assert "category: style" in result.stdout
    assert "flagged: a very unique opportunity" in result.stdout


def test_explain_unknown_rule_is_one_line_error():
    result = run_cli("explain", "nope.nothing")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "unknown rule 'nope.nothing'" in result.stderr


def test_exit_code_one_on_error_findings():
    # article.md has a house.shouting finding, which is an error.
    assert run_cli("check", "article.md", cwd=CORE).returncode == 1


def test_fail_on_levels(tmp_path: Path):
    (tmp_path / ".contentlint.yaml").write_text(f"builtin_rules: false\nrules: [{CORE / 'rules'}]\n")
    (tmp_path / "a.txt").write_text("It is very unique.\n")
    assert run_cli("check", "a.txt", cwd=tmp_path).returncode == 0          # warning < error
    assert run_cli("check", "a.txt", "--fail-on", "warning", cwd=tmp_path).returncode == 1
    assert run_cli("check", "a.txt", "--fail-on", "never", cwd=tmp_path).returncode == 0
    (tmp_path / "b.txt").write_text("Nothing to see here.\n")
    assert run_cli("check", "b.txt", "--fail-on", "info", cwd=tmp_path).returncode == 0


def test_stdin_and_stdin_filename(tmp_path: Path):
    (tmp_path / ".contentlint.yaml").write_text(f"builtin_rules: false\nrules: [{CORE / 'rules'}]\n")
    result = run_cli("check", "-", "--stdin-filename", "draft.md", "--format", "json", cwd=tmp_path,
                     stdin="A very unique `very unique` idea.\n")
    data = json.loads(result.stdout)
    assert [f["path"] for f in data["findings"]] == ["draft.md"]
    assert data["findings"][0]["column"] == 3


def test_select_and_ignore_by_id_prefix_and_category(tmp_path: Path):
    (tmp_path / ".contentlint.yaml").write_text(f"builtin_rules: false\nrules: [{CORE / 'rules'}]\n")
    (tmp_path / "a.txt").write_text("We utilize a very unique plan!!\n")

    def rules_fired(*args: str) -> list[str]:
        out = run_cli("check", "a.txt", "--format", "json", "--fail-on", "never", *args, cwd=tmp_path)
        assert out.returncode == 0, out.stderr
        return sorted(f["rule"] for f in json.loads(out.stdout)["findings"])

    assert rules_fired() == ["house.no-very-unique", "house.shouting", "house.utilize"]
    assert rules_fired("--select", "house.utilize") == ["house.utilize"]
    assert rules_fired("--ignore", "style") == []
    assert rules_fired("--select", "style", "--ignore", "house.shout") == ["house.no-very-unique", "house.utilize"]
    # the longer selector wins: select a rule inside an ignored category
    assert rules_fired("--ignore", "house", "--select", "house.shouting") == ["house.shouting"]


def test_unknown_selector_is_an_error(tmp_path: Path):
    (tmp_path / "a.txt").write_text("text\n")
    result = run_cli("check", "a.txt", "--select", "nosuch", cwd=tmp_path)
    assert result.returncode == 2
    assert "'nosuch' matches no rule" in result.stderr


def test_missing_path_and_bad_options_are_one_line_errors(tmp_path: Path):
    for args in (("check", "missing.txt"), ("check", ".", "--format", "xml"), ("check", ".", "--date", "July 4"),
                 ("check", ".", "--fail-on", "sometimes"), ("check", "--no-such-option")):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_invalid_utf8_names_file_and_line(tmp_path: Path):
    (tmp_path / "bad.txt").write_bytes(b"fine line\nbroken \xff byte\n")
    result = run_cli("check", "bad.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "bad.txt:2: not valid UTF-8" in result.stderr


def test_output_and_extra_reports_are_written(tmp_path: Path):
    (tmp_path / ".contentlint.yaml").write_text(f"builtin_rules: false\nrules: [{CORE / 'rules'}]\n")
    (tmp_path / "a.txt").write_text("A very unique plan.\n")
    result = run_cli("check", "a.txt", "--output", "out/r.txt", "--report", "json:out/r.json",
                     "--report", "sarif:out/r.sarif", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == ""
    assert "a.txt:1:3: warning house.no-very-unique" in (tmp_path / "out/r.txt").read_text()
    assert json.loads((tmp_path / "out/r.json").read_text())["summary"]["findings"] == 1
    assert json.loads((tmp_path / "out/r.sarif").read_text())["version"] == "2.1.0"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_report_into_a_pipe_or_device_writes_into_it(tmp_path: Path):
    # /dev/null, /dev/stdout or a shell's <(...) are written into, never replaced by a
    # renamed temporary file (as root, that replaced /dev/null itself).
    (tmp_path / ".contentlint.yaml").write_text(f"builtin_rules: false\nrules: [{CORE / 'rules'}]\n")
    (tmp_path / "a.txt").write_text("A very unique plan.\n")
    pipe = tmp_path / "report.pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    result = run_cli("check", "a.txt", "--format", "json", "--output", str(pipe), cwd=tmp_path)
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert json.loads(received[0])["summary"]["findings"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_folders_are_recursed_with_default_globs(tmp_path: Path):
    (tmp_path / ".contentlint.yaml").write_text(f"builtin_rules: false\nrules: [{CORE / 'rules'}]\n")
    (tmp_path / "sub").mkdir()
    for name in ("sub/a.md", "b.txt", "c.markdown", "skip.html"):
        (tmp_path / name).write_text("A very unique plan.\n")
    data = json.loads(run_cli("check", ".", "--format", "json", cwd=tmp_path).stdout)
    assert [f["path"] for f in data["files"]] == ["b.txt", "c.markdown", "sub/a.md"]


def test_library_api_matches_cli():
    from linter import Linter, Settings

    settings = Settings(builtin_rules=False, rule_dirs=[CORE / "rules"])
    result = Linter(settings).lint_text("They utilize it.", path="x.txt")
    assert [(f.rule, f.match, f.suggestion) for f in result.findings] == [("house.utilize", "utilize", "use")]


def test_unwritable_output_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Fine.\n")
    (tmp_path / "reports").mkdir()
    result = run_cli("check", "a.txt", "--no-config", "--output", "reports", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "contentlint: error: reports: cannot write the report: is a folder"


def test_a_missing_dependency_is_one_line_naming_it_and_the_interpreter(tmp_path: Path):
    # An interpreter that cannot import typer (as after 'pip install --no-deps'): a
    # sitecustomize on its path blocks the import before the command starts.
    (tmp_path / "sitecustomize.py").write_text("import sys\nsys.modules['typer'] = None\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)])}
    result = subprocess.run([sys.executable, "-m", "linter", "check", "seeds"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"contentlint: error: missing dependency 'typer' in {sys.executable}; "
        "install contentlint with its dependencies (pip install .), or run the venv's own program "
        "(.venv/bin/contentlint)"]
