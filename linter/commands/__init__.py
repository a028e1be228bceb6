"""Sub-command groups of ``contentlint``, one module each (``cli.py`` only wires them)."""
from __future__ import annotations
