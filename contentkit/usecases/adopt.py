"""`contentkit adopt`: read the repo a writer already has and infer its vocabulary.

survey() reads every Markdown file of the seeds (and drafts) folders, never writing one; infer()
turns what they carry into the config tables contentkit reads them through: `[aliases.keys]` (a
date-valued `created_date` is `created`, a path-valued `draft_file` is `developed_to`, ...),
`[aliases.status]` (status values mapped to the lifecycle by meaning), `[sections]` (repeated headings
that name a section kind the packaged forms miss), `required` (the keys every file carries) and
`known_keys` (the writer's other keys). What cannot be decided is reported, never guessed.
contentkit/usecases/adopt_config.py writes the result into contentkit.toml.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contentkit.base import dates
from contentkit.base.errors import SeedError
from contentkit.base.folders import scan_markdown
from contentkit.base.statedir import read_bounded
from contentkit.markdown import frontmatter
from contentkit.model import banks
from contentkit.model import seed as seeds
from contentkit.model.headings import SectionForms, labels, normal
from contentkit.model.lifecycle import State
from contentkit.model.sections import default_forms
from contentkit.store import schema
from contentkit.store.config import DEFAULT_KEYS, Config

# contentkit key -> (the writer's names it may go by, what its values must look like)
KEY_NAMES: dict[str, tuple[tuple[str, ...], str]] = {
    "created": (
        ("created", "created_date", "date", "created_at", "created_on", "date_created", "creation_date",
         "createdAt", "createdOn", "dateCreated", "createdDate"),
        "date",
    ),
    "developed_to": (("developed_to", "draft_file", "draft_path", "drafted_to", "draft", "developedTo",
                      "draftFile", "draftPath"), "path"),
    "published_url": (("published_url", "post_url", "linkedin_url", "live_url", "posted_url", "publishedUrl",
                       "postUrl", "liveUrl"), "url"),
    "published_at": (("published_at", "published_date", "posted_date", "posted_at", "published_on",
                      "publishedAt", "publishedDate", "pubDate", "publishDate", "postedAt"), "date"),
    "source_url": (("source_url", "sourceUrl", "source_link", "sourceLink"), "url"),
    "tags": (("tags", "hashtags", "keywords", "topics"), "list"),
    "status": (("status", "state", "stage"), "text"),
    "platform": (("platform", "channel", "network"), "text"),
    "source": (("source", "origin"), "text"),
}

# a yes/no key that says where a file stands, when the files carry no status (Hugo, Zola and Astro's
# `draft:`, Jekyll's `published:`): its values as [aliases.status] writes them -> the lifecycle state.
# A file that says it is a draft is the writer's draft of the idea itself: a seed to contentkit.
FLAGS: dict[str, dict[str, str]] = {
    "draft": {"true": "seed", "false": "published"},
    "published": {"false": "seed", "true": "published"},
}
DRAFT_LINKS = KEY_NAMES["developed_to"][0]  # a file carrying one of these links to a draft of its own
LATER = ("developed_to", "published_url", "published_at")  # a seed gets these as it moves on: not required

# lifecycle state -> the values that mean it (compared case aside)
STATUS_MEANINGS: dict[str, tuple[str, ...]] = {
    "seed": ("seed", "new", "idea", "ideas", "todo", "to-do", "backlog", "inbox", "raw", "captured",
             "someday", "not started", "not-started", "planned"),
    "developed": ("developed", "drafted", "drafting", "draft", "in-progress", "in progress", "in_progress",
                  "writing", "wip", "review", "in-review", "ready", "editing"),
    "scheduled": ("scheduled", "queued"),
    "published": ("published", "posted", "done", "live", "shipped", "sent"),
    "archived": ("archived", "dropped", "abandoned", "discarded", "parked", "killed"),
}

# section kind -> words in a heading that name it (for headings the packaged forms do not know)
HEADING_WORDS: dict[str, tuple[str, ...]] = {
    "hooks": ("hook", "opener", "opening", "opening line"),
    "angles": ("angle", "framing"),
    "key_points": ("key point", "takeaway", "insight"),
    "core_idea": ("core idea", "main idea", "thesis", "big idea"),
    "themes": ("theme", "hashtag"),
    "next_steps": ("next step", "action item", "to do", "todo"),
}


@dataclass
class Survey:
    """What the files carry: for each key, how many files have it and its values; each status value,
    each H2 heading the repo's forms leave unnamed (with the kinds named beside it in that file)."""

    seeds: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # located reasons
    readable: int = 0
    keys: Counter[str] = field(default_factory=Counter)
    values: dict[str, list[Any]] = field(default_factory=dict)
    statuses: Counter[str] = field(default_factory=Counter)
    unnamed: Counter[str] = field(default_factory=Counter)
    beside: dict[str, set[str]] = field(default_factory=dict)  # heading -> kinds named in its files
    linked: Counter[str] = field(default_factory=Counter)  # status values of files that link a draft
    bare: list[str] = field(default_factory=list)  # files without front matter
    banks: list[tuple[str, int, str]] = field(default_factory=list)  # (file, ideas, how they are written)

    @property
    def with_meta(self) -> int:
        """Readable seeds that have front matter."""
        return self.readable - len(self.bare)


