"""JSON Lines records that used to end a run: each is now its own coded Failure, and the file goes on."""

from __future__ import annotations

import json
from pathlib import Path

from newsevents.read import read_inputs
from newsevents.settings import ReadSettings
from newsevents.types import Document, Failure

GOOD = {"id": "good", "text": "Police arrested twelve protesters outside parliament on Tuesday."}


def read_lines(tmp_path: Path, *lines: str) -> list[Document | Failure]:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([*lines, json.dumps(GOOD)]) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)], ReadSettings()))
    assert isinstance(items[-1], Document) and items[-1].doc_id == "good"  # the file went on
    return items[:-1]


def test_a_line_nested_a_thousand_deep_is_e106(tmp_path: Path) -> None:
    (failure,) = read_lines(tmp_path, "[" * 1000 + "]" * 1000)
    assert isinstance(failure, Failure) and failure.code == "E106" and "too deeply" in failure.message
    assert failure.source.endswith("batch.jsonl:1")


def test_a_deep_field_inside_a_record_is_e106(tmp_path: Path) -> None:
    line = '{"id": "x", "text": "Talks ended.", "meta": ' + '{"a": ' * 5000 + "1" + "}" * 5000 + "}"
    (failure,) = read_lines(tmp_path, line)
    assert isinstance(failure, Failure) and failure.code == "E106"


def test_brackets_inside_a_string_are_text_not_nesting(tmp_path: Path) -> None:
    # The nesting limit is the reader's own (Python 3.13's parser reads far deeper than 3.11's), and it counts
    # only the structure: an article may hold any number of brackets.
    (document,) = read_lines(tmp_path, json.dumps({"id": "b", "text": "Talks ended. " + "[{" * 3000}))
    assert isinstance(document, Document) and document.doc_id == "b"


def test_a_number_too_long_for_python_is_e106(tmp_path: Path) -> None:
    (failure,) = read_lines(tmp_path, '{"id": ' + "7" * 5000 + ', "text": "Talks ended."}')
    assert isinstance(failure, Failure) and failure.code == "E106" and "digits" in failure.message


def test_a_url_that_cannot_be_parsed_is_e110_naming_it(tmp_path: Path) -> None:
    bad = [json.dumps({"id": f"u{i}", "text": "Talks ended.", "url": url})
           for i, url in enumerate(["http://[::1/", "http://example.org:99999/a", "http://exa\nmple.org/"])]
    failures = read_lines(tmp_path, *bad)
    assert [f.code for f in failures if isinstance(f, Failure)] == ["E110", "E110", "E110"]
    assert "'http://[::1/'" in failures[0].message and "Invalid IPv6 URL" in failures[0].message  # type: ignore[union-attr]
    assert failures[0].doc_id == "u0"  # type: ignore[union-attr]


def test_urls_without_a_scheme_are_kept_as_given(tmp_path: Path) -> None:
    (doc,) = read_lines(tmp_path, json.dumps({"id": "w", "text": "Talks ended.", "url": "www.example.org/a"}))
    assert isinstance(doc, Document) and doc.url == "www.example.org/a"


def test_unpaired_surrogates_in_any_string_field_are_e104(tmp_path: Path) -> None:
    lines = ['{"id": "s1", "text": "Talks ended.", "title": "bad \\ud800 title"}',
             '{"id": "\\udfff", "text": "Talks ended."}',
             '{"id": "s3", "text": "Talks ended.", "url": "http://example.org/\\ud800"}']
    failures = read_lines(tmp_path, *lines)
    assert [f.code for f in failures if isinstance(f, Failure)] == ["E104", "E104", "E104"]
