"""Which articles a change touched, for ``--changed-since REV`` (PR gates, local hooks).

"Changed since REV" compares REV with the working tree, so it covers commits after REV
plus edits not yet committed, and adds untracked files that git does not ignore: a new
article is as changed as an edited one. Deleted files are left out (nothing to lint).
A range such as ``origin/main...HEAD`` is passed to ``git diff`` as is.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from linter.discovery import display_path
from linter.errors import ConfigError


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                              errors="surrogateescape", check=False)
    except FileNotFoundError:
        raise ConfigError("--changed-since needs git, and git was not found") from None
    if done.returncode != 0:
        detail = (done.stderr.strip().splitlines() or [f"git {args[0]} failed"])[0]
        raise ConfigError(f"--changed-since: {detail}")
    return done.stdout


def changed_files(rev: str, cwd: Path | None = None) -> set[str]:
    """Paths (as file discovery shows them) added, copied or modified since ``rev``."""
    if not rev or rev.startswith("-"):
        raise ConfigError(f"--changed-since needs a git revision, not '{rev}'")
    folder = cwd or Path.cwd()
    top = Path(_git(["rev-parse", "--show-toplevel"], folder).strip())
    names = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMT", rev, "--"], folder).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z"], folder).split("\0")
    return {display_path(top / name) for name in names if name}
