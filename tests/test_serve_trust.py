"""`contentkit serve` answers only its writer: the real server on a free loopback port, raw HTTP.

A page elsewhere can make a foreign name resolve to 127.0.0.1 (DNS rebinding): only the bound name and
port are served. One file watcher serves every live-reload stream, the streams are capped, and
serving writes nothing."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_serve import DRAFT, SEED, free_port, get, start

pytest.importorskip("starlette")

HELD = 32  # contentkit/serve/app.py MAX_STREAMS


def raw(port: int, path: str, host: str) -> tuple[int, bytes, socket.socket]:
    """A GET with this exact Host header; the status, what was read so far, and the open socket."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data, sock


@pytest.fixture
def server(repo: Path) -> Iterator[tuple[Path, int, int]]:
    draft = repo / DRAFT
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text(f"---\ntype: draft\nstatus: draft\nseed: {SEED}\nplatform: linkedin\n---\n\nHello feed.\n",
                     encoding="utf-8")
    port = free_port()
    proc = start(repo, port)
    yield repo, port, proc.pid
    proc.kill()
    _out, err = proc.communicate()
    assert "Traceback" not in err, err


def test_a_foreign_host_is_refused(server: tuple[Path, int, int]) -> None:
    _repo, port, _pid = server
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1", "127.0.0.1:1", f"127.0.0.2:{port}", ""):
        for path in ("/", f"/seed/{SEED}", f"/draft/{DRAFT}", "/events"):
            status, data, sock = raw(port, path, host)
            sock.close()
            assert status == 400, (host, path, data)
            assert b"Hello feed" not in data
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        status, _data, sock = raw(port, f"/draft/{DRAFT}", host)
        sock.close()
        assert status == 200, host


def inotify_instances(pid: int) -> int:
    fds = Path(f"/proc/{pid}/fd")
    return sum(1 for fd in fds.iterdir() if os.readlink(fd) == "anon_inode:inotify")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts inotify instances in /proc")
def test_live_reload_streams_share_one_watcher_and_are_capped(server: tuple[Path, int, int]) -> None:
    repo, port, pid = server
    opened = [raw(port, "/events", f"127.0.0.1:{port}") for _ in range(HELD + 10)]
    statuses = [status for status, _data, _sock in opened]
    assert statuses.count(200) == HELD and statuses.count(503) == 10
    time.sleep(1)
    assert inotify_instances(pid) == 1
    for _status, _data, sock in opened:
        sock.close()
    time.sleep(1.5)  # the server notices the closed streams
    status, _data, sock = raw(port, "/events", f"127.0.0.1:{port}")
    assert status == 200  # the slots were given back
    sock.settimeout(10)
    time.sleep(0.5)
    (repo / DRAFT).write_text("---\nplatform: linkedin\n---\n\nChanged.\n", encoding="utf-8")
    seen = b""
    deadline = time.monotonic() + 10
    while b"data: changed" not in seen and time.monotonic() < deadline:
        seen += sock.recv(4096)
    sock.close()
    assert b"data: changed" in seen


def test_serving_writes_nothing(repo: Path) -> None:
    draft = repo / DRAFT
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text(f"---\ntype: draft\nstatus: published\nseed: {SEED}\nplatform: linkedin\n"
                     "published_url: https://www.linkedin.com/posts/a\n---\n\nHello.\n", encoding="utf-8")
    (repo / "metrics.csv").write_text(
        "draft,date,impressions,reactions,comments,reposts,members_reached,clicks,saves,source\n"
        f"{DRAFT},2025-11-06T00:00:00Z,100,5,1,0,,,,manual\n", encoding="utf-8")
    port = free_port()
    proc = start(repo, port)
    try:
        for path in ("/", f"/seed/{SEED}", f"/draft/{DRAFT}"):
            assert get(f"http://127.0.0.1:{port}{path}")[0] == 200, path
    finally:
        proc.kill()
        proc.communicate()
    assert not (repo / ".contentkit").exists()


def test_the_dashboard_lists_only_scheduled_drafts_as_upcoming(repo: Path) -> None:
    folder = repo / "drafts" / "linkedin"
    folder.mkdir(parents=True)
    for name, status in (("gone", "published"), ("soon", "scheduled")):
        (repo / "seeds" / f"2099-01-01__{name}.md").write_text(
            f"---\ntype: moment\ncategory: c\ncreated: '2099-01-01'\nsource: s\nplatform: linkedin\n"
            f"status: {status}\ndeveloped_to: drafts/linkedin/{name}.md\n---\n# {name}\n", encoding="utf-8")
        (folder / f"{name}.md").write_text(
            f"---\ntype: draft\nstatus: {status}\nplatform: linkedin\nseed: seeds/2099-01-01__{name}.md\n"
            f"scheduled_at: 2099-11-05T09:00:00Z\npublished_at: 2099-11-05T09:00:00Z\n---\n\nHello.\n",
            encoding="utf-8")
    port = free_port()
    proc = start(repo, port)
    try:
        _status, page = get(f"http://127.0.0.1:{port}/")
    finally:
        proc.kill()
        proc.communicate()
    later = page.split("<h2>Later</h2>", 1)[1].split("</ul>", 1)[0]  # scheduled past this week
    assert "soon.md" in later and "gone.md" not in later


def test_an_unknown_section_is_shown_once_and_never_in_the_title(repo: Path) -> None:
    seed = repo / SEED
    seed.write_text(seed.read_text(encoding="utf-8") + "\n## Sources\n\n- a <b>talk</b>\n", encoding="utf-8")
    port = free_port()
    proc = start(repo, port)
    try:
        _status, page = get(f"http://127.0.0.1:{port}/seed/{SEED}")
    finally:
        proc.kill()
        proc.communicate()
    assert page.count("<h2>Sources</h2>") == 1
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "Sources" not in title
