"""URL keys never raise and never make unrelated articles the same (found by the property tests in
tests/read/test_read_properties.py): an unparseable URL, or one that normalises to nothing, is no key."""

from __future__ import annotations

import pytest

from newsevents.store.keys import normalise_url


@pytest.mark.parametrize("url", ["http://[::1/", "?", "#top", "?utm_source=feed", "  "])
def test_no_key_from_a_url_that_names_no_page(url: str) -> None:
    assert normalise_url(url) is None


def test_a_real_url_keeps_its_key() -> None:
    key = normalise_url("HTTPS://News.Example.org/a/b/?utm_medium=x&id=3#c")
    assert key == "https://news.example.org/a/b?id=3" and normalise_url(key) == key
