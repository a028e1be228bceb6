"""Reproducible corpora of distinct news articles for the workflow tests (cache, pool,
baseline): template paragraphs with varied people, places and figures, a few seed
paragraphs, and now and then the kind of defect editors leave behind, so every
detector has something to say and cross-article checks have overlaps to compare."""
from __future__ import annotations

import random
from pathlib import Path

from conftest import SEEDS

PEOPLE = [
    ("Maria Lopez", "the city's housing commissioner"), ("Daniel Okafor", "a spokesman for the port authority"),
    ("Priya Raman", "the hospital's chief executive"), ("Tomasz Nowak", "the regional transport minister"),
    ("Aiko Tanaka", "an economist at the central bank"), ("Samuel Brooks", "the county sheriff"),
    ("Leila Haddad", "the head of the teachers' union"), ("Jonas Berg", "the mayor"),
]
PLACES = ["Riverton", "Port Ellis", "Northgate", "Calder Falls", "Westbrook", "Lake Marin", "Dunmore", "Halvard"]
TOPICS = [
    ("a new flood barrier", "construction"), ("the bus network", "service cuts"), ("the school budget", "layoffs"),
    ("rent controls", "a council vote"), ("the hospital merger", "waiting times"), ("a wind farm", "planning approval"),
]
DEFECTS = [
    "Officials called it a very unique opportunity for the region.",
    "Click here to subscribe to our newsletter for more local news.",
    "Please disable your ad blocker to continue reading this article.",
    "The plan, which costs $4.5 million, was later described as costing $45 million in the same briefing.",
    "\u201cWe will not back down,\u201d the statement said, without naming who had written it.",
]


def _seed_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for seed in sorted(SEEDS.glob("*.txt")):
        paragraphs += [p.strip() for p in seed.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 120]
    return paragraphs


def article(index: int, seed_paragraphs: list[str] | None = None) -> str:
    """Article ``index``: the same text for the same index, different for different ones."""
    rng = random.Random(f"contentlint-workflow-{index}")
    name, role = rng.choice(PEOPLE)
    other, other_role = rng.choice([p for p in PEOPLE if p[0] != name])
    place = rng.choice(PLACES)
    topic, issue = rng.choice(TOPICS)
    amount = rng.randint(2, 90)
    share = rng.randint(5, 60)
    year = rng.choice([2023, 2024, 2025])
    paragraphs = [
        f"{place} council approves {topic} after months of debate",
        f"{place.upper()} - The council in {place} voted on Tuesday to go ahead with {topic}, "
        f"ending a dispute over {issue} that had divided residents since {year}. The decision "
        f"commits about ${amount} million over the next five years, according to budget papers.",
        f"\u201cThis is the most important decision we have taken in a decade,\u201d said {name}, {role}, "
        f"speaking to reporters after the vote. \u201cPeople have waited long enough.\u201d",
        f"{other}, {other_role}, said the council had underestimated the cost. Roughly {share} percent "
        f"of the money is still unfunded, {other.split()[-1]} said, and a further vote is expected in the spring.",
        f"Residents who spoke at a public meeting last week were split. Some welcomed {topic}; others "
        f"said {issue} would fall hardest on families in the older districts of {place}.",
    ]
    pool = seed_paragraphs if seed_paragraphs is not None else _seed_paragraphs()
    if pool and rng.random() < 0.5:
        paragraphs.insert(rng.randint(2, len(paragraphs)), rng.choice(pool))
    if rng.random() < 0.6:
        paragraphs.insert(rng.randint(2, len(paragraphs)), rng.choice(DEFECTS))
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    """Write ``count`` distinct articles (alternately .txt and .md) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = _seed_paragraphs()
    paths = []
    for index in range(start, start + count):
        path = folder / f"article-{index:04d}.{'md' if index % 2 else 'txt'}"
        path.write_text(article(index, pool), encoding="utf-8")
        paths.append(path)
    return paths
