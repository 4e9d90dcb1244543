"""Actors: who can act in an article, resolved to {text, name, country, sector, code}.

    ActorKnowledge.load(countries, extra_files)  the dictionaries, loaded once per process
    ActorResolver(knowledge)                     .analyse(doc, published) -> DocActors
                                                 .resolve_head(token, doc_actors) -> Actor | None
"""

from .context import DocActors
from .knowledge import ActorKnowledge, KnownActor, Role
from .resolver import ActorResolver

__all__ = ["ActorKnowledge", "ActorResolver", "DocActors", "KnownActor", "Role"]
