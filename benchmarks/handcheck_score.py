"""The hand check's verdicts, and how predicted events are matched to them and scored.

No model and no article text here: a verdict is keyed by a document id and the character offsets
of a trigger in that document's text, and holds the answer a human annotator gave for the event at
that trigger (is it an event at all; which types, source and target countries, modalities, places
and date would be right). A prediction is whatever ``newsevents code --format jsonl`` prints for an
event (``Event.to_dict()``), so the verdicts keep scoring whatever the coder inside becomes: when it
prints a different answer at a judged trigger, the verdict says whether the new answer is right.

The record formats, the measures and the error categories are described in docs/handcheck.md.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from newsevents.errors import EvaluationError

Span = tuple[int, int]
Category = int | Literal["other", "untagged"]
CATEGORIES: tuple[Category, ...] = (*range(1, 13), "other", "untagged")
CATEGORY_NAMES: dict[Category, str] = {
    1: "everyday sense of a verb: no political actor, or no episode",
    2: "target that is not an actor",
    3: "generic, habitual or descriptive clause",
    4: "place or person resolved to the wrong country",
    5: "duplicate of an event already printed",
    6: "pronoun or short name resolved wrongly",
    7: "wrong root or polarity; a name as trigger",
    8: "argument from another clause; named target missed",
    9: "origin, place or victim as source",
    10: "modality",
    11: "evidence and place (caption, demonym, glued heading)",
    12: "date",
    "other": "none of the issue's twelve",
    "untagged": "wrong, but no category given yet",
}
MODALITIES = ("asserted", "negated", "future", "hypothetical")
# Transnational kinds an actor without a country is judged by, as the referee does (docs/accuracy.md).
KINDS = ("IGO", "NGO", "IMG", "ISM", "MNC")
Field = Literal["type", "source", "target", "modality", "place", "date"]
_ISO3 = re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)$")


# ---------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judged answer for the event a trigger shows (``event`` False: no event there)."""

    doc: str
    trigger: Span
    event: bool
    plover: frozenset[str] = frozenset()  # acceptable PLOVER types (empty: a CAMEO statement/appeal only)
    roots: frozenset[str] = frozenset()  # acceptable CAMEO roots ("04", "19")
    source: frozenset[str] = frozenset()  # actor labels: ISO3, a kind (IGO...), "---" (no country), "none"
    target: frozenset[str] = frozenset()
    source_spans: tuple[Span, ...] = ()  # where a "---" source must be: offsets of acceptable mentions
    target_spans: tuple[Span, ...] = ()
    source_not: tuple[Span, ...] = ()  # mentions that are not the source whatever their country (a place,
    target_not: tuple[Span, ...] = ()  # the victim, the source again): a printed actor there is wrong
    modality: frozenset[str] = frozenset()
    place: frozenset[str] = frozenset()  # "none", "ISO3" (anywhere in it) or "ISO3:Name"
    date: str | None = None  # what the text states ("2017", "2017-03", "2017-03-05", "--03-05", "--03"), else None
    duplicate_of: Span | None = None  # trigger of this episode's first mention
    multi: bool = False  # several dyads at this trigger are distinct events ("met A and B")
    category: Category | None = None  # for a non-event: why it is none (1-12, "other")
    tags: Mapping[str, Category] = field(default_factory=dict)  # "field:wrong value" -> category
    note: str = ""

    @property
    def episode(self) -> Span:
        return self.duplicate_of or self.trigger


@dataclass(frozen=True, slots=True)
class Salient:
    """An event a competent coder must find in the article, for recall; ``mentions`` are the
    (sentence, trigger) offsets of each place the article tells it."""

    doc: str
    mentions: tuple[tuple[Span, Span], ...]
    plover: frozenset[str]
    roots: frozenset[str]
    source: frozenset[str]
    target: frozenset[str]
    note: str = ""

    @property
    def trigger(self) -> Span:
        return self.mentions[0][1]


@dataclass(frozen=True, slots=True)
class Prediction:
    """The fields of a printed event that the hand check reads."""

    doc: str
    index: int  # order within the document as printed
    trigger: Span
    sentence: Span
    plover: str | None
    cameo: str
    source: str  # actor label (see ``actor_label``)
    target: str
    source_span: Span | None
    target_span: Span | None
    modality: str
    place: str  # "none" or "ISO3:Name"
    date: str | None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def root(self) -> str:
        return self.cameo[:2]


