"""Turn the paths on the command line into the list of article files to lint."""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import Iterable

from linter.errors import ContentlintError

STDIN = "-"
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".contentlint_cache", ".tox"}


def display_path(path: Path) -> str:
    """A path relative to the working folder when it is inside it, always with '/'."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


class _Namer:
    """``display_path`` for many files: the working folder and each folder resolved once.

    ``Path.resolve`` checks every component of every path; on a 50,000-file archive
    that cost more than linting a cached run.
    """

    def __init__(self) -> None:
        self.cwd: Path | None = None
        self.folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> str:
        if os.path.islink(path):
            resolved = path.resolve()
        else:
            folder = self.folders.get(path.parent)
            if folder is None:
                folder = self.folders[path.parent] = path.parent.resolve()
            resolved = folder / path.name
        if self.cwd is None:
            self.cwd = Path.cwd().resolve()
        try:
            return resolved.relative_to(self.cwd).as_posix()
        except ValueError:
            return resolved.as_posix()


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def discover(paths: Iterable[str], include: list[str], exclude: list[str]) -> list[str]:
    """Files to lint: named files as given, folders recursed and filtered by globs.

    A named file is always linted (the user asked for it) unless excluded; a missing
    path is an error rather than a silent skip. The order is stable and sorted.
    """
    found: list[str] = []
    seen: set[str] = set()
    name_of = _Namer()
    for raw in paths:
        if raw == STDIN:
            found.append(STDIN)
            continue
        path = Path(raw)
        if path.is_file():
            candidates = [name_of(path)]
        elif path.is_dir():
            candidates = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    rel = name_of(Path(root) / name)
                    if _matches(rel, include) and not _matches(rel, exclude):
                        candidates.append(rel)
        else:
            raise ContentlintError("no such file or folder", raw)
        for shown in candidates:
            if path.is_file() and exclude and _matches(shown, exclude):
                continue
            if shown not in seen:
                seen.add(shown)
                found.append(shown)
    return found


def read_text(path: str) -> str:
    """Decode a file as UTF-8 (a BOM is kept as the first code point, as on disk)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ContentlintError(f"cannot read: {exc.strerror or exc}", path) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentlintError(f"not valid UTF-8 (byte {exc.start})", path, line) from None
