"""Who did it and to whom, read off the dependency parse (en_core_web_sm's ClearNLP labels).

These functions only find the head tokens of the argument phrases; whether a head denotes a political
actor is the actor stage's business (``ActorLookup`` in coder.py). Shapes relied on, as the 3.8 model
parses them:

- active clause: nsubj -> verb <- dobj / prep -> pobj; a place as object may come as npadvmod
  ("visited Baghdad");
- passive: nsubjpass is the patient, the "by" phrase is an ``agent`` child with a pobj;
- missing subjects are inherited: xcomp from the governor's object or subject ("urged Iran to halt",
  "called on Russia to withdraw", "is set to participate": the passive governor's nsubjpass), advcl /
  conj from the governor, pcomp from the governor's object after of/from/against ("accused Pakistan of
  shelling") and else its subject, acomp chains ("are due to begin"), relcl from the noun it modifies
  when its subject is a relative pronoun, acl from the noun (VBN: the noun is the patient, VBG: the
  agent; an infinitive from the noun's possessor: "Iran's decision to withdraw");
- event nouns: poss ("Iran's attack"), "by"/"from"/"of" phrases, nationality or organisation
  modifiers, and the subject of a light verb whose object the noun is ("held talks with"), also
  through a measure word ("launched a wave of attacks on").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from ..actors.dateline import in_dateline
from .cues import Cues

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "ADJ", "DET"})
_VERBAL = frozenset({"VERB", "AUX"})
# Children that are not part of an actor's name when its span is drawn.
_SPAN_SKIP = frozenset({"conj", "cc", "appos", "relcl", "acl", "punct", "advcl", "case", "parataxis",
                        "prep", "dep", "meta"})
_TIMES = frozenset({"DATE", "TIME"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "nummod"})
_MODIFIER_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON", "FAC", "LOC"})
# Children that start a clause or a coordinated phrase of their own, not part of the phrase they hang on.
_PHRASE_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc"})
# Chains of inherited subjects longer than this are parse noise.
_MAX_CHAIN = 8


def is_verbal(token: Token) -> bool:
    return token.pos_ in _VERBAL or token.tag_.startswith("VB")


def own_subject(verb: Token) -> Token | None:
    """The verb's own subject; a dateline the parser took for one ("GAZA CITY, Palestinian Territories -
    Five people were killed") is not (actors/dateline.py)."""
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS
                 and not (c.text[:1].isupper() and in_dateline(c))), None)


def is_passive(verb: Token) -> bool:
    """A passive clause: its subject is the patient and its "by" phrase the agent."""
    if any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass", "agent") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        return True  # "protesters arrested by police"
    # "were arrested and charged": a bare participle coordinated with a passive shares its voice.
    return (verb.tag_ == "VBN" and verb.dep_ == "conj" and own_subject(verb) is None
            and not any(c.dep_ == "aux" for c in verb.children) and verb.head != verb
            and is_passive(verb.head))


def grammatical_subject(verb: Token, cues: Cues) -> Token | None:
    """The head of the verb's subject, its own or inherited from the clause it depends on."""
    token = verb
    for _ in range(_MAX_CHAIN):
        subject = own_subject(token)
        governor, dep = token.head, token.dep_
        if subject is not None:
            if dep == "relcl" and subject.text.lower() in cues.relative_pronouns and governor != token:
                return governor
            return subject
        if governor == token:
            return None
        if dep in ("relcl", "acl"):
            if governor.pos_ not in _NOMINAL:
                return None
            if any(c.dep_ == "aux" and c.text.lower() == "to" for c in token.children):
                # "Iran's decision to withdraw": the possessor decides and withdraws.
                owner = next((c for c in governor.children if c.dep_ == "poss"), None)
                if owner is not None:
                    return owner
            return governor
        if dep == "xcomp":
            # Object control: "urged Iran to halt", "called on Russia to withdraw" -> the object acts;
            # otherwise the governor's subject does.
            controller = _object(governor, token, cues.controller_preps)
            if controller is not None:
                return controller
        elif dep == "pcomp":
            # "accused Pakistan of shelling": the governing verb's object shells; "attacked the convoy
            # after seizing the town": its subject seizes.
            prep, governor = governor, governor.head
            if not is_verbal(governor):
                return None
            if prep.text.lower() in cues.object_control_preps:
                controller = _object(governor, prep, frozenset())
                if controller is not None:
                    return controller
        elif dep not in ("advcl", "conj", "acomp") or (dep == "conj" and not is_verbal(governor)):
            return None
        elif dep == "advcl" and token.tag_ == "VBG" and is_passive(governor) and not any(
                c.dep_ == "mark" for c in token.children):
            # "A camp was attacked by militiamen, killing 156": the agent does it; "five people were
            # killed, sparking protests": who was killed does not, and without an agent no one is named.
            found = agents(governor)
            return found[0] if found else None
        token = governor
    return None


