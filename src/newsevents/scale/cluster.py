"""Coding on Dask distributed: batches of Documents out to the workers, frozen records back.

    with connect(workers=2) as client:                      # or connect(scheduler="tcp://host:8786")
        coder = DaskCoder(client, settings, default_date=None)
        store.ingest_documents(items, coder.run)            # the same call as with Pipeline.run

Each worker builds one Pipeline when it joins (``PipelinePlugin``, a Dask WorkerPlugin) and keeps it
for the run; a task is one batch of ``cluster.batch_documents`` Documents through that pipeline, and
returns Results and Failures, never a spaCy Doc. The driver keeps ``cluster.in_flight_per_thread``
batches per worker thread submitted, collects them with ``as_completed`` as they finish, and hands
them on in input order, so that the store receives exactly what a single process would give it (the
first copy of a story is the same one, hence the same event keys) while the workers stay busy.

A task that raises is run again up to ``cluster.retries`` times; a task on a worker that dies is
rescheduled by the scheduler. A batch that fails every time becomes one E700 Failure per document,
and the rest of the run goes on; since Failures are not stored as articles, running the ingest again
codes those documents again. A result arrives once per batch, whatever was retried, and the store's
keys (keys.py) keep a document stored twice by two runs to one article.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from ..errors import ClusterError, MissingExtraError
from ..settings import Settings
from ..types import Document, Failure, Result

try:
    import distributed
    from distributed import Client, Future, WorkerPlugin, as_completed
except ImportError as exc:  # the optional extra
    raise MissingExtraError("coding on a cluster (--scheduler, --dask-workers) needs Dask distributed, which is "
                            "not installed; install it with: pip install 'newsevents[dask]'") from exc

if TYPE_CHECKING:
    from ..pipeline import Pipeline

CLUSTER_ERROR = ClusterError.code
Item = Document | Failure
Batch = list[Item]
Task = Callable[[str, Batch], list[Result | Failure]]


class PipelinePlugin(WorkerPlugin):
    """Builds one Pipeline per worker when it joins, from the run's Settings; tasks read it by ``name``.

    A worker started with several threads (``dask worker --nthreads 4``) runs one batch at a time through
    its pipeline, which is not written to be shared by threads: give workers one thread each and start
    more of them (``--nworkers``), as ``--dask-workers`` does.
    """

    def __init__(self, settings: Settings, default_date: date | None) -> None:
        self.settings = settings
        self.default_date = default_date
        self.pipeline: Pipeline | None = None
        self.lock: threading.Lock | None = None

    def setup(self, worker: Any) -> None:
        from ..pipeline import Pipeline  # loads spaCy: only where the worker runs

        self.lock = threading.Lock()
        self.pipeline = Pipeline(self.settings, default_date=self.default_date).load()

    def teardown(self, worker: Any) -> None:
        self.pipeline = None

    def code(self, batch: Batch) -> list[Result | Failure]:
        assert self.pipeline is not None and self.lock is not None, "task ran before the plugin's setup"
        with self.lock:
            return self.pipeline.process_batch(batch)


def plugin_name(settings: Settings, default_date: date | None) -> str:
    """One name per (settings, default date): runs with other settings on a shared cluster keep their own."""
    digest = hashlib.sha256(f"{settings.model_dump_json()}|{default_date}".encode()).hexdigest()[:16]
    return f"newsevents-pipeline-{digest}"


def code_batch(name: str, batch: Batch) -> list[Result | Failure]:
    """The task: one batch through the pipeline the worker's plugin ``name`` built."""
    plugin = distributed.get_worker().plugins[name]
    assert isinstance(plugin, PipelinePlugin), f"no newsevents plugin {name} on this worker"
    return plugin.code(batch)


