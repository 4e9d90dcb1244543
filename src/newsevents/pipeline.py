"""The only module that knows the order of the stages.

    Document -> extract -> Article -> nlp -> Doc -> actors, places, coded events, dates -> Result

``Pipeline(settings)`` builds every stage once (model, dictionaries, gazetteer) and ``run`` streams
results in input order. A spaCy ``Doc`` never leaves ``_analyse``: what comes out is frozen records.
With ``n_process > 1`` worker processes (workers.py) code batches of Documents; only Documents and
Results cross process boundaries, and a worker that dies costs one document, not the run.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from . import workers
from .actors import ActorKnowledge, ActorResolver
from .actors.context import DocActors
from .errors import INTERNAL_ERROR, NewsEventsError, internal_message
from .events.codebook import Codebook
from .events.coder import EventCoder
from .events.patterns import VerbPatterns
from .extract import Extractor
from .geo import Gazetteer, Geocoder
from .knowledge.countries import Countries
from .nlp import Annotator, check_length, load_model
from .settings import Settings
from .types import Article, CodedEvent, Coder, Document, Event, Failure, Place, Result
from .when import DateResolver, Dating
from .workers import WorkerPool


@dataclass(frozen=True, slots=True)
class _Stages:
    extractor: Extractor
    codebook: Codebook
    resolver: ActorResolver
    coder: EventCoder
    geocoder: Geocoder
    dates: DateResolver
    coder_id: Coder


class Pipeline:
    """Every stage, built once from ``settings``; ``default_date`` dates documents that have none."""

    def __init__(self, settings: Settings, *, default_date: date | None = None) -> None:
        self.settings = settings
        self.default_date = default_date

    @cached_property
    def nlp(self) -> Language:
        return load_model(self.settings.nlp)


    @cached_property
    def annotator(self) -> Annotator:
        return Annotator(self.nlp, batch_size=self.settings.nlp.batch_size)

    @cached_property
    def _stages(self) -> _Stages:
        # Built on first use, so that a parent process that only hands batches to workers loads nothing.
        settings = self.settings
        countries = Countries.load()
        codebook = Codebook.load()
        gazetteer = Gazetteer.load(countries, settings.geo)
        # The resolver reads towns through the gazetteer's lookup ("police in Lagos"); actors/ imports nothing
        # from geo/, it only receives the function.
        resolver = ActorResolver(ActorKnowledge.load(countries, settings.actors.extra_files), places=gazetteer.lookup)
        patterns = VerbPatterns.load(codebook)
        coder = EventCoder(settings.events, patterns, resolver,
                           max_sentence_chars=settings.nlp.max_sentence_chars, countries=countries)
        return _Stages(
            extractor=Extractor(settings.extract),
            codebook=codebook,
            resolver=resolver,
            coder=coder,
            geocoder=Geocoder(gazetteer),
            dates=DateResolver(),
            coder_id=Coder(EventCoder.NAME, EventCoder.VERSION),
        )

    def load(self) -> Pipeline:
        """Build every stage now (otherwise on first use); returns self."""
        _ = self.annotator, self._stages
        return self

    # -- public -----------------------------------------------------------------------------------

    def run(self, items: Iterable[Document | Failure], *, n_process: int | None = 1) -> Iterator[Result | Failure]:
        """Every item as a Result or a Failure, in input order.

        ``n_process`` worker processes code the batches; ``None`` chooses: one per available CPU once the
        input holds more than one batch (where workers can be forked from this loaded pipeline), else
        this process alone, which for a few documents is faster than starting workers.
        """
        batches = _batches(items, self.settings.nlp.batch_size)
        if n_process is None:
            batches, n_process = _choose_processes(batches)
        if n_process <= 1:
            for batch in batches:
                yield from self.process_batch(batch)
            return
        if _can_fork():
            # Workers forked from a loaded pipeline share its model and dictionaries instead of each
            # loading them again (about 6 s per worker: docs/benchmarks.md). Elsewhere (macOS, Windows)
            # fork is unsafe or absent, and each spawned worker builds its own.
            self.load()
            pool = WorkerPool(n_process, multiprocessing.get_context("fork"), workers.adopt, (self,))
        else:
            pool = WorkerPool(n_process, multiprocessing.get_context("spawn"), workers.build,
                              (_loaded_pipeline, self.settings, self.default_date))
        # The loaded model and dictionaries are moved out of the garbage collector's sight before forking:
        # a collection in a worker would otherwise write to every object's header and so copy every page
        # it shares with the parent (Python's gc.freeze documentation).
        gc.freeze()
        try:
            for results in pool.map(batches):
                yield from results
        finally:
            gc.unfreeze()

    def process_batch(self, batch: list[Document | Failure]) -> list[Result | Failure]:
        """One batch through every stage: extraction per document, one ``nlp.pipe`` for all.

        Every document's work is guarded: whatever one raises (a coded error, or a bug: E900) becomes
        that document's Failure and the others go on. Should parsing the batch fail, each of its
        documents is parsed alone, so that only the one that fails is lost.
        """
        out: list[Result | Failure | None] = [None] * len(batch)
        articles: list[tuple[int, Article]] = []
        for i, item in enumerate(batch):
            if isinstance(item, Failure):
                out[i] = item
                continue
            try:
                article = self._stages.extractor.extract(item)
                check_length(article.text, self.settings.nlp.max_chars, f"document {item.source}")
                articles.append((i, article))
            except Exception as exc:  # noqa: BLE001 - one broken document must not stop the batch; it is reported
                out[i] = _failure(exc, item.source, item.doc_id, "extracting")
        for (i, article), doc in zip(articles, self._parsed([a for _, a in articles]), strict=True):
            out[i] = doc if isinstance(doc, Failure) else self._safely_analyse(article, doc)
        return [r for r in out if r is not None]

    def _parsed(self, articles: list[Article]) -> Iterator[Doc | Failure]:
        """A Doc per article, in order; after a failure the rest are parsed one at a time."""
        if not articles:
            return
        done = 0
        try:
            for doc in self.annotator.pipe(a.text for a in articles):
                yield doc
                done += 1
            return
        except Exception:  # noqa: BLE001 - which document broke the batch is found below, one by one
            pass
        for article in articles[done:]:
            try:
                yield next(iter(self.annotator.pipe([article.text])))
            except Exception as exc:  # noqa: BLE001 - reported as this document's failure
                yield _failure(exc, article.source, article.doc_id, "parsing")

    # -- per document -----------------------------------------------------------------------------

    def _safely_analyse(self, article: Article, doc: Doc) -> Result | Failure:
        try:
            return self._analyse(article, doc)
        except Exception as exc:  # noqa: BLE001 - one broken document must not stop the batch; it is reported
            return _failure(exc, article.source, article.doc_id, "coding")

    def _analyse(self, article: Article, doc: Doc) -> Result:
        s = self._stages
        published = article.published or self.default_date
        doc_actors = s.resolver.analyse(doc, published)
        places = s.geocoder.places(doc, doc_actors)
        sentences = _sentence_spans(doc)
        events = tuple(self._event(article.doc_id, article.text, k, ce, doc, sentences, places, doc_actors, published)
                       for k, ce in enumerate(s.coder.code(doc, doc_actors, places)))
        return Result(article=article, mentions=doc_actors.mentions, places=places, events=events,
                      sentences=sentences)

    def _event(self, doc_id: str, text: str, k: int, ce: CodedEvent, doc: Doc,
               sentences: tuple[tuple[int, int], ...],
               places: tuple[Place, ...], doc_actors: DocActors, published: date | None) -> Event:
        s = self._stages
        info = s.codebook.get(ce.code)
        # The evidence is the sentence holding the trigger, counted and trimmed the same way whichever
        # way the text was split (selective or full parse).
        index = max(0, bisect.bisect_right(sentences, (ce.trigger_start, sys.maxsize)) - 1)
        start, end = sentences[index] if sentences else (ce.sent_start, ce.sent_end)
        sent = doc.char_span(start, end, alignment_mode="expand")
        when = (s.dates.dating(sent, published, anchor=ce.trigger_start, future=ce.modality == "future")
                if sent is not None else Dating(published))
        return Event(
            doc_id=doc_id, event_id=f"{doc_id}:{k}", sentence_index=index,
            sentence=text[start:end], char_start=start, char_end=end,
            trigger=ce.trigger, trigger_start=ce.trigger_start, trigger_end=ce.trigger_end,
            cameo=info.code, plover_type=info.plover_type, plover_mode=info.plover_mode,
            goldstein=info.goldstein, quad_class=info.quad_class, modality=ce.modality,
            source=ce.source, target=ce.target, date=when.date,
            location=s.geocoder.locate(ce, doc, places, doc_actors),
            coder=s.coder_id, date_note=when.note,
        )


def _failure(exc: Exception, source: str, doc_id: str, stage: str) -> Failure:
    if isinstance(exc, NewsEventsError):
        return Failure(exc.source or source, exc.code, exc.message, doc_id)
    return Failure(source, INTERNAL_ERROR, internal_message(exc, stage), doc_id)


def _sentence_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence with text, whitespace trimmed, in order."""
    spans = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped:
            continue
        lead = len(text) - len(text.lstrip())
        spans.append((sent.start_char + lead, sent.start_char + lead + len(stripped)))
    return tuple(spans)


def _batches(items: Iterable[Document | Failure], size: int) -> Iterator[list[Document | Failure]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux")


def available_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _choose_processes(batches: Iterator[list[Document | Failure]]) -> tuple[Iterator[list[Document | Failure]], int]:
    """Workers for ``n_process=None``: the first two batches are read to see whether there is more than one.

    Spawned workers (macOS, Windows) each load the model again (~6 s, docs/benchmarks.md), which a few
    batches do not repay: there the choice is this process; pass ``n_process`` to use more.
    """
    head = list(islice(batches, 2))
    n = available_cpus() if len(head) > 1 and _can_fork() else 1
    return itertools.chain(head, batches), n


def _loaded_pipeline(settings: Settings, default_date: date | None) -> Pipeline:
    """A spawned worker's own pipeline, built once for its lifetime."""
    return Pipeline(settings, default_date=default_date).load()