def survey(root: Path, config: Config, forms: SectionForms) -> Survey:
    """Read every seed and draft file (Markdown under the configured folders). Writes nothing."""
    found = Survey()
    found.seeds = _markdown(root, config.seeds_dir)
    found.drafts = [rel for rel in _markdown(root, config.drafts_dir) if rel not in found.seeds]
    for rel in found.seeds:
        _read(root, rel, found, forms)
    for rel in found.drafts:
        try:
            frontmatter.parse(read_bounded(root / rel), Path(rel))
        except (OSError, SeedError) as exc:
            found.unreadable.append(exc.located() if isinstance(exc, SeedError) else f"{rel}: {exc}")
    return found


def _markdown(root: Path, folder: str) -> list[str]:
    base = posixpath.normpath(folder)
    return scan_markdown(root, base, [])[0] if (root / base).is_dir() else []


def _read(root: Path, rel: str, found: Survey, forms: SectionForms) -> None:
    try:
        seed = seeds.parse(seeds.read(root / rel, root), root / rel, root, rel, forms=forms)
    except SeedError as exc:
        found.unreadable.append(exc.located())
        return
    except OSError as exc:
        found.unreadable.append(f"{rel}: cannot read file: {exc.strerror}")
        return
    found.readable += 1
    if seed.doc.bare:
        found.bare.append(rel)
    bank = banks.idea_bank(seed.doc.body)
    if bank is not None:
        found.banks.append((rel, *bank))
    for key, value in seed.doc.meta.items():
        found.keys[str(key)] += 1
        found.values.setdefault(str(key), []).append(value)
    if any(seed.doc.meta.get(name) not in (None, "", []) for name in DRAFT_LINKS):
        for name in KEY_NAMES["status"][0]:
            found.linked[str(seed.doc.meta.get(name))] += 1
    kinds = {s.kind for s in seed.sections.values() if s.kind}
    for section in seed.sections.values():
        if section.kind is None:
            heading = " ".join(section.heading.split())
            found.unnamed[heading] += 1
            found.beside.setdefault(heading, set()).update(kinds)


# --- inference -------------------------------------------------------------------------------


@dataclass
class Proposal:
    """The config tables the files call for, with the counts that led to each, and what is left open."""

    keys: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    status: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    sections: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)
    known_keys: list[tuple[str, int]] = field(default_factory=list)
    open: list[str] = field(default_factory=list)  # ambiguous cases, each a sentence


def infer(found: Survey, config: Config) -> Proposal:
    proposal = Proposal()
    _infer_keys(found, proposal)
    status_key = _first_alias(proposal, "status") or "status"
    _infer_status(found, config, proposal, status_key)
    proposal.status = {s: proposal.status[s] for s in config.statuses if s in proposal.status}  # in order
    _infer_sections(found, proposal, config.forms or default_forms())
    _infer_required(found, proposal)
    _infer_known(found, config, proposal)
    return proposal


def _first_alias(proposal: Proposal, key: str) -> str | None:
    names = proposal.keys.get(key)
    return names[0][0] if names else None


