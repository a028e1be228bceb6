"""The officeholder knowledge base: shipped data is valid, `kb check` and `kb import` work."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import run_cli
from linter.errors import RuleError
from linter.kb.check import audit
from linter.kb.load import builtin_kb_dir, load_kb

TODAY = dt.date(2026, 11, 23)


def test_shipped_kb_loads_and_audits_clean():
    kb = load_kb()
    assert audit(kb, TODAY) == []
    # Coverage: the most-cited offices are there.
    for office in ("us.president", "us.secretary-of-state", "uk.prime-minister", "ru.president",
                   "ru.foreign-minister", "cn.mfa-spokesperson", "ru.kremlin-spokesperson",
                   "eu.high-representative", "un.secretary-general", "nato.secretary-general"):
        assert kb.offices[office].terms, office


def test_every_term_has_a_source_and_a_start():
    kb = load_kb()
    for office in kb.offices.values():
        for term in office.terms:
            assert term.source.startswith("https://"), (office.id, term.name)
            assert term.start.earliest <= TODAY


def test_running_terms_have_no_end_and_one_holder_at_a_time():
    kb = load_kb()
    for office in kb.offices.values():
        if office.concurrent:
            continue
        running = {t.name for t in office.terms if t.end is None}
        assert len(running) <= 1, (office.id, running)


def test_kb_check_cli_is_clean_on_the_shipped_kb():
    result = run_cli("kb", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problems" in result.stderr


def write(tmp_path: Path, text: str, name: str = "extra.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_kb_check_reports_overlap_future_and_missing_source(tmp_path):
    path = write(tmp_path, """offices:
  - id: fr.test-minister
    place: fr
    name: Minister of Tests
    titles: [Tests Minister]
    holders:
      - {name: Ana Example, start: 2019-05-02, end: 2023-06-10, source: "https://example.org/a"}
      - {name: Ben Sample, start: 2023-01-10, end: 2031-01-01, source: "https://example.org/b"}
      - {name: Cy Nosource, start: 2024}
""")
    result = run_cli("kb", "check", str(path), "--today", "2026-11-23")
    assert result.returncode == 1
    out = result.stdout
    assert f"{path}:8:" in out and "overlaps 'Ana Example'" in out
    assert "end 2031-01-01 is in the future" in out
    assert f"{path}:9:" in out and "no source" in out


def test_consecutive_terms_sharing_a_handover_day_are_fine(tmp_path):
    path = write(tmp_path, """offices:
  - id: fr.test-minister
    place: fr
    name: Minister of Tests
    titles: [Tests Minister]
    source: https://example.org/list
    holders:
      - {name: Ana Example, start: 2019-05-02, end: 2023-01-10}
      - {name: Ben Sample, start: 2023-01-10}
      - {name: Cy Year, start: 2020, end: 2021}
