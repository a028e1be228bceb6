"""Currency names written as words ("17,002 lira", "3 billion rupees"): which currency?

Most currency words name several currencies: "lira" is Turkish or Lebanese, "pounds" are
sterling, Egyptian or a weight, "pesos" belong to a dozen countries, "dollars" to twenty.
Extraction (``linter.quantities``) only marks such a figure as money with an unknown
currency; a check that needs the ISO code asks ``resolve``, which picks it from the
article's own cues (a country, its capital, the currency's full name). Exactly one
candidate must be named in the article, otherwise the answer is "" and the check stays
silent: a wrong guess would turn a correct conversion into a false alarm.

Words that name one currency only (euros, yen, yuan, zloty...) are mapped directly in
``UNAMBIGUOUS``. Only lower-case spellings are read ("rand", "won"), so "a 2019 Rand
study" or "Labour won" is never money.
"""
from __future__ import annotations

import functools
import re

from linter.document import Document

#: Word -> ISO code, for words that name a single currency in current news copy.
UNAMBIGUOUS: dict[str, str] = {
    "euro": "EUR", "euros": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "zloty": "PLN", "zlotys": "PLN", "naira": "NGN", "ringgit": "MYR",
    "baht": "THB", "rupiah": "IDR", "forint": "HUF", "forints": "HUF", "hryvnia": "UAH",
    "hryvnias": "UAH", "shekels": "ILS", "shekel": "ILS",
    "pounds sterling": "GBP", "us dollars": "USD", "US dollars": "USD",
    "U.S. dollars": "USD", "u.s. dollars": "USD",
}

#: Word forms that need a cue -> the candidate currencies, each with the cues that name it
#: (matched as whole words in the lower-cased article).
AMBIGUOUS: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {
    ("lira", "liras", "lire"): {
        "TRY": ("turkey", "turkish", "turkiye", "türkiye", "ankara", "istanbul", "erdogan", "erdoğan"),
        "LBP": ("lebanon", "lebanese", "beirut"),
        "SYP": ("syria", "syrian", "damascus"),
        "ITL": ("italy", "italian", "rome", "milan"),
    },
    ("pound", "pounds"): {
        "GBP": ("britain", "british", "uk", "u.k.", "united kingdom", "england", "english", "scotland",
                "scottish", "wales", "welsh", "london", "sterling", "bank of england"),
        "EGP": ("egypt", "egyptian", "cairo"),
        "LBP": ("lebanon", "lebanese", "beirut"),
        "SYP": ("syria", "syrian", "damascus"),
        "SDG": ("sudan", "sudanese", "khartoum"),
    },
    ("rupee", "rupees"): {
        "INR": ("india", "indian", "new delhi", "delhi", "mumbai", "reserve bank of india"),
        "PKR": ("pakistan", "pakistani", "islamabad", "karachi", "lahore"),
        "LKR": ("sri lanka", "sri lankan", "colombo"),
        "NPR": ("nepal", "nepali", "nepalese", "kathmandu"),
        "MUR": ("mauritius", "mauritian"),
    },
    ("shilling", "shillings"): {
        "KES": ("kenya", "kenyan", "nairobi", "mombasa"),
        "UGX": ("uganda", "ugandan", "kampala"),
        "TZS": ("tanzania", "tanzanian", "dar es salaam", "dodoma"),
        "SOS": ("somalia", "somali", "mogadishu"),
        "GBP": ("pre-decimal",),
    },
    ("peso", "pesos"): {
        "MXN": ("mexico", "mexican"),
        "ARS": ("argentina", "argentine", "argentinian", "buenos aires"),
        "CLP": ("chile", "chilean", "santiago"),
        "COP": ("colombia", "colombian", "bogota", "bogotá"),
        "PHP": ("philippines", "philippine", "filipino", "manila"),
        "UYU": ("uruguay", "uruguayan", "montevideo"),
        "DOP": ("dominican",),
        "CUP": ("cuba", "cuban", "havana"),
    },
    ("dinar", "dinars"): {
        "KWD": ("kuwait", "kuwaiti"), "BHD": ("bahrain", "bahraini"), "JOD": ("jordan", "jordanian", "amman"),
        "IQD": ("iraq", "iraqi", "baghdad"), "DZD": ("algeria", "algerian", "algiers"),
        "TND": ("tunisia", "tunisian", "tunis"), "LYD": ("libya", "libyan", "tripoli"),
        "RSD": ("serbia", "serbian", "belgrade"),
    },
    ("dirham", "dirhams"): {
        "AED": ("uae", "u.a.e.", "emirates", "emirati", "dubai", "abu dhabi", "sharjah"),
        "MAD": ("morocco", "moroccan", "rabat", "casablanca"),
    },
    ("riyal", "riyals", "rial", "rials"): {
        "SAR": ("saudi", "riyadh", "jeddah"), "QAR": ("qatar", "qatari", "doha"),
        "OMR": ("oman", "omani", "muscat"), "IRR": ("iran", "iranian", "tehran"),
        "YER": ("yemen", "yemeni", "sanaa"),
    },
    ("won",): {
        "KRW": ("south korea", "south korean", "seoul"),
        "KPW": ("north korea", "north korean", "pyongyang"),
    },
    ("rand",): {
        "ZAR": ("south africa", "south african", "johannesburg", "pretoria", "cape town"),
    },
    ("dollar", "dollars"): {
        "USD": ("united states", "u.s.", "america", "american", "washington", "federal reserve"),
        "AUD": ("australia", "australian"), "CAD": ("canada", "canadian"),
        "NZD": ("new zealand",), "SGD": ("singapore",), "HKD": ("hong kong",),
        "TWD": ("taiwan",), "ZWL": ("zimbabwe",), "JMD": ("jamaica",), "NAD": ("namibia",),
        "LRD": ("liberia",), "FJD": ("fiji",),
    },
    ("franc", "francs"): {
        "CHF": ("switzerland", "swiss", "zurich", "geneva", "bern"),
        "XOF": ("senegal", "ivory coast", "cote d'ivoire", "mali", "burkina", "niger", "benin", "togo"),
        "XAF": ("cameroon", "gabon", "chad", "congo", "central african"),
        "FRF": ("france", "french", "paris"), "BEF": ("belgium", "belgian"),
    },
    ("krona", "kronor"): {"SEK": ("sweden", "swedish", "stockholm"), "ISK": ("iceland", "icelandic")},
    ("krone", "kroner"): {"NOK": ("norway", "norwegian", "oslo"), "DKK": ("denmark", "danish", "copenhagen")},
}

