"""A small store for the dashboard's API and browser tests: a month of events among four pairs of actors
in three places, with a story of two copies (hand-built Results, no spaCy model)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import newsevents.store as st
from newsevents.settings import StoreSettings
from newsevents.types import Actor, Event, Place, Result
from store.store_fakes import BAGHDAD, IRQ, UN, USA, event, result, story_text

RUS = Actor(text="Moscow", name="Russia", country="RUS", sector="GOV", code="RUSGOV")
UKR = Actor(text="Kyiv", name="Ukraine", country="UKR", sector="GOV", code="UKRGOV")
FRA = Actor(text="Paris", name="France", country="FRA", sector="GOV", code="FRAGOV")
DEU = Actor(text="Berlin", name="Germany", country="DEU", sector="GOV", code="DEUGOV")
KYIV = Place(text="Kharkiv", start=0, end=7, name="Kharkiv", country="UKR", lat=49.98081, lon=36.25272,
             geonameid=706483, feature="city")
PARIS = Place(text="Lyon", start=0, end=4, name="Lyon", country="FRA", lat=45.74846, lon=4.84671,
              geonameid=2996944, feature="city")

VISIT = "Washington visited Iraq."
SHELL = "Moscow shelled Kyiv near Kharkiv."
MEET = "Paris met Berlin in Lyon."


def _trigger(ev: Event, word: str) -> Event:
    """The fake coder's event with its own trigger word (store_fakes.event always says "visited")."""
    at = ev.sentence.find(word)
    return dataclasses.replace(ev, trigger=word, trigger_start=at, trigger_end=at + len(word))


def results() -> list[Result]:
    """Twelve distinct events from 2024-05-01 to 2024-05-28."""
    out = []
    for i, day in enumerate((1, 2, 3)):  # USA -> IRQ consultations in Baghdad, early May
        out.append(result(f"visit{i}", f"{VISIT} {story_text(10 + i)}", published=date(2024, 5, day),
                          url=f"https://news.example/visit{i}",
                          events=[event(f"visit{i}", 0, day=date(2024, 5, day), sentence=VISIT)]))
    # A syndicated copy of the first visit: another outlet, the same story.
    out.append(result("visit0-copy", f"{VISIT} {story_text(10)} Reprinted.", published=date(2024, 5, 1),
                       url="https://wire.example/visit0", events=[event("visit0-copy", 0, sentence=VISIT)]))
    out.append(result("aid", f"The UN visited Iraq with aid. {story_text(20)}", published=date(2024, 5, 4),
                      events=[event("aid", 0, source=UN, target=IRQ, cameo="0231", quad=2, goldstein=3.4,
                                    sentence="The UN visited Iraq with aid.", day=date(2024, 5, 4))]))
    for i, day in enumerate((12, 19, 20, 26, 28)):  # RUS -> UKR attacks near Kharkiv, later in May
        out.append(result(f"shell{i}", f"{SHELL} {story_text(30 + i)}", published=date(2024, 5, day),
                          events=[_trigger(event(f"shell{i}", 0, source=RUS, target=UKR, cameo="190",
                                                 plover="ASSAULT", quad=4, goldstein=-10.0, sentence=SHELL,
                                                 location=KYIV, day=date(2024, 5, day)), "shelled")]))
    for i, day in enumerate((15, 22)):  # FRA -> DEU meetings in Lyon
        out.append(result(f"meet{i}", f"{MEET} {story_text(40 + i)}", published=date(2024, 5, day),
                          events=[_trigger(event(f"meet{i}", 0, source=FRA, target=DEU, cameo="036",
                                                 plover="CONSULT", quad=1, goldstein=4.0, sentence=MEET,
                                                 location=PARIS, day=date(2024, 5, day)), "met")]))
    out.append(result("threat", f"Iraq threatened Washington. {story_text(50)}", published=date(2024, 5, 10),
                      events=[_trigger(event("threat", 0, source=IRQ, target=USA, cameo="138", plover="THREATEN",
                                             quad=3, goldstein=-7.0, sentence="Iraq threatened Washington.",
                                             location=BAGHDAD, day=date(2024, 5, 10)), "threatened")]))
    return out


def build(path: Path | str) -> Path | str:
    """Write the store to ``path`` and close it."""
    with st.open(path, read_only=False, settings=StoreSettings()) as store:
        store.ingest(results())
    return path
