"""The built-in knowledge added for older and wider news: peoples, past office holders, dated groups."""

from __future__ import annotations

import csv
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from newsevents.actors.knowledge import OFFICE_HOLDERS, ActorKnowledge, KnownActor, _peoples
from newsevents.errors import KnowledgeError
from newsevents.knowledge.countries import Countries
from newsevents.knowledge.names import fold


@pytest.fixture(scope="module")
def countries() -> Countries:
    return Countries.load()


@pytest.fixture(scope="module")
def knowledge(countries: Countries) -> ActorKnowledge:
    return ActorKnowledge.load(countries)


def _on(knowledge: ActorKnowledge, name: str, day: date) -> tuple[KnownActor, bool]:
    picked = knowledge.pick(knowledge.named(fold(name)), day)
    assert picked is not None, name
    return picked


@pytest.mark.parametrize(("name", "day", "person", "country"), [
    ("Reagan", date(1985, 6, 1), "Ronald Reagan", "USA"),
    ("Bush", date(1990, 8, 2), "George H. W. Bush", "USA"),
    ("Bush", date(2003, 3, 20), "George W. Bush", "USA"),
    ("Gorbachev", date(1988, 5, 29), "Mikhail Gorbachev", "RUS"),
    ("Mitterrand", date(1991, 1, 15), "Francois Mitterrand", "FRA"),
    ("Kabila", date(1998, 8, 2), "Laurent-Desire Kabila", "COD"),
    ("Kabila", date(2010, 8, 2), "Joseph Kabila", "COD"),
    ("Milosevic", date(1995, 8, 4), "Slobodan Milosevic", "SRB"),
    ("Milosevic", date(1999, 4, 1), "Slobodan Milosevic", "SCG"),
])
def test_past_heads_by_surname_and_date(knowledge: ActorKnowledge, name: str, day: date, person: str,
                                       country: str) -> None:
    entry, in_office = _on(knowledge, name, day)
    assert (entry.name, entry.country, in_office) == (person, country, True)


def test_a_past_head_out_of_office_is_still_his_countrys(knowledge: ActorKnowledge) -> None:
    entry, in_office = _on(knowledge, "Thatcher", date(2001, 1, 1))
    assert (entry.country, in_office) == ("GBR", False)


def test_loose_names_set_particles_and_middle_names_aside(knowledge: ActorKnowledge) -> None:
    assert {e.name for e in knowledge.person_by_loose_name(fold("Omar El Bashir"))} == {"Omar al-Bashir"}
    assert {e.name for e in knowledge.person_by_loose_name(fold("Omar Hassan el-Bashir"))} == {"Omar al-Bashir"}
    assert knowledge.person_by_loose_name(fold("Omar Khalil")) == ()


@pytest.mark.parametrize(("name", "day", "code"), [
    ("UNITA", date(1995, 1, 1), "AGOREBUNI"),
    ("UNITA", date(2005, 1, 1), "AGOPTYUNI"),
    ("SPLA", date(2000, 1, 1), "SDNREBSPL"),
    ("SPLA", date(2013, 1, 1), "SSDMILSPL"),
    ("Sandinistas", date(1985, 1, 1), "NICGOV"),
    ("Sandinistas", date(1995, 1, 1), "NICPTYFSL"),
    ("RENAMO", date(1990, 1, 1), "MOZREBREN"),
    ("RENAMO", date(1999, 1, 1), "MOZPTYREN"),
    ("European Community", date(1990, 1, 1), "IGOEEC"),
    ("Soviet Union", date(1985, 1, 1), "RUS"),
    ("Bonn", date(1989, 1, 1), "DEUGOV"),
])
def test_groups_and_names_by_date(knowledge: ActorKnowledge, name: str, day: date, code: str) -> None:
    assert _on(knowledge, name, day)[0].code == code


@pytest.mark.parametrize(("form", "name", "homes"), [
    ("Kurdish", "Kurds", ("IRQ", "TUR", "SYR", "IRN")),
    ("Hutus", "Hutu", ("RWA", "BDI", "COD")),
    ("Greek Cypriots", "Greek Cypriots", ("CYP",)),
    ("Shia", "Shiites", ()),
])
def test_peoples_by_any_form(knowledge: ActorKnowledge, form: str, name: str, homes: tuple[str, ...]) -> None:
    people = knowledge.people(fold(form))
    assert people is not None and (people.name, people.homes) == (name, homes)


def test_peoples_file_errors(countries: Countries, tmp_path: Path) -> None:
    bad_country = tmp_path / "bad_country.yaml"
    bad_country.write_text("- {name: Zorbs, forms: [Zorb], homes: [XXX]}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="unknown country 'XXX'"):
        _peoples(bad_country, countries)
    twice = tmp_path / "twice.yaml"
    twice.write_text("- {name: Zorbs, forms: [Zorb]}\n- {name: Others, forms: [Zorb]}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="already names Zorbs"):
        _peoples(twice, countries)
    no_forms = tmp_path / "no_forms.yaml"
    no_forms.write_text("- {name: Zorbs}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="'forms' must be a non-empty list"):
        _peoples(no_forms, countries)


def _terms(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_added_office_holders_do_not_overlap_the_terms_already_listed() -> None:
    """historical.csv and other.csv fill gaps: no term there overlaps a term of the same office in the
    other files (a new row would otherwise contradict a row someone else checked)."""
    added = {"historical.csv", "other.csv"}
    rows = {p.name: _terms(p) for p in sorted(OFFICE_HOLDERS.glob("*.csv"))}
    assert added <= set(rows)
    for new in added:
        for row in rows[new]:
            start, end = row["start"], row["end"] or "9999-12-31"
            assert start < end, row
            for name, others in rows.items():
                if name in added:
                    continue
                for other in others:
                    if (other["country"], other["office"]) != (row["country"], row["office"]):
                        continue
                    o_end = other["end"] or "9999-12-31"
                    assert not (start < o_end and other["start"] < end), (new, row["name"], name, other["name"])


def test_one_office_holds_one_person_at_a_time_in_the_added_files() -> None:
    """Within an added file, terms of one office do not overlap, except where a note says why."""
    for path in (OFFICE_HOLDERS / "historical.csv", OFFICE_HOLDERS / "other.csv"):
        by_office: dict[tuple[str, str, str], list[dict[str, str]]] = {}
        for row in _terms(path):
            by_office.setdefault((row["country"], row["office"], row["title"]), []).append(row)
        for rows in by_office.values():
            for a, b in combinations(rows, 2):
                a_end, b_end = a["end"] or "9999-12-31", b["end"] or "9999-12-31"
                if a["start"] < b_end and b["start"] < a_end:
                    assert a["note"] or b["note"], (path.name, a["name"], b["name"])
