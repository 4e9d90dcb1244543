"""The HTTP API: ``create_app(store, settings, pipeline_factory)``; run by ``newsevents serve``."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