def _object(verb: Token, before: Token, preps: frozenset[str]) -> Token | None:
    """The verb's direct or indirect object, or the object of one of ``preps`` on it, before ``before``."""
    for child in verb.children:
        if child.i >= before.i:
            break
        if child.dep_ in ("dobj", "dative"):
            return child
        if child.dep_ == "prep" and child.text.lower() in preps:
            found = next((g for g in child.children if g.dep_ == "pobj"), None)
            if found is not None:
                return found
    return None


def agents(verb: Token) -> list[Token]:
    """Heads of the "by" phrase of a passive verb."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def verb_roles(verb: Token, cues: Cues) -> tuple[list[Token], Token | None]:
    """(source heads, patient head): the agent side, and the subject when the verb is passive."""
    subject = grammatical_subject(verb, cues)
    if is_passive(verb):
        found = agents(verb)
        if not found:
            # "were arrested and charged by police": one "by" phrase after coordinated participles.
            found = [a for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN" for a in agents(c)]
        return found, subject
    return ([subject] if subject is not None else []), None


def direct_objects(verb: Token, cues: Cues, *, skip: Token | None = None) -> list[Token]:
    """The verb's target when its pattern names no preposition: indirect object first ("gave Ukraine
    arms"), else the direct object, else a proper name the parser attached as npadvmod ("visited
    Baghdad"), else the noun a relative clause with an object gap modifies ("the base rebels attacked")."""
    children = [c for c in verb.children if c != skip]
    for deps in (("dative",), ("dobj",)):
        found = [c for c in children if c.dep_ in deps]
        if found:
            return [_unrelative(verb, found[0], cues)]
    for child in children:
        if child.dep_ == "npadvmod" and child.pos_ == "PROPN" and child.ent_type_ not in ("DATE", "TIME"):
            return [child]
    if verb.dep_ == "relcl" and verb.head != verb:
        subject = own_subject(verb)
        if subject is not None and subject.text.lower() not in cues.relative_pronouns and not is_passive(verb):
            return [verb.head]
    return []


def _unrelative(verb: Token, obj: Token, cues: Cues) -> Token:
    if verb.dep_ == "relcl" and obj.text.lower() in cues.relative_pronouns and verb.head != verb:
        return verb.head
    return obj


def prep_objects(anchors: Iterable[Token], preps: Iterable[str]) -> tuple[list[Token], list[Token]]:
    """(objects, preposition tokens) of the prepositions among ``preps`` hanging on the anchors, leaving
    out times ("imposed sanctions on Iran on Monday": the target is Iran, not Monday)."""
    wanted = {p.lower() for p in preps}
    objects: list[Token] = []
    found: list[Token] = []
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ not in ("prep", "agent", "dative") or child.text.lower() not in wanted:
                continue
            heads = [g for g in child.children if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in _TIMES]
            if heads and child not in found:
                objects.extend(heads)
                found.append(child)
    return objects, found


