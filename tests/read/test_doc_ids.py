"""Document ids: same input, same id; the documented shapes."""

from __future__ import annotations

import io
import re
from pathlib import Path, PurePath

from hypothesis import given
from hypothesis import strategies as st

from newsevents.read import read_inputs
from newsevents.read.ids import file_doc_id, record_doc_id, slugify, stdin_doc_id, url_doc_id
from newsevents.settings import ReadSettings
from newsevents.types import Document

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
names = st.text(min_size=0, max_size=80)


@given(names, st.binary(max_size=200))
def test_file_id_depends_only_on_stem_and_content(stem: str, content: bytes) -> None:
    stem = stem.replace("/", "_").replace("\x00", "") or "x"
    a = file_doc_id(PurePath("/one") / f"{stem}.txt", content)
    b = file_doc_id(PurePath("elsewhere/two") / f"{stem}.txt", bytes(content))
    assert a == b
    slug, digest = a.rsplit("-", 1)
    assert SLUG.match(slug) and re.fullmatch(r"[0-9a-f]{8}", digest)


@given(st.binary(min_size=1, max_size=200), st.binary(min_size=1, max_size=200))
def test_stdin_id_is_a_function_of_content(a: bytes, b: bytes) -> None:
    assert stdin_doc_id(a) == stdin_doc_id(bytes(a))
    assert re.fullmatch(r"stdin-[0-9a-f]{8}", stdin_doc_id(a))
    if a != b:  # 8 hex chars: a collision among two random inputs is 1 in 4 billion
        assert stdin_doc_id(a) != stdin_doc_id(b)


@given(names)
def test_slugify_always_gives_a_slug(text: str) -> None:
    assert SLUG.match(slugify(text))
    assert len(slugify(text)) <= 60


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=300))
def test_same_content_gives_same_id_through_read_inputs(text: str) -> None:
    content = f"Article: {text}".encode()  # a text prefix: NUL bytes and binary signatures are refused
    first = list(read_inputs(["-"], ReadSettings(), stdin=io.BytesIO(content)))
    second = list(read_inputs(["-"], ReadSettings(), stdin=io.BytesIO(content)))
    assert all(isinstance(d, Document) for d in first)
    assert [d.doc_id for d in first] == [d.doc_id for d in second]


def test_documented_shapes(tmp_path: Path) -> None:
    path = tmp_path / "Blinken Visit.txt"
    path.write_text("Blinken visited Baghdad.", encoding="utf-8")
    (doc,) = read_inputs([str(path)], ReadSettings())
    assert isinstance(doc, Document) and re.fullmatch(r"blinken-visit-[0-9a-f]{8}", doc.doc_id)
    assert re.fullmatch(r"ankara-talks-[0-9a-f]{8}", url_doc_id("https://x.example/world/ankara-talks.html"))
    assert re.fullmatch(r"world-[0-9a-f]{8}", url_doc_id("https://x.example/world/"))
    assert url_doc_id("https://x.example/a") != url_doc_id("https://x.example/b/a")
    assert record_doc_id(PurePath("data/Wire Feed.jsonl"), 12) == "wire-feed-12"
    assert slugify("Ärger in Zürich") == "arger-in-zurich"
