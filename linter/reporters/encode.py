"""JSON text for the JSON and SARIF reports, indented by two spaces, in pieces.

orjson, not the standard library: ``json.dumps(..., indent=2)`` falls back to the
pure-Python encoder, and for a 2,000-article report that took longer than reading every
cached result. orjson writes the same text (UTF-8 kept, two-space indent) about ten
times faster.

A report over an archive is hundreds of megabytes of JSON; building it as one value and
one string would hold it in memory twice. Lists wrapped in ``Lazy`` are written item by
item as they are produced, and ``chunks`` yields the text piece by piece, so a reporter
can stream to its file. The text is the same as encoding the whole value at once.

The pieces are UTF-8 bytes, as orjson writes them: decoding 14 MB of report text to
``str`` only for the file layer to encode it again cost more than encoding it.
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
    return b"".join(chunks(value)).decode("utf-8")


def chunks(value: Any) -> Iterator[bytes]:
    """The UTF-8 text of ``to_json(value)`` in pieces (a batch of a ``Lazy`` list each)."""
    yield from _write(value, 0)
    yield b"\n"


def _encode(value: Any, depth: int) -> bytes:
    text = orjson.dumps(value, option=_OPTIONS)
    return text.replace(b"\n", b"\n" + b"  " * depth) if depth else text


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


def _write(value: Any, depth: int) -> Iterator[bytes]:
    if not _has_lazy(value):
        yield _encode(value, depth)
        return
    pad, inner = b"  " * depth, b"  " * (depth + 1)
    if isinstance(value, dict):
        yield b"{"
        for n, (key, item) in enumerate(value.items()):
            yield b"%s\n%s%s: " % (b"," if n else b"", inner, _encode(str(key), 0))
            yield from _write(item, depth + 1)
        yield b"\n%s}" % pad
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
            yield b"".join((b"[" if empty else b",", text))
            empty = False
    else:
        for item in value:
            yield b"%s\n%s" % (b"[" if empty else b",", inner)
            empty = False
            yield from _write(item, depth + 1)
    yield b"[]" if empty else b"\n%s]" % pad
