"""Events that are the content of another event, not reports of their own.

- Allegations: "Kyiv claimed that Russian units had shelled Kharkiv" is the speaker's accusation against Russia,
  not an attack the text reports as fact (CAMEO 112, "accuse"; PLOVER ACCUSE). A conflict event (the
  roots in cues.yaml ``allegation_roots``: threats, force posture, coercion and violence) in the finite
  complement of an allegation verb (``allegation_verbs``: claim, allege, charge, contend) by a speaker
  who is not on the doer's side becomes one accusation per allegation verb: the speaker as source, the
  event's doer as target. The event itself is not coded: the text does not assert it. Where the speaker
  claims its own side's act ("Israel claimed that its troops had killed the commander") the claim is a
  report, and the act is coded as usual; so is an allegation whose speaker or doer is not named, and
  one made by the news media, which report rather than accuse.
- What someone is accused of: "accused the ministry of torturing detainees", "charged him with
  supporting dissidents" (``accusing_verbs`` with "of" / "with"): the accusation is the event; the act
  is alleged, not reported.
- A protest's demands: "blocked roads to demand reforms", "staged a hunger strike demanding the return
  of land": PLOVER codes protests that make requests as PROTEST only (PLOVER codebook, REQUEST: "Protests
  (including protests making requests) are coded under a separate PROTEST category"), so a demand
  (``demand_roots``) in a purpose or participle clause of a protest (``protest_roots``) is not coded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Token

from ..types import Actor
from . import arguments as args
from .cues import Cues
from .match import Match
from .patterns import Pattern

# Sectors of a state speaking for itself: a country's government, forces, police, courts and
# legislature claim its acts as its own ("Israel claimed that Israeli troops ...").
_STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
# A news report's claim reports; it accuses no one ("the agency's report claimed that X was detained").
_REPORTERS = frozenset({"MED"})
# Conjunct chains longer than this are parse noise.
_MAX_CHAIN = 6

ActorOf = Callable[[Sequence[Token]], Actor | None]


def alleged(matches: Iterable[Match], cues: Cues, actor_of: ActorOf) -> list[Match]:
    """The matches with every alleged conflict event replaced by the speaker's accusation of its doer."""
    out: list[Match] = []
    made: set[int] = set()
    for match in matches:
        verb = allegation_verb(match.clause, cues)
        if verb is None or not match.pattern.code.startswith(cues.allegation_roots):
            out.append(match)
            continue
        speakers = args.verb_roles(verb, cues)[0]
        doers = next((group for group in match.sources if actor_of(group) is not None), ())
        speaker = actor_of(speakers)
        doer = actor_of(doers) if doers else None
        if speaker is None or doer is None or speaker.sector in _REPORTERS or same_side(speaker, doer):
            out.append(match)
            continue
        if verb.i in made:
            continue  # "claimed that the rebels had shelled the town and taken the bridge": one accusation
        made.add(verb.i)
        lemma = cues.lemma(verb)
        pattern = Pattern(code=cues.allegation_code, kind="verb", lemma=lemma, text=f"{lemma} that (allegation)")
        out.append(Match(token=verb, pattern=pattern, words=(verb,), sources=(tuple(speakers),),
                         targets=tuple(doers), reciprocal=False, host=None, obj=None, complement=None))
    return out


def contents(matches: Iterable[Match], cues: Cues) -> list[Match]:
    """The matches without what an accusation accuses of and what a protest demands."""
    kept = list(matches)
    protests = {i for m in kept if m.pattern.code.startswith(cues.protest_roots) for i in (m.token.i, m.clause.i)}
    return [m for m in kept if not _accused_of(m.clause, cues)
            and not (m.pattern.code.startswith(cues.demand_roots) and _purpose_of(m.clause) in protests)]


def _accused_of(clause: Token, cues: Cues) -> bool:
    """Whether the clause says what someone is accused of ("accused X of violating", "charged with
    supporting"), through verbs coordinated under it."""
    token = _coordination_head(clause)
    if token.dep_ not in ("pcomp", "pobj") or token.head == token:
        return False
    prep = token.head
    if prep.dep_ != "prep" or prep.text.lower() not in ("of", "with") or prep.head == prep:
        return False
    return args.is_verbal(prep.head) and cues.lemma(prep.head) in cues.accusing_verbs


def _purpose_of(clause: Token) -> int | None:
    """The head a purpose or participle clause hangs on ("blocked roads to demand", "a protest demanding")."""
    if clause.dep_ in ("advcl", "xcomp", "acl") and clause.head != clause:
        return clause.head.i
    return None


def _coordination_head(token: Token) -> Token:
    for _ in range(_MAX_CHAIN):
        if token.dep_ == "conj" and token.head != token and args.own_subject(token) is None:
            token = token.head
            continue
        break
    return token


def allegation_verb(clause: Token, cues: Cues) -> Token | None:
    """The allegation verb whose finite complement holds ``clause`` ("claimed that X had attacked"),
    through verbs coordinated under it ("... attacked Iraq and taken Mosul")."""
    token = _coordination_head(clause)
    if token.dep_ != "ccomp" or token.head == token:
        return None
    verb = token.head
    return verb if args.is_verbal(verb) and cues.lemma(verb) in cues.allegation_verbs else None


def same_side(speaker: Actor, doer: Actor) -> bool:
    """Whether the speaker claims an act of its own side: the same actor, or the same state speaking
    through any of its organs."""
    if speaker.code == doer.code:
        return True
    return (speaker.country is not None and speaker.country == doer.country
            and speaker.sector in _STATE_SECTORS and doer.sector in _STATE_SECTORS)
