"""The dashboard and the preview in a real headless Chromium at a phone's width (390 px) and a
desktop's (1280 px): nothing scrolls sideways, the pipeline counts, titles with platform badges, post
links, the week's calendar, the author from the config, the draft's state, an X thread drawn as one.

With CONTENTKIT_SCREENSHOTS=DIR the pages are saved there at both widths (`make screenshots`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from contentkit.platforms import posttext as post
from contentkit.store.config import DEFAULT_PLATFORMS

from .conftest import Run
from .test_browser import browser, not_blank, shot, sync_api  # noqa: F401  (the fixture, the helpers)
from .test_metrics_stats import measured  # noqa: F401  (the fixture: published posts with figures)
from .test_serve import free_port, start

pytestmark = pytest.mark.slow  # a real headless Chromium and served pages

STEM = "2025-11-03__shipping-beats-polishing"
OTHER = "2025-11-10__code-review-as-teaching"
LINKEDIN, X_DRAFT, PUBLISHED = f"drafts/linkedin/{STEM}.md", f"drafts/x/{STEM}.md", f"drafts/linkedin/{OTHER}.md"
POST_URL = "https://www.linkedin.com/posts/writer_code-review?a=1&b=2"
TITLE = "Shipping Beats Polishing: Why the First Version Should Embarrass You a Little"
WIDTHS = {"phone": 390, "desktop": 1280}
AUTHOR = '[author]\nname = "Ada Writer"\nheadline = "Product lead · writes about shipping small"\n'


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def week(repo: Path, run: Run) -> dict[str, Any]:
    """A writer's week: a LinkedIn post scheduled, its X thread still a draft, another post published,
    one seed not developed yet; the author named in the config."""
    (repo / "contentkit.toml").write_text(AUTHOR, encoding="utf-8")
    now = dt.datetime.now(dt.timezone.utc)
    at, went = now + dt.timedelta(hours=2), now - dt.timedelta(hours=2)
    for args in (
        ("develop", STEM), ("develop", STEM, "--platform", "x"), ("develop", OTHER),
        ("schedule", LINKEDIN, "--at", iso(at)),
        ("publish", PUBLISHED, "--url", POST_URL, "--date", iso(went)),
    ):
        assert run(*args).exit_code == 0, args
    return {"at": at.astimezone(), "went": went.astimezone()}


@pytest.fixture
def served(repo: Path, week: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    port = free_port()
    proc = start(repo, port)
    try:
        yield f"http://127.0.0.1:{port}", week
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def opened(browser: Any, url: str, width: int) -> Any:  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    return page


def no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide in a {width[1]} px window"
    clipped = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.scrollWidth > e.clientWidth + 1"
        " && getComputedStyle(e).overflowX !== 'visible').map(e => e.className)"
    )
    assert clipped == []


@pytest.mark.parametrize("device", WIDTHS)
def test_the_dashboard_reads_at_a_glance(served: tuple[str, dict[str, Any]], browser: Any, device: str) -> None:  # noqa: F811
    base, week = served
    page = opened(browser, f"{base}/?week={week['at'].date().isoformat()}", WIDTHS[device])
    no_sideways_scroll(page)
    stages = {s.get_attribute("data-stage"): s.inner_text() for s in page.locator(".stage").all()}
    assert stages["ready"].split("\n") == ["1 seed", "ready to develop"]
    assert stages["develop"].split("\n") == ["1 draft", "to schedule"]
    assert stages["week"].split("\n") == ["1 post", "scheduled this week"]
    assert stages["published"].split("\n") == ["1 post", "published"]
    day = page.locator(f".day[data-day='{week['at'].date().isoformat()}']")
    event = day.locator(".event.scheduled")
    assert event.locator("a").inner_text() == TITLE
    assert event.locator(".badge").inner_text() == "LinkedIn"
    assert event.locator(".time").inner_text() == f"{week['at']:%H:%M}"
    # every seed by its title, each draft a badge of its platform with its state: no file names
    seeds = page.locator("ul.seeds > li")
    titles = seeds.locator("a.title").all_inner_texts()
    assert TITLE in titles and not any(t.endswith(".md") for t in titles)
    badges = page.locator("ul.seeds .drafts .badge").all_inner_texts()
    assert sorted(badges) == ["LinkedIn", "LinkedIn", "X"]
    post = page.locator("ul.seeds a.post-link")
    assert post.count() == 1 and post.get_attribute("href") == POST_URL
    assert page.locator("a[href='/calendar.ics']").is_visible()
    shot(page, f"dashboard-{device}.png", full_page=True)
    page.goto(f"{base}/?week={week['went'].date().isoformat()}")
    published = page.locator(f".day[data-day='{week['went'].date().isoformat()}'] .event.published")
    assert published.locator("a.post-link").get_attribute("href") == POST_URL
    page.close()


def test_the_calendar_feed_link_serves_the_feed(served: tuple[str, dict[str, Any]], browser: Any) -> None:  # noqa: F811
    base, _ = served
    page = opened(browser, base + "/", 1280)
    response = page.request.get(base + page.locator("a[href='/calendar.ics']").get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"].startswith("text/calendar")
    assert response.text().count("BEGIN:VEVENT") == 2
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_the_preview_fits_a_phone_and_shows_the_author_and_state(
    repo: Path, run: Run, week: dict[str, Any], browser: Any, device: str  # noqa: F811
) -> None:
    out = repo / "build" / "preview.html"
    assert run("preview", LINKEDIN, "--html", "-o", str(out)).exit_code == 0
    page = opened(browser, out.as_uri(), WIDTHS[device])
    no_sideways_scroll(page)
    window = WIDTHS[device]
    for column in page.locator(".device").all():
        box = column.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= window
    if device == "desktop":
        assert round(page.locator(".device.phone").bounding_box()["width"]) == 360
        assert round(page.locator(".device.desktop").bounding_box()["width"]) == 555
    card = page.locator(".device.phone .post").first
    assert card.locator(".name").inner_text() == "Ada Writer"
    assert card.locator(".headline").inner_text() == "Product lead · writes about shipping small"
    assert card.locator(".avatar").inner_text() == "A"
    assert card.locator(".state").inner_text() == f"scheduled · {week['at']:%a} {week['at'].day} {week['at']:%b}, {week['at']:%H:%M}"
    shot(page, f"preview-{device}.png", full_page=device == "phone")
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_an_x_thread_is_one_connected_thread_with_no_first_comment(
    repo: Path, run: Run, week: dict[str, Any], browser: Any, device: str  # noqa: F811
) -> None:
    text = (repo / X_DRAFT).read_text(encoding="utf-8")
    assert "## First comment" in text
    count = len(post.thread_stats(text, DEFAULT_PLATFORMS["x"]))  # the posts export would give
    assert count > 2
    out = repo / "build" / "x.html"
    assert run("preview", X_DRAFT, "--html", "-o", str(out)).exit_code == 0
    page = opened(browser, out.as_uri(), WIDTHS[device])
    no_sideways_scroll(page)
    column = page.locator(".device.phone")
    posts = column.locator(".thread .post").all()
    assert len(posts) == count
    assert column.locator("[data-first-comment]").count() == 0
    assert "has no first comment" in page.locator(".checks").inner_text()
    boxes = [p.bounding_box() for p in posts]
    for n, (upper, lower) in enumerate(zip(boxes, boxes[1:], strict=False)):
        assert abs(upper["y"] + upper["height"] - lower["y"]) < 1  # no gap between the posts
        line = posts[n].locator(".thread-line").bounding_box()
        avatar, next_avatar = (posts[i].locator(".avatar").bounding_box() for i in (n, n + 1))
        assert line["y"] <= avatar["y"] + avatar["height"] + 1 and line["y"] + line["height"] >= next_avatar["y"] - 1
        assert avatar["x"] <= line["x"] <= avatar["x"] + avatar["width"]
    assert posts[-1].locator(".thread-line").count() == 0
    assert column.locator(".state").first.inner_text() == "draft"
    assert re.fullmatch(rf"X · draft · 1/{count}", column.locator(".author small").first.inner_text())
    shot(page, f"preview-x-{device}.png", full_page=device == "phone")
    page.close()


@pytest.mark.parametrize("device", WIDTHS)
def test_what_works_and_a_seed_page_fit_a_phone(measured: Path, browser: Any, device: str) -> None:  # noqa: F811
    for seed in (measured / "seeds").glob("*.md"):  # a section of its own with a long unbroken line
        with seed.open("a", encoding="utf-8") as file:
            file.write("\n## Sources\n\n- https://example.com/" + "a-very-long-path-" * 12 + "\n")
    port = free_port()
    proc = start(measured, port)
    try:
        page = opened(browser, f"http://127.0.0.1:{port}/", WIDTHS[device])
        no_sideways_scroll(page)
        bar = page.locator(".works .bars tr").first
        value = bar.locator(".value")
        assert re.fullmatch(r"[0-9]+\.[0-9]%", value.inner_text())
        inside = bar.locator("td.bar").bounding_box()
        shown = value.bounding_box()
        assert inside["x"] <= shown["x"] and shown["x"] + shown["width"] <= inside["x"] + inside["width"] + 1
        page.locator(".works").screenshot()  # rendered, not blank
        shot(page, f"dashboard-works-{device}.png", full_page=False)
        page.click("ul.seeds a.title >> nth=0")
        page.wait_for_load_state()
        no_sideways_scroll(page)
        page.close()
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
