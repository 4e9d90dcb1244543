"""The gazetteer's name index (geo/index.py) and the cache files it lives in (cachefile.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import duckdb
import pytest

from newsevents.cachefile import Packed, cached, pack
from newsevents.geo.distance import haversine_km, haversine_sql
from newsevents.geo.index import NameIndex


def _index() -> NameIndex:
    def fields(name: str, pop: int, gid: int) -> tuple[str, str, str, str, float, float, int, int, bool]:
        return ("city", name, "USA", "TX", 30.0, -97.0, gid, pop, False)

    records = [
        (fields("Springfield", 100, 1), ["springfield"], []),
        (fields("Springfield", 900, 2), ["springfield"], ["spfd"]),
        (fields("Shelbyville", 500, 3), ["shelbyville"], ["springfield", "shelby"]),
        (fields("Łódź", 600, 4), ["lodz"], []),
    ]
    return NameIndex(Packed(NameIndex.build(records, "k", {"admin1": 0, "cities": 4})))


def test_names_find_their_entries_most_populous_first() -> None:
    index = _index()
    own, alternate = index.find("springfield")
    assert list(own) == [1, 0] and list(alternate) == [2]
    assert index.fields(1)[1] == "Springfield" and index.fields(1)[7] == 900
    assert index.fields(3)[1] == "Łódź"
    assert [list(x) for x in index.find("nowhere")] == [[], []]
    assert list(index.find("shelby")[1]) == [2]


def test_a_cache_file_is_built_once_and_then_read(tmp_path: Path) -> None:
    calls: list[int] = []

    def build() -> bytes:
        calls.append(1)
        return pack("abc", {"n": ("I", bytes(8))}, {"what": "test"})

    first = cached(tmp_path, "thing", "abc", build)
    second = cached(tmp_path, "thing", "abc", build)
    assert len(calls) == 1
    assert first.meta == second.meta == {"what": "test"} and list(second.arrays["n"]) == [0, 0]
    assert [p.name for p in tmp_path.iterdir()] == ["thing-abc.bin"]


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "thing-abc.bin").write_bytes(b"NEVCACHE\x05\x00\x00\x00{bad")
    packed = cached(tmp_path, "thing", "abc", lambda: pack("abc", {}, {"ok": True}))
    assert packed.meta == {"ok": True}
    assert Packed((tmp_path / "thing-abc.bin").read_bytes(), expected_key="abc").meta == {"ok": True}


def test_an_unwritable_cache_directory_still_works(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only directories")
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        packed = cached(tmp_path / "sub", "thing", "abc", lambda: pack("abc", {}, {"ok": True}))
        assert packed.meta == {"ok": True}
    finally:
        tmp_path.chmod(stat.S_IRWXU)


def test_a_cache_directory_that_is_a_file_still_works(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", encoding="utf-8")
    packed = cached(blocker, "thing", "abc", lambda: pack("abc", {}, {"ok": True}))
    assert packed.meta == {"ok": True}


def test_another_key_is_not_read(tmp_path: Path) -> None:
    cached(tmp_path, "thing", "old", lambda: pack("old", {}, {"v": 1}))
    new = cached(tmp_path, "thing", "new", lambda: pack("new", {}, {"v": 2}))
    assert new.meta == {"v": 2}
    with pytest.raises(ValueError):
        Packed((tmp_path / "thing-old.bin").read_bytes(), expected_key="new")


def test_the_sql_distance_is_the_python_distance() -> None:
    points = [(33.34, 44.40, 36.19, 44.01), (51.5, -0.12, 40.71, -74.0), (-33.9, 151.2, 35.7, 139.7),
              (10.0, 20.0, 10.0, 20.0)]
    con = duckdb.connect()
    con.execute("CREATE TABLE t (lat DOUBLE, lon DOUBLE)")
    for lat1, lon1, lat2, lon2 in points:
        con.execute("DELETE FROM t")
        con.execute("INSERT INTO t VALUES (?, ?)", [lat1, lon1])
        sql_km = con.execute(f"SELECT {haversine_sql('lat', 'lon')} FROM t", [lat2, lat2, lon2]).fetchone()
        assert sql_km is not None
        assert sql_km[0] == pytest.approx(haversine_km(lat1, lon1, lat2, lon2), abs=1e-6)
    # one degree of latitude on the mean sphere
    assert haversine_km(10, 20, 11, 20) == pytest.approx(111.195, abs=0.001)
