"""Post metrics: the snapshot file (record), importing analytics exports (importers), the published
posts they belong to (posts), and what the figures say (stats, plot).

Nothing here is imported by `validate`: the pre-commit path never pays for it.
"""
