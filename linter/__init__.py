"""contentlint: a linter for the content quality and credibility of articles.

The public library API is re-exported here so callers need one import:

    from linter import Linter, Settings
    result = Linter(Settings()).lint_text("Show More", path="a.txt")

The names are resolved on first use (PEP 562): importing any ``linter`` module imports
this package first, and a warm cached run must not pay for every detector's import.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Finding", "Linter", "Settings", "__version__"]

if TYPE_CHECKING:
    from linter.config import Settings
    from linter.engine import Linter
    from linter.findings import Finding

_LAZY = {"Settings": "linter.config", "Linter": "linter.engine", "Finding": "linter.findings"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'linter' has no attribute {name!r}")