def _shape(value: Any, shape: str) -> bool:
    if shape == "date":
        return dates.is_seed_date(value)
    if shape == "path":
        items = value if isinstance(value, list) else [value]
        return bool(items) and all(isinstance(v, str) and v.strip() and (v.endswith(".md") or "/" in v)
                                   for v in items)
    if shape == "url":
        return schema.is_http_url(value)
    if shape == "list":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, str) and bool(value.strip())


def _infer_keys(found: Survey, proposal: Proposal) -> None:
    taken: set[str] = set()
    for key, (names, shape) in KEY_NAMES.items():
        fits: list[tuple[str, int]] = []
        for name in names:
            values = [v for v in found.values.get(name, []) if not _empty(v)]
            if name == key or name in taken or not values:
                continue
            good = sum(1 for v in values if _shape(v, shape))
            if good == len(values):
                fits.append((name, found.keys[name]))
            elif good:
                proposal.open.append(
                    f"'{name}' looks like {key} in {good} of {len(values)} files, but not in the others: "
                    f"not mapped (add it under [aliases.keys] if it is {key})"
                )
        if fits and key in found.keys and shape == "list":  # `tags` and `topics`: two lists, not one
            proposal.open.append(f"'{key}' and {', '.join(n for n, _ in fits)} are both in the files: "
                                 "kept apart, not mapped")
            continue
        if fits and key in found.keys:
            proposal.open.append(
                f"'{key}' is in {files(found.keys[key])} and {', '.join(n for n, _ in fits)} in others: "
                f"mapped as aliases, the first present wins"
            )
        if fits:
            fits.sort(key=lambda fit: -fit[1])
            proposal.keys[key] = fits
            taken.update(name for name, _ in fits)


def _empty(value: Any) -> bool:
    return value is None or value == ""


def _infer_flag(found: Survey, config: Config, proposal: Proposal) -> bool:
    """No file has a status, but they say `draft: true|false` or `published: true|false`: that key
    stands for the status, its values for the states (FLAGS). Whether it did."""
    if any(found.keys[name] for name in KEY_NAMES["status"][0]) or "status" in proposal.keys:
        return False
    for flag, states in FLAGS.items():
        values = found.values.get(flag, [])
        if not values or not all(isinstance(v, bool) for v in values):
            continue
        proposal.keys["status"] = [(flag, found.keys[flag])]
        for value, state in states.items():
            count = sum(1 for v in values if (v and value == "true") or (not v and value == "false"))
            if count and state in config.statuses:
                proposal.status.setdefault(state, []).append((value, count))
        proposal.open.append(f"'{flag}: true|false' stands for the status (no file has one): "
                             + ", ".join(f"{flag} {v} is {s}" for v, s in states.items()))
        return True
    return False


def _own_draft(found: Survey, value: str, count: int) -> bool:
    """A status meaning `developed` (`draft`, `in-progress`) on files that link no draft of their own:
    each file is itself the writer's draft of the idea, a seed to contentkit (developed would need
    developed_to: CK205 on every one of them)."""
    return found.linked[value] < count


def _infer_status(found: Survey, config: Config, proposal: Proposal, status_key: str) -> None:
    if _infer_flag(found, config, proposal):
        return
    counts = Counter(v for v in found.values.get(status_key, []) if isinstance(v, str) and v.strip())
    written = [v for v in found.values.get(status_key, []) if v not in (None, "")]
    others = sum(1 for v in written if not isinstance(v, str))
    if others:
        proposal.open.append(f"'{status_key}' is not text in {files(others)}: not mapped")
    for value, count in counts.most_common():
        if value in config.statuses:
            continue
        if not value.isprintable():
            message = f"status {value!r} ({files(count)}) has characters a config cannot hold: not mapped"
            proposal.open.append(message)
            continue
        if value != value.strip():  # the config reads its names stripped: the value would stay unknown
            proposal.open.append(
                f"status {json.dumps(value, ensure_ascii=False)} ({files(count)}) has spaces around it, "
                "which a config value cannot match: not mapped (remove them in the file)"
            )
            continue
        meanings = [s for s, words in STATUS_MEANINGS.items() if value.strip().casefold() in words]
        state = meanings[0] if meanings else ""
        if state == State.DEVELOPED and _own_draft(found, value, count):
            state = State.SEED
            proposal.open.append(
                f"status '{value}' ({files(count)}) is on files that name no draft of their own "
                f"({found.linked[value]} do): each is the draft itself, mapped to seed, not developed"
            )
        if state and state in config.statuses:
            proposal.status.setdefault(state, []).append((value, count))
        elif state:
            proposal.open.append(
                f"status '{value}' ({files(count)}) means {state}, which is not in the lifecycle "
                f"({', '.join(config.statuses)}): not mapped"
            )
        else:
            proposal.open.append(
                f"status '{value}' ({files(count)}) has no meaning contentkit knows: not mapped "
                f"(add it under [aliases.status] to one of {', '.join(config.statuses)})"
            )


