"""The officeholder knowledge base: who held which office, when, and where it says so.

``model`` holds the records, ``load`` reads and validates the shipped YAML
(``rules/officeholders/*.yaml``), ``check`` audits it for users extending it, and
``wikidata`` turns a Wikidata SPARQL result into KB YAML.
"""
from __future__ import annotations
