"""Every event metric on hand-made gold sentences and predictions."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.evaluate import GoldActor, GoldEvent, GoldSentence, PredActor, PredEvent, score_events
from newsevents.evaluate.events import PRF, agrees, event_matches, gold_key, match, pred_keys


def ga(country: str | None, sector: str | None = None, code: str | None = None) -> GoldActor:
    return GoldActor(country, sector, code)


def pa(country: str | None, sector: str | None = None, code: str | None = None) -> PredActor:
    return PredActor(country, sector, code)


def gev(plover: str | None, cameo: str | None, sources: list[GoldActor], targets: list[GoldActor],
        reciprocal: bool = False, when: date | None = None) -> GoldEvent:
    return GoldEvent(plover, cameo, None, tuple(sources), tuple(targets), reciprocal, when)


def sent(id_: str, *events: GoldEvent, when: date | None = None) -> GoldSentence:
    return GoldSentence(id_, f"text of {id_}", when, tuple(events), f"gold.jsonl:{id_}")


def pev(doc: str, plover: str | None, cameo: str | None, source: PredActor | None, target: PredActor | None,
        when: str | None = None) -> PredEvent:
    return PredEvent(doc, plover, cameo, source, target, date=when)


def test_prf_arithmetic_and_rounding() -> None:
    prf = PRF(2, 3, 4)
    assert prf.precision == pytest.approx(2 / 3) and prf.recall == 0.5
    assert prf.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert prf.to_dict() == {"precision": 0.6667, "recall": 0.5, "f1": 0.5714, "tp": 2, "pred": 3, "gold": 4}
    assert PRF(0, 0, 0).to_dict()["f1"] == 0.0
    assert PRF(1, 2, 3) + PRF(1, 1, 1) == PRF(2, 3, 4)


def test_actor_keys() -> None:
    assert gold_key(ga("USA", "GOV")) == "USA"
    assert gold_key(ga(None, "IGO", "IGOUNO")) == "IGO"
    assert gold_key(ga(None, None, "NGOHRW")) == "NGO"
    assert gold_key(ga(None, "GOV", "---GOV")) == "*"
    assert pred_keys(None) is None
    assert pred_keys(pa("FRA", "GOV", "FRAGOV")) == {"FRA"}
    assert pred_keys(pa(None, "IGO", "IGOUNOWHO")) == {"IGO"}
    assert pred_keys(pa(None, None, None)) == frozenset()
    assert agrees(["*"], frozenset()) and not agrees(["*"], None)
    assert not agrees([], frozenset({"USA"}))


def test_directed_event_needs_source_and_target_in_place() -> None:
    g = gev("ACCUSE", "112", [ga("USA")], [ga("IRN")])
    assert event_matches(g, pev("a", "ACCUSE", "112", pa("USA"), pa("IRN")))
    assert not event_matches(g, pev("a", "ACCUSE", "112", pa("IRN"), pa("USA")))  # reversed
    assert not event_matches(g, pev("a", "THREATEN", "130", pa("USA"), pa("IRN")))  # wrong type
    assert not event_matches(g, pev("a", "ACCUSE", "112", pa("USA"), None))  # a target is expected


def test_reciprocal_event_takes_actors_either_way_and_no_target() -> None:
    g = gev("AGREE", None, [ga("PER"), ga("CHL")], [], reciprocal=True)
    assert event_matches(g, pev("a", "AGREE", "057", pa("CHL"), pa("PER")))
    assert event_matches(g, pev("a", "AGREE", "057", pa("PER"), None))
    assert not event_matches(g, pev("a", "AGREE", "057", pa("PER"), pa("BOL")))
    assert not event_matches(g, pev("a", "AGREE", "057", None, pa("PER")))  # a source is always needed


def test_transnational_and_unknown_gold_actors() -> None:
    igo = gev("ACCUSE", "112", [ga(None, "IGO", "IGOAFU")], [ga("MLI")])
    assert event_matches(igo, pev("a", "ACCUSE", "112", pa(None, None, "IGOAFU"), pa("MLI")))
    assert event_matches(igo, pev("a", "ACCUSE", "112", pa(None, "IGO", "AU"), pa("MLI")))
    assert not event_matches(igo, pev("a", "ACCUSE", "112", pa("ETH"), pa("MLI")))
    unknown = gev("ASSAULT", "190", [ga(None, None, "---")], [ga("AFG")])
    assert event_matches(unknown, pev("a", "ASSAULT", "190", pa("PAK"), pa("AFG")))
    assert not event_matches(unknown, pev("a", "ASSAULT", "190", None, pa("AFG")))  # nobody is not anybody


def test_statement_matches_on_cameo_root_and_typeless_gold_never_matches() -> None:
    statement = gev(None, "010", [ga("KEN")], [])
    assert event_matches(statement, pev("a", None, "012", pa("KEN"), None))
    assert not event_matches(statement, pev("a", None, "020", pa("KEN"), None))
    assert not event_matches(statement, pev("a", None, None, pa("KEN"), None))
    assert not event_matches(gev(None, None, [ga("IND")], [ga("NPL")]), pev("a", "THREATEN", "130", pa("IND"),
                                                                           pa("NPL")))


def test_matching_is_one_to_one_in_gold_order() -> None:
    golds = [gev("COERCE", "173", [ga("TUR")], [ga("SWE")]), gev("COERCE", "174", [ga("TUR")], [ga("DNK")])]
    preds = [pev("a", "COERCE", "174", pa("TUR"), pa("DNK")), pev("a", "COERCE", "173", pa("TUR"), pa("SWE"))]
    assert match(golds, preds) == ((0, 1), (1, 0))
    twice = [gev("COERCE", "173", [ga("TUR")], [ga("SWE")])] * 2
    assert match(twice, preds[1:]) == ((0, 0),)  # one prediction counts once


def test_headline_counts() -> None:
    gold = [
        sent("a", gev("ACCUSE", "112", [ga("USA")], [ga("IRN")]), gev("ASSAULT", "190", [ga("ISR")], [ga("PSE")])),
        sent("b"),
        sent("c"),
        sent("d", gev("AGREE", None, [ga("PER"), ga("CHL")], [], reciprocal=True)),
    ]
    preds = [
        pev("a", "ACCUSE", "112", pa("USA"), pa("IRN")),
        pev("a", "ASSAULT", "193", pa("PSE"), pa("ISR")),  # right type, actors reversed
        pev("c", "CONSULT", "040", pa("NOR"), None),  # an event where there is none
        pev("d", "AGREE", "036", pa("CHL"), None),
        pev("zz", "PROTEST", "140", pa("FRA"), None),  # for an id not in the gold
    ]
    s = score_events(gold, preds)
    assert s.event == PRF(2, 4, 3)
    assert s.event_type == PRF(3, 4, 3)  # a: ACCUSE, ASSAULT; c: CONSULT (spurious); d: AGREE
    # cameo_root: a (gold 11, 19; pred 11, 19), b and c (no gold events); d has no CAMEO code in the gold
    assert s.cameo_root == PRF(2, 3, 2)
    assert (s.no_event_docs, s.no_event_docs_clean, s.stray) == (2, 1, 1)
    head = s.headline()
    assert head["no_event_docs_clean"] == "1/2" and head["events_for_unknown_docs"] == 1 and head["docs"] == 4
    assert head["event"] == {"precision": 0.5, "recall": 0.6667, "f1": 0.5714, "tp": 2, "pred": 4, "gold": 3}


def test_no_cameo_root_when_gold_has_no_codes() -> None:
    s = score_events([sent("a", gev("AGREE", None, [ga("PER")], [ga("CHL")]))],
                     [pev("a", "AGREE", "036", pa("PER"), pa("CHL"))])
    assert "cameo_root" not in s.headline()


def test_per_type_and_per_root() -> None:
    gold = [sent("a", gev("ACCUSE", "112", [ga("USA")], [ga("IRN")])), sent("b", gev("ACCUSE", "111", [ga("USA")],
                                                                                     [ga("CUB")]))]
    preds = [pev("a", "ACCUSE", "112", pa("USA"), pa("IRN")), pev("a", "THREATEN", "138", pa("USA"), pa("IRN")),
             pev("b", "REJECT", "120", pa("USA"), pa("CUB"))]
    s = score_events(gold, preds)
    assert dict(s.by_type) == {"ACCUSE": PRF(1, 1, 2), "THREATEN": PRF(0, 1, 0), "REJECT": PRF(0, 1, 0)}
    assert dict(s.by_root) == {"11": PRF(1, 1, 2), "13": PRF(0, 1, 0), "12": PRF(0, 1, 0)}
    assert sum((p for _, p in s.by_type), PRF(0, 0, 0)) == s.event_type


def test_actor_agreement_over_matched_events() -> None:
    gold = [sent("a", gev("ACCUSE", "112", [ga("USA", "GOV")], [ga("IRN", "MIL")])),
            sent("b", gev("AGREE", None, [ga("PER", "GOV"), ga("CHL", "GOV")], [], reciprocal=True)),
            sent("c", gev("ASSAULT", "190", [ga("ISR")], [ga("PSE", "CVL")]))]
    preds = [pev("a", "ACCUSE", "112", pa("USA", "GOV"), pa("IRN", "GOV")),
             pev("b", "AGREE", "036", pa("CHL", "OPP"), pa("PER", "GOV")),
             pev("c", "ASSAULT", "190", pa("SYR"), pa("PSE", "CVL"))]  # not matched: not counted
    rows = {(a.role, a.field): (a.agree, a.total) for a in score_events(gold, preds).actors}
    assert rows == {("source", "country"): (2, 2), ("source", "sector"): (1, 2),
                    ("target", "country"): (2, 2), ("target", "sector"): (1, 2)}


def test_dates_dated_share_and_agreement_with_gold_date() -> None:
    gold = [sent("a", gev("CONSULT", "042", [ga("BRA")], [ga("ARG")], when=date(2021, 3, 10)), when=date(2021, 3, 3)),
            sent("b", gev("ACCUSE", "112", [ga("USA")], [ga("IRN")]), when=date(2021, 3, 3)),
            sent("c", gev("ACCUSE", "112", [ga("USA")], [ga("IRN")]))]
    preds = [pev("a", "CONSULT", "042", pa("BRA"), pa("ARG"), when="2021-03-10"),  # the event's own date
             pev("b", "ACCUSE", "112", pa("USA"), pa("IRN"), when="2021-03-02"),  # not the sentence's date
             pev("b", "THREATEN", "130", pa("USA"), pa("IRN")),
             pev("c", "ACCUSE", "112", pa("USA"), pa("IRN"), when="2021-01-01")]  # gold gives no date
    d = score_events(gold, preds).dates
    assert (d.events, d.dated, d.compared, d.agree) == (4, 3, 2, 1)


def test_confusion_pairs_gold_and_predicted_types() -> None:
    gold = [sent("a", gev("ACCUSE", "112", [ga("USA")], [ga("IRN")])),
            sent("b", gev("PROTEST", "141", [ga("GBR")], [ga("CHN")])),
            sent("c"), sent("d"),
            sent("e", gev("AID", "070", [ga("JPN")], [ga("PHL")]))]
    preds = [pev("a", "ACCUSE", "112", pa("USA"), pa("IRN")),
             pev("b", "ASSAULT", "190", pa("GBR"), pa("CHN")),
             pev("c", "CONSULT", "040", pa("NOR"), None)]
    cells = dict(score_events(gold, preds).confusion)
    assert cells == {("ACCUSE", "ACCUSE"): 1, ("PROTEST", "ASSAULT"): 1, ("(none)", "CONSULT"): 1,
                     ("(none)", "(none)"): 1, ("AID", "(none)"): 1}


def test_worst_sentences_most_errors_first() -> None:
    gold = [sent("a", gev("ACCUSE", "112", [ga("USA")], [ga("IRN")])), sent("b"),
            sent("c", gev("AID", "070", [ga("JPN")], [ga("PHL")]), gev("AID", "070", [ga("JPN")], [ga("VNM")])),
            sent("d", gev("AID", "070", [ga("JPN")], [ga("PHL")]))]
    preds = [pev("a", "ACCUSE", "112", pa("USA"), pa("IRN")), pev("b", "CONSULT", "040", pa("NOR"), None),
             pev("d", "AID", "070", pa("KOR"), pa("PHL"))]
    s = score_events(gold, preds)
    worst = s.worst(10)
    assert [w.gold.id for w in worst] == ["c", "d", "b"]  # 2 missed; 1 missed + 1 spurious; 1 spurious
    assert (worst[1].missed, worst[1].spurious, worst[1].errors) == (1, 1, 2)
    assert [w.gold.id for w in s.worst(1)] == ["c"]
