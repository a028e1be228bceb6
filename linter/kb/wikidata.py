"""Turn a Wikidata SPARQL JSON result into officeholder KB YAML.

Expected query shape (position held, P39, with start P580 and end P582 qualifiers)::

    SELECT ?person ?personLabel ?position ?positionLabel ?start ?end WHERE {
      ?person p:P39 ?st . ?st ps:P39 ?position .
      VALUES ?position { wd:Q11696 }
      ?st pq:P580 ?start . OPTIONAL { ?st pq:P582 ?end . }
      SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
    }

Variable names are matched loosely (``person``/``holder``/``item``, ``start``/
``startTime``...). Rows without a start date are left out and counted: the KB only
holds dated facts. Each holder's ``source`` is its Wikidata entity page.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

_PERSON = ("person", "holder", "item", "officeholder")
_POSITION = ("position", "office", "post")
_START = ("start", "startTime", "start_time", "from", "begin")
_END = ("end", "endTime", "end_time", "to", "until")
_QID = re.compile(r"Q\d+")  # the label service's answer when there is no English label
_TIME = re.compile(r"^\+?(\d{4})-(\d\d)-(\d\d)")


class SparqlFormatError(ValueError):
    """The input is not a SPARQL JSON result this importer understands."""


@dataclass
class ImportResult:
    """The YAML text and what was left out."""

    yaml: str
    offices: int
    holders: int
    skipped: list[str] = field(default_factory=list)


def _pick(row: dict[str, Any], names: tuple[str, ...], suffix: str = "") -> str | None:
    for name in names:
        cell = row.get(name + suffix)
        if isinstance(cell, dict) and cell.get("value"):
            return str(cell["value"])
    return None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = _TIME.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _qid(uri: str | None) -> str | None:
    if not uri:
        return None
    return uri.rstrip("/").rsplit("/", 1)[-1]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "office"


def _q(text: str) -> str:
    """A YAML-safe scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def convert(raw: str, *, place: str, office_id: str | None = None, titles: list[str] | None = None,
            source_name: str = "<input>") -> ImportResult:
    """Build KB YAML from the SPARQL JSON text ``raw``; raise ``SparqlFormatError`` if unusable."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise SparqlFormatError(f"not JSON: {exc.msg} (line {exc.lineno})") from None
    bindings = data.get("results", {}).get("bindings") if isinstance(data, dict) else None
    if not isinstance(bindings, list):
        raise SparqlFormatError("not a SPARQL JSON result (no results.bindings list)")
    offices: dict[str, dict[str, Any]] = {}
    skipped: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    for n, row in enumerate(bindings, 1):
        if not isinstance(row, dict):
            raise SparqlFormatError(f"binding {n} is not an object")
        person_uri = _pick(row, _PERSON)
        name = _pick(row, _PERSON, "Label") or person_uri
        position_uri = _pick(row, _POSITION) or "office"
        position_label = _pick(row, _POSITION, "Label") or _qid(position_uri) or "office"
        start = _date(_pick(row, _START))
        end = _date(_pick(row, _END))
        if not name or (person_uri and name == person_uri) or _QID.fullmatch(name):
            skipped.append(f"row {n}: no label for {person_uri or 'the holder'}")
            continue
        if start is None:
            skipped.append(f"row {n}: {name}: no start date")
            continue
        if end is not None and end < start:
            skipped.append(f"row {n}: {name}: end {end} before start {start}")
            continue
        key = (position_uri, name, start.isoformat())
        if key in seen:
            continue
        seen.add(key)
        office = offices.setdefault(position_uri, {"label": position_label, "holders": []})
        office["holders"].append((name, start, end, person_uri))
    if not offices:
        raise SparqlFormatError("no dated holders in the result" + (f" ({len(skipped)} rows left out)" if skipped else ""))
    lines = [f"# Imported from {source_name} (Wikidata P39 with P580/P582). Review before shipping:",
             "# add title variants and aliases, and check each term against its source.",
             "offices:"]
    holders = 0
    for uri, office in offices.items():
        oid = office_id if office_id and len(offices) == 1 else f"{place}.{_slug(office['label'])}"
        lines += [f"  - id: {oid}", f"    place: {place}", f"    name: {_q(office['label'])}",
                  f"    titles: [{', '.join(_q(t) for t in (titles or [office['label']]))}]"]
        if uri.startswith("http"):
            lines.append(f"    source: {_q(uri.replace('/entity/', '/wiki/'))}")
        lines.append("    holders:")
        for name, start, end, person_uri in sorted(office["holders"], key=lambda h: h[1]):
            parts = [f"name: {_q(name)}", f"start: {start.isoformat()}"]
            if end is not None:
                parts.append(f"end: {end.isoformat()}")
            if person_uri and person_uri.startswith("http"):
                parts.append(f"source: {_q(person_uri.replace('/entity/', '/wiki/'))}")
            lines.append("      - {" + ", ".join(parts) + "}")
            holders += 1
    return ImportResult("\n".join(lines) + "\n", len(offices), holders, skipped)
