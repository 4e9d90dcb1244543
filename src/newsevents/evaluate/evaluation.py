"""One call from a gold file to a report: read the gold, get predictions, score, report.

``newsevents eval`` and ``benchmarks/accuracy.py`` both go through ``evaluate``, so the numbers a
user sees and the numbers the accuracy gate pins are computed the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..settings import Settings
from ..types import Failure
from .events import score_events
from .gold import Kind, detect_kind, read_event_gold, read_places_gold
from .halves import HALVES, Half, half_of, in_half
from .places import score_places
from .predictions import read_event_predictions, read_place_predictions
from .report import events_report, places_report, seed_report
from .run import code_gold, code_seed, make_pipeline
from .seed import read_seed_gold, score_seed

if TYPE_CHECKING:
    from ..pipeline import Pipeline

KINDS: tuple[Kind, ...] = ("events", "places", "seed")


def evaluate(gold: Path | str, *, kind: Kind | None = None, predictions: Path | str | None = None,
             settings: Settings | None = None, pipeline: Pipeline | None = None, worst: int = 10,
             half: Half | None = None) -> dict[str, Any]:
    """The report (a JSON-ready dict) for ``gold``, or for one half of it (see ``halves.py``).

    ``kind`` is guessed from the file when not given (XML and records with ``events`` are events,
    records with ``toponyms`` places, a ``.json`` file the seed). ``predictions`` is a JSON Lines file
    of events (``newsevents code --format jsonl``) or, for places, of documents (``newsevents
    extract --format jsonl``); without it the gold texts are coded by ``pipeline`` (built from
    ``settings`` when not given). ``worst`` bounds the list of worst cases.
    """
    return evaluate_halves(gold, kind=kind, predictions=predictions, settings=settings, pipeline=pipeline,
                           worst=worst, halves=(half,))[half]


def evaluate_halves(gold: Path | str, *, kind: Kind | None = None, predictions: Path | str | None = None,
                    settings: Settings | None = None, pipeline: Pipeline | None = None, worst: int = 10,
                    halves: tuple[Half | None, ...] = (None, *HALVES)) -> dict[Half | None, dict[str, Any]]:
    """One report per half asked for (``None``: the whole set), the gold coded once for all of them.

    The seed is one article: it has no halves, and only ``None`` is reported for it.
    """
    gold = Path(gold)
    kind = kind or detect_kind(gold)
    if kind not in KINDS:
        raise UsageError(f"--kind {kind!r} is not known; choose events, places or seed")
    settings = settings or Settings()
    label = str(gold)
    if kind == "seed":
        if any(h is not None for h in halves):
            raise UsageError("the seed is one article and has no halves; drop --half")
        seed = read_seed_gold(gold)
        if predictions is not None:
            return {None: seed_report(score_seed(seed, read_event_predictions(predictions)), gold=label,
                                      worst=worst)}
        coded = code_seed(settings, seed)
        return {None: seed_report(score_seed(seed, coded.events), gold=label, worst=worst,
                                  failures=coded.failures)}
    if kind == "places":
        docs = read_places_gold(gold)
        if predictions is not None:
            found = read_place_predictions(predictions)
            failures: tuple[Failure, ...] = ()
        else:
            coded = code_gold(pipeline or make_pipeline(settings), docs)
            found, failures = coded.places, coded.failures
        out: dict[Half | None, dict[str, Any]] = {}
        for half in halves:
            out[half] = places_report(score_places(list(in_half(docs, half)),
                                                   {k: v for k, v in found.items() if _in(k, half)}),
                                      gold=_label(label, half), worst=worst,
                                      failures=tuple(f for f in failures if _in(f.doc_id, half)))
        return out
    sentences = read_event_gold(gold)
    if predictions is not None:
        events = tuple(read_event_predictions(predictions))
        failures = ()
    else:
        coded_events = code_gold(pipeline or make_pipeline(settings), sentences)
        events, failures = coded_events.events, coded_events.failures
    out = {}
    for half in halves:
        # A prediction belongs to the half of its document id, as a gold record does: the other half's are
        # left out, not counted as events for unknown documents.
        scores = score_events(list(in_half(sentences, half)), [e for e in events if _in(e.doc_id, half)])
        out[half] = events_report(scores,
                                  gold=_label(label, half), worst=worst,
                                  failures=tuple(f for f in failures if _in(f.doc_id, half)))
    return out


def _in(doc_id: str | None, half: Half | None) -> bool:
    return half is None or (doc_id is not None and half_of(doc_id) == half)


def _label(label: str, half: Half | None) -> str:
    return label if half is None else f"{label} ({half} half)"
