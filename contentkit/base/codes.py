"""Every rule code contentkit reports: its severity and one line about it. docs/RULES.md lists the same.

The one table: validate's diagnostics, the platform checks (post.py) and the errors that say a file
cannot be read (errors.SeedError.code) all take their codes from here, and a test holds docs/RULES.md
to it.
"""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"
INFO = "info"  # said, not judged: never counted as a problem (contentkit lint's readability figure)

# CK1xx: the file cannot be read; one per file, nothing else is checked
UNREADABLE = "CK100"
NOT_UTF8 = "CK101"
EMPTY = "CK102"
NO_FRONT_MATTER = "CK103"
UNTERMINATED = "CK104"
NOT_A_MAPPING = "CK105"
BAD_YAML = "CK106"
DUPLICATE_KEY = "CK107"
ALIAS = "CK108"
TOO_DEEP = "CK109"
BAD_TOML = "CK110"
TOO_BIG = "CK111"
# CK5xx: drafts against their platform's profile
OVER_LIMIT = "CK501"
TOO_MANY_HASHTAGS = "CK502"
OPENING_PAST_FOLD = "CK503"
COMMENT_OVER_LIMIT = "CK504"
AFTER_COMMENT = "CK505"

CODES: dict[str, tuple[str, str]] = {
    UNREADABLE: (ERROR, "the file cannot be read: missing, a folder, no permission, outside the repo"),
    NOT_UTF8: (ERROR, "the file is not valid UTF-8"),
    EMPTY: (ERROR, "the file is empty"),
    NO_FRONT_MATTER: (ERROR, "no front matter where the config requires it (front_matter = \"required\")"),
    UNTERMINATED: (ERROR, "unterminated front matter: no closing '---' line"),
    NOT_A_MAPPING: (ERROR, "the front matter is not a mapping of keys to values"),
    BAD_YAML: (ERROR, "malformed YAML, or a value YAML reads but cannot build (2025-13-45)"),
    DUPLICATE_KEY: (ERROR, "a key appears twice"),
    ALIAS: (ERROR, "YAML anchors or aliases (refused, so an alias bomb costs nothing)"),
    TOO_DEEP: (ERROR, "the front matter nests too deeply"),
    BAD_TOML: (ERROR, "malformed TOML front matter (between '+++' lines)"),
    TOO_BIG: (ERROR, "a seed or draft over 5 MiB, never read"),
    # CK2xx: seed keys and values
    "CK201": (ERROR, "a required key is missing or empty"),
    "CK202": (ERROR, "status is not in the configured lifecycle"),
    "CK203": (ERROR, "created / published_at is not an ISO 8601 date or date-time"),
    "CK204": (ERROR, "source_url / published_url is not an http(s) URL"),
    "CK205": (ERROR, "status developed without developed_to"),
    "CK206": (ERROR, "developed_to is not a path inside the repo (absolute, or escaping it)"),
    "CK207": (ERROR, "developed_to points at no file"),
    "CK208": (ERROR, "two seeds share a slug (the file name after YYYY-MM-DD__)"),
    "CK209": (ERROR, "a value has the wrong type (YAML read `no` as false, `2025` as a number)"),
    "CK210": (ERROR, "published_url on a seed whose status says it is not published yet"),
    "CK211": (ERROR, "a draft's published_url is not an http(s) URL (javascript:, a line break)"),
    "CK220": (WARNING, "a draft written before contentkit names no seed, and no seed shares its name"),
    # CK3xx: seed warnings
    "CK301": (WARNING, "unknown key (with a did-you-mean for typos)"),
    "CK302": (WARNING, "the developed_to draft does not point back at the seed"),
    "CK303": (WARNING, "a seed with no hook ideas yet: its draft would open with its title"),
    "CK304": (WARNING, "a seed with no angles yet: its draft will follow none (the angle is optional)"),
    "CK305": (WARNING, "the platform is not configured"),
    # CK4xx: drafts
    "CK401": (ERROR, "a draft without a seed key"),
    "CK402": (ERROR, "a draft's seed is not a path inside the repo (absolute, or escaping it)"),
    "CK403": (ERROR, "a draft's seed points at no seed file"),
    "CK404": (ERROR, "a draft's status is not a draft state (draft, scheduled, published)"),
    "CK405": (ERROR, "a draft's scheduled_at / published_at is no date-time, or a scheduled draft has none"),
    # CK5xx: drafts against their platform's profile (limits are config)
    OVER_LIMIT: (ERROR, "the post is over the platform's character limit"),
    TOO_MANY_HASHTAGS: (WARNING, "more hashtags than the platform profile recommends"),
    OPENING_PAST_FOLD: (WARNING, "the opening line runs past the '...see more' fold"),
    COMMENT_OVER_LIMIT: (ERROR, "the draft's first comment is over the platform's comment limit"),
    AFTER_COMMENT: (WARNING, "a heading after the first comment: the text below it goes in the comment"),
    # CK6xx: what readers and screen readers meet in the exported post (contentkit lint)
    "CK601": (WARNING, "Unicode pseudo-bold/italic (Mathematical Alphanumeric Symbols) instead of letters"),
    "CK602": (WARNING, "lines in a row starting with an emoji as a bullet"),
    "CK603": (WARNING, "a run of ALL-CAPS words (not an acronym)"),
    "CK604": (WARNING, "a long all-lowercase hashtag that probably joins words (CamelCase reads aloud)"),
    "CK605": (WARNING, "a link above the '...see more' fold: clicks against reach, a trade-off"),
    "CK606": (WARNING, "a paragraph longer than the configured number of lines on a phone"),
    "CK607": (INFO, "the post's readability figure (Flesch reading ease), said, not judged"),
    "CK608": (WARNING, "a proselint finding on the exported post (when proselint is installed)"),
    "CK609": (WARNING, "a Vale finding on the exported post (when vale is on PATH)"),
}


def severity(code: str) -> str:
    return CODES[code][0]