def actor_label(actor: Mapping[str, Any] | None) -> str:
    """An actor as the verdicts name it: its country, else its transnational kind, else "---"."""
    if not actor:
        return "none"
    if actor.get("country"):
        return str(actor["country"])
    for key in ("code", "sector"):
        value = str(actor.get(key) or "")
        if value[:3] in KINDS:
            return value[:3]
    return "---"


def place_label(location: Mapping[str, Any] | None) -> str:
    if not location:
        return "none"
    return f"{location.get('country') or '---'}:{location.get('name') or ''}"


def _actor_span(actor: Mapping[str, Any] | None, sentence: str, start: int) -> Span | None:
    """Where the actor's text sits in the article, if it can be found in its sentence."""
    if not actor or not actor.get("text"):
        return None
    at = sentence.find(str(actor["text"]))
    return None if at < 0 else (start + at, start + at + len(str(actor["text"])))


def prediction(raw: Mapping[str, Any], index: int) -> Prediction:
    """A printed event (``Event.to_dict()``) as the hand check reads it."""
    start = int(raw["char_start"])
    sentence = str(raw.get("sentence") or "")
    plover = raw.get("plover")
    return Prediction(
        doc=str(raw["doc_id"]), index=index, trigger=(int(raw["trigger_start"]), int(raw["trigger_end"])),
        sentence=(start, int(raw["char_end"])),
        plover=(plover.get("type") if isinstance(plover, dict) else plover) or None,
        cameo=str(raw.get("cameo") or ""), source=actor_label(raw.get("source")),
        target=actor_label(raw.get("target")),
        source_span=_actor_span(raw.get("source"), sentence, start),
        target_span=_actor_span(raw.get("target"), sentence, start),
        modality=str(raw.get("modality") or "asserted"), place=place_label(raw.get("location")),
        date=raw.get("date") or None, raw=raw)


def predictions(raws: Iterable[Mapping[str, Any]]) -> list[Prediction]:
    """Printed events in order, each numbered within its document."""
    seen: Counter[str] = Counter()
    out = []
    for raw in raws:
        doc = str(raw["doc_id"])
        out.append(prediction(raw, seen[doc]))
        seen[doc] += 1
    return out


# ---------------------------------------------------------------------------------------------- loading


def _fail(where: str, message: str) -> EvaluationError:
    return EvaluationError(f"{message}; fix that line (the format is in docs/handcheck.md)", source=where)


def _span(value: object, where: str, name: str) -> Span:
    if (not isinstance(value, list) or len(value) != 2 or not all(isinstance(v, int) for v in value)
            or not 0 <= value[0] < value[1]):
        raise _fail(where, f"{name} must be [start, end] with 0 <= start < end, got {value!r}")
    return (value[0], value[1])


