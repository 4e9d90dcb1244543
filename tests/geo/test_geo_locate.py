"""Geocoder.locate: where an event happened, from its clause outward, on hand-parsed Docs."""

from __future__ import annotations

import pytest
from geo_fakes import make_doc, small_gazetteer
from spacy.tokens import Doc

from newsevents.actors.context import DocActors
from newsevents.geo import Geocoder
from newsevents.types import Actor, CodedEvent


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder(small_gazetteer())


def actor(text: str, country: str | None) -> Actor:
    return Actor(text=text, name=text, country=country, sector="GOV", code=f"{country or '---'}GOV")


def event(doc: Doc, trigger: str, code: str, source: tuple[str, str | None] | None,
          target: tuple[str, str | None] | None, sentence: int = 0) -> CodedEvent:
    """A coded event on the ``sentence``-th sentence, its trigger and actors found by their words."""
    sent = list(doc.sents)[sentence]

    def span(words: str) -> tuple[int, int]:
        start = doc.text.index(words, sent.start_char)
        return start, start + len(words)

    t0, t1 = span(trigger)
    return CodedEvent(sentence_index=sentence, sent_start=sent.start_char, sent_end=sent.end_char, trigger=trigger,
                      trigger_start=t0, trigger_end=t1, code=code,
                      source=actor(*source) if source else None, target=actor(*target) if target else None,
                      source_span=span(source[0]) if source else None, target_span=span(target[0]) if target else None,
                      modality="asserted", pattern="test")


