"""`contentkit serve`, loaded lazily (cli/__init__.py): the only importer of contentkit.serve."""

from __future__ import annotations

import errno
import socket
import threading

import click

from contentkit.base.errors import RefusedError, ServeError
from contentkit.cli.common import repo, warn

LOOPBACK = "127.0.0.1"


@click.command()
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="0: any free port."
)
@click.option("--host", help=f"Address to bind (default {LOOPBACK}; anything else is reachable by others).")
@click.option("--open", "open_browser", is_flag=True, help="Open the dashboard in the default browser.")
def serve(port: int, host: str | None, open_browser: bool) -> None:
    """Serve the repo read-only on http://127.0.0.1:PORT: a dashboard (the pipeline's counts, the
    week's calendar, what works, every seed with its drafts, the calendar feed at /calendar.ics),
    a page per seed and per draft (the feed preview). Open pages reload
    within about a second when a seed or draft changes on disk. GET only: nothing is ever written.
    Ctrl-C stops it. Needs the serve extra (every feature: the all extra).
    """
    from contentkit.base import extras

    for module in extras.EXTRAS["serve"]:
        extras.need("serve", "serve", module)
    import uvicorn

    from contentkit.serve.app import allowed_hosts, make_app

    target = repo()
    address = host or LOOPBACK
    if host is not None and host not in (LOOPBACK, "localhost", "::1"):
        warn([f"serving on {host}: anyone who can reach it can read this repo"])
    sock = _bind(address, port)
    url = f"http://{_shown(address)}:{sock.getsockname()[1]}/"
    servers: list[uvicorn.Server] = []
    hosts = allowed_hosts(address, sock.getsockname()[1])
    app = make_app(target, lambda: bool(servers) and servers[0].should_exit, hosts)
    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    servers.append(server)
    click.echo(f"serving {target.root.name} on {url} (Ctrl-C stops)")
    if open_browser:
        import webbrowser

        threading.Timer(0.5, webbrowser.open, (url,)).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    click.echo("stopped")


def _bind(address: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((address, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise RefusedError(f"port {port} is in use on {address}; choose another with --port") from None
        raise ServeError(f"cannot listen on {address}:{port}: {exc.strerror}") from None
    sock.listen(128)
    return sock


def _shown(address: str) -> str:
    return f"[{address}]" if ":" in address else address
