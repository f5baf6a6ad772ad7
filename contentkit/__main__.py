"""`python -m contentkit`."""

from contentkit.cli import main

main()
