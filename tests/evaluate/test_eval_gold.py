"""Gold readers: JSON Lines events and places, PETRARCH validation XML, the seed, and bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.errors import EvaluationError
from newsevents.evaluate import detect_kind, read_event_gold, read_places_gold, read_seed_gold
from newsevents.evaluate.petrarch import CameoActors

DATA = Path(__file__).resolve().parents[1] / "data" / "evaluate"


def test_jsonl_events_gold_reads_every_field() -> None:
    gold = {s.id: s for s in read_event_gold(DATA / "events.gold.jsonl")}
    assert len(gold) == 9
    r1 = gold["r1"].events[0]
    assert (r1.plover, r1.cameo, r1.reciprocal) == ("AGREE", None, True)
    assert [a.country for a in r1.sources] == ["PER", "CHL"] and r1.targets == ()
    t1 = gold["t1"].events[0]
    assert (t1.sources[0].country, t1.sources[0].sector, t1.sources[0].code) == (None, "IGO", "IGOAFU")
    assert gold["d1"].date == date(2021, 3, 3) and gold["d1"].events[0].date == date(2021, 3, 10)
    assert gold["e1"].events == ()
    assert gold["s1"].events[0].plover is None and gold["s1"].events[0].cameo == "010"
    assert gold["m1"].where.endswith("events.gold.jsonl:7")


def test_petrarch_xml_records_codings_and_text() -> None:
    gold = {s.id: s for s in read_event_gold(DATA / "validation.xml")}
    # the commented-out V-0 and the <Skip> record V-4 are not read
    assert list(gold) == ["V-1", "V-2", "V-3", "V-5"]
    v1 = gold["V-1"]
    assert v1.text == "The American envoy travelled to the United Nations & met its secretary-general."
    assert v1.date == date(2019, 4, 12)
    e = v1.events[0]
    assert (e.cameo, e.plover, e.reciprocal) == ("042", "CONSULT", False)
    assert (e.sources[0].country, e.sources[0].sector) == ("USA", "GOV")
    assert (e.targets[0].country, e.targets[0].sector) == (None, "IGO")
    assert gold["V-2"].events == ()  # noevents="True"
    statement, offer = gold["V-3"].events
    assert statement.plover is None and statement.cameo == "010"  # statements have no PLOVER type
    assert (statement.sources[0].country, statement.sources[0].sector) == (None, "GOV")
    assert (statement.targets[0].country, statement.targets[0].sector) == ("ROU", "MIL")  # legacy ROM
    assert offer.plover == "AGREE" and offer.targets[0].country is None
    assert gold["V-3"].date == date(2019, 4, 14)
    assert gold["V-5"].events[0].targets == ()  # no targetcode
    assert gold["V-5"].where.endswith("validation.xml:39")


@pytest.mark.parametrize(("code", "country", "sector"), [
    ("USAGOV", "USA", "GOV"), ("IGOUNO", None, "IGO"), ("---", None, None), ("---GOV", None, "GOV"),
    ("ZAR", "COD", None), ("GBROPP", "GBR", "OPP"), ("PSEGZACVL", "PSE", "GZA"), ("EURGOV", None, "GOV"),
])
def test_cameo_actor_codes(code: str, country: str | None, sector: str | None) -> None:
    actor = CameoActors.load().actor(code)
    assert (actor.country, actor.sector, actor.code) == (country, sector, code)


@pytest.mark.parametrize(("name", "line", "words"), [
    ("bad_json.jsonl", 3, "not valid JSON"),
    ("bad_no_events.jsonl", 2, '"events" list'),
    ("bad_date.jsonl", 1, "not a date"),
    ("bad_unclosed.xml", 6, "never closed"),
    ("bad_eventcode.xml", 7, "no eventcode"),
])
def test_bad_gold_names_file_and_line(name: str, line: int, words: str) -> None:
    with pytest.raises(EvaluationError) as info:
        read_event_gold(DATA / name)
    assert info.value.source == f"{DATA / name}:{line}"
    assert words in info.value.message
    assert str(info.value).startswith(f"{DATA / name}:{line}: [E600]")


def test_missing_gold_file_is_an_evaluation_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="does not exist"):
        read_event_gold(tmp_path / "nope.jsonl")


def test_unknown_event_code_in_xml(tmp_path: Path) -> None:
    path = tmp_path / "v.xml"
    path.write_text('<Sentence date="20200101" id="a">\n<EventCoding sourcecode="USA" eventcode="999">\n'
                    "<Text>x</Text>\n</Sentence>\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="not a CAMEO event code") as info:
        read_event_gold(path)
    assert info.value.source == f"{path}:2"


def test_places_gold_and_kind_detection() -> None:
    docs = read_places_gold(DATA / "places.gold.jsonl")
    assert [d.id for d in docs] == ["p1", "p2", "p4"]
    lyon = docs[0].toponyms[0]
    assert docs[0].text[lyon.start:lyon.end] == "Lyon" and lyon.geonameid == "2996944"
    assert detect_kind(DATA / "places.gold.jsonl") == "places"
    assert detect_kind(DATA / "events.gold.jsonl") == "events"
    assert detect_kind(DATA / "validation.xml") == "events"
    assert detect_kind(DATA / "seed.gold.json") == "seed"


def test_places_reader_refuses_events_gold() -> None:
    with pytest.raises(EvaluationError, match="toponyms") as info:
        read_places_gold(DATA / "events.gold.jsonl")
    assert info.value.source == f"{DATA / 'events.gold.jsonl'}:1"


def test_seed_gold() -> None:
    seed = read_seed_gold(DATA / "seed.gold.json")
    assert seed.published == date(2023, 6, 2)
    assert seed.text_path == DATA / "seed.txt"
    assert [m.id for m in seed.must] == ["talks", "sign"] and [m.id for m in seed.may] == ["praise"]
    sign = seed.must[1]
    assert dict(sign.target)["country"] == frozenset({"FRA", None})
    assert sign.modality == frozenset({"future"}) and sign.location_country == "FRA"
    assert seed.boilerplate_names == ("patel", "chicago")
