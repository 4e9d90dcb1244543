"""The gazetteer's name index: flat arrays in one cache file, memory-mapped by every process that reads it.

Filling Python dictionaries with 393,000 names of 154,000 places took 2.1 s and about 120 MiB at every
start (issue 9). The same index as arrays (``cachefile``) opens in milliseconds, costs memory only for the
pages a lookup reads, and is shared by every process that maps it (forked workers, parallel commands).

    NameIndex.build(records, key, meta)  -> bytes of a new index (records in order: fields, names, alternates)
    NameIndex(packed)                    reads one (``cachefile.Packed``)
    index.find(key)                      -> (entry ids under the name, entry ids under an alternate name)
    index.fields(i)                      -> the fields of entry ``i``, as ``Entry`` takes them

Arrays:

    lat, lon        float64 per entry
    population      int64 per entry
    geonameid       int64 per entry (-1: none)
    name_offset     uint32 per entry + 1, into the UTF-8 ``names`` blob
    country, admin1, feature   uint32 per entry, into the strings table of the header (0: none)
    flags           uint8 per entry (1: a country's capital)
    key_offset      uint32 per key + 1, into the UTF-8 ``keys`` blob (keys are folded names)
    primary, alternate   uint32 per key + 1: ranges of the two postings arrays
    postings_primary, postings_alternate   uint32 entry ids, most populous first (ties in input order)
    slots           uint32 open-addressing table over the keys (CRC-32, linear probing, 0xFFFFFFFF
                    empty), at most half full
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from ..cachefile import Packed, pack

FORMAT = 1  # of the arrays below: a change makes every stored index stale (it is part of the cache key)
_EMPTY = 0xFFFFFFFF
_ARRAYS = (("lat", "d"), ("lon", "d"), ("population", "q"), ("geonameid", "q"), ("name_offset", "I"),
           ("country", "I"), ("admin1", "I"), ("key_offset", "I"), ("primary", "I"), ("alternate", "I"),
           ("postings_primary", "I"), ("postings_alternate", "I"), ("slots", "I"), ("feature", "I"),
           ("flags", "B"), ("names", "B"), ("keys", "B"))

# One record: (feature, name, country, admin1, lat, lon, geonameid, population, capital), its own names'
# folded keys, and the folded keys of its alternate names.
Fields = tuple[str, str, str | None, str | None, float, float, int | None, int, bool]
Record = tuple[Fields, Sequence[str], Sequence[str]]


class NameIndex:
    """Read-only lookups over an index buffer; cheap to open, nothing is copied."""

    def __init__(self, packed: Packed) -> None:
        a = packed.arrays
        self.meta: dict[str, Any] = packed.meta
        self.entries: int = len(a["lat"])
        self._strings: list[str | None] = [None, *packed.meta["strings"]]
        self._packed = packed
        self._lat, self._lon, self._population, self._geonameid = a["lat"], a["lon"], a["population"], a["geonameid"]
        self._name_offset, self._names = a["name_offset"], a["names"]
        self._country, self._admin1, self._feature, self._flags = a["country"], a["admin1"], a["feature"], a["flags"]
        self._key_offset, self._keys = a["key_offset"], a["keys"]
        self._primary, self._alternate = a["primary"], a["alternate"]
        self._postings_primary, self._postings_alternate = a["postings_primary"], a["postings_alternate"]
        self._slots = a["slots"]
        self._mask = len(self._slots) - 1

    def __len__(self) -> int:
        return self.entries

    def find(self, key: str) -> tuple[Sequence[int], Sequence[int]]:
        """The ids of the entries named ``key`` and of those with it as an alternate name."""
        k = self._slot(key.encode("utf-8"))
        if k < 0:
            return (), ()
        return (self._postings_primary[self._primary[k]:self._primary[k + 1]],
                self._postings_alternate[self._alternate[k]:self._alternate[k + 1]])

    def _slot(self, raw: bytes) -> int:
        slots, offsets, keys, mask = self._slots, self._key_offset, self._keys, self._mask
        h = zlib.crc32(raw) & mask
        while True:
            k = slots[h]
            if k == _EMPTY:
                return -1
            if keys[offsets[k]:offsets[k + 1]] == raw:
                return int(k)
            h = (h + 1) & mask

    def region_key(self, i: int) -> tuple[str | None, str | None]:
        """(country, admin1 code) of entry ``i``."""
        return self._strings[self._country[i]], self._strings[self._admin1[i]]

    def fields(self, i: int) -> Fields:
        """Entry ``i``: feature, name, country, admin1, lat, lon, geonameid, population, capital."""
        strings = self._strings
        gid = self._geonameid[i]
        name = bytes(self._names[self._name_offset[i]:self._name_offset[i + 1]]).decode("utf-8")
        return (strings[self._feature[i]] or "", name, strings[self._country[i]], strings[self._admin1[i]],
                self._lat[i], self._lon[i], gid if gid >= 0 else None, self._population[i], bool(self._flags[i] & 1))

    # -- building -----------------------------------------------------------------------------------------

    @staticmethod
    def build(records: Iterable[Record], key: str, meta: dict[str, Any]) -> bytes:
        """The cache file of an index over ``records`` (entry ids follow their order); ``meta`` goes in its
        header beside the strings table."""
        strings: dict[str, int] = {}

        def intern(s: str | None) -> int:
            if not s:
                return 0
            return strings.setdefault(s, len(strings) + 1)

        cols: dict[str, array[Any]] = {name: array(code) for name, code in _ARRAYS}
        names = bytearray()
        cols["name_offset"].append(0)
        by_key: dict[str, tuple[list[int], list[int]]] = {}
        for i, ((feature, name, country, admin1, lat, lon, gid, pop, capital), own, alternates) in enumerate(records):
            cols["lat"].append(lat)
            cols["lon"].append(lon)
            cols["population"].append(pop)
            cols["geonameid"].append(gid if gid is not None else -1)
            names += name.encode("utf-8")
            cols["name_offset"].append(len(names))
            cols["country"].append(intern(country))
            cols["admin1"].append(intern(admin1))
            cols["feature"].append(intern(feature))
            cols["flags"].append(1 if capital else 0)
            for which, keys in ((0, own), (1, alternates)):
                for k in keys:
                    if k:
                        by_key.setdefault(k, ([], []))[which].append(i)
        population = cols["population"]
        keys_blob = bytearray()
        cols["key_offset"].append(0)
        cols["primary"].append(0)
        cols["alternate"].append(0)
        encoded: list[bytes] = []
        for k, (own_ids, alt_ids) in by_key.items():
            raw = k.encode("utf-8")
            encoded.append(raw)
            keys_blob += raw
            cols["key_offset"].append(len(keys_blob))
            for ids, postings, ranges in ((own_ids, "postings_primary", "primary"),
                                          (alt_ids, "postings_alternate", "alternate")):
                seen: set[int] = set()
                for e in sorted(ids, key=lambda e: -population[e]):  # stable: ties keep input order
                    if e not in seen:
                        seen.add(e)
                        cols[postings].append(e)
                cols[ranges].append(len(cols[postings]))
        size = 1
        while size < 2 * max(1, len(encoded)):
            size *= 2
        slots = array("I", [_EMPTY]) * size
        for key_id, raw in enumerate(encoded):
            h = zlib.crc32(raw) & (size - 1)
            while slots[h] != _EMPTY:
                h = (h + 1) & (size - 1)
            slots[h] = key_id
        cols["slots"] = slots
        arrays = {name: (code, cols[name].tobytes()) for name, code in _ARRAYS if name not in ("names", "keys")}
        arrays["names"] = ("B", bytes(names))
        arrays["keys"] = ("B", bytes(keys_blob))
        return pack(key, arrays, {**meta, "strings": list(strings)})


