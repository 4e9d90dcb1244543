"""Scoring coded events against gold sentences, by the referee's rules (``shared/tools/score_events.py``).

Headline numbers (they must equal the referee's on the same output; a test checks it):

- ``event_type``: per sentence, the set of predicted PLOVER types against the gold types; micro P/R/F1.
- ``event``: a predicted event matches a gold event when the type agrees (the PLOVER type; the CAMEO
  root where the gold has no PLOVER type, as for statements and appeals) and the actors agree: the
  source among the gold sources and the target among the gold targets, or, for a reciprocal event or
  one without a gold target, both among all the gold actors (a missing predicted target is then
  allowed). Matching is one to one, gold events in order, each taking the first free prediction.
  Precision counts every prediction for a gold sentence; recall every gold event.
- ``cameo_root``: as event_type on the first two digits of the CAMEO code, over sentences whose gold
  has CAMEO codes and over sentences without gold events.
- Actors agree by country (ISO alpha-3). A gold actor without a country is compared by its kind when
  it is transnational (IGO, NGO, IMG, ISM, MNC: the first three letters of the predicted code or
  sector must agree) and matches any predicted actor when its country is unknown (CAMEO ``---``).

The rest (per type, actors, dates, confusion, worst sentences) explains the headline numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .gold import GoldActor, GoldEvent, GoldSentence
from .predictions import PredActor, PredEvent, group_by_doc

TRANSNATIONAL = ("IGO", "NGO", "IMG", "ISM", "MNC")
ANYONE = "*"  # the key of a gold actor whose country is unknown: it agrees with any predicted actor
NONE = "(none)"  # the confusion table's row and column for "no event type"


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts behind precision, recall and F1; ``to_dict`` rounds as the referee prints them."""

    tp: int
    pred: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.pred + other.pred, self.gold + other.gold)

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "pred": self.pred, "gold": self.gold}


ZERO = PRF(0, 0, 0)


# -- the matching rules ------------------------------------------------------------------------------


def gold_key(actor: GoldActor) -> str:
    """What a gold actor must agree on: its country, else its transnational kind, else anything."""
    if actor.country:
        return actor.country
    for k in (actor.code or "", actor.sector or ""):
        if k.startswith(TRANSNATIONAL):
            return k[:3]
    return ANYONE


def pred_keys(actor: PredActor | None) -> frozenset[str] | None:
    """A predicted actor's country, else the first three letters of its code and sector; None if absent."""
    if actor is None:
        return None
    if actor.country:
        return frozenset({actor.country})
    return frozenset(v[:3] for v in (actor.code, actor.sector) if v)


def agrees(gold: Sequence[str], pred: frozenset[str] | None) -> bool:
    if pred is None:
        return False
    return any(g == ANYONE or g in pred for g in gold)


def ev_type_agrees(ge: GoldEvent, pe: PredEvent) -> bool:
    if ge.plover:
        return pe.plover == ge.plover
    return ge.cameo is not None and (pe.cameo or "None")[:2] == ge.cameo[:2]


def event_matches(ge: GoldEvent, pe: PredEvent) -> bool:
    """Whether one prediction counts as one gold event (type and actors); see the module docstring."""
    if not (ge.plover or ge.cameo) or not ev_type_agrees(ge, pe):
        return False
    src = [gold_key(a) for a in ge.sources]
    tgt = [gold_key(a) for a in ge.targets]
    ps, pt = pred_keys(pe.source), pred_keys(pe.target)
    if ge.reciprocal or not tgt:
        everyone = src + tgt
        return agrees(everyone, ps) and (pt is None or agrees(everyone, pt))
    return (agrees(src, ps) if src else True) and agrees(tgt, pt)


def match(gold: Sequence[GoldEvent], preds: Sequence[PredEvent]) -> tuple[tuple[int, int], ...]:
    """(gold index, prediction index) pairs, one to one: each gold event takes the first free match."""
    used: set[int] = set()
    pairs = []
    for gi, ge in enumerate(gold):
        for pi, pe in enumerate(preds):
            if pi not in used and event_matches(ge, pe):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return tuple(pairs)


