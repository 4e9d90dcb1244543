"""The event store: ingest, deduplicate, query, export (DuckDB). See docs/store.md."""

from __future__ import annotations

from .eventstore import EventStore, open
from .export import FORMATS as EXPORT_FORMATS
from .filters import EventFilter, Near
from .gdelt import gdelt_columns, gdelt_names
from .ingest import IngestSummary, Outcome

__all__ = ["EXPORT_FORMATS", "EventFilter", "EventStore", "IngestSummary", "Near", "Outcome", "gdelt_columns",
           "gdelt_names", "open"]
