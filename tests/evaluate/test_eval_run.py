"""Coding gold texts: documents built from the gold, results read as the CLI prints them (fake pipeline)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.evaluate import evaluate
from newsevents.evaluate.gold import GoldSentence
from newsevents.evaluate.run import code_documents, gold_documents
from newsevents.types import Actor, Article, Coder, Document, Event, Failure, Place, Result

DATA = Path(__file__).resolve().parents[1] / "data" / "evaluate"


def event(doc_id: str, plover: str, cameo: str, src: Actor | None, tgt: Actor | None, when: date | None,
          where: Place | None = None) -> Event:
    return Event(doc_id=doc_id, event_id=f"{doc_id}:0", sentence_index=0, sentence="s", char_start=0, char_end=1,
                 trigger="agreed", trigger_start=0, trigger_end=1,
                 cameo=cameo, plover_type=plover, plover_mode=None, goldstein=0.0, quad_class=1,
                 modality="asserted", source=src, target=tgt, date=when, location=where,
                 coder=Coder("test", "0"))


PER = Actor("Peru", "Peru", "PER", "GOV", "PERGOV")
CHL = Actor("Chile", "Chile", "CHL", None, "CHL")
LIMA = Place("Lima", 0, 4, "Lima", "PER", -12.04, -77.03, 3936456, "city")


class FakePipeline:
    """Codes r1 as the gold wants, fails on t1, finds nothing elsewhere."""

    def __init__(self) -> None:
        self.seen: list[Document] = []

    def run(self, items: Iterable[Document | Failure]) -> Iterator[Result | Failure]:
        for doc in items:
            assert isinstance(doc, Document)
            self.seen.append(doc)
            if doc.doc_id == "t1":
                yield Failure(doc.source, "E900", "boom", doc.doc_id)
                continue
            article = Article(doc.doc_id, doc.source, doc.content.decode(), "en", published=doc.published)
            events = (event("r1", "AGREE", "036", PER, CHL, doc.published, LIMA),) if doc.doc_id == "r1" else ()
            yield Result(article=article, places=(LIMA,) if doc.doc_id == "r1" else (), events=events)


def test_gold_documents_are_clean_dated_and_skip_empty_texts() -> None:
    gold = [GoldSentence("a", "A text.", date(2020, 1, 2), (), "g.jsonl:1"), GoldSentence("b", "  ", None, (), "g:2")]
    docs = gold_documents(gold)
    assert [(d.doc_id, d.kind, d.published, d.content, d.source) for d in docs] == [
        ("a", "clean", date(2020, 1, 2), b"A text.", "g.jsonl:1")]


def test_code_documents_reads_results_as_printed() -> None:
    docs = [Document("r1", "g:1", b"x", "clean", published=date(2021, 5, 4)), Document("t1", "g:2", b"y", "clean")]
    coded = code_documents(FakePipeline(), docs)  # type: ignore[arg-type]
    (e,) = coded.events
    assert (e.doc_id, e.plover, e.cameo, e.date, e.location_country, e.trigger) == (
        "r1", "AGREE", "036", "2021-05-04", "PER", "agreed")
    assert e.source is not None and (e.source.country, e.source.sector, e.source.code) == ("PER", "GOV", "PERGOV")
    assert coded.places["r1"][0].geonameid == "3936456" and coded.places["r1"][0].lat == -12.04
    assert [f.doc_id for f in coded.failures] == ["t1"]


def test_evaluate_through_a_pipeline() -> None:
    fake: Any = FakePipeline()
    report = evaluate(DATA / "events.gold.jsonl", pipeline=fake)
    assert [d.doc_id for d in fake.seen][:2] == ["r1", "t1"] and len(fake.seen) == 9
    assert report["event"]["tp"] == 1 and report["event"]["pred"] == 1
    assert report["no_event_docs_clean"] == "2/2"
    assert report["failures"] == [f"{DATA / 'events.gold.jsonl'}:2: [E900] boom"]
