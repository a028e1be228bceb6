"""Markdown markup spans: the shortcuts ``markup_spans`` takes (line patterns tried only
at marked lines, link patterns read off each "](", "#", "*" and "_" found with
``str.find``) find exactly what a plain ``finditer`` of every pattern finds."""
from __future__ import annotations

import random

from linter import markdown


def _plain(pattern, text: str) -> list[tuple[int, int]]:
    if pattern.pattern.startswith("\\n("):
        return [(m.start(1) - 1, m.end(1) - 1) for m in pattern.finditer("\n" + text)]
    return [m.span() for m in pattern.finditer(text)]


def test_every_pattern_finds_what_finditer_finds() -> None:
    rng = random.Random(3)
    atoms = ["[", "]", "(", ")", "](", "![", "!", "\n", " ", "  ", "   ", "    ", "#", "##", ">", "-", "*",
             "_", "+", "1.", "2)", "\u0663.", "`", "<", "a", "word", '"t"', ":", "]:", "http://x.y", "\t",
             "\u2009", "\u00e9", "***", "__"]
    for _ in range(3000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 60)))
        marked = [m.start() + 1 for m in markdown._MARKED_LINE.finditer(text)]
        if markdown._MARKED_START.match(text):
            marked.insert(0, 0)
        links = markdown._all(text, "](")
        for patterns, _ in markdown._PATTERNS:
            for pattern in patterns if isinstance(patterns, tuple) else (patterns,):
                assert markdown._spans(pattern, text, marked, links) == _plain(pattern, text), (pattern, text)
