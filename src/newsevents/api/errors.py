"""Every answer the API gives for an error has one shape: ``{"code", "message"}``, plus ``"field"`` when
one request field is at fault (a validation error). Codes are those of newsevents.errors.

    ApiError(status, error)   what a route raises: one of our errors and the HTTP status to answer it with
    install(app, record)      the handlers: ApiError, our other errors, HTTP errors of routing itself (404,
                              405, 413), request validation (422), and anything unexpected: 500 with E900,
                              handed to ``record`` (the store's failures table) first
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (
    AccessError,
    InputTooLargeError,
    NewsEventsError,
    NotFoundError,
    QueryTimeoutError,
    StoreBusyError,
    StoreError,
    UsageError,
)
from ..types import Failure
from .models import ErrorOut

INTERNAL_ERROR = "E900"
_log = logging.getLogger("newsevents.api")

# The code an HTTP error of Starlette's own (no route, wrong method, body too large) is answered with.
_CODE_OF_STATUS = {401: AccessError.code, 403: AccessError.code, 404: NotFoundError.code,
                   413: InputTooLargeError.code}


class ApiError(Exception):
    """One of our errors, to be answered with ``status`` (and ``headers``)."""

    def __init__(self, status: int, error: NewsEventsError, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(error.message)
        self.status = status
        self.error = error
        self.headers = dict(headers or {})


def error_body(code: str, message: str, field: str | None = None) -> dict[str, str]:
    body = {"code": code, "message": message}
    if field is not None:
        body["field"] = field
    return body


def status_of(error: NewsEventsError) -> int:
    """The status for one of our errors met while answering (not chosen by the route)."""
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, QueryTimeoutError | StoreBusyError | StoreError):
        return 503  # the store is busy or cannot answer now: the same request may succeed later
    if isinstance(error, UsageError):
        return 422
    return 500


def install(app: FastAPI, record: Callable[[Failure], None] | None) -> None:
    """Register the handlers; ``record`` stores an unexpected error as a failure (None: log it only)."""

    async def api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return JSONResponse(error_body(exc.error.code, exc.error.message), exc.status, headers=exc.headers or None)

    async def our_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, NewsEventsError)
        status = status_of(exc)
        if status == 500:
            return await unexpected(request, exc)
        return JSONResponse(error_body(exc.code, exc.message), status)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = _CODE_OF_STATUS.get(exc.status_code, UsageError.code)
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = f"there is no {request.method} {request.url.path} in this API; /docs lists its paths"
        elif exc.status_code == 400 and request.method == "POST":  # FastAPI could not decode the body
            message = "the request body is not JSON text in UTF-8; send one JSON object (see /docs)"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}; /docs lists the methods of each path"
        else:
            message = str(exc.detail)
        return JSONResponse(error_body(code, message), exc.status_code, headers=exc.headers)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = list(exc.errors())
        first = errors[0] if errors else {"loc": (), "msg": "the request is not valid"}
        field = ".".join(str(part) for part in first.get("loc", ()))
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        where = f"{field}: " if field else ""
        return JSONResponse(error_body(UsageError.code, f"{where}{first.get('msg')}{more}; /docs says what each "
                                       "field takes", field or None), 422)

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        what = f"{request.method} {request.url.path}"
        failure = Failure(source=f"api:{what}", code=INTERNAL_ERROR,
                          message=f"{type(exc).__name__}: {exc}"[:2000])
        recorded = False
        if record is not None:
            try:
                await run_in_threadpool(record, failure)
                recorded = True
            except Exception:  # noqa: BLE001 - the answer below says it was not recorded; the log has why
                _log.exception("could not record the failure of %s in the store", what)
        where = ("it is recorded in the store's failures table (newsevents failures)" if recorded
                 else "it could not be recorded in the store; the server's log has it")
        return JSONResponse(error_body(INTERNAL_ERROR, f"the server met an unexpected error ({type(exc).__name__}) "
                                       f"answering {what}; {where}: please report it"), 500)

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(NewsEventsError, our_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(Exception, unexpected)


def error_responses() -> dict[int | str, dict[str, Any]]:
    """The OpenAPI description of the error answers, shared by every route."""
    return {
        400: {"model": ErrorOut, "description": "A body that is not JSON text in UTF-8 (E001)"},
        404: {"model": ErrorOut, "description": "No such event, article or path (E005)"},
        # The body limit is enforced before routing, on every path: a request of any route may meet it.
        413: {"model": ErrorOut, "description": "A request body over serve.max_request_bytes (E102)"},
        422: {"model": ErrorOut, "description": "A parameter or body field is not valid (E001, with the field)"},
        500: {"model": ErrorOut, "description": "An unexpected error (E900), recorded in the store's failures"},
        503: {"model": ErrorOut, "description": "The store is busy or cannot answer now (E501, E500)"},
    }
