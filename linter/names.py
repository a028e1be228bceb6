"""Person names and the titles around them, read from one document without NER.

A name is a run of capitalised words ("Mohammed Abdi Farah"); its role is read from the
words right before it ("Norwegian special envoy Lars X", "Norway's ambassador to Kenya,
Lars X") or from an appositive after it ("Lars X, Norway's ambassador to Kenya,").
A run only counts as a person when some mention of it carries evidence: a title, a
form of address ("Mr.") or a speech verb ("X said"). Without that evidence, place and
organisation names ("Riverside Mall") would pass for people.

The vocabulary (title heads, modifiers, honorifics, words that are never names,
irregular country adjectives) is data in ``rules/consistency/titles.yaml``. Results are
cached on the document (``doc.cache["people"]``) so every consistency check shares one
pass.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple


from linter.document import Document
from linter.memo import UNSEEN, Memo
from linter.rules import builtin_rules_dir, load_yaml

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
#: Two or more capitalised words on one line ("Mohammed Abdi Farah", "Ambassador X").
#: Plain ``re`` without look-behind: this scan runs over every article, so it must be cheap.
#: Not possessive, though that would save backtracking: possessive repeats do not exist
#: before Python 3.11, and Python 3.11.2's ``re`` (Debian 12's python3) matches them wrongly.
_RUN = re.compile(rf"[{_UPPER}][\w'-]*(?: [{_UPPER}][\w'-]*)+")
_WORD = re.compile(r"[^\W\d_][\w'.-]*|\d+|[^\w\s]")
_SPEECH_AFTER = re.compile(
    r"(?:'s)?,?\s+(?:(?:also|then|later|has|had|have)\s+)?(?:said|says|told|stated|added|announced|noted|"
    r"wrote|explained|insisted|argued|warned|tweeted|posted|declared|remarked|stressed|replied|"
    r"confirmed|revealed|claimed|urged|asked)\b")
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|according to|added|wrote)\s+$")
#: The word (or comma) right before a name: only then can a title precede it.
_LEAD = re.compile(r"([^\W\d_][\w-]*)\s+(?:to|for)\s+(?:the\s+)?$")
#: What ends an appositive's reading: its closing comma, a semicolon or parenthesis.
_CLOSE = re.compile(r"[,;)]")
_PREPOSITIONS = frozenset({"to", "of", "for", "in", "at"})
_ARTICLES = frozenset({"the", "a", "an"})


class Piece(NamedTuple):
    """A span of one document that survives the document: offset, position and text.

    Positions of any offset inside the piece follow from its start position and text,
    so corpus checks can report tight spans without the document.
    """

    start: int
    line: int
    column: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        before = self.text[: max(0, offset - self.start)]
        breaks = before.count("\n")
        if not breaks:
            return self.line, self.column + len(before)
        return self.line + breaks, len(before) - before.rfind("\n")


def piece(doc: Document, start: int, end: int) -> Piece:
    line, column = doc.position(start)
    return Piece(start, line, column, doc.text[start:end])


class Title(NamedTuple):
    """A role as read from the words around a name, normalised for comparison."""

    head: str
    distinguishing: tuple[str, ...]
    qualifiers: tuple[str, ...]
    affiliations: tuple[str, ...]
    places: tuple[str, ...]
    temporal: bool
    span: Piece
    kinds: tuple[str, ...] = ()
    #: The title words as written, without country or place ("special envoy").
    office: str = ""

    def describe(self) -> str:
        return " ".join(self.span.text.split())


class Mention(NamedTuple):
    """One occurrence of a name: normalised tokens, the span, the role if any."""

    key: tuple[str, ...]
    span: Piece
    title: Title | None
    evidence: bool


@dataclass(frozen=True)
class Vocabulary:
    heads: frozenset[str]
    distinguishing: frozenset[str]
    kinds: frozenset[str]
    qualifiers: frozenset[str]
    ignorable: frozenset[str]
    temporal: frozenset[str]
    honorifics: frozenset[str]
    not_names: frozenset[str]
    affiliations: dict[str, str]
    place_openers: frozenset[str]
    synonyms: dict[str, str]
    title_words: frozenset[str] = frozenset()
    #: Words that end a name run's context: titles, forms of address, non-names.
    context_words: frozenset[str] = frozenset()
    #: Title words and forms of address: the last words a title before a name may end with.
    leads: frozenset[str] = frozenset()
    #: Words a name never contains: non-names and forms of address.
    unnamed: frozenset[str] = frozenset()
    #: Titles read so far, by (title words, affiliation words, place words): an article
    #: repeats its titles and a corpus repeats its officials.
    titles: Memo[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], tuple[Any, ...] | None] = field(
        default_factory=Memo, compare=False, repr=False)
    #: ``_run_names`` of the capitalised runs read so far, by run text.
    runs: Memo[str, Any] = field(default_factory=Memo, compare=False, repr=False)
    #: Titles read before and after names, by the text read: ``(title fields, start,
    #: end)`` with offsets in that text, or None. A corpus repeats its phrasings.
    before: Memo[str, tuple[tuple[Any, ...], int, int] | None] = field(default_factory=Memo, compare=False, repr=False)
    after: Memo[str, tuple[tuple[Any, ...], int, int] | None] = field(default_factory=Memo, compare=False, repr=False)

    def is_title_word(self, word: str) -> bool:
        """"Minister", "IEA-Foreign", "Secretary-General" (case and trailing dot ignored)."""
        w = _bare(word)
        return w in self.title_words or ("-" in w and any(p in self.title_words for p in w.split("-")))


@lru_cache(maxsize=4)
def vocabulary(path: Path | None = None) -> Vocabulary:
    """The title vocabulary (shipped data file unless another is given)."""
    data = load_yaml(path or builtin_rules_dir() / "consistency" / "titles.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or ())

    titles = (words("heads") | words("distinguishing") | words("kinds") | words("qualifiers")
              | words("ignorable") | words("temporal"))
    return Vocabulary(
        heads=words("heads"), distinguishing=words("distinguishing"), kinds=words("kinds"),
        qualifiers=words("qualifiers"),
        ignorable=words("ignorable"), temporal=words("temporal"), honorifics=words("honorifics"),
        not_names=words("not_names"), place_openers=words("place_openers"),
        affiliations={str(k).lower(): str(v).lower() for k, v in (data.get("affiliations") or {}).items()},
        synonyms={str(k).lower(): str(v).lower() for k, v in (data.get("synonyms") or {}).items()},
        title_words=titles, context_words=titles | words("honorifics") | words("not_names"),
        unnamed=words("honorifics") | words("not_names"), leads=titles | words("honorifics"),
    )


@lru_cache(maxsize=1 << 16)
def fold_name(word: str) -> str:
    """Case- and accent-free form of a name token ("António" -> "antonio")."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def affiliation_key(word: str, vocab: Vocabulary) -> str:
    """A country/organisation key: "Russian", "Russia's", "Russia" -> "russi"."""
    w = fold_name(word).removesuffix("'s").strip(".")
    w = vocab.affiliations.get(w, w)
    return w[:5]