class DaskCoder:
    """``run(items)``: Pipeline.run's results, coded on ``client``'s workers (see the module docstring).

    ``task`` is what each batch is given to; tests wrap ``code_batch`` to make a worker fail.
    """

    def __init__(self, client: Client, settings: Settings, *, default_date: date | None = None,
                 task: Task = code_batch) -> None:
        self.client = client
        self.settings = settings
        self.default_date = default_date
        self.task = task
        self._held = False

    def __enter__(self) -> DaskCoder:
        """Build the pipeline on every worker now and keep it until ``__exit__`` (else once per ``run``)."""
        self._register()
        self._held = True
        return self

    def __exit__(self, *exc: object) -> None:
        self._held = False
        self.client.unregister_worker_plugin(self.name)

    @property
    def name(self) -> str:
        return plugin_name(self.settings, self.default_date)

    def run(self, items: Iterable[Item]) -> Iterator[Result | Failure]:
        if self._held:
            yield from self._run(self.name, items)
            return
        self._register()
        try:
            yield from self._run(self.name, items)
        finally:
            self.client.unregister_worker_plugin(self.name)

    def _register(self) -> None:
        try:
            self.client.register_plugin(PipelinePlugin(self.settings, self.default_date), name=self.name)
        except Exception as exc:  # whatever a worker raised while loading becomes one coded error
            raise ClusterError(f"the Dask workers could not build the pipeline ({type(exc).__name__}: {exc}); "
                               "every worker needs newsevents installed with the same version and model",
                               source=str(getattr(self.client.scheduler, "address", None))) from exc

    def _run(self, name: str, items: Iterable[Item]) -> Iterator[Result | Failure]:
        cluster = self.settings.cluster
        threads = sum(self.client.nthreads().values())
        window = cluster.in_flight_per_thread * max(threads, 1)
        batches = enumerate(_batches(items, cluster.batch_documents))
        run_id = uuid.uuid4().hex[:12]  # a task's key is its identity to Dask: no two runs may share one
        sent: dict[Future, tuple[int, Batch]] = {}
        done: dict[int, list[Result | Failure]] = {}
        collected = as_completed()

        def submit(n: int) -> None:
            for index, batch in itertools.islice(batches, n):
                future = self.client.submit(self.task, name, batch, key=f"newsevents-batch-{run_id}-{index}",
                                            retries=cluster.retries, pure=False)
                sent[future] = (index, batch)
                collected.add(future)

        following = 0
        submit(window)
        try:
            for future in collected:
                index, batch = sent.pop(future)
                done[index] = self._outcome(future, batch)
                future.release()
                while following in done:
                    yield from done.pop(following)
                    following += 1
                # Batches finished behind a slow one wait here for it; while ``window`` of them wait, no more
                # are sent, so that memory stays bounded however long the slow one is retried. The slow one
                # is still in ``sent``, so the loop goes on until it arrives.
                if len(done) < window:
                    submit(max(window - len(sent), 0))
        finally:
            for future in sent:
                future.cancel()

    def _outcome(self, future: Future, batch: Batch) -> list[Result | Failure]:
        try:
            results: list[Result | Failure] = future.result()
            return results
        except Exception as exc:  # noqa: BLE001 - a batch lost on every retry: its documents fail, the run goes on
            message = (f"lost on the cluster after {self.settings.cluster.retries} retries "
                       f"({type(exc).__name__}: {str(exc).strip()[:200]}); run the ingest again to code it")
            return [item if isinstance(item, Failure) else Failure(item.source, CLUSTER_ERROR, message, item.doc_id)
                    for item in batch]


@contextmanager
def connect(*, scheduler: str | None = None, workers: int | None = None, processes: bool = True,
            timeout_s: float = 10.0) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a cluster of ``workers`` started here for the run.

    A local cluster has one thread per worker (spaCy holds the GIL while it parses, so threads would not
    parse in parallel), and listens on loopback only, its HTTP port (Dask's dashboard) chosen free.
    """
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=timeout_s)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({type(exc).__name__}); start one "
                               f"with `dask scheduler` and workers with `dask worker {scheduler}`, or use "
                               "--dask-workers N for a cluster on this machine", source=scheduler) from exc
        with client:
            yield client
        return
    local = distributed.LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=processes,
                                     protocol="tcp", host="127.0.0.1", dashboard_address="127.0.0.1:0")
    with local, Client(local) as client:
        yield client


def _batches(items: Iterable[Item], size: int) -> Iterator[Batch]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch
