"""The ``contentlint`` command's entry point.

It imports the CLI inside a guard: when the interpreter running the command lacks one of
contentlint's dependencies (an install made with ``--no-deps``, a script left behind by
another environment), the user gets one line naming the missing module and that
interpreter, not a traceback.
"""
from __future__ import annotations

import sys


def main() -> None:
    try:
        from linter.cli import main as run
    except ModuleNotFoundError as exc:
        if not exc.name or exc.name.partition(".")[0] == "linter":
            raise  # our own package is broken: a bug, not an install problem
        sys.stderr.write(f"contentlint: error: missing dependency '{exc.name}' in {sys.executable}; "
                         "install contentlint with its dependencies (pip install .), or run the venv's "
                         "own program (.venv/bin/contentlint)\n")
        sys.exit(2)
    run()
