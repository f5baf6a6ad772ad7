"""The ASGI app: GET routes only, every page read fresh from the files, live reload over SSE.

Only requests naming the server by its bound loopback name and port are answered (a page elsewhere
cannot read the repo through DNS rebinding); one file watcher serves every live-reload stream, and
the streams are capped. Nothing is written: the pages are read without the cache.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, MutableMapping
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from contentkit.base.errors import ContentkitError, flag
from contentkit.serve import pages
from contentkit.store.repo import Repo

LIVE_JS = 'new EventSource("/events").onmessage = function () { location.reload(); };\n'
MAX_STREAMS = 32  # open live-reload streams; one more is answered 503
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]


def allowed_hosts(address: str, port: int) -> frozenset[str] | None:
    """The Host values a request may carry for a server bound to `address`:`port` (lower case);
    None (any) only for a wildcard address, which the writer asked for and was warned about."""
    if address in ("0.0.0.0", "::", ""):
        return None
    names = {"127.0.0.1": ("127.0.0.1", "localhost"), "::1": ("[::1]", "localhost"),
             "localhost": ("localhost", "127.0.0.1", "[::1]")}
    shown = f"[{address}]" if ":" in address else address
    return frozenset(f"{name}:{port}".lower() for name in names.get(address.lower(), (shown,)))


def trusted_host(app: ASGI, hosts: Collection[str] | None) -> ASGI:
    """Refuse (400) an HTTP request whose Host header is not one of `hosts`, port included."""

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if hosts is None or scope["type"] != "http":
            return await app(scope, receive, send)
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1").lower()
        if host in hosts:
            return await app(scope, receive, send)
        return await PlainTextResponse("invalid Host header", status_code=400)(scope, receive, send)

    return guarded


class Watcher:
    """One file watcher per server, shared by every live-reload stream: each stream is a queue that
    gets one message per batch of changes to a seed or draft. It runs while a stream is open."""

    def __init__(self, repo: Repo, stopping: Callable[[], bool], limit: int = MAX_STREAMS) -> None:
        self.repo, self.stopping, self.limit = repo, stopping, limit
        self.queues: set[asyncio.Queue[str]] = set()
        self.task: asyncio.Task[None] | None = None

    def open(self) -> asyncio.Queue[str] | None:
        """A new stream's queue; None when `limit` streams are open already."""
        if len(self.queues) >= self.limit:
            return None
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=1)
        self.queues.add(queue)
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._watch())
        return queue

    def close(self, queue: asyncio.Queue[str]) -> None:
        self.queues.discard(queue)

    async def _watch(self) -> None:
        from watchfiles import awatch

        repo = self.repo
        folders = [str(repo.root / f) for f in (repo.config.seeds_dir, repo.config.drafts_dir)]
        watched = [f for f in folders if os.path.isdir(f)] or [str(repo.root)]
        async for changes in awatch(*watched, debounce=100, step=50, rust_timeout=200, yield_on_timeout=True):
            if self.stopping() or not self.queues:
                return
            if any(path.endswith(".md") for _, path in changes):
                for queue in self.queues:
                    if queue.empty():
                        queue.put_nowait("changed")

    async def stream(self, queue: asyncio.Queue[str]) -> AsyncIterator[str]:
        """The SSE text of one stream: a comment first (so it opens), then `data:` per change."""
        try:
            yield ": watching\n\n"
            while not self.stopping():
                try:
                    await asyncio.wait_for(queue.get(), 0.5)
                except asyncio.TimeoutError:
                    continue
                yield "data: changed\n\n"
        finally:
            self.close(queue)


def make_app(
    repo: Repo, stopping: Callable[[], bool] = lambda: False, hosts: Collection[str] | None = None
) -> ASGI:
    """The app over `repo`, answering only requests whose Host is one of `hosts` (None: any). Once
    `stopping()` is true the open event streams end (a clean shutdown)."""
    repo = repo.with_store(None)  # serving writes nothing: no cache, no state folder
    watcher = Watcher(repo, stopping)

    def not_found() -> Response:
        return PlainTextResponse("not found", status_code=404)

    def page(render: object) -> Response:
        try:
            return HTMLResponse(render() if callable(render) else str(render))
        except ContentkitError as exc:
            return PlainTextResponse(f"contentkit: error: {exc.located(flag)}", status_code=422)

    async def dashboard(request: Request) -> Response:
        where = [w for w in request.query_params.getlist("where") if w.strip()]  # the empty box aside
        return page(lambda: pages.dashboard(repo, request.query_params.get("week", ""), where))

    async def calendar(request: Request) -> Response:
        try:
            data = pages.calendar(repo)
        except ContentkitError as exc:
            return PlainTextResponse(f"contentkit: error: {exc.located(flag)}", status_code=422)
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
        queue = watcher.open()
        if queue is None:
            return PlainTextResponse("too many live-reload streams are open", status_code=503)
        return StreamingResponse(
            watcher.stream(queue), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
        )

    routes = [
        Route("/", dashboard, methods=["GET"]),
        Route("/calendar.ics", calendar, methods=["GET"]),
        Route("/seed/{path:path}", seed, methods=["GET"]),
        Route("/draft/{path:path}", draft, methods=["GET"]),
        Route("/live.js", live, methods=["GET"]),
        Route("/events", events, methods=["GET"]),
    ]
    return trusted_host(Starlette(routes=routes), hosts)
