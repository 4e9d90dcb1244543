"""Language identification: foreign articles are refused with E202, English and short texts go on."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import LanguageError
from newsevents.extract import Extractor
from newsevents.extract.language import LanguageDetector
from newsevents.settings import ExtractSettings
from newsevents.types import Document

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ExtractSettings())


@pytest.mark.parametrize(("name", "lang"), [("foreign-es.txt", "es"), ("foreign-fr.txt", "fr"),
                                            ("foreign-de.txt", "de")])
def test_foreign_article_is_e202_naming_the_language(extractor: Extractor, name: str, lang: str) -> None:
    path = DATA / name
    doc = Document(doc_id=name, source=str(path), content=path.read_bytes(), kind="text")
    with pytest.raises(LanguageError) as info:
        extractor.extract(doc)
    assert info.value.code == "E202" and info.value.source == str(path)
    assert f"'{lang}'" in info.value.message and "only English is coded" in info.value.message


def test_foreign_clean_text_is_refused_too(extractor: Extractor) -> None:
    text = (DATA / "foreign-de.txt").read_text(encoding="utf-8")
    doc = Document(doc_id="de", source="wire.jsonl:3", content=text.encode(), kind="clean")
    with pytest.raises(LanguageError):
        extractor.extract(doc)


def test_english_is_detected(extractor: Extractor) -> None:
    text = "Police arrested dozens of protesters outside parliament in Tbilisi on Saturday, officials said."
    doc = Document(doc_id="en", source="s", content=text.encode(), kind="clean")
    assert extractor.extract(doc).language == "en"


def test_short_text_is_assumed_to_be_the_first_language() -> None:
    detector = LanguageDetector(("en",), min_chars=40)
    assert detector.check("Merkel traf Macron in Paris.", "s") == "en"  # 28 characters: too short to tell


def test_other_languages_can_be_allowed() -> None:
    detector = LanguageDetector(("en", "de"), min_chars=40)
    assert detector.check((DATA / "foreign-de.txt").read_text(encoding="utf-8"), "s") == "de"
