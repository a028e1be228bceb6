"""Load YAML rule packs strictly, with ``file:line`` errors, into ``Rule`` records.

A pack is a YAML file with a ``rules:`` list. Common keys are checked here; each
detector type checks its own keys (``Detector.prepare``). Sub-folders of a rules folder
hold data (the officeholder knowledge base, word lists), not packs.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from linter.errors import FieldError, RuleError
from linter.findings import LEVELS

COMMON_KEYS = frozenset(
    {"id", "category", "level", "message", "description", "type", "enabled", "fixable",
     "summary", "why", "example", "known_problems", "sources", "fix_safety", "link", "tags"}
)
REQUIRED_KEYS = ("id", "category", "level", "message", "type")
PACK_KEYS = frozenset({"pack", "description", "rules"})
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)+$")


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


def _construct_mapping(loader: Any, node: Any, deep: bool = False) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise RuleError(f"duplicate key '{key}'", None, key_node.start_mark.line + 1)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_timestamp(loader: Any, node: Any) -> Any:
    """Dates as PyYAML reads them, but an impossible one (2020-13-01) is a located error."""
    import yaml

    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise RuleError(f"invalid date '{node.value}': {exc}", None, node.start_mark.line + 1) from None


_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


@functools.cache
def _loaders() -> tuple[Any, Any]:
    """(libyaml loader or None, pure-Python loader): SafeLoaders that record line numbers
    and reject duplicate keys. Built on first use: a run served from the cache reads
    no YAML and need not import PyYAML."""
    import yaml

    class _Loader(yaml.SafeLoader):
        """SafeLoader that records line numbers and rejects duplicate keys."""

    fast: Any = None
    if getattr(yaml, "CSafeLoader", None) is not None:
        class _CLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
            """The same loader on libyaml: packs and knowledge bases load about 8x faster."""

        fast = _CLoader
    for loader in (_Loader, fast):
        if loader is not None:
            loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
            loader.add_constructor(_TIMESTAMP_TAG, _construct_timestamp)
    return fast, _Loader


def _parse(text: str) -> Any:
    """Parse with libyaml when present; on a syntax error re-parse in Python, so the
    reported problem and line do not depend on how PyYAML was built."""
    import yaml

    fast, slow = _loaders()
    if fast is not None:
        try:
            return yaml.load(text, Loader=fast)  # noqa: S506 - CSafeLoader subclass
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=slow)  # noqa: S506 - SafeLoader subclass


def load_yaml(path: Path) -> Any:
    """Parse a YAML file, turning every error into a one-line ``file:line`` RuleError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read: {exc}", str(path)) from None
    import yaml

    try:
        return _parse(text)
    except RuleError as exc:
        raise RuleError(exc.message, str(path), exc.line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleError(f"invalid YAML: {problem}", str(path), line) from None


@dataclass(frozen=True)
class Rule:
    """One rule: common metadata plus the detector-specific ``options``."""

    id: str
    category: str
    level: str
    message: str
    description: str
    type: str
    pack: str
    source: Path
    line: int
    options: dict[str, Any] = field(default_factory=dict)
    option_lines: dict[str, int] = field(default_factory=dict)
    docs: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True
    fixable: bool = False

    def with_level(self, level: str) -> Rule:
        return replace(self, level=level)

    def field_line(self, key: str | None) -> int:
        if key and key in self.option_lines:
            return self.option_lines[key]
        return self.line


def _str_field(raw: LineDict, key: str, path: Path) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise RuleError(f"'{key}' must be a non-empty string", str(path), raw.key_lines.get(key, raw.line))
    return value.strip()


def parse_rule(raw: Any, path: Path, pack: str) -> Rule:
    """Validate the common keys of one rule entry and build a ``Rule``."""
    if not isinstance(raw, LineDict):
        raise RuleError("each rule must be a mapping", str(path))
    for key in REQUIRED_KEYS:
        if key not in raw:
            rid = raw.get("id", "?")
            raise RuleError(f"rule '{rid}' is missing required key '{key}'", str(path), raw.line)
    rule_id = _str_field(raw, "id", path)
    if not _ID.match(rule_id):
        raise RuleError(
            f"rule id '{rule_id}' must be dotted lower-case words (e.g. 'house.no-very-unique')",
            str(path), raw.key_lines["id"])
    level = _str_field(raw, "level", path).lower()
    if level not in LEVELS:
        raise RuleError(f"rule '{rule_id}': level must be one of {', '.join(LEVELS)}, not '{level}'",
                        str(path), raw.key_lines["level"])
    message = _str_field(raw, "message", path)
    description = raw.get("description") or raw.get("summary") or message
    if not isinstance(description, str):
        raise RuleError(f"rule '{rule_id}': 'description' must be a string", str(path), raw.key_lines["description"])
    for flag in ("enabled", "fixable"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise RuleError(f"rule '{rule_id}': '{flag}' must be true or false", str(path), raw.key_lines[flag])
    options = {k: v for k, v in raw.items() if k not in COMMON_KEYS}
    docs = {k: raw[k] for k in ("summary", "why", "example", "known_problems", "sources", "fix_safety", "link", "tags") if k in raw}
    return Rule(
        id=rule_id,
        category=_str_field(raw, "category", path),
        level=level,
        message=message,
        description=" ".join(description.split()),
        type=_str_field(raw, "type", path),
        pack=pack,
        source=path,
        line=raw.line,
        options=options,
        option_lines={k: v for k, v in raw.key_lines.items()},
        docs=docs,
        enabled=raw.get("enabled", True),
        fixable=raw.get("fixable", False),
    )


def load_pack(path: Path) -> list[Rule]:
    """Parse one pack file into rules (type-specific keys are checked later)."""
    data = load_yaml(path)
    if not isinstance(data, LineDict) or "rules" not in data:
        raise RuleError("a rule pack must be a mapping with a 'rules' list", str(path), 1)
    unknown = set(data) - PACK_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(f"unknown pack key '{key}' (allowed: {', '.join(sorted(PACK_KEYS))})",
                        str(path), data.key_lines[key])
    if not isinstance(data["rules"], list):
        raise RuleError("'rules' must be a list", str(path), data.key_lines["rules"])
    pack = str(data.get("pack") or path.stem)
    return [parse_rule(raw, path, pack) for raw in data["rules"]]


def pack_files(folder: Path) -> list[Path]:
    """The pack files of a rules folder (or the file itself), in a stable order."""
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise RuleError("rules folder not found", str(folder))
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def builtin_rules_dir() -> Path:
    """The shipped packs: ``linter/_packs`` in a wheel, ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_packs"
    return packaged if packaged.is_dir() else here.parent / "rules"


def load_rules(folders: Iterable[Path]) -> list[Rule]:
    """Load every pack in ``folders``, rejecting duplicate ids across all of them."""
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for folder in folders:
        for path in pack_files(folder):
            for rule in load_pack(path):
                if rule.id in seen:
                    first = seen[rule.id]
                    raise RuleError(f"duplicate rule id '{rule.id}' (first defined at {first.source}:{first.line})",
                                    str(path), rule.line)
                seen[rule.id] = rule
                rules.append(rule)
    return rules


def field_error(rule: Rule, exc: FieldError) -> RuleError:
    """Turn a detector's complaint about one field into a ``file:line`` RuleError."""
    return RuleError(f"rule '{rule.id}': {exc.message}", str(rule.source), rule.field_line(exc.field))
