"""`export --format csv|typefully|buffer|postiz`: what schedulers import, checked against their documented
shapes (tests/fixtures/handoff/*.json name their sources) and read back with the csv and json modules."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentkit.base import dates
from contentkit.platforms.threads import SEPARATOR
from contentkit.usecases import handoff
from contentkit.usecases.metrics.record import unguarded

from .conftest import Run, snapshot

FIXTURES = Path(__file__).parent / "fixtures" / "handoff"
BUFFER = json.loads((FIXTURES / "buffer.json").read_text(encoding="utf-8"))
TYPEFULLY = json.loads((FIXTURES / "typefully.json").read_text(encoding="utf-8"))
POSTIZ = json.loads((FIXTURES / "postiz.json").read_text(encoding="utf-8"))

SEED = "seeds/2025-11-03__shipping-beats-polishing.md"
LINKEDIN = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"
X = "drafts/x/2025-11-03__shipping-beats-polishing.md"
REVIEW_X = "drafts/x/2025-11-10__code-review-as-teaching.md"
TITLE = "Shipping Beats Polishing: Why the First Version Should Embarrass You a Little"
X_POSTS = [
    "1/3 Ship it rough, then watch 🚢 — 出荷",
    "2/3 @team = what users do, not what we guess",
    "3/3 Done. #Shipping",
]
X_BODY = (
    "Ship it rough, then watch 🚢 — 出荷\n\n---\n\n@team = what users do, not what we guess\n\n---\n\n"
    "Done. #Shipping\n\n## First comment\n\nThe numbers: https://example.com/r\n"
)
LINKEDIN_BODY = "-10% churn after we shipped early.\n\nA line with \"quotes\", a comma and é.\n"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2026-03-01T12:00:00Z")


def _body(path: Path, body: str) -> None:
    head = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    path.write_text(head + "\n---\n\n" + body, encoding="utf-8")


@pytest.fixture
def planned(repo: Path, run: Run) -> Path:
    """Berlin time. Shipping for X: a 3-post thread with a first comment, scheduled in winter time;
    for LinkedIn: one post, not scheduled. Code review for X: one post, scheduled in summer time."""
    (repo / "contentkit.toml").write_text('timezone = "Europe/Berlin"\n', encoding="utf-8")
    for args in (("shipping",), ("shipping", "--platform", "x"), ("code-review", "--platform", "x")):
        assert run("develop", *args).exit_code == 0
    _body(repo / X, X_BODY)
    _body(repo / LINKEDIN, LINKEDIN_BODY)
    _body(repo / REVIEW_X, "Review to teach, not to gate.\n")
    assert run("schedule", X, "--at", "2026-03-05T08:30").exit_code == 0
    assert run("schedule", REVIEW_X, "--at", "2026-07-01T09:00").exit_code == 0
    return repo


def export(run: Run, *args: str) -> tuple[str, str]:
    result = run("export", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8"), result.stderr  # .stdout would turn CRLF into LF


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def bodies(text: str) -> list[dict[str, Any]]:
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def shape(value: Any) -> Any:
    """The structure of a JSON value: keys and types, lists by the shape of their first item."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    return type(value).__name__


# --- Buffer ---------------------------------------------------------------------------------------


def test_buffer_csv_has_the_documented_columns_and_local_posting_times(planned: Path, run: Run) -> None:
    out, err = export(run, "--format", "buffer", "--all")
    assert out.splitlines()[0].split(",") == BUFFER["columns"]
    found = rows(out)
    assert [r["Posting Time"] for r in found] == ["2026-03-05 08:30", "2026-07-01 09:00", ""]
    assert all(re.match(BUFFER["posting_time_pattern"], r["Posting Time"]) for r in found[:2])
    assert found[0]["Text"] == SEPARATOR.join(X_POSTS)  # a thread is one row: with a warning
    assert found[2]["Text"] == LINKEDIN_BODY.rstrip("\n")  # not guarded: Buffer would post the '
    assert {r["Image URL"] for r in found} == {""} and {r["Tags"] for r in found} == {""}
    assert f"{X}: a thread of 3 posts in one row" in err
    assert f"{X}: first comment left out (Buffer's CSV has no column" in err
    assert "The numbers" not in out


