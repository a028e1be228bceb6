"""The registry of detector types: ``type:`` name -> class.

Adding a type is one module here plus one line in ``BUILTIN``. Third-party packages
register theirs under the ``contentlint.detectors`` entry-point group.
"""
from __future__ import annotations

from importlib.metadata import entry_points

from linter.detectors.base import Detector
from linter.detectors.boilerplate import BoilerplateDetector
from linter.detectors.collocation import CollocationDetector
from linter.detectors.consistency import ConsistencyDetector
from linter.detectors.language import LanguageDetector
from linter.detectors.metric import MetricDetector
from linter.detectors.officeholders import OfficeholderDetector
from linter.detectors.pattern import PatternDetector
from linter.detectors.phrase import PhraseDetector
from linter.detectors.quotes import QuotesDetector
from linter.detectors.quantities import QuantitiesDetector
from linter.detectors.substitution import SubstitutionDetector
from linter.errors import RuleError

BUILTIN: dict[str, type[Detector]] = {
    "phrase": PhraseDetector,
    "pattern": PatternDetector,
    "substitution": SubstitutionDetector,
    "metric": MetricDetector,
    "collocation": CollocationDetector,
    "language": LanguageDetector,
    "boilerplate": BoilerplateDetector,
    "officeholders": OfficeholderDetector,
    "quotes": QuotesDetector,
    "quantities": QuantitiesDetector,
    "consistency": ConsistencyDetector,
}

ENTRY_POINT_GROUP = "contentlint.detectors"


def registry() -> dict[str, type[Detector]]:
    """Built-in types plus those installed packages declare as entry points."""
    types = dict(BUILTIN)
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
