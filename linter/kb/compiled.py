"""The shipped KB, compiled once and kept pickled beside this package's bytecode.

Parsing and validating the KB's YAML and building its ``MentionFinder`` costs ~40 ms,
paid by every process that lints an article (each ``--jobs`` worker too); unpickling
the finder costs ~4 ms. Like a ``.pyc``, the pickle is only a copy: its key hashes the
YAML files and the code that reads them, and a stale, corrupt or unreadable copy is
rebuilt from the YAML (and rewritten, unless the folder is read-only). It is kept even
under ``PYTHONDONTWRITEBYTECODE``, which is about bytecode, not data. Only the shipped
KB is kept: extra KB folders from a config are read from their YAML each time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from linter.gcpause import paused
from linter.kb.load import builtin_kb_dir, kb_files, load_kb
from linter.kb.mentions import MentionFinder

#: Bump when the pickled layout changes in a way the hashed sources would not show.
FORMAT = 1
_HERE = Path(__file__).resolve().parent
#: Code whose changes change the compiled finder: this package, the phrase matcher, the
#: normalisation of its keys and the YAML loader.
_SOURCES = ("matching.py", "normalize.py", "rules.py")


def _code_digest() -> bytes:
    """Hash of the code files, read when this module is imported: the key must describe
    the code this process runs, which an edit in a checkout can change under it."""
    digest = hashlib.sha256()
    for path in sorted(_HERE.glob("*.py")) + [_HERE.parent / name for name in _SOURCES]:
        data = path.read_bytes()
        digest.update(f"{path}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.digest()


_CODE = _code_digest()


def default_path() -> Path:
    """Where the shipped KB's pickle lives: this package's ``__pycache__``, tagged like a ``.pyc``."""
    return _HERE / "__pycache__" / f"officeholders-kb.{sys.implementation.cache_tag}.pickle"


def source_key(files: list[Path]) -> bytes:
    """Hash of everything the compiled finder is made from."""
    import regex
    import yaml

    digest = hashlib.sha256(f"kb {FORMAT} {sys.version} regex {regex.__version__} yaml {yaml.__version__}\0".encode())
    digest.update(_CODE)
    for path in files:
        data = path.read_bytes()
        digest.update(f"{path}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.digest()


def shipped_finder(path: Path | None = None) -> MentionFinder:
    """The shipped KB's finder: from the pickle at ``path`` when current, else built and stored."""
    path = path or default_path()
    folder = builtin_kb_dir()
    key = source_key(kb_files([folder]))
    try:
        # Unpickling makes thousands of containers: collecting on the way only costs time.
        with paused(), open(path, "rb") as fh:
            if fh.read(len(key)) == key:
                finder = pickle.load(fh)
                if isinstance(finder, MentionFinder):
                    return finder
    except Exception:  # noqa: BLE001 - missing, truncated or from another build: rebuild it
        pass
    finder = MentionFinder(load_kb([folder]))
    _store(path, key, finder)
    return finder


def _store(path: Path, key: bytes, finder: MentionFinder) -> None:
    """Write atomically (workers may race); a copy that cannot be written is only slower."""
    import tempfile

    tmp: str | None = None
    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kb-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
            pickle.dump(finder, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; other users may read it like a .pyc
        os.replace(tmp, path)
        tmp = None
    except Exception:  # noqa: BLE001 - unwritable, or something unpicklable: never fail a lint for it
        pass  # (the tests check that the shipped finder is stored)
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
