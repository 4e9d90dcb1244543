"""Serving the API with every wait bounded: ``uvicorn_config(app, settings.serve)``.

uvicorn closes an idle keep-alive connection (``serve.keepalive_timeout_s``) and caps open connections
(``serve.max_connections``: a request beyond that is answered 503 at once), but it waits for a
request's headers and body for as long as the client likes, so 300 clients that each send half a
request line hold 300 connections forever (issue 7). ``Deadlines`` (uvicorn's h11 protocol plus two
timers) closes them:

- headers: the request line and headers must all arrive within ``serve.header_timeout_s`` of the
  connection opening, or of the previous response on a kept-alive connection;
- body: the body must all arrive within ``serve.body_timeout_s`` of the headers.

A connection past either deadline that has sent something is answered 408 with the API's error
shape, then closed; one that sent nothing is just closed. The time the application takes to answer
is not limited here (coding a long article may take seconds).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any, ClassVar, Literal

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..errors import UsageError
from ..settings import ServeSettings

_log = logging.getLogger("uvicorn.error")
Phase = Literal["headers", "body"]


class Deadlines(H11Protocol):
    """uvicorn's h11 protocol with a deadline for a request's headers and another for its body."""

    header_timeout_s: ClassVar[float] = 10.0
    body_timeout_s: ClassVar[float] = 30.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._timer: asyncio.TimerHandle | None = None
        self._phase: Phase | None = None
        self._heard = False  # bytes of the current request have arrived
        super().connection_made(transport)
        self._watch()

    def data_received(self, data: bytes) -> None:
        self._heard = self._heard or bool(data)
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        self._heard = False
        self._phase = None  # the next request's headers get a deadline of their own, from now
        super().on_response_complete()
        self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop()
        super().connection_lost(exc)

    def _watch(self) -> None:
        """Arm the deadline of the phase the request is in, or none once it has all arrived."""
        if self.transport.is_closing():
            self._stop()
            return
        state = self.conn.their_state
        phase: Phase | None = "headers" if state is h11.IDLE else "body" if state is h11.SEND_BODY else None
        if phase == self._phase:
            return
        self._stop()
        self._phase = phase
        if phase is not None:
            timeout = self.header_timeout_s if phase == "headers" else self.body_timeout_s
            self._timer = self.loop.call_later(timeout, self._expired, phase)

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._phase = None

    def _expired(self, phase: Phase) -> None:
        self._timer = None
        if self.transport.is_closing():
            return
        cycle = self.cycle if phase == "body" else None
        answer = self._heard and (cycle is None or not cycle.response_started)
        if answer:
            setting, seconds = ((f"serve.{phase.replace('headers', 'header')}_timeout_s",
                                 self.header_timeout_s if phase == "headers" else self.body_timeout_s))
            message = (f"the request's {phase} did not all arrive within {seconds:g} s ({setting}); "
                       "send the whole request without pausing")
            body = json.dumps({"code": UsageError.code, "message": message}).encode("utf-8")
            self.transport.write(b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
                                 b"connection: close\r\ncontent-length: " + str(len(body)).encode() + b"\r\n\r\n"
                                 + body)
        if cycle is not None:  # the application waiting for the rest of the body hears a disconnect
            cycle.disconnected = True
            cycle.message_event.set()
        _log.info("closed a connection from %s: its request %s took longer than allowed",
                  f"{self.client[0]}:{self.client[1]}" if self.client else "?", phase)
        self.transport.close()


def deadlines(settings: ServeSettings) -> type[Deadlines]:
    """The protocol class with the settings' deadlines (uvicorn instantiates it per connection)."""
    return type("ServeDeadlines", (Deadlines,), {"header_timeout_s": settings.header_timeout_s,
                                                  "body_timeout_s": settings.body_timeout_s})


def uvicorn_config(app: Any, settings: ServeSettings, **options: Any) -> uvicorn.Config:
    """uvicorn's Config for ``app`` with the deadlines and the connection cap of ``settings``."""
    return uvicorn.Config(app, host=settings.host, port=settings.port, http=deadlines(settings), ws="none",
                          lifespan="off", timeout_keep_alive=settings.keepalive_timeout_s,
                          limit_concurrency=settings.max_connections, **options)