def required_object(verb: Token, lemmas: set[str], cues: Cues, particles: Iterable[str] = ()) -> Token | None:
    """The verb's object (passive subject, attribute) whose lemma is one of ``lemmas``, looking through
    a measure word ("provided 25,000 tons of aid", "lifted a state of emergency"), or the object of one of
    the pattern's ``particles`` when it is a preposition on the verb ("go on ~strike", "take to ~street",
    "beat to ~death")."""
    preps = {p.lower() for p in particles}
    for child in verb.children:
        if child.dep_ == "prep" and child.text.lower() in preps:
            objects = [g for g in child.children if g.dep_ == "pobj"]
        elif child.dep_ in ("dobj", "nsubjpass", "attr"):
            objects = [child]
        else:
            continue
        for candidate in (c for obj in objects for c in (obj, _measured(obj, cues))):
            if candidate is not None and (candidate.lemma_.lower() in lemmas or candidate.text.lower() in lemmas):
                return candidate
    return None


def _measured(noun: Token, cues: Cues) -> Token | None:
    """ "a wave of attacks" -> "attacks": the "of" object of a measure or quantity noun."""
    if cues.lemma(noun) not in cues.measure_nouns and noun.text.lower() not in cues.measure_nouns:
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.text.lower() == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def stranded(verb: Token, preps: str) -> bool:
    """Whether one of the prepositions ("on|at") hangs on the verb without an object ("were fired on")."""
    wanted = set(preps.split("|"))
    return any(c.dep_ == "prep" and c.text.lower() in wanted and not any(True for _ in c.children)
               for c in verb.children)


def right_shared_object(verb: Token) -> list[Token]:
    """ "attacked and looted the town": the object written once, after the last of coordinated verbs."""
    for child in verb.children:
        if child.dep_ == "conj" and is_verbal(child) and child.i > verb.i and own_subject(child) is None:
            objects = [g for g in child.children if g.dep_ == "dobj"]
            if objects:
                return objects
    return []


def clause_subjects(verb: Token, cues: Cues) -> list[Token]:
    """Subjects of the verb's finite clausal complements ("demanded that North Korea abandon ...")."""
    found = []
    for child in verb.children:
        if child.dep_ == "ccomp":
            subject = own_subject(child)
            if subject is not None and subject.dep_ == "nsubj" and subject.text.lower() not in cues.relative_pronouns:
                found.append(subject)
    return found


def particle_token(head: Token, word: str) -> Token | None:
    """A required word of a pattern ("down" in "crack down") hanging on the head, in any role but subject."""
    for child in head.children:
        if child.dep_ not in SUBJECT_DEPS and (child.text.lower() == word or child.lemma_.lower() == word):
            return child
    return None


def conjuncts(head: Token, limit: int) -> list[Token]:
    """The head and the heads coordinated with it ("Iran and Iraq", "A, B and C"), at most ``limit``. A
    proper name in apposition to a proper name, where either has conjuncts, is a list item the parser
    misread ("The US, Russia, and Switzerland": "Russia" hangs on "US" as an apposition)."""
    found: list[Token] = []
    stack = [head]
    while stack and len(found) < limit:
        token = stack.pop(0)
        found.append(token)
        listed = any(c.dep_ == "conj" for c in token.children)
        stack.extend(c for c in token.children if (c.dep_ == "conj" and c.pos_ in _NOMINAL) or (
            c.dep_ == "appos" and c.pos_ == "PROPN" and token.pos_ == "PROPN"
            and (listed or any(g.dep_ == "conj" for g in c.children))))
    return sorted(found, key=lambda t: t.i)


def unpartitive(head: Token, cues: Cues) -> Token | None:
    """ "dozens of protesters" -> "protesters": the "of" object of a quantity or group head."""
    lemma = cues.lemma(head)
    if head.pos_ != "NUM" and head.text.lower() not in cues.partitive_heads and lemma not in cues.partitive_heads:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.text.lower() == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def has_coordinated_modifier(head: Token) -> bool:
    """Whether a modifier before the head has a conjunct ("French and German diplomats")."""
    return any(c.i < head.i and c.dep_ in ("amod", "compound", "nmod") and any(g.dep_ == "conj" for g in c.children)
               for c in head.children)


