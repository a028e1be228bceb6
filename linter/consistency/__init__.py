"""Consistency checks: the same person, title, quote or figure told differently.

``summary`` holds the small picklable records a document leaves behind for the corpus
phase; ``people``, ``quotes`` and ``figures`` index those records across articles;
``spelling`` holds the within-article checks. ``linter.detectors.consistency`` wires
them to rules.
"""