def skeleton(word: str) -> str:
    """A spelling-tolerant key for a surname: "Qaradawi" and "Karadawi" -> "krd".

    Vowels, h/w/y after the first letter and doubled letters are dropped; c/q -> k.
    Used as a blocking key so transliteration variants meet in one bucket.
    """
    w = fold_name(word).replace("ph", "f").replace("q", "k").replace("c", "k").replace("x", "ks")
    out = [w[:1]]
    for ch in w[1:]:
        if ch in "aeiouhwy'-" or ch == out[-1]:
            continue
        out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def _bare(word: str) -> str:
    return word.lower().strip(".").removesuffix("'s")


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def people(doc: Document) -> list[Mention]:
    """All person-name mentions of ``doc`` (cached on the document)."""
    cached = doc.cache.get("people")
    if cached is None:
        cached = doc.cache["people"] = _read_people(doc, vocabulary())
    return cached


def _read_people(doc: Document, vocab: Vocabulary) -> list[Mention]:
    text = doc.folded
    found_at: list[tuple[tuple[str, ...], int, int, Title | None, bool]] = []
    evidenced: set[tuple[str, ...]] = set()
    for run in _RUN.finditer(text):
        found = _name_in_run(text, run, vocab)
        if found is None:
            continue
        start, end, key, context_in_run = found
        title = _title_before(doc, text, start, vocab)
        if title is None and text.startswith(",", end):
            title = _title_after(doc, text, end, vocab)
        if len(key) == 1 and title is None:
            continue
        evidence = (title is not None or context_in_run
                    or bool(_SPEECH_AFTER.match(text, end, min(len(text), end + 40)))
                    or bool(_SPEECH_BEFORE.search(text, max(0, start - 20), start)))
        if evidence:
            evidenced.add(key)
        found_at.append((key, start, end, title, evidence))
    # Pieces (positions) only for the mentions kept.
    return [Mention(key, piece(doc, start, end), title, evidence)
            for key, start, end, title, evidence in found_at if key in evidenced]


