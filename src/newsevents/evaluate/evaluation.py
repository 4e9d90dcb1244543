"""One call from a gold file to a report: read the gold, get predictions, score, report.

``newsevents eval`` and ``benchmarks/accuracy.py`` both go through ``evaluate``, so the numbers a
user sees and the numbers the accuracy gate pins are computed the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..settings import Settings
from .events import score_events
from .gold import Kind, detect_kind, read_event_gold, read_places_gold
from .places import score_places
from .predictions import read_event_predictions, read_place_predictions
from .report import events_report, places_report, seed_report
from .run import code_gold, code_seed, make_pipeline
from .seed import read_seed_gold, score_seed

if TYPE_CHECKING:
    from ..pipeline import Pipeline

KINDS: tuple[Kind, ...] = ("events", "places", "seed")


def evaluate(gold: Path | str, *, kind: Kind | None = None, predictions: Path | str | None = None,
             settings: Settings | None = None, pipeline: Pipeline | None = None, worst: int = 10) -> dict[str, Any]:
    """The report (a JSON-ready dict) for ``gold``.

    ``kind`` is guessed from the file when not given (XML and records with ``events`` are events,
    records with ``toponyms`` places, a ``.json`` file the seed). ``predictions`` is a JSON Lines file
    of events (``newsevents code --format jsonl``) or, for places, of documents (``newsevents
    extract --format jsonl``); without it the gold texts are coded by ``pipeline`` (built from
    ``settings`` when not given). ``worst`` bounds the list of worst cases.
    """
    gold = Path(gold)
    kind = kind or detect_kind(gold)
    if kind not in KINDS:
        raise UsageError(f"--kind {kind!r} is not known; choose events, places or seed")
    settings = settings or Settings()
    label = str(gold)
    if kind == "seed":
        seed = read_seed_gold(gold)
        if predictions is not None:
            return seed_report(score_seed(seed, read_event_predictions(predictions)), gold=label, worst=worst)
        coded = code_seed(settings, seed)
        return seed_report(score_seed(seed, coded.events), gold=label, worst=worst, failures=coded.failures)
    if kind == "places":
        docs = read_places_gold(gold)
        if predictions is not None:
            return places_report(score_places(docs, read_place_predictions(predictions)), gold=label, worst=worst)
        coded = code_gold(pipeline or make_pipeline(settings), docs)
        return places_report(score_places(docs, coded.places), gold=label, worst=worst, failures=coded.failures)
    sentences = read_event_gold(gold)
    if predictions is not None:
        return events_report(score_events(sentences, read_event_predictions(predictions)), gold=label, worst=worst)
    coded = code_gold(pipeline or make_pipeline(settings), sentences)
    return events_report(score_events(sentences, coded.events), gold=label, worst=worst, failures=coded.failures)
