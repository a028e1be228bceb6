"""contentlint: a linter for the content quality and credibility of articles.

The public library API is re-exported here so callers need one import:

    from linter import Linter, Settings
    result = Linter(Settings()).lint_text("Show More", path="a.txt")
"""
from __future__ import annotations

__version__ = "0.1.0"

from linter.config import Settings
from linter.engine import Linter
from linter.findings import Finding

__all__ = ["Finding", "Linter", "Settings", "__version__"]
