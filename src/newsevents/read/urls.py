"""URLs given with an input (a JSON Lines record's ``url``, a request's, an address to fetch).

``check_url`` refuses, with E110, a URL the standard library cannot take apart (``http://[::1/``, a port
out of range): every later stage (ids, the site name, the store's URL key) splits the URL, and one
unparseable URL must cost its own document, not the batch it is in. Anything that parses is kept as
given: scraped dumps often hold URLs without a scheme, and those still name the page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..errors import BadUrlError

_CONTROL = frozenset(chr(c) for c in (*range(0x20), 0x7F))


def check_url(url: str, what: str) -> str:
    """``url`` itself when it can be split into its parts; raises BadUrlError (E110) naming ``what``."""
    problem = _problem(url)
    if problem is not None:
        shown = url if len(url) <= 200 else url[:200] + "..."
        raise BadUrlError(f"{what} has the URL {shown!r}, which cannot be parsed ({problem}); fix it or "
                          "leave it out")
    return url


def _problem(url: str) -> str | None:
    if any(c in _CONTROL for c in url):
        return "it holds a control character"
    if any("\ud800" <= c <= "\udfff" for c in url):
        return "it holds an unpaired surrogate escape"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number from 0 to 65535
    except ValueError as exc:
        return str(exc)
    return None


def safe_url(url: str | None) -> str | None:
    """``url`` when it parses, else None: for URLs found in a page's metadata rather than given by the user."""
    return url if url is not None and _problem(url) is None else None