def test_buffer_reads_like_the_documented_example(planned: Path, run: Run) -> None:
    """Our file and the article's example parse the same way: same header, cells quoted the same."""
    example = list(csv.reader(io.StringIO(BUFFER["example_csv"], newline="")))
    ours = list(csv.reader(io.StringIO(export(run, "--format", "buffer", LINKEDIN)[0], newline="")))
    assert ours[0] == example[0] and {len(r) for r in ours} == {len(example[0])}


# --- Typefully ------------------------------------------------------------------------------------


def test_typefully_bodies_follow_the_draft_create_request_schema(planned: Path, run: Run) -> None:
    out, err = export(run, "--format", "typefully", "--all")
    found = bodies(out)
    assert [list(b["platforms"]) for b in found] == [["x"], ["x"], ["linkedin"]]
    for body in found:
        assert set(TYPEFULLY["request"]["required"]) <= set(body) <= set(TYPEFULLY["request"]["properties"])
        assert len(body["draft_title"]) <= TYPEFULLY["request"]["draft_title_max"]
        for name, platform in body["platforms"].items():
            assert name in TYPEFULLY["platforms"]
            assert set(TYPEFULLY["platform"]["required"]) <= set(platform) <= set(TYPEFULLY["platform"]["properties"])
            assert platform["enabled"] is True and 1 <= len(platform["posts"]) <= TYPEFULLY["platform"]["posts_max"]
            for one in platform["posts"]:
                assert set(one) <= set(TYPEFULLY["post"]["properties"]) and isinstance(one["text"], str)
    thread, review, linkedin = found
    assert [p["text"] for p in thread["platforms"]["x"]["posts"]] == X_POSTS
    assert thread["publish_at"] == "2026-03-05T07:30:00Z" and review["publish_at"] == "2026-07-01T07:00:00Z"
    assert "publish_at" not in linkedin  # no time: Typefully keeps it as a draft
    assert thread["draft_title"] == TITLE and thread["scratchpad_text"] == f"contentkit: {X}"
    assert f"{X}: first comment left out (Typefully" in err and "The numbers" not in out


def test_typefully_publish_at_is_iso_8601_with_its_zone_like_the_documented_examples(
    planned: Path, run: Run
) -> None:
    body = bodies(export(run, "--format", "typefully", X)[0])[0]
    for example in (*TYPEFULLY["publish_at_examples"], body["publish_at"]):
        moment = dt.datetime.fromisoformat(example.replace("Z", "+00:00"))
        assert moment.utcoffset() is not None  # "Timezone is required"
    assert shape(body)["platforms"] == shape(TYPEFULLY["example"])["platforms"]
    assert set(shape(TYPEFULLY["example"])) <= set(shape(body))


def test_typefully_refuses_a_platform_it_does_not_take(planned: Path, run: Run) -> None:
    custom = planned / "drafts" / "substack" / "note.md"
    custom.parent.mkdir(parents=True)
    custom.write_text("---\nplatform: substack\n---\n\nA note.\n", encoding="utf-8")
    (planned / "contentkit.toml").write_text("[platforms.substack]\nlimit = 300\n", encoding="utf-8")
    result = run("export", "--format", "typefully", "drafts/substack/note.md")
    assert result.exit_code == 1
    assert "drafts/substack/note.md: is for 'substack', which typefully is not known to take" in result.output


# --- Postiz ---------------------------------------------------------------------------------------


