"""The gazetteer's tables and indexes: folding, alternate names, population order, regions, demonyms."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from newsevents.errors import KnowledgeError
from newsevents.geo import Gazetteer
from newsevents.geo.distance import haversine_km
from newsevents.geo.gazetteer import DATA, Entry, Rules
from newsevents.knowledge.countries import Countries
from newsevents.knowledge.names import fold
from newsevents.settings import GeoSettings


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(Countries.load(), GeoSettings())


def _best(g: Gazetteer, name: str, feature: str) -> Entry:
    return next(m.entry for m in g.lookup(name) if m.entry.feature == feature)


def test_lookup_folds_case_accents_and_the(gazetteer: Gazetteer) -> None:
    for written in ("São Paulo", "SAO PAULO", "sao paulo"):
        assert any(m.entry.geonameid == 3448439 for m in gazetteer.lookup(written)), written
    assert gazetteer.lookup("the Netherlands")[0].entry.country == "NLD"


def test_cities_of_one_name_come_biggest_first(gazetteer: Gazetteer) -> None:
    cities = [m.entry for m in gazetteer.lookup("Paris") if m.entry.feature == "city" and m.primary]
    assert cities[0].country == "FRA"
    assert [c.population for c in cities] == sorted((c.population for c in cities), reverse=True)
    assert any(c.country == "USA" and c.admin1 == "TX" for c in cities)


def test_alternate_names_are_found_but_marked(gazetteer: Gazetteer) -> None:
    kyiv = [m for m in gazetteer.lookup("Kiev") if m.entry.feature == "city" and m.entry.country == "UKR"]
    assert kyiv and not kyiv[0].primary and kyiv[0].entry.name == "Kyiv"
    assert gazetteer.lookup("Kyiv")[0].primary


def test_codes_are_not_indexed_as_alternate_names(gazetteer: Gazetteer) -> None:
    # IATA codes such as "SAT" (San Antonio) collide with acronyms in news.
    assert not any(m.entry.name == "San Antonio" for m in gazetteer.lookup("SAT"))


def test_city_keys_are_fold_of_the_name() -> None:
    with (DATA / "cities.tsv").open(encoding="utf-8") as f:
        next(f)
        for line in itertools.islice(f, 0, None, 5000):
            _, name, key, *_ = line.rstrip("\n").split("\t")
            assert key == fold(name), name


def test_us_state_and_same_named_towns_are_both_indexed(gazetteer: Gazetteer) -> None:
    features = {m.entry.feature for m in gazetteer.lookup("Georgia")}
    assert {"country", "admin1"} <= features
    state = _best(gazetteer, "Georgia", "admin1")
    assert state.country == "USA" and state.geonameid == 4197000


@pytest.mark.parametrize("iso3, minimum", [("USA", 51), ("IRQ", 18), ("SYR", 14), ("AFG", 34), ("UKR", 27),
                                           ("CAN", 13), ("IND", 36), ("CHN", 31)])
def test_first_level_regions_have_coordinates(gazetteer: Gazetteer, iso3: str, minimum: int) -> None:
    regions = [e for e in gazetteer.admin1_entries() if e.country == iso3]
    assert len(regions) >= minimum
    country = gazetteer.country(iso3)
    assert country is not None
    for r in regions:
        assert -90 <= r.lat <= 90 and -180 <= r.lon <= 180
        # Each region's point lies within its country's reach (the US spans Guam to Maine; Canada's point,
        # GeoNames', is in the west, 4,000 km from Newfoundland).
        reach = {"USA": 9000, "CAN": 5000}.get(iso3, 3500)
        assert haversine_km(r.lat, r.lon, country.lat, country.lon) < reach, r.name


def test_every_us_state_has_its_geonames_id(gazetteer: Gazetteer) -> None:
    states = [e for e in gazetteer.admin1_entries() if e.country == "USA"]
    assert {s.name for s in states} >= {"Texas", "California", "New York", "Washington", "District of Columbia"}
    assert all(s.geonameid for s in states)


def test_known_region_positions_are_close(gazetteer: Gazetteer) -> None:
    # Approximate centres from a general atlas; the estimate from town positions must be near them.
    for name, iso3, point in [("Texas", "USA", (31.3, -99.3)), ("Anbar", "IRQ", (33.4, 42.0)),
                              ("Punjab", "IND", (30.9, 75.4)), ("Idlib", "SYR", (35.8, 36.6))]:
        entry = next(m.entry for m in gazetteer.lookup(name) if m.entry.country == iso3)
        assert haversine_km(entry.lat, entry.lon, *point) < 250, name


def test_region_aliases_drop_generic_words_and_the_arabic_article(gazetteer: Gazetteer) -> None:
    anbar = gazetteer.lookup("Anbar")[0]
    assert anbar.entry.name == "Al Anbar" and anbar.entry.feature == "admin1" and not anbar.primary


def test_demonyms_resolve_to_countries_and_regions(gazetteer: Gazetteer) -> None:
    russian = gazetteer.demonym("Russian")
    assert russian is not None and russian.country == "RUS" and russian.feature == "country"
    american = gazetteer.demonym("American")
    assert american is not None and american.country == "USA"
    european = gazetteer.demonym("European")
    assert european is not None and european.name == "Europe" and european.feature == "continent"
    assert gazetteer.demonym("Catholic") is None


def test_regions_and_continents(gazetteer: Gazetteer) -> None:
    europe = gazetteer.lookup("Europe")[0].entry
    assert europe.feature == "continent" and europe.geonameid == 6255148
    assert gazetteer.lookup("Gaza Strip")[0].entry.country == "PSE"
    assert gazetteer.lookup("the Middle East")[0].entry.feature == "region"


def test_abbreviations_stand_alone_or_only_as_qualifiers(gazetteer: Gazetteer) -> None:
    calif = gazetteer.abbreviation("Calif.")
    assert calif is not None and calif[0].name == "California" and calif[1]
    tx = gazetteer.abbreviation("TX")
    assert tx is not None and tx[0].name == "Texas" and not tx[1]
    assert gazetteer.abbreviation("tx") is None  # a postal code counts only in capitals
    bc = gazetteer.abbreviation("B.C.")
    assert bc is not None and bc[0].country == "CAN"


def test_smaller_settings_keep_fewer_cities(gazetteer: Gazetteer) -> None:
    big_only = Gazetteer.load(Countries.load(), GeoSettings(min_city_population=100_000))
    assert big_only.n_cities < gazetteer.n_cities / 10
    assert not any(m.entry.feature == "city" for m in big_only.lookup("Paris")[1:2])


def test_missing_rules_are_a_knowledge_error(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("place_prepositions: [in]\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="rules"):
        Rules.load(bad)
