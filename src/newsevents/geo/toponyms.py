"""Place mentions in a parsed article, resolved against the gazetteer (``Geocoder.places``).

Finding. Candidates are the model's GPE, LOC and FAC entities; NORP entities that are demonyms
("Russian" -> Russia; plurals such as "Russians" name people and are skipped); any other entity
(the small model often tags places ORG or PERSON) when a place preposition or a place-type word says
"place" or the name is a country, region or first-level region; capitalised words the model missed that
are a country, region, national capital or first-level region; datelines ("BEIRUT (AP) -");
state abbreviations after a city ("Paris, Tex."); and places inside longer names ("Air Canada").

Resolving, in two passes (docs/geo.md has the rules in full):
  1. each candidate on its own: countries and curated regions first, a first-level region before
     same-named towns unless the town is a national capital or a city of a million; otherwise the
     biggest population; "City, Country" / "City, State" qualifiers restrict the choice.
  2. again with the article's context: countries and first-level regions that pass 1 resolved with
     certainty, the countries of the article's actors and its main country raise same-country entries.
Ambiguous small names without context support are dropped (precision first). Unresolved streets and
buildings may take the position of the city the article is clearly about.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from ..actors.context import DocActors
from ..knowledge.names import fold
from ..types import CodedEvent, Place
from .gazetteer import Entry, Gazetteer, Match
from .locate import locate_event

_STRONG = frozenset({"GPE", "LOC", "FAC"})
_NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                         "central", "upper", "lower", "greater", "northeastern", "northwestern", "southeastern",
                         "southwestern", "north-east", "north-west", "south-east", "south-west"})
_SMALL = frozenset({"city", "admin1", "admin2"})
# "BEIRUT (AP) -", "KABUL, Afghanistan -": an all-capitals city at the start of a paragraph or sentence.
_DATELINE = re.compile(r"(?:^|(?<=\n)|(?<=[.!?\"”] ))[ \t]*([A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+){0,3})"
                       r"(?:, ([A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?))?[ \t]*(?:\(|—|–|-{1,2}|:)")


# A lead of 1.5 in log10 population (30 times bigger, or bigger and a capital) makes a name certain
# enough to set the article's context ("Atlanta" in Georgia, not Atlanta, Texas).
_CLEAR_MARGIN = 1.5
_GLUED = re.compile(r"([A-Z][A-Za-z.]*[A-Za-z.])-[a-z]+\Z")


@dataclass(slots=True)
class _Toponym:
    """A candidate mention; ``kind`` is how it was found: place, demonym, weak, bare, dateline, abbrev."""

    start: int
    end: int
    text: str
    kind: str
    cued: bool = False  # a place preposition or place-type word says "place"
    want: str | None = None  # the feature a type word asks for ("province" -> admin1)
    label: str = ""
    qualifier: _Toponym | None = None
    entry: Entry | None = None
    certain: bool = False
    landmark: bool = False
    determined: bool = False  # "the" before it, or "The" in it
    strict: bool = False  # inside a street's, building's or person's name: a country or first-level region


@dataclass(slots=True)
class _Context:
    countries: Counter[str] = field(default_factory=Counter)
    admin1: set[tuple[str | None, str | None]] = field(default_factory=set)
    main: str | None = None

    def supports(self, e: Entry) -> bool:
        return bool(self.countries.get(e.country or "")) or (e.country, e.admin1) in self.admin1


class Geocoder:
    """Toponyms resolved to gazetteer entries, and where each event happened. Build once per process."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.rules = gazetteer.rules

    # -- public --------------------------------------------------------------------------------------------

    def places(self, doc: Doc, doc_actors: DocActors) -> tuple[Place, ...]:
        """Every place mentioned in the article, in text order (offsets index ``doc.text``)."""
        toponyms = self._find(doc, doc_actors)
        context = _Context(main=doc_actors.main_country)
        for m in doc_actors.mentions:
            if m.actor is not None and m.actor.country:
                context.countries[m.actor.country] += 1
        if doc_actors.main_country:
            context.countries[doc_actors.main_country] += 2
        for t in toponyms:  # pass 1: each on its own
            t.entry, t.certain = self._resolve(t, _Context())
            if t.entry is not None and t.certain:
                if t.entry.country:
                    context.countries[t.entry.country] += 1
                if t.entry.feature in ("admin1", "city") and t.entry.admin1:
                    context.admin1.add((t.entry.country, t.entry.admin1))
        inner: list[_Toponym] = []
        for t in toponyms:  # pass 2: with the article's context
            if not t.certain:
                t.entry, _ = self._resolve(t, context)
            if t.entry is None and t.kind in ("weak", "place"):
                inner.extend(self._inner(doc, t))
        for t in inner:  # "Zimbabwe Electoral Commission", "The Washington Post": the place in a name
            t.entry, _ = self._resolve(t, context)
        self._place_landmarks(doc, toponyms)
        found = sorted((t for t in (*toponyms, *inner) if t.entry is not None), key=lambda t: t.start)
        text = doc.text  # Doc.text joins every token: build it once, not per place
        return tuple(_place(text, t) for t in found)

    def locate(self, event: CodedEvent, doc: Doc, places: Sequence[Place], doc_actors: DocActors) -> Place | None:
        """Where ``event`` happened (see ``locate.locate_event``)."""
        return locate_event(event, doc, places, doc_actors, self.gazetteer)

    # -- finding -------------------------------------------------------------------------------------------

    def _find(self, doc: Doc, doc_actors: DocActors) -> list[_Toponym]:
        people = _person_words(doc, doc_actors)
        found: list[_Toponym] = []
        for ent in doc.ents:
            found.extend(self._from_entity(doc, ent, people))
        covered = [(t.start, t.end) for t in found]
        covered += [(e.start_char, e.end_char) for e in doc.ents]
        found.extend(self._datelines(doc, covered))
        covered += [(t.start, t.end) for t in found]
        found.extend(self._bare(doc, covered))
        found.sort(key=lambda t: t.start)
        out: list[_Toponym] = []
        for t in found:  # the first of overlapping candidates wins
            if not out or t.start >= out[-1].end:
                out.append(t)
        self._qualify(doc, out)
        return out

    def _from_entity(self, doc: Doc, ent: Span, people: set[str]) -> Iterator[_Toponym]:
        label = ent.label_
        if label in _NOT_PLACES:
            return
        text = ent.text
        if label == "MONEY":  # "11 billion US dollars": only the currency's country
            yield from self._inner(doc, _Toponym(ent.start_char, ent.end_char, text, "weak", label=label))
            return
        if fold(text) in self.rules.never_places:
            return
        if label == "LANGUAGE":
            return  # "English", "Arabic": the language, not the people or their country
        if self.gazetteer.demonym(text) is not None and (label == "NORP" or not self.gazetteer.lookup(text)):
            # "Russian" (NORP), also when the model calls it GPE. By its form, not its tag: sentences the
            # pipeline does not parse carry no tags.
            if self._singular_demonym(text):
                yield _Toponym(ent.start_char, ent.end_char, text, "demonym")
            return  # "Iraqis": people, not a place
        kind = "place" if label in _STRONG else "weak"
        if len(ent) == 1 and fold(text) in people and self.gazetteer.countries.lookup(text) is None:
            return  # "Buhari" after "Muhammadu Buhari": a surname the model took for a place
        cued, want = self._cue(doc, ent)
        determined = ent[0].lower_ == "the" or (ent.start > 0 and doc[ent.start - 1].lower_ == "the")
        # "Aqaba, Jordan" as one entity: the parts are two places, the second qualifying the first.
        parts = [p for p in _split_commas(text, ent.start_char)] if "," in text else [(ent.start_char, text)]
        for i, (start, part) in enumerate(parts):
            yield _Toponym(start, start + len(part), part, kind, cued=cued or i > 0, want=want if i == 0 else None,
                           label=label, landmark=self._is_landmark(part), determined=determined and i == 0)

    def _cue(self, doc: Doc, ent: Span) -> tuple[bool, str | None]:
        """Whether the words around an entity say "place", and which feature a type word asks for."""
        want = None
        i = ent.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in self.rules.type_words:
            want = self.rules.type_words[doc[i - 1].lower_]  # "the province of Anbar"
            return True, want
        cued = i >= 0 and doc[i].lower_ in self.rules.place_prepositions
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        if self.rules.type_words.get(after) in ("admin1", "admin2"):
            want = self.rules.type_words[after]  # "Anbar province", "Washington state"; not "U.S. capital"
            cued = True
        last = ent[-1].lower_
        if len(ent) > 1 and last in self.rules.type_words:
            want = self.rules.type_words[last]
            cued = True
        return cued, want

    def _is_landmark(self, text: str) -> bool:
        words = text.casefold().replace(".", "").split()
        return bool(words) and words[-1] in self.rules.landmark_words

    def _datelines(self, doc: Doc, covered: list[tuple[int, int]]) -> Iterator[_Toponym]:
        for m in _DATELINE.finditer(doc.text):
            start, end = m.span(1)
            if not any(s < end and e > start for s, e in covered):
                yield _Toponym(start, end, m.group(1), "dateline", cued=True)
            if m.group(2):
                qs, qe = m.span(2)
                if not any(s < qe and e > qs for s, e in covered):
                    kind = "abbrev" if self.gazetteer.abbreviation(m.group(2)) else "place"
                    yield _Toponym(qs, qe, m.group(2), kind, cued=True)

    def _bare(self, doc: Doc, covered: list[tuple[int, int]]) -> Iterator[_Toponym]:
        """Capitalised words outside every entity that are a country, region, capital or first-level region,
        and state abbreviations that stand alone ("N.Y.")."""
        def free(s: int, e: int) -> bool:
            return not any(a < e and b > s for a, b in covered)

        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            glued = _GLUED.match(tok.text)  # "U.S.-led": one token
            if glued and free(tok.idx, tok.idx + glued.end(1)):
                part = glued.group(1)
                if self.gazetteer.countries.lookup(part) is not None:
                    yield _Toponym(tok.idx, tok.idx + len(part), part, "bare")
            if not (tok.is_title or tok.is_upper) or (not tok.is_alpha and "." not in tok.text):
                i += 1
                continue
            j = i
            while j < n and (doc[j].is_title or doc[j].is_upper) and (doc[j].is_alpha or "." in doc[j].text):
                j += 1
            span = doc[i:j]
            if free(span.start_char, span.end_char):
                if j - i <= 4 and self._known_bare(span.text):
                    yield _Toponym(span.start_char, span.end_char, span.text, "bare")
                elif j - i == 1 and j < n and (doc[j].text == "-" or (tok.tag_ == "JJ" and doc[j].is_lower)) \
                        and self._singular_demonym(span.text):
                    # "Azerbaijani officials", "Russian-backed": a demonym the model left untagged, used as
                    # an adjective; not the language ("English is spoken", tagged NNP) nor part of a name.
                    yield _Toponym(span.start_char, span.end_char, span.text, "demonym")
                elif j - i > 1:  # "SME Mauritius Limited", "the Cambridge Analytica scandal"
                    yield from self._inner(doc, _Toponym(span.start_char, span.end_char, span.text, "bare"))
            i = j

    def _known_bare(self, text: str, *, inner: bool = False, strict: bool = False) -> bool:
        """Whether a capitalised name is a place everyone knows: a country, curated region, national
        capital or sizeable first-level region; inside a longer name ("Seattle Fire Department") also a
        city of 100,000 people or more, or a county named as one ("Montgomery County Democrats").
        ``strict``: only countries and first-level regions."""
        g = self.gazetteer
        if fold(text) in self.rules.never_places or (len(text) < 3 and not text.isupper()):
            return False
        abbreviation = g.abbreviation(text)
        if abbreviation is not None:
            return abbreviation[1]
        if g.countries.by_capital(text) is not None:
            if not strict:
                return True
            # A capital that is also its own first-level region ("Berlin") names one place; "Washington
            # Square" is no more in Washington state than in D.C.
            found = g.lookup(text)
            capitals = {(m.entry.country, m.entry.admin1) for m in found if m.entry.capital}
            return any(m.primary and m.entry.feature == "admin1" and (m.entry.country, m.entry.admin1) in capitals
                       for m in found)
        big = self.rules.thresholds["weak_city_population"]
        county = self.rules.type_words.get(text.rsplit(maxsplit=1)[-1].casefold()) == "admin2"
        for m in g.lookup(text):
            e = m.entry
            if not m.primary:
                continue
            if e.feature == "country" or (e.feature == "admin1" and e.population >= big):
                return True
            if strict:
                continue
            if e.feature in ("region", "continent") or (e.feature == "admin2" and county and inner):
                return True
            if inner and e.feature == "city" and (e.population >= big or e.capital):
                return True
        return False

    def _inner(self, doc: Doc, t: _Toponym) -> Iterator[_Toponym]:
        """Places named inside a longer name that is no place itself: "Air Canada Cargo" -> Canada,
        "anti-Russian" -> Russia, "University of California" -> California. Longest match first.

        Rivers are named after their land, not in it ("Niger Delta"): no inner places there. Streets and
        buildings are often named after distant cities ("Washington University" in St. Louis): there only
        countries and first-level regions count ("California State University"), and inside a person's
        name only capital-letter country codes ("Henry Lazenby US").
        """
        words = t.text.casefold().replace(".", "").split()
        if not words or words[-1] in self.rules.natural_words:
            return
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            return
        strict = t.label == "PERSON" or words[-1] in self.rules.landmark_words
        tokens = [tok for tok in span if (tok.is_title or tok.is_upper) and tok.lower_ not in ("the", "a", "an")]
        i = 0
        while i < len(tokens):
            for n in range(min(4, len(tokens) - i), 0, -1):
                run = tokens[i:i + n]
                if any(b.i != a.i + 1 for a, b in itertools.pairwise(run)):
                    continue
                if run[0].idx == t.start and run[-1].idx + len(run[-1]) == t.end:
                    continue  # the whole name: already tried
                if t.label == "PERSON" and not all(tok.is_upper for tok in run):
                    continue
                start, end = run[0].idx, run[-1].idx + len(run[-1])
                text = span.text[start - span.start_char:end - span.start_char]
                if not strict and self._singular_demonym(text):
                    yield _Toponym(start, end, text, "demonym")
                    i += n
                    break
                if self._known_bare(text, inner=True, strict=strict):
                    yield _Toponym(start, end, text, "inner", label=t.label, strict=strict)
                    i += n
                    break
            else:
                i += 1

    def _singular_demonym(self, text: str) -> bool:
        g = self.gazetteer
        return g.demonym(text) is not None and not (text.endswith("s") and g.demonym(text[:-1]) is not None)

    def _qualify(self, doc: Doc, toponyms: list[_Toponym]) -> None:
        """"Paris, Texas" / "Aqaba, Jordan" / "Springfield, Ill.": the second names where the first is."""
        text = doc.text
        for i, t in enumerate(toponyms):
            rest = text[t.end:t.end + 2]
            if not rest.startswith(", "):
                continue
            after = t.end + 2
            nxt = toponyms[i + 1] if i + 1 < len(toponyms) else None
            if nxt is not None and nxt.start == after:
                t.qualifier = nxt
                if self.gazetteer.abbreviation(nxt.text) is not None and not self.gazetteer.lookup(nxt.text):
                    nxt.kind = "abbrev"  # "Severn, Md.": the model's GPE is a state abbreviation
                continue
            m = re.match(r"[A-Z][A-Za-z]{0,4}\.(?:[A-Z][a-z]?\.)?|[A-Z]{2}\b", text[after:after + 8])
            if m and self.gazetteer.abbreviation(m.group(0)) is not None:
                q = _Toponym(after, after + len(m.group(0)), m.group(0), "abbrev", cued=True)
                t.qualifier = q
                toponyms.insert(i + 1, q)

    # -- resolving -----------------------------------------------------------------------------------------

    def _matches(self, t: _Toponym) -> tuple[tuple[Match, ...], str | None, str]:
        """Gazetteer matches for a mention's text, trying the shortened forms news uses.

        Returns the matches, a hint (a feature a type word asks for, "landmark" or "direction") and the
        form that matched.
        """
        g = self.gazetteer
        if t.kind == "abbrev":
            found = g.abbreviation(t.text)
            return ((Match(found[0]),) if found else ()), None, t.text
        for variant, hint in self._variants(t.text):
            matches = g.lookup(variant)
            if not matches:
                abbreviation = g.abbreviation(variant)
                if abbreviation is not None and abbreviation[1]:
                    matches = (Match(abbreviation[0]),)
            if hint in ("admin1", "admin2", "country") and variant != t.text:
                # "Montgomery County" stripped to "Montgomery" must still be a county, never the town.
                matches = tuple(m for m in matches if m.entry.feature == hint)
            if hint in ("landmark", "direction"):
                # "Manila Cathedral" is in Manila; "Western Ghouta" is at Ghouta within the 161 km that
                # matters, but "Northern Europe" is not at Europe's centre: only small places qualify.
                matches = tuple(m for m in matches if m.primary and m.entry.feature in _SMALL)
            if matches:
                return matches, hint, variant
        return (), None, t.text

    def _variants(self, text: str) -> Iterator[tuple[str, str | None]]:
        text = re.sub(r"['’]s\Z", "", text.strip())
        yield text, None
        words = text.split()
        if len(words) < 2:
            return
        first, last = words[0].casefold(), words[-1].casefold()
        # "Anbar Province", "Quezon city"; but "Grants Town" is no "Grants": towns and villages keep the word.
        if last in self.rules.type_words and (last == "city" or self.rules.type_words[last] != "city"):
            yield " ".join(words[:-1]), self.rules.type_words[last]
        if len(words) > 2 and words[1].casefold() == "of" and first in self.rules.type_words:
            yield " ".join(words[2:]), self.rules.type_words[first]  # "City of London"
        if first in _DIRECTIONS:
            yield " ".join(words[1:]), "direction"
        if last.strip(".") in self.rules.city_landmark_words:
            head = words[:-1]
            while head and head[-1].casefold().strip(".") in self.rules.landmark_words:
                head.pop()
            if head:
                yield " ".join(head), "landmark"

    def _resolve(self, t: _Toponym, ctx: _Context) -> tuple[Entry | None, bool]:
        """The entry a mention denotes and whether that is certain without context, or (None, False)."""
        if t.kind == "demonym":
            entry = self.gazetteer.demonym(t.text)
            return entry, entry is not None
        matches, hint, form = self._matches(t)
        # A former or foreign name ("Salisbury" for Harare, "White House" for Casablanca) is evidence only
        # when the model itself saw a place name.
        if t.kind not in ("place", "dateline") or t.landmark or t.label == "FAC":
            matches = tuple(m for m in matches if m.primary or self._namesake(m, matches))
        if t.strict:
            matches = tuple(m for m in matches if m.entry.feature in ("country", "admin1"))
        if not matches:
            return None, False
        want = hint if hint in ("admin1", "admin2", "country", "city") else t.want
        if t.qualifier is not None:
            q = t.qualifier.entry or self._resolve(t.qualifier, ctx)[0]
            if q is not None and q.feature in ("country", "admin1"):
                inside = [m for m in matches if m.entry.country == q.country and m.entry != q
                          and (q.feature == "country" or m.entry.admin1 == q.admin1)]
                if inside:
                    matches = tuple(inside)
                    ctx = replace(ctx, countries=Counter({q.country or "": 1}),
                                  admin1={(q.country, q.admin1)} if q.feature == "admin1" else set())
        if want in ("admin1", "admin2", "country", "city"):
            wanted = [m for m in matches if m.entry.feature == want]
            if wanted:
                matches = tuple(wanted)
        first = matches[0].entry
        if first.feature in ("country", "continent", "region", "landmark"):  # curated: unambiguous
            if first.feature != "country":
                return first, True
            entry = self._country_exception(form, matches, ctx)
            # "Georgia" stays open until the article's context is known.
            contested = any(m.primary and m.entry.feature == "admin1" and fold(m.entry.name) == fold(form)
                            for m in matches[1:])
            return entry, entry is first and not contested
        best, supported, margin = self._best(matches, ctx)
        if best is None:
            return None, False
        entries = [m.entry for m in matches]
        ambiguous = len(entries) > 1
        if not self._accept(t, best, supported, ambiguous):
            return None, False
        certain = not ambiguous or margin >= _CLEAR_MARGIN or t.qualifier is not None
        return best, certain and t.kind != "weak" and hint != "landmark"

    def _country_exception(self, text: str, matches: tuple[Match, ...], ctx: _Context) -> Entry:
        """A country alias that is also a first-level region's name: "England" (the region of GBR it names),
        "Georgia" (the US state when the article is about the US and not about Georgia). A country's
        own name ("Mexico") always means the country."""
        country = matches[0].entry
        for m in matches[1:]:
            e = m.entry
            if not m.primary or e.feature != "admin1" or fold(e.name) != fold(text):
                continue
            if e.country == country.country and fold(text) != fold(country.name):
                return e
            if ctx.countries.get(e.country or "") and not ctx.countries.get(country.country or ""):
                return e
        return country

    def _best(self, matches: tuple[Match, ...], ctx: _Context) -> tuple[Entry | None, bool, float]:
        """The best-scoring entry, whether the context supports it, and its lead over the runner-up."""
        w = self.rules.weights
        big = self.rules.thresholds["city_over_admin1_population"]
        # A national capital or a city of a million stands for its name over a first-level region
        # ("Washington", "New York", "Baghdad") unless the article is about that region.
        leading = [m.entry for m in matches
                   if m.entry.feature == "city" and (m.entry.capital or m.entry.population >= big)]
        best: Entry | None = None
        best_score = second = -math.inf
        best_supported = False
        top_country = ctx.countries.most_common(1)[0][0] if ctx.countries else None
        for m in matches:
            e = m.entry
            if e.feature == "admin1" and any(self._city_over_region(c, e, ctx) for c in leading):
                second = math.inf  # set aside, not ruled out: the article's context may still want it
                continue
            score = math.log10(e.population + 1)
            if e.feature == "city":
                if m.primary:
                    score += w["capital"] if e.capital else 0.0
                    score += w["big_city"] if e.population >= big else 0.0
                else:
                    score += w["alternate_name"]
            elif e.feature in ("admin1", "admin2"):
                score += w[e.feature]
                if not m.primary:
                    score += w["region_alias"]
            if ctx.countries.get(e.country or ""):
                score += w["country_context"]
                if e.country in (top_country, ctx.main):
                    score += w["main_country"]
            if (e.country, e.admin1) in ctx.admin1:
                score += w["admin1_context"]
            if score > best_score:
                second = max(second, best_score)
                best, best_score, best_supported = e, score, ctx.supports(e)
            else:
                second = max(second, score)
        return best, best_supported, best_score - second

    def _namesake(self, m: Match, matches: tuple[Match, ...]) -> bool:
        """A big city known by its region's name ("New York" for New York City in New York state)."""
        e = m.entry
        return e.feature == "city" and e.population >= self.rules.thresholds["city_over_admin1_population"] and any(
            o.primary and o.entry.feature == "admin1" and (o.entry.country, o.entry.admin1) == (e.country, e.admin1)
            for o in matches)

    @staticmethod
    def _city_over_region(city: Entry, region: Entry, ctx: _Context) -> bool:
        """Whether a capital or big city takes a name from a same-named first-level region: always when it
        lies in it ("New York", "Baghdad"); otherwise unless the article is about that region and not about
        the city's ("Washington" in an article about Seattle is the state)."""
        if (city.country, city.admin1) == (region.country, region.admin1):
            return True
        return (region.country, region.admin1) not in ctx.admin1 or (city.country, city.admin1) in ctx.admin1

    def _accept(self, t: _Toponym, best: Entry, supported: bool, ambiguous: bool) -> bool:
        """Precision first: a weak or ambiguous mention needs size or context behind it."""
        th = self.rules.thresholds
        if t.kind in ("bare", "abbrev", "demonym", "inner"):
            return True
        # A facility named like a town ("White House") or a short name ("P.A.") is no town unless a big one.
        # So is "the X" ("the White House"): towns seldom take the article, big cities are not at risk.
        short = len(t.text.replace(".", "").replace(" ", "")) <= 3
        if best.feature == "city" and (t.label == "FAC" or short or t.determined):
            return best.population >= th["weak_city_population"] or best.capital
        if t.kind == "weak" and not t.cued:
            if best.feature == "admin2":
                return False
            return best.population >= th["weak_city_population"] or (
                supported and best.population >= th["ambiguous_city_population"])
        if t.kind == "dateline" and best.feature == "city" and t.qualifier is None:
            # News datelines name cities a reader knows; a capitalised "NATO:" in the text is no town.
            return best.population >= th["weak_city_population"] or best.capital or supported
        if best.feature == "city" and ambiguous and not supported:
            return best.population >= th["ambiguous_city_population"]
        return True

    # -- landmarks -----------------------------------------------------------------------------------------

    def _place_landmarks(self, doc: Doc, toponyms: list[_Toponym]) -> None:
        """A street or building the gazetteer does not know takes the position of the city it is clearly in:
        the city named right after it ("Royal Street in New Orleans"), else the article's one dominant city
        (named at least twice and more often than any other). It keeps its own name, feature "landmark"."""
        cities = [t for t in toponyms if t.entry is not None and t.entry.feature == "city"]
        counts = Counter(t.entry for t in cities if t.entry is not None)
        ranked = counts.most_common(2)
        dominant = ranked[0][0] if ranked and ranked[0][1] >= 2 and (
            len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
        text = doc.text  # Doc.text joins every token: build it once, not per toponym
        for t in toponyms:
            if t.entry is not None or not t.landmark or t.kind != "place" or not self._named(t.text):
                continue
            # "Royal Street in New Orleans", "Manila Cathedral, Manila": the city right after it.
            after = next((c for c in cities if c.start >= t.end), None)
            between = text[t.end:after.start].strip().casefold() if after is not None else None
            near = after.entry if after is not None and between in (",", "in", "of", ", in") else None
            city = near or dominant
            if city is not None:
                t.entry = replace(city, name=t.text, feature="landmark", geonameid=None, population=0)


    def _named(self, text: str) -> bool:
        """A landmark needs a proper name besides its kind: "Royal Street", not "District Court"."""
        skip = self.rules.landmark_words | self.rules.never_places | set(self.rules.type_words)
        return any(w[:1].isupper() and w.casefold().strip(".") not in skip for w in text.split())


def _split_commas(text: str, offset: int) -> Iterator[tuple[int, str]]:
    pos = 0
    for part in text.split(","):
        stripped = part.strip()
        if stripped:
            yield offset + pos + part.index(stripped), stripped
        pos += len(part) + 1


def _person_words(doc: Doc, doc_actors: DocActors) -> set[str]:
    """Words of multi-word person names in the article ("Buhari" of "Muhammadu Buhari")."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            words.update(fold(t.text) for t in ent if t.is_alpha)
    for m in doc_actors.mentions:
        if m.label == "PERSON" and " " in m.text:
            words.update(fold(w) for w in m.text.split())
    return words


def _place(text: str, t: _Toponym) -> Place:
    e = t.entry
    assert e is not None
    return Place(text=text[t.start:t.end], start=t.start, end=t.end, name=e.name, country=e.country,
                 lat=e.lat, lon=e.lon, geonameid=e.geonameid, feature=e.feature, admin1=e.admin1)
