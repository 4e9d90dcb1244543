"""The HTTP API's request and response bodies (pydantic at the edge, frozen records inside)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..read.content import UTF8_BOM
from ..types import Document


class ArticleIn(BaseModel):
    """An article to code and store: its text (taken as clean), its HTML page, or its URL to fetch."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, min_length=1, max_length=200, description="Your id for it; by default one is "
                           "made from the content's hash.")
    text: str | None = Field(None, min_length=1, description="The article text; offsets in the answer index it.")
    html: str | None = Field(None, min_length=1, description="Or the article's HTML page, to be extracted.")
    url: str | None = Field(None, max_length=2000, description="Where it was published; given alone, the "
                            "server fetches the page from it.")
    title: str | None = Field(None, max_length=1000)
    date: dt.date | None = Field(None, description="Publication date (YYYY-MM-DD): relative dates resolve against it.")

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if self.text is not None and self.html is not None:
            raise ValueError("give one of text or html, not both")
        if self.text is None and self.html is None and not self.url:
            raise ValueError("give the article's text or html, or its url alone for the server to fetch it")
        return self

    @property
    def to_fetch(self) -> bool:
        """Only a URL was given: the server fetches the page (read.http_* settings bound the wait)."""
        return self.text is None and self.html is None

    def document(self) -> Document:
        content = (self.text if self.text is not None else self.html or "").encode("utf-8")
        doc_id = self.id or "api-" + hashlib.sha256(content).hexdigest()[:16]
        if self.html is not None:
            # The page arrives decoded (JSON text): the BOM tells the reader so, whatever charset its <meta>
            # declares, as for a JSON Lines record's html (read/content.py).
            content = UTF8_BOM + content
        return Document(doc_id=doc_id, source=self.url or f"api:{doc_id}", content=content,
                        kind="clean" if self.text is not None else "html", url=self.url, title=self.title,
                        published=self.date)


class EventsPage(BaseModel):
    total: int = Field(description="Events matching the filters, over every page.")
    limit: int
    offset: int
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page.")
    events: list[dict[str, Any]]


class ArticleStored(BaseModel):
    doc_id: str = Field(description="The stored article's id (GET /articles/{doc_id}).")
    status: str = Field(description="stored, or duplicate/skipped when the article was stored before.")
    events: list[dict[str, Any]] = Field(description="The event mentions coded in it, with their event ids.")


class ErrorOut(BaseModel):
    """Every error the API answers: a code of newsevents.errors and a message saying what to do."""

    code: str = Field(description="A stable code (E001 invalid request, E005 not found, E900 unexpected...).",
                      examples=["E005"])
    message: str = Field(description="What went wrong and what to do about it, in one line.")
    field: str | None = Field(None, description="For a validation error: the field at fault (query.limit, "
                              "body.text).")
