"""Length-preserving normalisation used only for matching.

Every function here returns a string of exactly the same length as its input, so an
offset found in the normalised text is also an offset into the original text.
"""
from __future__ import annotations

import re
from typing import Any

# Typographic variants folded to their plain ASCII form, one character to one character.
_FOLD = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
    "\u2008": " ", "\u3000": " ", "\t": " ", "\r": " ", "\ufeff": " ", "\u200b": " ",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u00ad": "-",
}
_FOLDABLE = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLD)) + "]")
#: The folds as pairs, for long texts: ``str.translate`` looks every character of a
#: non-ASCII text up in a dict and a regex visits every character too, while testing
#: each foldable character with ``in`` (a fast scan) and replacing the few an article
#: holds costs half the regex's time on an article. Short phrases (rule loading folds
#: thousands) are faster with one regex pass. Each character folds on its own and no
#: fold makes another foldable character, so the order of replacements does not matter.
_FOLD_PAIRS = tuple(_FOLD.items())
_SHORT = 256


def _fold_one(match: re.Match[str]) -> str:
    return _FOLD[match.group()]


def fold(text: str) -> str:
    """Fold spaces, quotes and dashes to ASCII without changing case or length."""
    if len(text) < _SHORT:
        return _FOLDABLE.sub(_fold_one, text)
    for char, plain in _FOLD_PAIRS:
        if char in text:
            text = text.replace(char, plain)
    return text


#: ASCII bytes: deleting them from UTF-8 leaves the other characters, still UTF-8.
_ASCII_BYTES = bytes(range(128))


def lower_same_length(text: str) -> str:
    """Lower-case ``text`` while keeping its length (a few letters lower to two chars)."""
    if len(text) >= _SHORT and not text.isascii():
        # ``str.lower`` looks every character of a non-ASCII text up (~2.5 ns each), but
        # after folding, lowering an article's few non-ASCII characters (¥, €, é)
        # mostly changes nothing: then lowering the ASCII bytes of its UTF-8 gives the
        # same text twice as fast.
        data = text.encode("utf-8", "surrogatepass")
        rest = data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        if rest.lower() == rest:
            return data.lower().decode("utf-8", "surrogatepass")
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def normalize(text: str) -> str:
    """Fold typography and case: the view phrase matchers run on."""
    return lower_same_length(fold(text))


def normalize_phrase(phrase: str) -> str:
    """Normalise a rule's phrase the same way, with whitespace runs folded to one space."""
    return " ".join(normalize(phrase).split())


def norm_latin1(doc: Any) -> bytes:
    """A document's ``norm`` in Latin-1, "?" for every wider character: one byte a
    character, so offsets hold for counts and scans of bytes (far faster than of a
    text with a character past Latin-1). Cached on the document: the language and
    readability detectors both read it."""
    raw = doc.cache.get("norm-latin1")
    if raw is None:
        raw = doc.cache["norm-latin1"] = doc.norm.encode("latin-1", "replace")
    return raw
