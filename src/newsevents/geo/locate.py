"""Where an event happened: one of the article's places, chosen from the event's evidence outward.

  1. clause: a place in a locative phrase ("in/at/near X") attached to a word of the trigger, to its object
     or to the verb that governs it ("join a regional summit in Sharm el-Sheikh, Egypt" -> Sharm el-Sheikh: the
     finest place in the phrase). For visits (CAMEO 042) "to X" counts too. The sentence says so, so any
     country is accepted.
  2. sentence: another place in the sentence whose country is one of the actors' (the target's first;
     for a hosted visit, CAMEO 043, the source's first); when no actor has a country, the article's.
  3. article: the place of the story's dateline ("SOUTH WAZIRISTAN, April 5 -") when it lies in that
     country, where the reporter says the story happened; else the city of that country the article
     mentions most, when it names it more than once (first mention on a tie), or once in the two
     sentences before the event's. A city named once elsewhere ("the car was found near Yuba City") is
     where that event happened, not every event's (issue 8, category 11): the country says what the
     article says.
  4. country: that country itself as a country-level place.
  5. None.
The article stage deliberately does not fall back to a capital the article never names: a country-level
place says what the article says; a capital would be a guess (docs/geo.md).
A country found by steps 1 or 2 is narrowed to a city when the article names exactly one city in that
country ("visited Iraq" in an article whose only Iraqi city is Baghdad -> Baghdad); with several, the
country stays, since the article does not say which.
Demonyms ("Russian") and places inside other names ("the Washington Post", "Air Canada") are never
where an event happened.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..actors.context import DocActors
from ..actors.dateline import dateline_end
from ..types import CodedEvent, Place
from .gazetteer import Gazetteer

# Finer places first: a city says more than the country it is in.
_FINENESS = {"landmark": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5, "continent": 6}
_OBJECTS = frozenset({"dobj", "obj", "pobj", "attr", "dative", "nsubjpass", "oprd"})
_GOVERNED = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "conj", "pcomp", "nmod"})
_VISIT_PREPOSITIONS = frozenset({"to", "into"})
# A city stands for the whole article's scene only when the article names it this often (issue 8,
# category 11: a city named once in a far paragraph became every event's place).
_MAIN_CITY_MENTIONS = 2
_SCENE_SENTENCES = 2  # a city named once sets the scene for the events of the next two sentences


def locate_event(event: CodedEvent, doc: Doc, places: Sequence[Place], doc_actors: DocActors,
                 gazetteer: Gazetteer) -> Place | None:
    """The place where ``event`` happened, or None when the article does not say (module docstring)."""
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ not in ("GPE", "LOC")]
    usable = [p for p in places if not _is_demonym(p, gazetteer) and not _in_name(p, names)]
    in_sentence = [p for p in usable if event.sent_start <= p.start < event.sent_end]
    found = _clause_place(event, doc, in_sentence, gazetteer)
    if found is not None:
        return _narrowed(found, usable)
    countries = _actor_countries(event, doc_actors, usable)
    consistent = [p for p in in_sentence if p.country in countries and p.feature != "continent"]
    if consistent:
        return _narrowed(min(consistent, key=lambda p: (countries.index(p.country or ""),
                                                        _FINENESS.get(p.feature, 9),
                                                        abs(p.start - event.trigger_start))), usable)
    filed = _dateline_places(doc, usable)
    for country in countries:
        scene = next((p for p in filed if p.country == country and p.feature != "country"), None)
        if scene is not None:
            return scene
        city = _main_city(usable, country, doc, event)
        if city is not None:
            return city
    for country in countries:
        level = _country_place(country, event, usable, gazetteer)
        if level is not None:
            return level
    return None


def _clause_place(event: CodedEvent, doc: Doc, in_sentence: list[Place], gazetteer: Gazetteer) -> Place | None:
    if not in_sentence:
        return None
    trigger = doc.char_span(event.trigger_start, event.trigger_end, alignment_mode="expand")
    if trigger is None:
        return None
    head = trigger.root
    # Every word of the trigger anchors: in "join a summit in Doha" the place hangs on "summit".
    anchors: list[Token] = [head, *(t for t in trigger if t is not head)]
    anchors += [c for c in head.children if c.dep_ in _OBJECTS]
    if head.dep_ in _GOVERNED or head.dep_ in _OBJECTS:
        anchors.append(head.head)  # "agreed to meet in Aqaba" / "held talks in Aqaba"
    prepositions = set(gazetteer.rules.locative_prepositions)
    if event.code.startswith("042"):
        prepositions |= _VISIT_PREPOSITIONS
    actor_spans = [s for s in (event.source_span, event.target_span) if s is not None]
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ != "prep" or prep.lower_ not in prepositions:
                continue
            lo = min(t.idx for t in prep.subtree)
            hi = max(t.idx + len(t) for t in prep.subtree)
            inside = [p for p in in_sentence if lo <= p.start and p.end <= hi
                      and not any(a <= p.start and p.end <= b for a, b in actor_spans)]
            if inside:
                return min(inside, key=lambda p: (_FINENESS.get(p.feature, 9), p.start))
    return None


def _actor_countries(event: CodedEvent, doc_actors: DocActors, places: Sequence[Place]) -> list[str]:
    """The countries an event may be placed in, in order of preference."""
    actors = [event.target, event.source]
    if event.code.startswith("043"):  # "host a visit": it happens at the host's, the source
        actors.reverse()
    out: list[str] = []
    for actor in actors:
        if actor is not None and actor.country and actor.country not in out:
            out.append(actor.country)
    if not out and doc_actors.main_country:
        out.append(doc_actors.main_country)
    if not out:
        counts = Counter(p.country for p in places if p.country)
        if counts:
            out.append(counts.most_common(1)[0][0])
    return out


def _narrowed(place: Place, places: Sequence[Place]) -> Place:
    """A country narrowed to the one city of it the article names, if exactly one (module docstring)."""
    if place.feature != "country" or place.country is None:
        return place
    cities = {(p.name, p.geonameid): p for p in places if p.feature == "city" and p.country == place.country}
    return next(iter(cities.values())) if len(cities) == 1 else place


def _main_city(places: Sequence[Place], country: str, doc: Doc, event: CodedEvent) -> Place | None:
    """The city of ``country`` the article names most often (on a tie the one named first), when it
    names it more than once, or once shortly before the event (the scene the story has just set)."""
    cities = [p for p in places if p.feature == "city" and p.country == country]
    if not cities:
        return None
    counts = Counter((p.name, p.geonameid) for p in cities)
    top = max(counts.values())
    if top >= _MAIN_CITY_MENTIONS:
        return next(p for p in cities if counts[(p.name, p.geonameid)] == top)
    before = [p for p in cities if p.start < event.sent_start and _sentences_between(doc, p.start, event.sent_start)
              <= _SCENE_SENTENCES]
    return before[-1] if before else None


def _sentences_between(doc: Doc, start: int, end: int) -> int:
    """How many sentences start after offset ``start`` and at or before ``end``."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return 0
    return sum(1 for sent in doc.sents if start < sent.start_char <= end)


