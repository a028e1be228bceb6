"""The language category: articles in an unexpected language, untranslated passages,
and the detected language in the JSON report - deterministic, and silent on English."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, lint_json, run_cli
from linter.config import Settings
from linter.engine import Linter

CLEAN = sorted((ROOT / "tests" / "fixtures" / "translation").glob("clean_*.txt"))

FRENCH = """Le gouvernement annonce une réforme des retraites

Le gouvernement a annoncé mardi une nouvelle réforme des retraites, qui doit être examinée par le Parlement au printemps. Selon le ministre du Travail, le texte prévoit un relèvement progressif de l'âge légal de départ.

Les syndicats ont dénoncé un projet injuste et appelé à une journée de mobilisation dans toute la France la semaine prochaine.
"""

MIXED = """Minister hails progress in talks with Paris

The foreign minister said on Tuesday that talks with his French counterpart had been useful and that both sides wanted a deal on visas before the summer.

« Nous avons fait de grands progrès sur la question des visas et du commerce, et nous allons continuer à travailler ensemble », a déclaré le ministre français à la presse.

The two men also discussed energy and security. Officials said a follow-up meeting would take place in Brussels next month. Der Minister sagte, dass die Gespräche sehr gut verlaufen seien und man bald eine Einigung erwarte. Both governments are under pressure at home.

Правительство заявило, что переговоры продолжатся в следующем месяце в Брюсселе, и стороны надеются на соглашение.

Attendees included Jean-Pierre Dupont, María José García, Hans-Dieter Müller, Giovanni Rossi and Ole Gunnar Solskjær.

The minister praised the "joie de vivre" of the host city and its raison d'être as a trading hub. The Bundestag and the Assemblée nationale will both vote on the deal, he said, before the Fête de la Musique in June.

The meeting ended with a joint press conference, where the ministers answered questions from French and British reporters about migration, trade and the war in Ukraine.
"""


def findings(report: dict, rule: str) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] == rule]


def test_an_article_in_another_language_is_flagged(article) -> None:
    report = lint_json("--no-cache", "--select", "language", str(article(FRENCH, "retraites.txt")))
    (hit,) = findings(report, "language.unexpected-language")
    assert hit["level"] == "warning"
    assert "French" in hit["message"]
    assert report["files"][0]["language"] == "fr"


def test_configured_languages_accept_it(article, tmp_path: Path) -> None:
    path = article(FRENCH, "retraites.txt")
    report = lint_json("--no-cache", "--select", "language", "--language", "en,fr", str(path))
    assert report["findings"] == []
    (tmp_path / ".contentlint.yaml").write_text("language: [en, fr]\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", "--fail-on", "never", "--no-cache",
                     "--select", "language", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["findings"] == []
    settings = Settings(select=["language"], languages=["en", "fr"])
    assert Linter(settings).lint_text(FRENCH, "retraites.txt").findings == []


def test_untranslated_passages_are_flagged_but_names_and_terms_are_not(article) -> None:
    report = lint_json("--no-cache", "--select", "language", str(article(MIXED, "talks.txt")))
    passages = findings(report, "language.untranslated-passage")
    starts = {f["match"][:20]: f for f in passages}
    assert set(starts) == {"« Nous avons fait de", "Der Minister sagte, ", "Правительство заявил"}
    assert "French" in starts["« Nous avons fait de"]["message"]
    assert "German" in starts["Der Minister sagte, "]["message"]
    assert "Russian" in starts["Правительство заявил"]["message"]
    # The German sentence is reported alone, not the English paragraph around it.
    assert starts["Der Minister sagte, "]["match"].endswith("Einigung erwarte.")
    assert report["files"][0]["language"] == "en"
    assert findings(report, "language.unexpected-language") == []


CHINESE = """俄罗斯正式承认塔利班政府

