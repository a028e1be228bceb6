"""Benchmark contentlint on a reproducible corpus, against proselint when installed.

Why a generated corpus: real archives are large and private, and a benchmark has to be
re-run by anyone on any machine. The corpus recombines the paragraphs of ``seeds/``
with news paragraphs generated from templates (names, numbers, dates, quotes, units
drawn from a seeded RNG), so every article is distinct (no cache can help a cold run)
yet the same N always gives the same bytes. About a third of the articles are Markdown
with front matter, so the Markdown path is measured too.

Timings are wall-clock for the whole command (start-up included), as a user sees them:

- ``cold``: ``contentlint check`` with the cache off (``--no-cache``, when it exists);
- ``warm``: the same command again over an unchanged corpus, cache on; it lasts a few
  tenths of a second, so one sample is mostly scheduler noise: it runs ``WARM_RUNS``
  times and the table shows the median run (the line above it, the range);
- ``jobs1``: cold with ``--jobs 1`` (when ``--jobs`` exists), the single-core speed;
- ``proselint``: ``proselint check`` on the same files, when proselint is installed.

Usage::

    python bench/benchmark.py                  # 2,000 articles
    python bench/benchmark.py --articles 50000 --skip-proselint
    python bench/benchmark.py --quick          # 300 articles, one pass each
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Timed warm runs (the median is reported); an odd number, so the median is a run.
WARM_RUNS = 5
SEEDS = ROOT / "seeds"
OUT = ROOT / "bench" / "out"
#: Bump when the generator changes, so a stale corpus on disk is rebuilt.
GENERATOR_VERSION = 2
TARGET_WORDS = 850

FIRST = ("Maria", "James", "Aisha", "Tomasz", "Elena", "David", "Nadia", "Kofi", "Ingrid", "Rahul",
         "Sofia", "Daniel", "Leila", "Pavel", "Grace", "Hiroshi", "Fatima", "Lucas", "Amara", "Oskar")
LAST = ("Okafor", "Lindqvist", "Moreau", "Castillo", "Brennan", "Novak", "Haddad", "Tanaka",
        "Whitfield", "Petrov", "Alvarez", "Kowalski", "Mensah", "Fischer", "Rossi", "Dubois")
TITLES = ("the finance minister", "the city's mayor", "a spokesperson for the agency",
          "the company's chief executive", "an analyst at a regional bank", "the health minister",
          "a senior researcher at the institute", "the union's general secretary")
PLACES = ("the northern province", "the capital", "the coastal region", "the river valley",
          "the eastern suburbs", "the border district", "the industrial port", "the island")
ORGS = ("the central bank", "the statistics office", "the transport authority", "the water utility",
        "the national railway", "the electoral commission", "the port authority", "the energy regulator")
TOPICS = ("inflation", "housing costs", "flood defences", "rail fares", "hospital waiting times",
          "grain exports", "wage talks", "school funding", "fuel prices", "bus services")
UNITS = (("kilometres", "km"), ("miles", "mi"), ("tonnes", "t"), ("hectares", "ha"), ("litres", "l"))
CURRENCIES = ("$", "€", "£", "¥")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

TEMPLATES = (
    "{org_cap} said on {weekday} that {topic} rose by {pct}% in {month}, the {ordinal} increase in a row, "
    "and warned that the figure for {place} could reach {pct2}% by the end of {year}.",
    "\u201c{quote_a}\u201d said {name}, {title}. \u201c{quote_b}\u201d",
    "According to {org}, about {count:,} people in {place} were affected, up from {count2:,} a year "
    "earlier, while spending on {topic} reached {cur}{money} million.",
    "{name} told reporters in {place} that the plan would cost {cur}{money} million over {years} years "
    "and cover {dist} {unit} of new track, roughly {dist_short} {unit_short} more than first proposed.",
    "The decision, announced on {month} {day}, {year}, follows {months} months of talks between {org} "
    "and local officials, who said {topic} had become \u201cthe most pressing issue\u201d for residents.",
    "Critics, including {name2}, {title2}, argued that the {pct}% target was unrealistic and that "
    "{org} had underestimated the cost by as much as {cur}{money2} million.",
    "Figures published on {weekday} showed {count:,} new applications in {month}, compared with "
    "{count2:,} in the same month of {prev_year}, a change of {pct}%.",
    "In a statement, {org} said it expected {topic} to stabilise within {years} years, although "
    "{name} cautioned that \u201c{quote_a}\u201d",
)
# Quotes are assembled from parts (about 5,000 combinations), so articles rarely repeat
# one verbatim, as in a real archive.
QUOTE_OPEN = ("We have", "Nobody has", "The government has", "Our members have", "Residents have",
              "The board has", "Every family here has", "The regulator has")
QUOTE_CORE = ("done everything we can with the money we were given", "waited long enough for a decision",
              "seen the numbers move far faster than expected", "asked for a clear answer for months",
              "made the case for fairness again and again", "followed the evidence wherever it led",
              "been told the measures are working", "paid the price for years of delay")
QUOTE_CLOSE = ("and we will keep going.", "and that has to change.", "but it is too early to judge.",
               "and the next few months will be decisive.", "and I am confident the figures will improve.",
               "but there is still a great deal of work to do.", "and we owe people the truth.",
               "and nobody should pretend otherwise.")
QUOTE_SHORT = ("We owe residents a clear answer.", "The next few months will be decisive.",
               "I am confident the figures will improve.", "There is still a great deal of work to do.",
               "This is a matter of basic fairness.", "It is too early to say whether it is working.")


def quote(rng: random.Random) -> str:
    return f"{rng.choice(QUOTE_OPEN)} {rng.choice(QUOTE_CORE)}, {rng.choice(QUOTE_CLOSE)}"


ORDINALS = ("second", "third", "fourth", "fifth", "sixth")


@dataclass
class Measure:
    """One timed command: wall seconds, peak resident memory, exit code."""

    name: str
    seconds: float
    peak_mib: float | None
    returncode: int
    #: CPU seconds of the command and its workers: unlike wall time, not inflated by
    #: other programs competing for the cores.
    cpu_seconds: float = 0.0

    def rate(self, articles: int) -> float:
        return articles / self.seconds if self.seconds > 0 else float("inf")


# ----- corpus ---------------------------------------------------------------------------
def seed_paragraphs() -> list[str]:
    """The seeds' paragraphs of at least a few words (headlines and bylines are too short)."""
    paragraphs: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line.split()) >= 12:
                paragraphs.append(line.strip())
    return paragraphs


