"""Who can act: named entities and noun phrases resolved to an ``Actor`` {text, name, country, sector, code}.

``ActorResolver.analyse`` reads one parsed article once: a ``Mention`` per entity, the short forms
seen for its persons and organisations, and the country it is mostly about. ``resolve_head`` then
answers, for the noun phrase under one token, which actor it denotes (the event coder asks it for
subjects and objects). Everything is dictionary lookups on token spans; see docs/actors.md for the
order of preference and the coding decisions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..knowledge.names import fold
from ..types import Actor, Mention
from .context import DocActors
from .dateline import dateline_end, in_dateline
from .knowledge import ActorKnowledge, KnownActor, People
from .phrase import PRONOUNS, Hit, Scanner, after_anti, collect, coordinated_modifiers, is_punct
from .places import PlaceLookup, pick_country, place_countries
from .pronouns import antecedent

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
FORMER = frozenset({"former", "ex", "ex-", "onetime", "erstwhile"})
ELITE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD"})  # "former" makes these ELI
ZONES = ("core", "poss", "of", "person", "loc", "backer")
FOREIGN_ZONES = ("core", "poss", "of", "person")
_NAME_PARTICLES = ("al-", "el-", "as-", "ad-", "ash-", "an-", "ar-", "at-", "az-")


@dataclass(slots=True)
class _Job:
    """One resolution: the article so far, and whether it needed the main country it lacked."""

    doc_actors: DocActors
    aliases: Mapping[str, Actor]
    wanted_main: bool = False
    former: bool = False  # "former"/"ex-" among the phrase's own words: an elite, not an office holder
    doc: Doc | None = None
    use_main: bool = True  # False: the phrase's own words only, never the article's main country


def _make(text: str, name: str, country: str | None, sector: str | None, code: str | None = None) -> Actor | None:
    code = code or (country or "") + (sector or "")
    if not code:
        return None
    return Actor(text=text, name=name, country=country, sector=sector, code=code)


def _bare(actor: Actor) -> Actor:
    """An actor without the words that named it, to tell whether two mentions are the same actor."""
    return replace(actor, text="")


def _datelines(doc: Doc) -> frozenset[int]:
    """Token indices of the datelines opening the article's sentences."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return frozenset()
    return frozenset(i for sent in doc.sents for i in range(sent.start, dateline_end(sent)))


def _opposed(head: Token) -> Token | None:
    """The head of what an opponent stands against: its possessor ("the president's critics") or its
    "of" object ("critics of the government")."""
    for child in head.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.text.lower() == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _phrase_text(doc: Doc, zones: Mapping[int, str]) -> str:
    indices = sorted(zones)
    start, end = indices[0], indices[-1] + 1
    while start < end - 1 and is_punct(doc[start]):
        start += 1
    while end > start + 1 and (is_punct(doc[end - 1]) or doc[end - 1].tag_ == "POS"):
        end -= 1
    return doc[start:end].text


