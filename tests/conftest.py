"""Shared test helpers: run the real CLI in-process and read its JSON report."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``contentlint`` as a user would (a subprocess), returning its result."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "linter", *args], cwd=cwd or ROOT, input=stdin,
        capture_output=True, text=True, env=env, timeout=300,
    )


def lint_json(*args: str, cwd: Path | None = None, stdin: str | None = None) -> dict[str, Any]:
    """Run ``contentlint check --format json`` and parse the report."""
    result = run_cli("check", "--format", "json", "--fail-on", "never", "--no-config", *args, cwd=cwd, stdin=stdin)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def write_article(tmp_path: Path, text: str, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def article(tmp_path: Path):
    """Factory: ``article(text, name)`` writes a file in a temp folder and returns its path."""
    def make(text: str, name: str = "article.txt") -> Path:
        return write_article(tmp_path, text, name)
    return make
