"""Actors: who can act in an article, resolved to {text, name, country, sector, code}.

    ActorKnowledge.load(countries, extra_files)  the dictionaries, loaded once per process
    ActorResolver(knowledge, places=None)        .analyse(doc, published) -> DocActors
                                                 .resolve_head(token, doc_actors) -> Actor | None
    places: an optional town lookup (the geo stage's ``Gazetteer.lookup``), see ``places.PlaceLookup``
"""

from .context import DocActors
from .knowledge import ActorKnowledge, KnownActor, People, Role
from .places import PlaceLookup
from .resolver import ActorResolver

__all__ = ["ActorKnowledge", "ActorResolver", "DocActors", "KnownActor", "People", "PlaceLookup", "Role"]