俄罗斯外交部周四表示，已接受阿富汗新任大使的国书，成为第一个正式承认塔利班政权的国家。分析人士认为，此举将推动两国在能源、交通和农业领域的合作。
"""


def test_a_chinese_article_is_detected_and_flagged(article) -> None:
    report = lint_json("--no-cache", "--select", "language", str(article(CHINESE, "zh.txt")))
    assert report["files"][0]["language"] == "zh"
    (hit,) = findings(report, "language.unexpected-language")
    assert "Chinese" in hit["message"]


def test_markdown_code_is_not_prose_but_a_quoted_passage_is(article) -> None:
    text = ("# Talks resume in Geneva\n\nThe talks resumed on Monday after a two-week pause, officials said.\n\n"
            "```\nder die das und ist nicht mit dem den von zu auf für des eine ein auch sich wird\n```\n\n"
            "> « Nous avons fait de grands progrès sur la question des visas et du commerce », a déclaré le ministre.\n\n"
            "Negotiators said they hoped for a deal by the end of the month.\n")
    report = lint_json("--no-cache", "--select", "language", str(article(text, "geneva.md")))
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [("language.untranslated-passage", 9)]


def test_results_are_deterministic(article) -> None:
    path = str(article(MIXED, "talks.txt"))
    first = lint_json("--no-cache", "--select", "language", path)
    second = lint_json("--no-cache", "--select", "language", path)
    assert first["findings"] == second["findings"]


def test_the_front_matter_language_is_kept(article) -> None:
    text = "---\nlanguage: de\n---\n" + MIXED
    report = lint_json("--no-cache", "--select", "language", str(article(text, "talks.md")))
    assert report["files"][0]["language"] == "de"


@pytest.mark.parametrize("path", [*CLEAN, *sorted(SEEDS.glob("*.txt"))], ids=lambda p: p.stem)
def test_english_news_is_silent_and_reported_as_english(path: Path) -> None:
    report = lint_json("--no-cache", "--select", "language", str(path))
    assert report["findings"] == []
    assert report["files"][0]["language"] == "en"


def test_a_short_article_is_not_judged(article) -> None:
    report = lint_json("--no-cache", "--select", "language", str(article("Le ministre a parlé.\n", "bref.txt")))
    assert findings(report, "language.unexpected-language") == []


def test_a_bad_language_rule_is_a_one_line_error(tmp_path: Path) -> None:
    pack = tmp_path / "langs.yaml"
    pack.write_text("""rules:
  - id: house.language
    category: language
    level: warning
    type: language
    message: "{language}"
    scope: planet
""", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Text.\n", encoding="utf-8")
    result = run_cli("check", "--no-config", "--no-cache", "--rules", str(pack), str(story))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{pack}:7:" in result.stderr and "'scope' must be one of article, passage" in result.stderr


def test_letters_lowered_into_latin_are_all_listed() -> None:
    """``_latin_only`` finds letters past Latin script in ``norm`` past Latin-1,
    except these, which it looks for in ``prose``."""
    import sys

    from linter.detectors.language import LOWERED_INTO_LATIN
    from linter.normalize import normalize
    from linter.stopwords import NON_LATIN_LETTER

    found = [c for c in map(chr, range(0x250, sys.maxunicode + 1))
             if NON_LATIN_LETTER.match(c) and not NON_LATIN_LETTER.match(normalize(c))]
    assert "".join(found) == LOWERED_INTO_LATIN


def test_the_foreign_words_found_include_every_word_of_every_passage() -> None:
    import random

    from linter import stopwords
    from linter.document import Document

    rng = random.Random(5)
    vocabulary = sorted(stopwords._LANGUAGES_OF) + ["Der", "LOS", "\u00dcber", "x", "1", "caf\u00e9"]
    marks = [" ", " ", "  ", "\n", ",", ".", "-", "\u2014", "\u2013", "\u201c", "\u00ab", "\u2026", "\u00b7",
             "'", "\u2019", "\u00a0", "\u2009", "\u200b", "\u2000", "\x85", "\u20ac", "?", "(", "/", "_"]
    for _ in range(300):
        text = "".join(rng.choice(vocabulary) + rng.choice(marks) for _ in range(rng.randint(1, 40)))
        doc = Document.from_text(text, "x.txt")
        raw = doc.norm.encode("latin-1", "replace")
        for home in stopwords.STOPWORDS:
            found = stopwords.foreign_words(raw, home)
            for start, end in doc.sentences + doc.paragraphs:
                for word in stopwords.words(doc.prose[start:end]):
                    for lang in stopwords._LANGUAGES_OF.get(word, ()):
                        if lang != home:  # at least as many in the span
                            inside = [i for i in found.get(lang, ()) if start <= i < end]
                            wanted = sum(lang in stopwords._LANGUAGES_OF.get(w, ())
                                         for w in stopwords.words(doc.prose[start:end]))
                            assert len(inside) >= wanted, (repr(text), lang)


def test_latin_only_is_what_a_scan_for_other_letters_says() -> None:
    import random

    from linter.detectors.language import _latin_only
    from linter.document import Document
    from linter.stopwords import NON_LATIN_LETTER

    rng = random.Random(9)
    pieces = ["the", " ", "\n", "caf\u00e9", "\u20ac5", "\u2026", "?", "\u201cq\u201d", "\u0391\u03b8", "\u041c",
              "\u5317", "\u212a", "\u1e9e", "\u0250", "\u2167", "\u0130", "\u2009", "\u00c5"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        doc = Document.from_text(text, "x.txt")
        assert _latin_only(doc) == (NON_LATIN_LETTER.search(doc.prose) is None), repr(text)
