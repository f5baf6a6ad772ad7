"""The ASGI app: GET routes only, every page read fresh from the files, live reload over SSE."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from contentkit.errors import ContentkitError
from contentkit.repo import Repo
from contentkit.serve import pages

LIVE_JS = 'new EventSource("/events").onmessage = function () { location.reload(); };\n'


def make_app(repo: Repo, stopping: Callable[[], bool] = lambda: False) -> Starlette:
    """The app over `repo`. Once `stopping()` is true the open event streams end (a clean shutdown)."""

    def not_found() -> Response:
        return PlainTextResponse("not found", status_code=404)

    def page(render: object) -> Response:
        try:
            return HTMLResponse(render() if callable(render) else str(render))
        except ContentkitError as exc:
            return PlainTextResponse(f"contentkit: error: {exc.located()}", status_code=422)

    async def dashboard(request: Request) -> Response:
        return page(lambda: pages.dashboard(repo, request.query_params.get("week", "")))

    async def calendar(request: Request) -> Response:
        try:
            data = pages.calendar(repo)
        except ContentkitError as exc:
            return PlainTextResponse(f"contentkit: error: {exc.located()}", status_code=422)
        return Response(data, media_type="text/calendar; charset=utf-8")

    async def seed(request: Request) -> Response:
        path = pages.known(repo, request.path_params["path"], "seed")
        return not_found() if path is None else page(lambda: pages.seed_page(repo, path))

    async def draft(request: Request) -> Response:
        path = pages.known(repo, request.path_params["path"], "draft")
        return not_found() if path is None else page(lambda: pages.draft_page(repo, path))

    async def live(request: Request) -> Response:
        return Response(LIVE_JS, media_type="text/javascript")

    async def events(request: Request) -> Response:
        return StreamingResponse(
            _changes(repo, stopping), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
        )

    routes = [
        Route("/", dashboard, methods=["GET"]),
        Route("/calendar.ics", calendar, methods=["GET"]),
        Route("/seed/{path:path}", seed, methods=["GET"]),
        Route("/draft/{path:path}", draft, methods=["GET"]),
        Route("/live.js", live, methods=["GET"]),
        Route("/events", events, methods=["GET"]),
    ]
    return Starlette(routes=routes)


async def _changes(repo: Repo, stopping: Callable[[], bool]) -> AsyncIterator[str]:
    """One SSE message per batch of changes to a seed or draft; a comment first, so the stream opens."""
    from watchfiles import awatch

    yield ": watching\n\n"
    folders = [str(repo.root / f) for f in (repo.config.seeds_dir, repo.config.drafts_dir)]
    watched = [f for f in folders if os.path.isdir(f)] or [str(repo.root)]
    async for changes in awatch(*watched, debounce=100, step=50, rust_timeout=200, yield_on_timeout=True):
        if stopping():
            return
        if any(path.endswith(".md") for _, path in changes):
            yield "data: changed\n\n"
