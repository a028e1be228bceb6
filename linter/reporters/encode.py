"""JSON text for the JSON and SARIF reports, indented by two spaces, in pieces.

orjson, not the standard library: ``json.dumps(..., indent=2)`` falls back to the
pure-Python encoder, and for a 2,000-article report that took longer than reading every
cached result. orjson writes the same text (UTF-8 kept, two-space indent) about ten
times faster.

A report over an archive is hundreds of megabytes of JSON; building it as one value and
one string would hold it in memory twice. Lists wrapped in ``Lazy`` are written item by
item as they are produced, and ``chunks`` yields the text piece by piece, so a reporter
can stream to its file. The text is the same as encoding the whole value at once.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator

import orjson

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
#: Items of a ``Lazy`` list encoded per call (a few hundred KB of text).
BATCH = 256


class Lazy:
    """A JSON list whose items are produced while the text is written (each item plain
    JSON data, with no ``Lazy`` inside)."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def to_json(value: Any) -> str:
    """``value`` as indented JSON text ending in a newline."""
    return "".join(chunks(value))


def chunks(value: Any) -> Iterator[str]:
    """The text of ``to_json(value)`` in pieces (one per list item of a ``Lazy`` list)."""
    yield from _write(value, 0)
    yield "\n"


def _encode(value: Any, depth: int) -> str:
    text = orjson.dumps(value, option=_OPTIONS).decode("utf-8")
    return text.replace("\n", "\n" + "  " * depth) if depth else text


def _batches(items: Iterable[Any]) -> Iterator[list[Any]]:
    """``items`` in lists of up to ``BATCH``: few encoder calls, little held at once."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _has_lazy(value: Any) -> bool:
    if isinstance(value, Lazy):
        return True
    if isinstance(value, dict):
        return any(_has_lazy(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_lazy(v) for v in value)
    return False


def _write(value: Any, depth: int) -> Iterator[str]:
    if not _has_lazy(value):
        yield _encode(value, depth)
        return
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict):
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield f"{',' if n else ''}\n{inner}{_encode(str(key), 0)}: "
            yield from _write(item, depth + 1)
        yield f"\n{pad}}}"
        return
    empty = True
    if isinstance(value, Lazy):  # its items are plain data: no need to look inside them
        # One encoder call per batch, nested in ``depth`` one-item lists so that the
        # encoder itself indents the items for this depth; the brackets around them
        # are cut off, leaving exactly the items' text.
        head = "".join(f"[\n{'  ' * (level + 1)}" for level in range(depth)) + "["
        tail = "".join(f"\n{'  ' * level}]" for level in range(depth, -1, -1))
        for batch in _batches(value.items):
            wrapped: Any = batch
            for _ in range(depth):
                wrapped = [wrapped]
            text = memoryview(orjson.dumps(wrapped, option=_OPTIONS))[len(head):-len(tail)]
            yield ("[" if empty else ",") + str(text, "utf-8")
            empty = False
    else:
        for item in value:
            yield f"{'[' if empty else ','}\n{inner}"
            empty = False
            yield from _write(item, depth + 1)
    yield "[]" if empty else f"\n{pad}]"
