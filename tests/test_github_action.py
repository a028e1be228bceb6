"""The composite action: its lint step runs here as bash, as the runner would run it, and
the documented workflow only uses inputs the action declares."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
DOC = (ROOT / "docs" / "github-actions.md").read_text(encoding="utf-8")

ARTICLE = """\
Harbour towns count a record summer

Tourism officials called the season a very unique success for the harbour towns.

Hotel bookings rose for the third year in a row, the regional tourism board said.
"""


def _step(step_id: str) -> dict:
    return next(s for s in ACTION["runs"]["steps"] if s.get("id") == step_id)


def test_action_is_composite_and_uploads_sarif():
    assert ACTION["runs"]["using"] == "composite"
    steps = ACTION["runs"]["steps"]
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "${{ steps.lint.outputs.sarif-file }}"
    assert all(s.get("shell") == "bash" for s in steps if "run" in s)


def _run_lint_step(workdir: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    step = _step("lint")
    env = dict(os.environ)
    env.pop("CONTENTLINT_CACHE_DIR", None)
    for name, expression in step["env"].items():
        key = re.fullmatch(r"\$\{\{ inputs\.([a-z-]+) \}\}", expression).group(1)
        env[name] = inputs.get(key, ACTION["inputs"][key]["default"])
    outputs, summary = workdir / "outputs.txt", workdir / "summary.md"
    env.update(GITHUB_OUTPUT=str(outputs), GITHUB_STEP_SUMMARY=str(summary), RUNNER_TEMP=str(workdir),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=workdir, env=env, capture_output=True, text=True,
                          timeout=300)
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    return done, values, summary.read_text()


def test_lint_step_annotates_writes_sarif_and_reports_the_exit_code(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "harbour.md").write_text(ARTICLE, encoding="utf-8")
    done, outputs, summary = _run_lint_step(tmp_path, paths="news", **{"fail-on": "info", "args": "--no-config"})
    assert done.returncode == 0, done.stderr  # the step itself succeeds; a later step fails the job
    assert outputs["exit-code"] == "1"
    assert "::notice file=news/harbour.md,line=3" in done.stdout
    sarif = json.loads((tmp_path / outputs["sarif-file"]).read_text())
    rules = [r["ruleId"] for run in sarif["runs"] for r in run["results"]]
    assert "style.very-unique" in rules
    assert "exit 1:" in summary and "### contentlint" in summary


def test_lint_step_passes_with_a_baseline(tmp_path: Path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "harbour.md").write_text(ARTICLE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "linter", "check", "news", "--no-config", "--write-baseline", "base.json"],
                   cwd=tmp_path, capture_output=True, check=True)
    done, outputs, _ = _run_lint_step(tmp_path, paths="news", baseline="base.json",
                                      **{"fail-on": "info", "args": "--no-config"})
    assert outputs["exit-code"] == "0", done.stderr


def test_usage_error_gives_exit_two_and_no_sarif(tmp_path: Path):
    done, outputs, _ = _run_lint_step(tmp_path, paths="missing-folder")
    assert outputs["exit-code"] == "2"
    assert "sarif-file" not in outputs
    assert "no such file or folder" in done.stderr


def test_documented_workflow_uses_declared_inputs():
    blocks = re.findall(r"```yaml\n(.*?)```", DOC, re.S)
    workflow = next(yaml.safe_load(b) for b in blocks if "jobs:" in b)
    steps = workflow["jobs"]["lint"]["steps"]
    ours = next(s for s in steps if str(s.get("uses", "")).endswith("/contentlint@v0.1.0"))
    assert set(ours["with"]) <= set(ACTION["inputs"])
    assert workflow["permissions"]["security-events"] == "write"
