"""Opening the store's DuckDB file: when, for how long, and with what reach.

DuckDB lets one process hold a file for writing or any number of processes hold it for reading (an
operating-system lock on the file), so that readers can work beside an ingest:

- a writer holds the file only while it writes: ``Access.writing()`` opens it, one batch is written
  and committed, and it is closed again (``newsevents ingest`` and ``POST /articles`` do this per
  batch);
- a process that finds the file held by another tries again, with short pauses, for up to
  ``store.lock_wait_s`` seconds, then says which process holds it (its pid and command, from DuckDB's
  message and /proc), whether that one reads or writes, and what to do;
- within one process every read shares one read-only connection (each call takes its own cursor); a
  write waits for the reads in flight, closes that connection, writes, and the next read opens it
  again. A read-only store keeps its connection until it is closed.

Every connection is locked down (``CONFIG``): DuckDB reaches no file but the store itself (no
``read_csv``, ``read_text``, ``glob``, ``ATTACH`` or ``COPY``), installs and loads no extension, and
its configuration cannot be changed by the SQL it runs. SQL that users write (``newsevents sql``) or
influence (the API's filters) therefore sees the store's tables and nothing else.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreBusyError, StoreError

# DuckDB's own names for these settings (DuckDB 2.0, "Securing DuckDB"); lock_configuration last, so
# that nothing run on the connection can switch the others back on.
CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}

# Pauses between tries grow from 10 ms to 200 ms: a batch is written in well under a second
# (docs/benchmarks.md, "Store"), so a reader usually gets in on one of its first tries.
_FIRST_PAUSE_S = 0.01
_LONGEST_PAUSE_S = 0.2
_PID = re.compile(r"\(PID (\d+)\)")


def connect(path: Path, *, read_only: bool, wait_s: float) -> Any:
    """A locked-down DuckDB connection to ``path``, waiting up to ``wait_s`` for another holder."""
    deadline = time.monotonic() + wait_s
    pause = _FIRST_PAUSE_S
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=CONFIG)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"cannot open {path} ({exc}); check the path and its permissions") from exc
            busy: duckdb.Error = exc
        except duckdb.ConnectionException as exc:
            if "different configuration" not in str(exc):
                raise StoreError(f"cannot open {path} ({exc}); check the path and its permissions") from exc
            busy = exc  # this process has the file open another way: it may be closing it now
        except duckdb.Error as exc:
            raise StoreError(f"{path} cannot be opened as a DuckDB database ({exc}); is it an event store?") from exc
        if time.monotonic() + pause > deadline:
            raise StoreBusyError(busy_message(path, str(busy), read_only=read_only, wait_s=wait_s)) from busy
        time.sleep(pause)
        pause = min(pause * 2, _LONGEST_PAUSE_S)


def busy_message(path: Path, error: str, *, read_only: bool, wait_s: float) -> str:
    """Who holds ``path`` (from DuckDB's lock error), whether it reads or writes, and what to do."""
    waited = f"for {wait_s:g} s (store.lock_wait_s)"
    if "different configuration" in error:
        return (f"{path} is open in this process through another connection that was not closed; close "
                "the other EventStore or DuckDB connection first")
    match = _PID.search(error)
    who = f"process {match.group(1)}{_command(int(match.group(1)))}" if match else "another process"
    # DuckDB adds this hint only when the holder merely reads (a shared lock), so then a reader holds it.
    reader = "read-only mode" in error
    if read_only or not reader:
        return (f"{path} is being written by {who}, which held it {waited}; newsevents holds a store only "
                "while it writes a batch, so that process keeps it open: wait for it to finish (or stop it), "
                "or query a copy of the file")
    return (f"{path} is being read by {who}, which held it {waited}, so nothing could be written: wait for "
            "that reader to finish (or close it), or raise store.lock_wait_s")


def _command(pid: int) -> str:
    """`` (the command line)`` of a local process, when /proc tells it."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    words = [w for w in raw.decode("utf-8", "replace").split("\0") if w]
    if not words:
        return ""
    # One line, printable: a command line may hold newlines (python -c) or terminal escapes.
    line = "".join(c if c.isprintable() else " " for c in " ".join([os.path.basename(words[0]), *words[1:]]))
    line = " ".join(line.split())
    return f" ({line[:157]}...)" if len(line) > 160 else f" ({line})"


class Access:
    """One store file's connections within a process: shared reads, exclusive and short writes.

    With ``hold=True`` (``store.hold_for_writing``) the first write's connection is kept until
    ``close()``, and reads take cursors on it: no reopening per batch, and no other process can open
    the file meanwhile, which is how every store was opened before issue 7.
    """

    errors: tuple[type[BaseException], ...] = (duckdb.Error,)  # what the driver raises (see postgres.PgAccess)

    def __init__(self, path: Path, *, read_only: bool, wait_s: float, hold: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.wait_s = wait_s
        self.hold = hold and not read_only
        self._cond = threading.Condition()
        self._readers = 0  # reads in flight on the read-only connection
        self._writers = 0  # writes in flight or waiting: new reads wait for them
        self._writing = False  # a write holds the file now
        self._reader: Any = None  # the shared read-only connection, while one is open
        self._held: Any = None  # with hold: the read-write connection, once opened
        self._closed = False

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """A cursor on the shared read-only connection (or the held one), opened if need be."""
        with self._cond:
            self._await(lambda: self._held is not None or not self._writers, "a write in this process")
            source = self._held
            counted = source is None  # reads on the read-only connection are counted: a write waits for them
            if source is None:
                if self._reader is None:
                    self._reader = connect(self.path, read_only=True, wait_s=self.wait_s)
                self._readers += 1
                source = self._reader
        try:
            cur = source.cursor()
            try:
                yield cur
            finally:
                cur.close()
        finally:
            if counted:
                with self._cond:
                    self._readers -= 1
                    self._cond.notify_all()

    @contextmanager
    def writing(self) -> Iterator[Any]:
        """A read-write connection, held only for this block unless ``hold`` (one write at a time)."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; open it with read_only=False to write to it")
        with self._cond:
            self._writers += 1
            try:
                # Our own read connection must go first: DuckDB opens a file in one mode per process.
                self._await(lambda: not self._writing and (self._held is not None or not self._readers),
                            "other reads or writes in this process")
                self._writing = True
                if self._held is None:
                    self._drop_reader()
            except BaseException:
                self._writers -= 1
                self._cond.notify_all()
                raise
        try:
            con = self._held
            if con is None:
                con = connect(self.path, read_only=False, wait_s=self.wait_s)
                if self.hold:
                    with self._cond:
                        self._held = con
            try:
                yield con
            finally:
                if con is not self._held:
                    con.close()
        finally:
            with self._cond:
                self._writing = False
                self._writers -= 1
                self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._drop_reader()
            if self._held is not None:
                self._held.close()
                self._held = None
    def _drop_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def _await(self, ready: Callable[[], bool], what: str) -> None:
        """Wait (holding the condition) until ``ready()``; bounded by ``wait_s`` like any other wait."""
        if self._closed:
            raise StoreError(f"{self.path} was closed; open the store again")
        deadline = time.monotonic() + self.wait_s
        while not ready():
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreBusyError(f"{self.path} was held by {what} for {self.wait_s:g} s (store.lock_wait_s); "
                                     "try again once it has finished")
            self._cond.wait(left)