#: Adjectives that settle an ambiguous word where they precede it ("3 billion Indian
#: rupees", "25 billion Kenyan shillings"), written as copy capitalises them.
ADJECTIVES: dict[str, tuple[str, ...]] = {
    "TRY": ("Turkish",), "LBP": ("Lebanese",), "SYP": ("Syrian",), "EGP": ("Egyptian",),
    "GBP": ("British",), "SDG": ("Sudanese",), "INR": ("Indian",), "PKR": ("Pakistani",),
    "LKR": ("Sri Lankan",), "NPR": ("Nepali", "Nepalese"), "MUR": ("Mauritian",), "KES": ("Kenyan",),
    "UGX": ("Ugandan",), "TZS": ("Tanzanian",), "SOS": ("Somali",), "MXN": ("Mexican",),
    "ARS": ("Argentine", "Argentinian"), "CLP": ("Chilean",), "COP": ("Colombian",),
    "PHP": ("Philippine",), "UYU": ("Uruguayan",), "DOP": ("Dominican",), "CUP": ("Cuban",),
    "KWD": ("Kuwaiti",), "BHD": ("Bahraini",), "JOD": ("Jordanian",), "IQD": ("Iraqi",),
    "DZD": ("Algerian",), "TND": ("Tunisian",), "LYD": ("Libyan",), "RSD": ("Serbian",),
    "AED": ("UAE", "Emirati"), "MAD": ("Moroccan",), "SAR": ("Saudi",), "QAR": ("Qatari",),
    "OMR": ("Omani",), "IRR": ("Iranian",), "YER": ("Yemeni",), "KRW": ("South Korean",),
    "KPW": ("North Korean",), "ZAR": ("South African",), "USD": ("US", "U.S.", "American"),
    "AUD": ("Australian",), "CAD": ("Canadian",), "NZD": ("New Zealand",), "SGD": ("Singapore",),
    "HKD": ("Hong Kong",), "TWD": ("Taiwan", "New Taiwan"), "ZWL": ("Zimbabwean", "Zimbabwe"),
    "JMD": ("Jamaican",), "NAD": ("Namibian",), "LRD": ("Liberian",), "FJD": ("Fijian",),
    "CHF": ("Swiss",), "FRF": ("French",), "BEF": ("Belgian",), "SEK": ("Swedish",),
    "ISK": ("Icelandic",), "NOK": ("Norwegian",), "DKK": ("Danish",), "ITL": ("Italian",),
}

UNAMBIGUOUS.update({
    f"{adjective} {form}": code
    for forms, codes in AMBIGUOUS.items() for code in codes for adjective in ADJECTIVES.get(code, ())
    for form in forms
})

#: Every word form extraction reads as money (unambiguous or not), for its alternation.
FORMS: tuple[str, ...] = (*UNAMBIGUOUS, *(form for forms in AMBIGUOUS for form in forms))


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(r"(?<![\w.])(?:" + body + r")(?![\w])")


@functools.cache
def _candidates() -> dict[str, dict[str, re.Pattern[str]]]:
    """Word form -> {candidate code: pattern of its cues}, compiled on first use: few
    articles name an ambiguous currency, and some fifty patterns would slow every start."""
    out: dict[str, dict[str, re.Pattern[str]]] = {}
    for forms, codes in AMBIGUOUS.items():
        compiled = {code: _cue_pattern(cues) for code, cues in codes.items()}
        out.update(dict.fromkeys(forms, compiled))
    return out


_CODES_LOWER = {word.lower(): code for word, code in UNAMBIGUOUS.items()}


def code_of(word: str) -> str:
    """The ISO code of an unambiguous currency word, "" otherwise."""
    return _CODES_LOWER.get(word.lower(), "")


#: Words that are also units of weight: money only with a scale ("40 million pounds") or
#: when the article writes sterling elsewhere, never "a 20-pound lobster ($300)".
WEIGHTS = frozenset({"pound", "pounds"})
_SCALED = re.compile(r"\b(?:thousand|million|billion|trillion|mn|bn|m|k)\b", re.I)
_STERLING = re.compile(r"£|\bsterling\b|\bgbp\b")


def resolve(doc: Document, word: str, figure: str = "") -> str:
    """The currency ``word`` (of the figure ``figure``) means in ``doc``: the only
    candidate the article names, or ""."""
    word = word.lower()
    direct = code_of(word)
    if direct:
        return direct
    candidates = _candidates().get(word)
    if not candidates:
        return ""
    if word in WEIGHTS and not _SCALED.search(figure) and not _STERLING.search(doc.norm):
        return ""
    cache = doc.cache.setdefault("currency_words", {})
    if word not in cache:
        named = [code for code, cues in candidates.items() if cues.search(doc.norm)]
        cache[word] = named[0] if len(named) == 1 else ""
    return cache[word]
