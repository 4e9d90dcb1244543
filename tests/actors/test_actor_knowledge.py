"""Loading actor knowledge: built-in files, office holders, user dictionaries and their errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.actors.knowledge import ActorKnowledge, KnownActor
from newsevents.errors import KnowledgeError
from newsevents.knowledge.countries import Countries
from newsevents.knowledge.names import fold

DATA = Path(__file__).resolve().parents[1] / "data" / "actors"
PEOPLE = DATA / "office_holders"


@pytest.fixture(scope="module")
def countries() -> Countries:
    return Countries.load()


@pytest.fixture(scope="module")
def knowledge(countries: Countries) -> ActorKnowledge:
    return ActorKnowledge.load(countries, office_holders=PEOPLE)


def _one(knowledge: ActorKnowledge, name: str, on: date | None = None) -> KnownActor:
    picked = knowledge.pick(knowledge.named(fold(name)), on)
    assert picked is not None, name
    return picked[0]


@pytest.mark.parametrize(("name", "code", "country", "sector"), [
    ("IDF", "ISRMIL", "ISR", "MIL"),
    ("the White House", "USAGOV", "USA", "GOV"),
    ("Hashd al-Shaabi", "IRQMIL", "IRQ", "MIL"),
    ("U.N.", "IGOUNO", None, "IGO"),
    ("Doctors Without Borders", "NGOMSF", None, "NGO"),
    ("Daesh", "IMGISL", None, "IMG"),
    ("Ansar Allah", "YEMREBHTH", "YEM", "REB"),
    ("Gaza Strip", "PSE", "PSE", None),
])
def test_builtin_entries_by_any_of_their_names(knowledge: ActorKnowledge, name: str, code: str,
                                               country: str | None, sector: str | None) -> None:
    entry = _one(knowledge, name)
    assert (entry.code, entry.country, entry.sector) == (code, country, sector)


def test_organisation_periods_follow_the_date(knowledge: ActorKnowledge) -> None:
    assert _one(knowledge, "Taliban", date(2019, 5, 1)).code == "AFGREBTAL"
    assert _one(knowledge, "Taliban", date(2022, 5, 1)).code == "AFGGOV"
    assert _one(knowledge, "RSF", date(2023, 6, 1)).sector == "REB"


def test_office_holders_by_date(knowledge: ActorKnowledge) -> None:
    candidates = knowledge.named("blinken")
    assert knowledge.pick(candidates, date(2024, 12, 13)) == (candidates[0], True)
    after = knowledge.pick(candidates, date(2025, 6, 1))
    assert after is not None and after[1] is False and after[0].holds_office
    assert _one(knowledge, "Sudani", None).country == "IRQ"


def test_role_words(knowledge: ActorKnowledge) -> None:
    role = knowledge.role("national security adviser")
    assert role is not None and role.sector == "GOV" and not role.generic
    spokesman = knowledge.role("spokesman")
    assert spokesman is not None and spokesman.generic
    security = knowledge.role("security forces")
    assert security is not None and security.sector == "COP"
    peacekeepers = knowledge.role("peacekeepers")
    assert peacekeepers is not None and not peacekeepers.domestic


def test_missing_or_empty_office_holder_folder(countries: Countries, tmp_path: Path) -> None:
    missing = ActorKnowledge.load(countries, office_holders=tmp_path / "nowhere")
    empty = ActorKnowledge.load(countries, office_holders=tmp_path)
    assert missing.named("blinken") == () and empty.named("blinken") == ()
    assert missing.named("idf") != ()


def test_user_yaml_overrides_builtin(countries: Countries, tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("- name: Hezbollah\n  country: LBN\n  sector: PTY\n"
                    "- name: Jane Roe\n  aliases: [Roe]\n  country: GBR\n  sector: GOV\n  start: 2020-01-01\n",
                    encoding="utf-8")
    knowledge = ActorKnowledge.load(countries, [user], office_holders=PEOPLE)
    hezbollah = _one(knowledge, "Hezbollah")
    assert (hezbollah.code, hezbollah.sector) == ("LBNPTY", "PTY")
    assert _one(knowledge, "Hizbollah").code == "LBNREBHZB"  # other built-in names are untouched
    roe = _one(knowledge, "Roe", date(2024, 1, 1))
    assert roe.kind == "person" and roe.holds_office and roe.country == "GBR"


def test_user_csv_overrides_builtin(countries: Countries, tmp_path: Path) -> None:
    user = tmp_path / "mine.csv"
    user.write_text("name,aliases,country,sector,code\nWagner Group,Wagner,RUS,MIL,\n"
                    "Blinken,,USA,ELI,\n", encoding="utf-8")
    knowledge = ActorKnowledge.load(countries, [user], office_holders=PEOPLE)
    assert _one(knowledge, "Wagner").code == "RUSMIL"
    assert _one(knowledge, "Blinken", date(2024, 1, 1)).sector == "ELI"


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("broken.yaml", "- name: [unclosed\n", "not valid YAML at line"),
    ("mapping.yaml", "name: Jane\n", "YAML list"),
    ("noname.yaml", "- name: Fine\n  country: IRQ\n- country: IRQ\n", "entry 2"),
    ("country.yaml", "- name: Jane\n  country: XXX\n", "unknown country 'XXX'"),
    ("field.yaml", "- name: Jane\n  contry: IRQ\n", "unknown field(s) contry"),
    ("nothing.yaml", "- name: Jane\n", "no country, sector or code"),
    ("date.csv", "name,country,start\nJane,IRQ,2020-01-01\nJohn,IRQ,last May\n", "line 3"),
    ("header.csv", "title,country\nJane,IRQ\n", "lacks column(s) name"),
    ("sector.csv", "name,sector\nJane,GOVERNMENT\n", "not three letters"),
    ("notes.txt", "Jane\n", "must be .yaml, .yml or .csv"),
])
def test_malformed_user_files_name_the_place_and_the_fix(countries: Countries, tmp_path: Path, name: str,
                                                         content: str, expected: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        ActorKnowledge.load(countries, [path], office_holders=PEOPLE)
    message = str(caught.value)
    assert expected in message and name in message and "[E400]" in message


def test_missing_user_file(countries: Countries, tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="does not exist"):
        ActorKnowledge.load(countries, [tmp_path / "absent.yaml"], office_holders=PEOPLE)


def test_malformed_office_holder_row(countries: Countries, tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("country,office,title,name,aliases,start,end,sector,note\n"
                                      "IRQ,king,King,Nobody,,2020-01-01,,GOV,\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"line 2.*office 'king'"):
        ActorKnowledge.load(countries, office_holders=tmp_path)
