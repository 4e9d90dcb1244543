"""Towns and regions as the actor stage reads them: a name -> the countries it may lie in.

The actor stage does not own a gazetteer. The pipeline may hand ``ActorResolver`` a lookup (the geo
stage's ``Gazetteer.lookup``) so that "police in Lagos", "residents of Basra" or "Jericho" give their
country; without one, only countries and capitals are known. The lookup's matches are read through the
small protocols below, so this module needs nothing from ``geo/``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

# Only towns and first-level regions stand for a country here: second-level regions and small towns
# share their names with too many people, firms and words.
FEATURES = frozenset({"city", "admin1"})
# A town under this size is too often a namesake (GeoNames lists ~150 places called "Hope"); Jericho
# (about 20,000) is the size of the smallest towns that news names without their country.
MIN_POPULATION = 10_000
# A namesake of a capital competes with it only when this large (Tripoli, Lebanon: 230,000).
MIN_RIVAL_POPULATION = 100_000
# Words that name a region or town somewhere ("North" and "West" are regions of Cameroon, "Gulf" and
# "Delta" provinces of Papua New Guinea and Nigeria) but in news are a direction or a common noun.
GENERIC = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                     "capital", "coast", "centre", "center", "upper", "lower", "middle", "interior", "border",
                     "commonwealth", "union", "republic", "kingdom", "federation", "state", "states", "province",
                     "city", "county", "district", "region", "territory", "island", "islands", "valley", "delta",
                     "gulf", "bay", "sea", "ocean", "river", "lake", "lakes", "desert", "peninsula", "highlands"})


class PlaceEntry(Protocol):
    @property
    def country(self) -> str | None: ...

    @property
    def population(self) -> int: ...

    @property
    def feature(self) -> str: ...


class PlaceMatch(Protocol):
    @property
    def entry(self) -> PlaceEntry: ...

    @property
    def primary(self) -> bool: ...


PlaceLookup = Callable[[str], Sequence[PlaceMatch]]
"""A place name -> every gazetteer entry it may denote (``Gazetteer.lookup`` has this shape)."""


def place_countries(lookup: PlaceLookup, text: str, min_population: int = MIN_POPULATION) -> tuple[str, ...]:
    """The countries a town or region called ``text`` may lie in, the most populous place's first.

    ``min_population``: raised when the name already names a capital, so that only a large namesake
    ("Tripoli" in Lebanon, not "Washington" in England) competes with it."""
    ranked: list[tuple[int, str]] = []
    if text.casefold() in GENERIC:
        return ()
    for match in lookup(text):
        entry = match.entry
        if entry.country is None or entry.feature not in FEATURES:
            continue
        # GeoNames alternate names include other languages' spellings of far-off places ("Samar" for
        # Samara): only a place's own name counts.
        if not match.primary:
            continue
        # First-level regions carry no population in some tables: a region is never a namesake's town.
        if entry.population < min_population and (entry.feature == "city" or min_population > MIN_POPULATION):
            continue
        ranked.append((entry.population, entry.country))
    ranked.sort(key=lambda pair: -pair[0])
    return tuple(dict.fromkeys(country for _, country in ranked))


def pick_country(candidates: Sequence[str], main: str | None) -> str | None:
    """The article's main country when the place may lie there ("Tripoli" in an article about
    Lebanon), else the country of the most populous namesake."""
    if not candidates:
        return None
    return main if main in candidates else candidates[0]