def appositions(head: Token) -> list[Token]:
    return [c for c in head.children if c.dep_ == "appos"]


def noun_agent_groups(noun: Token, target_preps: Iterable[str]) -> Iterator[list[Token]]:
    """Candidate source heads of an event noun, most telling first: possessive ("Iran's attack"), a "by"
    or "from" phrase, an "of" phrase, each unless it introduces the target, then proper-name or
    nationality modifiers ("an Israeli airstrike", "a NATO summit"), also on a compound modifier
    ("Israeli tank shelling")."""
    wanted = {p.lower() for p in target_preps}
    children = list(noun.children)
    yield [c for c in children if c.dep_ == "poss"]
    for prep in ("by", "from", "of"):
        if prep in wanted:
            continue
        yield [g for c in children if c.dep_ in ("prep", "agent") and c.text.lower() == prep
               for g in c.children if g.dep_ == "pobj"]
    modifiers = [c for c in children if c.i < noun.i and c.dep_ in _MODIFIER_DEPS]
    named = [c for c in modifiers if c.ent_type_ in _MODIFIER_ENTS or c.pos_ == "PROPN"]
    # "Israeli tank shelling", "Turkish artillery fire": the nationality may hang on a compound modifier.
    named += [g for c in modifiers if c.dep_ == "compound" and c not in named for g in c.children
              if g.i < c.i and g.dep_ in _MODIFIER_DEPS and (g.ent_type_ in _MODIFIER_ENTS or g.pos_ == "PROPN")]
    yield sorted(named, key=lambda t: t.i)


def host_verb(noun: Token, cues: Cues) -> tuple[Token, ...] | None:
    """The light verb that carries an event noun ("undertook a visit", "talks were held", "took part in
    talks"), followed by the other words of its phrase ("part", "in"); None when the noun stands alone."""
    head = noun.head
    if head == noun:
        return None
    if noun.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN"):
        return host_verb(head, cues)  # "announced asset freezes and travel bans": both carried by "announced"
    if noun.dep_ == "pobj" and head.text.lower() == "of" and head.head != head and _measured(head.head, cues) == noun:
        noun, head = head.head, head.head.head  # "launched a wave of attacks on": the wave stands in
    if noun.dep_ in ("dobj", "nsubjpass") and is_verbal(head):
        return (head,) if cues.lemma(head) in cues.light_verbs else None
    if noun.dep_ != "pobj" or head.dep_ != "prep":
        return None
    verb = head.head
    if not is_verbal(verb) and verb.dep_ == "dobj" and is_verbal(verb.head):
        verb = verb.head  # "took part in talks" may hang "in" on "part"
    if not is_verbal(verb):
        return None
    lemma = cues.lemma(verb)
    for phrase in cues.prep_hosts:
        if phrase.head != lemma or not phrase.words or phrase.words[-1] != head.text.lower():
            continue
        middle = [c for c in verb.children if c.text.lower() in phrase.words[:-1]]
        if len(middle) == len(phrase.words) - 1:
            return (verb, *middle, head)
    return None


def means_of(noun: Token) -> int | None:
    """The verb a noun is the doer of, as its subject or its passive's "by" phrase ("airstrikes killed
    ten", "were killed by tank fire"): the index of the verb, or None."""
    if noun.dep_ == "nsubj" and noun.head != noun:
        return noun.head.i
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent" and noun.head.head != noun.head:
        return noun.head.head.i
    return None


def receiving_verb(noun: Token, cues: Cues) -> Token | None:
    """The verb an event noun is the object of when the noun's actor gives it to the verb's subject
    ("received assurances from", "won a pledge from"); None otherwise."""
    if noun.dep_ == "conj" and noun.head != noun and noun.head.pos_ in ("NOUN", "PROPN"):
        return receiving_verb(noun.head, cues)  # "received aid and assurances from"
    head = noun.head
    if noun.dep_ == "dobj" and head != noun and is_verbal(head) and cues.lemma(head) in cues.receiving_verbs:
        return head
    return None


