"""What the actor stage knows about one article, as plain data the later stages read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ..types import Actor, Mention


@dataclass(frozen=True, slots=True)
class DocActors:
    """The actors of one article.

    ``mentions``: every named-entity mention in text order, with its actor when it can act.
    ``aliases``: short forms seen in the article mapped to the actor of their full mention
    ("Blinken" -> the actor of "Antony Blinken"), for later mentions and coreference.
    ``main_country``: the country the article is mostly about (ISO3), for actors whose
    country is only implied ("police", "protesters").
    ``shadowed``: folded acronyms the article defines for an organisation of its own ("the Financial
    Services Agency (FSA)") that the dictionaries give to another one: here they never mean that one.
    """

    mentions: tuple[Mention, ...] = ()
    aliases: Mapping[str, Actor] = field(default_factory=dict)
    main_country: str | None = None
    published: date | None = None
    shadowed: frozenset[str] = frozenset()
