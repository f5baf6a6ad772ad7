"""URLs as X finds them in a post: twitter-text's URL extractor (its JavaScript `extractUrlsWithIndices`
and the regular expressions under `js/src/regexp/`, Apache-2.0, github.com/twitter/twitter-text), so a
URL counts 23 exactly where X shortens it to t.co.

Pure. `spans(text, schemeless=True)` gives the (start, end) code point offsets of every URL: with a
scheme (`http://`, `https://`) any host with a known top-level domain (including internationalised
ones); without one, only ASCII host names with a known top-level domain (`example.com/path`), never
after `-`, `_`, `.` or `/`. A host label longer than 63 characters (as punycode) is not a URL. The
top-level domains are twitter-text's list (`contentkit/data/tlds.txt`). The expression is built once,
on first use.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import regex

_PUNCT = r"!'#%&()*+,\\\-./:;<=>?@\[\]^_{|}~$"
_SPACES = r"\x09-\x0D\x20\x85\xA0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000"
_INVALID = r"\uFFFE\uFEFF\uFFFF"
_DIRECTIONAL = r"\u202A-\u202E\u061C\u200E\u200F\u2066\u2067\u2068\u2069"
_LATIN_ACCENTS = (
    r"\xC0-\xD6\xD8-\xF6\xF8-\xFF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268"
    r"\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF"
)
_CYRILLIC = r"\u0400-\u04FF"
_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
_PRECEDING = f"(?:[^A-Za-z0-9@\uff20$#\uff03{_INVALID}]|[{_DIRECTIONAL}]|^)"
_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~@|&{_LATIN_ACCENTS}]"
_PARENS = f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
_PATH_END = f"(?:[+\\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|(?:{_PARENS}))"
_PATH = f"(?:(?:{_PATH_CHAR}*(?:{_PARENS}{_PATH_CHAR}*)*{_PATH_END})|(?:@{_PATH_CHAR}+/))"
_QUERY_CHAR = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_END = r"[a-z0-9\-_&=#/]"
_PUNYCODE = r"(?:xn--[\-0-9a-z]+)"
_TLD_END = r"(?=[^0-9a-zA-Z@+-]|$)"
_TCO = regex.compile(f"^https?://t\\.co/([a-z0-9]+)(?:\\?{_QUERY_CHAR}*{_QUERY_END})?", regex.IGNORECASE)
_NO_SCHEME_BEFORE = regex.compile(r"[-_./]$")
_MAX_URL = 4096
_MAX_TCO_SLUG = 40
_MAX_LABEL = 63


@lru_cache(maxsize=1)
def _tlds() -> str:
    """The top-level domains as one alternation, longest first (so `com` is tried before `co`)."""
    rows = files("contentkit.data").joinpath("tlds.txt").read_text(encoding="utf-8").splitlines()
    names = sorted({row.split(" ", 1)[1] for row in rows if row and not row.startswith("#")}, key=len)
    return "|".join(regex.escape(name) for name in reversed(names))


@lru_cache(maxsize=1)
def _expressions() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    tld = f"(?:(?:{_tlds()}){_TLD_END}|{_PUNYCODE})"
    label = f"{_DOMAIN_CHAR}(?:[_\\-]|{_DOMAIN_CHAR})*+(?<![_\\-])\\."
    name = f"{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*+(?<!-)\\."
    domain = f"(?:(?:{label})*{name}{tld})"
    url = regex.compile(
        f"({_PRECEDING})((https?://)?({domain})(?::([0-9]+))?(/{_PATH}*)?(\\?{_QUERY_CHAR}*{_QUERY_END})?)",
        regex.IGNORECASE | regex.VERSION0,
    )
    ascii_domain = regex.compile(f"(?:(?:[\\-a-z0-9{_LATIN_ACCENTS}]+)\\.)+{tld}", regex.IGNORECASE)
    return url, ascii_domain


def spans(text: str, schemeless: bool = True) -> list[tuple[int, int]]:
    """The (start, end) offsets of the URLs in `text`, in order, as twitter-text extracts them."""
    if "." not in text:
        return []
    url_re, ascii_re = _expressions()
    found: list[tuple[int, int]] = []
    for match in url_re.finditer(text):
        before, url, scheme, domain, path = match.group(1, 2, 3, 4, 6)
        start, end = match.span(2)
        if not _valid(url, scheme or "https://", domain):
            continue
        if scheme:
            tco = _TCO.match(url)
            if tco:
                if len(tco.group(1)) > _MAX_TCO_SLUG:
                    continue
                end = start + len(tco.group(0))
            found.append((start, end))
        elif schemeless and not _NO_SCHEME_BEFORE.search(before):
            hosts = [(start + m.start(), start + m.end()) for m in ascii_re.finditer(domain)]
            if hosts and path:
                hosts[-1] = (hosts[-1][0], end)
            found.extend(hosts)
    return found


def _valid(url: str, scheme: str, domain: str) -> bool:
    """twitter-text's isValidUrl: every host label 1-63 characters as punycode, the URL at most 4096."""
    if domain[:4].lower() == "xn--" and not _expressions()[1].fullmatch(domain):
        return False
    return all(0 < len(_ascii_label(label)) <= _MAX_LABEL for label in domain.split(".")) and (
        len(scheme) + len(url) <= _MAX_URL
    )


def _ascii_label(label: str) -> str:
    if label.isascii():
        return label
    try:
        return "xn--" + label.encode("punycode").decode("ascii")
    except UnicodeError:
        return ""
