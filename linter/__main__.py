"""Allow ``python -m linter`` as a synonym for the ``contentlint`` command."""
from linter.launch import main

main()