def _infer_sections(found: Survey, proposal: Proposal, forms: SectionForms) -> None:
    for heading, count in sorted(found.unnamed.items(), key=lambda item: (-item[1], item[0])):
        kinds = _named(heading)
        if not kinds or not heading.isprintable():
            continue
        if count < 2:
            proposal.open.append(f"heading '{heading}' (1 file) may be {kinds[0]}: not mapped (seen once)")
        elif len(kinds) > 1:
            both = " and ".join(kinds)
            proposal.open.append(f"heading '{heading}' ({files(count)}) names {both}: not mapped")
        elif kinds[0] in found.beside.get(heading, set()):
            proposal.open.append(
                f"heading '{heading}' ({files(count)}) stands beside another {kinds[0]} heading: "
                "left as an ordinary section"
            )
        elif _works(forms, kinds[0], heading):
            proposal.sections.setdefault(kinds[0], []).append((heading, count))


def _named(heading: str) -> list[str]:
    """The kinds a heading names by their words, read as headings.py reads a heading: in the heading,
    its qualifiers set aside, or (when it has one) only its label before a colon; the last words of
    that reading must be the kind's (`Engagement hooks`, `Hook ideas`), so `Post 1: The Hook
    (Wednesday)` (its label is `Post 1`) and `Themes!` (a line of the post) name none."""
    found = labels(heading)
    label = [keys for score, keys in found if score == 1]  # a heading with a label names by it alone
    readings = {f" {key}" for keys in (label or [keys for _score, keys in found]) for key in keys}
    return [kind for kind, words in HEADING_WORDS.items()
            if any(reading.endswith(f" {normal(word)}") for reading in readings for word in words)]


def _works(forms: SectionForms, kind: str, heading: str) -> bool:
    """Whether `kind = [heading]` under [sections] makes the heading that kind's: a form that would
    change nothing, or that the config would refuse, is never written."""
    try:
        return forms.with_extras({kind: [heading]}).kind_of(heading) == kind
    except ValueError:
        return False


def _infer_required(found: Survey, proposal: Proposal) -> None:
    """The contentkit keys most seeds with front matter carry (under their own name or an alias):
    more than half of them, and never from one file alone. None shared: `required = []`."""
    if found.with_meta < 2:
        return
    for key in DEFAULT_KEYS:
        if key in LATER:
            continue
        names = [key, *(name for name, _ in proposal.keys.get(key, []))]
        carried = max((found.keys[name] for name in names), default=0)
        if 2 * carried > found.with_meta and all(_present(found, name) for name in names if found.keys[name]):
            proposal.required.append(key)


def _present(found: Survey, name: str) -> bool:
    return all(v not in (None, "") for v in found.values.get(name, []))


def _infer_known(found: Survey, config: Config, proposal: Proposal) -> None:
    """The writer's own keys that are neither contentkit's nor aliases: known, so validate does not
    call them unknown; a rare one close to a known key is reported as a likely typo instead."""
    aliased = {name for names in proposal.keys.values() for name, _ in names}
    known = {*config.known_keys, *config.required, *DEFAULT_KEYS, *config.aliases.key_names}
    for key, count in sorted(found.keys.items(), key=lambda item: (-item[1], item[0])):
        if key in known or key in aliased or not key.isprintable():
            continue
        hint = schema.did_you_mean(key, sorted(known))
        if count == 1 and hint:
            proposal.open.append(f"key '{key}' (1 file) may be a typo{hint} not added to known_keys")
        else:
            proposal.known_keys.append((key, count))


def files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def counted(pairs: Iterable[tuple[str, int]]) -> str:
    """`created_date (23), date (1)`."""
    return ", ".join(f"{name} ({count})" for name, count in pairs)
