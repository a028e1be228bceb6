"""Turn the paths on the command line into the list of article files to lint."""
from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path
from typing import Iterable, Iterator

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
    that cost more than linting a cached run. Names are joined as strings for the same
    reason.
    """

    def __init__(self) -> None:
        self.cwd = os.path.join(os.path.realpath(os.getcwd()), "")
        self.folders: dict[str, str] = {}

    def __call__(self, folder: str, name: str, is_link: bool) -> str:
        if is_link:
            resolved = os.path.realpath(os.path.join(folder, name))
        else:
            real = self.folders.get(folder)
            if real is None:
                real = self.folders[folder] = os.path.realpath(folder)
            resolved = os.path.join(real, name)
        shown = resolved[len(self.cwd):] if resolved.startswith(self.cwd) else resolved
        return shown.replace(os.sep, "/") if os.sep != "/" else shown


class _Globs:
    """Include or exclude globs compiled into one pattern, tried on the path and its name."""

    def __init__(self, patterns: Iterable[str]) -> None:
        translated = [fnmatch.translate(os.path.normcase(p)) for p in patterns]
        self._match = re.compile("|".join(translated)).match if translated else None

    def __call__(self, rel: str) -> bool:
        if self._match is None:
            return False
        rel = os.path.normcase(rel)
        return bool(self._match(rel) or self._match(rel.rsplit("/", 1)[-1]))


def _walk(folder: str) -> Iterator[tuple[str, str, bool]]:
    """(folder, name, is symlink) of every file under ``folder``, in sorted order, files
    before sub-folders; hidden and tool folders are skipped, linked folders not followed."""
    files: list[tuple[str, bool]] = []
    subfolders: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    if not entry.is_symlink() and entry.name not in _SKIP_DIRS and not entry.name.startswith("."):
                        subfolders.append(entry.path)
                else:
                    files.append((entry.name, entry.is_symlink()))
    except OSError as exc:  # an unreadable folder is an error, not a silent skip
        raise ContentlintError(f"cannot read folder: {exc.strerror or exc}", folder) from None
    for name, is_link in sorted(files):
        yield folder, name, is_link
    for sub in sorted(subfolders):
        yield from _walk(sub)


def discover(paths: Iterable[str], include: list[str], exclude: list[str]) -> list[str]:
    """Files to lint: named files as given, folders recursed and filtered by globs.

    A named file is always linted (the user asked for it) unless excluded; a missing
    path is an error rather than a silent skip. The order is stable and sorted.
    """
    found: list[str] = []
    seen: set[str] = set()
    name_of = _Namer()
    included, excluded = _Globs(include), _Globs(exclude)
    for raw in paths:
        if raw == STDIN:
            found.append(STDIN)
            continue
        named_file = os.path.isfile(raw)
        if named_file:
            folder, name = os.path.split(raw)
            candidates = [name_of(folder or ".", name, os.path.islink(raw))]
        elif os.path.isdir(raw):
            candidates = []
            for folder, name, is_link in _walk(raw):
                rel = name_of(folder, name, is_link)
                if included(rel) and not excluded(rel):
                    candidates.append(rel)
        else:
            raise ContentlintError("no such file or folder", raw)
        for shown in candidates:
            if named_file and excluded(shown):
                continue
            if shown not in seen:
                seen.add(shown)
                found.append(shown)
    return found


def read_text(path: str) -> str:
    """Decode a file as UTF-8 (a BOM is kept as the first code point, as on disk)."""
    return decode_text(read_bytes(path), path)


def read_bytes(path: str) -> bytes:
    """The file's bytes; an unreadable file is a one-line error naming it."""
    # ``os`` calls, not ``open()``: no buffered file object, no isatty probe, one fstat
    # (about 4 us less a file, a third of reading an article).
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            size = os.fstat(fd).st_size
            data = os.read(fd, size + 1)
            if len(data) == size:
                return data  # the whole file, as its size said
            chunks = [data]  # a short read, a file that grew, or one with no size (a pipe)
            while more := os.read(fd, 1 << 16):
                chunks.append(more)
            return b"".join(chunks)
        finally:
            os.close(fd)
    except OSError as exc:
        raise ContentlintError(f"cannot read: {exc.strerror or exc}", path) from None


def decode_text(data: bytes, path: str) -> str:
    """``data`` decoded as UTF-8; invalid bytes are an error naming the file and line."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ContentlintError(f"not valid UTF-8 (byte {exc.start})", path, line) from None
