"""Paths shared by the core tests."""
from __future__ import annotations

from pathlib import Path

CORE_RULES = Path(__file__).resolve().parent / "fixtures" / "core" / "rules"