def _previous_word(text: str, start: int) -> str:
    """The word (or comma) right before ``start``, within 30 characters; "" if none.

    What the regex ``([^\\s,]+|,)\\s*$`` searched over that window finds, without
    trying it at each of the 30 positions.
    """
    chunk = text[max(0, start - 30):start].rstrip()
    if not chunk or chunk[-1] == ",":
        return chunk[-1:]
    return chunk.rsplit(None, 1)[-1].rsplit(",", 1)[-1]


def _name_in_run(text: str, run: re.Match[str], vocab: Vocabulary
                  ) -> tuple[int, int, tuple[str, ...], bool] | None:
    """The name part of a capitalised run: after the last title word, possessive or
    form of address; without leading sentence openers; never containing a non-name.

    Only "<title> to <place> Name" looks outside the run, so the rest is read once per
    distinct run text (articles and a corpus repeat their names)."""
    run_text = run.group()
    read = vocab.runs.get(run_text, UNSEEN)
    if read is UNSEEN:
        read = vocab.runs.keep(run_text, _run_names(run_text, vocab))
    if read is None:
        return None
    names, addressed, whole = read
    base = run.start()
    # "Ambassador to Kenya Lars X": the first word(s) after "<title> to" are a place.
    if (len(names) >= 3 and text[base - 1:base].isspace()
            and text[max(0, base - 40):base].rstrip().endswith(("to", "for", "the"))  # what _LEAD needs
            and (lead := _LEAD.search(text, max(0, base - 40), base)) and _bare(lead.group(1)) in vocab.heads):
        drop = 2 if _bare(names[0]) in vocab.place_openers and len(names) >= 4 else 1
        whole = _checked_name(names[drop:], vocab)
    if whole is None:
        return None
    name, possessive, key = whole
    # The run is its words joined by single spaces, and the name ends it.
    end = run.end()
    start = end - len(name)
    if possessive:  # "X's": the possessive is not part of the name
        end -= 2
    return start, end, key, addressed


def _run_names(run_text: str, vocab: Vocabulary
               ) -> tuple[tuple[str, ...], bool, tuple[str, bool, tuple[str, ...]] | None] | None:
    """A run's words after its context (title words, possessive, form of address), whether
    a form of address or title head came right before them, and ``_checked_name`` of
    them; None when nothing follows the context."""
    parts = run_text.split(" ")
    context = vocab.context_words
    if _bare(parts[-1]) in context:
        return None  # "Supreme Court", "Foreign Minister": nothing after the context
    title_words = vocab.title_words
    cut = 0
    addressed = False  # a form of address or a title head right before the name
    last_index = len(parts) - 1
    for i, w in enumerate(parts):
        bare = _bare(w)
        # A possessive ends the context ("Kenya's Foreign Minister X"), unless it
        # is the name's own ("Sergey X's recommendation"). Title words are context
        # words; a hyphenated one ("Secretary-General") is a title by any part.
        if (bare in context or (i < last_index and w.endswith("'s"))
                or ("-" in bare and any(p in title_words for p in bare.split("-")))):
            cut = i + 1
            addressed = addressed or bare in vocab.honorifics
    if cut == len(parts):
        return None
    if cut and _bare(parts[cut - 1]) in vocab.heads:
        addressed = True
    names = tuple(parts[cut:])
    return names, addressed, _checked_name(names, vocab)


def _checked_name(names: tuple[str, ...], vocab: Vocabulary) -> tuple[str, bool, tuple[str, ...]] | None:
    """The name as written (words joined by spaces), whether it ends in a possessive,
    and its key (folded words without the possessive); None if a word is never part
    of a name or the name is implausible."""
    unnamed = vocab.unnamed
    if any(_bare(w) in unnamed for w in names):
        return None
    name = " ".join(names)
    last = names[-1]
    possessive = last.endswith("'s")
    if possessive:
        names = names[:-1] + (last[:-2],)
    key = tuple(map(fold_name, names))
    if len(key) > 4 or any(len(w) < 2 for w in key):
        return None
    return name, possessive, key


