"""What an input's bytes are: the one place that turns them into text.

Every reader checks its bytes with ``validate`` before it makes a ``Document`` (so a bad input
becomes a ``Failure`` at once), and the extractor calls ``decode_document`` to get the text back;
both go through ``decode``, so the rules below hold everywhere:

- A byte order mark wins. Readers that transcode (a URL served in ISO-8859-1, an HTML string from a
  JSON Lines record) store UTF-8 behind a UTF-8 BOM, which is how the text says "already decoded"
  whatever charset the HTML declares. UTF-16 with a BOM is read too.
- Kind "text": UTF-8 only, strict. A plain file carries no charset, and guessing one puts wrong
  letters in names silently; E104 says how to re-encode instead.
- Kind "html": the charset the page declares (``<meta charset>``, ``http-equiv`` content type or the
  XML declaration) is honoured, ISO-8859-1 and ASCII read as windows-1252 as browsers do. A page that
  declares nothing is read as UTF-8, and when that fails as windows-1252: old pages without a
  declaration are written in it. A page that declares a charset its bytes do not follow is E104.
- Kind "clean": UTF-8, strict, nothing stripped (not even a BOM), so offsets index the text as given.

Binary content (NUL bytes, or the signature of a PDF, ZIP, PNG, JPEG, GIF or gzip file) is E103;
nothing, or nothing but whitespace, is E105.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

from ..errors import BinaryInputError, EmptyInputError, EncodingError
from ..types import DocKind, Document

UTF8_BOM = codecs.BOM_UTF8

# Magic numbers of the binary files people most often pass by mistake (file(1) knows them too).
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", "extract its text first (e.g. pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)", "unpack it or save the article as text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "pass the article's text, not an image"),
    (b"\xff\xd8\xff", "a JPEG image", "pass the article's text, not an image"),
    (b"GIF87a", "a GIF image", "pass the article's text, not an image"),
    (b"GIF89a", "a GIF image", "pass the article's text, not an image"),
    (b"\x1f\x8b", "gzip-compressed", "decompress it first (gunzip)"),
)
_HTML_START = re.compile(rb"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
# A charset declaration must come early in the page (the HTML standard looks at the first 1024
# bytes; we allow more for pages with long comments or scripts before it).
_DECLARATION_WINDOW = 4096
_REENCODE = "re-encode it as UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8) and pass it again"
_LATIN1_ALIASES = frozenset({"iso8859-1", "ascii"})  # codecs.lookup() names


def sniff_kind(content: bytes) -> Literal["html", "text"]:
    """HTML when it starts (after a BOM, whitespace or comments) with a doctype or ``<html``."""
    head = content[:_DECLARATION_WINDOW]
    if head.startswith(UTF8_BOM):
        head = head[len(UTF8_BOM):]
    return "html" if _HTML_START.match(head) else "text"


def check_binary(content: bytes, what: str) -> None:
    """E103 for a known binary signature or NUL bytes (UTF-16 with a BOM is text, not binary)."""
    for magic, name, todo in _SIGNATURES:
        if content.startswith(magic):
            raise BinaryInputError(f"{what} is {name}, not text; {todo} and pass that instead")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    nul = content.find(b"\x00")
    if nul >= 0:
        raise BinaryInputError(f"{what} contains a NUL byte at offset {nul}, so it is binary, not text; "
                               "pass plain text, HTML or JSON Lines")


def declared_charset(content: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, as written, or None."""
    head = content[:_DECLARATION_WINDOW]
    m = _XML_ENCODING.search(head) or _CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _codec(name: str) -> str | None:
    try:
        b"".decode(name)  # refuses bytes-to-bytes codecs (base64, zlib) as well as unknown names
        return codecs.lookup(name).name
    except LookupError:
        return None


def _strict(content: bytes, codec: str, what: str, todo: str) -> str:
    try:
        return content.decode(codec)
    except UnicodeDecodeError as exc:
        bad = content[exc.start:exc.start + 1].hex()
        raise EncodingError(f"{what} is not valid {codec} (byte 0x{bad} at offset {exc.start}); {todo}") from exc


def decode(content: bytes, kind: DocKind, what: str) -> str:
    """The text of ``content`` by the rules in the module docstring; raises EncodingError (E104)."""
    if kind == "clean":
        return _strict(content, "utf-8", what, _REENCODE)
    if content.startswith(UTF8_BOM):
        return _strict(content[len(UTF8_BOM):], "utf-8", what, _REENCODE)
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(content, "utf-16", what, _REENCODE)
    if kind == "text":
        return _strict(content, "utf-8", what, _REENCODE)
    declared = declared_charset(content)
    if declared is None:
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError:
            return _strict(content, "cp1252", what, _REENCODE)
    return _decode_declared(content, declared, what)


def _decode_declared(content: bytes, declared: str, what: str) -> str:
    codec = _codec(declared)
    if codec is None:
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EncodingError(f"{what} declares the unknown charset {declared!r} and is not UTF-8 either; "
                                f"{_REENCODE}") from exc
    if codec in _LATIN1_ALIASES:
        # Browsers read these labels as windows-1252; its five unassigned bytes fall back to Latin-1.
        try:
            return content.decode("cp1252")
        except UnicodeDecodeError:
            return content.decode("latin-1")
    return _strict(content, codec, what, f"it declares charset {declared!r} but does not follow it: {_REENCODE}")


def transcode(content: bytes, charset: str, what: str) -> bytes:
    """Bytes a server labelled with ``charset``, as UTF-8 behind a BOM (unchanged when already UTF-8,
    when they start with a BOM, or when the label is unknown and the page may declare its own)."""
    codec = _codec(charset)
    if codec is None or codec == "utf-8" or content.startswith((UTF8_BOM, codecs.BOM_UTF16_LE,
                                                                  codecs.BOM_UTF16_BE)):
        return content
    return UTF8_BOM + _decode_declared(content, charset, what).encode("utf-8", "surrogatepass")


def validate(content: bytes, kind: DocKind, what: str) -> str:
    """Every check an input goes through before parsing; returns the decoded text.

    Raises EmptyInputError (E105), BinaryInputError (E103) or EncodingError (E104). ``what`` names the
    input in messages ("file news/a.txt", "record wire.jsonl:3").
    """
    if not content:
        raise EmptyInputError(f"{what} is empty (0 bytes); remove it from the inputs or give it an article")
    check_binary(content, what)
    text = decode(content, kind, what)
    if not text.strip():
        raise EmptyInputError(f"{what} holds only whitespace; remove it from the inputs or give it an article")
    return text


def decode_document(doc: Document) -> str:
    """The text of a Document, checked as the readers check it (for Documents made elsewhere too)."""
    return validate(doc.content, doc.kind, f"document {doc.source}")
