"""Every document's work is guarded: a bug in extraction, parsing or coding of one document becomes that
document's Failure, in its place, and every other document of the batch is coded. Stand-in stages around
a blank spaCy pipeline, so no model loads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.errors import NoArticleError
from newsevents.events.codebook import Codebook
from newsevents.nlp import Annotator
from newsevents.pipeline import Pipeline, _Stages
from newsevents.settings import Settings
from newsevents.types import Article, CodedEvent, Coder, Document, Failure, Result
from newsevents.when import DateResolver


class Extractor:
    def extract(self, doc: Document) -> Article:
        text = doc.content.decode("utf-8")
        if "EXTRACT-BUG" in text:
            raise KeyError("a bug in extraction")
        if "NO-ARTICLE" in text:
            raise NoArticleError("document has no article; pass the article's page")
        return Article(doc_id=doc.doc_id, source=doc.source, text=text, language="en", published=doc.published)


class BrittleAnnotator(Annotator):
    """The real Annotator over a blank pipeline, breaking the whole batch when it meets PARSE-BUG."""

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        for text in texts:
            if "PARSE-BUG" in text:
                raise ValueError("[E088] Text of length 2000000 exceeds maximum of 1000000")
            yield from super().pipe([text])


class Resolver:
    def analyse(self, doc: Doc, published: date | None) -> Any:
        if "CODE-BUG" in doc.text:
            raise ZeroDivisionError("a bug in coding")
        return SimpleNamespace(mentions=())


class Coder_:
    """One ARREST event per sentence that says "arrested"."""

    def code(self, doc: Doc, actors: Any, places: Any) -> list[CodedEvent]:
        out = []
        for i, sent in enumerate(doc.sents):
            k = sent.text.find("arrested")
            if k >= 0:
                start = sent.start_char + k
                out.append(CodedEvent(i, sent.start_char, sent.end_char, "arrested", start, start + 8, "173",
                                      None, None, None, None, "asserted", "arrest"))
        return out


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    p = Pipeline(Settings().with_overrides({"nlp": {"batch_size": 8}}), default_date=date(2025, 5, 6))
    geocoder = SimpleNamespace(places=lambda doc, actors: (), locate=lambda *a: None)
    p.__dict__["annotator"] = BrittleAnnotator(nlp, batch_size=8)
    p.__dict__["_stages"] = _Stages(extractor=Extractor(), codebook=Codebook.load(), resolver=Resolver(),  # type: ignore[arg-type]
                                    coder=Coder_(), geocoder=geocoder, dates=DateResolver(),  # type: ignore[arg-type]
                                    coder_id=Coder("stand-in", "0"))
    return p


def doc(i: int, text: str) -> Document:
    return Document(doc_id=f"d{i}", source=f"in.jsonl:{i}", content=text.encode("utf-8"), kind="clean")


def test_a_bug_in_any_stage_costs_one_document(pipeline: Pipeline) -> None:
    texts = ["Police arrested twelve protesters.", "EXTRACT-BUG", "Police arrested one PARSE-BUG.",
             "Police arrested two more.", "NO-ARTICLE", "Police arrested a CODE-BUG.", "Police arrested three."]
    items: list[Document | Failure] = [doc(i, t) for i, t in enumerate(texts)]
    items.insert(3, Failure("gone.txt", "E101", "no such file"))
    out = list(pipeline.run(items))
    assert [o.article.doc_id if isinstance(o, Result) else o.code for o in out] == \
        ["d0", "E900", "E900", "E101", "d3", "E201", "E900", "d6"]
    failures = [o for o in out if isinstance(o, Failure)]
    assert "while extracting this document (KeyError" in failures[0].message and failures[0].doc_id == "d1"
    assert "while parsing this document (ValueError: [E088]" in failures[1].message
    assert failures[1].source == "in.jsonl:2"
    assert "while coding this document (ZeroDivisionError" in failures[4].message
    assert all(len(o.events) == 1 for o in out if isinstance(o, Result))


def test_an_impossible_date_leaves_the_event_undated_with_a_note(pipeline: Pipeline) -> None:
    items: list[Document | Failure] = [doc(0, "Police arrested twelve protesters on 0000-05-05."),
                                       doc(1, "Police arrested twelve protesters 9999999999 days ago.")]
    one, two = pipeline.run(items)
    for result, words in ((one, "year 0"), (two, "9,999,999,999 days before 2025-05-06")):
        assert isinstance(result, Result)
        (event,) = result.events
        assert event.date is None and event.date_note is not None and words in event.date_note
        assert event.to_dict()["date_note"] == event.date_note
    (plain,) = [r for r in pipeline.run([doc(2, "Police arrested twelve protesters.")]) if isinstance(r, Result)]
    assert plain.events[0].date == date(2025, 5, 6) and plain.events[0].to_dict()["date_note"] is None


def test_an_article_over_nlp_max_chars_is_e102() -> None:
    p = Pipeline(Settings().with_overrides({"nlp": {"max_chars": 20}}))
    p.__dict__["_stages"] = SimpleNamespace(extractor=Extractor())
    (failure,) = p.run([doc(0, "Police arrested twelve protesters.")])
    assert isinstance(failure, Failure) and failure.code == "E102" and "nlp.max_chars" in failure.message
