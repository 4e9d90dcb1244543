"""Geocoder.places on hand-built Docs: finding toponyms and resolving them with the article's context."""

from __future__ import annotations

import itertools

import pytest
from geo_fakes import make_doc, small_gazetteer

from newsevents.actors.context import DocActors
from newsevents.geo import Geocoder
from newsevents.types import Actor, Mention, Place


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder(small_gazetteer())


def places(geocoder: Geocoder, text: str, ents: list[tuple[str, str]], actors: DocActors | None = None) -> list[Place]:
    return list(geocoder.places(make_doc(text, ents), actors or DocActors()))


def by_text(found: list[Place]) -> dict[str, Place]:
    return {p.text: p for p in found}


def test_bare_city_name_is_the_famous_one(geocoder: Geocoder) -> None:
    (paris,) = places(geocoder, "Talks resumed in Paris on Monday .", [("Paris", "GPE")])
    assert (paris.name, paris.country, paris.feature, paris.geonameid) == ("Paris", "FRA", "city", 2988507)
    assert (paris.start, paris.end) == (17, 22)


def test_city_comma_state_qualifier(geocoder: Geocoder) -> None:
    found = by_text(places(geocoder, "A storm hit Paris , Texas , on Monday .", [("Paris", "GPE"), ("Texas", "GPE")]))
    assert found["Paris"].country == "USA" and found["Paris"].geonameid == 4717560
    assert found["Texas"].feature == "admin1"


def test_city_comma_abbreviation_qualifier(geocoder: Geocoder) -> None:
    found = by_text(places(geocoder, "A storm hit Paris , Tex. , on Monday .", [("Paris", "GPE")]))
    assert found["Paris"].country == "USA"
    assert found["Tex."].name == "Texas" and found["Tex."].feature == "admin1"


def test_article_context_picks_the_city_in_the_mentioned_state(geocoder: Geocoder) -> None:
    text = "Officials in Illinois said Springfield was calm ."
    found = by_text(places(geocoder, text, [("Illinois", "GPE"), ("Springfield", "GPE")]))
    assert found["Springfield"].geonameid == 4250542  # Springfield, Illinois, not the bigger one in Missouri
    alone = by_text(places(geocoder, "Springfield was calm .", [("Springfield", "GPE")]))
    assert alone["Springfield"].geonameid == 4409896


def test_actor_countries_are_context(geocoder: Geocoder) -> None:
    # A state named like a country: the country by default, the US state when the article is about the US.
    assert places(geocoder, "Storms hit Georgia .", [("Georgia", "GPE")])[0].country == "GEO"
    mayor = Actor(text="Atlanta mayor", name="Atlanta mayor", country="USA", sector="GOV", code="USAGOV")
    actors = DocActors(mentions=(Mention(text="Atlanta mayor", label="ORG", start=0, end=13, actor=mayor),))
    found = places(geocoder, "Storms hit Georgia .", [("Georgia", "GPE")], actors)
    assert (found[0].country, found[0].feature) == ("USA", "admin1")


def test_capital_beats_state_unless_the_article_is_about_the_state(geocoder: Geocoder) -> None:
    capital = places(geocoder, "Officials in Washington said no .", [("Washington", "GPE")])[0]
    assert (capital.feature, capital.geonameid) == ("city", 4140963)
    text = "Fires near Seattle spread across Washington ."
    state = by_text(places(geocoder, text, [("Seattle", "GPE"), ("Washington", "GPE")]))["Washington"]
    assert (state.feature, state.country) == ("admin1", "USA")


def test_state_name_in_the_province_form(geocoder: Geocoder) -> None:
    (anbar,) = places(geocoder, "Fighting in Anbar province continued .", [("Anbar", "GPE")])
    assert anbar.name == "Al Anbar" and anbar.feature == "admin1"


def test_demonyms_name_countries_but_plurals_name_people(geocoder: Geocoder) -> None:
    found = places(geocoder, "Russian troops and Ukrainians met European envoys .",
                   [("Russian", "NORP"), ("Ukrainians", "NORP"), ("European", "NORP")])
    assert [(p.text, p.name, p.feature) for p in found] == [("Russian", "Russia", "country"),
                                                            ("European", "Europe", "continent")]


def test_place_inside_an_organisation_name(geocoder: Geocoder) -> None:
    found = places(geocoder, "He joined Air Canada Cargo last year .", [("Air Canada Cargo", "ORG")])
    assert [(p.text, p.country, p.feature) for p in found] == [("Canada", "CAN", "country")]


def test_small_town_tagged_person_is_not_a_place(geocoder: Geocoder) -> None:
    assert places(geocoder, "Nelson said he would stay .", [("Nelson", "PERSON")]) == []
    # ...but a place preposition makes it one.
    assert places(geocoder, "He lives in Nelson now .", [("Nelson", "PERSON")])[0].country == "NZL"


def test_surname_tagged_place_is_dropped(geocoder: Geocoder) -> None:
    text = "Kyiv Smith spoke . Later Kyiv answered ."
    found = places(geocoder, text, [("Kyiv Smith", "PERSON"), ("Kyiv", "GPE")])
    assert found == []


def test_dateline_and_untagged_country(geocoder: Geocoder) -> None:
    found = places(geocoder, "BEIRUT ( AP ) — Officials in Jordan met .", [])
    assert [(p.text, p.name) for p in found] == [("BEIRUT", "Beirut"), ("Jordan", "Jordan")]


def test_glued_country_code(geocoder: Geocoder) -> None:
    (us,) = places(geocoder, "the U.S.-led coalition struck .", [])
    assert (us.text, us.country, us.start, us.end) == ("U.S.", "USA", 4, 8)


def test_landmark_takes_the_position_of_the_article_s_city(geocoder: Geocoder) -> None:
    text = "New Orleans is old . Royal Street is in New Orleans ."
    found = by_text(places(geocoder, text, [("New Orleans", "GPE"), ("Royal Street", "FAC"),
                                            ("New Orleans", "GPE")]))
    street = found["Royal Street"]
    assert (street.feature, street.name, street.country, street.geonameid) == ("landmark", "Royal Street", "USA",
                                                                              None)
    assert (street.lat, street.lon) == (found["New Orleans"].lat, found["New Orleans"].lon)


def test_unknown_landmark_without_a_clear_city_is_dropped(geocoder: Geocoder) -> None:
    text = "Royal Street was closed ."
    assert places(geocoder, text, [("Royal Street", "FAC")]) == []


def test_regions_and_alternate_names(geocoder: Geocoder) -> None:
    found = by_text(places(geocoder, "Aid reached the Middle East and Kiev .", [("the Middle East", "LOC"),
                                                                              ("Kiev", "GPE")]))
    assert found["the Middle East"].feature == "region"
    assert found["Kiev"].name == "Kyiv"


def test_places_come_in_text_order_without_overlaps(geocoder: Geocoder) -> None:
    doc = make_doc("From Amman to Baghdad and Ankara , Turkey .",
                   [("Amman", "GPE"), ("Baghdad", "GPE"), ("Ankara", "GPE"), ("Turkey", "GPE")])
    found = geocoder.places(doc, DocActors())
    assert [p.text for p in found] == ["Amman", "Baghdad", "Ankara", "Turkey"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert [doc.text[p.start:p.end] for p in found] == ["Amman", "Baghdad", "Ankara", "Turkey"]
