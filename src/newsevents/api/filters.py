"""The event filters every read endpoint takes, as query parameters (store/filters.py says what each means)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Query

from ..errors import UsageError
from ..store import EventFilter
from .errors import ApiError


def event_filters(
    actor: Annotated[str | None, Query(min_length=1, max_length=100,
                                       description="Actor code prefix or part of a name.")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$",
                                         description="ISO 3166 alpha-3: source, target or place.")] = None,
    dyad: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{1,15}:[A-Za-z0-9]{1,15}$",
                                      description="SOURCE:TARGET, each a country or actor code.")] = None,
    plover: Annotated[str | None, Query(alias="type", pattern=r"^[A-Za-z_-]{1,40}$",
                                        description="PLOVER event type.")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{1,4}$", description="CAMEO code prefix.")] = None,
    since: Annotated[date | None, Query(description="First event date, inclusive.")] = None,
    until: Annotated[date | None, Query(description="Last event date, inclusive.")] = None,
    near: Annotated[str | None, Query(pattern=r"^-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d+(\.\d+)?$",
                                      description="LAT,LON,KM: events within KM kilometres.")] = None,
    quad: Annotated[str | None, Query(pattern=r"^[1-4](,[1-4]){0,3}$",
                                      description="Quad classes, commas between: 1 verbal cooperation, "
                                      "2 material cooperation, 3 verbal conflict, 4 material conflict.")] = None,
    modality: Annotated[str | None, Query(pattern=r"^[a-z]{3,12}(,[a-z]{3,12}){0,3}$",
                                          description="asserted, negated, future, hypothetical (commas "
                                          "between) or all.")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="Words, each of which must occur "
                                   "in an actor's or the place's name or the evidence sentence.")] = None,
) -> dict[str, Any]:
    """The filters shared by /events, /actors, /stats/* and /export, checked as a whole."""
    filters: dict[str, Any] = {"actor": actor, "country": country, "dyad": dyad, "type": plover, "cameo": cameo,
                               "since": since, "until": until, "near": near,
                                "quad": quad, "modality": modality, "text": q}
    try:
        EventFilter.parse(**filters)
    except UsageError as exc:
        raise ApiError(422, exc) from None
    return filters


Filters = Annotated[dict[str, Any], Depends(event_filters)]
