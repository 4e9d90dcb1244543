"""Actor knowledge: who can act, indexed once by folded name.

Sources, all loaded once per process by ``ActorKnowledge.load``:

    knowledge/institutions.yaml   state organs ("White House", "Kremlin", "IDF") -> country + sector
    knowledge/organisations.yaml  IGOs, NGOs, armed groups and movements -> code (+ home country)
    knowledge/territories.yaml    sub-national names that stand for a country actor ("Gaza")
    knowledge/office_holders/*.csv  heads of state and government, foreign and defence ministers, with dates
    knowledge/roles.yaml          role words and titles -> sector ("troops" -> MIL)
    knowledge/peoples.yaml        ethnic and religious groups -> the countries they belong to ("Kurds")
    user dictionaries (YAML or CSV), laid OVER the built-in entries: a user entry replaces every
    built-in entry that shares one of its folded names.

The formats are documented in docs/actors.md.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError
from ..knowledge import yamlio
from ..knowledge.countries import Countries
from ..knowledge.names import fold

BUILTIN = Path(__file__).resolve().parent / "knowledge"
OFFICE_HOLDERS = BUILTIN / "office_holders"
# Built-in named-actor files and the kind an entry has when it does not say.
NAMED_FILES = (("institutions.yaml", "institution"), ("organisations.yaml", "group"), ("territories.yaml", "territory"))
ROLES_FILE = "roles.yaml"
PEOPLES_FILE = "peoples.yaml"
PEOPLE_FIELDS = ("name", "forms", "homes", "kind", "note")
PEOPLE_KINDS = ("ethnic", "religious")

KINDS = ("person", "institution", "igo", "ngo", "group", "territory", "organisation")
TRANSNATIONAL = {"igo": "IGO", "ngo": "NGO"}  # sector given to an organisation of that kind
OFFICES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
OFFICE_COLUMNS = ("name", "aliases", "country", "office", "title", "start", "end", "sector", "note")
USER_FIELDS = ("name", "aliases", "country", "sector", "code", "start", "end", "kind")
ORG_FIELDS = (*USER_FIELDS, "generic", "periods", "note")
PERIOD_FIELDS = ("start", "end", "country", "sector", "code")
ROLE_FIELDS = ("sector", "terms", "generic", "domestic", "opposes")

_SECTOR = re.compile(r"^[A-Z]{3}$")
_PIECE = re.compile(r"[\s\-'/]")  # where a folded name may be split into several spaCy tokens
_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z0-9]{3})*$")  # CAMEO codes are runs of three-character blocks


@dataclass(frozen=True, slots=True)
class KnownActor:
    """One named actor, valid from ``start`` to ``end`` (None: open) when it has dates."""

    name: str
    country: str | None
    sector: str | None
    code: str
    kind: str
    start: date | None = None
    end: date | None = None
    generic: bool = False  # a name many states give an organ ("Senate"): a country beside it wins
    holds_office: bool = False  # a dated person: outside the dates the actor is ELI (a former official)
    origin: str = ""  # the file it came from, for messages

    def valid_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Role:
    """A role word or title: what sector its holder belongs to.

    ``generic``: a position inside some organ ("spokesman", "leader"); an organ or a more specific
    role written beside it gives the sector, ``sector`` is only the fallback (None: no fallback).
    ``domestic``: the article's main country may stand in when no country is written.
    ``opposes``: the holder stands against the actor of its "of" phrase or possessor ("critics of the
    government", "the president's opponents"): that actor's country, not its organ, is the holder's.
    """

    term: str
    sector: str | None
    generic: bool = False
    domestic: bool = True
    opposes: bool = False


@dataclass(frozen=True, slots=True)
class People:
    """An ethnic or religious group named by a word ("Kurdish", "Shiites"), and where it is at home.

    ``homes``: the countries (ISO3) the group belongs to in CAMEO practice, most usual first; empty for
    groups found everywhere (Shiites, Christians), whose country is the one the article is about.
    ``ethnic_of``: set for "ethnic X" built from a country's demonym ("ethnic Albanians"): a minority
    named after that country, which belongs where it lives, and only failing that to the country.
    """

    name: str
    homes: tuple[str, ...] = ()
    kind: str = "ethnic"
    ethnic_of: str | None = None


def _fail(where: str, problem: str, fix: str) -> KnowledgeError:
    return KnowledgeError(f"{problem}; {fix}", source=where)


def _text(value: Any, where: str, field: str, *, required: bool = False) -> str | None:
    if value is None or value == "":
        if required:
            raise _fail(where, f"the {field!r} field is missing or empty", f"give every entry a {field}")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _fail(where, f"the {field!r} field must be text, not {type(value).__name__}", "write it as text")
    return str(value).strip() or None


def _aliases(value: Any, where: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        items: Iterable[Any] = value.split("|")
    elif isinstance(value, list):
        items = value
    else:
        raise _fail(where, "'aliases' must be a list (YAML) or names separated by '|' (CSV)",
                    "write aliases: [NAME, ...] or NAME|NAME")
    out = []
    for item in items:
        text = _text(item, where, "aliases")
        if text:
            out.append(text)
    return tuple(out)


def _date(value: Any, where: str, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise _fail(where, f"{field} {value!r} is not a date", "write dates as YYYY-MM-DD") from None


def _country(value: Any, where: str, countries: Countries) -> str | None:
    iso3 = _text(value, where, "country")
    if iso3 is None:
        return None
    iso3 = iso3.upper()
    if countries.get(iso3) is None:
        raise _fail(where, f"unknown country {iso3!r}", "use an ISO 3166 alpha-3 code such as IRQ or USA")
    return iso3


def _sector(value: Any, where: str) -> str | None:
    sector = _text(value, where, "sector")
    if sector is None:
        return None
    sector = sector.upper()
    if not _SECTOR.match(sector):
        raise _fail(where, f"sector {sector!r} is not three letters", "use a CAMEO sector such as GOV, MIL, REB")
    return sector


def _code(value: Any, where: str, country: str | None, sector: str | None) -> str:
    code = _text(value, where, "code")
    if code is None:
        code = (country or "") + (sector or "")
        if not code:
            raise _fail(where, "the entry has no country, sector or code",
                        "give it at least a country (ISO3), a sector or a CAMEO code")
    code = code.upper()
    if not _CODE.match(code):
        raise _fail(where, f"code {code!r} is not a CAMEO-style code",
                    "write it as blocks of three capitals or digits, e.g. USAGOV or IGOUNO")
    return code


def _flag(value: Any, where: str, field: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _fail(where, f"{field!r} must be true or false", f"write {field}: true")
    return value


def _check_fields(raw: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise _fail(where, f"unknown field(s) {', '.join(map(str, unknown))}",
                    f"use only {', '.join(allowed)}")


def _entries(raw: Any, where: str, countries: Countries, *, default_kind: str, allowed: Sequence[str],
             origin: str) -> tuple[list[KnownActor], tuple[str, ...]]:
    """One dictionary entry -> its actors (one per period) and every name it is known by."""
    if not isinstance(raw, Mapping):
        raise _fail(where, "an entry must be a mapping of fields", "write it as name: ..., country: ...")
    _check_fields(raw, allowed, where)
    name = _text(raw.get("name"), where, "name", required=True)
    assert name is not None  # required=True raised otherwise
    start, end = _date(raw.get("start"), where, "start"), _date(raw.get("end"), where, "end")
    if start and end and end < start:
        raise _fail(where, f"end {end} is before start {start}", "swap or correct the dates")
    if default_kind == "auto":  # user entries: dates mean a term in office
        default_kind = "person" if (start or end) else "organisation"
    kind = (_text(raw.get("kind"), where, "kind") or default_kind).lower()
    if kind not in KINDS:
        raise _fail(where, f"kind {kind!r} is unknown", f"use one of {', '.join(KINDS)}")
    country = _country(raw.get("country"), where, countries)
    sector = _sector(raw.get("sector"), where) or TRANSNATIONAL.get(kind)
    base = KnownActor(name=name, country=country, sector=sector, code=_code(raw.get("code"), where, country, sector),
                      kind=kind, start=start, end=end, generic=_flag(raw.get("generic"), where, "generic"),
                      holds_office=bool(start or end) and kind == "person", origin=origin)
    periods = raw.get("periods")
    if periods is None:
        actors = [base]
    else:
        if not isinstance(periods, list) or not periods:
            raise _fail(where, "'periods' must be a non-empty list", "write periods: [{start: ..., sector: ...}]")
        actors = []
        for n, period in enumerate(periods, 1):
            pw = f"{where}, period {n}"
            if not isinstance(period, Mapping):
                raise _fail(pw, "a period must be a mapping", "write {start: YYYY-MM-DD, sector: GOV}")
            _check_fields(period, PERIOD_FIELDS, pw)
            p_country = _country(period["country"], pw, countries) if "country" in period else country
            p_sector = _sector(period["sector"], pw) if "sector" in period else sector
            code = _code(period.get("code"), pw, p_country, p_sector) if ("code" in period or "country" in period
                                                                         or "sector" in period) else base.code
            actors.append(replace(base, country=p_country, sector=p_sector, code=code,
                                  start=_date(period.get("start"), pw, "start"),
                                  end=_date(period.get("end"), pw, "end"), holds_office=False))
    return actors, (name, *_aliases(raw.get("aliases"), where))


def _read_yaml(path: Path) -> Any:
    try:
        return yamlio.load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _fail(str(path), "the dictionary file does not exist", "check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(str(path), f"the file cannot be read ({exc})", "save it as UTF-8 text") from exc
    except yamlio.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        raise _fail(str(path), f"not valid YAML{line} ({getattr(exc, 'problem', exc)})",
                    "fix the YAML syntax") from exc


def _read_csv(path: Path, required: Sequence[str], allowed: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows with their line numbers; the header must name the required columns and no unknown ones."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise _fail(str(path), f"the header lacks column(s) {', '.join(missing)}",
                            f"the first line must name the columns {','.join(required)}")
            _check_fields(dict.fromkeys(header), allowed, f"{path}, line 1")
            rows = []
            for row in reader:
                if None in row or any(v is None for v in row.values()):
                    raise _fail(f"{path}, line {reader.line_num}", "the row has a different number of fields "
                                "than the header", "quote fields that contain commas")
                if any(v.strip() for v in row.values()):
                    rows.append((reader.line_num, row))
            return rows
    except FileNotFoundError:
        raise _fail(str(path), "the dictionary file does not exist", "check the path") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise _fail(str(path), f"the file cannot be read ({exc})", "save it as UTF-8 CSV") from exc


def _named_yaml(path: Path, countries: Countries, *, default_kind: str, allowed: Sequence[str]
                ) -> list[tuple[list[KnownActor], tuple[str, ...]]]:
    data = _read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list):
        raise _fail(str(path), "the file must be a YAML list of entries", "start each entry with '- name: ...'")
    return [_entries(raw, f"{path}, entry {n}" + (f" ({raw['name']})" if isinstance(raw, Mapping) and raw.get("name")
                                                  else ""),
                     countries, default_kind=default_kind, allowed=allowed, origin=path.name)
            for n, raw in enumerate(data, 1)]


def _office_holders(path: Path, countries: Countries) -> list[tuple[list[KnownActor], tuple[str, ...]]]:
    out = []
    for line, row in _read_csv(path, OFFICE_COLUMNS, OFFICE_COLUMNS):
        where = f"{path}, line {line}"
        office = row["office"].strip()
        if office not in OFFICES:
            raise _fail(where, f"office {office!r} is unknown", f"use one of {', '.join(OFFICES)}")
        if not row["start"].strip():
            raise _fail(where, "the start date is missing", "give the date the term began (YYYY-MM-DD)")
        raw = {"name": row["name"], "aliases": row["aliases"], "country": row["country"],
               "sector": row["sector"] or "GOV", "start": row["start"], "end": row["end"], "kind": "person"}
        if not row["country"].strip():
            raise _fail(where, "the country is missing", "give the ISO 3166 alpha-3 code of the office's country")
        actors, names = _entries(raw, where, countries, default_kind="person", allowed=USER_FIELDS, origin=path.name)
        out.append(([replace(a, holds_office=True) for a in actors], names))
    return out


def _user_file(path: Path, countries: Countries) -> list[tuple[list[KnownActor], tuple[str, ...]]]:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _named_yaml(path, countries, default_kind="auto", allowed=USER_FIELDS)
    if suffix == ".csv":
        return [_entries(dict(row), f"{path}, line {line}", countries, default_kind="auto",
                         allowed=USER_FIELDS, origin=path.name)
                for line, row in _read_csv(path, ("name",), USER_FIELDS)]
    raise _fail(str(path), f"actor dictionaries must be .yaml, .yml or .csv, not {suffix or 'no extension'!r}",
                "rename the file or convert it")


def _roles(path: Path) -> dict[str, Role]:
    data = _read_yaml(path)
    if not isinstance(data, list):
        raise _fail(str(path), "the file must be a YAML list of role groups", "write '- sector: GOV' groups")
    roles: dict[str, Role] = {}
    for n, group in enumerate(data, 1):
        where = f"{path}, group {n}"
        if not isinstance(group, Mapping):
            raise _fail(where, "a role group must be a mapping", "write sector: ..., terms: [...]")
        _check_fields(group, ROLE_FIELDS, where)
        sector = _sector(group.get("sector"), where)
        terms = group.get("terms")
        if not isinstance(terms, list) or not terms:
            raise _fail(where, "'terms' must be a non-empty list", "write terms: [word, ...]")
        generic = _flag(group.get("generic"), where, "generic")
        opposes = _flag(group.get("opposes"), where, "opposes")
        domestic = group.get("domestic", True)
        if not isinstance(domestic, bool):
            raise _fail(where, "'domestic' must be true or false", "write domestic: false")
        for term in terms:
            text = _text(term, where, "terms", required=True)
            assert text is not None
            key = fold(text)
            if key in roles:
                raise _fail(where, f"the role {text!r} is listed twice", "keep one")
            roles[key] = Role(term=text, sector=sector, generic=generic, domestic=domestic, opposes=opposes)
    return roles


def _peoples(path: Path, countries: Countries) -> dict[str, People]:
    data = _read_yaml(path)
    if not isinstance(data, list):
        raise _fail(str(path), "the file must be a YAML list of groups", "start each group with '- name: ...'")
    peoples: dict[str, People] = {}
    for n, raw in enumerate(data, 1):
        where = f"{path}, group {n}"
        if not isinstance(raw, Mapping):
            raise _fail(where, "a group must be a mapping", "write name: ..., forms: [...], homes: [...]")
        _check_fields(raw, PEOPLE_FIELDS, where)
        name = _text(raw.get("name"), where, "name", required=True)
        assert name is not None
        kind = (_text(raw.get("kind"), where, "kind") or "ethnic").lower()
        if kind not in PEOPLE_KINDS:
            raise _fail(where, f"kind {kind!r} is unknown", f"use one of {', '.join(PEOPLE_KINDS)}")
        homes = raw.get("homes") or []
        if not isinstance(homes, list):
            raise _fail(where, "'homes' must be a list of ISO3 codes", "write homes: [IRQ, TUR]")
        people = People(name=name, kind=kind,
                        homes=tuple(c for c in (_country(h, where, countries) for h in homes) if c))
        forms = raw.get("forms")
        if not isinstance(forms, list) or not forms:
            raise _fail(where, "'forms' must be a non-empty list", "write forms: [Kurd, Kurds, Kurdish]")
        for form in (name, *forms):
            text = _text(form, where, "forms", required=True)
            assert text is not None
            key = fold(text)
            if peoples.get(key, people) != people:
                raise _fail(where, f"the form {text!r} already names {peoples[key].name}", "keep one")
            peoples[key] = people
    return peoples


def _index(loaded: Iterable[tuple[list[KnownActor], tuple[str, ...]]]) -> dict[str, list[KnownActor]]:
    index: dict[str, list[KnownActor]] = {}
    for actors, names in loaded:
        keys = dict.fromkeys(k for k in (fold(n) for n in names) if k)
        for key in keys:
            bucket = index.setdefault(key, [])
            bucket.extend(a for a in actors if a not in bucket)
    return index


# Articles and particles of Arabic and other names that the press writes in many ways or leaves out.
_PARTICLES = frozenset({"al", "el", "ad", "ed", "as", "ash", "an", "ar", "at", "az", "ul", "de", "da", "van",
                        "von", "der", "la", "le"})


def _loose(folded: str) -> str:
    """A person's folded name without particles and hyphens: "omar al-bashir" -> "omar bashir"."""
    return " ".join(w for w in folded.replace("-", " ").split() if w not in _PARTICLES)


def _loose_index(named: Mapping[str, Sequence[KnownActor]]) -> dict[str, tuple[KnownActor, ...]]:
    """Multi-word person names by their loose form, and by first + last word of it."""
    index: dict[str, list[KnownActor]] = {}
    for key, entries in named.items():
        people = [e for e in entries if e.kind == "person"]
        words = _loose(key).split()
        if not people or len(words) < 2:
            continue
        for form in dict.fromkeys((" ".join(words), f"{words[0]} {words[-1]}")):
            bucket = index.setdefault(form, [])
            bucket.extend(e for e in people if e not in bucket)
    return {k: tuple(v) for k, v in index.items()}


def first_piece(folded: str) -> str:
    return _PIECE.split(folded, maxsplit=1)[0]


def _tokens_in(key: str) -> int:
    """An upper bound on the spaCy tokens a folded name spans (hyphens and apostrophes split)."""
    return len(key.split()) + 2 * (key.count("-") + key.count("'") + key.count("/"))


class ActorKnowledge:
    """Named actors and role words, indexed by folded name; immutable once built, load once per process."""

    def __init__(self, countries: Countries, named: Mapping[str, Sequence[KnownActor]],
                 roles: Mapping[str, Role], peoples: Mapping[str, People] | None = None) -> None:
        self.countries = countries
        self._named = {k: tuple(v) for k, v in named.items()}
        self._roles = dict(roles)
        self._peoples = dict(peoples or {})
        self._loose = _loose_index(self._named)
        longest = max((_tokens_in(k) for k in (*self._named, *self._roles, *self._peoples)), default=1)
        # Named phrases longer than this never match; capping keeps the n-gram scan short.
        self.max_tokens = min(longest, 12)
        # The first piece of every name, role and country form: a span whose first token is not one of
        # these cannot match anything, which spares most of the per-phrase dictionary lookups.
        forms = [*self._named, *self._roles, *self._peoples,
                 *(fold(text) for text, _, _ in countries.surface_forms())]
        self._first_pieces = frozenset(first_piece(f) for f in forms)

    def may_start(self, folded_token: str) -> bool:
        """Whether some name, role or country form can begin with this folded token text."""
        piece = first_piece(folded_token)
        return piece in self._first_pieces or (piece.endswith("s") and piece[:-1] in self._first_pieces)

    @classmethod
    def load(cls, countries: Countries, extra_files: Sequence[Path] = (), *,
             office_holders: Path | None = None) -> ActorKnowledge:
        """Read the built-in knowledge and ``extra_files`` (user dictionaries, later files win).

        ``office_holders``: the folder of office-holder CSVs (default: the package's own); a missing or
        empty folder means no office holders.
        """
        builtin: list[tuple[list[KnownActor], tuple[str, ...]]] = []
        for name, kind in NAMED_FILES:
            builtin += _named_yaml(BUILTIN / name, countries, default_kind=kind, allowed=ORG_FIELDS)
        folder = OFFICE_HOLDERS if office_holders is None else office_holders
        if folder.is_dir():
            for path in sorted(folder.glob("*.csv")):
                builtin += _office_holders(path, countries)
        named = _index(builtin)
        for path in extra_files:
            # Each user file replaces, name by name, whatever was known before it.
            named.update(_index(_user_file(Path(path), countries)))
        return cls(countries, named, _roles(BUILTIN / ROLES_FILE), _peoples(BUILTIN / PEOPLES_FILE, countries))

    def named(self, key: str) -> tuple[KnownActor, ...]:
        """Every actor known by the folded name ``key`` (several when dates or namesakes differ)."""
        return self._named.get(key, ())

    def role(self, key: str) -> Role | None:
        """The role word or title with the folded form ``key``."""
        return self._roles.get(key)

    def people(self, key: str) -> People | None:
        """The ethnic or religious group with the folded form ``key`` ("kurdish", "shiites")."""
        return self._peoples.get(key)

    def person_by_loose_name(self, key: str) -> tuple[KnownActor, ...]:
        """Office holders whose name matches ``key`` once particles are set aside ("Omar El Bashir" ->
        Omar al-Bashir), or, failing that, whose first and last names match ("Omar Hassan Bashir")."""
        loose = _loose(key)
        found = self._loose.get(loose, ())
        words = loose.split()
        if not found and len(words) > 2:
            found = self._loose.get(f"{words[0]} {words[-1]}", ())
        return found

    def __len__(self) -> int:
        return len(self._named)

    @staticmethod
    def pick(candidates: Sequence[KnownActor], on: date | None) -> tuple[KnownActor, bool] | None:
        """The candidate that applies on ``on``, and whether it was valid then.

        Undated candidates are always valid. Without a date the one still in office (open end) wins,
        else the latest. On a date outside every candidate's dates, the nearest period is returned with
        False: the caller makes a former office holder ELI.
        """
        if not candidates:
            return None
        if on is None:
            open_ended = [c for c in candidates if c.end is None]
            if open_ended:
                return open_ended[0], True
            return max(candidates, key=lambda c: c.end or date.max), True
        valid = [c for c in candidates if c.valid_on(on)]
        if valid:
            return valid[0], True

        def distance(c: KnownActor) -> int:
            if c.start is not None and on < c.start:
                return (c.start - on).days
            return (on - c.end).days if c.end is not None else 0

        return min(candidates, key=distance), False
