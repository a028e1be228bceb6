"""Content-hash cache: an unchanged article is not linted twice.

Like ruff's cache, entries live in ``.contentlint_cache/`` (in the working folder, or
``$CONTENTLINT_CACHE_DIR``). A run's *rule-set key* hashes everything that can change
a file's findings other than the file itself: the tool version and its source code,
every pack and data file, the selected rule ids and their levels, and the settings that
reach detectors (languages, dates, ``today``, per-type options). An entry's key adds the
file's path (findings carry it) and bytes; a run over the same paths as before trusts
the stat stamps recorded then instead of reading every file again, as git's index does.
Nothing is ever invalidated: a changed input gives a new key, and ``contentlint cache
clean`` removes the lot.

An entry is the file's pickled ``FileResult``, including the per-file ``extracts`` that
cross-article checks need (pickled apart and read only when needed), so a cached file
still takes part in corpus checks and a cached result equals a fresh one exactly. A
whole run is stored too, cross-article findings included, keyed by every file's entry
key: re-running over an unchanged archive reads one file back and skips those checks.
The selected rules are stored once per rule set, so a run whose files are all cached
builds no rule set.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from linter import __version__
from linter.discovery import STDIN, read_bytes
from linter.gcpause import paused
from linter.results import FileResult
from linter.errors import ContentlintError
from linter.rules import Rule, builtin_rules_dir

if TYPE_CHECKING:
    from linter.config import Settings
    from linter.engine import Linter

DIR_NAME = ".contentlint_cache"
ENV_DIR = "CONTENTLINT_CACHE_DIR"
#: Bump when the entry layout changes.
LAYOUT = 2
#: How old a file's times must be for its stat stamp to be trusted next run: above
#: the coarsest common file-system time resolution (2 s on FAT).
RACY_NS = 3_000_000_000


def default_dir() -> Path:
    """``$CONTENTLINT_CACHE_DIR`` or ``.contentlint_cache`` in the working folder."""
    return Path(os.environ.get(ENV_DIR) or DIR_NAME)


def _hash_files(digest: Any, paths: Iterable[Path], root: Path | None = None) -> None:
    for path in sorted(set(paths)):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        name = path.relative_to(root).as_posix() if root is not None else path.as_posix()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)


def _tree(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    return [p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def _metadata_folders() -> list[str]:
    """The ``.dist-info``/``.egg-info`` folders of every path entry (one listing each):
    reading distributions' metadata through ``importlib.metadata`` costs more than a
    warm run."""
    found: list[str] = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found += [os.path.join(entry or ".", n) for n in names if n.endswith((".dist-info", ".egg-info"))]
    return found


def _installed_distributions(folders: list[str]) -> str:
    """Names and versions of everything installed: dependencies ship data (exchange
    rates, language profiles) that shapes findings."""
    return ",".join(sorted(os.path.basename(f) for f in folders))


def _declares_plugins(folders: list[str]) -> bool:
    """Whether any installed distribution declares a detector plugin (its
    ``entry_points.txt`` read directly)."""
    from linter.detectors import ENTRY_POINT_GROUP

    marker = f"[{ENTRY_POINT_GROUP}]"
    for folder in folders:
        try:
            with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as handle:
                if marker in handle.read():
                    return True
        except (OSError, UnicodeDecodeError):
            continue
    return False


def _plugin_files(folders: list[str]) -> list[Path]:
    """Source files of installed detector plugins: an edit in an editable install changes
    findings without changing any distribution's version."""
    if not _declares_plugins(folders):
        return []
    from importlib.metadata import entry_points
    from importlib.util import find_spec

    from linter.detectors import ENTRY_POINT_GROUP

    files = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            spec = find_spec(ep.module)
        except (ImportError, ValueError):
            spec = None
        if spec is not None and spec.origin and spec.origin not in ("built-in", "frozen"):
            files.append(Path(spec.origin).resolve())
    return files


def ruleset_key(settings: Settings) -> str:
    """Hash of everything besides the file that shapes its findings.

    Computed from the inputs of a rule set (code, packs, settings), not from a built
    ``Linter``, so a warm run can look its files up without compiling any rule.
    """
    digest = hashlib.sha256(f"contentlint {__version__} layout {LAYOUT} py {sys.version_info[:2]}\0".encode())
    installed = _metadata_folders()
    digest.update(f"{_installed_distributions(installed)}\0".encode())
    package = Path(__file__).resolve().parent
    _hash_files(digest, (p for p in package.rglob("*.py") if "__pycache__" not in p.parts), package)
    _hash_files(digest, _plugin_files(installed))
    folders = ([builtin_rules_dir()] if settings.builtin_rules else []) + list(settings.rule_dirs)
    for folder in folders:
        digest.update(f"rules {folder}\0".encode())
        _hash_files(digest, _tree(folder), folder if folder.is_dir() else folder.parent)
    relevant = {
        "select": settings.select, "ignore": settings.ignore, "levels": settings.levels,
        "languages": settings.languages, "date": settings.date, "default_date": settings.default_date,
        "today": settings.today, "options": settings.options,
    }
    digest.update(json.dumps(relevant, sort_keys=True, default=repr).encode())
    return digest.hexdigest()[:32]