def test_postiz_thread_has_the_documented_shape_with_the_first_comment_last(planned: Path, run: Run) -> None:
    out, _ = export(run, "--format", "postiz", X, "--integration", "x=cm0abc123")
    body = bodies(out)[0]
    assert shape(body) == shape(POSTIZ["x_thread_example"])
    assert set(POSTIZ["required"]) <= set(body) and body["type"] in POSTIZ["types"]
    post = body["posts"][0]
    assert set(POSTIZ["post_required"]) <= set(post) and post["integration"] == {"id": "cm0abc123"}
    assert [v["content"] for v in post["value"]] == [*X_POSTS, "The numbers: https://example.com/r"]
    assert post["settings"] == POSTIZ["x_thread_example"]["posts"][0]["settings"]
    assert body["type"] == "schedule" and body["date"] == "2026-03-05T07:30:00Z"


def test_postiz_unscheduled_post_is_a_draft_dated_when_it_was_created(planned: Path, run: Run) -> None:
    body = bodies(export(run, "--format", "postiz", LINKEDIN)[0])[0]
    assert shape(body) == shape(POSTIZ["linkedin_example"])
    assert body["type"] == "draft"
    created = re.search(r'^created: "?([^"\n]+)', (planned / LINKEDIN).read_text(encoding="utf-8"), re.M)
    assert created and body["date"] == dates.parse_date(created.group(1))
    assert body["posts"][0]["integration"] == {"id": "linkedin"}  # no --integration: the platform's name
    assert body["posts"][0]["value"] == [{"content": LINKEDIN_BODY.rstrip("\n"), "image": []}]


def test_integration_must_be_platform_equals_id(planned: Path, run: Run) -> None:
    result = run("export", "--format", "postiz", X, "--integration", "cm0abc123")
    assert result.exit_code == 2 and "is not PLATFORM=ID" in result.output


# --- contentkit's own CSV -------------------------------------------------------------------------


def test_csv_round_trips_every_field_and_guards_formulas(planned: Path, run: Run) -> None:
    out, _ = export(run, "--format", "csv", "--all")
    found = rows(out)
    assert list(found[0]) == list(handoff.CSV_COLUMNS)
    thread, review, linkedin = found
    assert unguarded(thread["text"]).split(SEPARATOR) == X_POSTS and thread["posts"] == "3"
    assert thread["first_comment"] == "The numbers: https://example.com/r"
    assert (thread["draft"], thread["platform"], thread["status"]) == (X, "x", "scheduled")
    assert thread["scheduled_at"] == "2026-03-05T07:30:00Z" and thread["title"] == TITLE
    assert review["scheduled_at"] == "2026-07-01T07:00:00Z"
    assert linkedin["scheduled_at"] == "" and linkedin["status"] == "draft"
    assert linkedin["text"] == "'" + LINKEDIN_BODY.rstrip("\n")  # starts with '-': a formula in a sheet
    assert unguarded(linkedin["text"]) == LINKEDIN_BODY.rstrip("\n")


@given(st.lists(st.text(min_size=1), min_size=1, max_size=4), st.one_of(st.none(), st.text(min_size=1)))
def test_csv_and_buffer_cells_read_back_as_written(posts: list[str], comment: str | None) -> None:
    it = handoff.Item("drafts/x/a.md", "x", "T", "draft", "", "", tuple(posts), comment)
    sheet = rows(handoff.render_csv([it]))
    assert len(sheet) == 1
    assert unguarded(sheet[0]["text"]) == SEPARATOR.join(posts)
    assert unguarded(sheet[0]["first_comment"]) == (comment or "")
    assert not sheet[0]["text"].startswith(handoff_formula())
    buffer = rows(handoff.render_buffer([it]))
    assert buffer[0]["Text"] == SEPARATOR.join(posts)


def handoff_formula() -> tuple[str, ...]:
    from contentkit.usecases.metrics.record import FORMULA

    return FORMULA


# --- choosing drafts, writing files --------------------------------------------------------------


