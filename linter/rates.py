"""Exchange rates at a date, offline: fixed pegs from YAML, then the ECB history.

A conversion in copy ("AED 3.67 billion (approximately $1 billion)") is right if it
matches the rate of its day. Pegged currencies (the dirham, the Gulf riyals, the CFA
francs) are not in the European Central Bank's reference rates, so they come from
``rules/units/pegs.yaml`` (each with its source) and chain through their anchor.
Everything else comes from the ECB history bundled with ``currencyconverter``, loaded
lazily: reading it costs ~0.3 s, paid only when an article has a conversion to check.
A rate we do not know (or only know for another period) is ``None``: the caller stays silent.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from linter.errors import RuleError
from linter.rules import load_yaml

#: How far past the end of a currency's ECB series we still trust its last rate.
STALE_AFTER = dt.timedelta(days=31)


@dataclass(frozen=True)
class Peg:
    """``rate`` units of ``code`` per one ``anchor`` (``low``..``high`` inside a band)."""

    code: str
    anchor: str
    rate: float
    low: float
    high: float
    since: dt.date
    source: str


@lru_cache(maxsize=8)
def load_pegs(path: Path) -> dict[str, Peg]:
    """Read a pegs file; every entry needs code, anchor, rate, since and source."""
    data = load_yaml(path)
    entries = data.get("pegs") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise RuleError("a pegs file needs a 'pegs' list", str(path), 1)
    pegs: dict[str, Peg] = {}
    for entry in entries:
        line = getattr(entry, "line", None)
        try:
            code, anchor = str(entry["code"]).upper(), str(entry["anchor"]).upper()
            rate = float(entry["rate"])
            band = entry.get("band") or [rate, rate]
            since = entry["since"]
            source = str(entry["source"])
        except (KeyError, TypeError, ValueError):
            raise RuleError("each peg needs code, anchor, rate, since and source", str(path), line) from None
        if not isinstance(since, dt.date) or not source.strip() or rate <= 0:
            raise RuleError(f"peg {code}: 'since' must be a date and 'source' non-empty", str(path), line)
        pegs[code] = Peg(code, anchor, rate, float(min(band)), float(max(band)), since, source)
    return pegs


@lru_cache(maxsize=1)
def _ecb() -> Any:
    """The ECB history (import and parse on first use only); None when it cannot be read.

    Without it only the pegs are known, and conversions between floating currencies are
    not checked: a missing rate must never turn into a finding or a crash.
    """
    try:
        from currency_converter import CurrencyConverter

        return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=False)
    except Exception:  # not installed, or its bundled data unreadable
        return None


def _ecb_rate(code: str, anchor: str, date: dt.date) -> float | None:
    """Units of ``code`` per one ``anchor`` from the ECB series, or None if unknown then."""
    ecb = _ecb()
    if ecb is None or code not in ecb.currencies or anchor not in ecb.currencies:
        return None
    for cur in (code, anchor):
        if cur == "EUR":
            continue
        first, last = ecb.bounds[cur]
        if date < first or date > last + STALE_AFTER:
            return None
        date = min(date, last)
    try:
        return float(ecb.convert(1.0, anchor, code, date=date))
    except Exception:  # RateNotFoundError and friends: an unknown rate means silence
        return None


def rates(code: str, other: str, date: dt.date, pegs: dict[str, Peg], *, floating: bool = True) -> list[float]:
    """Possible rates (units of ``other`` per one ``code``) on ``date``; [] when unknown.

    Two values (band edges) come back for a currency that moves inside a band. With
    ``floating=False`` only fixed pegs are used (the day is not known well enough).
    """
    if code == other:
        return [1.0]

    def to_anchor(cur: str) -> tuple[str, list[float]]:
        peg = pegs.get(cur)
        if peg and date >= peg.since:
            return peg.anchor, [1.0 / peg.low, 1.0 / peg.high]  # anchor units per one `cur`
        return cur, [1.0]

    base_a, fa = to_anchor(code)
    base_b, fb = to_anchor(other)
    if base_a == base_b:
        cross = 1.0
    else:
        known = _ecb_rate(base_b, base_a, date) if floating else None
        if known is None:
            return []
        cross = known
    return sorted({a * cross / b for a in fa for b in fb})
