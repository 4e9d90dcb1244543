"""JSON Lines records: kinds, ids, dates, and one Failure per bad line while the rest go on."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newsevents.read import read_inputs
from newsevents.read.content import UTF8_BOM
from newsevents.settings import ReadSettings
from newsevents.types import Document, Failure

DATA = Path(__file__).resolve().parents[1] / "data" / "read"
RECORDS = str(DATA / "records.jsonl")


def by_line() -> dict[int, Document | Failure]:
    items = list(read_inputs([RECORDS], ReadSettings()))
    return {int(item.source.rsplit(":", 1)[1]): item for item in items}


def test_every_non_blank_line_gives_one_item_in_order() -> None:
    items = list(read_inputs([RECORDS], ReadSettings()))
    lines = [int(item.source.rsplit(":", 1)[1]) for item in items]
    assert lines == [1, 3, 4, 5, 6, 7, 8, 9, 10, 11]  # line 2 is blank


def test_text_record_is_clean_and_kept_exactly() -> None:
    doc = by_line()[1]
    assert isinstance(doc, Document)
    assert doc.kind == "clean" and doc.doc_id == "r1" and doc.source == f"{RECORDS}:1"
    assert doc.content.decode("utf-8") == "  Leading spaces stay: Norway criticised Russia.  "
    assert doc.published == date(2025, 6, 1) and doc.url == "https://example.org/r1" and doc.title == "First"


def test_html_record_has_numeric_id_datetime_date_and_a_bom() -> None:
    doc = by_line()[4]
    assert isinstance(doc, Document)
    assert doc.kind == "html" and doc.doc_id == "7"
    assert doc.published == date(2025, 6, 2)  # the calendar day as written, not shifted to UTC
    # the HTML declares iso-8859-1 but came as Unicode JSON: the BOM says "already UTF-8"
    assert doc.content.startswith(UTF8_BOM) and "Café".encode() in doc.content


def test_record_without_id_is_named_by_file_stem_and_line() -> None:
    doc = by_line()[6]
    assert isinstance(doc, Document) and doc.doc_id == "records-6"


def test_malformed_lines_are_json_lines_failures_naming_file_and_line() -> None:
    items = by_line()
    for line, said in [(3, "not valid JSON"), (5, "not an object"), (7, 'neither "text" nor "html"'),
                       (8, "not a string"), (9, "not an ISO date")]:
        failure = items[line]
        assert isinstance(failure, Failure), line
        assert failure.code == "E106", (line, failure)
        assert f"records.jsonl:{line}" in failure.message and said in failure.message


def test_failure_keeps_the_record_id_when_known() -> None:
    failure = by_line()[9]
    assert isinstance(failure, Failure) and failure.doc_id == "r7"


def test_whitespace_text_is_empty_input() -> None:
    failure = by_line()[10]
    assert isinstance(failure, Failure) and failure.code == "E105"


def test_good_record_after_bad_ones_still_comes_through() -> None:
    doc = by_line()[11]
    assert isinstance(doc, Document) and doc.doc_id == "r9" and doc.published is None


def test_line_over_max_bytes_is_e102_and_the_next_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    long_text = "x" * 500
    path.write_text(f'{{"id": "big", "text": "{long_text}"}}\n{{"id": "small", "text": "ok"}}\n', encoding="utf-8")
    items = list(read_inputs([str(path)], ReadSettings(max_bytes=100)))
    assert len(items) == 2
    assert isinstance(items[0], Failure) and items[0].code == "E102"
    assert "big.jsonl:1" in items[0].message and "read.max_bytes" in items[0].message
    assert isinstance(items[1], Document) and items[1].doc_id == "small"


def test_invalid_utf8_line_is_e104_and_the_rest_go_on(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Bogot\xe1"}\n{"id": "b", "text": "fine"}\n')
    first, second = read_inputs([str(path)], ReadSettings())
    assert isinstance(first, Failure) and first.code == "E104" and "enc.jsonl:1" in first.message
    assert isinstance(second, Document)


def test_empty_jsonl_file_is_e105(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    (failure,) = read_inputs([str(path)], ReadSettings())
    assert isinstance(failure, Failure) and failure.code == "E105" and "none.jsonl" in failure.message


def test_gzipped_jsonl_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b"\x1f\x8b\x08\x00compressed")
    (failure,) = read_inputs([str(path)], ReadSettings())
    assert isinstance(failure, Failure) and failure.code == "E103" and "gunzip" in failure.message


def test_example_wire_records_are_dated_in_2025() -> None:
    wire = Path(__file__).resolve().parents[2] / "examples" / "wire.jsonl"
    docs = list(read_inputs([str(wire)], ReadSettings()))
    assert len(docs) >= 3
    for doc in docs:
        assert isinstance(doc, Document) and doc.kind == "clean"
        assert doc.url and doc.title and doc.published
        assert date(2025, 6, 1) <= doc.published <= date(2025, 11, 30)
