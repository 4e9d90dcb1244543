"""The geocoder on the real model's parses: a few sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsevents.actors.context import DocActors
from newsevents.geo import Gazetteer, Geocoder
from newsevents.knowledge.countries import Countries
from newsevents.settings import Settings
from newsevents.types import Actor, CodedEvent

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def geocoder(settings: Settings) -> Geocoder:
    return Geocoder(Gazetteer.load(Countries.load(), settings.geo))


def test_meeting_place_in_city_comma_country(nlp: Language, geocoder: Geocoder) -> None:
    text = "Foreign ministers from Egypt and Iraq met in Aqaba, Jordan, on Sunday to discuss water."
    doc = nlp(text)
    places = geocoder.places(doc, DocActors())
    assert [(p.text, p.country, p.feature) for p in places] == [
        ("Egypt", "EGY", "country"), ("Iraq", "IRQ", "country"), ("Aqaba", "JOR", "city"), ("Jordan", "JOR", "country")]
    egypt = Actor(text="Egypt", name="Egypt", country="EGY", sector=None, code="EGY")
    iraq = Actor(text="Iraq", name="Iraq", country="IRQ", sector=None, code="IRQ")
    start = text.index("met")
    event = CodedEvent(sentence_index=0, sent_start=0, sent_end=len(text), trigger="met", trigger_start=start,
                       trigger_end=start + 3, code="040", source=egypt, target=iraq,
                       source_span=(23, 28), target_span=(33, 37), modality="asserted", pattern="test")
    where = geocoder.locate(event, doc, places, DocActors())
    assert where is not None and (where.name, where.country) == ("Aqaba", "JOR")


def test_dateline_and_province(nlp: Language, geocoder: Geocoder) -> None:
    doc = nlp("KABUL (Reuters) - A car bomb killed six people near the airport in Kandahar province on Monday.")
    found = {p.text: p for p in geocoder.places(doc, DocActors())}
    assert (found["KABUL"].name, found["KABUL"].feature) == ("Kabul", "city")
    kandahar = next(p for t, p in found.items() if t.startswith("Kandahar"))
    assert (kandahar.country, kandahar.feature) == ("AFG", "admin1")


def test_town_qualified_by_its_state(nlp: Language, geocoder: Geocoder) -> None:
    doc = nlp("The storm flooded streets in Paris, Texas, and moved north into Oklahoma.")
    found = {p.text: p for p in geocoder.places(doc, DocActors())}
    assert (found["Paris"].country, found["Paris"].feature) == ("USA", "city")
    assert found["Oklahoma"].feature == "admin1"


def test_demonyms_and_mis_tagged_city(nlp: Language, geocoder: Geocoder) -> None:
    doc = nlp("Russian forces shelled Kharkiv overnight, Ukrainian officials said, while Iranians protested in Tehran.")
    found = {p.text: (p.country, p.feature) for p in geocoder.places(doc, DocActors())}
    assert found["Russian"] == ("RUS", "country")
    assert found["Kharkiv"] == ("UKR", "city")
    assert found["Tehran"] == ("IRN", "city")
    assert "Iranians" not in found
