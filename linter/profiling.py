"""Where a run's time goes: the table ``contentlint check --profile`` prints to stderr.

A slow rule hurts every article of every run, so its cost must be visible without a
profiler. The engine records seconds per detector type (the real pass) and per rule
(each rule re-run alone on the same document, after the real pass, so shared views are
already built and a rule's figure is its own marginal cost).
"""
from __future__ import annotations

from typing import Mapping


def profile_table(
    by_type: Mapping[str, float],
    by_rule: Mapping[str, float],
    *,
    articles: int,
    wall: float,
    top: int = 25,
) -> str:
    """A plain-text table: milliseconds in total and per article, and the share of time."""
    per = max(articles, 1)
    measured = sum(by_type.values())
    lines = [f"profile: {articles} article(s), {wall:.3f} s wall including the per-rule re-runs; "
             f"without them {measured / per * 1000:.2f} ms per article",
             "",
             f"{'detector type':<32} {'total ms':>10} {'ms/article':>11} {'share':>7}"]
    for name, seconds in sorted(by_type.items(), key=lambda kv: -kv[1]):
        share = seconds / measured * 100 if measured else 0.0
        lines.append(f"{name:<32} {seconds * 1000:>10.1f} {seconds / per * 1000:>11.3f} {share:>6.1f}%")
    lines.append(f"{'(measured total)':<32} {measured * 1000:>10.1f} {measured / per * 1000:>11.3f}")
    if by_rule:
        shown = sorted(by_rule.items(), key=lambda kv: -kv[1])[:top]
        width = max(32, max(len(rule_id) for rule_id, _ in shown))
        lines += ["", f"{'rule (alone, views prebuilt)':<{width}} {'total ms':>10} {'ms/article':>11}"]
        for rule_id, seconds in shown:
            lines.append(f"{rule_id:<{width}} {seconds * 1000:>10.1f} {seconds / per * 1000:>11.3f}")
        if len(by_rule) > top:
            lines.append(f"... {len(by_rule) - top} faster rule(s) not shown")
    return "\n".join(lines) + "\n"
