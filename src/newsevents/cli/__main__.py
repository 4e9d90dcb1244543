"""`python -m newsevents.cli`: the same as the `newsevents` command."""

from .app import main

main()
