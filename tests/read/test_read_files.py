"""read_inputs on files, directories and standard input: kinds, ids, and every bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsevents.read import read_inputs
from newsevents.read.content import decode_document
from newsevents.settings import ReadSettings
from newsevents.types import Document, Failure

DATA = Path(__file__).resolve().parents[1] / "data" / "read"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def read_all(inputs: list[str], settings: ReadSettings | None = None, **kw: object) -> list[Document | Failure]:
    return list(read_inputs(inputs, settings or ReadSettings(), **kw))  # type: ignore[arg-type]


def only_failure(inputs: list[str], settings: ReadSettings | None = None) -> Failure:
    items = read_all(inputs, settings)
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


def test_txt_file_is_text_with_path_as_source_and_stable_id() -> None:
    path = str(DATA / "statement.txt")
    (doc,) = read_all([path])
    assert isinstance(doc, Document)
    assert doc.kind == "text" and doc.source == path
    assert doc.content == (DATA / "statement.txt").read_bytes()
    assert doc.doc_id.startswith("statement-") and len(doc.doc_id) == len("statement-") + 8
    (again,) = read_all([path])
    assert isinstance(again, Document) and again.doc_id == doc.doc_id


def test_htm_file_is_html() -> None:
    (doc,) = read_all([str(DATA / "page.htm")])
    assert isinstance(doc, Document) and doc.kind == "html"


def test_unknown_extension_is_sniffed() -> None:
    html, text = read_all([str(DATA / "sniff-html.dat"), str(DATA / "sniff-text.dat")])
    assert isinstance(html, Document) and html.kind == "html"
    assert isinstance(text, Document) and text.kind == "text"


def test_directory_is_read_recursively_sorted_with_extensions_and_no_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "c.HTML").write_text("<html><body><p>Third.</p></body></html>", encoding="utf-8")
    (tmp_path / ".secret.txt").write_text("hidden file", encoding="utf-8")
    (tmp_path / ".hidden" / "x.txt").write_text("in a hidden folder", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a listed extension", encoding="utf-8")
    items = read_all([str(tmp_path)])
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in items] == ["a.txt", "b/z.txt", "c.HTML"]
    assert all(isinstance(d, Document) for d in items)


def test_directory_without_matching_files_is_one_failure(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing to read", encoding="utf-8")
    failure = only_failure([str(tmp_path)])
    assert failure.code == "E101" and "read.extensions" in failure.message


def test_missing_path_fails_and_the_rest_go_on() -> None:
    items = read_all(["/no/such/file.txt", str(DATA / "statement.txt")])
    assert isinstance(items[0], Failure) and items[0].code == "E101"
    assert "/no/such/file.txt" in items[0].message and "check the path" in items[0].message
    assert isinstance(items[1], Document)


@pytest.mark.parametrize("content", [b"", b"  \n\t \n"])
def test_empty_or_whitespace_file_is_e105(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    failure = only_failure([str(path)])
    assert failure.code == "E105" and str(path) in failure.message and "remove it" in failure.message


@pytest.mark.parametrize(("content", "said"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    (b"GIF89a\x01\x00", "GIF"),
    (b"\x1f\x8b\x08\x00\x00\x00", "gzip"),
    (b"Some text\x00with a NUL byte", "NUL"),
])
def test_binary_file_is_e103(tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    failure = only_failure([str(path)])
    assert failure.code == "E103" and said in failure.message and str(path) in failure.message


def test_windows_1252_text_is_decoded_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Talks in Bogotá ended with a “joint statement”.".encode("cp1252"))
    (doc,) = read_all([str(path)])
    assert isinstance(doc, Document) and doc.kind == "text"
    assert decode_document(doc) == "Talks in Bogotá ended with a “joint statement”."


def test_text_no_encoding_reads_is_e104_with_the_offset_and_a_fix(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(b"Talks " + bytes(range(0x80, 0x100)) * 8)
    failure = only_failure([str(path)])
    assert failure.code == "E104"
    assert "0x80" in failure.message and "offset 6" in failure.message and "UTF-8" in failure.message


def test_file_over_max_bytes_is_e102_naming_size_limit_and_setting(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("x" * 101, encoding="utf-8")
    good = tmp_path / "short.txt"
    good.write_text("y" * 100, encoding="utf-8")
    items = read_all([str(path), str(good)], ReadSettings(max_bytes=100))
    failure = items[0]
    assert isinstance(failure, Failure) and failure.code == "E102"
    assert "101 bytes" in failure.message and "100" in failure.message and "read.max_bytes" in failure.message
    assert isinstance(items[1], Document)


def test_utf8_bom_file_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfKyiv and Warsaw signed a deal.")
    (doc,) = read_all([str(path)])
    assert isinstance(doc, Document) and doc.content.startswith(b"\xef\xbb\xbf")


def test_stdin_is_sniffed_and_hashed() -> None:
    body = b"<!DOCTYPE html><html><body><p>Hello.</p></body></html>"
    (doc,) = read_all(["-"], stdin=io.BytesIO(body))
    assert isinstance(doc, Document)
    assert doc.kind == "html" and doc.source == "<stdin>" and doc.doc_id.startswith("stdin-")
    (text,) = read_all(["-"], stdin=io.BytesIO(b"Plain words."))
    assert isinstance(text, Document) and text.kind == "text" and text.doc_id != doc.doc_id


def test_stdin_over_max_bytes_is_e102() -> None:
    (failure,) = read_all(["-"], ReadSettings(max_bytes=10), stdin=io.BytesIO(b"x" * 50))
    assert isinstance(failure, Failure) and failure.code == "E102" and "standard input" in failure.message


def test_empty_input_name_is_not_the_working_directory() -> None:
    failure = only_failure([""])
    assert failure.code == "E101"


def test_examples_directory_reads_every_example_article() -> None:
    items = read_all([str(EXAMPLES)])
    assert all(isinstance(d, Document) for d in items), [d for d in items if isinstance(d, Failure)]
    kinds = sorted({d.kind for d in items if isinstance(d, Document)})
    assert kinds == ["clean", "html", "text"]
    assert len(items) >= 6
