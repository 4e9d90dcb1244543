from __future__ import annotations

import pytest

from newsevents.knowledge.countries import Countries
from newsevents.knowledge.names import fold, is_abbreviation_safe


@pytest.fixture(scope="module")
def countries() -> Countries:
    return Countries.load()


def test_fold_unifies_spellings() -> None:
    assert fold("U.S.") == fold("US") == fold("the U.S.") == "us"
    assert fold("Erdoğan") == "erdogan"
    assert fold("al‑Sudani") == "al-sudani"
    assert fold("Iraq's") == "iraq"


def test_short_names_only_as_abbreviations() -> None:
    assert is_abbreviation_safe("US") and is_abbreviation_safe("U.S.")
    assert not is_abbreviation_safe("us") and not is_abbreviation_safe("Us")
    assert is_abbreviation_safe("Iraq")


@pytest.mark.parametrize(("text", "iso3"), [
    ("Iraq", "IRQ"), ("the United States", "USA"), ("U.S.", "USA"), ("America", "USA"),
    ("Türkiye", "TUR"), ("Turkey", "TUR"), ("UAE", "ARE"), ("Britain", "GBR"), ("Burma", "MMR"),
    ("Ivory Coast", "CIV"), ("DRC", "COD"), ("Kosovo", "XKX"), ("Palestine", "PSE"),
])
def test_lookup_by_name(countries: Countries, text: str, iso3: str) -> None:
    found = countries.lookup(text)
    assert found is not None and found.iso3 == iso3


def test_pronoun_us_is_not_a_country(countries: Countries) -> None:
    assert countries.lookup("us") is None


@pytest.mark.parametrize(("text", "iso3"), [
    ("Iraqi", "IRQ"), ("Iraqis", "IRQ"), ("Emirati", "ARE"), ("American", "USA"), ("Americans", "USA"),
    ("British", "GBR"), ("Saudi", "SAU"), ("Palestinian", "PSE"), ("Turkish", "TUR"), ("Swiss", "CHE"),
])
def test_lookup_by_demonym(countries: Countries, text: str, iso3: str) -> None:
    found = countries.by_demonym(text)
    assert found is not None and found.iso3 == iso3


def test_capitals_and_coordinates(countries: Countries) -> None:
    iraq = countries.get("IRQ")
    assert iraq is not None and iraq.capital == "Baghdad" and iraq.fips == "IZ"
    assert iraq.capital_lat is not None and abs(iraq.capital_lat - 33.34) < 0.1
    assert countries.by_capital("Tehran") is countries.get("IRN")
    # every sovereign state of the G20 has coordinates for the country and its capital
    for iso3 in ("ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX",
                 "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA"):
        c = countries.get(iso3)
        assert c is not None and c.lat is not None and c.capital_lat is not None, iso3
