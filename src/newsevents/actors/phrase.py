"""The noun phrase around a head token, and what its words name.

``collect`` walks the dependency tree down from the head and keeps the words that describe the same
referent, each tagged with the *zone* it was reached through:

    core    compounds, adjectives, nmod, appositions, determiners ("Kenyan Interior Minister Amina Odhiambo")
    poss    a possessor and its subtree ("Iraq's national security adviser")
    of      an "of"/"for" phrase ("the president of Iraq", "a spokesman for the army")
    loc     an "in"/"from" phrase: only ever a country's source ("protesters in Baghdad")
    backer  who backs the referent ("Iranian-backed militias", "militias backed by Iran")

Relative clauses, conjuncts and other prepositional phrases are left out: they describe something else.

``scan`` then matches the phrase's contiguous token runs against the dictionaries, longest first:
named actors, the article's aliases, role words, countries (names, demonyms, capitals). A PERSON
entity is matched as a whole name (after its leading title words), never by a piece of it, so
"Hunter Biden" does not become the office holder known as "Biden".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..knowledge.names import fold, is_abbreviation_safe
from ..types import Actor
from .dateline import dateline_end
from .knowledge import ActorKnowledge, KnownActor, People, Role, first_piece
from .places import MIN_POPULATION, MIN_RIVAL_POPULATION, PlaceLookup, place_countries

CORE_DEPS = frozenset({"compound", "amod", "nmod", "appos", "det", "predet", "nummod", "quantmod", "npadvmod",
                       "case", "punct", "nn", "flat", "poss"})
OF_PREPS = frozenset({"of", "for"})
LOC_PREPS = frozenset({"in", "from", "inside", "within"})
# Participles that make a modifier the referent's backer, not its country: "Iranian-backed militias".
BACKERS = frozenset({"back", "backed", "support", "supported", "sponsor", "sponsored", "fund", "funded", "finance",
                     "financed", "arm", "armed", "align", "aligned", "ally", "allied", "link", "linked", "affiliate",
                     "affiliated", "train", "trained", "equip", "equipped", "proxy"})
PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "they", "them", "their", "it", "its"})
_NOT_ROLE_POS = frozenset({"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "NUM", "PUNCT"})
_OUTER = {"core": 0, "poss": 1, "of": 1, "loc": 2, "backer": 2}


@dataclass(slots=True)
class Hit:
    """A token span the dictionaries recognise, and the zone of the phrase it sits in."""

    start: int
    end: int
    kind: str  # named | alias | person | role | country | people | place | pronoun
    zone: str  # as collected, or "against" for a country after "anti-" (never the referent's country)
    entries: tuple[KnownActor, ...] = ()  # named, person
    actor: Actor | None = None  # alias, person (from an earlier mention)
    role: Role | None = None  # role
    country: str | None = None  # country (ISO3)
    capital: bool = False  # country matched through its capital ("Tehran said")
    people: People | None = None  # people: an ethnic or religious group ("Kurdish", "ethnic Albanians")
    places: tuple[str, ...] = ()  # place: the countries a town or region may lie in, likeliest first

    def covers(self, i: int) -> bool:
        return self.start <= i < self.end


@dataclass(frozen=True, slots=True)
class _Aliases:
    """The article's aliases for one scan, with the first pieces of their keys for a quick pre-check."""

    actors: Mapping[str, Actor]
    pieces: frozenset[str]
    shadowed: frozenset[str] = frozenset()  # acronyms the article defines for another organisation