""")
    kb = load_kb([path], base=[builtin_kb_dir()])
    problems = audit(kb, TODAY)
    assert [p.line for p in problems] == [10]  # Cy overlaps Ana for certain; the hand-over does not


@pytest.mark.parametrize("body, message, line", [
    ("offices:\n  - id: x.y\n    place: nowhere\n    name: N\n    titles: [T]\n", "unknown place 'nowhere'", 3),
    ("offices:\n  - id: x.y\n    place: fr\n    name: N\n    titles: [T]\n    holders:\n      - {name: A, start: 2020-13-01}\n",
     "invalid date", 7),
    ("offices:\n  - id: x.y\n    place: fr\n    name: N\n    titles: [T]\n    holders:\n      - {name: A, start: 2021, end: 2020}\n",
     "is before start", 7),
    ("offices:\n  - id: x.y\n    place: fr\n    name: N\n    titles: [T]\n    holders:\n      - {name: A}\n",
     "needs a 'start' date", 7),
    ("offices:\n  - id: x.y\n    place: fr\n    nam: N\n", "unknown office key 'nam'", 4),
    ("offices:\n  - id: x.y\n    place: fr\n    name: N\n    titles: [T]\n    complete: soon\n",
     "'complete' must be true, false or the date", 6),
])
def test_bad_kb_files_fail_with_file_and_line(tmp_path, body, message, line):
    path = write(tmp_path, body)
    with pytest.raises(RuleError) as info:
        load_kb([path], base=[builtin_kb_dir()])
    assert message in info.value.message
    assert info.value.line == line
    result = run_cli("kb", "check", str(path))
    assert result.returncode == 2
    where = f"{path}:{line}:" if line else f"{path}:"
    assert result.stderr.strip().count("\n") == 0 and where in result.stderr


SPARQL = {
    "head": {"vars": ["person", "personLabel", "position", "positionLabel", "start", "end"]},
    "results": {"bindings": [
        {"person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q101"},
         "personLabel": {"type": "literal", "value": "Ana Example"},
         "position": {"type": "uri", "value": "http://www.wikidata.org/entity/Q900"},
         "positionLabel": {"type": "literal", "value": "Minister of Tests"},
         "start": {"type": "literal", "value": "2019-05-02T00:00:00Z"},
         "end": {"type": "literal", "value": "2023-01-10T00:00:00Z"}},
        {"person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q102"},
         "personLabel": {"type": "literal", "value": "Ben Sample"},
         "position": {"type": "uri", "value": "http://www.wikidata.org/entity/Q900"},
         "positionLabel": {"type": "literal", "value": "Minister of Tests"},
         "start": {"type": "literal", "value": "2023-01-10T00:00:00Z"}},
        {"person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q103"},
         "personLabel": {"type": "literal", "value": "Cy Undated"},
         "position": {"type": "uri", "value": "http://www.wikidata.org/entity/Q900"},
         "positionLabel": {"type": "literal", "value": "Minister of Tests"}},
    ]},
}


def test_import_turns_sparql_json_into_a_kb_that_lints(tmp_path):
    source = write(tmp_path, json.dumps(SPARQL), "result.json")
    out = tmp_path / "kb" / "tests.yaml"
    result = run_cli("kb", "import", str(source), "-o", str(out), "--place", "fr", "--title", "Tests Minister")
    assert result.returncode == 0, result.stderr
    assert "Cy Undated: no start date" in result.stderr
    kb = load_kb([out], base=[builtin_kb_dir()])
    office = kb.offices["fr.minister-of-tests"]
    assert [(t.name, t.start.text, t.end.text if t.end else None) for t in office.terms] == [
        ("Ana Example", "2019-05-02", "2023-01-10"), ("Ben Sample", "2023-01-10", None)]
    assert office.terms[0].source == "http://www.wikidata.org/wiki/Q101"
    assert run_cli("kb", "check", str(out), "--today", "2026-11-23").returncode == 0
    # The imported office is used when the config points the detector at it.
    (tmp_path / ".contentlint.yaml").write_text(f"options:\n  officeholders:\n    kb: [{out.parent}]\n", encoding="utf-8")
    article = write(tmp_path, "---\ndate: 2024-02-01\n---\nFrench Tests Minister Ana Example opened the lab.\n", "a.md")
    check = run_cli("check", str(article), "--format", "json", "--select", "anachronism", "--fail-on", "never",
                    cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    found = json.loads(check.stdout)["findings"]
    assert [f["rule"] for f in found] == ["anachronism.not-in-office"] and "Ben Sample" in found[0]["message"]


def test_import_rejects_non_sparql_input(tmp_path):
    source = write(tmp_path, '{"rows": []}', "bad.json")
    result = run_cli("kb", "import", str(source))
    assert result.returncode == 2
    assert "no results.bindings" in result.stderr and result.stderr.strip().count("\n") == 0


def test_import_groups_positions_and_skips_unlabelled_holders(tmp_path):
    rows = [
        {"holder": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1"},
         "holderLabel": {"type": "literal", "value": "Ana Example"},
         "office": {"type": "uri", "value": "http://www.wikidata.org/entity/Q10"},
         "officeLabel": {"type": "literal", "value": "Minister of Ports"},
         "startTime": {"type": "literal", "value": "2020-02-01T00:00:00Z"}},
        {"holder": {"type": "uri", "value": "http://www.wikidata.org/entity/Q2"},
         "holderLabel": {"type": "literal", "value": "Q2"},
         "office": {"type": "uri", "value": "http://www.wikidata.org/entity/Q11"},
         "officeLabel": {"type": "literal", "value": "Minister of Roads"},
         "startTime": {"type": "literal", "value": "2021-02-01T00:00:00Z"}},
        {"holder": {"type": "uri", "value": "http://www.wikidata.org/entity/Q3"},
         "holderLabel": {"type": "literal", "value": "Ben Sample"},
         "office": {"type": "uri", "value": "http://www.wikidata.org/entity/Q11"},
         "officeLabel": {"type": "literal", "value": "Minister of Roads"},
         "startTime": {"type": "literal", "value": "2022-03-04T00:00:00Z"}},
    ]
    source = write(tmp_path, json.dumps({"head": {"vars": []}, "results": {"bindings": rows}}), "r.json")
    result = run_cli("kb", "import", str(source), "--place", "de")
    assert result.returncode == 0, result.stderr
    assert "row 2: no label" in result.stderr
    out = write(tmp_path, result.stdout, "kb.yaml")
    kb = load_kb([out], base=[builtin_kb_dir()])
    assert sorted(kb.offices) == ["de.minister-of-ports", "de.minister-of-roads"]
    assert [t.name for t in kb.offices["de.minister-of-roads"].terms] == ["Ben Sample"]


# ----- the compiled KB kept beside the bytecode ---------------------------------------
_STORY = ("Published: March 3, 2024\n\nU.S. Secretary of State Mike Pompeo met Russian Foreign "
          "Minister Sergei Lavrov. UN chief Antonio Guterres and Blinken, the secretary of state, spoke.\n")


def _mentions(finder):
    from linter.document import Document

    return [(m.start, m.end, m.title, m.name, [o.id for o in m.offices], m.known, m.exempt)
            for m in finder.find(Document.from_text(_STORY, "story.txt"))]


def test_compiled_kb_is_stored_and_read_back_unchanged(tmp_path):
    from linter.kb.compiled import shipped_finder
    from linter.kb.mentions import MentionFinder

    path = tmp_path / "kb.pickle"
    built = shipped_finder(path)
    assert path.is_file()
    loaded = shipped_finder(path)
    assert loaded is not built
    fresh = MentionFinder(load_kb())
    assert _mentions(loaded) == _mentions(built) == _mentions(fresh) != []
    assert loaded.kb == fresh.kb


def test_compiled_kb_rebuilds_a_stale_or_corrupt_copy(tmp_path):
    from linter.kb.compiled import shipped_finder, source_key
    from linter.kb.load import kb_files

    path = tmp_path / "kb.pickle"
    key = source_key(kb_files([builtin_kb_dir()]))
    for junk in (b"not a pickle", key + b"truncated", b"\0" * len(key) + b"stale"):
        path.write_bytes(junk)
        assert _mentions(shipped_finder(path))
        assert path.read_bytes().startswith(key)


def test_compiled_kb_that_cannot_be_written_is_only_slower(tmp_path):
    from linter.kb.compiled import shipped_finder

    path = tmp_path / "missing" / "deeper" / "kb.pickle"
    assert _mentions(shipped_finder(path))
    assert not path.exists()
