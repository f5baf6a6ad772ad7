"""`contentkit lint`: what readers (and screen readers) meet in a post, checked on the post as `export`
writes it and each finding mapped back to the draft's line and column. See docs/LINT.md."""
