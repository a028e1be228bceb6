"""The registry of detector types: ``type:`` name -> class.

Adding a type is one module here plus one line in ``BUILTIN``. Third-party packages
register theirs under the ``contentlint.detectors`` entry-point group.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from linter.errors import RuleError

if TYPE_CHECKING:
    from linter.detectors.base import Detector

#: ``type:`` name -> ``module:Class``, imported when a rule set is built (a warm cached
#: run never builds one, so it never pays for the detectors' imports).
BUILTIN: dict[str, str] = {
    "phrase": "linter.detectors.phrase:PhraseDetector",
    "pattern": "linter.detectors.pattern:PatternDetector",
    "substitution": "linter.detectors.substitution:SubstitutionDetector",
    "metric": "linter.detectors.metric:MetricDetector",
    "collocation": "linter.detectors.collocation:CollocationDetector",
    "language": "linter.detectors.language:LanguageDetector",
    "boilerplate": "linter.detectors.boilerplate:BoilerplateDetector",
    "officeholders": "linter.detectors.officeholders:OfficeholderDetector",
    "quotes": "linter.detectors.quotes:QuotesDetector",
    "quantities": "linter.detectors.quantities:QuantitiesDetector",
    "consistency": "linter.detectors.consistency:ConsistencyDetector",
}

ENTRY_POINT_GROUP = "contentlint.detectors"


def registry() -> dict[str, type[Detector]]:
    """Built-in types plus those installed packages declare as entry points."""
    from importlib.metadata import entry_points

    from linter.detectors.base import Detector

    types: dict[str, type[Detector]] = {}
    for name, target in BUILTIN.items():
        module, _, attr = target.partition(":")
        types[name] = getattr(importlib.import_module(module), attr)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in types:
            continue
        try:
            cls = ep.load()
        except Exception as exc:  # a broken plugin must not crash the run with a traceback
            raise RuleError(f"cannot load detector plugin '{ep.name}' ({ep.value}): {exc}") from None
        if not (isinstance(cls, type) and issubclass(cls, Detector)):
            raise RuleError(f"detector plugin '{ep.name}' ({ep.value}) is not a Detector subclass")
        types[ep.name] = cls
    return types