def generated_paragraph(rng: random.Random) -> str:
    """Two or three template sentences with fresh names, numbers and dates."""
    sentences = []
    for _ in range(rng.randint(2, 3)):
        year = rng.randint(2019, 2026)
        unit, unit_short = rng.choice(UNITS)
        org = rng.choice(ORGS)
        values = {
            "org": org, "org_cap": org[0].upper() + org[1:], "topic": rng.choice(TOPICS),
            "place": rng.choice(PLACES), "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "name2": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "title": rng.choice(TITLES),
            "title2": rng.choice(TITLES), "pct": round(rng.uniform(0.5, 30), 1),
            "pct2": round(rng.uniform(0.5, 30), 1), "month": rng.choice(MONTHS),
            "weekday": rng.choice(WEEKDAYS), "ordinal": rng.choice(ORDINALS), "year": year,
            "prev_year": year - 1, "day": rng.randint(1, 28), "months": rng.randint(2, 18),
            "years": rng.randint(2, 15), "count": rng.randint(1_000, 900_000),
            "count2": rng.randint(1_000, 900_000), "cur": rng.choice(CURRENCIES),
            "money": rng.randint(5, 950), "money2": rng.randint(5, 950),
            "dist": rng.randint(10, 400), "unit": unit, "dist_short": rng.randint(2, 40),
            "unit_short": unit_short, "quote_a": quote(rng), "quote_b": rng.choice(QUOTE_SHORT),
        }
        sentences.append(rng.choice(TEMPLATES).format(**values))
    return " ".join(sentences)


_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")


def vary_numbers(text: str, rng: random.Random) -> str:
    """Shift the numbers in a seed paragraph so recombined articles differ in detail."""
    def shift(m: re.Match[str]) -> str:
        raw = m.group()
        if rng.random() < 0.5 or "," in raw or "." in raw:
            return raw
        value = int(raw)
        return str(max(0, value + rng.randint(-3, 3))) if value < 1900 or value > 2100 else raw
    return _NUMBER.sub(shift, text)


