"""Worker processes for ``Pipeline.run``: batches in, results out in input order, and a worker that dies
costs one document, never the run.

A worker can die without raising: the kernel kills it for memory, or a C extension crashes on one odd
document. ``multiprocessing.Pool`` then waits forever for the lost batch. ``ProcessPoolExecutor`` instead
fails every batch still in flight (``BrokenProcessPool``), and this module takes it from there: each batch
that was lost is coded again one document at a time in a fresh single-worker pool, so that the document
that kills a worker again becomes its own failure (E901) and every other document is coded; then a fresh
pool takes the rest of the input. A worker also ends when the process that started it dies, even by
SIGKILL, so a killed run leaves no workers behind.

At most ``2 * n_process`` batches are in flight, so a long input is read as the workers go, not up front.
Each worker holds one object with a ``process_batch`` method for its lifetime (inherited when forked,
built by the initializer when spawned): the one piece of process-level state in the package, confined to
worker processes started here.
"""

from __future__ import annotations

import ctypes
import multiprocessing.context
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from .errors import WORKER_DIED
from .types import Document, Failure, Result

Item = Document | Failure


class BatchProcessor(Protocol):
    def process_batch(self, batch: list[Item]) -> list[Result | Failure]: ...


_worker_processor: BatchProcessor | None = None
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _start(parent: int, initializer: Callable[..., None], initargs: tuple[object, ...]) -> None:
    """Every worker's first step: end with the parent, then run the pool's own initializer."""
    _exit_with_parent(parent)
    initializer(*initargs)


def _exit_with_parent(parent: int) -> None:
    """Ask the kernel to kill this worker when the process that started it dies, even by SIGKILL.

    Without it a killed ``ingest`` leaves its workers behind, each holding a loaded model (Linux only;
    elsewhere the workers end when they next find their queue closed).
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def adopt(processor: BatchProcessor) -> None:
    """Initializer of a forked worker: keep the parent's loaded processor."""
    global _worker_processor
    _worker_processor = processor


def build(factory: Callable[..., BatchProcessor], *args: object) -> None:
    """Initializer of a spawned worker: build a processor of its own."""
    global _worker_processor
    _worker_processor = factory(*args)


def _work(batch: list[Item]) -> list[Result | Failure]:
    assert _worker_processor is not None, "worker used before its initializer ran"
    return _worker_processor.process_batch(batch)


class WorkerPool:
    """``n_process`` workers started from ``context``, each set up by ``initializer(*initargs)``."""

    def __init__(self, n_process: int, context: multiprocessing.context.BaseContext,
                 initializer: Callable[..., None], initargs: tuple[object, ...]) -> None:
        self.n_process = n_process
        self._context = context
        self._initializer = initializer
        self._initargs = initargs

    def _executor(self, n: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(n, mp_context=self._context, initializer=_start,
                                   initargs=(os.getpid(), self._initializer, self._initargs))

    def map(self, batches: Iterator[list[Item]]) -> Iterator[list[Result | Failure]]:
        """Each batch's results, in input order."""
        window = 2 * self.n_process
        pending: deque[tuple[list[Item], Future[list[Result | Failure]]]] = deque()
        executor = self._executor(self.n_process)
        try:
            while True:
                while len(pending) < window and (batch := next(batches, None)) is not None:
                    pending.append((batch, executor.submit(_work, batch)))
                if not pending:
                    return
                batch, future = pending.popleft()
                try:
                    yield future.result()
                    continue
                except BrokenProcessPool:
                    executor.shutdown(wait=False, cancel_futures=True)
                lost = [(batch, future), *pending]
                pending.clear()
                for lost_batch, lost_future in lost:
                    done = lost_future.done() and not lost_future.cancelled() and lost_future.exception() is None
                    yield lost_future.result() if done else self._one_at_a_time(lost_batch)
                executor = self._executor(self.n_process)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def _one_at_a_time(self, batch: list[Item]) -> list[Result | Failure]:
        """A lost batch again, each document alone, so that only the one that kills a worker is lost."""
        out: list[Result | Failure] = []
        executor = self._executor(1)
        try:
            for item in batch:
                if isinstance(item, Failure):
                    out.append(item)
                    continue
                try:
                    out.extend(executor.submit(_work, [item]).result())
                except BrokenProcessPool:
                    executor.shutdown(wait=False, cancel_futures=True)
                    out.append(Failure(item.source, WORKER_DIED, _DIED_MESSAGE, item.doc_id))
                    executor = self._executor(1)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
        return out


_DIED_MESSAGE = ("the worker process coding this document died (killed for memory, or a crash in a C "
                 "extension); the rest of the batch goes on; try it alone with --workers 1, and please "
                 "report it with this input")
