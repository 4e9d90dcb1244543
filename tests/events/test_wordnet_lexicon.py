"""The WordNet supplement: the expander's filters on a small database written here, the loader's rule that
hand-written patterns win, the shipped file against the tool, and every shipped head (hand-written or
generated) against the model.

The reproducibility test needs WordNet 3.0 in /usr/share/wordnet (Debian's wordnet-base; `make lexicon`
installs it) and is skipped without it.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

from newsevents.events.codebook import Codebook
from newsevents.events.cues import Cues
from newsevents.events.patterns import WORDNET_FILE, VerbPatterns, default_pattern_files, default_supplement_files

TOOLS = Path(__file__).resolve().parents[2] / "tools"
WORDNET = Path("/usr/share/wordnet")


def _tool() -> ModuleType:
    """tools/expand_lexicon.py, a script rather than a package module, imported once."""
    if "expand_lexicon" not in sys.modules:
        spec = importlib.util.spec_from_file_location("expand_lexicon", TOOLS / "expand_lexicon.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["expand_lexicon"] = module  # dataclasses look their module up while it executes
        spec.loader.exec_module(module)
    return sys.modules["expand_lexicon"]


# A database in WordNet's own format (wndb(5WN)), invented for this test: "parley" has two senses, the
# talking one first; "haggle" is its hyponym; "chat" has the talking sense only as its second sense;
# "parleying" is the noun; "parleyer" an agent noun (noun.person); "talk_over" a phrasal verb.
DATA_VERB = """\
  1 licence line
00000100 32 v 03 parley 0 chat 0 talk_over 0 003 ~ 00000200 v 0000 + 00000500 n 0101 + 00000600 n 0101 00 | talk terms
00000200 32 v 01 haggle 0 001 @ 00000100 v 0000 00 | argue over a price
00000300 38 v 01 parley 0 000 00 | walk slowly
00000400 32 v 01 chat 0 000 00 | talk lightly
"""
INDEX_VERB = """\
  1 licence line
chat v 2 0 2 0 00000400 00000100
haggle v 1 0 1 0 00000200
parley v 2 0 2 0 00000100 00000300
talk_over v 1 0 1 0 00000100
"""
DATA_NOUN = """\
  1 licence line
00000500 04 n 01 parleying 0 000 | the act of parleying
00000600 18 n 01 parleyer 0 000 | one who parleys
"""
INDEX_NOUN = """\
  1 licence line
