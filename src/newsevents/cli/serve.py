"""`newsevents serve`: the HTTP API over a store (see newsevents.api and docs/store.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ._store_options import DB_OPTION
from .common import CONFIG_OPTION, build_settings

if TYPE_CHECKING:
    from ..api.app import PipelineLike
    from ..settings import Settings
    from ..store import EventStore


def serve(
    db: Path | None = DB_OPTION,
    host: str | None = typer.Option(None, "--host", metavar="ADDRESS",
                                    help="Address to listen on (default serve.host, 127.0.0.1)."),
    port: int | None = typer.Option(None, "--port", min=1, max=65535, metavar="PORT",
                                    help="Port (default serve.port, 8000)."),
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Serve the store over HTTP. POST /articles needs serve.token (or $NEWSEVENTS_API_TOKEN)."""
    import uvicorn  # only this command needs the server

    from ..api import create_app
    from ..api.server import uvicorn_config
    from ..store import open as open_store

    settings = build_settings(config, extra={"store": {"path": db}, "serve": {"host": host, "port": port}})
    path = settings.store.path
    # Open for writing whenever the file allows it: the file is then held for writing only while a POST
    # or an unexpected error's failure record is written, so other processes read it meanwhile. Without a
    # token, a store that does not exist yet is not created (a mistyped --db would serve an empty one).
    if isinstance(path, str):  # a PostgreSQL URL: writable if the role may write, else served read-only
        store = _open_server(path, settings)
    else:
        writable = os.access(path, os.W_OK) if path.exists() else settings.serve.token is not None
        store = open_store(path, read_only=not writable, settings=settings.store)

    def pipeline() -> PipelineLike:
        from ..pipeline import Pipeline  # the spaCy model loads on the first POST, not at start-up

        return Pipeline(settings)

    try:
        uvicorn.Server(uvicorn_config(create_app(store, settings, pipeline), settings.serve,
                                      log_level="info")).run()
    finally:
        store.close()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def _open_server(url: str, settings: Settings) -> EventStore:
    from ..errors import StoreError
    from ..store import open as open_store

    try:
        return open_store(url, read_only=False, settings=settings.store)
    except StoreError:  # a role that may only read (E007, psycopg missing, is a usage error and goes up)
        return open_store(url, read_only=True, settings=settings.store)
