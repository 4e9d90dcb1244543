"""The conflict half of the verb dictionary (events/data/verbs_conflict.yaml, CAMEO roots 10-20).

Static checks on the file as YAML (codes, coverage, syntax, duplicates), then checks through the real
loader: complement prefixes that could tie, ties left to the file's order, and the readings the file
gives the ambiguous words. Readings are checked against a small model of the documented match rule
(the most specific pattern whose constraints hold wins, ties to the first listed), so they need no
spaCy model and fail only if the data changes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from newsevents.events.codebook import Codebook
from newsevents.events.patterns import DATA_DIR, Pattern, VerbPatterns, default_pattern_files

CONFLICT_FILE = DATA_DIR / "verbs_conflict.yaml"
REFERENCE_CODES = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "CAMEO.eventcodes.txt"
ROOTS = tuple(str(r) for r in range(10, 21))

_WORD = r"[a-z][a-z'-]*"
_ALTS = rf"{_WORD}(?:\|{_WORD})*"
_CONSTRAINT = re.compile(rf"(?:{_WORD}|~{_ALTS}|\+{_ALTS}|>\d{{2,4}}(?:\|\d{{2,4}})*|!target)\Z")

# Ties that the loader settles by file order, on purpose: (kind, lemma) -> the codes that must come
# first, and why that is the right reading.
ORDER_RESOLVED: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("verb", "fire"): (frozenset({"175", "193", "194"}),
                       "a named weapon (tear gas, bullets, shells) decides the code; 190 is listed last"),
    ("verb", "shoot"): (frozenset({"175"}), "'shot down' takes aircraft, never protesters"),
    ("verb", "gather"): (frozenset({"140"}), "'gathered signatures outside parliament' is a petition (140); 141 "
                         "is listed after it"),
    ("noun", "protest"): (frozenset({"114"}), "a protest lodged 'to' or 'with' a government is a diplomatic one"),
}


def _raw() -> dict[str, dict[str, list[str]]]:
    data = yaml.load(CONFLICT_FILE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert isinstance(data, dict)
    return data


def _strings() -> list[tuple[str, str, str]]:
    """(code, kind, pattern) for every pattern string in the file."""
    return [(code, section[:-1], text) for code, entry in _raw().items()
            for section, texts in entry.items() for text in texts]


@pytest.fixture(scope="module")
def conflict() -> VerbPatterns:
    """The conflict file alone, through the real loader."""
    return VerbPatterns.load(Codebook.load(), [CONFLICT_FILE])


def test_every_code_is_a_cameo_event_code_of_roots_10_to_20() -> None:
    if not REFERENCE_CODES.exists():
        pytest.skip(f"the CAMEO reference table {REFERENCE_CODES} is not on this machine")
    lines = REFERENCE_CODES.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
    cameo = {line.split("\t")[0].strip() for line in lines if line.strip()}
    codes = set(_raw())
    assert codes <= cameo, sorted(codes - cameo)
    assert all(code[:2] in ROOTS for code in codes), sorted(c for c in codes if c[:2] not in ROOTS)


def test_every_root_from_10_to_20_is_covered_broadly() -> None:
    by_root: dict[str, set[str]] = defaultdict(set)
    for code, kind, _ in _strings():
        by_root[code[:2]].add(kind)
    assert {root: "verb" in by_root[root] for root in ROOTS} == dict.fromkeys(ROOTS, True)
    # Demands (10) are verbs in news; every other root also has event nouns.
    assert [root for root in ROOTS[1:] if "noun" not in by_root[root]] == []
    kinds = [kind for _, kind, _ in _strings()]
    assert kinds.count("verb") >= 300 and kinds.count("noun") >= 100


def test_every_pattern_follows_the_pattern_syntax() -> None:
    bad = []
    for code, kind, text in _strings():
        head, *constraints = text.split()
        sigils = [c[0] for c in constraints if c[0] in "~+>!"]
        ok = (re.fullmatch(_ALTS, head) is not None  # alternative heads are allowed: "ban|prohibit"
              and all(_CONSTRAINT.match(c) for c in constraints)
              and len(sigils) == len(set(sigils))
              and not (kind == "noun" and ("~" in sigils or ">" in sigils)))
        if not ok:
            bad.append((code, kind, text))
    assert bad == []


def test_no_pattern_string_is_listed_under_two_codes() -> None:
    codes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, kind, text in _strings():
        codes[(kind, " ".join(text.split()))].add(code)
    assert {key: found for key, found in codes.items() if len(found) > 1} == {}


def test_the_file_loads_through_the_pattern_loader(conflict: VerbPatterns) -> None:
    assert len(conflict) > 1500  # alternatives expanded: one per object and preposition
    assert {p.code[:2] for p in conflict} == set(ROOTS)
    assert {p.code for p in conflict.for_verb("attack")} == {"190", "175"}


def test_all_shipped_pattern_files_load_together(conflict: VerbPatterns) -> None:
    """The conflict file beside the cooperation file: no pattern claimed by two codes."""
    files = default_pattern_files()
    assert CONFLICT_FILE in files
    patterns = VerbPatterns.load(Codebook.load(), files)
    mine = {(p.kind, p.lemma, p.text, p.code) for p in conflict}
    assert mine <= {(p.kind, p.lemma, p.text, p.code) for p in patterns}


def test_complement_prefixes_of_one_head_never_overlap_across_codes(conflict: VerbPatterns) -> None:
    groups: dict[tuple[object, ...], list[Pattern]] = defaultdict(list)
    for p in conflict:
        if p.complement:
            groups[(p.kind, p.lemma, frozenset(p.particles), p.obj, p.prep, p.needs_target)].append(p)
    overlapping = [(a.text, b.text) for group in groups.values() for a, b in combinations(group, 2)
                   if a.code != b.code and _overlap(a.complement, b.complement)]
    assert overlapping == []


def test_ties_between_codes_are_broken_by_a_more_specific_pattern_or_listed(conflict: VerbPatterns) -> None:
    for (kind, lemma), (winners, _reason) in ORDER_RESOLVED.items():
        assert any(p.code in winners for p in _index(conflict, kind, lemma)), (kind, lemma)
    unexplained = []
    for (kind, lemma), first, second in _unresolved_ties(conflict):
        winners = ORDER_RESOLVED.get((kind, lemma), (frozenset(), ""))[0]
        if first.code not in winners:
            unexplained.append((first.text, first.code, second.text, second.code))
    assert unexplained == []


# -- readings of ambiguous words ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Clause:
    """What the coder sees around a trigger, reduced to what the pattern constraints test."""

    kind: str
    lemma: str
    words: frozenset[str] = frozenset()  # words hanging on the head (particles, modifiers, preps)
    obj: str | None = None  # lemma of the direct object
    obj_is_actor: bool = False
    preps: Mapping[str, bool] = field(default_factory=dict)  # preposition -> its object is an actor
    complement: str | None = None  # code of the complement's own event


def clause(kind: str, lemma: str, *words: str, obj: str | None = None, actor: bool = False,
           preps: Mapping[str, bool] | None = None, complement: str | None = None) -> Clause:
    preps = dict(preps or {})
    return Clause(kind, lemma, frozenset(words) | frozenset(preps), obj, actor, preps, complement)


READINGS = [
    # strike: an attack with a target actor, a labour strike with a labour modifier, never a deal
    ("Israeli jets struck Hamas", clause("verb", "strike", obj="hamas", actor=True), "190"),
    ("struck a deal with Iran", clause("verb", "strike", obj="deal", preps={"with": True}), None),
    ("struck at militants", clause("verb", "strike", preps={"at": True}), "190"),
    ("strikes on Gaza", clause("noun", "strike", preps={"on": True}), "190"),
    ("a strike by teachers", clause("noun", "strike", preps={"by": True}), None),
    ("a general strike against the reform", clause("noun", "strike", "general", preps={"against": False}), "143"),
    ("a hunger strike against detention", clause("noun", "strike", "hunger", preps={"against": False}), "142"),
    ("air strikes on the town", clause("noun", "strike", "air", preps={"on": False}), "195"),
    # fire: shooting with a target preposition or a weapon, never a dismissal
    ("fired the minister", clause("verb", "fire", obj="minister", actor=True), None),
    ("fired the minister on Monday", clause("verb", "fire", obj="minister", actor=True, preps={"on": False}), None),
    ("fired on protesters", clause("verb", "fire", preps={"on": True}), "190"),
    ("fired tear gas at protesters", clause("verb", "fire", obj="gas", preps={"at": True}), "175"),
    ("fired shells at the town", clause("verb", "fire", obj="shell", preps={"at": False}), "194"),
    ("fired a missile into the sea", clause("verb", "fire", obj="missile", preps={"into": False}), "150"),
    ("fired a missile at Kyiv", clause("verb", "fire", obj="missile", preps={"at": True}), "190"),
    ("opened fire on troops", clause("verb", "open", obj="fire", preps={"on": True}), "193"),
    # hit, charge, kill, shoot
    ("hit out at critics", clause("verb", "hit", "out", preps={"at": True}), "111"),
    ("Russia hit Kyiv", clause("verb", "hit", obj="kyiv", actor=True), "190"),
    ("charged the suspect", clause("verb", "charge", obj="suspect", actor=True), "1121"),
    ("baton-charged protesters", clause("verb", "charge", "baton", obj="protester", actor=True), "175"),
    ("gunmen killed five soldiers", clause("verb", "kill", obj="soldier", actor=True), "1823"),
    ("police killed protesters", clause("verb", "kill", obj="protester", actor=True), "175"),
    ("shot protesters dead", clause("verb", "shoot", "dead", obj="protester", actor=True), "175"),
    ("shot down a drone", clause("verb", "shoot", "down", obj="drone"), "190"),
    # threaten and warn: the threatened act picks the code; a warning of a recession is no threat
    ("threatened", clause("verb", "threaten"), "130"),
    ("threatened to attack", clause("verb", "threaten", complement="190"), "1384"),
    ("threatened to impose sanctions", clause("verb", "threaten", complement="163"), "1312"),
    ("threatened to arrest them", clause("verb", "threaten", complement="173"), "132"),
    ("threatened to ban the party", clause("verb", "threaten", complement="1722"), "1322"),
    ("warned of a recession", clause("verb", "warn", preps={"of": False}), None),
    ("warned Iran", clause("verb", "warn", obj="iran", actor=True), "130"),
    ("warned Iran it would strike", clause("verb", "warn", obj="iran", actor=True, complement="190"), "138"),
    # refuse and demand: the complement or the object says what is refused or demanded
    ("refused to comment", clause("verb", "refuse"), None),
    ("refused to meet", clause("verb", "refuse", complement="040"), "125"),
    ("refused to resign", clause("verb", "refuse", complement="0831"), "1231"),
    ("refused to release the hostages", clause("verb", "refuse", complement="0841"), "1243"),
    ("demanded the release of", clause("verb", "demand", obj="release"), "1053"),
    ("demanded a ceasefire", clause("verb", "demand", obj="ceasefire"), "107"),
    ("demanded that troops withdraw", clause("verb", "demand", complement="0874"), "106"),
    # protest: a street protest, a diplomatic one, a violent one
    ("a protest against the war", clause("noun", "protest", preps={"against": False}), "141"),
    ("a formal protest against the visit", clause("noun", "protest", "formal", preps={"against": False}), "114"),
    ("violent protests", clause("noun", "protest", "violent"), "145"),
    ("protested to Beijing", clause("verb", "protest", preps={"to": True}), "114"),
    # objects that choose among reductions of relations, coercion and force
    ("expelled two diplomats", clause("verb", "expel", obj="diplomat", actor=True), "161"),
    ("expelled a journalist", clause("verb", "expel", obj="journalist", actor=True), "174"),
    ("expelled UN inspectors", clause("verb", "expel", obj="inspector", actor=True), "1662"),
    ("cut ties with Qatar", clause("verb", "cut", obj="tie", preps={"with": True}), "161"),
    ("cut aid", clause("verb", "cut", obj="aid"), "162"),
    ("imposed sanctions on Iran", clause("verb", "impose", obj="sanction", preps={"on": True}), "163"),
    ("imposed a curfew", clause("verb", "impose", obj="curfew"), "1723"),
    ("boycotted the talks", clause("verb", "boycott", obj="talk"), "125"),
    ("boycotted the election", clause("verb", "boycott", obj="election"), "143"),
    ("blocked the road", clause("verb", "block", obj="road"), "144"),
    ("blocked the resolution", clause("verb", "block", obj="resolution"), "129"),
    ("blocked aid", clause("verb", "block", obj="aid"), "1245"),
    ("used tear gas", clause("verb", "use", obj="gas"), "175"),
    ("used sarin", clause("verb", "use", obj="sarin"), "2041"),
    ("captured five soldiers", clause("verb", "capture", obj="soldier", actor=True), "173"),
    ("captured the city", clause("verb", "capture", obj="city"), "190"),
    ("seized assets", clause("verb", "seize", obj="asset"), "1711"),
    ("seized a tanker", clause("verb", "seize", obj="tanker"), "171"),
    ("launched a missile", clause("verb", "launch", obj="missile"), "150"),
    # nouns whose modifier changes the code
    ("a chemical attack", clause("noun", "attack", "chemical"), "2041"),
    ("a knife attack on a rabbi", clause("noun", "attack", "knife", preps={"on": True}), "182"),
    ("an attack on the base", clause("noun", "attack", preps={"on": False}), "190"),
    ("a ceasefire violation", clause("noun", "violation", "ceasefire"), "196"),
    ("a violation of the law", clause("noun", "violation", preps={"of": False}), "128"),
    ("the mass deportation of", clause("noun", "deportation", "mass", preps={"of": True}), "201"),
    ("the opposition", clause("noun", "opposition"), None),
    ("a case against him", clause("noun", "case", preps={"against": True}), "115"),
    ("the case", clause("noun", "case"), None),
    # criminal charges are accusations (1121, ACCUSE); arrests and warrants stay coercion (173)
    ("indicted the minister", clause("verb", "indict", obj="minister", actor=True), "1121"),
    ("prosecuted the journalist", clause("verb", "prosecute", obj="journalist", actor=True), "1121"),
    ("an indictment against him", clause("noun", "indictment", preps={"against": True}), "1121"),
    ("issued an arrest warrant for", clause("verb", "issue", obj="warrant", preps={"for": True}), "173"),
    ("an arrest warrant", clause("noun", "warrant", "arrest"), "173"),
    ("arrested the minister", clause("verb", "arrest", obj="minister", actor=True), "173"),
    # taking a place by force is an assault; holding or annexing it is occupation
    ("overran the base", clause("verb", "overrun", obj="base"), "190"),
    ("seized part of the city", clause("verb", "seize", obj="part"), "190"),
    ("seized control of the town", clause("verb", "seize", obj="control", preps={"of": False}), "192"),
    ("occupied the city", clause("verb", "occupy", obj="city"), "192"),
    ("occupied the parliament building", clause("verb", "occupy", obj="building"), "141"),
    # dispute, shoot, rape: everyday readings stay out
    ("disputed the figures", clause("verb", "dispute", obj="figure"), "110"),
    ("a channel disputed by both", clause("verb", "dispute"), None),
    ("shot a man", clause("verb", "shoot", obj="man"), "193"),
    ("shot two soldiers dead", clause("verb", "shoot", "dead", obj="soldier", actor=True), "1823"),
    ("raped women (lemma rap)", clause("verb", "rap", obj="woman"), "1821"),
    ("UN raps Israel (lemma rap)", clause("verb", "rap", obj="israel", actor=True), None),
    # cyber attacks and coercion short of violence
    ("hacked into the network", clause("verb", "hack", "into"), "170"),
    ("defaced websites", clause("verb", "deface", obj="website"), "170"),
    ("defaced a statue", clause("verb", "deface", obj="statue"), "1712"),
    ("prevented the demonstration", clause("verb", "prevent", obj="demonstration"), "1721"),
    ("cut off electricity", clause("verb", "cut", "off", obj="electricity"), "172"),
    ("cut off aid", clause("verb", "cut", "off", obj="aid"), "162"),
    ("suspended aid deliveries", clause("verb", "suspend", obj="delivery"), "162"),
    ("suspended parliament", clause("verb", "suspend", obj="parliament", actor=True), None),
    ("raised tariffs on China", clause("verb", "raise", obj="tariff", preps={"on": True}), "163"),
    ("reimposed the blockade", clause("verb", "reimpose", obj="blockade"), "191"),
    # refusals, threats, protests, mobilisation
    ("refused entry", clause("verb", "refuse", obj="entry"), "1245"),
    ("denied permits", clause("verb", "deny", obj="permit"), "120"),
    ("reneged on the deal", clause("verb", "renege", "on"), "120"),
    ("turned away refugees", clause("verb", "turn", "away", obj="refugee"), "122"),
    ("swore to attack", clause("verb", "swear", complement="190"), "138"),
    ("vowed revenge", clause("verb", "vow", obj="revenge"), "130"),
    ("collected signatures", clause("verb", "collect", obj="signature"), "140"),
    ("flooded the streets", clause("verb", "flood", obj="street"), "141"),
    ("blocked off roads", clause("verb", "block", "off", obj="road"), "144"),
    ("strengthened its forces", clause("verb", "strengthen", obj="force"), "154"),
    ("rushed troops to the border", clause("verb", "rush", obj="troop", preps={"to": False}), "154"),
    ("held military exercises", clause("noun", "exercise", "military"), "150"),
    ("pushed for talks", clause("verb", "push", "for"), "100"),
    # things struck: military targets and buildings, never places or markets
    ("struck a military base", clause("verb", "strike", obj="base"), "190"),
    ("a missile hit the convoy", clause("verb", "hit", obj="convoy"), "190"),
    ("an earthquake struck the city", clause("verb", "strike", obj="city"), None),
    ("tariffs hit markets", clause("verb", "hit", obj="market"), None),
    ("suspended the constitution", clause("verb", "suspend", obj="constitution"), "1724"),
    ("declared martial law", clause("verb", "declare", obj="law"), "1724"),
]


@pytest.mark.parametrize(("text", "seen", "expected"), READINGS, ids=[r[0] for r in READINGS])
def test_ambiguous_words_take_the_documented_reading(conflict: VerbPatterns, text: str, seen: Clause,
                                                     expected: str | None) -> None:
    assert _code(conflict, seen) == expected


def test_the_reading_model_needs_every_constraint_of_a_pattern(conflict: VerbPatterns) -> None:
    """The model itself: a pattern with a particle and a preposition does not match without either."""
    crack = next(p for p in _index(conflict, "verb", "crack") if p.prep == "on")
    assert _matches(crack, clause("verb", "crack", "down", preps={"on": True}))
    assert not _matches(crack, clause("verb", "crack", preps={"on": True}))
    assert not _matches(crack, clause("verb", "crack", "down"))


# -- helpers ------------------------------------------------------------------------------------


def _index(patterns: VerbPatterns, kind: str, lemma: str) -> tuple[Pattern, ...]:
    return patterns.for_verb(lemma) if kind == "verb" else patterns.for_noun(lemma)


def _matches(p: Pattern, c: Clause) -> bool:
    if any(word not in c.words for word in p.particles):
        return False
    if p.obj is not None and p.obj != c.obj:
        return False
    if p.prep is not None and p.prep not in c.preps:
        return False
    if p.complement and (c.complement is None or not c.complement.startswith(p.complement)):
        return False
    if p.needs_target:
        return c.preps[p.prep] if p.prep is not None else c.obj_is_actor
    return True


def _code(patterns: VerbPatterns, c: Clause) -> str | None:
    return next((p.code for p in _index(patterns, c.kind, c.lemma) if _matches(p, c)), None)


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def _constraints(p: Pattern) -> frozenset[tuple[object, ...]]:
    found: set[tuple[object, ...]] = {("word", w) for w in p.particles}
    found |= {(name, value) for name, value in (("obj", p.obj), ("prep", p.prep)) if value is not None}
    if p.complement:
        found.add(("complement", p.complement))
    if p.needs_target:
        found.add(("target",))
    return frozenset(found)


def _can_meet(a: Pattern, b: Pattern) -> bool:
    """Whether one clause could satisfy both patterns. Two different objects, prepositions or sets of
    words (particles and modifiers fill one slot: "hunger strike" is not also a "general strike") cannot;
    neither can an object beside a complement clause, nor a required object beside "!target" read off
    the direct object, since a required object is never an actor."""
    if a.obj and b.obj and a.obj != b.obj:
        return False
    if a.prep and b.prep and a.prep != b.prep:
        return False
    if a.particles and b.particles and set(a.particles) != set(b.particles):
        return False
    if a.complement and b.complement and not _overlap(a.complement, b.complement):
        return False
    if (a.obj and b.complement) or (b.obj and a.complement):
        return False
    return not any(x.needs_target and not x.prep and y.obj and not y.prep for x, y in ((a, b), (b, a)))


def _unresolved_ties(patterns: VerbPatterns) -> list[tuple[tuple[str, str], Pattern, Pattern]]:
    """Pairs of equally specific patterns for different codes that one clause could satisfy, with no
    more specific pattern covering both; the first of each pair is the one the loader lists first."""
    found: list[tuple[tuple[str, str], Pattern, Pattern]] = []
    lemmas = {(p.kind, p.lemma) for p in patterns}
    for kind, lemma in sorted(lemmas):
        group = _index(patterns, kind, lemma)
        for a, b in combinations(group, 2):
            if a.code == b.code or a.specificity != b.specificity or not _can_meet(a, b):
                continue
            both = _constraints(a) | _constraints(b)
            if any(_constraints(c) <= both and c.specificity > a.specificity for c in group):
                continue
            found.append(((kind, lemma), a, b))
    return found
