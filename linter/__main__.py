"""Allow ``python -m linter`` as a synonym for the ``contentlint`` command."""
from linter.cli import main

main()