def article(index: int, pool: list[str]) -> tuple[str, str]:
    """The ``index``-th article of the corpus: (file name, text)."""
    rng = random.Random(f"contentlint-bench-{index}")
    title = f"{rng.choice(ORGS)[4:].title()} Under Pressure Over {rng.choice(TOPICS).title()}"
    paragraphs: list[str] = []
    words = 0
    while words < TARGET_WORDS:
        if pool and rng.random() < 0.5:
            para = vary_numbers(rng.choice(pool), rng)
        else:
            para = generated_paragraph(rng)
        paragraphs.append(para)
        words += len(para.split())
    markdown = index % 3 == 2
    if not markdown:
        dateline = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2020, 2026)}"
        return f"{index:06d}.txt", "\n\n".join([title, dateline, *paragraphs]) + "\n"
    date = f"{rng.randint(2020, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    body = []
    for i, para in enumerate(paragraphs):
        if i and i % 5 == 0:
            body.append(f"## {rng.choice(TOPICS).capitalize()}")
        if i % 4 == 1:
            words_ = para.split(" ")
            k = rng.randrange(max(1, len(words_) - 2))
            words_[k] = f"[{words_[k]}](https://example.org/{index}/{i})"
            para = " ".join(words_)
        if i % 6 == 3:
            para = "> " + para
        body.append(para)
    front = f"---\ntitle: \"{title}\"\ndate: {date}\nauthor: {rng.choice(FIRST)} {rng.choice(LAST)}\n---\n"
    return f"{index:06d}.md", front + f"\n# {title}\n\n" + "\n\n".join(body) + "\n"


def build_corpus(count: int, folder: Path) -> Path:
    """Write ``count`` articles under ``folder`` (reused when already complete)."""
    corpus = folder / f"corpus-{count}"
    stamp = corpus / ".complete"
    expected = f"v{GENERATOR_VERSION} {count} {_seed_digest()}"
    if stamp.is_file() and stamp.read_text() == expected:
        return corpus
    if corpus.exists():
        shutil.rmtree(corpus)
    pool = seed_paragraphs()
    seen: set[str] = set()
    for index in range(count):
        name, text = article(index, pool)
        digest = hashlib.sha1(text.encode()).hexdigest()
        if digest in seen:  # never happens with this generator; guards a future edit
            raise SystemExit(f"article {index} duplicates an earlier one")
        seen.add(digest)
        # Spread over sub-folders as archives are; keeps directories small at 50,000.
        sub = corpus / f"{index // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / name).write_text(text, encoding="utf-8")
    stamp.write_text(expected)
    return corpus


def _seed_digest() -> str:
    h = hashlib.sha1()
    for path in sorted(SEEDS.glob("*.txt")):
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


