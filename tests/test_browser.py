"""A real headless Chromium (Debian's `chromium`, driven by Playwright) over the preview and the dashboard.

Skipped when /usr/bin/chromium is missing, except under CI=true, where that is a failure (`make browser`
installs it). With CONTENTKIT_SCREENSHOTS=DIR the screenshots are saved there (`make screenshots`).
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import Run
from .test_serve import free_port, start

pytestmark = pytest.mark.slow  # a real headless Chromium

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
STEM = "2025-11-03__shipping-beats-polishing"
SEED = f"seeds/{STEM}.md"
DRAFT = f"drafts/linkedin/{STEM}.md"
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
# Resolved now: the CLI tests change the working directory.
SCREENSHOTS = Path(os.environ["CONTENTKIT_SCREENSHOTS"]).resolve() if os.environ.get("CONTENTKIT_SCREENSHOTS") else None

if not CHROMIUM.exists():
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but /usr/bin/chromium is missing: run `make browser`", pytrace=False)
    pytest.skip("no /usr/bin/chromium (install it with `make browser`)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
Image = pytest.importorskip("PIL.Image")
ImageStat = pytest.importorskip("PIL.ImageStat")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


def shot(page: Any, name: str, **kwargs: Any) -> Any:
    data = page.screenshot(**kwargs)
    if SCREENSHOTS is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / name).write_bytes(data)
    return Image.open(io.BytesIO(data)).convert("L")


def not_blank(image: Any) -> bool:
    return max(ImageStat.Stat(image).stddev) > 10


def developed(repo: Path, run: Run) -> None:
    assert run("develop", STEM).exit_code == 0


def test_the_preview_folds_at_both_widths_and_see_more_expands(repo: Path, run: Run, browser: Any) -> None:
    developed(repo, run)
    out = repo / "build" / "preview.html"
    assert run("preview", DRAFT, "--html", "-o", str(out)).exit_code == 0
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(out.as_uri())
    phone, desktop = page.locator(".device.phone"), page.locator(".device.desktop")
    assert round(phone.bounding_box()["width"]) == 360
    assert round(desktop.bounding_box()["width"]) == 555
    assert phone.bounding_box()["y"] == desktop.bounding_box()["y"]  # side by side
    for device in (phone, desktop):
        assert device.locator(".shown").first.is_visible()
        assert not device.locator(".rest").first.is_visible()
        assert device.locator(".see-more").first.is_visible()
    image = shot(page, "preview.png", full_page=False)
    assert not_blank(image)
    fold = phone.locator(".see-more").first
    assert not_blank(Image.open(io.BytesIO(fold.screenshot())).convert("L"))
    box = fold.bounding_box()
    assert 0 < box["y"] < 900  # the fold is on screen
    fold.click()
    assert phone.locator(".rest").first.is_visible()
    assert not phone.locator(".see-more").first.is_visible()
    assert not desktop.locator(".rest").first.is_visible()
    page.close()


def test_a_seed_that_injects_html_shows_it_as_text(repo: Path, run: Run, browser: Any) -> None:
    seed = repo / SEED
    text = seed.read_text(encoding="utf-8")
    title = next(line for line in text.split("\n") if line.startswith("# "))
    seed.write_text(text.replace(title, f"# {HOSTILE}"), encoding="utf-8")
    developed(repo, run)
    out = repo / "build" / "hostile.html"
    assert run("preview", DRAFT, "--html", "-o", str(out)).exit_code == 0
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(out.as_uri())
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    assert HOSTILE in page.locator("header h1").inner_text()
    page.close()


def test_the_served_dashboard_and_seed_page_render(repo: Path, run: Run, browser: Any) -> None:
    developed(repo, run)
    port = free_port()
    proc = start(repo, port)
    try:
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(f"http://127.0.0.1:{port}/")
        assert page.locator("h1").inner_text() == "Content dashboard"
        assert not_blank(shot(page, "dashboard.png", full_page=False))
        page.click(f"a[href='/seed/{SEED}']")
        assert "Hooks (--hook N)" in page.content()
        page.close()
    finally:
        proc.terminate()
        proc.communicate(timeout=20)



def test_an_open_draft_page_follows_the_file(repo: Path, run: Run, browser: Any) -> None:
    developed(repo, run)
    port = free_port()
    proc = start(repo, port)
    try:
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(f"http://127.0.0.1:{port}/draft/{DRAFT}")
        page.wait_for_timeout(500)  # the event stream opens
        (repo / DRAFT).write_text("---\nplatform: linkedin\n---\n\nRewritten on disk.\n", encoding="utf-8")
        sync_api.expect(page.locator(".device.phone .shown")).to_contain_text("Rewritten on disk.", timeout=5000)
        page.close()
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


@pytest.mark.parametrize("width", [390, 1280])
def test_each_screen_folds_where_its_profile_says(repo: Path, run: Run, browser: Any, width: int) -> None:
    developed(repo, run)
    words = " ".join(f"word{n}" for n in range(80))
    (repo / DRAFT).write_text(f"---\nplatform: linkedin\n---\n\nOne long opening paragraph: {words}.\n", encoding="utf-8")
    folds = json.loads(run("preview", DRAFT, "--json").stdout)["folds"]
    assert folds["phone"]["at"] < folds["desktop"]["at"]  # LinkedIn: ~140 on a phone, ~210 on a desktop
    out = repo / "build" / "folds.html"
    assert run("preview", DRAFT, "--html", "-o", str(out)).exit_code == 0
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(out.as_uri())
    for screen in ("phone", "desktop"):
        text = page.locator(f".device.{screen} .shown").first
        assert text.is_visible()
        assert " ".join(text.inner_text().split()) == " ".join(folds[screen]["shown"].split())
        assert page.locator(f".device.{screen} .see-more").first.is_visible()
    assert not_blank(shot(page, f"folds-{width}.png", full_page=True))
    page.close()