def destinations(noun: Token, cues: Cues) -> list[Token]:
    """Where a movement noun goes ("travel to Canada", "flights into Iraq"): a place, not a party."""
    if cues.lemma(noun) not in cues.movement_nouns:
        return []
    return prep_objects([noun], cues.directional_preps)[0]


def adverbial_verb(noun: Token, cues: Cues) -> Token | None:
    """The verb of the clause an event noun is an adverbial of ("during talks with X, Y said")."""
    head = noun.head
    if noun.dep_ != "pobj" or head.dep_ != "prep" or head.text.lower() not in cues.adverbial_preps:
        return None
    verb = head.head
    return verb if verb != head and is_verbal(verb) else None


def describes_participant(verb: Token) -> bool:
    """Whether a verb's clause only describes a noun of the sentence rather than reporting news: a relative
    clause in the perfect ("the minister, whom they had taken hostage"; "the militia that has taken
    two towns"), or a participle modifying a noun without a "by" phrase ("a member of Hamas jailed a
    year ago", "officials accused of war crimes")."""
    noun = verb.head
    if noun == verb or noun.pos_ not in _NOMINAL:
        return False
    if noun.head != noun and any(c.dep_ == "expl" for c in noun.head.children):
        return False  # "there were ten soldiers killed": the participle is what the sentence reports
    if verb.dep_ in ("relcl", "acl") and verb.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "agent" for c in verb.children)


def in_adverbial(noun: Token, preps: frozenset[str], events: frozenset[int] = frozenset()) -> bool:
    """Whether an event noun sits in an adverbial phrase of a clause ("after two days of fighting", "in
    protest of the arrest", "during clashes with police"): the object of one of ``preps`` on a verb, or
    on another event noun (``events``: "a hunger strike in protest of the refusal"), directly or through
    "of" and coordination."""
    token = noun
    for _ in range(_MAX_CHAIN):
        if token.dep_ == "conj" and token.head != token:
            token = token.head
            continue
        if token.dep_ != "pobj":
            return False
        prep = token.head
        if prep.dep_ != "prep" or prep.head == prep:
            return False
        head = prep.head
        if prep.text.lower() == "of" and head.pos_ in _NOMINAL:
            token = head  # "12 days of battles", "in protest of the arrest": the phrase the "of" hangs on
            continue
        return (is_verbal(head) or head.i in events) and prep.text.lower() in preps
    return False


def phrase_span(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head``: its modifiers, without clauses,
    coordination, appositions or prepositional phrases other than "of"; widened to a named entity
    the head is part of."""
    tokens = [head]
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in _SPAN_SKIP and not (child.dep_ == "prep" and child.text.lower() == "of"):
                continue
            tokens.append(child)
            stack.append(child)
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    if head.ent_iob_ != "O" and head.ent_type_:
        for ent in head.sent.ents:
            if ent.start <= head.i < ent.end:
                start, end = min(start, ent.start_char), max(end, ent.end_char)
                break
    return start, end


def phrase_words(token: Token) -> list[tuple[int, int]]:
    """Character spans of the words of a phrase with its modifiers and prepositional phrases
    ("demonstrators in Baghdad"), without the clauses or coordinated phrases hanging on it."""
    found = [token]
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ not in _PHRASE_CLAUSE_DEPS:
                found.append(child)
                stack.append(child)
    return [(t.idx, t.idx + len(t.text)) for t in found]


def depth(token: Token) -> int:
    """Number of arcs from the token up to its sentence's root."""
    steps = 0
    while token.head != token and steps < 200:
        token = token.head
        steps += 1
    return steps


def reports_on(token: Token, governor: Token) -> bool:
    """Whether ``token`` sits under ``governor`` other than in its subject, or ``governor`` reports on
    the clause of ``token`` ("Troops shelled the town, officials said" may hang "said" on "shelled")."""
    if governor.head == token and governor.dep_ in ("parataxis", "ccomp", "advcl"):
        return True
    child = token
    for _ in range(200):
        head = child.head
        if head == child:
            return False
        if head == governor:
            return child.dep_ not in SUBJECT_DEPS
        child = head
    return False
