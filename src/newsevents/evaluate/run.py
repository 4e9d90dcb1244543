"""Coding the gold texts through the pipeline, to score what ``newsevents`` itself produces.

Each gold text becomes a Document of kind "clean" (offsets index the text as given, as for a JSON
Lines input) with the gold's date as its publication date; the seed article is read as the scraped
text file it is, with the gold's publication date as ``--date``. Results are turned into the JSON
the CLI prints before scoring (see ``predictions.py``). A document the pipeline cannot code is
reported and scores as one without predictions; a gold record with an empty text (there is one in
the PETRARCH-2 validation set) is not sent at all, since nothing can be coded from it: it scores
the same way without being reported as a failure on every run.

The pipeline is imported on first use: scoring predictions from a file needs no model.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..settings import Settings
from ..types import Document, Failure
from .gold import GoldPlacesDoc, GoldSentence, SeedGold
from .predictions import PredEvent, PredPlace

if TYPE_CHECKING:
    from ..pipeline import Pipeline


@dataclass(frozen=True, slots=True)
class Coded:
    """What the pipeline produced for a gold set, and the documents it could not code."""

    events: tuple[PredEvent, ...]
    places: dict[str, tuple[PredPlace, ...]]
    failures: tuple[Failure, ...]


def make_pipeline(settings: Settings, default_date: date | None = None) -> Pipeline:
    from ..pipeline import Pipeline  # loads spaCy: only when something is to be coded

    return Pipeline(settings, default_date=default_date)


def gold_documents(records: Iterable[GoldSentence | GoldPlacesDoc]) -> list[Document]:
    return [Document(doc_id=r.id, source=r.where, content=r.text.encode("utf-8"), kind="clean",
                     published=r.date if isinstance(r, GoldSentence) else None) for r in records if r.text.strip()]


def code_documents(pipeline: Pipeline, documents: Iterable[Document | Failure]) -> Coded:
    events: list[PredEvent] = []
    places: dict[str, tuple[PredPlace, ...]] = {}
    failures: list[Failure] = []
    for item in pipeline.run(documents):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        events += [PredEvent.from_dict(e.to_dict()) for e in item.events]
        places[item.article.doc_id] = tuple(PredPlace.from_dict(p.to_dict(), item.article.source)
                                            for p in item.places)
    return Coded(tuple(events), places, tuple(failures))


def code_gold(pipeline: Pipeline, records: Sequence[GoldSentence | GoldPlacesDoc]) -> Coded:
    """Every gold text through ``pipeline``."""
    return code_documents(pipeline, gold_documents(records))


def code_seed(settings: Settings, gold: SeedGold) -> Coded:
    """The seed article, read and cleaned as scraped text, dated as by ``--date`` = its publication date."""
    from ..read import read_inputs

    pipeline = make_pipeline(settings, default_date=gold.published)
    return code_documents(pipeline, read_inputs([str(gold.text_path)], settings.read))
