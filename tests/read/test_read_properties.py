"""Property tests of the readers and of id and URL handling: whatever the bytes, a reader gives Documents
and Failures (never another exception), ids are stable, URL handling never breaks a later stage."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path, PurePosixPath

from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.errors import BadUrlError, NewsEventsError
from newsevents.read import read_inputs
from newsevents.read.content import decode, validate
from newsevents.read.ids import file_doc_id, slugify, url_doc_id
from newsevents.read.urls import check_url
from newsevents.settings import ReadSettings
from newsevents.store.keys import normalise_url
from newsevents.types import Document, Failure

FAST = settings(max_examples=100, deadline=None)
KINDS = st.sampled_from(["text", "html", "clean"])
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
JSON_VALUES: st.SearchStrategy = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)
FIELDS = st.fixed_dictionaries({}, optional={
    "id": JSON_VALUES, "text": st.one_of(st.text(), JSON_VALUES), "html": st.one_of(st.text(), JSON_VALUES),
    "url": st.one_of(st.text(), st.sampled_from(["http://[::1/", "http://a:99999/", "https://ok.example/x"])),
    "date": st.one_of(st.text(), st.sampled_from(["0000-05-05", "9999-12-31", "2025-06-03T14:00:00Z"])),
    "title": JSON_VALUES})
LINES = st.one_of(st.binary(max_size=300).map(lambda b: b.replace(b"\n", b" ")),
                  FIELDS.map(lambda d: json.dumps(d).encode("utf-8", "surrogatepass")),
                  st.integers(1, 3000).map(lambda n: ("[" * n + "]" * n).encode()))
HTMLISH = st.lists(st.sampled_from(["<meta charset=", "base64>", "punycode", "utf-16", "<?xml encoding='",
                                    "x-user-defined", "iso-2022-kr", "'?>", "<p>", "caf\xe9", "\u200b", "<html>"]),
                   max_size=12).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))


@FAST
@given(st.one_of(st.binary(max_size=400), HTMLISH), KINDS)
def test_checking_bytes_raises_only_coded_errors(content: bytes, kind: str) -> None:
    try:
        text = validate(content, kind, "input")  # type: ignore[arg-type]
    except NewsEventsError:
        return
    assert text.strip()
    if kind == "clean":
        assert text.encode("utf-8") == content  # clean text is taken exactly as given


@FAST
@given(st.text(max_size=300))
def test_utf8_text_decodes_to_itself(text: str) -> None:
    try:
        content = text.encode("utf-8")
    except UnicodeEncodeError:
        return
    if "\x00" not in text:
        assert decode(content, "text", "input") == text.removeprefix("\ufeff")


@FAST
@given(st.lists(LINES, min_size=1, max_size=6))
def test_json_lines_give_one_item_per_record_and_never_raise(lines: list[bytes]) -> None:
    good = json.dumps({"id": "good-one", "text": "Talks ended in Vienna."}).encode()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "batch.jsonl"
        path.write_bytes(b"\n".join([*lines, good]) + b"\n")
        items = list(read_inputs([str(path)], ReadSettings()))
    assert all(isinstance(i, Document | Failure) for i in items)
    if any(isinstance(i, Failure) and i.source == str(path) for i in items):
        return  # the whole file was refused (it looks binary): one failure says so
    assert isinstance(items[-1], Document) and items[-1].doc_id == "good-one"
    records = [line for line in lines if line.strip()]
    assert len(items) == len(records) + 1
    for item in items:
        if isinstance(item, Failure):
            assert item.code.startswith("E1") and item.source.startswith(f"{path}:")
        else:
            assert item.url is None or check_url(item.url, "url") == item.url


URLS = st.one_of(st.text(max_size=80),
                 st.builds(lambda s, h, p, q: f"{s}://{h}/{p}?{q}", st.sampled_from(["http", "HTTPS", "ftp"]),
                           st.text(max_size=20), st.text(max_size=20), st.text(max_size=20)))


@FAST
@given(URLS)
def test_a_url_is_either_refused_with_e110_or_safe_for_every_later_stage(url: str) -> None:
    try:
        check_url(url, "record x")
    except BadUrlError as exc:
        assert exc.code == "E110" and "cannot be parsed" in exc.message
        return
    doc_id = url_doc_id(url)
    assert doc_id == url_doc_id(url)  # stable
    slug, _, digest = doc_id.rpartition("-")
    assert len(digest) == 8 and all(c in "0123456789abcdef" for c in digest)
    assert slug and slugify(slug) == slug
    once = normalise_url(url)
    assert once is None or normalise_url(once) == once  # normalising is idempotent


@FAST
@given(st.text(max_size=60), st.binary(max_size=100))
def test_file_ids_are_stable_and_follow_the_content(name: str, content: bytes) -> None:
    path = PurePosixPath((name.replace("/", "_") or "x") + ".txt")
    first = file_doc_id(path, content)
    assert first == file_doc_id(path, content)
    assert first != file_doc_id(path, content + b"!")
    assert slugify(first) == first


@FAST
@given(st.text(max_size=100))
def test_slugs_are_idempotent_and_plain(text: str) -> None:
    slug = slugify(text)
    assert slugify(slug) == slug
    assert slug and set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