parleyer n 1 0 1 0 00000600
parleying n 1 0 1 0 00000500
"""

SEEDS = {
    "defaults": {"max_rank": 1, "verb_lexnames": ["verb.communication"], "noun_lexnames": ["noun.act"],
                 "particles": ["over"], "verb_forms": [""], "noun_forms": ["", "+with"]},
    "codes": {"046": {"senses": ["parley#v1"]}},
}


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    for name, text in (("data.verb", DATA_VERB), ("index.verb", INDEX_VERB), ("data.noun", DATA_NOUN),
                       ("index.noun", INDEX_NOUN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_expansion_keeps_synonyms_hyponyms_and_act_nouns_of_the_top_sense(tiny: Path) -> None:
    tool = _tool()
    kept, shared = tool.expand(tool.WordNet(tiny), SEEDS)
    found = {(p.kind, p.lemma) for p in kept}
    # chat: the sense is only chat's second; parleyer: an agent noun, noun.person.
    assert found == {("verb", "parley"), ("verb", "talk over"), ("verb", "haggle"), ("noun", "parleying")}
    assert shared == []


def test_rank_lexname_and_rejections_filter(tiny: Path) -> None:
    tool = _tool()
    loose = {**SEEDS, "defaults": {**SEEDS["defaults"], "max_rank": 2}}
    assert ("verb", "chat") in {(p.kind, p.lemma) for p in tool.expand(tool.WordNet(tiny), loose)[0]}
    rejecting = {**SEEDS, "codes": {"046": {"senses": ["parley#v1"], "reject": ["haggle"], "hyponyms": False}}}
    found = {p.lemma for p in tool.expand(tool.WordNet(tiny), rejecting)[0]}
    assert "haggle" not in found and "parley" in found


def test_a_word_two_codes_reach_equally_is_left_out_and_a_seed_synonym_beats_a_hyponym(tiny: Path) -> None:
    tool = _tool()
    wn = tool.WordNet(tiny)
    both = {**SEEDS, "codes": {"046": {"senses": ["parley#v1"]}, "040": {"senses": ["parley#v1"]}}}
    kept, shared = tool.expand(wn, both)
    assert kept == [] and "verb parley: 040, 046" in shared
    narrower = {**SEEDS, "codes": {"046": {"senses": ["parley#v1"]}, "111": {"senses": ["haggle#v1"]}}}
    codes = {p.lemma: p.code for p in tool.expand(wn, narrower)[0]}
    assert codes["haggle"] == "111" and codes["parley"] == "046"


def test_rendered_file_loads_as_patterns(tiny: Path, tmp_path: Path) -> None:
    tool = _tool()
    kept, shared = tool.expand(tool.WordNet(tiny), SEEDS)
    out = tmp_path / "wordnet_verbs.yaml"
    out.write_text(tool.render(kept, shared, SEEDS, {"046": "Engage in negotiation"}), encoding="utf-8")
    patterns = VerbPatterns.load(Codebook.load(), [out])
    assert {p.text for p in patterns.for_noun("parleying")} == {"parleying", "parleying +with"}
    assert [p.particles for p in patterns.for_verb("talk")] == [("over",)]


def test_hand_written_patterns_win_over_the_supplement(tmp_path: Path) -> None:
    mine = tmp_path / "verbs_mine.yaml"
    mine.write_text('"042":\n  verbs: [parley, "pull out"]\n', encoding="utf-8")
    extra = tmp_path / "wordnet_verbs.yaml"
    extra.write_text('"046":\n  verbs: [parley, "parley +with", haggle, "pull back"]\n', encoding="utf-8")
    patterns = VerbPatterns.load(Codebook.load(), [mine], [extra])
    assert {p.code for p in patterns.for_verb("parley")} == {"042"}  # the head parley is hand-written
    assert [p.code for p in patterns.for_verb("haggle")] == ["046"]
    assert {(p.particles, p.code) for p in patterns.for_verb("pull")} == {(("out",), "042"), (("back",), "046")}


def test_default_load_adds_the_supplement_and_explicit_files_leave_it_out() -> None:
    codebook = Codebook.load()
    assert default_supplement_files() == (WORDNET_FILE,)
    everything = VerbPatterns.load(codebook)
    hand = VerbPatterns.load(codebook, default_pattern_files())
    assert len(everything) > len(hand)
    generated = VerbPatterns.load(codebook, [WORDNET_FILE])  # every code checked against the codebook
    assert all(p.code in codebook for p in generated)
    added = {(p.kind, p.lemma, p.particles) for p in everything} - {(p.kind, p.lemma, p.particles) for p in hand}
    assert added and added <= {(p.kind, p.lemma, p.particles) for p in generated}


@pytest.mark.skipif(not (WORDNET / "index.verb").is_file(),
                    reason="WordNet 3.0 is not installed (apt-get install wordnet-base, or make lexicon)")
def test_the_shipped_file_is_what_the_tool_writes() -> None:
    assert _tool().main(["--check", "--wordnet", str(WORDNET)]) == 0


def _inflections(word: str, kind: str) -> list[str]:
    """Regular English forms of a head: a verb's -s and -ed (doubled too where English may double), a
    noun's plural. A wrong guess (fulfiled) only adds a form; each head needs one form that reaches it."""
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        s_form = word + "es"
    elif len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        s_form = word[:-1] + "ies"
    else:
        s_form = word + "s"
    if kind == "noun":
        return [s_form]
    if word.endswith("e"):
        past = [word + "d"]
    elif len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou":
        past = [word[:-1] + "ied"]
    else:
        past = [word + "ed"] + ([word + word[-1] + "ed"] if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", word) else [])
    return [s_form, *past]


@pytest.mark.model
def test_every_shipped_head_is_the_lemma_the_coder_reads_for_its_forms(nlp: Language) -> None:
    """Each head of every shipped file, inflected in a sentence, comes back as that head through the
    model's lemma and the coder's lemma fixes (cues.yaml), as the coder looks patterns up. The only heads
    exempt are aliases written for a model mistake that cues.yaml now corrects to another head
    (``wag`` beside ``wage``): they are dead but harmless."""
    cues = Cues.load()
    patterns = VerbPatterns.load(Codebook.load())
    heads = sorted({(p.kind, p.lemma) for p in patterns})
    cases = [(kind, lemma, form) for kind, lemma in heads for form in _inflections(lemma, kind)]
    texts = [f"The minister {form} the rebels." if kind == "verb" else f"The {form} were reported."
             for kind, _, form in cases]
    reached: dict[tuple[str, str], set[str]] = {head: set() for head in heads}
    for (kind, lemma, _form), doc in zip(cases, nlp.pipe(texts), strict=True):
        reached[(kind, lemma)].add(cues.lemma(doc[2] if kind == "verb" else doc[1]))
    unreached = {head: got for head, got in reached.items() if head[1] not in got}
    dead_aliases = {head for head, got in unreached.items() if any((head[0], g) in reached for g in got)}
    assert set(unreached) - dead_aliases == set(), {h: unreached[h] for h in set(unreached) - dead_aliases}
    assert len(dead_aliases) < 10  # a model upgrade that breaks many lemmas shows here



def test_wordnet_licence_ships_with_the_derived_file() -> None:
    """WordNet's licence asks that its notice and disclaimer go with every copy of derived data."""
    notice = "WordNet 3.0 Copyright 2006 by Princeton University"
    licence = (WORDNET_FILE.parent / "WORDNET_LICENSE.txt").read_text(encoding="utf-8")
    assert notice in licence and "AS IS" in licence
    assert notice in WORDNET_FILE.read_text(encoding="utf-8").splitlines()[2]
    assert "wordnet_verbs.yaml" in (Path(__file__).resolve().parents[2] / "NOTICE").read_text(encoding="utf-8")


def test_a_seed_word_yaml_reads_as_a_boolean_is_refused(tiny: Path) -> None:
    tool = _tool()
    unquoted = {**SEEDS, "codes": {"046": {"senses": ["parley#v1"], "reject": [False]}}}  # `reject: [off]`
    with pytest.raises(SystemExit, match="quote"):
        tool.expand(tool.WordNet(tiny), unquoted)
