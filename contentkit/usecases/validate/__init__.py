"""`contentkit validate`: rules -> Diagnostic(path, line, col, code, severity, message); output formats.

A file that cannot be read (encoding, front matter, YAML) gets one CK1xx diagnostic and no more: there
is nothing left to check. Every other rule runs on every readable file and reports all it finds.

The package, one job per module (the codes themselves are contentkit/base/codes.py's, on the ground floor:
the readers below validate raise them too):

- diagnostics.py  Diagnostic, Report and the message helpers every rule uses
- workspace.py    the repo as the rules see it (Workspace), one file as a rule sees it (FileCheck)
- seeds.py        the seed rules, SEED_RULES
- drafts.py       the draft rules, DRAFT_RULES
- run.py          choose the files, read each once, run the rules table over it: check()
- output.py       text, json and GitHub annotation output: FORMATS

Adding a rule is one function in seeds.py or drafts.py, one entry in its rules tuple, one row in
contentkit/base/codes.py's CODES and a section in docs/RULES.md (a test holds the page to the table).

Nothing here imports markdown-it unless a seed's body names a hooks or angles heading, nor Jinja:
pre-commit runs this on every commit.
"""
