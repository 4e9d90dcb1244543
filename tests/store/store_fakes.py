"""Hand-built Results and a stand-in pipeline for the store, API and CLI tests (no spaCy model)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date

from newsevents.types import Actor, Article, Coder, Document, Event, Failure, Place, Result

USA = Actor(text="Washington", name="United States", country="USA", sector="GOV", code="USAGOV")
IRQ = Actor(text="Iraq", name="Iraq", country="IRQ", sector="GOV", code="IRQGOV")
UN = Actor(text="the UN", name="United Nations", country=None, sector=None, code="IGOUNO")
BAGHDAD = Place(text="Baghdad", start=0, end=7, name="Baghdad", country="IRQ", lat=33.34058, lon=44.40088,
                geonameid=98182, feature="city")
CODER = Coder("fake", "0")
DAY = date(2024, 5, 1)


def event(doc_id: str, k: int, *, sentence: str = "Washington visited Iraq.", sentence_index: int = 0,
          cameo: str = "042", source: Actor | None = USA, target: Actor | None = IRQ, day: date | None = DAY,
          location: Place | None = BAGHDAD, modality: str = "asserted", plover: str = "CONSULT",
          goldstein: float = 1.9, quad: int = 1) -> Event:
    return Event(doc_id=doc_id, event_id=f"{doc_id}:{k}", sentence_index=sentence_index, sentence=sentence,
                 char_start=0, char_end=len(sentence), trigger="visited",
                 trigger_start=sentence.find("visited"), trigger_end=sentence.find("visited") + 7,
                 cameo=cameo, plover_type=plover,
                 plover_mode=None, goldstein=goldstein, quad_class=quad, modality=modality,  # type: ignore[arg-type]
                 source=source, target=target, date=day, location=location, coder=CODER)


def result(doc_id: str, text: str, *, events: Iterable[Event] = (), url: str | None = None,
           source: str | None = None, site: str | None = None, original_source: str | None = None,
           title: str | None = None, published: date | None = DAY) -> Result:
    article = Article(doc_id=doc_id, source=source or f"input.jsonl:{doc_id}", text=text, language="en", url=url,
                      title=title, published=published, site=site, original_source=original_source)
    return Result(article=article, events=tuple(events))


def failure(source: str, code: str = "E201", doc_id: str | None = None) -> Failure:
    return Failure(source=source, code=code, message="no main text found; give a longer article", doc_id=doc_id)


def story_text(n: int, words: int = 120) -> str:
    """A distinct article text (``n`` picks it): no two values of ``n`` share a word 3-gram."""
    return " ".join(f"w{n}x{i}" for i in range(words)) + "."


class FakePipeline:
    """Codes one CONSULT event (USA -> IRQ) per sentence that says "visited"; text with FAIL fails."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def run(self, items: Iterable[Document | Failure], *, n_process: int = 1) -> Iterator[Result | Failure]:
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            self.seen.append(item.doc_id)
            text = item.content.decode("utf-8")
            if "FAIL" in text:
                yield Failure(item.source, "E201", "no main text found; give a longer article", item.doc_id)
                continue
            events = []
            for i, m in enumerate(re.finditer(r"[^.]*\.", text)):
                if "visited" in m.group(0):
                    sentence = m.group(0)
                    events.append(event(item.doc_id, len(events), sentence=sentence.strip(), sentence_index=i,
                                        day=item.published or DAY))
            article = Article(doc_id=item.doc_id, source=item.source, text=text, language="en", url=item.url,
                              title=item.title, published=item.published)
            yield Result(article=article, events=tuple(events))
