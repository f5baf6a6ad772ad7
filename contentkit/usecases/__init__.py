"""What a writer asks contentkit to do, one module (or package) each: develop, variants, publish,
schedule, split, adopt, init/new (scaffold), INDEX.md, validate, lint, metrics and stats, the calendar.
Each plans first (pure) and applies under the repo lock; none imports the CLI or the cache.
"""