def _dateline_places(doc: Doc, places: Sequence[Place]) -> list[Place]:
    """The places in the dateline opening the article ("SOUTH WAZIRISTAN, April 5 (APP):"), finest first."""
    if not len(doc) or not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return []
    first = next(iter(doc.sents))
    end = dateline_end(first)
    if end == first.start:
        return []
    stop = doc[end - 1].idx + len(doc[end - 1].text)
    inside = [p for p in places if first.start_char <= p.start and p.end <= stop]
    return sorted(inside, key=lambda p: (_FINENESS.get(p.feature, 9), p.start))


def _country_place(country: str, event: CodedEvent, places: Sequence[Place], gazetteer: Gazetteer) -> Place | None:
    """The country as a place: its first mention in the article, else anchored on the actor that carries it."""
    mentioned = next((p for p in places if p.feature == "country" and p.country == country), None)
    if mentioned is not None:
        return mentioned
    entry = gazetteer.country(country)
    if entry is None:
        return None
    anchor = None
    for actor, span in ((event.target, event.target_span), (event.source, event.source_span)):
        if actor is not None and actor.country == country and span is not None:
            anchor = (actor.text, span)
            break
    text, (start, end) = anchor or (event.trigger, (event.trigger_start, event.trigger_end))
    return Place(text=text, start=start, end=end, name=entry.name, country=entry.country, lat=entry.lat,
                 lon=entry.lon, geonameid=entry.geonameid, feature="country")


def _is_demonym(place: Place, gazetteer: Gazetteer) -> bool:
    return place.feature in ("country", "continent", "region") and gazetteer.demonym(place.text) is not None \
        and not gazetteer.lookup(place.text)


def _in_name(place: Place, names: list[tuple[int, int]]) -> bool:
    """Whether a place is part of a longer name of something else (an organisation, a person, a building)."""
    return any(a <= place.start and place.end <= b and (a, b) != (place.start, place.end) for a, b in names)
