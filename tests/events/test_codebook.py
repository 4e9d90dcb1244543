"""The CAMEO codebook: the shipped CSV, its loader, and the tool that builds it from the reference tables."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsevents.errors import KnowledgeError
from newsevents.events.codebook import DEFAULT_PATH, CameoCode, Codebook

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT.parent / "shared" / "reference"
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE", "REQUEST",
                "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}
HEADER = "code,name,goldstein,quad_class,plover_type,plover_mode\n"


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook.load()


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_codebook", ROOT / "tools" / "build_codebook.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_codebook", module)
    spec.loader.exec_module(module)
    return module


def test_every_cameo_code_is_there(codebook: Codebook) -> None:
    assert len(codebook) == 311
    assert {c.root for c in codebook} == {f"{n:02d}" for n in range(1, 21)}
    assert all(c.code.isdigit() and 2 <= len(c.code) <= 4 for c in codebook)
    assert "0841" in codebook and "42" not in codebook and 42 not in codebook


def test_quad_class_follows_the_root(codebook: Codebook) -> None:
    expected = {1: range(1, 5), 2: range(5, 9), 3: range(9, 14), 4: range(14, 21)}
    for code in codebook:
        assert int(code.root) in expected[code.quad_class], code


def test_roots_01_and_02_have_no_plover_type_and_all_others_do(codebook: Codebook) -> None:
    for code in codebook:
        if code.root in {"01", "02"}:
            assert code.plover_type is None and code.plover_mode is None, code
        else:
            assert code.plover_type in PLOVER_TYPES, code
    assert codebook.plover_types() == frozenset(PLOVER_TYPES)


def test_sampled_rows_match_the_reference_tables(codebook: Codebook) -> None:
    assert codebook.get("044") == CameoCode("044", "Meet at third location", 2.5, 1, "CONSULT", "third-party")
    assert codebook.get("0841") == CameoCode("0841", "Return, release person(s)", 7.0, 2, "RETREAT", "release")
    assert codebook.get("163") == CameoCode("163", "Impose embargo, boycott, or sanctions", -8.0, 4,
                                            "SANCTION", "discontinue")  # an override (see below)
    assert codebook.get("011").goldstein == -0.1
    assert codebook.get("20").goldstein == -10.0
    assert codebook.get("08").plover_type == "CONCEDE"  # listed twice in the table: the first (080's) wins
    assert codebook.get("0812").plover_type == "CONCEDE"
    assert codebook.get("0872").plover_type == "RETREAT"  # the table's own line, not its parent 087's mode
    assert codebook.get("0872").plover_mode == "withdraw"
    assert codebook.get("0211").root == "02"


@pytest.mark.parametrize(("code", "plover_type", "mode"), [
    ("0831", "RETREAT", "resign"),  # resignations: RETREAT, mode resign
    ("0813", "CONCEDE", None),  # eased curfews and emergencies beside their parent 081
    ("0814", "CONCEDE", None),
    ("163", "SANCTION", "discontinue"),  # embargoes and sanctions curtail exchanges
    ("116", "SANCTION", "convict"),  # convictions are not accusations
    ("175", "ASSAULT", "crowd-control"),
    ("1712", "ASSAULT", "destroy"),
    ("0874", "RETREAT", "withdraw"),
])
def test_plover_definitions_override_the_conversion_table(codebook: Codebook, code: str, plover_type: str,
                                                         mode: str | None) -> None:
    entry = codebook.get(code)
    assert (entry.plover_type, entry.plover_mode) == (plover_type, mode)


def test_overrides_leave_neighbouring_codes_alone(codebook: Codebook) -> None:
    assert codebook.get("083").plover_type == "CONCEDE" and codebook.get("0832").plover_type == "CONCEDE"
    assert codebook.get("173").plover_type == "COERCE" and codebook.get("162").plover_type == "SANCTION"
    assert codebook.get("1312").plover_type == "THREATEN"  # threatening sanctions is still a threat
    assert codebook.get("115").plover_type == "ACCUSE"


def test_unknown_code_names_the_code(codebook: Codebook) -> None:
    with pytest.raises(KnowledgeError, match="'999'"):
        codebook.get("999")


def test_codebook_and_codes_are_read_only(codebook: Codebook) -> None:
    with pytest.raises(AttributeError):
        codebook._codes = {}
    with pytest.raises(AttributeError):
        codebook.get("042").goldstein = 0.0  # type: ignore[misc]


@pytest.mark.parametrize(("text", "message"), [
    ("code,name\n042,Make a visit\n", "header"),
    (HEADER + "042,Make a visit,high,1,CONSULT,visit\n", "not a number"),
    (HEADER + "042,Make a visit,1.9,5,CONSULT,visit\n", "quad class"),
    (HEADER + "4,Make a visit,1.9,1,CONSULT,visit\n", "2-4 digits"),
    (HEADER + "042,Make a visit,1.9,1,CONSULT\n", "expected 6 fields"),
    (HEADER + "042,Make a visit,1.9,1,CONSULT,visit\n042,Make a visit,1.9,1,CONSULT,visit\n", "twice"),
    (HEADER, "no codes"),
])
def test_malformed_codebook_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "cameo.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message):
        Codebook.load(path)


def test_load_reads_a_given_file(tmp_path: Path) -> None:
    path = tmp_path / "cameo.csv"
    path.write_text(HEADER + "01,Make public statement,0.0,1,,\n042,Make a visit,1.9,1,CONSULT,visit\n")
    small = Codebook.load(path)
    assert len(small) == 2 and [c.code for c in small] == ["01", "042"]
    assert small.get("01").plover_type is None and small.get("042").plover_mode == "visit"


def test_missing_file_is_a_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read"):
        Codebook.load(tmp_path / "absent.csv")


def test_tool_inherits_goldstein_and_plover_from_the_nearest_ancestor(tool: ModuleType) -> None:
    codes = tool.parse_eventcodes("CODE\tNAME\n02\tAPPEAL\n023\tAppeal for aid\n0231\tAppeal for economic aid\n"
                                  "08\tYIELD\n081\tEase sanctions\n0811\tEase restrictions\n")
    goldstein = tool.parse_goldstein("CODE\tSCORE\n02\t3.0\n08\t5.0\n081\t5.5\n")
    plover = tool.parse_plover("# comment\n08: CONCEDE\n08: RETREAT\n081: CONCEDE,   , legal # note\n"
                               "0811: RETREAT, release , x\n")
    rows = {r[0]: r for r in tool.build_rows(codes, goldstein, plover)}
    assert rows["0231"] == ("0231", "Appeal for economic aid", "3.0", "1", "", "")  # 0231 -> 023 -> 02
    assert rows["02"][1] == "Appeal"  # roots are written in capitals in the source
    assert rows["08"][4] == "CONCEDE"  # a code listed twice keeps its first entry
    assert rows["081"][2:] == ("5.5", "2", "CONCEDE", "")  # no mode given: empty
    assert rows["0811"][2:] == ("5.5", "2", "RETREAT", "release")  # own PLOVER line, parent's score
    overridden = {r[0]: r for r in tool.build_rows(codes, goldstein, plover, {"081": ("RETREAT", "ease")})}
    assert overridden["081"][4:] == ("RETREAT", "ease")
    assert overridden["0811"][4:] == ("RETREAT", "release")  # an override reaches no child
    assert overridden["08"][4:] == ("CONCEDE", "")


def test_tool_fixes_the_broken_044_name(tool: ModuleType) -> None:
    codes = tool.parse_eventcodes("CODE\tNAME\n044\tMeet at a \u00d2hird\u00d3location\n")
    assert codes == [("044", "Meet at third location")]


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="the shared reference tables are not on this machine")
def test_shipped_csv_is_what_the_tool_builds_from_the_reference(tool: ModuleType) -> None:
    assert tool.build(REFERENCE) == DEFAULT_PATH.read_text(encoding="utf-8"), \
        "events/data/cameo.csv is stale: run tools/build_codebook.py"