def _title(vocab: Vocabulary, title_words: list[str], affiliations: list[str], places: list[str],
           start: int, end: int) -> tuple[tuple[Any, ...], int, int] | None:
    """The fields of the title these words make (None without a head word) and its
    span ``[start, end)``."""
    key = (tuple(title_words), tuple(affiliations), tuple(places))
    fields = vocab.titles.get(key, UNSEEN)
    if fields is UNSEEN:
        fields = vocab.titles.keep(key, _title_fields(vocab, title_words, affiliations, places))
    if fields is None:
        return None
    return fields, start, end


def _placed(doc: Document, read: tuple[tuple[Any, ...], int, int] | None, base: int) -> Title | None:
    """The ``Title`` a memoised reading makes at offset ``base`` of ``doc``."""
    if read is None:
        return None
    fields, start, end = read
    head, distinguishing, qualifiers, affiliation_keys, place_keys, temporal, kinds, office = fields
    return Title(head, distinguishing, qualifiers, affiliation_keys, place_keys, temporal,
                 piece(doc, base + start, base + end), kinds, office)


def _title_fields(vocab: Vocabulary, title_words: list[str], affiliations: list[str], places: list[str]
                  ) -> tuple[Any, ...] | None:
    """A ``Title``'s fields but its span, in order, without the span; None if no head."""
    words = [_bare(w) for w in title_words]
    heads = [w for w in words if w in vocab.heads or w.rsplit("-", 1)[-1] in vocab.heads]
    if not heads:
        return None
    head = heads[-1]
    head = vocab.synonyms.get(head, head)
    parts = [p for w in words for p in w.split("-")]
    distinguishing = tuple(sorted({p for p in parts if p in vocab.distinguishing and p != head}))
    kinds = tuple(sorted({p for p in parts if p in vocab.kinds and p != head}))
    qualifiers = tuple(sorted({vocab.synonyms.get(p, p) for p in parts
                               if p in vocab.qualifiers and p != head} - set(distinguishing) - set(kinds)))
    temporal = any(p in vocab.temporal for p in parts)  # "former", "President-elect"
    return (head, distinguishing, qualifiers,
            tuple(sorted({affiliation_key(a, vocab) for a in affiliations})),
            tuple(sorted({affiliation_key(p, vocab) for p in places})), temporal, kinds,
            " ".join(w for w in title_words if _bare(w) not in vocab.ignorable))


