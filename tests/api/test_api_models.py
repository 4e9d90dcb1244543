"""The API's article body becomes the Document the readers would make of the same page."""

from __future__ import annotations

from newsevents.api.models import ArticleIn
from newsevents.extract import Extractor
from newsevents.settings import Settings

PAGE = ("<html><head><meta charset=windows-1252><title>Zürich</title></head><body><article><p>"
        + "Police in Zürich detained a dozen marchers outside the cantonal parliament on Tuesday, a spokeswoman "
          "for the city said. " * 2 + "</p></article></body></html>")


def test_an_html_field_is_read_as_the_text_it_is_whatever_charset_it_declares() -> None:
    article = Extractor(Settings().extract).extract(ArticleIn(html=PAGE).document())
    assert "Police in Zürich detained" in article.text  # not "ZÃ¼rich": the page arrived decoded


def test_the_id_made_for_a_page_does_not_depend_on_how_it_is_marked_decoded() -> None:
    import hashlib

    expected = "api-" + hashlib.sha256(PAGE.encode("utf-8")).hexdigest()[:16]
    assert ArticleIn(html=PAGE).document().doc_id == expected