class ActorResolver:
    """Resolves entities and noun phrases to actors; built once per process from ``ActorKnowledge``."""

    def __init__(self, knowledge: ActorKnowledge, places: PlaceLookup | None = None) -> None:
        """``places``: a town or region name -> its gazetteer entries (``Gazetteer.lookup``); without it
        only countries and capitals give a country ("police in Lagos" then has none)."""
        self.knowledge = knowledge
        self.countries = knowledge.countries
        self._places = places
        self._scanner = Scanner(knowledge, places)

    # ------------------------------------------------------------------ the article

    def analyse(self, doc: Doc, published: date | None) -> DocActors:
        """Every entity as a ``Mention`` (with its actor when it can act), aliases and the main country."""
        aliases: dict[str, Actor] = {}
        shadowed = self._shadowed(doc)
        draft = DocActors(mentions=(), aliases=aliases, main_country=None, published=published, shadowed=shadowed)
        mentions: list[Mention] = []
        retry: list[int] = []
        for ent in doc.ents:
            actor = None
            if ent.label_ in ACTOR_LABELS:
                job = _Job(draft, aliases)
                actor = self._resolve(ent.root, job, text=ent.text)
                if job.wanted_main:
                    retry.append(len(mentions))
                if actor is not None:
                    self._learn_aliases(ent, actor, aliases)
            mentions.append(Mention(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char,
                                    actor=actor))
        # Mentions whose country was itself a fallback, or what the text opposes ("anti-Syria"), are not
        # evidence of what the article is about.
        unsure = frozenset(retry) | {n for n, ent in enumerate(doc.ents) if after_anti(doc, ent.start)}
        main = self._main_country(doc, mentions, unsure)
        result = DocActors(mentions=tuple(mentions), aliases=aliases, main_country=main, published=published,
                           shadowed=shadowed)
        if main is not None and retry:
            ents = doc.ents
            # The first reading's aliases of these mentions lack the country now known ("Chiluba" -> a
            # GOV with no country); drop them, so the retry does not read itself back, and learn anew.
            stale = {_bare(a) for n in retry if (a := mentions[n].actor) is not None}
            for key in [k for k, a in aliases.items() if _bare(a) in stale]:
                del aliases[key]
            # Later mentions that read those aliases ("Mwale" after "President Mwale") are read again too.
            again = sorted({*retry, *(n for n, m in enumerate(mentions)
                                      if m.actor is not None and _bare(m.actor) in stale)})
            for n in again:
                actor = self._resolve(ents[n].root, _Job(result, aliases), text=ents[n].text)
                mentions[n] = replace(mentions[n], actor=actor)
                if actor is not None:
                    self._learn_aliases(ents[n], actor, aliases)
            result = replace(result, mentions=tuple(mentions))
        # A dateline ("KABUL, Afghanistan:") says where the story was filed: evidence of what the article
        # is about (counted above), never an actor.
        filed = _datelines(doc)
        if filed and any(ent.start in filed for ent in doc.ents):
            result = replace(result, mentions=tuple(
                replace(m, actor=None) if ent.start in filed else m for m, ent in zip(result.mentions, doc.ents,
                                                                                        strict=True)))
        return result

    def _shadowed(self, doc: Doc) -> frozenset[str]:
        """Acronyms the article defines in parentheses after a name ("the Financial Services Agency
        (FSA)") where the dictionaries know the acronym as another organisation (the Free Syrian Army):
        in this article it is the article's organisation (issue 8, category 6). A definition that
        matches the dictionaries' name ("the Free Syrian Army (FSA)") shadows nothing."""
        defined: dict[str, str] = {}  # folded acronym -> the name it stands for here
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "FAC", "GPE", "NORP"):
                continue
            name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
                short = doc[ent.end + 1].text
                if short.isupper() and short.isalpha() and 2 <= len(short) <= 8:
                    defined.setdefault(fold(short), name)
            if ent.label_ == "ORG":
                # "Japan's Financial Services Agency ... the FSA": the initials of a name the article
                # gives in full, without the country words before it.
                words = [t for t in ent if t.text[:1].isupper() and t.text.lower() != "the"]
                while words and (self.countries.lookup(words[0].text) or self.countries.by_demonym(words[0].text)):
                    words = words[1:]
                if len(words) >= 3 and all(t.is_alpha for t in words):
                    defined.setdefault(fold("".join(t.text[0] for t in words)),
                                       " ".join(t.text for t in words))
        found: set[str] = set()
        for key, name in defined.items():
            entries = self.knowledge.named(key)
            if entries and all(fold(e.name) != fold(name) for e in entries) and not self.knowledge.named(fold(name)):
                found.add(key)
        return frozenset(found)

    def _main_country(self, doc: Doc, mentions: Sequence[Mention], unsure: frozenset[int]) -> str | None:
        """The country named most often: by the mentions' actors, the towns among the place mentions,
        and country names or demonyms the tagger left outside any entity ("the Kenya Anti-Corruption
        Commission"). Mentions whose country was itself a fallback (``unsure``) are not evidence."""
        counts: dict[str, int] = {}  # dicts keep first-mention order, so max() breaks ties by first mention
        for n, m in enumerate(mentions):
            if n in unsure:
                continue
            country = None
            if m.actor is not None:
                country = m.actor.country
            elif m.label in ("GPE", "LOC") and self._places is not None:
                country = pick_country(place_countries(self._places, m.text), None)
            if country:
                counts[country] = counts.get(country, 0) + 1
        for token in doc:
            if token.ent_iob_ in ("B", "I") or not token.text[:1].isupper() or token.pos_ not in ("PROPN", "ADJ", ""):
                continue
            found = self.countries.lookup(token.text) or self.countries.by_demonym(token.text)
            if found is not None:
                counts[found.iso3] = counts.get(found.iso3, 0) + 1
        return max(counts, key=lambda c: counts[c]) if counts else None

    def _learn_aliases(self, ent: Span, actor: Actor, aliases: dict[str, Actor]) -> None:
        """Short forms a later mention may use: a person's surname, an organisation's acronym."""
        forms: list[str] = []
        named = self.knowledge.named(fold(ent.text))
        if self.knowledge.people(fold(ent.text)) is not None:
            return  # a people the tagger took for a person ("Karen") is no one's surname
        if ent.label_ == "PERSON" and not (named and all(e.kind != "person" for e in named)):
            # (an organisation the tagger took for a person, "Boko Haram", has no surname)
            words = actor.name.split() if actor.name else []
            if len(words) > 1:
                forms += [actor.name, words[-1]]
                last = words[-1].lower()
                for particle in _NAME_PARTICLES:
                    if last.startswith(particle) and len(last) > len(particle) + 2:
                        forms.append(words[-1][len(particle):])
            forms.append(ent.text)
        elif ent.label_ in ("ORG", "FAC"):
            doc = ent.doc
            if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
                forms.append(doc[ent.end + 1].text)  # "the Popular Mobilization Forces (PMF)"
            words = [w for w in ent.text.split() if w[:1].isupper() and w.lower() != "the"]
            if len(words) >= 2:
                forms.append("".join(w[0] for w in words))
            while words and (self.countries.lookup(words[0]) or self.countries.by_demonym(words[0])):
                words = words[1:]  # "Japanese Financial Services Agency" ... "the FSA"
            if len(words) >= 2:
                forms.append("".join(w[0] for w in words))
        for form in forms:
            key = fold(form)
            if len(key) < 3 or key in aliases or self._is_common(form, key):
                continue
            aliases[key] = actor

    def _is_common(self, form: str, key: str) -> bool:
        """Alias keys that would hijack a country or role word ("Jordan", "General")."""
        return (self.knowledge.role(key) is not None or self.countries.lookup(form) is not None
                or self.countries.by_demonym(form) is not None or self.countries.by_capital(form) is not None)

    # ------------------------------------------------------------------ one noun phrase

    def resolve_head(self, token: Token, doc_actors: DocActors, *, main_country: bool = True) -> Actor | None:
        """The political actor denoted by the noun phrase headed by ``token``, or None (also for the words
        of a dateline: "KABUL, Afghanistan:" says where the story was filed). ``main_country=False``:
        from the phrase's own words only ("the government" then has no country unless one is written)."""
        if in_dateline(token):
            return None
        return self._resolve(token, _Job(doc_actors, doc_actors.aliases, use_main=main_country), text=None)

    def resolve_each(self, token: Token, doc_actors: DocActors) -> tuple[Actor, ...]:
        """The actors of a noun phrase whose country words are coordinated ("French and German diplomats",
        "US and British activists"): one per country word, each with the head's role; else the one actor
        of ``resolve_head``, or none."""
        first = self.resolve_head(token, doc_actors)
        members = coordinated_modifiers(token)
        if first is None or not members:
            return () if first is None else (first,)
        whole = collect(token)
        spread = {t.i for t in members[0].subtree}
        found: list[Actor] = []
        for member in members:
            own = {t.i for t in member.subtree} - {t.i for c in member.children
                                                  if c.dep_ in ("conj", "cc", "punct") for t in c.subtree}
            zones = {i: zone for i, zone in whole.items() if i not in spread or i in own}
            zones.setdefault(member.i, "core")
            text = "".join(token.doc[i].text_with_ws for i in sorted(zones)).strip()  # "French diplomats"
            actor = self._resolve(token, _Job(doc_actors, doc_actors.aliases), text=text, zones=zones)
            if actor is not None and actor.country and all(a.code != actor.code for a in found):
                found.append(actor)
        return tuple(found) if len(found) > 1 else (first,)

    def _resolve(self, head: Token, job: _Job, text: str | None, zones: dict[int, str] | None = None) -> Actor | None:
        doc = head.doc
        zones = collect(head) if zones is None else zones
        hits = self._scanner.scan(doc, zones, job.aliases, job.doc_actors.shadowed)
        job.doc = doc
        job.former = any(doc[i].text.lower() in FORMER for i, zone in zones.items() if zone == "core")
        phrase = text if text is not None else _phrase_text(doc, zones)
        head_hit = next((h for h in hits if h.covers(head.i)), None)
        if head_hit is None:
            if head.text.lower() in PRONOUNS:
                return antecedent(head, job.doc_actors)
            return self._by_modifiers(head, hits, phrase, job)
        kind = head_hit.kind
        if kind == "pronoun":
            return antecedent(head, job.doc_actors)
        if kind == "alias":
            assert head_hit.actor is not None
            return replace(head_hit.actor, text=phrase)
        if kind == "named" and head_hit.entries[0].kind != "territory":
            return self._named(head_hit.entries, hits, head_hit, phrase, job)
        if kind == "person":
            one_word = head_hit.end - head_hit.start == 1
            if head_hit.actor is not None and (one_word or not head_hit.entries):
                return replace(head_hit.actor, text=phrase)  # this article's "Hussein" is its Fuad Hussein
            if head_hit.entries:
                return self._named(head_hit.entries, hits, head_hit, phrase, job)
            return self._titled_person(doc[head_hit.start:head_hit.end].text, hits, head_hit, phrase, job)
        if kind == "role":
            return self._role_actor(head, head_hit, hits, phrase, job)
        if kind == "people":
            return self._people_actor(head_hit, hits, phrase, job)
        return self._place(head_hit, phrase, job)

    # ------------------------------------------------------------------ the tiers

    def _named(self, entries: Sequence[KnownActor], hits: Sequence[Hit], head_hit: Hit, phrase: str,
               job: _Job) -> Actor | None:
        picked = self.knowledge.pick(entries, job.doc_actors.published)
        if picked is None:
            return None
        entry, current = picked
        if entry.holds_office and not current:
            # Out of office on the article's date: still a national elite, no longer the government.
            return _make(phrase, entry.name, entry.country, "ELI")
        if entry.generic:
            written = self._country_of(hits, head_hit, job, domestic=False)
            if written is not None and written != entry.country:
                return _make(phrase, f"{self._label(written)} {entry.name}", written, entry.sector)
        return Actor(text=phrase, name=entry.name, country=entry.country, sector=entry.sector, code=entry.code)

    def _titled_person(self, name: str, hits: Sequence[Hit], head_hit: Hit, phrase: str, job: _Job) -> Actor | None:
        """A person not in the dictionaries: the organisation, title or country written beside the name."""
        context = [h for h in hits if h is not head_hit and h.zone in ("core", "poss", "of")]
        org = self._organisation(context, job)
        if org is not None:
            return Actor(text=phrase, name=name, country=org.country, sector=org.sector, code=org.code)
        titles = [h for h in context if h.kind == "role" and h.zone == "core" and h.role is not None]
        sector = self._sector_from(titles, head_hit.start)
        if job.former and sector in ELITE_SECTORS:
            sector = "ELI"
        domestic = any(h.role is not None and h.role.domestic for h in titles) and sector is not None
        country = self._country_of(hits, head_hit, job, domestic=domestic, zones=self._zones(hits))
        if country is None and sector is None:
            return None  # a bare name: nothing says who this person acts for, and we do not guess
        return _make(phrase, name, country, sector)

    def _role_actor(self, head: Token, head_hit: Hit, hits: Sequence[Hit], phrase: str, job: _Job) -> Actor | None:
        role = head_hit.role
        assert role is not None
        if head.pos_ in ("ADJ", "VERB", "ADV", "ADP"):
            return self._by_modifiers(head, hits, phrase, job)
        if role.opposes:
            return self._opponents(head, head_hit, hits, phrase, job)
        context = [h for h in hits if h is not head_hit and h.zone in ("core", "poss", "of")]
        for h in context:  # an apposed, resolved person is the same referent: "the minister, Fuad Hussein"
            if h.zone == "core" and h.kind in ("person", "named", "alias") and self._is_person(h):
                person = self._person_actor(h, job)
                if person is not None:
                    return replace(person, text=phrase)
        org = self._organisation(context, job)
        if org is not None:
            return replace(org, text=phrase)
        sector = role.sector
        specific = None
        if role.generic:
            specific = self._specific_role(context, head_hit.start)
            if specific is not None:
                sector = specific.role.sector if specific.role else sector
            else:
                sector = self._modifier_person_sector(context, job) or sector
        if job.former and sector in ELITE_SECTORS:
            sector = "ELI"
        domestic = role.domestic and sector is not None
        country = self._country_of(hits, head_hit, job, domestic=domestic, zones=self._zones(hits))
        if sector is None and country is None:
            return None
        words = self._words(head.doc, head_hit)
        if specific is not None:
            words = f"{self._words(head.doc, specific)} {words}"
        label = self._label(country) if country else ""
        return _make(phrase, f"{label} {words}".strip(), country, sector)

    def _opponents(self, head: Token, head_hit: Hit, hits: Sequence[Hit], phrase: str, job: _Job) -> Actor | None:
        """Who stands against an actor ("critics of Kenya's parliament" -> KENOPP): a country written
        before the head first ("Kenyan critics of the plan"); else the country of the opposed actor when
        it is an organ, party, group or person of that country. Against a country as a whole ("critics of
        Israel") or an international body the words do not say whose they are: None. With no one
        opposed in the phrase ("critics said"), or something that is no actor ("critics of the plan"),
        they are the article's own."""
        role = head_hit.role
        assert role is not None
        written = [h for h in hits if h is not head_hit and h.zone == "core" and self._country_hit(h)]
        country = self._hit_country(written[-1], job) if written else None
        opposed = _opposed(head)
        if country is None and opposed is not None:
            inner = _Job(job.doc_actors, job.aliases, use_main=job.use_main)
            actor = self._resolve(opposed, inner, text=None)
            job.wanted_main = job.wanted_main or inner.wanted_main
            if actor is not None:
                if actor.sector is None or actor.country is None:
                    return None
                country = actor.country
        if country is None and role.domestic:
            country = self._main(job)
        words = self._words(head.doc, head_hit)
        label = self._label(country) if country else ""
        return _make(phrase, f"{label} {words}".strip(), country, role.sector)

    def _by_modifiers(self, head: Token, hits: Sequence[Hit], phrase: str, job: _Job) -> Actor | None:
        """A head that names no actor ("Iran's nuclear facilities"): the actor its close modifiers name."""
        if head.pos_ not in ("NOUN", "PROPN", ""):
            return None
        close = [h for h in hits if h.zone in ("core", "poss") and not h.covers(head.i)]
        for h in close:
            if h.kind in ("person", "named", "alias") and self._is_person(h):
                person = self._person_actor(h, job)
                if person is not None:
                    return replace(person, text=phrase)
        org = self._organisation(close, job)
        if org is not None:
            return replace(org, text=phrase)
        roles = [h for h in close if h.kind == "role" and h.role is not None and not h.role.generic]
        country = self._country_of(hits, None, job, domestic=False, zones=("core", "poss"))
        if roles:
            role = min(roles, key=lambda h: abs(head.i - h.start)).role
            assert role is not None
            if country is None and role.domestic:
                country = self._main(job)
            words = " ".join(self._words(head.doc, h) for h in roles)
            return _make(phrase, f"{self._label(country) if country else ''} {words}".strip(), country, role.sector)
        if country is not None:
            return _make(phrase, self._country_name(country), country, None)
        return None

    def _place(self, hit: Hit, phrase: str, job: _Job) -> Actor | None:
        """A country, capital, territory or town used as an actor ("Iraq", "the Iraqis", "Tehran said",
        "Gaza", "Basra")."""
        if hit.kind == "named":
            entry = hit.entries[0]
            return _make(phrase, entry.name, entry.country, entry.sector)
        if hit.kind == "place":
            country = self._hit_country(hit, job)
            if country is None:
                return None
            if hit.capital and country == hit.country:  # the capital after all: its government
                return _make(phrase, self._country_name(country), country, "GOV")
            return _make(phrase, phrase, country, None)
        if hit.country is None:
            return None
        # A capital stands for the government that sits there (CAMEO practice: "Washington said").
        return _make(phrase, self._country_name(hit.country), hit.country, "GOV" if hit.capital else None)

    # ------------------------------------------------------------------ pieces

    def _people_actor(self, head_hit: Hit, hits: Sequence[Hit], phrase: str, job: _Job) -> Actor | None:
        """An ethnic or religious group named as such ("the Kurds", "ethnic Albanians", "Shiites")."""
        people = head_hit.people
        assert people is not None
        # A faith found everywhere, named as the actor ("Muslims attacked a church"), is the article's
        # own people; as a mere modifier ("Shia villages", "the migration of Muslims") it gives no country.
        everywhere = not people.homes and people.ethnic_of is None
        country = self._country_of(hits, head_hit, job, domestic=everywhere)
        return _make(phrase, people.name, country, None)

    def _people_country(self, people: People, job: _Job) -> str | None:
        """Where a group belongs when the phrase writes no country (peoples.yaml gives the order)."""
        if len(people.homes) == 1:
            return people.homes[0]
        # The article's country among the people's homes is evidence the word itself gives, even where
        # the main country may not stand in ("Shona rebels" in an article about Mozambique).
        main = self._main(job) if job.use_main or people.ethnic_of is not None else job.doc_actors.main_country
        if people.ethnic_of is not None:
            return main or people.ethnic_of
        return main if main in people.homes else None

    def _organisation(self, hits: Sequence[Hit], job: _Job) -> Actor | None:
        for h in hits:
            if h.kind == "named" and not self._is_person(h) and h.entries[0].kind != "territory":
                return self._named(h.entries, hits, h, "", job)
            if h.kind == "alias" and h.actor is not None and h.actor.country is None:
                return h.actor  # an organisation's acronym seen earlier (countryless: IGO/NGO)
        return None

    @staticmethod
    def _is_person(hit: Hit) -> bool:
        if hit.kind == "person":
            return bool(hit.entries) or hit.actor is not None
        if hit.kind == "alias":
            return True
        return any(e.kind == "person" for e in hit.entries)

    def _person_actor(self, hit: Hit, job: _Job) -> Actor | None:
        if hit.entries:
            return self._named(hit.entries, [], hit, "", job)
        return hit.actor

    def _modifier_person_sector(self, hits: Sequence[Hit], job: _Job) -> str | None:
        for h in hits:
            if h.zone in ("poss", "of") and h.kind in ("person", "named", "alias") and self._is_person(h):
                actor = self._person_actor(h, job)
                if actor is not None and actor.sector:
                    return actor.sector
        return None

    @staticmethod
    def _specific_role(hits: Sequence[Hit], at: int) -> Hit | None:
        """The non-generic role nearest to position ``at`` ("army" in "army spokesman")."""
        roles = [h for h in hits if h.kind == "role" and h.role is not None and not h.role.generic
                 and h.role.sector is not None]
        return min(roles, key=lambda h: abs(at - h.start)) if roles else None

    def _sector_from(self, titles: Sequence[Hit], at: int) -> str | None:
        specific = self._specific_role(titles, at)
        if specific is not None and specific.role is not None:
            return specific.role.sector
        for h in titles:
            if h.role is not None and h.role.sector is not None:
                return h.role.sector
        return None

    @staticmethod
    def _zones(hits: Sequence[Hit]) -> Sequence[str]:
        """Where a role's country may come from. "Western diplomats in Kabul", "foreign troops": a word
        that says the referent is not the place's own leaves only its own words (roles.yaml, markers)."""
        if any(h.kind == "role" and h.role is not None and h.role.sector is None and not h.role.domestic
               and h.zone == "core" for h in hits):
            return FOREIGN_ZONES
        return ZONES

    def _country_of(self, hits: Sequence[Hit], head_hit: Hit | None, job: _Job, *, domestic: bool,
                    zones: Sequence[str] = ZONES) -> str | None:
        """The country a phrase's words give, in order of trust; else the article's main country (never
        when ``zones`` leaves out "loc": a foreign referent)."""
        at = head_hit.start if head_hit is not None else 0
        for zone in zones:
            if zone == "person":
                found = self._country_of_people(hits, job)
            else:
                candidates = [h for h in hits if h is not head_hit and h.zone == zone and self._country_hit(h)]
                # Nearest before the head first ("the U.S. ambassador's Iraqi guards" -> Iraqi), then after.
                before = [h for h in candidates if h.start < at]
                pick = before[-1] if before else (candidates[0] if candidates else None)
                found = self._hit_country(pick, job) if pick is not None else None
            if found is not None:
                return found
        # A people in the phrase ("Kurdish rebels", "the Kurds" itself) says where it belongs, and that
        # overrides the article's main country (peoples.yaml gives the order).
        people = next((h.people for h in hits if h.kind == "people" and h.people is not None
                       and h.zone in zones), None)
        if people is not None and (people.homes or people.ethnic_of):
            return self._people_country(people, job)
        return self._main(job) if domestic and "loc" in zones else None

    @staticmethod
    def _country_hit(hit: Hit) -> bool:
        return (hit.kind in ("country", "place")
                or (hit.kind == "named" and hit.entries[0].kind == "territory"))

    def _hit_country(self, hit: Hit, job: _Job) -> str | None:
        if hit.kind == "place":
            return pick_country(hit.places, job.doc_actors.main_country)
        return hit.country if hit.kind == "country" else hit.entries[0].country

    def _country_of_people(self, hits: Sequence[Hit], job: _Job) -> str | None:
        for h in hits:
            if h.zone in ("poss", "of"):
                if h.kind in ("person", "named", "alias") and self._is_person(h):
                    actor = self._person_actor(h, job)
                elif h.kind == "pronoun" and job.doc is not None:
                    actor = antecedent(job.doc[h.start], job.doc_actors)  # "his government"
                else:
                    continue
                if actor is not None and actor.country:
                    return actor.country
        return None

    def _main(self, job: _Job) -> str | None:
        if not job.use_main:
            return None
        if job.doc_actors.main_country is None:
            job.wanted_main = True
        return job.doc_actors.main_country

    @staticmethod
    def _words(doc: Doc, hit: Hit) -> str:
        """A role as written, for a readable name: lower case, no article ("the army" -> "army")."""
        start = hit.start
        while start < hit.end - 1 and doc[start].pos_ in ("DET", "") and doc[start].text.lower() in ("the", "a", "an"):
            start += 1
        text: str = doc[start:hit.end].text
        return text if text.isupper() else text.lower()

    def _label(self, iso3: str | None) -> str:
        country = self.countries.get(iso3)
        if country is None:
            return ""
        return country.demonyms[0] if country.demonyms else country.name

    def _country_name(self, iso3: str) -> str:
        country = self.countries.get(iso3)
        return country.name if country is not None else iso3
