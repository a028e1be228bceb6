"""Choose rules and their levels from selectors, ruff-style.

A selector is ``ALL``, a rule id, an id prefix (``boilerplate``, ``boilerplate.ad``),
a category or a pack name. When several selectors match a rule, the most specific
(longest) one decides; on a tie ``ignore`` wins over ``select``. Rules marked
``enabled: false`` run only when selected by their full id.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

from linter.errors import ConfigError

if TYPE_CHECKING:
    from linter.rules import Rule


def specificity(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` names ``rule``: -1 when it does not match."""
    if selector == "ALL":
        return 0
    if rule.id == selector:
        return 10_000
    if rule.id.startswith(selector) or selector in (rule.category, rule.pack):
        return len(selector)
    return -1


def _best(selectors: Iterable[str], rule: Rule) -> int:
    return max((specificity(s, rule) for s in selectors), default=-1)


def check_selectors(selectors: Iterable[str], rules: Sequence[Rule], origin: str) -> None:
    """Reject selectors that match no rule at all (usually a typo)."""
    for selector in selectors:
        if not any(specificity(selector, rule) >= 0 for rule in rules):
            raise ConfigError(f"{origin}: '{selector}' matches no rule, category or pack")


def is_selected(rule: Rule, select: Sequence[str], ignore: Sequence[str]) -> bool:
    chosen = _best(select, rule) if select else 0
    if chosen < 0:
        return False
    if not rule.enabled and chosen != 10_000:
        return False
    return _best(ignore, rule) < chosen


def level_for(rule: Rule, overrides: dict[str, str]) -> str:
    """The rule's level after the most specific matching override."""
    best = -1
    level = rule.level
    for selector, value in overrides.items():
        score = specificity(selector, rule)
        if score > best:
            best, level = score, value
    return level


def matches_any(rule_id: str, category: str, selectors: Iterable[str]) -> bool:
    """Used by suppressions: does any selector name this finding's rule or category?"""
    return any(s in ("ALL", "all", category) or rule_id.startswith(s) for s in selectors)