def _labels(raw: Mapping[str, Any], key: str, where: str, check: re.Pattern[str] | None = None,
            allowed: Sequence[str] = ()) -> frozenset[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(where, f"{key} must be a list of strings, got {value!r}")
    for v in value:
        if v not in allowed and not (check and check.match(v)):
            raise _fail(where, f"{key}: {v!r} is not one of {', '.join(allowed) or 'the allowed forms'}")
    return frozenset(value)


def _category(value: object, where: str) -> Category:
    if value in CATEGORIES and value != "untagged" and not isinstance(value, bool):
        return value
    raise _fail(where, f"category must be 1..12 or \"other\", got {value!r}")


_ACTOR = re.compile(r"^([A-Z]{3}|---|none)$")  # ISO3 or a kind, no country, no actor
_PLACE = re.compile(r"^(none|[A-Z]{3}(:.+)?)$")


def verdict(raw: Mapping[str, Any], where: str) -> Verdict:
    """One verdict record, checked; raises EvaluationError naming the line for a malformed one."""
    if not isinstance(raw.get("doc"), str) or not isinstance(raw.get("event"), bool):
        raise _fail(where, "a verdict needs \"doc\" (the article id) and \"event\" (true or false)")
    doc, trigger, note = raw["doc"], _span(raw.get("trigger"), where, "trigger"), str(raw.get("note", ""))
    if not raw["event"]:
        return Verdict(doc, trigger, False, category=_category(raw.get("category"), where), note=note)
    roots = _labels(raw, "roots", where, re.compile(r"^(0[1-9]|1\d|20)$"))
    if not roots:
        raise _fail(where, "an event needs its acceptable CAMEO roots (\"roots\": [\"04\"])")
    date = raw.get("date")
    if date is not None and not (isinstance(date, str) and _DATE.match(date)):
        raise _fail(where, "date must be null (not stated) or YYYY, YYYY-MM, YYYY-MM-DD, --MM-DD or --MM, "
                           f"got {date!r}")
    tags = raw.get("tags", {})
    if not isinstance(tags, dict):
        raise _fail(where, "tags must map \"field:value\" to a category")
    for key in tags:
        if key.split(":", 1)[0] not in ("type", "source", "target", "modality", "place", "date"):
            raise _fail(where, f"tag {key!r} must start with type:, source:, target:, modality:, place: or date:")
    modality = _labels(raw, "modality", where, allowed=MODALITIES) or frozenset({"asserted"})
    spans = {k: tuple(_span(s, where, k) for s in raw.get(k, []))
             for k in ("source_spans", "target_spans", "source_not", "target_not")}
    return Verdict(
        doc, trigger, True, plover=_labels(raw, "plover", where, re.compile(r"^[A-Z]+$")), roots=roots,
        source=_labels(raw, "source", where, _ACTOR), target=_labels(raw, "target", where, _ACTOR),
        source_spans=spans["source_spans"], target_spans=spans["target_spans"],
        source_not=spans["source_not"], target_not=spans["target_not"], modality=modality,
        place=_labels(raw, "place", where, _PLACE), date=date,
        duplicate_of=_span(raw["duplicate_of"], where, "duplicate_of") if raw.get("duplicate_of") else None,
        multi=bool(raw.get("multi", False)),
        tags={str(k): _category(v, where) for k, v in tags.items()}, note=note)


def salient(raw: Mapping[str, Any], where: str) -> Salient:
    if not isinstance(raw.get("doc"), str):
        raise _fail(where, "a salient event needs \"doc\" (the article id)")
    roots = _labels(raw, "roots", where, re.compile(r"^(0[1-9]|1\d|20)$"))
    if not roots:
        raise _fail(where, "a salient event needs its acceptable CAMEO roots")
    mentions = raw.get("mentions")
    if not isinstance(mentions, list) or not mentions or not all(isinstance(m, dict) for m in mentions):
        raise _fail(where, "a salient event needs \"mentions\": [{\"sentence\": [s, e], \"trigger\": [s, e]}, ...]")
    spans = tuple((_span(m.get("sentence"), where, "sentence"), _span(m.get("trigger"), where, "trigger"))
                  for m in mentions)
    return Salient(raw["doc"], spans, plover=_labels(raw, "plover", where, re.compile(r"^[A-Z]+$")), roots=roots,
                   source=_labels(raw, "source", where, _ACTOR), target=_labels(raw, "target", where, _ACTOR),
                   note=str(raw.get("note", "")))


def read_jsonl(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(where, record) of every non-blank line; a record with ``"todo"`` is a stub not yet judged."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(where, f"not JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise _fail(where, "a record must be a JSON object")
        if "todo" not in record:
            out.append((where, record))
    return out


def load_verdicts(path: Path) -> list[Verdict]:
    verdicts = [verdict(raw, where) for where, raw in read_jsonl(path)]
    keys = Counter((v.doc, v.trigger) for v in verdicts)
    twice = [k for k, n in keys.items() if n > 1]
    if twice:
        raise _fail(path.name, f"{len(twice)} trigger(s) judged twice, e.g. {twice[0]}: keep one verdict each")
    return verdicts


def load_salient(path: Path) -> list[Salient]:
    return [salient(raw, where) for where, raw in read_jsonl(path)]


# ---------------------------------------------------------------------------------------------- matching


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(pred: Prediction, verdicts: Sequence[Verdict]) -> Verdict | None:
    """The verdict for a prediction's trigger: the same offsets, else the one it overlaps most."""
    best: tuple[int, int, int] | None = None
    found = None
    for v in verdicts:
        if v.doc != pred.doc:
            continue
        if v.trigger == pred.trigger:
            return v
        size = _overlap(v.trigger, pred.trigger)
        if size and (best is None or (size, -v.trigger[0], 0) > best):
            best, found = (size, -v.trigger[0], 0), v
    return found


def type_ok(pred_plover: str | None, pred_root: str, plover: frozenset[str], roots: frozenset[str]) -> bool:
    """PLOVER type acceptable, or for a CAMEO statement/appeal (no PLOVER type) its root."""
    if pred_plover:
        return pred_plover in plover
    return pred_root in roots


def actor_ok(label: str, span: Span | None, accepted: frozenset[str], spans: tuple[Span, ...],
             wrong: tuple[Span, ...] = ()) -> bool:
    if label not in accepted:
        return False
    if span is not None and any(_overlap(span, s) for s in wrong):
        return False
    if label == "---" and spans:  # an actor without a country must be one of the mentions judged right
        return span is not None and any(_overlap(span, s) for s in spans)
    return True


def _name_key(name: str) -> str:
    """A place name without accents, case, punctuation or spaces: "‘Afrīn" and "Afrin" are one name."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if c.isalnum()).casefold()


def place_ok(label: str, accepted: frozenset[str]) -> bool:
    """The printed place is an accepted one: by country for "ISO3", by country and name for "ISO3:Name"."""
    if label in accepted:
        return True
    country, _, name = label.partition(":")
    if country in accepted:
        return True
    return any(a.partition(":")[0] == country and _name_key(a.partition(":")[2]) == _name_key(name)
               for a in accepted if ":" in a)


def date_ok(predicted: str | None, stated: str) -> bool:
    if predicted is None:
        return False
    if stated.startswith("--"):  # month (and day) without the year
        return predicted[4:4 + len(stated) - 1] == stated[1:]
    return predicted.startswith(stated)


@dataclass(frozen=True, slots=True)
class Judged:
    """A prediction with its verdict and which of its fields are right."""

    pred: Prediction
    verdict: Verdict
    duplicate: bool
    right: Mapping[Field, bool]  # empty for a non-event or a duplicate

    @property
    def type_right(self) -> bool:
        return self.right.get("type", False)

    @property
    def full_right(self) -> bool:
        return all(self.right.get(f, False) for f in ("type", "source", "target"))

    def errors(self) -> list[tuple[Field | Literal["event", "duplicate"], Category]]:
        """Each wrong thing about the prediction with its category (one for a non-event or duplicate)."""
        v, p = self.verdict, self.pred
        if not v.event:
            return [("event", v.category or "other")]
        if self.duplicate:
            return [("duplicate", 5)]
        shown = {"type": p.plover or p.cameo, "source": p.source, "target": p.target, "modality": p.modality,
                 "place": p.place, "date": p.date or "none"}
        default: dict[Field, Category] = {"type": 7, "modality": 10, "date": 12}
        out: list[tuple[Field | Literal["event", "duplicate"], Category]] = []
        for f, ok in self.right.items():
            if f in ("modality", "place", "date") and not self.type_right:
                continue  # measured only where the type is right, and counted the same way
            if not ok:
                out.append((f, v.tags.get(f"{f}:{shown[f]}", default.get(f, "untagged"))))
        return out


def judge(preds: Sequence[Prediction], verdicts: Sequence[Verdict]) -> tuple[list[Judged], list[Prediction]]:
    """Every prediction with a verdict judged, and the predictions no verdict covers (to be judged)."""
    judged, unjudged = [], []
    seen: dict[tuple[str, Span], list[tuple[str, str]]] = {}
    for p in sorted(preds, key=lambda p: (p.doc, p.trigger[0], p.index)):
        v = match(p, verdicts)
        if v is None:
            unjudged.append(p)
            continue
        episode = seen.setdefault((p.doc, v.episode), [])
        dyad = (p.source, p.target)
        duplicate = v.event and bool(episode) and (not v.multi or dyad in episode)
        if v.event:
            episode.append(dyad)
        right: dict[Field, bool] = {}
        if v.event and not duplicate:
            right["type"] = type_ok(p.plover, p.root, v.plover, v.roots)
            right["source"] = actor_ok(p.source, p.source_span, v.source, v.source_spans, v.source_not)
            right["target"] = actor_ok(p.target, p.target_span, v.target, v.target_spans, v.target_not)
            right["modality"] = p.modality in v.modality
            right["place"] = place_ok(p.place, v.place)
            if v.date is not None:
                right["date"] = date_ok(p.date, v.date)
        judged.append(Judged(p, v, duplicate, right))
    return judged, unjudged


# ---------------------------------------------------------------------------------------------- measures


@dataclass(frozen=True, slots=True)
class Share:
    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        return "-" if not self.total else f"{self.hits}/{self.total} = {100 * self.hits / self.total:.0f}%"


def _fits(s: Salient, p: Prediction, strict: bool, near: bool) -> bool:
    if p.doc != s.doc or not type_ok(p.plover, p.root, s.plover, s.roots):
        return False
    if near and not any(_overlap(p.trigger, trigger) for _, trigger in s.mentions):
        return False
    if not any(_overlap(p.trigger, trigger) or _overlap(p.trigger, sentence) for sentence, trigger in s.mentions):
        return False
    return not strict or (actor_ok(p.source, None, s.source, ()) and actor_ok(p.target, None, s.target, ()))


def found(salients: Sequence[Salient], preds: Sequence[Prediction], *, strict: bool = False) -> list[bool]:
    """Lenient recall, one to one: a salient event is found by a prediction of an acceptable type whose
    trigger overlaps one of its mentions' triggers or lies in a mention's sentence, no prediction
    finding two; trigger overlaps are paired first. ``strict`` also asks for acceptable source and
    target countries."""
    hit = [False] * len(salients)
    used: set[int] = set()
    for near in (True, False):
        for k, s in enumerate(salients):
            if hit[k]:
                continue
            for i, p in enumerate(preds):
                if i not in used and _fits(s, p, strict, near):
                    hit[k] = True
                    used.add(i)
                    break
    return hit


MEASURES = ("type", "full", "root", "recall", "recall_full", "modality", "place", "date")
MEASURE_NAMES = {
    "type": "event type right",
    "full": "type, source country and target country all right",
    "root": "CAMEO root right",
    "recall": "salient events found (recall, lenient)",
    "recall_full": "salient events found with both countries right",
    "modality": "modality right, where the type was right",
    "place": "location plausible, where the type was right",
    "date": "date right, where the text states it and the type was right",
}


def measures(judged: Sequence[Judged], salients: Sequence[Salient], preds: Sequence[Prediction]) -> dict[str, Share]:
    typed = [j for j in judged if j.type_right]
    n = len(judged)
    dated = [j for j in typed if "date" in j.right]
    return {
        "type": Share(len(typed), n),
        "full": Share(sum(j.full_right for j in judged), n),
        "root": Share(sum(j.verdict.event and not j.duplicate and j.pred.root in j.verdict.roots for j in judged), n),
        "recall": Share(sum(found(salients, preds)), len(salients)),
        "recall_full": Share(sum(found(salients, preds, strict=True)), len(salients)),
        "modality": Share(sum(j.right["modality"] for j in typed), len(typed)),
        "place": Share(sum(j.right["place"] for j in typed), len(typed)),
        "date": Share(sum(j.right["date"] for j in dated), len(dated)),
    }


def category_counts(judged: Iterable[Judged]) -> Counter[Category]:
    """How many wrong things fall in each category (a prediction may be wrong in several fields)."""
    return Counter(c for j in judged for _, c in j.errors())


def stub(p: Prediction) -> dict[str, Any]:
    """A verdict to fill in for an unjudged prediction, prefilled with what the coder printed."""
    return {"todo": "judge this event, then delete this key (docs/handcheck.md)", "doc": p.doc,
            "trigger": list(p.trigger), "event": True, "plover": [p.plover] if p.plover else [],
            "roots": [p.root], "source": [p.source], "target": [p.target], "modality": [p.modality],
            "place": [p.place], "date": None, "note": ""}
