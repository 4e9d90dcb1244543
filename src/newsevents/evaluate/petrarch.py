"""PETRARCH-style validation files: ``<Sentence>`` records with ``<EventCoding>`` and ``<Text>``.

    <Sentence date="20080806" id="AFP0808020705_1" category="AFP">
    <EventCoding sourcecode="GUYJUD" targetcode="BRAPPL" eventcode="173">
    <Text>
    A court in Chile has ordered the arrest of two officers ...
    </Text>
    <Parse> ... </Parse>
    </Sentence>

These files (PETRARCH-2, UniversalPetrarch) are read line-oriented by their own tools and are often
not well-formed XML (``<EventCoding ...>`` is left unclosed, ``<Environment>`` holds unclosed tags),
so this reader scans for the record tags instead of using an XML parser. ``<EventCoding
noevents="True">`` marks a sentence without events; a record with ``<Skip>`` is left out.

Actor codes are CAMEO's: a country (ISO alpha-3; a few pre-2002 codes are mapped, see
``data/cameo_country_codes.csv``) then a sector (``USAGOV``: USA, GOV); a transnational kind
(``IGOUNO``: no country, sector IGO); ``---`` for an unknown country (``---GOV``).
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

from ..errors import EvaluationError
from ..events.codebook import Codebook
from ..knowledge.countries import Countries
from .gold import GoldActor, GoldEvent, GoldSentence, parse_date

TRANSNATIONAL = ("IGO", "NGO", "IMG", "ISM", "MNC")
LEGACY_CODES = Path(__file__).resolve().parent / "data" / "cameo_country_codes.csv"

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?:</Sentence\s*>|(?=<Sentence\b)|\Z)", re.S | re.I)
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>", re.I)
_TEXT = re.compile(r"<Text\s*>(.*?)</Text\s*>", re.S | re.I)
_SKIP = re.compile(r"<Skip\b", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


class CameoActors:
    """Turns CAMEO actor codes into gold actors, knowing which three-letter prefixes are countries."""

    def __init__(self, countries: Countries, legacy: dict[str, str]) -> None:
        self._countries = countries
        self._legacy = legacy

    @classmethod
    def load(cls, countries: Countries | None = None) -> CameoActors:
        try:
            with LEGACY_CODES.open(encoding="utf-8", newline="") as f:
                legacy = {row["cameo"]: row["iso3"] for row in csv.DictReader(f)}
        except (OSError, KeyError) as exc:
            raise EvaluationError(f"the CAMEO country table {LEGACY_CODES} cannot be read ({exc}); reinstall "
                                  "newsevents") from exc
        return cls(countries or Countries.load(), legacy)

    def actor(self, code: str) -> GoldActor:
        """``USAGOV`` -> USA/GOV, ``IGOUNO`` -> IGO, ``---GOV`` -> unknown/GOV, ``---`` -> unknown."""
        code = code.strip().upper()
        prefix, sector = code[:3], code[3:6] or None
        if prefix in TRANSNATIONAL:
            return GoldActor(country=None, sector=prefix, code=code)
        country = self._legacy.get(prefix, prefix)
        if prefix != "---" and self._countries.get(country) is not None:
            return GoldActor(country=country, sector=sector, code=code)
        # "---" and codes that name no country (regions such as AFR): the country is unknown, and the
        # referee lets an unknown country match any predicted actor.
        return GoldActor(country=None, sector=sector, code=code or None)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR.finditer(raw)}


def read_petrarch_xml(path: Path, *, codebook: Codebook | None = None,
                      actors: CameoActors | None = None) -> list[GoldSentence]:
    """Every ``<Sentence>`` of a PETRARCH validation file as a gold sentence (``where`` is its line)."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise EvaluationError(f"gold file {path} does not exist; check the path", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"gold file {path} cannot be read as UTF-8 text ({exc})", source=str(path)) from exc
    # Blank out comments but keep their newlines, so that line numbers in messages stay true.
    text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), raw)
    codebook = codebook or Codebook.load()
    actors = actors or CameoActors.load()
    sentences = []
    for m in _SENTENCE.finditer(text):
        line = _line_of(text, m.start())
        where = f"{path}:{line}"
        body = m.group(2)
        if not re.search(r"</Sentence\s*>", text[m.start():m.end()], re.I):
            raise EvaluationError(f"the <Sentence> opened on line {line} is never closed; add </Sentence>",
                                  source=where)
        if _SKIP.search(body):
            continue
        attrs = _attrs(m.group(1))
        found = _TEXT.search(body)
        if found is None:
            raise EvaluationError(f"the <Sentence> on line {line} has no <Text>...</Text>; add the sentence's "
                                  "text", source=where)
        events = []
        for coding in _CODING.finditer(body):
            c_where = f"{path}:{_line_of(text, m.start(2) + coding.start())}"
            events.extend(_coding(_attrs(coding.group(1)), c_where, codebook, actors))
        sentences.append(GoldSentence(
            id=attrs.get("id") or f"{path.stem}-{line}",
            text=" ".join(html.unescape(found.group(1)).split()),
            date=parse_date(attrs.get("date"), where),
            events=tuple(events), where=where))
    if not sentences:
        raise EvaluationError(f"{path} holds no <Sentence> records; is it a PETRARCH validation file?",
                              source=str(path))
    return sentences


def _coding(attrs: dict[str, str], where: str, codebook: Codebook, actors: CameoActors) -> list[GoldEvent]:
    if "noevents" in attrs:
        return []
    code = attrs.get("eventcode", "").strip()
    if not code:
        raise EvaluationError('an <EventCoding> has no eventcode; add eventcode="..." or write '
                              'noevents="True"', source=where)
    if code not in codebook:
        raise EvaluationError(f"eventcode {code!r} is not a CAMEO event code; use a code of 2 to 4 digits "
                              "as in the CAMEO codebook", source=where)
    source, target = attrs.get("sourcecode", "").strip(), attrs.get("targetcode", "").strip()
    return [GoldEvent(plover=codebook.get(code).plover_type, cameo=code, mode=None,
                      sources=(actors.actor(source),) if source else (),
                      targets=(actors.actor(target),) if target else (),
                      reciprocal=False)]
