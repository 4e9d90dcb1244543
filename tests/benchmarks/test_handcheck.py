"""The hand check's scoring (benchmarks/handcheck_score.py) and script (benchmarks/handcheck.py), without
a model: hand-written verdicts and predictions about sentences of our own, no gold text."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsevents.errors import EvaluationError
from newsevents.evaluate.halves import half_of

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
SHARED_GOLD = BENCH.parents[1] / "shared" / "gold" / "geowebnews.dev.jsonl"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


hs = _load("handcheck_score")
script = _load("handcheck")

# An article of our own: offsets below index it.
TEXT = ("Officials in Lagos said police arrested two men on Monday. "
        "The governor thanked the police. Police detained the men after a raid.")
ARRESTED = (TEXT.index("arrested"), TEXT.index("arrested") + len("arrested"))
THANKED = (TEXT.index("thanked"), TEXT.index("thanked") + len("thanked"))
DETAINED = (TEXT.index("detained"), TEXT.index("detained") + len("detained"))
S1 = (0, TEXT.index(" The governor"))
S2 = (S1[1] + 1, TEXT.index(" Police detained"))
S3 = (S2[1] + 1, len(TEXT))


def actor(country: str | None, text: str, code: str | None = None, sector: str | None = None) -> dict[str, Any]:
    return {"text": text, "name": text, "country": country, "sector": sector, "code": code or country or sector}


def raw(trigger: tuple[int, int], sentence: tuple[int, int], *, plover: str | None = "COERCE", cameo: str = "173",
        source: dict[str, Any] | None = None, target: dict[str, Any] | None = None, modality: str = "asserted",
        location: dict[str, Any] | None = None, when: str | None = None, doc: str = "d1") -> dict[str, Any]:
    """An event as `newsevents code --format jsonl` prints it."""
    return {"doc_id": doc, "char_start": sentence[0], "char_end": sentence[1],
            "sentence": TEXT[sentence[0]:sentence[1]],
            "trigger": TEXT[trigger[0]:trigger[1]], "trigger_start": trigger[0], "trigger_end": trigger[1],
            "plover": {"type": plover, "mode": None}, "cameo": cameo, "source": source, "target": target,
            "modality": modality, "location": location, "date": when, "coder": {"name": "test", "version": "0"}}


POLICE = actor("NGA", "police", "NGACOP")
MEN = actor(None, "two men", sector="CVL")
LAGOS = {"name": "Lagos", "country": "NGA", "lat": 6.45, "lon": 3.39, "geonameid": 1}

ARREST_VERDICT = {"doc": "d1", "trigger": list(ARRESTED), "event": True, "plover": ["COERCE"], "roots": ["17"],
                  "source": ["NGA"], "target": ["---", "NGA"], "target_spans": [[TEXT.index("two men"),
                                                                                  TEXT.index("two men") + 7]],
                  "modality": ["asserted"], "place": ["NGA:Lagos"], "date": "--01",
                  "tags": {"target:NGA": 2, "source:none": 8}}


def verdicts(*records: dict[str, Any]) -> list[Any]:
    return [hs.verdict(r, f"v:{n}") for n, r in enumerate(records, 1)]


def test_actor_and_place_labels() -> None:
    assert hs.actor_label(None) == "none"
    assert hs.actor_label(POLICE) == "NGA"
    assert hs.actor_label(actor(None, "the UN", "IGOUNO")) == "IGO"
    assert hs.actor_label(MEN) == "---"
    assert hs.place_label(None) == "none"
    assert hs.place_label(LAGOS) == "NGA:Lagos"


def test_a_prediction_finds_its_verdict_by_exact_or_overlapping_trigger() -> None:
    vs = verdicts(ARREST_VERDICT, {"doc": "d1", "trigger": list(THANKED), "event": False, "category": 1})
    exact = hs.prediction(raw(ARRESTED, S1), 0)
    wider = hs.prediction(raw((ARRESTED[0] - 7, ARRESTED[1]), S1), 0)  # "police arrested"
    elsewhere = hs.prediction(raw(DETAINED, S3), 0)
    other_doc = hs.prediction(raw(ARRESTED, S1, doc="d2"), 0)
    assert hs.match(exact, vs) is vs[0]
    assert hs.match(wider, vs) is vs[0]
    assert hs.match(elsewhere, vs) is None
    assert hs.match(other_doc, vs) is None


def test_each_field_is_judged_against_the_answers_at_the_trigger() -> None:
    vs = verdicts(ARREST_VERDICT)
    right = hs.prediction(raw(ARRESTED, S1, source=POLICE, target=MEN, location=LAGOS, when="2021-01-04"), 0)
    (j,), unjudged = hs.judge([right], vs)
    assert not unjudged and j.full_right and all(j.right.values()) and j.errors() == []

    wrong = hs.prediction(raw(ARRESTED, S1, plover="CONSULT", cameo="040", source=None,
                              target=actor("NGA", "Lagos"), modality="future", when="2021-02-04"), 0)
    (j,), _ = hs.judge([wrong], vs)
    assert not j.type_right and not j.full_right
    assert j.right["source"] is False and j.right["target"] is True  # a country the verdict accepts
    # modality, place and date are measured only where the type is right, and counted so
    assert dict(j.errors()) == {"type": 7, "source": 8}


def test_an_actor_without_a_country_must_be_one_of_the_accepted_mentions() -> None:
    vs = verdicts(ARREST_VERDICT)
    (j,), _ = hs.judge([hs.prediction(raw(ARRESTED, S1, source=POLICE, target=actor(None, "Officials")), 0)], vs)
    assert j.right["target"] is False
    assert dict(j.errors())["target"] == "untagged"  # wrong in a way nobody has categorised yet


def test_a_mention_judged_not_the_actor_is_wrong_whatever_its_country() -> None:
    record = {**ARREST_VERDICT, "target": ["NGA"], "target_spans": [],
              "target_not": [[TEXT.index("Lagos"), TEXT.index("Lagos") + 5]]}
    vs = verdicts(record)
    (j,), _ = hs.judge([hs.prediction(raw(ARRESTED, S1, source=POLICE, target=actor("NGA", "Lagos")), 0)], vs)
    assert j.right["target"] is False and dict(j.errors())["target"] == 2


def test_a_non_event_is_one_error_of_its_category() -> None:
    vs = verdicts({"doc": "d1", "trigger": list(THANKED), "event": False, "category": 1})
    (j,), _ = hs.judge([hs.prediction(raw(THANKED, S2, plover="SUPPORT", cameo="051"), 0)], vs)
    assert not j.type_right and j.errors() == [("event", 1)]


def test_a_second_mention_of_an_episode_is_a_duplicate_only_when_both_are_printed() -> None:
    the_men = TEXT.index("the men")
    detained = {**ARREST_VERDICT, "trigger": list(DETAINED), "duplicate_of": list(ARRESTED), "date": None,
                "target_spans": [[the_men, the_men + 7]]}
    vs = verdicts(ARREST_VERDICT, detained)
    first = hs.prediction(raw(ARRESTED, S1, source=POLICE, target=MEN, location=LAGOS), 0)
    again = hs.prediction(raw(DETAINED, S3, source=POLICE, target=actor(None, "the men", sector="CVL"),
                              location=LAGOS), 1)
    judged, _ = hs.judge([first, again], vs)
    assert [j.duplicate for j in judged] == [False, True]
    assert judged[1].errors() == [("duplicate", 5)]
    (alone,), _ = hs.judge([again], vs)
    assert not alone.duplicate and alone.full_right


def test_several_dyads_at_one_trigger_need_multi() -> None:
    met = {"doc": "d1", "trigger": list(THANKED), "event": True, "plover": ["SUPPORT"], "roots": ["05"],
           "source": ["NGA"], "target": ["NGA", "GHA"], "place": ["none"]}
    a = hs.prediction(raw(THANKED, S2, plover="SUPPORT", cameo="051", source=POLICE, target=actor("NGA", "x")), 0)
    b = hs.prediction(raw(THANKED, S2, plover="SUPPORT", cameo="051", source=POLICE, target=actor("GHA", "y")), 1)
    b_again = hs.prediction(raw(THANKED, S2, plover="SUPPORT", cameo="051", source=POLICE,
                                target=actor("GHA", "y")), 2)
    single, _ = hs.judge([a, b], verdicts(met))
    assert [j.duplicate for j in single] == [False, True]
    several, _ = hs.judge([a, b, b_again], verdicts({**met, "multi": True}))
    assert [j.duplicate for j in several] == [False, False, True]


def test_types_places_and_dates() -> None:
    assert hs.type_ok("ACCUSE", "11", frozenset({"ACCUSE"}), frozenset({"11"}))
    assert not hs.type_ok("REJECT", "12", frozenset({"ACCUSE"}), frozenset({"11", "12"}))
    assert hs.type_ok(None, "02", frozenset(), frozenset({"02"}))  # a CAMEO appeal has no PLOVER type
    assert hs.place_ok("SYR:‘Afrīn", frozenset({"SYR:Afrin"}))
    assert hs.place_ok("SYR:Aleppo", frozenset({"SYR"}))
    assert not hs.place_ok("SYR:Aleppo", frozenset({"SYR:Afrin", "none"}))
    assert hs.place_ok("none", frozenset({"none"}))
    assert hs.date_ok("2016-11-30", "2016-11") and hs.date_ok("2016-11-30", "2016")
    assert hs.date_ok("2018-04-05", "--04-05") and hs.date_ok("2018-04-05", "--04")
    assert not hs.date_ok("2018-04-06", "--04-05") and not hs.date_ok(None, "2016")


def test_recall_pairs_each_salient_event_with_its_own_prediction() -> None:
    salient = [hs.salient({"doc": "d1", "mentions": [{"sentence": list(S1), "trigger": list(ARRESTED)}],
                           "plover": ["COERCE"], "roots": ["17"], "source": ["NGA"], "target": ["---"]}, "s:1"),
               hs.salient({"doc": "d1", "mentions": [{"sentence": list(S1), "trigger": [0, 9]}],
                           "plover": ["COERCE"], "roots": ["17"], "source": ["NGA"], "target": ["NGA"]}, "s:2")]
    one = hs.prediction(raw(ARRESTED, S1, source=POLICE, target=MEN), 0)
    # one prediction in the sentence: it goes to the event whose trigger it overlaps, not both
    assert hs.found(salient, [one]) == [True, False]
    assert hs.found(salient, [one], strict=True) == [True, False]
    wrong_type = hs.prediction(raw(ARRESTED, S1, plover="CONSULT", cameo="040", source=POLICE, target=MEN), 0)
    assert hs.found(salient, [wrong_type]) == [False, False]
    second = hs.prediction(raw((S1[0] + 3, S1[0] + 8), S1, source=POLICE, target=POLICE), 1)
    assert hs.found(salient, [one, second]) == [True, True]
    assert hs.found(salient, [one, second], strict=True) == [True, True]


def test_measures_and_categories() -> None:
    vs = verdicts(ARREST_VERDICT, {"doc": "d1", "trigger": list(THANKED), "event": False, "category": 1})
    preds = [hs.prediction(raw(ARRESTED, S1, source=POLICE, target=MEN, location=None, when=None), 0),
             hs.prediction(raw(THANKED, S2, plover="SUPPORT", cameo="051"), 1)]
    judged, _ = hs.judge(preds, vs)
    m = hs.measures(judged, [], preds)
    assert (m["type"].hits, m["type"].total) == (1, 2)
    assert (m["full"].hits, m["full"].total) == (1, 2)
    assert (m["place"].hits, m["place"].total) == (0, 1)
    assert (m["date"].hits, m["date"].total) == (0, 1)
    assert m["recall"].value is None and str(m["recall"]) == "-"
    assert hs.category_counts(judged) == {1: 1, "untagged": 1, 12: 1}


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_a_malformed_verdict_names_its_line(tmp_path: Path) -> None:
    bad = _write(tmp_path / "verdicts.jsonl", [ARREST_VERDICT, {**ARREST_VERDICT, "trigger": [5, 2]}])
    with pytest.raises(EvaluationError, match=r"verdicts.jsonl:2.*trigger"):
        hs.load_verdicts(bad)
    twice = _write(tmp_path / "twice.jsonl", [ARREST_VERDICT, ARREST_VERDICT])
    with pytest.raises(EvaluationError, match="judged twice"):
        hs.load_verdicts(twice)
    with pytest.raises(EvaluationError, match="category"):
        hs.verdict({"doc": "d1", "trigger": [0, 1], "event": False, "category": 13}, "x:1")
    with pytest.raises(EvaluationError, match="source"):
        hs.verdict({**ARREST_VERDICT, "source": ["Nigeria"]}, "x:1")


def test_a_stub_is_ignored_until_judged(tmp_path: Path) -> None:
    stub = hs.stub(hs.prediction(raw(DETAINED, S3, source=POLICE, target=MEN, location=LAGOS), 0))
    path = _write(tmp_path / "verdicts.jsonl", [stub])
    assert hs.load_verdicts(path) == []
    del stub["todo"]
    (v,) = hs.load_verdicts(_write(path, [stub]))
    assert v.trigger == DETAINED and v.source == {"NGA"} and v.place == {"NGA:Lagos"}


def test_choose_takes_the_smallest_hashes_of_each_half() -> None:
    import hashlib

    ids = [f"A-{n}" for n in range(40)]
    chosen = script.choose(ids, per_half=3)
    assert [half_of(i) for i in chosen] == ["work"] * 3 + ["check"] * 3
    for half in ("work", "check"):
        mine = [i for i in chosen if half_of(i) == half]
        rest = [i for i in ids if half_of(i) == half and i not in mine]
        assert max(hashlib.sha256(i.encode()).digest() for i in mine) < min(
            hashlib.sha256(i.encode()).digest() for i in rest)


def test_the_verdicts_in_the_repository_load() -> None:
    articles = json.loads((script.DATA / "articles.json").read_text(encoding="utf-8"))["articles"]
    assert [a["half"] for a in articles] == [half_of(a["id"]) for a in articles]
    assert sum(a["half"] == "work" for a in articles) == sum(a["half"] == "check" for a in articles) == 15
    ids = {a["id"] for a in articles}
    vs = hs.load_verdicts(script.DATA / "verdicts.jsonl")
    salient = hs.load_salient(script.DATA / "salient.jsonl")
    assert vs and salient and {v.doc for v in vs} <= ids and {s.doc for s in salient} <= ids
    assert all(v.category is not None for v in vs if not v.event)
    assert all(v.duplicate_of != v.trigger for v in vs)


@pytest.mark.skipif(not SHARED_GOLD.is_file(), reason="../shared/gold is absent")
def test_the_verdicts_fit_the_gold_articles() -> None:
    ids = [json.loads(line)["id"] for line in SHARED_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert script.load_articles(script.DATA / "articles.json") == script.choose(ids)
    texts = script.read_gold(SHARED_GOLD, script.load_articles(script.DATA / "articles.json"))
    for v in hs.load_verdicts(script.DATA / "verdicts.jsonl"):
        word = texts[v.doc][v.trigger[0]:v.trigger[1]]
        assert word.strip() == word and word, (v.doc, v.trigger)  # a trigger starts and ends on a word


def _data(tmp_path: Path, verdict_records: list[dict[str, Any]]) -> tuple[Path, Path]:
    gold = _write(tmp_path / "gold.jsonl", [{"id": "d1", "text": TEXT, "toponyms": []}])
    data = tmp_path / "data"
    data.mkdir()
    (data / "articles.json").write_text(json.dumps({"articles": [{"id": "d1", "half": half_of("d1")}]}))
    _write(data / "verdicts.jsonl", verdict_records)
    _write(data / "salient.jsonl", [{"doc": "d1", "mentions": [{"sentence": list(S1), "trigger": list(ARRESTED)}],
                                     "plover": ["COERCE"], "roots": ["17"], "source": ["NGA"], "target": ["---"]}])
    return gold, data


def test_the_script_scores_saved_predictions_and_lists_what_is_unjudged(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    gold, data = _data(tmp_path, [ARREST_VERDICT])
    preds = _write(tmp_path / "pred.jsonl", [raw(ARRESTED, S1, source=POLICE, target=MEN, location=LAGOS),
                                             raw(DETAINED, S3, source=POLICE, target=MEN)])
    stubs = tmp_path / "stubs.jsonl"
    code = script.main(["--gold", str(gold), "--data", str(data), "--predictions", str(preds), "--unjudged", str(stubs),
                        "--json"])
    out, err = capsys.readouterr()
    assert code == 0
    report = json.loads(out)
    assert report["all"]["printed"] == 2 and report["all"]["judged"] == 1
    assert report["all"]["measures"]["full"]["hits"] == 1 and report["all"]["measures"]["recall"]["hits"] == 1
    assert report["unjudged"] == [{"doc": "d1", "trigger": list(DETAINED)}]
    assert "[[detained]]" in err  # the sentence, from the gold file, with the trigger marked
    (stub,) = [json.loads(line) for line in stubs.read_text().splitlines()]
    assert stub["todo"] and stub["trigger"] == list(DETAINED)


def test_the_script_stops_on_a_verdict_outside_its_article(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    gold, data = _data(tmp_path, [{**ARREST_VERDICT, "trigger": [len(TEXT) + 5, len(TEXT) + 9]}])
    preds = _write(tmp_path / "pred.jsonl", [])
    assert script.main(["--gold", str(gold), "--data", str(data), "--predictions", str(preds)]) == 2
    assert "not a span of a chosen article" in capsys.readouterr().err


def test_the_script_skips_without_the_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert script.main(["--gold", str(tmp_path / "absent.jsonl")]) == 0
    assert "skipped" in capsys.readouterr().err
