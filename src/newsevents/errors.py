"""Every error newsevents raises, in one tree, each with a stable code.

    NewsEventsError                 E000  base: catch this to catch everything of ours
    ├── UsageError                  E001  bad arguments or settings (CLI exit status 2)
    │   ├── SettingsError           E002  a settings file that cannot be read or is invalid
    │   ├── QueryRefusedError       E003  SQL that reaches past the store: files, extensions, writes
    │   ├── QueryTimeoutError       E004  a query stopped at store.sql_timeout_s
    │   ├── NotFoundError           E005  no such event, article or API path (HTTP 404)
    │   ├── AccessError             E006  the API refuses to write: no token configured, none or a wrong one sent
    │   └── MissingExtraError       E007  a feature's optional dependencies are not installed (names the extra)
    ├── InputError                  E100  an input could not be read
    │   ├── MissingInputError       E101  no such file or directory
    │   ├── InputTooLargeError      E102  over a configured size limit (read.max_bytes,
    │   │                                 read.http_max_bytes, nlp.max_chars)
    │   ├── BinaryInputError        E103  not text (NUL bytes, a known binary signature)
    │   ├── EncodingError           E104  not valid UTF-8 (or the declared charset), a charset that is not a
    │   │                                 WHATWG encoding label, or text whose encoding cannot be told
    │   ├── EmptyInputError         E105  nothing in it
    │   ├── JsonLinesError          E106  a line that is not a valid JSON Lines record (bad JSON, nested
    │   │                                 too deeply, a field of the wrong type)
    │   ├── FetchError              E107  a URL that could not be fetched (HTTP status, per-read timeout,
    │   │                                 total deadline read.http_deadline_s, connection error)
    │   ├── NotRegularFileError     E108  a FIFO, socket or device: never opened, since reading it can block
    │   ├── SymlinkLoopError        E109  a symbolic link that leads back to itself
    │   ├── BadUrlError             E110  a URL that cannot be parsed (a record's or a request's "url")
    │   ├── RobotsDisallowedError   E111  a site's robots.txt does not let newsevents fetch the page
    │   ├── FeedError               E112  a feed or a feed list that is not RSS, Atom, OPML or one URL a line
    │   └── ArchiveError            E113  a WARC record that is truncated or corrupt (the rest of the file
    │                                     goes on when it can be found again)
    ├── ExtractionError             E200  no article in the document
    │   ├── NoArticleError          E201  no main text found (empty page, navigation only)
    │   └── LanguageError           E202  not English: skipped rather than coded into garbage
    ├── ModelError                  E300  the spaCy model cannot be loaded
    ├── KnowledgeError              E400  a dictionary file (built-in or --actors) is malformed
    ├── StoreError                  E500  the event store cannot be opened, migrated or written
    │   └── StoreBusyError          E501  another process (named) held the store file past store.lock_wait_s
    ├── EvaluationError             E600  a gold file cannot be read
    └── ClusterError                E700  the Dask scheduler cannot be reached, or Parquet results cannot be
                                          written or read back

    E900 is not raised: a bug met while reading, extracting, parsing or coding one document becomes
    that document's Failure (code E900, the stage, the exception's type and message), so the rest of
    the batch goes on (``internal_message`` words it); a bug met while the HTTP API answers a request
    is answered 500 with code E900 and recorded in the store's failures table. Please report either.
    E901 is not raised either: a document whose worker process died under it (killed for memory, a crash
    in a C extension) becomes its Failure with code E901, and the rest of the run goes on (workers.py).

A message says what went wrong and what to do about it, in one line.
"""

from __future__ import annotations


class NewsEventsError(Exception):
    """Base of every newsevents error; ``code`` is stable, ``source`` names the input if any."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}[{self.code}] {self.message}"


INTERNAL_ERROR = "E900"
WORKER_DIED = "E901"


def internal_message(exc: BaseException, stage: str) -> str:
    """The E900 message for an unexpected ``exc`` met while ``stage`` ("reading", "coding") one document."""
    detail = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else "no message"
    return (f"internal error while {stage} this document ({type(exc).__name__}: {detail}); the rest of the "
            "batch goes on; please report it with this input")


class UsageError(NewsEventsError):
    code = "E001"


class SettingsError(UsageError):
    code = "E002"


class QueryRefusedError(UsageError):
    code = "E003"


class QueryTimeoutError(UsageError):
    code = "E004"


class NotFoundError(UsageError):
    code = "E005"


class AccessError(UsageError):
    code = "E006"


class MissingExtraError(UsageError):
    code = "E007"


class InputError(NewsEventsError):
    code = "E100"


class MissingInputError(InputError):
    code = "E101"


class InputTooLargeError(InputError):
    code = "E102"


class BinaryInputError(InputError):
    code = "E103"


class EncodingError(InputError):
    code = "E104"


class EmptyInputError(InputError):
    code = "E105"


class JsonLinesError(InputError):
    code = "E106"


class FetchError(InputError):
    code = "E107"


class NotRegularFileError(InputError):
    code = "E108"


class SymlinkLoopError(InputError):
    code = "E109"


class BadUrlError(InputError):
    code = "E110"


class RobotsDisallowedError(InputError):
    code = "E111"


class FeedError(InputError):
    code = "E112"


class ArchiveError(InputError):
    code = "E113"


class ExtractionError(NewsEventsError):
    code = "E200"


class NoArticleError(ExtractionError):
    code = "E201"


class LanguageError(ExtractionError):
    code = "E202"


class ModelError(NewsEventsError):
    code = "E300"


class KnowledgeError(NewsEventsError):
    code = "E400"


class StoreError(NewsEventsError):
    code = "E500"


class StoreBusyError(StoreError):
    code = "E501"


class EvaluationError(NewsEventsError):
    code = "E600"


class ClusterError(NewsEventsError):
    code = "E700"