# ----- measuring ------------------------------------------------------------------------
def run_timed(name: str, cmd: list[str], cwd: Path, env: dict[str, str]) -> Measure:
    """Run ``cmd``, returning wall time and the peak memory of its whole process tree.

    With psutil we sample the summed RSS of the process and its children (pool workers
    count); without it we fall back to the largest single process (``ru_maxrss``),
    measured in a fresh wrapper process so earlier runs do not leak into the figure.
    """
    try:
        import psutil  # optional: only for measuring
    except ImportError:
        psutil = None
    started = time.perf_counter()
    cpu_before = _children_cpu()
    if psutil is None:
        wrapper = ("import resource,subprocess,sys;"
                   "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL).returncode;"
                   "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);sys.exit(r)")
        done = subprocess.run([sys.executable, "-c", wrapper, *cmd], cwd=cwd, env=env,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
        kib = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
        peak = int(kib) / 1024 if kib.isdigit() else None
        return Measure(name, seconds, peak, done.returncode, _children_cpu() - cpu_before)
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_bytes = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_bytes
        try:
            parent = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            total = 0
            try:
                total = parent.memory_info().rss
                for child in parent.children(recursive=True):
                    try:
                        total += child.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak_bytes = max(peak_bytes, total)
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = proc.wait()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    return Measure(name, seconds, peak_bytes / 2**20 if peak_bytes else None, code,
                   _children_cpu() - cpu_before)


def _children_cpu() -> float:
    """User + system seconds of every finished child process (and their children)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def check_help() -> str:
    done = subprocess.run([sys.executable, "-m", "linter", "check", "--help"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    return done.stdout


def contentlint_cmd(corpus: Path, extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "linter", "check", str(corpus), "--no-config", "--format", "json",
            "--output", os.devnull, "--fail-on", "never", *extra]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):  # a busy machine slows every run: say so next to the numbers
        load = ", load average {:.1f}".format(os.getloadavg()[0])
    return (f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}{load}")


def proselint_cmd() -> list[str] | None:
    exe = shutil.which("proselint") or (str(Path(sys.executable).parent / "proselint")
                                       if (Path(sys.executable).parent / "proselint").exists() else None)
    return [exe] if exe else None


# ----- main -----------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=None, help="corpus size (default 2000, 300 with --quick)")
    parser.add_argument("--skip-proselint", action="store_true", help="do not time proselint")
    parser.add_argument("--quick", action="store_true", help="small corpus, no --jobs 1 run")
    parser.add_argument("--out", type=Path, default=OUT, help="where the corpus is written (default bench/out)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON")
    args = parser.parse_args(argv)
    count = args.articles or (300 if args.quick else 2000)
    if count < 1:
        parser.error("--articles must be at least 1")

    print(f"machine: {machine()}", flush=True)
    t0 = time.perf_counter()
    corpus = build_corpus(count, args.out)
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file() and p.name != ".complete")
    print(f"corpus: {count} articles, {size / 2**20:.1f} MiB in {corpus} ({time.perf_counter() - t0:.1f} s to build)",
          flush=True)

    help_text = check_help()
    has_cache_flag = "--no-cache" in help_text
    has_jobs = "--jobs" in help_text
    # The checkout's linter, even though runs start in the output folder.
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    # An installed package has its bytecode compiled; a checkout with
    # PYTHONDONTWRITEBYTECODE set would recompile every module in every timed run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Runs start in the output folder, so a cache kept in the working folder lands there.
    shutil.rmtree(args.out / ".contentlint_cache", ignore_errors=True)

    results: list[Measure] = []

    def timed(name: str, cmd: list[str], keep: bool = True, runs: int = 1) -> None:
        # Each run prints as it ends: a 50,000-article run takes a while.
        samples = sorted((run_timed(name, cmd, args.out, env) for _ in range(runs)), key=lambda m: m.seconds)
        # A failed run is what is reported, whatever its time.
        m = next((x for x in samples if x.returncode not in (0, 1)), samples[len(samples) // 2])
        spread = f" (median of {runs}: {samples[0].seconds:.2f}-{samples[-1].seconds:.2f} s)" if runs > 1 else ""
        print(f"  {name}: {m.seconds:.2f} s, {m.rate(count):.0f} articles/s, CPU {m.cpu_seconds:.2f} s{spread}",
              flush=True)
        if keep:
            results.append(m)

    cold_extra = ["--no-cache"] if has_cache_flag else []
    # Untimed: one small run writes the bytecode (and any per-install data), as the
    # first run after ``pip install`` would.
    subprocess.run(contentlint_cmd(SEEDS, cold_extra), cwd=args.out, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timed("cold", contentlint_cmd(corpus, cold_extra))
    if has_cache_flag:
        timed("fill cache", contentlint_cmd(corpus, []), keep=False)
        timed("warm", contentlint_cmd(corpus, []), runs=WARM_RUNS)
    if has_jobs and not args.quick:
        timed("jobs1", contentlint_cmd(corpus, cold_extra + ["--jobs", "1"]))
    prose = None if args.skip_proselint else proselint_cmd()
    if prose:
        timed("proselint", [*prose, "check", str(corpus)])
    elif not args.skip_proselint:
        print("proselint: not installed (pip install proselint), not timed")

    base = next((m for m in results if m.name == "proselint"), None)
    print(f"{'run':<10} {'seconds':>9} {'articles/s':>11} {'peak MiB':>9} {'vs proselint':>13} "
          f"{'CPU s':>8} {'CPU ms/article':>15}")
    for m in results:
        ratio = f"{m.rate(count) / base.rate(count):.1f}x" if base else "-"
        peak = f"{m.peak_mib:.0f}" if m.peak_mib is not None else "?"
        print(f"{m.name:<10} {m.seconds:>9.2f} {m.rate(count):>11.0f} {peak:>9} {ratio:>13} "
              f"{m.cpu_seconds:>8.2f} {m.cpu_seconds / count * 1000:>15.2f}")
    failed = [m.name for m in results if m.name != "proselint" and m.returncode not in (0, 1)]
    if not has_cache_flag:
        print("note: this contentlint has no --no-cache; only a cold run was timed")
    if not has_jobs:
        print("note: this contentlint has no --jobs; no single-core run was timed")
    if args.json:
        args.json.write_text(json.dumps({
            "machine": machine(), "articles": count,
            "runs": [{"name": m.name, "seconds": round(m.seconds, 3), "articles_per_second": round(m.rate(count), 1),
                      "peak_mib": round(m.peak_mib, 1) if m.peak_mib is not None else None,
                      "cpu_seconds": round(m.cpu_seconds, 3), "returncode": m.returncode} for m in results],
        }, indent=2))
    if failed:
        print(f"error: contentlint failed in: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