def test_scheduled_takes_the_scheduled_drafts_by_time_and_platform_narrows(planned: Path, run: Run) -> None:
    assert [r["draft"] for r in rows(export(run, "--format", "csv", "--scheduled")[0])] == [X, REVIEW_X]
    narrowed = export(run, "--format", "csv", "--all", "--platform", "linkedin")[0]
    assert [r["draft"] for r in rows(narrowed)] == [LINKEDIN]
    named = export(run, "--format", "csv", LINKEDIN, X)[0]
    assert [r["draft"] for r in rows(named)] == [LINKEDIN, X]


@pytest.mark.parametrize(("form", "suffix"), [("csv", ".csv"), ("buffer", ".csv"), ("typefully", ".jsonl"),
                                              ("postiz", ".jsonl")])
def test_o_writes_the_file_under_the_output_rules(planned: Path, run: Run, form: str, suffix: str) -> None:
    printed = export(run, "--format", form, "--all")[0]
    target = planned.parent / f"posts{suffix}"
    result = run("export", "--format", form, "--all", "-o", str(target))
    assert result.exit_code == 0 and "exported 3 drafts for " + form in result.stdout
    assert target.read_bytes() == printed.encode("utf-8")
    assert run("export", "--format", form, "--all", "-o", str(target)).exit_code == 1  # exists
    assert run("export", "--format", form, "--all", "-o", str(target), "--force").exit_code == 0
    wrong = run("export", "--format", form, "--all", "-o", str(planned.parent / "posts.txt"))
    assert wrong.exit_code == 2 and f"give a {suffix} file" in wrong.output
    before = snapshot(planned)
    inside = run("export", "--format", form, "--all", "-o", str(planned / "drafts" / f"p{suffix}"))
    assert inside.exit_code == 1 and "which -o never writes to" in inside.output
    assert snapshot(planned) == before


def test_plain_text_export_is_unchanged_and_options_are_checked(planned: Path, run: Run) -> None:
    text = export(run, LINKEDIN)[0]
    assert text == LINKEDIN_BODY
    usage = [
        ("export",), ("export", LINKEDIN, X), ("export", "--all"), ("export", "--format", "csv"),
        ("export", "--format", "csv", LINKEDIN, "--all"), ("export", "--format", "csv", "--copy", LINKEDIN),
        ("export", "--format", "csv", "--first-comment", LINKEDIN),
    ]
    for args in usage:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output


def test_plain_turns_pseudo_bold_into_letters_in_every_format(planned: Path, run: Run) -> None:
    _body(planned / LINKEDIN, "𝗕𝗼𝗹𝗱 claim.\n")
    assert rows(export(run, "--format", "buffer", "--plain", LINKEDIN)[0])[0]["Text"] == "Bold claim."
    assert bodies(export(run, "--format", "typefully", LINKEDIN)[0])[0]["platforms"]["linkedin"]["posts"] == [
        {"text": "𝗕𝗼𝗹𝗱 claim."}
    ]


def test_a_file_name_that_is_not_utf8_is_written_escaped_not_a_traceback(planned: Path, run: Run) -> None:
    name = os.fsdecode(b"drafts/linkedin/caf\xe9.md")
    (planned / name).write_bytes((planned / LINKEDIN).read_bytes())
    target = planned.parent / "posts.csv"
    result = run("export", "--format", "csv", name, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert rows(target.read_text(encoding="utf-8"))[0]["draft"] == "drafts/linkedin/caf\\xe9.md"


def test_nothing_to_export_is_said(planned: Path, run: Run) -> None:
    result = run("export", "--format", "buffer", "--scheduled", "--platform", "linkedin")
    assert result.exit_code == 0 and result.stdout_bytes == b"Text,Image URL,Tags,Posting Time\r\n"
    assert "no scheduled drafts to export for linkedin" in result.stderr


def test_a_time_already_past_is_warned_of(planned: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2026-04-01T00:00:00Z")
    _, err = export(run, "--format", "typefully", "--scheduled")
    assert f"{X}: scheduled for 2026-03-05T07:30:00Z, which has passed" in err
    assert f"{REVIEW_X}: scheduled" not in err
