"""Where documents are coded: this machine's processes (Pipeline.run), or a Dask cluster (cluster.py).

``coding(...)`` gives the one function ``EventStore.ingest_documents`` and ``write_parquet`` need,
``run(documents) -> results``, whichever it is, so that a command does not care.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date

from ..errors import UsageError
from ..settings import Settings
from ..types import Document, Failure, Result

Run = Callable[[Iterable[Document | Failure]], Iterator[Result | Failure]]


@contextmanager
def coding(settings: Settings, *, default_date: date | None = None, workers: int | None = None,
           scheduler: str | None = None, dask_workers: int | None = None) -> Iterator[Run]:
    """``run`` for this machine (``workers`` processes, None: chosen), the Dask scheduler at ``scheduler``,
    or a Dask cluster of ``dask_workers`` started here and stopped on leaving."""
    if scheduler is not None and dask_workers is not None:
        raise UsageError("--scheduler and --dask-workers are two ways of choosing a cluster: give one")
    if (scheduler is not None or dask_workers is not None) and workers is not None:
        raise UsageError("--workers counts processes on this machine; on a cluster the workers are Dask's: "
                         "leave --workers out")
    if scheduler is None and dask_workers is None:
        from ..pipeline import Pipeline  # loads spaCy

        pipeline = Pipeline(settings, default_date=default_date).load()  # a broken dictionary stops here, once

        def local(items: Iterable[Document | Failure]) -> Iterator[Result | Failure]:
            return pipeline.run(items, n_process=workers)

        yield local
        return
    from .cluster import DaskCoder, connect  # E007 when the [dask] extra is missing

    with connect(scheduler=scheduler, workers=dask_workers,
                 timeout_s=settings.cluster.connect_timeout_s) as client:
        yield DaskCoder(client, settings, default_date=default_date).run
