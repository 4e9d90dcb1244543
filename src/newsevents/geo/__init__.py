"""Where: toponyms resolved against an offline gazetteer, and the place of each event.

    gazetteer = Gazetteer.load(countries, settings.geo)      # once per process
    geocoder = Geocoder(gazetteer)
    places = geocoder.places(doc, doc_actors)                 # every place mention, in text order
    where = geocoder.locate(coded_event, doc, places, doc_actors)

Method, sources and known weak spots: docs/geo.md.
"""

from __future__ import annotations

from .gazetteer import Entry, Gazetteer, Match
from .toponyms import Geocoder

__all__ = ["Entry", "Gazetteer", "Geocoder", "Match"]