class _PickledExtracts(Mapping[str, Any]):
    """Extracts unpickled on first use: a warm run whose cross-article findings are
    cached too never needs them, and they are most of an entry."""

    def __init__(self, blob: bytes) -> None:
        self._blob: bytes | None = blob
        self._data: dict[str, Any] = {}

    def _load(self) -> dict[str, Any]:
        if self._blob is not None:
            try:
                self._data = pickle.loads(self._blob)  # noqa: S301 - our own cache files
            except Exception as exc:  # a damaged entry; its findings were already used
                raise ContentlintError(f"damaged cache entry ({exc}); run 'contentlint cache clean'") from None
            self._blob = None
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


def encode(result: FileResult) -> bytes:
    """One cache entry: the result, with the extracts corpus checks need pickled apart.

    Pickle rather than JSON: reading an entry back is most of a warm run, and
    unpickling ``Finding`` records is several times faster than rebuilding them.
    """
    extracts = pickle.dumps(dict(result.extracts), protocol=pickle.HIGHEST_PROTOCOL)
    bare = replace(result, extracts={})
    return pickle.dumps((LAYOUT, bare, extracts), protocol=pickle.HIGHEST_PROTOCOL)


def decode(data: bytes) -> FileResult:
    """Rebuild the exact ``FileResult`` that ``encode`` stored."""
    layout, result, extracts = pickle.loads(data)  # noqa: S301 - our own cache files
    if layout != LAYOUT or not isinstance(result, FileResult):
        raise ValueError("not an entry of this cache layout")
    result.extracts = _PickledExtracts(extracts)  # type: ignore[assignment]  # a read-only mapping
    return result


