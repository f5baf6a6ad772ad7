"""`contentkit serve`: a read-only local web app over the repo (Starlette + uvicorn + watchfiles).

Imported only by the serve command: the optional extra `serve` holds its dependencies, and nothing on
the pre-commit path (`contentkit validate`) imports this package.
"""
