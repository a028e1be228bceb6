"""Settings: defaults, then ``.contentlint.yaml`` or ``[tool.contentlint]``, then options.

The config file is found by walking up from the working folder; the first folder with
``.contentlint.yaml``/``.yml`` or a ``pyproject.toml`` with a ``[tool.contentlint]``
table wins. Relative paths in it are relative to the file.
"""
from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from linter.errors import ConfigError
from linter.findings import LEVELS

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown")
FAIL_ON = ("error", "warning", "info", "never")
CONFIG_NAMES = (".contentlint.yaml", ".contentlint.yml")
CONFIG_KEYS = {
    "select", "ignore", "levels", "rules", "include", "exclude", "language", "languages",
    "date", "fail_on", "builtin_rules", "options",
}


@dataclass
class Settings:
    """Everything that shapes a run; the CLI and the library API both build one."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)
    rule_dirs: list[Path] = field(default_factory=list)
    builtin_rules: bool = True
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: ["en"])
    date: dt.date | None = None
    default_date: dt.date | None = None
    fail_on: str = "error"
    today: dt.date = field(default_factory=dt.date.today)
    config_path: Path | None = None
    #: Per-detector-type settings (``options: {language: {...}}``) passed through to detectors.
    options: dict[str, Any] = field(default_factory=dict)


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above ``start``."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _toml() -> Any:
    """The TOML parser, imported only for a pyproject.toml that names contentlint
    (its import compiles regexes: a few ms of every run otherwise)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "contentlint" not in text:  # most projects' pyproject.toml: no need to parse it
        return False
    toml = _toml()
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError:
        return False
    return isinstance(data.get("tool"), dict) and "contentlint" in data["tool"]


def read_config(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """The raw settings table of a config file and the line of each key (if known)."""
    if path.name == "pyproject.toml":
        toml = _toml()
        try:
            data = toml.loads(path.read_text(encoding="utf-8"))
        except toml.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read: {exc}", str(path)) from None
        table = data.get("tool", {}).get("contentlint", {})
        lines = _toml_key_lines(path, table)
        return table, lines
    from linter.rules import LineDict, RuleError, load_yaml  # YAML only when there is a YAML config

    try:
        data = load_yaml(path)
    except RuleError as exc:
        raise ConfigError(exc.message, exc.path, exc.line) from None
    if data is None:
        return {}, {}
    if not isinstance(data, LineDict):
        raise ConfigError("config must be a mapping", str(path), 1)
    return dict(data), dict(data.key_lines)


def _toml_key_lines(path: Path, table: dict[str, Any]) -> dict[str, int]:
    lines: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return lines
    inside = False
    for number, line in enumerate(text, 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.startswith("[tool.contentlint")
            continue
        if inside and "=" in stripped:
            key = stripped.split("=", 1)[0].strip().strip('"')
            lines.setdefault(key, number)
    return lines


def _str_list(value: Any, key: str, path: Path, line: int | None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"'{key}' must be a list of strings", str(path), line)
    return list(value)


def parse_date(value: Any, where: str, path: str | None = None, line: int | None = None) -> dt.date:
    """Accept a YAML date or a ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ConfigError(f"{where}: '{value}' is not a date (use YYYY-MM-DD)", path, line) from None


def apply_config(settings: Settings, path: Path) -> Settings:
    """Fold a config file into ``settings`` (returns the same object)."""
    table, lines = read_config(path)
    settings.config_path = path
    base = path.parent
    for key, value in table.items():
        line = lines.get(key)
        if key not in CONFIG_KEYS:
            raise ConfigError(f"unknown config key '{key}' (allowed: {', '.join(sorted(CONFIG_KEYS))})", str(path), line)
        if key in ("select", "ignore", "include", "exclude"):
            setattr(settings, key, _str_list(value, key, path, line))
        elif key == "rules":
            settings.rule_dirs.extend((base / p).resolve() for p in _str_list(value, key, path, line))
        elif key in ("language", "languages"):
            settings.languages = _str_list(value, key, path, line)
        elif key == "levels":
            if not isinstance(value, dict):
                raise ConfigError("'levels' must map rule selectors to levels", str(path), line)
            for selector, level in value.items():
                if level not in LEVELS:
                    raise ConfigError(f"levels: '{selector}' has level '{level}' (use {', '.join(LEVELS)})", str(path), line)
                settings.levels[str(selector)] = level
        elif key == "date":
            settings.default_date = parse_date(value, "date", str(path), line)
        elif key == "fail_on":
            if value not in FAIL_ON:
                raise ConfigError(f"fail_on must be one of {', '.join(FAIL_ON)}", str(path), line)
            settings.fail_on = value
        elif key == "builtin_rules":
            if not isinstance(value, bool):
                raise ConfigError("'builtin_rules' must be true or false", str(path), line)
            settings.builtin_rules = value
        elif key == "options":
            if not isinstance(value, dict):
                raise ConfigError("'options' must be a mapping", str(path), line)
            settings.options = dict(value)
    return settings
