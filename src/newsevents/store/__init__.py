"""The event store: ingest, deduplicate, query, export (DuckDB). See docs/store.md."""

from __future__ import annotations

from .eventstore import EventStore, open
from .export import FORMATS as EXPORT_FORMATS
from .filters import MODALITIES, EventFilter, Near
from .gdelt import gdelt_columns, gdelt_names
from .ingest import IngestSummary, Outcome
from .polecat import polecat_columns, polecat_names

__all__ = ["EXPORT_FORMATS", "MODALITIES", "EventFilter", "EventStore", "IngestSummary", "Near", "Outcome",
           "gdelt_columns", "gdelt_names", "open", "polecat_columns", "polecat_names"]
