"""Third-party detector types load from the ``contentlint.detectors`` entry-point group."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PLUGIN = '''
from linter.detectors.base import Detector, make_finding


class ShoutDetector(Detector):
    """Flags words written in capitals, to prove a plugin type runs like a built-in one."""

    name = "shout"
    fields = {"min_length": False}

    def check(self, doc):
        for rule, _ in self.rules:
            minimum = rule.options.get("min_length", 4)
            for start, end in doc.tokens:
                word = doc.text[start:end]
                if len(word) >= minimum and word.isupper():
                    yield make_finding(rule, doc, start, end)
'''

PACK = """rules:
  - id: house.shouting-words
    category: style
    level: warning
    message: "Capitals: '{match}'"
    type: shout
    min_length: 5
"""


def _install_fake_distribution(site: Path, entry: str) -> None:
    (site / "shoutplugin.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "shoutplugin-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: shoutplugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[contentlint.detectors]\nshout = {entry}\n", encoding="utf-8")


def _run(tmp_path: Path, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


def test_plugin_type_from_entry_point_runs(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    _install_fake_distribution(site, "shoutplugin:ShoutDetector")
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The MINISTER said it was URGENT but OK.\n", encoding="utf-8")
    result = _run(tmp_path, site, "check", "a.txt", "--rules", "pack.yaml", "--select", "house",
                  "--format", "json", "--no-config", "--no-cache", "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    assert [f["match"] for f in json.loads(result.stdout)["findings"]] == ["MINISTER", "URGENT"]


def test_broken_plugin_is_a_one_line_error(tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    _install_fake_distribution(site, "shoutplugin:NoSuchClass")
    (tmp_path / "a.txt").write_text("text\n", encoding="utf-8")
    result = _run(tmp_path, site, "check", "a.txt", "--no-config", "--no-cache")
    assert result.returncode == 2
    assert "cannot load detector plugin 'shout'" in result.stderr
    assert "Traceback" not in result.stderr
