"""Stable document ids: the same input always gets the same id, on any machine, in any run.

    file        <stem slug>-<8 hex of sha1(content)>     blinken-visit-3fa2b1c4
    URL         <last path segment slug>-<8 hex of sha1(url)>
    stdin       stdin-<8 hex of sha1(content)>
    JSON Lines  the record's "id" as a string, else <file stem slug>-<line number>

Files hash their content (a renamed copy of the same article is the same document; an edited file
is a new one); URLs hash the URL, since a page's bytes change with every ad and timestamp.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePath, PurePosixPath
from urllib.parse import urlsplit

_SLUG_MAX = 60  # keeps ids readable in a table; the hash makes them unique, not the slug
_NON_WORD = re.compile(r"[^a-z0-9]+")
# A last path segment ending like a file name: its extension is dropped from the slug.
_PAGE_SUFFIX = re.compile(r"\.(s?html?|php\d?|aspx?|jsp|cgi|txt)$", re.IGNORECASE)


def slugify(text: str, default: str = "doc") -> str:
    """Lowercase ASCII words joined by hyphens ("Blinken's Visit" -> "blinken-s-visit")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = _NON_WORD.sub("-", ascii_text).strip("-")[:_SLUG_MAX].rstrip("-")
    return slug or default


def short_hash(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:8]


def file_doc_id(path: PurePath, content: bytes) -> str:
    return f"{slugify(path.stem)}-{short_hash(content)}"


def url_doc_id(url: str) -> str:
    parts = urlsplit(url)
    segments = [s for s in PurePosixPath(parts.path).parts if s != "/"]
    name = _PAGE_SUFFIX.sub("", segments[-1]) if segments else (parts.hostname or "")
    return f"{slugify(name, default='page')}-{short_hash(url.encode('utf-8', 'surrogatepass'))}"


def stdin_doc_id(content: bytes) -> str:
    return f"stdin-{short_hash(content)}"


def record_doc_id(path: PurePath, line: int) -> str:
    return f"{slugify(path.stem)}-{line}"
