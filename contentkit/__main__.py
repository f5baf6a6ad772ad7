"""`python -m contentkit`."""

from contentkit.warm import main

main()
