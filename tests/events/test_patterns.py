"""The pattern language, the lemma index, and the shipped verb pattern files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from spacy.language import Language

from newsevents.errors import KnowledgeError
from newsevents.events.codebook import Codebook
from newsevents.events.patterns import Pattern, VerbPatterns, default_pattern_files, parse_pattern

COOPERATION = Path(__file__).resolve().parents[2] / "src/newsevents/events/data/verbs_cooperation.yaml"
REPORTING = {"say", "tell", "announce", "report", "add", "state", "note", "claim", "stress", "insist"}


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook.load()


@pytest.fixture(scope="module")
def shipped(codebook: Codebook) -> VerbPatterns:
    return VerbPatterns.load(codebook)


def v(text: str, code: str = "040") -> Pattern:
    return parse_pattern(text, code, "verb")


# ------------------------------------------------------------------ the parser

def test_bare_head() -> None:
    p = v("visit", "042")
    assert (p.code, p.kind, p.lemma, p.particles, p.obj, p.prep, p.complement, p.needs_target) == \
        ("042", "verb", "visit", (), None, None, (), False)
    assert p.specificity == 0 and p.text == "visit"


def test_particles_and_preposition() -> None:
    p = v("crack down +on", "175")
    assert p.lemma == "crack" and p.particles == ("down",) and p.prep == "on" and p.specificity == 2
    assert v("pull out +of").particles == ("out",)


def test_object_and_preposition_in_any_order() -> None:
    a, b = v("open ~fire +on", "190"), v("open +on ~fire", "190")
    assert (a.obj, a.prep, a.specificity) == (b.obj, b.prep, b.specificity) == ("fire", "on", 2)
    assert b.text == "open +on ~fire"  # the text stays as written


def test_alternatives_are_kept_joined() -> None:
    p = parse_pattern("sanction +against|on", "163", "noun")
    assert p.kind == "noun" and p.prep == "against|on" and p.specificity == 1
    assert v("lift|ease ~sanction|embargo", "085").lemma == "lift|ease"


def test_complement_and_target_flag() -> None:
    p = v("threaten >18|19|20", "138")
    assert p.complement == ("18", "19", "20") and p.specificity == 1
    q = v("strike !target", "190")
    assert q.needs_target and q.specificity == 1


def test_specificity_counts_every_constraint() -> None:
    assert v("pull out ~troop +of >087 !target").specificity == 5
    assert v("give back in").particles == ("back", "in")


def test_head_and_words_are_lower_cased() -> None:
    p = v("Meet +With")
    assert p.lemma == "meet" and p.prep == "with"


@pytest.mark.parametrize(("text", "kind", "message"), [
    ("", "verb", "empty"),
    ("   ", "verb", "empty"),
    ("+on", "verb", "head lemma"),
    ("~fire", "verb", "head lemma"),
    ("open ~fire ~gun", "verb", "two direct objects"),
    ("talk +with +to", "verb", "two prepositions"),
    ("threaten >18 >19", "verb", "two complement"),
    ("threaten >1", "verb", "prefixes"),
    ("threaten >18|x9", "verb", "prefixes"),
    ("threaten >", "verb", "prefixes"),
    ("strike !always", "verb", "unknown flag"),
    ("attack ~city", "noun", "only verbs take"),
    ("step down down", "verb", "twice"),
    ("talk +with|with", "verb", "repeats"),
    ("talk +", "verb", "prepositions"),
    ("talk with,", "verb", "cannot read"),
    ("meet|meet", "verb", "repeats"),
])
def test_bad_syntax_is_a_knowledge_error(text: str, kind: str, message: str) -> None:
    with pytest.raises(KnowledgeError, match=message):
        parse_pattern(text, "040", kind)  # type: ignore[arg-type]


def test_bad_kind_and_code_are_refused() -> None:
    with pytest.raises(KnowledgeError, match="neither"):
        parse_pattern("meet", "040", "adjective")  # type: ignore[arg-type]
    with pytest.raises(KnowledgeError, match="not a CAMEO code"):
        parse_pattern("meet", "4x", "verb")


# ------------------------------------------------------------------ the index

def test_most_specific_first_and_ties_in_given_order() -> None:
    patterns = VerbPatterns([v("meet"), v("meet +with"), v("meet ~delegation +with", "043"), v("meet +in", "044")])
    assert [p.text for p in patterns.for_verb("meet")] == ["meet ~delegation +with", "meet +with", "meet +in", "meet"]


def test_alternatives_are_indexed_once_each() -> None:
    patterns = VerbPatterns([v("lift|ease ~sanction|embargo +on|against", "085")])
    assert len(patterns) == 8
    lifted = patterns.for_verb("lift")
    assert {(p.obj, p.prep) for p in lifted} == {("sanction", "on"), ("sanction", "against"),
                                                 ("embargo", "on"), ("embargo", "against")}
    assert all(p.lemma == "lift" and p.text == "lift|ease ~sanction|embargo +on|against" for p in lifted)
    assert len(patterns.for_verb("ease")) == 4


def test_verbs_and_nouns_are_indexed_apart() -> None:
    patterns = VerbPatterns([v("visit", "042"), parse_pattern("visit +to", "042", "noun"),
                             parse_pattern("trip +to", "042", "noun")])
    assert [p.kind for p in patterns.for_verb("visit")] == ["verb"]
    assert [p.kind for p in patterns.for_noun("visit")] == ["noun"]
    assert patterns.for_verb("trip") == () and patterns.for_noun("nothing") == ()
    assert patterns.lemmas() == frozenset({"visit", "trip"})
    assert len(patterns) == 3


def test_same_words_for_two_codes_is_an_error_naming_both() -> None:
    with pytest.raises(KnowledgeError, match=r"042.*043|043.*042"):
        VerbPatterns([v("receive +from", "042"), v("receive +from", "043")])
    with pytest.raises(KnowledgeError, match="085"):  # an expanded alternative collides too
        VerbPatterns([v("lift ~sanction", "085"), v("lift ~embargo|sanction", "081")])


def test_repeats_within_a_code_collapse_and_differing_constraints_coexist() -> None:
    patterns = VerbPatterns([v("talk +with"), v("talk +with|to"), v("talk +with >04", "036")])
    assert [(p.code, p.prep, p.complement) for p in patterns.for_verb("talk")] == \
        [("036", "with", ("04",)), ("040", "with", ()), ("040", "to", ())]


def test_index_is_read_only() -> None:
    patterns = VerbPatterns([v("meet")])
    with pytest.raises(AttributeError):
        patterns._verbs = {}
    assert isinstance(patterns.for_verb("meet"), tuple)


# ------------------------------------------------------------------ loading files

def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_reads_codes_as_strings_even_unquoted(tmp_path: Path, codebook: Codebook) -> None:
    path = write(tmp_path, "verbs_a.yaml", '042:\n  verbs: [visit, travel +to]\n  nouns: [visit +to]\n'
                                           '"043": {verbs: [host]}\n0841:\n  verbs: [free !target]\n  nouns:\n')
    patterns = VerbPatterns.load(codebook, [path])
    assert [p.code for p in patterns.for_verb("visit")] == ["042"]  # not octal 34
    assert patterns.for_verb("free")[0].code == "0841"
    assert len(patterns) == 5


@pytest.mark.parametrize(("text", "message"), [
    ('"999":\n  verbs: [visit]\n', r"verbs_bad\.yaml:1.*'999' is not a CAMEO"),
    ('"042":\n  verbs: [visit, "+to"]\n', r"verbs_bad\.yaml:2.*code 042.*head lemma"),
    ('"042":\n  verbs: [visit]\n"042":\n  verbs: [tour]\n', r"verbs_bad\.yaml:3.*appears twice"),
    ('"042":\n  verbz: [visit]\n', "unknown key 'verbz'"),
    ('"042":\n  verbs: visit\n', "must be a list"),
    ('"042": [visit]\n', "must map to"),
    ("- visit\n", "top level"),
    ('"0356":\n  verbs: [agree >99]\n', "complement '99'"),
    ('"042":\n  verbs: [visit\n', "not valid YAML"),
])
def test_load_errors_name_file_line_and_code(tmp_path: Path, codebook: Codebook, text: str, message: str) -> None:
    path = write(tmp_path, "verbs_bad.yaml", text)
    with pytest.raises(KnowledgeError) as caught:
        VerbPatterns.load(codebook, [path])
    assert caught.value.code == "E400"
    assert re.search(message, str(caught.value)), str(caught.value)


def test_duplicates_across_files_name_both_files(tmp_path: Path, codebook: Codebook) -> None:
    a = write(tmp_path, "verbs_a.yaml", '"042":\n  verbs: [go +to]\n')
    b = write(tmp_path, "verbs_b.yaml", '"043":\n  verbs: [go +to]\n')
    with pytest.raises(KnowledgeError, match=r"042.*verbs_a\.yaml and verbs_b\.yaml"):
        VerbPatterns.load(codebook, [a, b])


def test_empty_file_and_file_order(tmp_path: Path, codebook: Codebook) -> None:
    empty = write(tmp_path, "verbs_empty.yaml", "# nothing yet\n")
    a = write(tmp_path, "verbs_a.yaml", '"040":\n  verbs: [meet +in]\n')
    b = write(tmp_path, "verbs_b.yaml", '"044":\n  verbs: [meet +at]\n')
    patterns = VerbPatterns.load(codebook, [empty, b, a])
    assert [p.code for p in patterns.for_verb("meet")] == ["044", "040"]


# ------------------------------------------------------------------ the shipped files

def test_shipped_files_load_and_use_only_real_codes(shipped: VerbPatterns, codebook: Codebook) -> None:
    assert COOPERATION in default_pattern_files()
    assert all(p.code in codebook for p in shipped)
    assert all(prefix in codebook for p in shipped for prefix in p.complement)


def test_cooperation_file_covers_roots_01_to_09_broadly(codebook: Codebook) -> None:
    data = yaml.load(COOPERATION.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert {code[:2] for code in data} == {f"{n:02d}" for n in range(1, 10)}
    verbs = [t for entry in data.values() for t in entry.get("verbs") or []]
    nouns = [t for entry in data.values() for t in entry.get("nouns") or []]
    assert len(verbs) >= 300 and len(nouns) >= 100
    cooperation = VerbPatterns.load(codebook, [COOPERATION])
    assert all(p.code[:2] <= "09" for p in cooperation)


def test_no_head_has_overlapping_complement_prefixes(shipped: VerbPatterns) -> None:
    # ">08" beside ">084" on one head would leave the code to file order; the files list families apart.
    for lemma in shipped.lemmas():
        pairs = {(c, p.code) for p in shipped.for_verb(lemma) for c in p.complement}
        clashes = [(a, b) for a, ca in pairs for b, cb in pairs if a != b and b.startswith(a) and ca != cb]
        assert not clashes, (lemma, clashes)


def test_plain_reporting_verbs_are_not_events(shipped: VerbPatterns) -> None:
    for lemma in REPORTING:
        assert all(p.specificity > 0 for p in shipped.for_verb(lemma)), lemma


def find(patterns: VerbPatterns, text: str, kind: str = "verb") -> str:
    """The code of the indexed pattern that reads exactly like ``text`` (single alternatives)."""
    want = parse_pattern(text, "010", kind)  # type: ignore[arg-type]
    candidates = patterns.for_verb(want.lemma) if kind == "verb" else patterns.for_noun(want.lemma)
    for p in candidates:
        if (set(p.particles), p.obj, p.prep, set(p.complement), p.needs_target) == \
                (set(want.particles), want.obj, want.prep, set(want.complement), want.needs_target):
            return p.code
    raise AssertionError(f"no shipped {kind} pattern {text!r}")


@pytest.mark.parametrize(("text", "code"), [
    ("visit", "042"), ("travel +to", "042"), ("meet +with", "040"), ("hold ~talk +with", "040"),
    ("host", "043"), ("mediate", "045"), ("negotiate +with", "046"), ("agree >040|041|042|043|044|046", "036"),
    ("agree", "030"), ("pledge ~aid +to", "033"), ("urge", "020"), ("call +on >084 !target", "0253"),
    ("ask >084 !target", "0253"), ("call for", "020"), ("call !target", "041"), ("call off ~strike", "082"),
    ("sign ~agreement +with", "057"), ("recognize !target", "054"), ("apologize +to", "055"),
    ("praise", "051"), ("send ~aid +to", "070"), ("send ~weapon +to", "072"), ("release !target", "0841"),
    ("lift ~sanction", "085"), ("lift ~curfew", "0813"), ("declare ~ceasefire", "0871"), ("step down", "0831"),
    ("withdraw +from", "087"), ("pull out ~troop +of", "0874"), ("withdraw ~troop +from", "0874"),
    ("investigate", "090"),
    ("deny ~responsibility", "016"), ("claim ~responsibility +for", "015"), ("decline ~comment", "011"),
    # intent, hosting and mediation
    ("reach ~consensus", "030"), ("commit +to", "030"), ("offer ~concession +to", "035"),
    ("give ~welcome +to", "043"), ("recognize ~independence", "054"), ("extend ~agreement", "057"),
    # aid and access: people taken in, rescued, evacuated; inspectors let in
    ("admit ~refugee", "075"), ("take in ~migrant", "075"), ("open ~border +to", "075"), ("evacuate ~wounded", "073"),
    ("rescue ~hostage", "073"), ("provide ~training +to", "070"), ("arm ~rebel", "072"), ("allow ~journalist", "086"),
    ("grant ~access", "086"), ("permit ~inspector", "0862"),
    # yielding: material (RETREAT) and verbal (CONCEDE)
    ("meet ~demand", "080"), ("ease ~measure", "081"), ("shorten ~curfew", "0813"), ("ease ~emergency", "0814"),
    ("step aside", "0831"), ("pay ~compensation +to", "0842"), ("cede ~territory +to", "0842"),
    ("reopen ~border", "0872"), ("dismantle ~checkpoint", "087"), ("speed up ~withdrawal", "0874"),
    ("pull out +of !target", "0874"), ("hand in ~weapon", "0873"), ("boost ~trade", "061"),
    ("send ~system +to", "072"),
    # investigation
    ("dispatch ~inspector +to", "090"), ("look into", "090"), ("inspect ~site", "090"),
])
def test_shipped_verbs_code_as_cameo_defines(shipped: VerbPatterns, text: str, code: str) -> None:
    assert find(shipped, text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("visit +to", "042"), ("talk +with", "040"), ("ceasefire", "0871"), ("release +of !target", "0841"),
    ("aid +to", "070"), ("apology", "055"), ("investigation +into", "090"), ("agreement +with", "057"),
    ("effort mediation", "045"), ("exercise joint", "062"), ("exercise joint military", "062"),
    ("conference video +with", "041"), ("inspection +of", "090"),
])
def test_shipped_nouns_code_as_cameo_defines(shipped: VerbPatterns, text: str, code: str) -> None:
    assert find(shipped, text, "noun") == code


def test_ambiguous_words_need_their_reading(shipped: VerbPatterns) -> None:
    # "released a report" and "lifted the box" are no events: these heads code only with a constraint.
    # "armed with knives", "committed atrocities", "opened the session", "paid tribute", "disputed border".
    for lemma in ("release", "lift", "free", "sign", "call", "provide", "return", "arm", "commit", "open", "pay",
                  "evacuate", "rescue", "admit", "dispute", "rap", "fin"):
        assert all(p.specificity > 0 for p in shipped.for_verb(lemma)), lemma


def winner(patterns: VerbPatterns, kind: str, lemma: str, words: tuple[str, ...] = (), obj: str | None = None) -> str:
    """The code the coder gives a trigger with these words on it and this object, no preposition, no complement
    and no actor target: the most specific pattern whose constraints all hold, ties to the first listed."""
    found = patterns.for_verb(lemma) if kind == "verb" else patterns.for_noun(lemma)
    for p in found:
        if (set(p.particles) <= set(words) and p.obj in (None, obj) and p.prep is None and not p.complement
                and not p.needs_target):
            return p.code
    return ""


@pytest.mark.parametrize(("kind", "lemma", "words", "obj", "code"), [
    # "joint" makes exercises cooperation (062) across both files; without it they are a show of force (150)
    ("noun", "exercise", ("joint", "military"), None, "062"),
    ("noun", "exercise", ("joint", "naval"), None, "062"),
    ("noun", "exercise", ("military",), None, "150"),
    ("noun", "drill", ("joint",), None, "062"),
    ("noun", "drill", (), None, "150"),
    # what is refused, suspended, cut or opened picks the family
    ("verb", "refuse", (), "entry", "1245"),
    ("verb", "suspend", (), "aid", "162"),
    ("verb", "suspend", (), "delivery", "162"),
    ("verb", "suspend", (), "talk", "164"),
    ("verb", "lift", (), "curfew", "0813"),
    ("verb", "lift", (), "sanction", "085"),
    ("verb", "reopen", (), "border", "0872"),
    ("verb", "reopen", (), "crossing", "0863"),
    ("verb", "cut", ("off",), "electricity", "172"),
    ("verb", "accept", (), "refugee", "075"),
    ("verb", "accept", (), "demand", "080"),
    ("verb", "welcome", (), "refugee", "075"),
    ("verb", "welcome", (), "delegation", "043"),
    ("verb", "welcome", (), "decision", "051"),
])
def test_readings_across_both_files(shipped: VerbPatterns, kind: str, lemma: str, words: tuple[str, ...],
                                    obj: str | None, code: str) -> None:
    assert winner(shipped, kind, lemma, words, obj) == code


# Sentences written for this test; (trigger word, its expected code). Checks the parse shapes and lemmas the
# patterns rely on: unlemmatised "retook", "raped" read as "rap", "to" hanging on "committed", modifiers
# hanging on the event noun, the object of a phrasal verb.
MODEL_SHAPES = [
    ("Vietnamese forces retook the village on Sunday.", "retook", "190"),
    ("Soldiers raped women in the village.", "raped", "1821"),
    ("India and Japan held joint military exercises in the bay.", "exercises", "062"),
    ("Oman launched a mediation effort between the rivals.", "effort", "045"),
    ("Farmers blocked off roads around the capital.", "blocked", "144"),
    ("The United Nations reduced food supplies to the camp.", "reduced", "162"),
    ("Police cordoned off the area after the blast.", "cordoned", "191"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "code"), MODEL_SHAPES, ids=[m[0] for m in MODEL_SHAPES])
def test_patterns_fit_the_model_parse(nlp: Language, shipped: VerbPatterns, text: str, trigger: str,
                                      code: str) -> None:
    token = next(t for t in nlp(text) if t.text == trigger)
    words = tuple(w for c in token.children for w in (c.text.lower(), c.lemma_.lower()))
    objects: list[str | None] = [c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    kind = "noun" if token.pos_ in ("NOUN", "PROPN") else "verb"
    found = {winner(shipped, kind, token.lemma_.lower(), words, obj) for obj in objects or [None]}
    assert code in found, (token.lemma_, words, objects, found)


@pytest.mark.model
def test_heads_written_as_the_model_lemmatises_them(nlp: Language, shipped: VerbPatterns) -> None:
    """Some heads are the model's wrong lemmas ("fined" -> "fin"); if the model changes, they go dead."""
    doc = nlp("Soldiers raped women. The court fined him. Russia waged war. Police cordoned off the area. "
              "Troops retook the town. Police teargassed the crowd. Snipers sniped at them.")
    lemmas = {t.text: t.lemma_ for t in doc}
    expected = {"raped": "rap", "fined": "fin", "waged": "wag", "cordoned": "cordone", "retook": "retook",
                "teargassed": "teargasse", "sniped": "snip"}
    assert {word: lemmas[word] for word in expected} == expected
    assert all(shipped.for_verb(lemma) for lemma in expected.values())