# -- per sentence ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SentenceOutcome:
    """One gold sentence with what was produced for it and which events matched."""

    gold: GoldSentence
    preds: tuple[PredEvent, ...]
    pairs: tuple[tuple[int, int], ...]

    @property
    def gold_types(self) -> frozenset[str]:
        return frozenset(e.plover for e in self.gold.events if e.plover)

    @property
    def pred_types(self) -> frozenset[str]:
        return frozenset(e.plover for e in self.preds if e.plover)

    @property
    def gold_roots(self) -> frozenset[str]:
        return frozenset(e.cameo[:2] for e in self.gold.events if e.cameo)

    @property
    def pred_roots(self) -> frozenset[str]:
        return frozenset(e.cameo[:2] for e in self.preds if e.cameo)

    @property
    def counts_roots(self) -> bool:
        """Whether the sentence takes part in cameo_root: its gold has CAMEO codes, or no events."""
        return bool(self.gold_roots) or not self.gold.events

    @property
    def missed(self) -> int:
        return len(self.gold.events) - len(self.pairs)

    @property
    def spurious(self) -> int:
        return len(self.preds) - len(self.pairs)

    @property
    def errors(self) -> int:
        return self.missed + self.spurious


# -- the whole set ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Agreement:
    """Matched events whose predicted actor agrees with the gold one in one role and one field."""

    role: str  # "source" or "target"
    field: str  # "country" or "sector"
    agree: int
    total: int

    @property
    def share(self) -> float:
        return self.agree / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class DateScores:
    events: int  # predicted events for gold sentences
    dated: int  # ... that carry a date
    compared: int  # matched events whose gold gives a date
    agree: int  # ... where the predicted date is that date


@dataclass(frozen=True, slots=True)
class EventScores:
    sentences: tuple[SentenceOutcome, ...]
    event_type: PRF
    event: PRF
    cameo_root: PRF
    no_event_docs: int
    no_event_docs_clean: int
    stray: int  # predicted events for ids that are not in the gold
    by_type: tuple[tuple[str, PRF], ...]
    by_root: tuple[tuple[str, PRF], ...]
    actors: tuple[Agreement, ...]
    dates: DateScores
    confusion: tuple[tuple[tuple[str, str], int], ...]  # ((gold type, predicted type), sentences)

    def headline(self) -> dict[str, Any]:
        """The referee's numbers, in the referee's shape."""
        out: dict[str, Any] = {
            "docs": len(self.sentences), "event_type": self.event_type.to_dict(), "event": self.event.to_dict(),
            "no_event_docs_clean": f"{self.no_event_docs_clean}/{self.no_event_docs}",
            "events_for_unknown_docs": self.stray,
        }
        if self.cameo_root.gold:
            out["cameo_root"] = self.cameo_root.to_dict()
        return out

    def worst(self, n: int) -> list[SentenceOutcome]:
        """The ``n`` sentences with the most missed plus spurious events (ties in gold order)."""
        wrong = [s for s in self.sentences if s.errors]
        return sorted(wrong, key=lambda s: -s.errors)[:n]


def _set_prf(gold: frozenset[str], pred: frozenset[str]) -> PRF:
    return PRF(len(gold & pred), len(pred), len(gold))


def _per_label(outcomes: Iterable[tuple[frozenset[str], frozenset[str]]]) -> tuple[tuple[str, PRF], ...]:
    counts: dict[str, PRF] = {}
    for gold, pred in outcomes:
        for label in gold | pred:
            counts[label] = counts.get(label, ZERO) + PRF(int(label in gold and label in pred), int(label in pred),
                                                          int(label in gold))
    return tuple(sorted(counts.items()))


def _pool(ge: GoldEvent, role: str) -> tuple[GoldActor, ...]:
    """The gold actors a predicted actor in ``role`` is compared with (all of them when reciprocal)."""
    if ge.reciprocal or not ge.targets:
        return ge.sources + ge.targets
    return ge.sources if role == "source" else ge.targets


def _actor_agreement(outcomes: Sequence[SentenceOutcome]) -> tuple[Agreement, ...]:
    agree: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    for s in outcomes:
        for gi, pi in s.pairs:
            ge, pe = s.gold.events[gi], s.preds[pi]
            for role, actor in (("source", pe.source), ("target", pe.target)):
                if actor is None:
                    continue
                pool = _pool(ge, role)
                for field, value in (("country", actor.country), ("sector", actor.sector)):
                    wanted = {getattr(a, field) for a in pool} - {None}
                    if wanted:
                        total[role, field] += 1
                        agree[role, field] += value in wanted
    return tuple(Agreement(role, field, agree[role, field], total[role, field])
                 for role in ("source", "target") for field in ("country", "sector"))