class Cache:
    """Entries of one rule set under ``root``; picklable so worker processes can write.

    ``hits``/``misses`` count lookups in this process (the CLI reports them).
    """

    def __init__(self, root: Path, ruleset: str) -> None:
        self.root = root
        self.folder = root / ruleset
        self._prefix = f"{self.folder}{os.sep}"
        self.hits = 0
        self.misses = 0
        #: path -> entry key of every file keyed in this process (for ``run_corpus``).
        self.keys: dict[str, str] = {}

    @classmethod
    def for_settings(cls, settings: Settings, root: Path | None = None) -> Cache:
        return cls(root or default_dir(), ruleset_key(settings))

    def stored_rules(self) -> list[Rule] | None:
        """The selected rules of this rule set, stored by an earlier run that built it.

        Their presence also means the rule set loaded and validated without error, so
        a run whose files are all cached need not build (compile) it again.
        """
        try:
            rules = pickle.loads((self.folder / "rules.pickle").read_bytes())  # noqa: S301 - our own cache files
        except Exception:  # missing or damaged: build the rule set
            return None
        return rules if isinstance(rules, list) else None

    def store_rules(self, rules: list[Rule]) -> None:
        target = self.folder / "rules.pickle"
        if not target.exists():
            self._write_bytes(target, pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL))

    def key(self, path: str, data: bytes) -> str:
        """The entry key of a file: its path (findings carry it) and its bytes."""
        digest = hashlib.sha256(path.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        self.keys[path] = key = digest.hexdigest()
        return key

    def _entry(self, key: str) -> str:
        return f"{self._prefix}{key[:2]}{os.sep}{key}.pickle"

    def get(self, key: str) -> FileResult | None:
        """The stored result, or None (a missing or unreadable entry is a miss)."""
        try:
            with open(self._entry(key), "rb") as handle:
                result = decode(handle.read())
        except Exception:  # missing, damaged or from another layout: lint the file again
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str, result: FileResult) -> None:
        self._write_bytes(Path(self._entry(key)), encode(result))


    def key_of(self, path: str) -> str:
        """The entry key of a file on disk, read and hashed once per run."""
        key = self.keys.get(path)
        return key if key is not None else self.key(path, read_bytes(path))

    def key_all(self, files: Sequence[str]) -> None:
        """Key every file of a run, trusting the stat stamps of the last run over them.

        Like git's index: a file whose size, modification and change times and inode
        are those recorded when it was last hashed still has that hash, so an unchanged
        archive is stat'ed, not read (a fifth of the cost per file). The change time
        cannot be set back, so an edit that restores the old size and modification time
        is still seen. A stamp is recorded only once it is older than ``RACY_NS``: an
        edit within the file system's time resolution of the hashing could keep it.
        """
        target = self._stamps_entry(files)
        try:
            known = pickle.loads(target.read_bytes())  # noqa: S301 - our own cache files
            if not isinstance(known, dict):
                known = {}
        except Exception:  # missing or damaged: hash every file
            known = {}
        settled = time.time_ns() - RACY_NS
        stamps: dict[str, tuple[tuple[int, int, int, int], str]] = {}
        for path in files:
            if path == STDIN or path in self.keys:
                continue
            try:
                st = os.stat(path)
            except OSError:  # reading it reports the problem, naming the file
                self.key_of(path)
                continue
            stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            seen = known.get(path)
            if seen is not None and seen[0] == stamp:
                self.keys[path] = seen[1]
            else:
                self.key_of(path)
            if max(st.st_mtime_ns, st.st_ctime_ns) < settled:
                stamps[path] = (stamp, self.keys[path])
        if stamps != known:
            self._write_bytes(target, pickle.dumps(stamps, protocol=pickle.HIGHEST_PROTOCOL))

    def _stamps_entry(self, files: Iterable[str]) -> Path:
        """Where the stat stamps of a run over exactly these paths live."""
        digest = hashlib.sha256()
        for path in sorted(files):
            digest.update(f"{path}\0".encode("utf-8", "surrogatepass"))
        return self.folder / "stamps" / f"{digest.hexdigest()}.pickle"

    def _run_entry(self, paths: Iterable[str], corpus: bool | None) -> Path:
        """Where the results of a run over exactly these files (paths and bytes) live."""
        digest = hashlib.sha256(f"corpus {corpus}\0".encode())
        for path in sorted(paths):
            digest.update(f"{path}\0{self.keys[path]}\0".encode("utf-8", "surrogatepass"))
        return self.folder / "runs" / f"{digest.hexdigest()}.pickle"

    def load_run(self, files: Sequence[str], *, corpus: bool | None = None) -> list[FileResult] | None:
        """Every result of an earlier run over exactly these files, or None.

        Re-running over an unchanged archive is the common case in CI; one read then
        replaces an entry per file and the cross-article checks. Any change, addition or
        removal of a file misses, and the run falls back to the per-file entries.
        """
        if STDIN in files:
            return None
        self.key_all(files)
        entry = self._run_entry(files, corpus)
        try:
            with paused():
                stored = pickle.loads(entry.read_bytes())  # noqa: S301 - our own cache files
            results = [stored[path] for path in files]
        except Exception:  # missing or damaged: lint (or look up) file by file
            return None
        if not all(isinstance(r, FileResult) for r in results):
            return None
        self.hits += len(results)
        return results

    def run_corpus(self, linter: Callable[[], Linter], results: list[FileResult], *,
                   corpus: bool | None = None) -> None:
        """``linter().run_corpus``, then store the whole run for ``load_run``.

        Cross-article findings depend only on the rule set and on the path and text of
        every file in the run, so the stored run is keyed by every file's entry key.
        The extracts are left out: a run read back needs no cross-article check.
        """
        linter().run_corpus(results, corpus=corpus)
        if any(r.path not in self.keys for r in results):  # standard input: nothing to key on
            return
        stored = {r.path: replace(r, extracts={}) for r in results}
        self._write_bytes(self._run_entry(stored, corpus), pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))

    def _write(self, target: Path, content: str) -> None:
        """Store atomically; a cache that cannot be written only costs speed."""
        self._write_bytes(target, content.encode("utf-8", "surrogatepass"))

    def _write_bytes(self, target: Path, content: bytes) -> None:
        try:
            if not self.root.is_dir():
                _create_root(self.root)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(tmp, target)
        except OSError:
            Path(tmp).unlink(missing_ok=True)


def _create_root(root: Path) -> None:
    """Make the cache folder self-describing: ignored by git and by backup tools."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".gitignore").write_text("# Automatically created by contentlint.\n*\n", encoding="utf-8")
    (root / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n# This folder is a cache created by contentlint.\n",
        encoding="utf-8")


def clean(root: Path | None = None) -> Path | None:
    """Delete the cache folder; return it if there was one."""
    folder = root or default_dir()
    if not folder.exists():
        return None
    if not (folder / "CACHEDIR.TAG").is_file() and folder.name != DIR_NAME:
        raise OSError(f"{folder} does not look like a contentlint cache (no CACHEDIR.TAG); not deleting it")
    shutil.rmtree(folder)
    return folder
