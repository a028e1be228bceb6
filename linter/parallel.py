"""Lint many files: cache look-ups first, then a process pool or this process.

Results come back in the order of ``files`` whatever ran where, so ``--jobs N`` output
is byte-identical to ``--jobs 1``. Each worker compiles the rule set once (or inherits
the parent's compiled one when the platform forks) and lints contiguous chunks of
files, writing their cache entries itself so encoding is spread over the cores too.
A pool costs tens of milliseconds to start, so small runs stay in this process.
"""
from __future__ import annotations

import math
import os
import sys
import threading
from typing import TYPE_CHECKING, Callable, Sequence

from linter.discovery import STDIN, decode_text, read_bytes

if TYPE_CHECKING:
    from linter.cache import Cache
    from linter.config import Settings
    from linter.engine import FileResult, Linter

#: Below this many files to lint per worker, starting a pool costs more than it saves.
MIN_FILES_PER_WORKER = 16
#: Chunks small enough to balance uneven articles and move the progress bar.
MAX_CHUNK = 32

Advance = Callable[[int], None]


def cpu_count() -> int:
    """CPUs this process may use (respects affinity masks and container limits)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def lint_one(linter: Linter, path: str, cache: Cache | None) -> FileResult:
    """Lint one file from disk and store the result when there is a cache."""
    data = read_bytes(path)
    result = linter.lint_document(linter.document(decode_text(data, path), path))
    if cache is not None:
        cache.put(cache.key(path, data), result)
    return result


def lint_files(rule_set: Callable[[], Linter], files: Sequence[str], *, stdin_name: str = "<stdin>",
               jobs: int = 1, cache: Cache | None = None, advance: Advance | None = None) -> list[FileResult]:
    """Results for ``files`` in order: cached ones read back, the rest linted.

    ``rule_set()`` builds (or returns) the ``Linter``; it is called only when a file
    has to be linted, so a run served wholly from the cache compiles no rule.
    """
    tick = advance or (lambda n: None)
    results: list[FileResult | None] = [None] * len(files)
    pending: list[int] = []
    for index, path in enumerate(files):
        if path == STDIN:
            results[index] = rule_set().lint_file(path, stdin_name=stdin_name)
        elif cache is not None and (hit := cache.get(cache.key_of(path))) is not None:
            results[index] = hit
        else:
            pending.append(index)
            continue
        tick(1)
    paths = [files[i] for i in pending]
    if not paths:
        return results  # type: ignore[return-value]  # every slot is filled above
    linter = rule_set()
    workers = min(jobs, len(paths) // MIN_FILES_PER_WORKER)
    if workers > 1:
        linted = _pool(linter, paths, workers, cache, tick)
    else:
        linted = []
        for path in paths:
            linted.append(lint_one(linter, path, cache))
            tick(1)
    for index, result in zip(pending, linted):
        results[index] = result
    return results  # type: ignore[return-value]  # every slot is filled above


# ----- the pool -------------------------------------------------------------------
_worker: tuple[Linter, Cache | None] | None = None


def _start_worker(linter_or_settings: Linter | Settings, cache: Cache | None) -> None:
    """Runs once per worker process: keep the compiled rule set for every chunk."""
    global _worker
    from linter.engine import Linter

    linter = linter_or_settings if isinstance(linter_or_settings, Linter) else Linter(linter_or_settings)
    _worker = (linter, cache)


def _lint_chunk(paths: list[str]) -> list[FileResult]:
    assert _worker is not None, "worker not initialised"
    linter, cache = _worker
    return [lint_one(linter, path, cache) for path in paths]


def _can_fork() -> bool:
    """Fork shares the compiled rules for free, but only single-threaded and on Linux."""
    import multiprocessing

    return (sys.platform.startswith("linux") and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def _pool(linter: Linter, paths: list[str], workers: int, cache: Cache | None, tick: Advance) -> list[FileResult]:
    # Imported here: runs that stay in one process (most cached ones) skip their cost.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    fork = _can_fork()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    size = max(1, min(MAX_CHUNK, math.ceil(len(paths) / (workers * 4))))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    seed: Linter | Settings = linter if fork else linter.settings
    results: list[FileResult] = []
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(seed, cache)) as pool:
        for chunk in pool.map(_lint_chunk, chunks):
            results.extend(chunk)
            tick(len(chunk))
    return results
