"""The repo on disk: its config (and the writer's own vocabulary in it), the seed and draft file lists
and references, the catalog of index rows, links between seeds and drafts, queries over the rows, the
full-text index, and the cache (`cache/`, handed in by the CLI; nothing below the CLI imports it).
"""