def _ent_bounds(token: Token) -> tuple[int, int]:
    """Start and end token indices of the entity ``token`` is in."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _child_zone(child: Token, zone: str) -> str | None:
    dep = child.dep_
    lemma = (child.lemma_ or child.text).lower()
    if dep in ("amod", "acl") and (lemma in BACKERS or child.text.lower() in BACKERS):
        return "backer" if _OUTER[zone] < 2 else zone
    if dep == "poss":
        return "poss" if zone == "core" else zone
    if dep in CORE_DEPS:
        return zone
    if dep == "prep":
        word = child.text.lower()
        if word in OF_PREPS:
            return "of" if zone == "core" else zone
        if word in LOC_PREPS:
            return "loc" if _OUTER[zone] < 2 else zone
        if word == "by" and zone == "backer":
            return zone
        return None
    if dep in ("pobj", "agent"):  # only ever reached under a prep (or a backer participle) kept above
        return zone
    return None


def collect(head: Token) -> dict[int, str]:
    """Token index -> zone for the noun phrase headed by ``head``."""
    zones = {head.i: "core"}
    stack = [(head, "core")]
    while stack:
        token, zone = stack.pop()
        for child in token.children:
            if child.i in zones:
                continue
            child_zone = _child_zone(child, zone)
            if child_zone is not None:
                zones[child.i] = child_zone
                stack.append((child, child_zone))
    if head.ent_iob_ in ("B", "I"):
        # Parsers split names oddly ("Mohammed Shia al - Sudani"): the head's whole entity belongs to it.
        start, end = _ent_bounds(head)
        for i in range(start, end):
            zones.setdefault(i, "core")
    first = head.doc[min(zones)]
    if first.text[:1].isupper() and (head.doc.has_annotation("SENT_START") or head.doc.has_annotation("DEP")):
        # "GAZA CITY, Palestinian Territories - Five people were killed": the parser may hang the dateline
        # on the subject; where the story was filed says nothing of who the people are.
        filed = dateline_end(first.sent)
        if filed > first.i and head.i >= filed:
            zones = {i: zone for i, zone in zones.items() if i >= filed}
    return zones


def coordinated_modifiers(head: Token) -> list[Token]:
    """The coordinated modifiers before a head ("French" and "German" in "French and German diplomats",
    "US" and "British" in "US and British activists"), first to last; empty when there are none."""
    for child in head.children:
        if child.i > head.i or child.dep_ not in ("amod", "compound", "nmod"):
            continue
        if not any(c.dep_ == "conj" for c in child.children):
            continue
        members = [child]
        stack = [child]
        while stack:
            for c in stack.pop().children:
                if c.dep_ == "conj" and c.i < head.i:
                    members.append(c)
                    stack.append(c)
        return sorted(members, key=lambda t: t.i)
    return []


def is_punct(token: Token) -> bool:
    """Punctuation, judged from the text too: a Doc built on a bare Vocab has no lexical flags."""
    return token.pos_ == "PUNCT" or not any(c.isalnum() for c in token.text)


def _has_upper(text: str) -> bool:
    return any(c.isupper() for c in text)


def after_anti(doc: Doc, i: int) -> bool:
    """"anti-Syria", "anti-American": the country is what the referent opposes."""
    before = doc[i - 1].text.lower() if i > 0 else ""
    return before in ("anti", "anti-") or (before == "-" and i > 1 and doc[i - 2].text.lower() == "anti")


def _capitalised(text: str) -> bool:
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and words[0][:1].isupper()


class Scanner:
    """Dictionary matching over a phrase; one per resolver, holds no per-document state."""

    def __init__(self, knowledge: ActorKnowledge, places: PlaceLookup | None = None) -> None:
        self.knowledge = knowledge
        self.countries = knowledge.countries
        self.places = places

    def scan(self, doc: Doc, zones: Mapping[int, str], aliases: Mapping[str, Actor],
             shadowed: frozenset[str] = frozenset()) -> list[Hit]:
        hits: list[Hit] = []
        known = _Aliases(aliases, frozenset(first_piece(k) for k in aliases), shadowed)
        indices = sorted(zones)
        run_start = 0
        for n in range(1, len(indices) + 1):
            if n == len(indices) or indices[n] != indices[n - 1] + 1:
                self._scan_run(doc, indices[run_start], indices[n - 1] + 1, zones, known, hits)
                run_start = n
        return hits

    def _scan_run(self, doc: Doc, start: int, end: int, zones: Mapping[int, str], aliases: _Aliases,
                  hits: list[Hit]) -> None:
        i = start
        while i < end:
            token = doc[i]
            if token.ent_type_ == "PERSON":
                j = i + 1
                while j < end and doc[j].ent_iob_ == "I":
                    j += 1
                self._person(doc, i, j, zones[i], aliases, hits)
                i = j
                continue
            stop = i + 1
            while stop < end and doc[stop].ent_type_ != "PERSON":
                stop += 1
            hit = self._longest(doc, i, stop, zones[i], aliases) or self._region_title(doc, i, stop + 1, zones[i])
            if hit is None:
                if token.text.lower() in PRONOUNS and token.pos_ in ("PRON", ""):
                    hits.append(Hit(i, i + 1, "pronoun", zones[i]))
                i += 1
            else:
                hits.append(hit)
                i = hit.end

    def _longest(self, doc: Doc, i: int, stop: int, zone: str, aliases: _Aliases,
                 *, only_titles: bool = False) -> Hit | None:
        first = doc[i]
        start = doc[i + 1] if first.text.lower() == "the" and i + 1 < stop else first
        folded = fold(start.text)
        if not (self.knowledge.may_start(folded) or first_piece(folded) in aliases.pieces
                or (start.lemma_ and self.knowledge.may_start(fold(start.lemma_)))
                or (self.places is not None and start.ent_type_ in ("GPE", "LOC"))):
            return None
        for n in range(min(self.knowledge.max_tokens, stop - i), 0, -1):
            hit = self._match(doc, i, i + n, zone, aliases, only_titles=only_titles)
            if hit is not None:
                return hit
        return None

    def _match(self, doc: Doc, i: int, j: int, zone: str, aliases: _Aliases, *,
               only_titles: bool) -> Hit | None:
        span = doc[i:j]
        if is_punct(span[0]) or is_punct(span[-1]):
            return None
        text = span.text
        key = fold(text)
        if not key:
            return None
        if not only_titles and _has_upper(text):
            actor = aliases.actors.get(key)
            # A one-word alias from this article ("Hussein" after "Fuad Hussein") beats a namesake in the
            # dictionaries; a full name in the dictionaries beats the article's copy of it.
            if actor is not None and " " not in key and self._person_name(doc, i, j, key):
                return Hit(i, j, "alias", zone, actor=actor)
            entries = () if key in aliases.shadowed else self.knowledge.named(key)
            if entries and (self._person_name(doc, i, j, key) if all(e.kind == "person" for e in entries)
                            else is_abbreviation_safe(text)):
                return Hit(i, j, "named", zone, entries=entries)
            if actor is not None and self._person_name(doc, i, j, key):
                return Hit(i, j, "alias", zone, actor=actor)
        role = self._role(span, key)
        if role is not None:
            return Hit(i, j, "role", zone, role=role)
        if not _capitalised(text):
            return None
        people = None if only_titles else self.knowledge.people(key)
        if people is not None:
            return Hit(i, j, "people", zone, people=people)
        country = self._country(span, text)
        qualified = self._qualifier(doc, j, region_only=country is not None and not country[1]) \
            if country is not None or self.places is not None else None
        if country is not None and qualified is not None and qualified != country[0]:
            # "Paris, Texas", "Lebanon, Ohio": the region or country written after the name decides;
            # a town that shares a country's or capital's name is that town (issue 8, category 4).
            return Hit(i, j, "place", "against" if after_anti(doc, i) else zone, places=(qualified,))
        if country is not None:
            iso3, capital = country
            if after_anti(doc, i):
                return Hit(i, j, "country", "against", country=iso3)  # "anti-Syria": not its country
            if i > 0 and doc[i - 1].text.lower() == "ethnic" and not capital:
                # "ethnic Albanians": a minority named after a country, which belongs where it lives.
                return Hit(i, j, "people", zone, people=People(name=f"ethnic {text}", ethnic_of=iso3))
            if zone in ("core", "poss") and self._backed(doc, i, j):
                zone = "backer"
            if capital:
                # A capital that other countries' towns share ("Tripoli"): the article's country may
                # mean its own town; the capital's country stays first.
                others = tuple(c for c in self._town(span, text, MIN_RIVAL_POPULATION) if c != iso3)
                if others:
                    return Hit(i, j, "place", zone, country=iso3, capital=True, places=(iso3, *others))
            return Hit(i, j, "country", zone, country=iso3, capital=capital)
        places = self._town(span, text)
        if qualified is not None and qualified in places:
            places = (qualified,)  # "Portland, Oregon": the namesake in the written region
        if places:
            return Hit(i, j, "place", "against" if after_anti(doc, i) else zone, places=places)
        return None

    def _qualifier(self, doc: Doc, j: int, *, region_only: bool = False) -> str | None:
        """The country of a region or country written after a place name and a comma ("Paris, Texas",
        "Tripoli, Lebanon"): the name's own country. Only a name the tagger saw as a place counts, a
        region only as a first-level one (a state, a province), and never the next item of a list ("Iran,
        Iraq and Syria"); after a country's own name only a region ("Lebanon, Ohio")."""
        if j + 1 >= len(doc) or doc[j].text != ",":
            return None
        for n in (3, 2, 1):
            qualifier = doc[j + 1:j + 1 + n]
            if len(qualifier) < n or not {t.ent_type_ for t in qualifier} <= {"GPE", "LOC"} \
                    or qualifier[0].ent_type_ == "" or not _capitalised(qualifier.text):
                continue
            if qualifier.end < len(doc) and doc[qualifier.end].ent_iob_ == "I":
                continue  # only the whole name
            if qualifier.root.dep_ == "conj" or (qualifier.end < len(doc) and doc[qualifier.end].dep_ == "cc"):
                return None  # a list of places, not a name and its region
            found = self.countries.lookup(qualifier.text)
            if found is not None:
                return None if region_only else found.iso3
            if self.places is not None:
                regions = {m.entry.country for m in self.places(qualifier.text)
                           if m.primary and m.entry.feature == "admin1" and m.entry.country}
                if len(regions) == 1:
                    return regions.pop()
        return None

    def _role(self, span: Span, key: str) -> Role | None:
        role = self.knowledge.role(key)
        if role is not None:
            return role
        tokens = list(span)
        last = tokens[-1]
        if last.pos_ in _NOT_ROLE_POS:
            return None
        prefix = "".join(t.text_with_ws for t in tokens[:-1])
        lemma = last.lemma_
        if lemma and lemma.lower() != last.text.lower():
            role = self.knowledge.role(fold(prefix + lemma))
        if role is None and last.text.lower().endswith("s") and len(last.text) > 3 and not lemma:
            role = self.knowledge.role(fold(prefix + last.text[:-1]))  # no lemmatiser: a plain plural
        return role

    def _country(self, span: Span, text: str) -> tuple[str, bool] | None:
        found = self.countries.lookup(text) or self.countries.by_demonym(text)
        if found is not None:
            return found.iso3, False
        ent_types = {t.ent_type_ for t in span}
        # A capital names its government only where the tagger saw a place ("Washington Post" is not).
        if ent_types <= {"GPE", "LOC", ""}:
            found = self.countries.by_capital(text)
            if found is not None:
                return found.iso3, True
        return None

    def _town(self, span: Span, text: str, min_population: int = MIN_POPULATION) -> tuple[str, ...]:
        """The countries of a town or region the tagger saw as a place ("Lagos", "Basra")."""
        if self.places is None:
            return ()
        ent_types = {t.ent_type_ for t in span}
        if not ent_types or not ent_types <= {"GPE", "LOC"}:
            return ()
        # Only the whole name the tagger saw: "Delta" in "the Nile Delta" is not Nigeria's Delta State.
        first, last = span[0], span[-1]
        if first.ent_iob_ != "B" and not (first.i > 0 and first.doc[first.i - 1].ent_iob_ == "B"
                                            and first.doc[first.i - 1].text.lower() == "the"):
            return ()
        if last.i + 1 < len(last.doc) and last.doc[last.i + 1].ent_iob_ == "I":
            return ()
        return place_countries(self.places, text, min_population)

    def _backed(self, doc: Doc, i: int, j: int) -> bool:
        """"Iranian-backed", "Iran-aligned", "pro-Iranian": the country backs the referent."""
        if j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].text.lower() in BACKERS:
            return True
        return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].text.lower() == "pro"

    def _person_name(self, doc: Doc, i: int, j: int, key: str) -> bool:
        """A person's name (or surname) outside a PERSON entity counts only as a proper noun standing alone.

        "Struck" opening a sentence is a verb, "Bishop" before a name is a title, "Biden" in "Hunter
        Biden" is someone else; short surnames ("Xi") are allowed as capitalised proper nouns.
        """
        last = doc[j - 1]
        if last.pos_ not in ("PROPN", "") or not doc[i].text[:1].isupper():
            return False
        if i > 0 and j < len(doc) and doc[i - 1].text == "(" and doc[j].text == ")":
            return False  # "the Municipality Association (AKK)": the acronym of the name before it
        if (self.places is not None and any(t.ent_type_ in ("GPE", "LOC") for t in doc[i:j])
                and place_countries(self.places, doc[i:j].text)):
            return False  # a town the tagger saw as a place is not a person who shares its name
        return self.knowledge.role(key) is None and self._bounded(doc, i, j)

    def _bounded(self, doc: Doc, i: int, j: int) -> bool:
        """No unexplained proper noun right beside the match: "Biden" in "Hunter Biden" is not Joe Biden."""
        for k in (i - 1, j):
            if 0 <= k < len(doc):
                token = doc[k]
                if token.pos_ == "PROPN" and token.text[:1].isupper() and not self._is_descriptor(token):
                    return False
        return True

    def _is_descriptor(self, token: Token) -> bool:
        text = token.text
        return (self.knowledge.role(fold(text)) is not None or self.countries.lookup(text) is not None
                or self.countries.by_demonym(text) is not None)

    def _titled_name(self, doc: Doc, i: int, j: int, zone: str, hits: list[Hit]) -> bool:
        """A person known by title and name together ("King Hussein", "Pope John Paul II"), written inside
        the entity or with the title just before it: the name alone may be someone else's."""
        end = j
        while end > i and (doc[end - 1].tag_ == "POS" or is_punct(doc[end - 1])):
            end -= 1
        starts = [i] if end - i > 1 else []
        if hits and hits[-1].kind == "role" and hits[-1].end == i:
            starts.append(hits[-1].start)
        for start in starts:
            entries = self.knowledge.named(fold(doc[start:end].text))
            if entries and all(e.kind == "person" for e in entries):
                if start < i:
                    hits.pop()
                hits.append(Hit(start, end, "person", zone, entries=entries))
                return True
        return False

    def _region_title(self, doc: Doc, k: int, j: int, zone: str) -> Hit | None:
        """A state or province written before a title inside a person's name ("Manitoba Premier Brian
        Pallister", "Texas Governor ..."): the tagger folds it into the PERSON entity, where it is no
        place of its own; it still says whose office it is (issue 8, category 4)."""
        if self.places is None:
            return None
        for n in (2, 1):
            if k + n >= j - 1 or not _capitalised(doc[k:k + n].text):
                continue
            if self._role(doc[k + n:k + n + 1], fold(doc[k + n].text)) is None:
                continue
            regions = {m.entry.country for m in self.places(doc[k:k + n].text)
                       if m.primary and m.entry.feature == "admin1" and m.entry.country}
            if len(regions) == 1:
                return Hit(k, k + n, "place", zone, places=(regions.pop(),))
        return None

    def _person(self, doc: Doc, i: int, j: int, zone: str, aliases: _Aliases, hits: list[Hit]) -> None:
        """A PERSON entity: its leading titles and countries, then the name as a whole."""
        if self._titled_name(doc, i, j, zone, hits):
            return
        k = i
        while k < j - 1:
            if doc[k].text.lower() == "the":
                k += 1
                continue
            title = self._longest(doc, k, j - 1, zone, aliases, only_titles=True) or self._region_title(doc, k, j, zone)
            if title is None:
                break
            hits.append(title)
            k = title.end
        end = j
        while end > k and (doc[end - 1].tag_ == "POS" or is_punct(doc[end - 1])):
            end -= 1
        if end <= k:
            return
        name = doc[k:end].text
        key = fold(name)
        entries = self.knowledge.named(key)
        words = name.split()
        if not entries and len(words) > 2:
            entries = self.knowledge.named(fold(f"{words[0]} {words[-1]}"))  # a middle name left out
        if not entries and len(words) > 1:
            entries = self.knowledge.person_by_loose_name(key)  # "Omar El Bashir", "Zia-Ul-Haq"
        if not entries and k == i and end - k == 1 and doc[k].dep_ in ("compound", "amod", "nmod"):
            # The small model tags some peoples as persons ("Karen" in "Karen guerrillas"): a one-word
            # "name" that modifies another noun and is a people's name is that people.
            people = self.knowledge.people(key)
            if people is not None:
                hits.append(Hit(k, end, "people", zone, people=people))
                return
        actor = aliases.actors.get(key)
        if not entries and actor is None and k == i:
            # The small model tags some places as persons ("Kyiv", "Sanaa"): a whole name that is a
            # country or capital, with no title before it, is that place.
            place = self.countries.lookup(name) or self.countries.by_capital(name)
            if place is not None:
                hits.append(Hit(k, end, "country", zone, country=place.iso3,
                                capital=self.countries.lookup(name) is None))
                return
        hits.append(Hit(k, end, "person", zone, entries=entries, actor=actor))
