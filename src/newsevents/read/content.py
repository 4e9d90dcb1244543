"""What an input's bytes are: the one place that turns them into text.

Every reader checks its bytes with ``validate`` before it makes a ``Document`` (so a bad input
becomes a ``Failure`` at once), and the extractor calls ``decode_document`` to get the text back;
both go through ``decode``, so the rules below hold everywhere:

- A byte order mark wins. Readers that transcode (a URL served in ISO-8859-1, an HTML string from a
  JSON Lines record) store UTF-8 behind a UTF-8 BOM, which is how the text says "already decoded"
  whatever charset the HTML declares. UTF-16 with a BOM is read too.
- Kind "text": UTF-8 when the bytes are valid UTF-8. Otherwise the encoding is detected with
  charset-normalizer among the WHATWG encodings, windows-1252 preferred among equally likely ones
  (the legacy encoding of English-language news, and what browsers assume); bytes in which no
  encoding reads as text are E104, which says how to re-encode them.
- Kind "html": the charset the page declares (``<meta charset>``, ``http-equiv`` content type or the
  XML declaration) is honoured when it is a label of the WHATWG Encoding Standard (``encodings.py``),
  as browsers read it: ISO-8859-1 and ASCII as windows-1252, a UTF-16 label as UTF-8 (the page
  could not declare it in ASCII otherwise), x-user-defined as windows-1252. A label the standard
  does not have (``base64``, ``punycode``, a typo) is never handed to a codec: the page is read as
  UTF-8 if it is UTF-8, else E104 names the label. A "replacement" label (ISO-2022-KR, HZ-GB-2312)
  is E104, since the standard reads such pages as no text at all. A page that declares nothing is
  read as UTF-8, and when that fails as windows-1252: old pages without a declaration are written in
  it. A page that declares a charset its bytes do not follow is E104.
- Kind "clean": UTF-8, strict, nothing stripped (not even a BOM), so offsets index the text as given.

Binary content (NUL bytes, or the signature of a PDF, ZIP, PNG, JPEG, GIF or gzip file) is E103;
nothing, or nothing but whitespace, is E105.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

from charset_normalizer import from_bytes

from ..errors import BinaryInputError, EmptyInputError, EncodingError
from ..types import DocKind, Document
from .encodings import Encoding, guessable_codecs, lookup

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
_PREFERRED_GUESS = "cp1252"
_WINDOWS_PAGES = ("cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp874")
# Encodings that read the same letters differ in charset-normalizer's coherence by a few hundredths
# (0.62 against 0.65 for Polish read as windows-1250 and ISO-8859-3, tests/read/test_read_charsets.py).
_COHERENCE_MARGIN = 0.05
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes a codec left undecoded, under errors="surrogateescape"


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
    """The charset an HTML page declares in its first bytes, as written (lower-cased), or None."""
    head = content[:_DECLARATION_WINDOW]
    m = _XML_ENCODING.search(head) or _CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


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
        return _text(content, what)
    declared = declared_charset(content)
    if declared is None:
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError:
            return _windows_1252(content)
    return _declared(content, declared, what, in_page=True)


def _text(content: bytes, what: str) -> str:
    """Plain text: UTF-8, else the encoding charset-normalizer finds most likely (module docstring)."""
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    codec = _guess(content)
    if codec is None:
        raise EncodingError(f"{what} is not UTF-8 (byte 0x{content[first_bad:first_bad + 1].hex()} at offset "
                            f"{first_bad}) and no other encoding reads it as text; {_REENCODE}")
    if codec == _PREFERRED_GUESS:
        return _windows_1252(content)
    return _strict(content, codec, what, _REENCODE)


def _guess(content: bytes) -> str | None:
    """The codec of a non-UTF-8 text: charset-normalizer's least chaotic readings, and among those whose
    language coherence is close to the best one, a Windows code page first (windows-1252 before the
    others): the encodings text files were saved in, where ISO-8859-3 or Mac Roman read as well."""
    matches = list(from_bytes(content, cp_isolation=list(guessable_codecs())))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    calm = [m for m in matches if m.chaos <= least]
    best = max(m.coherence for m in calm)
    close = [m for m in calm if m.coherence >= best - _COHERENCE_MARGIN]
    for preferred in (_PREFERRED_GUESS, *_WINDOWS_PAGES):
        if any(preferred in m.could_be_from_charset for m in close):
            return preferred
    return str(max(close, key=lambda m: m.coherence).encoding)


def _windows_1252(content: bytes) -> str:
    # The five bytes windows-1252 leaves unassigned read as the C1 controls, as browsers read them.
    text = content.decode("cp1252", errors="surrogateescape")
    return _ESCAPED.sub(lambda m: chr(ord(m[0]) - 0xDC00), text)


def _x_user_defined(content: bytes) -> str:
    return "".join(chr(b) if b < 0x80 else chr(0xF780 + b - 0x80) for b in content)


def _declared(content: bytes, label: str, what: str, *, in_page: bool) -> str:
    """``content`` decoded by the charset ``label`` it declares (``in_page``) or a server sent with it."""
    where = "declares charset" if in_page else "is served with charset"
    encoding = lookup(label)
    if encoding is None:
        try:
            return content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EncodingError(f"{what} {where} {label!r}, which is not an encoding label of the WHATWG "
                                f"Encoding Standard, and is not UTF-8 either; {_REENCODE}") from exc
    return _decode_as(content, encoding, label, what, where, in_page)


def _decode_as(content: bytes, encoding: Encoding, label: str, what: str, where: str, in_page: bool) -> str:
    codec = encoding.codec
    if codec == "replacement":
        raise EncodingError(f"{what} {where} {label!r}, which the WHATWG Encoding Standard reads as no text "
                            f"(encoding 'replacement'); {_REENCODE}")
    if in_page and (codec.startswith("utf-16") or codec == "x-user-defined"):
        # HTML's rule for a declaration found by scanning ASCII bytes: the page cannot be UTF-16.
        codec = "utf-8" if codec.startswith("utf-16") else "cp1252"
    if codec == "x-user-defined":
        return _x_user_defined(content)
    if codec == "cp1252":
        return _windows_1252(content)
    return _strict(content, codec, what, f"it {where} {label!r} but does not follow it: {_REENCODE}")


def transcode(content: bytes, charset: str, what: str) -> bytes:
    """Bytes a server labelled with ``charset``, as UTF-8 behind a BOM (unchanged when the label says
    UTF-8, when they start with a BOM, or when the label is not a WHATWG one and the page declares
    its own charset: the page's declaration decides then)."""
    if content.startswith((UTF8_BOM, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content
    encoding = lookup(charset)
    if encoding is not None and encoding.codec == "utf-8":
        return content
    if encoding is None and declared_charset(content) is not None:
        return content
    return UTF8_BOM + _declared(content, charset.strip().lower(), what, in_page=False).encode("utf-8",
                                                                                             "surrogatepass")


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