def _spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the ``_WORD`` tokens of ``text`` (the same tokens as ``_WORD.findall``
    gives): looked up only once a title was found."""
    return [m.span() for m in _WORD.finditer(text)]


def _title_before(doc: Document, text: str, name_start: int, vocab: Vocabulary) -> Title | None:
    """Read "<affiliation> <title> [to <place>][,] [Mr.]" right before a name.

    The words read are the 70 characters before the name on its line; their reading
    is kept by their text (``_read_before``). The word right before the name is in
    them unless only blanks follow the line break, where no title can be read anyway."""
    window_start = max(0, name_start - 70)
    line_break = text.rfind("\n", window_start, name_start)
    if line_break != -1:
        window_start = line_break + 1
    window = text[window_start:name_start]
    read = vocab.before.get(window, UNSEEN)
    if read is UNSEEN:
        read = vocab.before.keep(window, _read_before(window, vocab))
    return _placed(doc, read, window_start)


def _read_before(window: str, vocab: Vocabulary) -> tuple[tuple[Any, ...], int, int] | None:
    """The title ending ``window`` (text right before a name), as ``_title`` gives it."""
    before = _previous_word(window, len(window))
    if not (before and (before == "," or before[:1].isupper() or _bare(before) in (
            # A whole plain lower-case word is the last token: a title only if it
            # is a title word or a form of address ("the", "by" need no tokenising).
            vocab.leads if before.isalpha() and len(before) < 29 else vocab.context_words))):
        return None
    tokens = _WORD.findall(window)
    i = len(tokens) - 1
    while i >= 0 and _bare(tokens[i]) in vocab.honorifics:
        i -= 1
    comma = i >= 0 and tokens[i] == ","
    if comma:
        i -= 1
    places: list[str] = []
    affiliations: list[str] = []
    j = i
    caps: list[str] = []
    while j >= 0 and _is_cap(tokens[j]) and not vocab.is_title_word(tokens[j]):
        caps.append(tokens[j])
        j -= 1
    if caps and j >= 0 and tokens[j].lower() in _ARTICLES:
        j -= 1
    if caps and j >= 1 and tokens[j].lower() in _PREPOSITIONS and vocab.is_title_word(tokens[j - 1]):
        (affiliations if tokens[j].lower() == "of" else places).extend(caps)
        i = j - 1
    last = i  # the title's last token
    words: list[str] = []
    while i >= 0 and not tokens[i].endswith("."):
        word = tokens[i]
        if vocab.is_title_word(word):
            words.append(word)
        elif not (word == "of" and words and i > 0 and _bare(tokens[i - 1]) in vocab.heads):
            break  # "of" stays inside "Secretary of State", "Minister of Foreign Affairs"
        i -= 1
    if not words:
        return None
    first = i + 1
    # An affiliation glued to the title ("IEA-Foreign Minister"), then the words before.
    glued = words[-1].rsplit("-", 1)
    if len(glued) == 2 and _bare(glued[0]) not in vocab.title_words:
        affiliations.append(glued[0])
    taken = 0
    while i >= 0 and taken < 2 and tokens[i] not in ",;:()\"" and not tokens[i].endswith("."):
        w = tokens[i]
        if w.endswith("'s") or (_is_cap(w) and _bare(w) not in vocab.not_names):
            affiliations.append(w)
            first = i
            taken += 1
            i -= 1
        else:
            break
    words.reverse()
    spans = _spans(window)
    return _title(vocab, words, affiliations, places, spans[first][0], spans[last][1])


def _title_after(doc: Document, text: str, name_end: int, vocab: Vocabulary) -> Title | None:
    """Read an appositive ", [the] <affiliation> <title> [to|of <place>]," after a name.

    Each step stops at a ",", ";" or ")" token (none is a title, capitalised or a
    possessive), so only the words up to the first one after the opening comma are
    tokenised, not the whole 120-character window."""
    stop = min(len(text), name_end + 120)
    line_break = text.find("\n", name_end, stop)
    if line_break != -1:
        stop = line_break
    close = _CLOSE.search(text, name_end + 1, stop)
    window = text[name_end:close.end() if close else stop]
    read = vocab.after.get(window, UNSEEN)
    if read is UNSEEN:
        read = vocab.after.keep(window, _read_after(window, vocab))
    return _placed(doc, read, name_end)


def _read_after(window: str, vocab: Vocabulary) -> tuple[tuple[Any, ...], int, int] | None:
    """The title of an appositive opening ``window`` (text right after a name), as
    ``_title`` gives it."""
    tokens = _WORD.findall(window)
    size = len(tokens)
    if not size or tokens[0] != ",":
        return None
    i = 1
    if i < size and tokens[i].lower() in _ARTICLES:
        i += 1
    affiliations: list[str] = []
    while i < size and not vocab.is_title_word(tokens[i]) and (
            tokens[i].endswith("'s") or (_is_cap(tokens[i]) and _bare(tokens[i]) not in vocab.not_names)):
        affiliations.append(tokens[i])
        i += 1
    if i >= size or len(affiliations) > 2:
        return None
    first = i
    words: list[str] = []
    while i < size and vocab.is_title_word(tokens[i]):
        words.append(tokens[i])
        if tokens[i].endswith("."):
            break
        i += 1
    if not words:
        return None
    last = first + len(words) - 1
    places: list[str] = []
    if i + 1 < size and tokens[i].lower() in _PREPOSITIONS:
        k = i + 1
        if k < size and tokens[k].lower() in _ARTICLES:
            k += 1
        caps = []
        while k < size and _is_cap(tokens[k]):
            caps.append(tokens[k])
            k += 1
        if caps:
            (affiliations if tokens[i].lower() == "of" else places).extend(caps)
            last = k - 1
            i = k
    if i < size and tokens[i] not in (",", ";", ")") and not words[-1].endswith("."):
        return None
    spans = _spans(window)
    return _title(vocab, words, affiliations, places, spans[first][0], spans[last][1])
