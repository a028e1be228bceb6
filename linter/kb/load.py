"""Read the officeholder KB from YAML files strictly, with ``file:line`` errors.

A KB folder holds YAML files with any of three top-level keys: ``places`` (countries
and organisations with the words that name them), ``title_sets`` (shared title
variants, used in an office's ``titles`` as ``@name``) and ``offices`` (each with its
holders, one entry per term). Every file may use the places and title sets of the others.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable

from linter.errors import RuleError
from linter.kb.model import FuzzyDate, KnowledgeBase, Office, Place, Term
from linter.rules import LineDict, builtin_rules_dir, load_yaml

FILE_KEYS = frozenset({"places", "title_sets", "offices"})
PLACE_KEYS = frozenset({"id", "name", "words"})
OFFICE_KEYS = frozenset({"id", "place", "name", "titles", "complete", "concurrent", "place_from_context", "source", "holders", "note"})
HOLDER_KEYS = frozenset({"name", "aliases", "surname", "start", "end", "source", "note"})


def builtin_kb_dir() -> Path:
    """The shipped KB: the ``officeholders`` data folder next to the rule packs."""
    return builtin_rules_dir() / "officeholders"


def kb_files(folders: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for folder in folders:
        if folder.is_file():
            out.append(folder)
        elif folder.is_dir():
            out.extend(sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()))
        else:
            raise RuleError("knowledge base folder not found", str(folder))
    return out


def _line(raw: Any, key: str | None = None) -> int | None:
    if isinstance(raw, LineDict):
        return raw.key_lines.get(key, raw.line) if key else raw.line
    return None


def _text(raw: LineDict, key: str, path: Path, *, required: bool = True) -> str:
    value = raw.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise RuleError(f"'{key}' must be a non-empty string", str(path), _line(raw, key))
    return value.strip()


def _texts(raw: LineDict, key: str, path: Path) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RuleError(f"'{key}' must be a list of non-empty strings", str(path), _line(raw, key))
    return tuple(v.strip() for v in value)


def _mapping(raw: Any, keys: frozenset[str], what: str, path: Path, line: int | None) -> LineDict:
    if not isinstance(raw, LineDict):
        raise RuleError(f"each {what} must be a mapping", str(path), line)
    unknown = sorted(set(raw) - keys)
    if unknown:
        raise RuleError(f"unknown {what} key '{unknown[0]}' (allowed: {', '.join(sorted(keys))})",
                        str(path), _line(raw, unknown[0]))
    return raw


def _date(raw: LineDict, key: str, path: Path) -> FuzzyDate:
    try:
        return FuzzyDate.parse(raw[key])
    except ValueError as exc:
        raise RuleError(f"'{key}': {exc}", str(path), _line(raw, key)) from None


def load_kb(folders: Iterable[Path] | None = None, *, base: Iterable[Path] = ()) -> KnowledgeBase:
    """Load and validate every KB file (the shipped one when ``folders`` is None).

    ``base`` folders contribute only their places and title sets, so a user's extension
    file can be read and checked on its own against the shipped vocabulary.
    """
    files = kb_files([builtin_kb_dir()] if folders is None else folders)
    resolved = {p.resolve() for p in files}
    context = [p for p in kb_files(base) if p.resolve() not in resolved]
    kb = KnowledgeBase(files=[str(p) for p in files])
    documents = []
    for path in context + files:
        try:
            data = load_yaml(path)
        except ValueError as exc:  # PyYAML builds dates itself and raises on 2020-13-01
            raise RuleError(f"invalid date: {exc}", str(path)) from None
        if data is None:
            continue
        if not isinstance(data, LineDict) or not set(data) & FILE_KEYS:
            raise RuleError("a knowledge base file must be a mapping with 'places', 'title_sets' or 'offices'",
                            str(path), 1)
        unknown = sorted(set(data) - FILE_KEYS)
        if unknown:
            raise RuleError(f"unknown key '{unknown[0]}' (allowed: {', '.join(sorted(FILE_KEYS))})",
                            str(path), _line(data, unknown[0]))
        documents.append((path, data))
    title_sets: dict[str, tuple[str, ...]] = {}
    for path, data in documents:
        _read_places(kb, data.get("places") or [], path)
        sets = data.get("title_sets")
        if sets is None:
            continue
        if not isinstance(sets, LineDict):
            raise RuleError("'title_sets' must be a mapping of name -> list of titles", str(path), _line(data, "title_sets"))
        for name in sets:
            title_sets[str(name)] = _texts(sets, name, path)
    for path, data in documents:
        if path in context:
            continue
        offices = data.get("offices") or []
        if not isinstance(offices, list):
            raise RuleError("'offices' must be a list", str(path), _line(data, "offices"))
        for raw in offices:
            office = _read_office(kb, raw, path, title_sets)
            kb.offices[office.id] = office
    return kb


def _read_places(kb: KnowledgeBase, places: Any, path: Path) -> None:
    if not isinstance(places, list):
        raise RuleError("'places' must be a list", str(path))
    for raw in places:
        raw = _mapping(raw, PLACE_KEYS, "place", path, None)
        pid = _text(raw, "id", path)
        if pid in kb.places:
            raise RuleError(f"duplicate place id '{pid}'", str(path), _line(raw, "id"))
        kb.places[pid] = Place(pid, _text(raw, "name", path), _texts(raw, "words", path))


def _read_office(kb: KnowledgeBase, raw: Any, path: Path, title_sets: dict[str, tuple[str, ...]]) -> Office:
    raw = _mapping(raw, OFFICE_KEYS, "office", path, None)
    oid = _text(raw, "id", path)
    if oid in kb.offices:
        first = kb.offices[oid]
        raise RuleError(f"duplicate office id '{oid}' (first defined at {first.file}:{first.line})", str(path), _line(raw, "id"))
    place = _text(raw, "place", path)
    if place not in kb.places:
        raise RuleError(f"office '{oid}': unknown place '{place}'", str(path), _line(raw, "place"))
    titles: list[str] = []
    for title in _texts(raw, "titles", path):
        if title.startswith("@"):
            if title[1:] not in title_sets:
                raise RuleError(f"office '{oid}': unknown title set '{title}'", str(path), _line(raw, "titles"))
            titles.extend(title_sets[title[1:]])
        else:
            titles.append(title)
    if not titles:
        raise RuleError(f"office '{oid}' needs at least one title", str(path), _line(raw))
    complete_raw = raw.get("complete", False)
    complete_until: dt.date | None = None
    if isinstance(complete_raw, bool):
        complete = complete_raw
    else:
        # A date: the holder list is known complete up to that day, no further.
        try:
            complete_until = FuzzyDate.parse(complete_raw).latest
        except ValueError:
            raise RuleError(f"office '{oid}': 'complete' must be true, false or the date the list is complete to",
                            str(path), _line(raw, "complete")) from None
        complete = True
    flags = {}
    for flag in ("concurrent", "place_from_context"):
        flags[flag] = raw.get(flag, False)
        if not isinstance(flags[flag], bool):
            raise RuleError(f"office '{oid}': '{flag}' must be true or false", str(path), _line(raw, flag))
    office = Office(oid, place, _text(raw, "name", path), tuple(titles), complete,
                    _text(raw, "source", path, required=False), str(path), _line(raw) or 0,
                    complete_until=complete_until, **flags)
    holders = raw.get("holders") or []
    if not isinstance(holders, list):
        raise RuleError(f"office '{oid}': 'holders' must be a list", str(path), _line(raw, "holders"))
    for entry in holders:
        office.terms.append(_read_term(office, entry, path))
    return office


def _read_term(office: Office, raw: Any, path: Path) -> Term:
    raw = _mapping(raw, HOLDER_KEYS, "holder", path, _line(raw))
    name = _text(raw, "name", path)
    if "start" not in raw:
        raise RuleError(f"holder '{name}' of '{office.id}' needs a 'start' date (leave out holders you cannot date)",
                        str(path), _line(raw))
    start = _date(raw, "start", path)
    end = _date(raw, "end", path) if raw.get("end") is not None else None
    if end is not None and end.latest < start.earliest:
        raise RuleError(f"holder '{name}' of '{office.id}': end {end.text} is before start {start.text}",
                        str(path), _line(raw, "end"))
    if "surname" in raw:
        surname = raw["surname"]
        if surname is not None and not (isinstance(surname, str) and surname.strip()):
            raise RuleError("'surname' must be a name or null", str(path), _line(raw, "surname"))
        surnames: tuple[str, ...] = (surname.strip(),) if surname else ()
    else:
        surnames = (name.split()[-1],) if len(name.split()) > 1 else ()
    return Term(office.id, name, _texts(raw, "aliases", path), surnames, start, end,
                _text(raw, "source", path, required=False) or office.source, str(path), _line(raw) or 0)
