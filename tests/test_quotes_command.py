"""``contentlint quotes``: the "quotes and who said them" table, as an editor runs it."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import SEEDS, run_cli

ARTICLE = """Port strike enters second week
Dock workers at the city's container port stayed off the job for an eighth day on Monday.
“We will stay out as long as it takes,” said union leader Rosa Ibáñez. “Nobody wants this, but the offer is an insult.”
The port authority said the strike was costing exporters millions. “Every day matters,” a spokesman for the authority said.
“Ships are already being diverted to other ports,” officials said, according to people familiar with the talks.
Exporters fear a “slow-motion crisis” for the region.
“The government has to step in now.”
"""


def test_text_table_lists_each_quote_with_its_speaker_and_status(tmp_path: Path):
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("quotes", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == str(path)
    rows = [line for line in lines[1:] if line.startswith("  ") and "“" in line]
    assert len(rows) == 5  # the scare quote is left out
    assert "attributed" in rows[0] and "union leader Rosa Ibáñez (said)" in rows[0]
    assert rows[0].split()[0] == "3:1"
    assert "a spokesman for the authority" in rows[2]
    assert "vague" in rows[3]
    assert "unattributed" in rows[4] and "The government has to step in now." in rows[4]
    assert "3 attributed, 1 vague, 1 unattributed" in result.stdout


def test_all_adds_scare_quotes(tmp_path: Path):
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("quotes", "--all", str(path))
    assert "slow-motion crisis" in result.stdout


def test_json_gives_positions_speaker_cue_and_status(tmp_path: Path):
    path = tmp_path / "port.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("quotes", "--format", "json", str(path))
    assert result.returncode == 0, result.stderr
    quotes = json.loads(result.stdout)["files"][0]["quotes"]
    first = quotes[0]
    assert ARTICLE[first["start"]:first["end"]] == "“We will stay out as long as it takes,”"
    assert (first["line"], first["column"]) == (3, 1)
    assert (first["speaker"], first["cue"], first["status"]) == ("union leader Rosa Ibáñez", "said", "attributed")
    assert first["text"] == "We will stay out as long as it takes,"
    vague = [q for q in quotes if q["status"] == "vague"]
    assert len(vague) == 1 and vague[0]["vague"]
    assert [q["status"] for q in quotes].count("unattributed") == 1


def test_folders_and_markdown_and_stdin(tmp_path: Path):
    (tmp_path / "a.md").write_text("# Title\n\n> Rates will stay high for longer.\n> — Governor Ana Lind\n", encoding="utf-8")
    result = run_cli("quotes", "--format", "json", ".", cwd=tmp_path)
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == ["a.md"]
    assert files[0]["quotes"][0]["speaker"] == "Governor Ana Lind"
    piped = run_cli("quotes", "-", stdin="“We are ready,” she said.\n")
    assert piped.returncode == 0 and "<stdin>" in piped.stdout and "she (said)" in piped.stdout


def test_config_exclude_globs_apply_unless_no_config(tmp_path: Path):
    (tmp_path / ".contentlint.yaml").write_text("exclude: ['drafts/**']\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "a.txt").write_text("“We are ready,” she said.\n", encoding="utf-8")
    (tmp_path / "drafts" / "b.txt").write_text("“Not yet,” he said.\n", encoding="utf-8")
    listed = json.loads(run_cli("quotes", "--format", "json", ".", cwd=tmp_path).stdout)["files"]
    assert [f["path"] for f in listed] == ["a.txt"]
    everything = json.loads(run_cli("quotes", "--no-config", "--format", "json", ".", cwd=tmp_path).stdout)["files"]
    assert sorted(f["path"] for f in everything) == ["a.txt", "drafts/b.txt"]


def test_seed_table_names_the_vague_source():
    result = run_cli("quotes", str(SEEDS / "000_04640255d03c0740.txt"))
    assert result.returncode == 0
    row = next(line for line in result.stdout.splitlines() if "This brave decision" in line)
    assert "vague" in row and "official sources" in row


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path):
    missing = run_cli("quotes", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "missing.txt" in missing.stderr
    bad_format = run_cli("quotes", "--format", "xml", str(SEEDS))
    assert bad_format.returncode == 2 and "--format" in bad_format.stderr
    (tmp_path / "bin.txt").write_bytes(b"ok\n\xff\xfe\n")
    binary = run_cli("quotes", str(tmp_path / "bin.txt"))
    assert binary.returncode == 2 and "bin.txt:2" in binary.stderr and "Traceback" not in binary.stderr
    nothing = run_cli("quotes")
    assert nothing.returncode == 2