def _dates(outcomes: Sequence[SentenceOutcome]) -> DateScores:
    events = dated = compared = same = 0
    for s in outcomes:
        events += len(s.preds)
        dated += sum(1 for e in s.preds if e.date)
        for gi, pi in s.pairs:
            expected = s.gold.events[gi].date or s.gold.date
            if expected is not None:
                compared += 1
                same += s.preds[pi].date == expected.isoformat()
    return DateScores(events, dated, compared, same)


def _confusion(outcomes: Sequence[SentenceOutcome]) -> tuple[tuple[tuple[str, str], int], ...]:
    """Gold against predicted types per sentence: agreements on the diagonal; a missed gold type is
    paired with every spurious predicted type of the same sentence, or with (none) when there is none."""
    cells: Counter[tuple[str, str]] = Counter()
    for s in outcomes:
        gold, pred = s.gold_types, s.pred_types
        for t in gold & pred:
            cells[t, t] += 1
        missed, spurious = sorted(gold - pred) or [NONE], sorted(pred - gold) or [NONE]
        if missed != [NONE] or spurious != [NONE] or not (gold or pred):
            for g in missed:
                for p in spurious:
                    cells[g, p] += 1
    return tuple(sorted(cells.items()))


def score_events(gold: Sequence[GoldSentence], predictions: Iterable[PredEvent]) -> EventScores:
    """Every metric of the events report, for ``predictions`` against ``gold``."""
    by_doc = group_by_doc(predictions)
    ids = {g.id for g in gold}
    stray = sum(len(v) for k, v in by_doc.items() if k not in ids)
    outcomes = []
    for g in gold:
        preds = tuple(by_doc.get(g.id, ()))
        outcomes.append(SentenceOutcome(gold=g, preds=preds, pairs=match(g.events, preds)))
    event_type = event = cameo_root = ZERO
    empty = empty_clean = 0
    for s in outcomes:
        event_type += _set_prf(s.gold_types, s.pred_types)
        if s.counts_roots:
            cameo_root += _set_prf(s.gold_roots, s.pred_roots)
        event += PRF(len(s.pairs), len(s.preds), len(s.gold.events))
        if not s.gold.events:
            empty += 1
            empty_clean += not s.preds
    return EventScores(
        sentences=tuple(outcomes), event_type=event_type, event=event, cameo_root=cameo_root,
        no_event_docs=empty, no_event_docs_clean=empty_clean, stray=stray,
        by_type=_per_label((s.gold_types, s.pred_types) for s in outcomes),
        by_root=_per_label((s.gold_roots, s.pred_roots) for s in outcomes if s.counts_roots),
        actors=_actor_agreement(outcomes), dates=_dates(outcomes), confusion=_confusion(outcomes),
    )


def describe_gold(e: GoldEvent) -> str:
    """One line for a gold event: ``CONSULT 042 USA -> CHN`` (``<->`` when reciprocal)."""
    def side(actors: Sequence[GoldActor]) -> str:
        return "+".join(a.code or a.country or a.sector or "---" for a in actors) or "-"
    arrow = "<->" if e.reciprocal else "->"
    return f"{e.plover or '-'} {e.cameo or ''} {side(e.sources)} {arrow} {side(e.targets)}".replace("  ", " ")


def describe_pred(e: PredEvent) -> str:
    """One line for a predicted event: ``CONSULT 042 USAGOV -> IRQ (visited)``."""
    src = e.source.label() if e.source else "-"
    tgt = e.target.label() if e.target else "-"
    trigger = f" ({e.trigger})" if e.trigger else ""
    return f"{e.plover or '-'} {e.cameo or ''} {src} -> {tgt}{trigger}".replace("  ", " ")


def outcome_dict(s: SentenceOutcome) -> dict[str, Any]:
    return {"id": s.gold.id, "text": s.gold.text, "missed": s.missed, "spurious": s.spurious,
            "gold": [describe_gold(e) for e in s.gold.events], "predicted": [describe_pred(e) for e in s.preds]}


def by_label_dict(rows: Iterable[tuple[str, PRF]]) -> Mapping[str, dict[str, Any]]:
    return {label: prf.to_dict() for label, prf in rows}
