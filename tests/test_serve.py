"""`contentkit serve`: the real server as a subprocess on a free loopback port, fetched over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("watchfiles")

STEM = "2025-11-03__shipping-beats-polishing"
SEED = f"seeds/{STEM}.md"
DRAFT = f"drafts/linkedin/{STEM}.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(repo: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "contentkit", "-C", str(repo), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise AssertionError(proc.communicate()) from None
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("server did not start")


@pytest.fixture
def served(repo: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    draft = repo / DRAFT
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text(f"---\ntype: draft\nstatus: draft\nseed: {SEED}\nplatform: linkedin\n---\n\nHello feed.\n", encoding="utf-8")
    port = free_port()
    proc = start(repo, port)
    yield repo, f"http://127.0.0.1:{port}", proc
    if proc.poll() is None:
        proc.kill()
        proc.communicate()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def test_dashboard_seed_and_draft_pages(served: tuple[Path, str, subprocess.Popen[str]]) -> None:
    repo, base, _ = served
    status, page = get(base + "/")
    assert status == 200 and "ready to develop" in page and f"/seed/{SEED}" in page
    status, page = get(f"{base}/seed/{SEED}")
    assert status == 200 and "Hooks (--hook N)" in page and f"/draft/{DRAFT}" in page
    assert "<ol class=\"numbered\"><li>" in page
    extra = repo / SEED
    extra.write_text(extra.read_text(encoding="utf-8") + "\n## Sources\n\n- a <b>talk</b>\n", encoding="utf-8")
    status, page = get(f"{base}/seed/{SEED}")
    assert '<h2>Sources</h2><pre class="text">- a &lt;b&gt;talk&lt;/b&gt;' in page
    status, page = get(f"{base}/draft/{DRAFT}")
    assert status == 200 and "Hello feed." in page and 'src="/live.js"' in page


def test_the_dashboard_filters_by_where(served: tuple[Path, str, subprocess.Popen[str]]) -> None:
    _, base, _ = served
    query = urllib.parse.urlencode([("where", "source=conversation"), ("where", "created<2025-11-04"), ("where", "")])
    status, page = get(f"{base}/?{query}")
    assert status == 200 and f"/seed/{SEED}" in page and "code-review-as-teaching" not in page
    assert 'value="source=conversation"' in page
    status, page = get(f"{base}/?" + urllib.parse.urlencode({"where": "sorce=x"}))
    assert status == 422


def test_paths_outside_the_repo_are_404(served: tuple[Path, str, subprocess.Popen[str]], tmp_path: Path) -> None:
    repo, base, _ = served
    outside = tmp_path / "secret.md"
    outside.write_text("secret", encoding="utf-8")
    (repo / "seeds" / "link.md").symlink_to(outside)
    for path in (
        "/seed/../contentkit.toml", "/seed/..%2f..%2fsecret.md", "/seed/%2e%2e/%2e%2e/secret.md",
        "/seed/%252e%252e%252fsecret.md", "/seed/seeds/link.md", f"/seed/{outside}", "/seed//etc/passwd",
        "/draft/contentkit.toml", "/seed/" + DRAFT, "/draft/" + SEED, "/nothing",
    ):
        status, body = get(base + path)
        assert status == 404, path
        assert "secret" not in body


def test_no_route_writes(served: tuple[Path, str, subprocess.Popen[str]]) -> None:
    _, base, _ = served
    request = urllib.request.Request(f"{base}/draft/{DRAFT}", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 405


def test_a_changed_draft_reaches_an_open_event_stream(served: tuple[Path, str, subprocess.Popen[str]]) -> None:
    repo, base, _ = served
    lines: list[str] = []
    stream = urllib.request.urlopen(base + "/events", timeout=15)
    assert stream.readline().startswith(b": watching")

    def read() -> None:
        for raw in stream:
            lines.append(raw.decode())
            if raw.startswith(b"data:"):
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(0.5)
    (repo / DRAFT).write_text("---\nplatform: linkedin\n---\n\nChanged.\n", encoding="utf-8")
    reader.join(timeout=10)
    assert any(line.startswith("data: changed") for line in lines)
    stream.close()


def test_ctrl_c_stops_cleanly(served: tuple[Path, str, subprocess.Popen[str]]) -> None:
    _, base, proc = served
    stream = urllib.request.urlopen(base + "/events", timeout=15)  # an open stream must not block shutdown
    stream.readline()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert out.startswith("serving ") and out.endswith("stopped\n")


def test_a_port_in_use_is_one_line(repo: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        port = sock.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "contentkit", "-C", str(repo), "serve", "--port", str(port)],
            capture_output=True, text=True, timeout=30,
        )
    assert result.returncode == 1
    assert result.stderr == f"contentkit: error: port {port} is in use on 127.0.0.1; choose another with --port\n"


def test_validate_does_not_import_the_server_stack(repo: Path) -> None:
    code = (
        "import sys; from contentkit.cli import main; sys.argv=['contentkit','-C',sys.argv[1],'validate'];\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "bad=[m for m in ('starlette','uvicorn','watchfiles','anyio','contentkit.serve') if m in sys.modules]\n"
        "print('LOADED', bad)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(repo)], capture_output=True, text=True, timeout=60)
    assert "LOADED []" in result.stdout, result.stdout + result.stderr