def test_clause_place_is_the_finest_in_the_locative_phrase(geocoder: Geocoder) -> None:
    doc = make_doc("Ministers met in Aqaba , Jordan .", [("Aqaba", "GPE"), ("Jordan", "GPE")],
                   parse=[(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (3, "punct"), (3, "appos"),
                          (1, "punct")])
    places = geocoder.places(doc, DocActors())
    where = geocoder.locate(event(doc, "met", "040", ("Ministers", "JOR"), None), doc, places, DocActors())
    assert where is not None and (where.name, where.feature, where.text) == ("Aqaba", "city", "Aqaba")


def test_clause_place_counts_whatever_the_actors_countries(geocoder: Geocoder) -> None:
    doc = make_doc("Iraq and Iran met in Paris .", [("Iraq", "GPE"), ("Iran", "GPE"), ("Paris", "GPE")],
                   parse=[(3, "nsubj"), (0, "cc"), (0, "conj"), (3, "ROOT"), (3, "prep"), (4, "pobj"), (3, "punct")])
    places = geocoder.places(doc, DocActors())
    where = geocoder.locate(event(doc, "met", "040", ("Iraq", "IRQ"), ("Iran", "IRN")), doc, places, DocActors())
    assert where is not None and where.country == "FRA"


def test_visits_take_the_destination_after_to(geocoder: Geocoder) -> None:
    doc = make_doc("Blinken traveled to Baghdad .", [("Baghdad", "GPE")],
                   parse=[(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (1, "punct")])
    places = geocoder.places(doc, DocActors())
    visit = geocoder.locate(event(doc, "traveled", "042", ("Blinken", "USA"), None), doc, places, DocActors())
    assert visit is not None and visit.name == "Baghdad"
    # Not a visit: "to" names a recipient, so no place of the sentence fits a US-only event.
    other = geocoder.locate(event(doc, "traveled", "010", ("Blinken", "USA"), None), doc, places, DocActors())
    assert other is not None and (other.feature, other.country, other.text) == ("country", "USA", "Blinken")


FLAT = "Turkey welcomed Iraqi officials ; Baghdad and Ankara agreed ."


def flat_doc() -> Doc:
    words = FLAT.split(" ")
    return make_doc(FLAT, [("Turkey", "GPE"), ("Iraqi", "NORP"), ("Baghdad", "GPE"), ("Ankara", "GPE")],
                    parse=[(1, "ROOT") if i == 1 else (1, "dep") for i in range(len(words))])


def test_sentence_place_in_the_target_country_first(geocoder: Geocoder) -> None:
    doc = flat_doc()
    places = geocoder.places(doc, DocActors())
    where = geocoder.locate(event(doc, "welcomed", "051", ("Turkey", "TUR"), ("Iraqi officials", "IRQ")), doc,
                            places, DocActors())
    assert where is not None and where.name == "Baghdad"  # a city, not the demonym "Iraqi"


def test_hosted_visit_happens_at_the_source(geocoder: Geocoder) -> None:
    doc = flat_doc()
    places = geocoder.places(doc, DocActors())
    where = geocoder.locate(event(doc, "welcomed", "043", ("Turkey", "TUR"), ("Iraqi officials", "IRQ")), doc,
                            places, DocActors())
    assert where is not None and where.name == "Ankara"  # the city rather than the country "Turkey"


TWO = "Protests continued in {city} . Police arrested students ."


def two_sentences(city: str) -> Doc:
    return make_doc(TWO.format(city=city), [(city, "GPE")],
                    parse=[(1, "nsubj"), (1, "ROOT"), (1, "prep"), (2, "pobj"), (1, "punct"),
                           (6, "nsubj"), (6, "ROOT"), (6, "dobj"), (6, "punct")])


def test_article_city_of_the_actors_country(geocoder: Geocoder) -> None:
    doc = two_sentences("Kabul")
    places = geocoder.places(doc, DocActors())
    ev = event(doc, "arrested", "173", ("Police", "AFG"), ("students", "AFG"), sentence=1)
    where = geocoder.locate(ev, doc, places, DocActors())
    assert where is not None and (where.name, where.start) == ("Kabul", doc.text.index("Kabul"))


def test_country_level_when_the_article_names_no_city_there(geocoder: Geocoder) -> None:
    doc = two_sentences("Tehran")  # a city, but of another country than the actors'
    places = geocoder.places(doc, DocActors())
    ev = event(doc, "arrested", "173", ("Police", "AFG"), ("students", "AFG"), sentence=1)
    where = geocoder.locate(ev, doc, places, DocActors())
    assert where is not None and (where.name, where.feature, where.text) == ("Afghanistan", "country", "students")


def test_no_place_when_nothing_says_where(geocoder: Geocoder) -> None:
    doc = make_doc("Police arrested students .", [], parse=[(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (1, "punct")])
    ev = event(doc, "arrested", "173", ("Police", None), ("students", None))
    assert geocoder.locate(ev, doc, geocoder.places(doc, DocActors()), DocActors()) is None
    # The article's main country is the fallback for actors without one.
    where = geocoder.locate(ev, doc, (), DocActors(main_country="IRQ"))
    assert where is not None and where.country == "IRQ"


def test_places_inside_other_names_are_not_event_places(geocoder: Geocoder) -> None:
    doc = make_doc("The Washington Post said police arrested students .", [("The Washington Post", "ORG")],
                   parse=[(2, "det"), (2, "compound"), (3, "nsubj"), (3, "ROOT"), (5, "nsubj"), (3, "ccomp"),
                          (5, "dobj"), (3, "punct")])
    places = geocoder.places(doc, DocActors())
    assert [p.name for p in places] == ["Washington"]  # a toponym of the text...
    ev = event(doc, "arrested", "173", ("police", "USA"), ("students", "USA"))
    where = geocoder.locate(ev, doc, places, DocActors())
    assert where is not None and where.feature == "country"  # ...but not where the arrest happened


def test_a_place_hanging_on_any_word_of_the_trigger_counts(geocoder: Geocoder) -> None:
    # "joined a meeting in Aqaba": the trigger is "joined meeting"; the place hangs on "meeting".
    doc = make_doc("Ministers joined a meeting in Aqaba .", [("Aqaba", "GPE")],
                   parse=[(1, "nsubj"), (1, "ROOT"), (3, "det"), (1, "dobj"), (3, "prep"), (4, "pobj"),
                          (1, "punct")])
    places = geocoder.places(doc, DocActors())
    where = geocoder.locate(event(doc, "joined a meeting", "040", ("Ministers", "JOR"), None), doc, places,
                            DocActors())
    assert where is not None and where.name == "Aqaba"


def test_a_country_narrows_to_the_one_city_the_article_names_in_it(geocoder: Geocoder) -> None:
    text = "Blinken visited Iraq . Talks were held in Baghdad ."
    doc = make_doc(text, [("Iraq", "GPE"), ("Baghdad", "GPE")],
                   parse=[(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (1, "punct"),
                          (6, "nsubjpass"), (6, "auxpass"), (6, "ROOT"), (6, "prep"), (7, "pobj"), (6, "punct")])
    places = geocoder.places(doc, DocActors())
    where = geocoder.locate(event(doc, "visited", "042", ("Blinken", "USA"), ("Iraq", "IRQ")), doc, places,
                            DocActors())
    assert where is not None and (where.name, where.feature) == ("Baghdad", "city")


def test_a_country_stays_when_the_article_names_several_of_its_cities(geocoder: Geocoder) -> None:
    text = "Blinken visited Jordan . He went to Amman and Aqaba ."
    doc = make_doc(text, [("Jordan", "GPE"), ("Amman", "GPE"), ("Aqaba", "GPE")],
                   parse=[(1, "nsubj"), (1, "ROOT"), (1, "dobj"), (1, "punct"),
                          (5, "nsubj"), (5, "ROOT"), (5, "prep"), (6, "pobj"), (7, "cc"), (7, "conj"), (5, "punct")])
    places = geocoder.places(doc, DocActors())
    where = geocoder.locate(event(doc, "visited", "042", ("Blinken", "USA"), ("Jordan", "JOR")), doc, places,
                            DocActors())
    assert where is not None and (where.name, where.feature) == ("Jordan", "country")
