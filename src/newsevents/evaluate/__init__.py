"""Evaluation as a feature: gold readers, scores by the referee's rules, reports, the accuracy gate.

    evaluate(gold, kind=None, predictions=None, settings=None, pipeline=None, worst=10, half=None) -> dict
    evaluate_halves(gold, ...) -> {None: report, "work": report, "check": report}, coded once

    gold.py         gold records; JSON Lines readers (events, places), ``detect_kind``
    petrarch.py     PETRARCH validation XML and CAMEO actor codes
    predictions.py  predicted events and places, in the JSON the CLI prints
    events.py       event scores: event_type, event, cameo_root, per type, actors, dates, confusion
    places.py       toponym scores: recognised, acc@161km, exact GeoNames id, median error
    seed.py         the seed article's must / may / must-not scores
    report.py       the report dict (``--format json``) and its text
    run.py          coding gold texts through the pipeline (imported lazily: no model for --predictions)
    gate.py         floors: check, raise, refuse to lower
    halves.py       the fixed work / check halves of every gold set, by a hash of the id

The referee is ``shared/tools/score_events.py``; the headline numbers here equal its numbers on the
same output (tests/evaluate/test_eval_referee.py).
"""

from __future__ import annotations

from .evaluation import KINDS, Kind, evaluate, evaluate_halves
from .events import EventScores, score_events
from .gate import Bound, Check, Floors, check, gate_metrics, load_floors, save_floors, updated
from .gold import (
    GoldActor,
    GoldEvent,
    GoldPlacesDoc,
    GoldSentence,
    GoldToponym,
    SeedGold,
    detect_kind,
    read_event_gold,
    read_places_gold,
)
from .halves import HALVES, Half, half_of, in_half
from .places import PlaceScores, score_places
from .predictions import PredActor, PredEvent, PredPlace, read_event_predictions, read_place_predictions
from .report import render_text
from .seed import SeedScores, read_seed_gold, score_seed

__all__ = [
    "HALVES",
    "KINDS",
    "Bound",
    "Check",
    "EventScores",
    "Floors",
    "GoldActor",
    "GoldEvent",
    "GoldPlacesDoc",
    "GoldSentence",
    "GoldToponym",
    "Half",
    "Kind",
    "PlaceScores",
    "PredActor",
    "PredEvent",
    "PredPlace",
    "SeedGold",
    "SeedScores",
    "check",
    "detect_kind",
    "evaluate",
    "evaluate_halves",
    "gate_metrics",
    "half_of",
    "in_half",
    "load_floors",
    "read_event_gold",
    "read_event_predictions",
    "read_place_predictions",
    "read_places_gold",
    "read_seed_gold",
    "render_text",
    "save_floors",
    "score_events",
    "score_places",
    "score_seed",
    "updated",
]
